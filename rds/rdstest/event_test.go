package rdstest_test

import (
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/rds/rdstest"
)

func TestDescribeEvents(t *testing.T) {
	// A clock the test moves, so event times and Duration are exact.
	var mu sync.Mutex
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	wait := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	// MaxSkew lets requests signed on the real clock through.
	srv := rdstest.Start(t, rdstest.WithManualTransitions(), fakes.WithClock(clock), fakes.WithMaxSkew(1<<62))
	c := client(t, srv)
	ctx := t.Context()
	createInstance(t, c, "ev", nil)
	wait(time.Minute)
	srv.Settle()
	wait(2 * time.Hour)
	if _, err := c.CreateDBSnapshot(ctx, &awsrds.CreateDBSnapshotInput{DBInstanceIdentifier: aws.String("ev"), DBSnapshotIdentifier: aws.String("ev-snap")}); err != nil {
		t.Fatal(err)
	}
	srv.Settle()
	list := func(in *awsrds.DescribeEventsInput) []string {
		t.Helper()
		out, err := c.DescribeEvents(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range out.Events {
			got = append(got, string(e.SourceType)+" "+aws.ToString(e.SourceIdentifier)+" "+aws.ToTime(e.Date).Format("15:04")+" "+aws.ToString(e.Message))
		}
		return got
	}
	for _, tc := range []struct {
		name string
		in   *awsrds.DescribeEventsInput
		want []string
	}{
		{"last hour", &awsrds.DescribeEventsInput{}, []string{
			"db-snapshot ev-snap 14:01 Creating manual snapshot",
			"db-snapshot ev-snap 14:01 Manual snapshot created"}},
		{"since start", &awsrds.DescribeEventsInput{StartTime: aws.Time(clock().Add(-3 * time.Hour)), SourceType: types.SourceTypeDbInstance}, []string{
			"db-instance ev 12:01 Backing up DB instance",
			"db-instance ev 12:01 Finished DB Instance backup",
			"db-instance ev 12:01 DB instance created"}},
		{"duration", &awsrds.DescribeEventsInput{Duration: aws.Int32(180), SourceType: types.SourceTypeDbSnapshot, SourceIdentifier: aws.String("ev-snap")}, []string{
			"db-snapshot ev-snap 14:01 Creating manual snapshot",
			"db-snapshot ev-snap 14:01 Manual snapshot created"}},
		{"category", &awsrds.DescribeEventsInput{Duration: aws.Int32(180), EventCategories: []string{"creation"}, SourceType: types.SourceTypeDbInstance}, []string{
			"db-instance ev 12:01 DB instance created"}},
	} {
		if diff := cmp.Diff(tc.want, list(tc.in)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	_, err := c.DescribeEvents(ctx, &awsrds.DescribeEventsInput{SourceIdentifier: aws.String("ev")})
	if code(err) != "InvalidParameterCombination" {
		t.Errorf("identifier without type: %v", err)
	}
}
