package rds_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/rdstest"
)

func TestWaitErrors(t *testing.T) {
	_, conn := startFake(t, rdstest.WithManualTransitions())
	ctx := t.Context()
	db, err := conn.CreateDBInstance(ctx, mysqlOptions("waits"))
	if err != nil {
		t.Fatal(err)
	}

	// The first poll has the whole timeout to answer; Progress then
	// holds the wait past it, so the error always carries that poll's
	// state however loaded the machine is.
	const timeout = 300 * time.Millisecond
	hold := goboto.Progress(func(_ string, elapsed time.Duration) { time.Sleep(timeout - elapsed + 10*time.Millisecond) })
	err = db.Wait(ctx, rds.InstanceAvailable, fast, goboto.Timeout(timeout), hold)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait = %v; want a deadline error", err)
	}
	if !strings.HasPrefix(err.Error(), "RDS: DB instance waits not available after ") || !strings.HasSuffix(err.Error(), `(last state "creating")`) {
		t.Errorf("timeout error text %q", err)
	}

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := db.Wait(cctx, rds.InstanceAvailable, fast); !errors.Is(err, context.Canceled) {
		t.Errorf("Wait on a cancelled context = %v; want context.Canceled", err)
	}

	wantInvalid(t, db.Wait(ctx, rds.InstanceAvailable, goboto.Timeout(0)), "Timeout: 0s must be positive")
	wantInvalid(t, db.Wait(ctx, rds.InstanceAvailable, goboto.Interval(-time.Second)), "Interval: -1s must be positive")
	wantInvalid(t, db.Wait(ctx, ""), "State: is required")
	wantInvalid(t, conn.DBInstance("bad_id").Wait(ctx, rds.InstanceAvailable), "DBInstanceIdentifier: bad_id must contain only letters, digits and hyphens")

	if err := db.Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true}); err != nil {
		t.Fatal(err)
	}
	err = db.Wait(ctx, rds.InstanceAvailable, fast)
	var se *goboto.StateError
	if !errors.As(err, &se) || err.Error() != "RDS: DB instance waits is deleting while waiting for available" {
		t.Errorf("Wait on a deleting instance = %v; want a StateError", err)
	}
	// Any status RDS reports can be waited for.
	if err := db.Wait(ctx, rds.InstanceDeleting, fast); err != nil {
		t.Error(err)
	}
}

// TestWaitProgress drives the fake one step per poll from the progress
// callback, so the states it reports are exactly the instance's way.
func TestWaitProgress(t *testing.T) {
	srv, conn := startFake(t, rdstest.WithManualTransitions())
	ctx := t.Context()
	db, err := conn.CreateDBInstance(ctx, mysqlOptions("progress"))
	if err != nil {
		t.Fatal(err)
	}
	var states []string
	var elapsed []time.Duration
	step := goboto.Progress(func(s string, d time.Duration) {
		states = append(states, s)
		elapsed = append(elapsed, d)
		srv.Step()
	})
	if err := db.Wait(ctx, rds.InstanceAvailable, fast, step); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"creating", "backing-up", "available"}, states); diff != "" {
		t.Errorf("progress to available (-want +got):\n%s", diff)
	}
	if !slices.IsSorted(elapsed) {
		t.Errorf("elapsed times %v go backwards", elapsed)
	}

	if err := db.Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true}); err != nil {
		t.Fatal(err)
	}
	states = nil
	if err := db.Wait(ctx, rds.InstanceDeleted, fast, step); err != nil {
		t.Fatal(err)
	}
	// The last poll finds no instance, which is what deleted means.
	if diff := cmp.Diff([]string{"deleting", string(rds.InstanceDeleted)}, states); diff != "" {
		t.Errorf("progress to deleted (-want +got):\n%s", diff)
	}
}

// A default waiter against a default fake must not pause: rdstest
// finishes a change before its next request (as ec2test does), so the
// waiter's first look already sees "available" and it returns before
// the pause that follows an unsuccessful look. Counting the looks pins
// that without timing the test.
func TestDefaultWaitLooksOnce(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	db, err := conn.CreateDBInstance(ctx, mysqlOptions("quick"))
	if err != nil {
		t.Fatal(err)
	}
	if db.Status != rds.InstanceCreating {
		t.Errorf("CreateDBInstance answered %q; want %q", db.Status, rds.InstanceCreating)
	}
	srv.ResetCalls()
	var seen []string
	if err := db.Wait(ctx, rds.InstanceAvailable, goboto.Progress(func(s string, _ time.Duration) { seen = append(seen, s) })); err != nil {
		t.Fatal(err)
	}
	if n := count(srv, "DescribeDBInstances"); n < 1 || n > 2 {
		t.Errorf("Wait made %d DescribeDBInstances calls; want 1 or 2", n)
	}
	// Two looks would also be the count of a waiter that saw "creating"
	// and then slept; the states it saw tell the two apart.
	if diff := cmp.Diff([]string{string(rds.InstanceAvailable)}, seen); diff != "" {
		t.Errorf("states the waiter saw (-want +got):\n%s", diff)
	}
	if db.Status != rds.InstanceAvailable {
		t.Errorf("after Wait the status is %q; want %q", db.Status, rds.InstanceAvailable)
	}
}
