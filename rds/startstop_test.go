package rds_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/rdstest"
)

// TestStopStart stops an instance with a snapshot first, waits for it to
// stop, starts it and waits for it to be available, watching every state
// (RDS User Guide, "Stopping an Amazon RDS DB instance temporarily").
func TestStopStart(t *testing.T) {
	srv, conn := startFake(t, rdstest.WithManualTransitions())
	ctx := t.Context()
	db, err := conn.CreateDBInstance(ctx, mysqlOptions("sleeper"))
	if err != nil {
		t.Fatal(err)
	}
	srv.Settle()
	wantCode(t, db.Start(ctx), "InvalidDBInstanceState")
	if err := db.Stop(ctx, rds.SnapshotBeforeStop("sleeper-stop")); err != nil {
		t.Fatal(err)
	}
	seen := []rds.InstanceState{db.Status}
	look := func() {
		t.Helper()
		if err := db.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		seen = append(seen, db.Status)
	}
	for srv.Step() > 0 {
		look()
	}
	// A stopped instance is what Wait(InstanceStopped) waits for.
	if err := db.Wait(ctx, rds.InstanceStopped, fast); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.Stop(ctx), "InvalidDBInstanceState")
	if err := db.Start(ctx); err != nil {
		t.Fatal(err)
	}
	seen = append(seen, db.Status)
	srv.Settle()
	if err := db.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
		t.Fatal(err)
	}
	seen = append(seen, db.Status)
	// The snapshot is taken while the instance is stopping.
	want := []rds.InstanceState{rds.InstanceStopping, rds.InstanceStopping, rds.InstanceStopped, rds.InstanceStarting, rds.InstanceAvailable}
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	if err := conn.DBSnapshot("sleeper-stop").Refresh(ctx); err != nil {
		t.Fatalf("the stop's snapshot: %v", err)
	}
}

// TestWaitStoppedFails: waiting for stopped ends with a StateError when
// the instance is deleted instead.
func TestWaitStoppedFails(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	db := newInstance(t, conn, "doomed")
	if err := db.Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true}); err != nil {
		t.Fatal(err)
	}
	var se *goboto.StateError
	if err := db.Wait(ctx, rds.InstanceStopped, fast); !errorsAs(err, &se) {
		t.Errorf("Wait(stopped) on a deleted instance: %v; want a StateError", err)
	}
}

// TestStopRefusedLocally: a bad snapshot name and an empty identifier are
// refused before anything is sent.
func TestStopRefusedLocally(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	wantInvalid(t, conn.DBInstance("db").Stop(ctx, rds.SnapshotBeforeStop("bad--name")), "")
	wantInvalid(t, conn.DBInstance("").Start(ctx), "")
	wantInvalid(t, conn.DBInstance("-x").Stop(ctx, nil), "")
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls reached the fake", n)
	}
	wantCode(t, conn.DBInstance("ghost").Stop(ctx), "DBInstanceNotFound")
}
