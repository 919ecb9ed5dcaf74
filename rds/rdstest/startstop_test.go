package rdstest_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/rds/rdstest"
)

// TestStopStart follows an instance available → stopping → stopped →
// starting → available (RDS User Guide, "Stopping an Amazon RDS DB
// instance temporarily"), with InvalidDBInstanceState for a stop of an
// instance that is not available and a start of one that is not stopped.
func TestStopStart(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithManualTransitions())
	c := client(t, srv)
	ctx := t.Context()
	createInstance(t, c, "db", nil)
	stop := func(snap string) error {
		in := &awsrds.StopDBInstanceInput{DBInstanceIdentifier: aws.String("db")}
		if snap != "" {
			in.DBSnapshotIdentifier = aws.String(snap)
		}
		_, err := c.StopDBInstance(ctx, in)
		return err
	}
	start := func() error {
		_, err := c.StartDBInstance(ctx, &awsrds.StartDBInstanceInput{DBInstanceIdentifier: aws.String("db")})
		return err
	}
	if code(stop("")) != "InvalidDBInstanceState" {
		t.Error("stopped an instance that is still creating")
	}
	srv.Settle()
	if code(start()) != "InvalidDBInstanceState" {
		t.Error("started an available instance")
	}
	var seen []string
	if err := stop("before-stop"); err != nil {
		t.Fatal(err)
	}
	seen = append(seen, instanceStatus(t, c, "db"))
	if code(stop("")) != "InvalidDBInstanceState" {
		t.Error("stopped a stopping instance")
	}
	for srv.Step() > 0 {
		seen = append(seen, instanceStatus(t, c, "db"))
	}
	if err := start(); err != nil {
		t.Fatal(err)
	}
	seen = append(seen, instanceStatus(t, c, "db"))
	srv.Settle()
	seen = append(seen, instanceStatus(t, c, "db"))
	// The snapshot is taken first, while the instance is stopping.
	want := []string{"stopping", "stopping", "stopped", "starting", "available"}
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	if s, ok := srv.DBSnapshot(fake.DefaultCredentials()[0].AccountID, fake.DefaultRegion, "before-stop"); !ok || s.Status != "available" {
		t.Errorf("the stop's snapshot: %+v %t", s, ok)
	}
	if err := stop("before-stop"); code(err) != "DBSnapshotAlreadyExists" {
		t.Errorf("stop with a taken snapshot name: %v", err)
	}
	if _, err := c.StopDBInstance(ctx, &awsrds.StopDBInstanceInput{DBInstanceIdentifier: aws.String("ghost")}); code(err) != "DBInstanceNotFound" {
		t.Errorf("stop of a missing instance: %v", err)
	}
}

// TestStoppedInstanceRestartsAfterSevenDays: RDS API Reference,
// StopDBInstance: "The instance restarts automatically after 7 days."
func TestStoppedInstanceRestartsAfterSevenDays(t *testing.T) {
	clock := fakes.NewClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	srv := rdstest.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(100*365*24*time.Hour))
	c := client(t, srv)
	createInstance(t, c, "sleepy", nil)
	if got := instanceStatus(t, c, "sleepy"); got != "available" {
		t.Fatalf("status %s", got)
	}
	if _, err := c.StopDBInstance(t.Context(), &awsrds.StopDBInstanceInput{DBInstanceIdentifier: aws.String("sleepy")}); err != nil {
		t.Fatal(err)
	}
	if got := instanceStatus(t, c, "sleepy"); got != "stopped" {
		t.Fatalf("status %s", got)
	}
	clock.Advance(rdstest.MaxStoppedTime - time.Second)
	if got := instanceStatus(t, c, "sleepy"); got != "stopped" {
		t.Errorf("a second before seven days: %s", got)
	}
	clock.Advance(time.Second)
	seen := []string{instanceStatus(t, c, "sleepy"), instanceStatus(t, c, "sleepy")}
	if diff := cmp.Diff([]string{"starting", "available"}, seen); diff != "" {
		t.Errorf("after seven days (-want +got):\n%s", diff)
	}
	ev, err := c.DescribeEvents(t.Context(), &awsrds.DescribeEventsInput{SourceIdentifier: aws.String("sleepy"),
		SourceType: "db-instance", Duration: aws.Int32(14 * 24 * 60)})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range ev.Events {
		found = found || aws.ToString(e.Message) == "DB instance is being started due to it exceeding the maximum allowed time being stopped."
	}
	if !found {
		t.Error("no event says why the instance started")
	}
}
