package rds_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/rds"
)

func TestDBSnapshotLifecycle(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	db := newInstance(t, conn, "snapdb")
	snap, err := db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: "snapdb-1"})
	if err != nil {
		t.Fatal(err)
	}
	if snap.Status != rds.SnapshotCreating {
		t.Errorf("new snapshot is %q; want creating", snap.Status)
	}
	if err := snap.Wait(ctx, rds.SnapshotAvailable, fast); err != nil {
		t.Fatal(err)
	}
	got := []any{snap.ID, snap.InstanceID, snap.Type, snap.Engine, snap.AllocatedStorage, snap.Port}
	want := []any{"snapdb-1", "snapdb", rds.SnapshotManual, "mysql", int32(20), int32(3306)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("snapshot (-want +got):\n%s", diff)
	}
	_, err = db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: "snapdb-1"})
	wantCode(t, err, "DBSnapshotAlreadyExists")
	srv.ResetCalls()
	_, err = db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: "snap_1"})
	wantInvalid(t, err, "DBSnapshotIdentifier: snap_1 must contain only letters, digits and hyphens")
	if got := ops(srv); len(got) != 0 {
		t.Errorf("refused snapshot sent %q", got)
	}

	cp, err := snap.Copy(ctx, rds.CopyOptions{ID: "snapdb-copy"})
	if err != nil {
		t.Fatal(err)
	}
	if err := cp.Wait(ctx, rds.SnapshotAvailable, fast); err != nil {
		t.Fatal(err)
	}

	var ids []string
	for s, err := range conn.DBSnapshots(ctx, rds.SnapshotFilter{InstanceID: "snapdb", Type: rds.SnapshotManual}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
	}
	slices.Sort(ids)
	if diff := cmp.Diff([]string{"snapdb-1", "snapdb-copy"}, ids); diff != "" {
		t.Errorf("DBSnapshots (-want +got):\n%s", diff)
	}

	restored, err := snap.Restore(ctx, rds.RestoreOptions{ID: "snapdb-restored", Class: "db.t3.small"})
	if err != nil {
		t.Fatal(err)
	}
	if err := restored.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if restored.Engine != "mysql" || restored.Class != "db.t3.small" || restored.AllocatedStorage != 20 {
		t.Errorf("restored %s %s %d; want mysql db.t3.small 20", restored.Engine, restored.Class, restored.AllocatedStorage)
	}
	_, err = snap.Restore(ctx, rds.RestoreOptions{ID: "snapdb-restored"})
	wantCode(t, err, "DBInstanceAlreadyExists")

	for _, err := range conn.DBSnapshots(ctx, rds.SnapshotFilter{}, rds.PageSize(101)) {
		wantInvalid(t, err, "MaxRecords: 101 out of range 20-100")
	}

	if err := cp.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := cp.Wait(ctx, rds.SnapshotDeleted, fast); err != nil {
		t.Fatal(err)
	}
	wantCode(t, cp.Refresh(ctx), "DBSnapshotNotFound")
	wantCode(t, cp.Delete(ctx), "DBSnapshotNotFound")
	_, err = conn.DBSnapshot("nothere").Restore(ctx, rds.RestoreOptions{ID: "x"})
	wantCode(t, err, "DBSnapshotNotFound")
}

func TestDBSnapshotSharing(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	other := otherConn(srv)
	db := newInstance(t, conn, "shared")
	snap, err := db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: "shared-1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := snap.Wait(ctx, rds.SnapshotAvailable, fast); err != nil {
		t.Fatal(err)
	}
	otherAccount := fake.DefaultCredentials()[1].AccountID

	// Before sharing, the other account sees nothing.
	for s, err := range other.DBSnapshots(ctx, rds.SnapshotFilter{IncludeShared: true}) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("other account sees %s before sharing", s.ID)
	}
	_, err = other.DBSnapshot(snap.ARN).Restore(ctx, rds.RestoreOptions{ID: "stolen"})
	wantCode(t, err, "DBSnapshotNotFound")

	if err := snap.Share(ctx, goboto.Accounts(otherAccount)); err != nil {
		t.Fatal(err)
	}
	perms, err := snap.Permissions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(goboto.Accounts(otherAccount), perms); diff != "" {
		t.Errorf("Permissions (-want +got):\n%s", diff)
	}

	var seen []*rds.DBSnapshot
	for s, err := range other.DBSnapshots(ctx, rds.SnapshotFilter{IncludeShared: true}) {
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, s)
	}
	if len(seen) != 1 || seen[0].ARN != snap.ARN || seen[0].Type != rds.SnapshotShared {
		t.Fatalf("other account sees %v; want %s as shared", seen, snap.ARN)
	}
	// Without IncludeShared it sees nothing of it.
	for s, err := range other.DBSnapshots(ctx, rds.SnapshotFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("other account lists %s without IncludeShared", s.ID)
	}
	restored, err := other.DBSnapshot(snap.ARN).Restore(ctx, rds.RestoreOptions{ID: "borrowed"})
	if err != nil {
		t.Fatal(err)
	}
	if err := restored.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
		t.Fatal(err)
	}
	// Sharing lets it restore, nothing else.
	if err := other.DBSnapshot(snap.ARN).Delete(ctx); err == nil {
		t.Error("other account deleted a snapshot shared with it")
	}
	if err := other.DBSnapshot(snap.ARN).Share(ctx, goboto.Accounts("123456789012")); err == nil {
		t.Error("other account reshared a snapshot shared with it")
	}

	if err := snap.Share(ctx, goboto.Everyone()); err != nil {
		t.Fatal(err)
	}
	if perms, err = snap.Permissions(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(goboto.Audience{Accounts: []string{otherAccount}, Everyone: true}, perms); diff != "" {
		t.Errorf("Permissions after public (-want +got):\n%s", diff)
	}
	if err := snap.Unshare(ctx, goboto.Audience{Accounts: []string{otherAccount}, Everyone: true}); err != nil {
		t.Fatal(err)
	}
	if perms, err = snap.Permissions(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(goboto.Audience{}, perms); diff != "" {
		t.Errorf("Permissions after Unshare (-want +got):\n%s", diff)
	}
	_, err = other.DBSnapshot(snap.ARN).Restore(ctx, rds.RestoreOptions{ID: "again"})
	wantCode(t, err, "DBSnapshotNotFound")

	srv.ResetCalls()
	wantInvalid(t, snap.Share(ctx, goboto.Accounts("12345")), "ValuesToAdd: 12345 is not a 12-digit AWS account ID")
	wantInvalid(t, snap.Share(ctx, goboto.Audience{}), "ValuesToAdd: needs at least one account or Everyone")
	wantInvalid(t, snap.Unshare(ctx, goboto.Accounts("all")), "ValuesToRemove: all is not a 12-digit AWS account ID")
	many := make([]string, 21)
	for i := range many {
		many[i] = fmt.Sprintf("1000000000%02d", i)
	}
	wantInvalid(t, snap.Share(ctx, goboto.Accounts(many...)), "ValuesToAdd: names 21 accounts; RDS shares a snapshot with at most 20")
	if got := ops(srv); len(got) != 0 {
		t.Errorf("refused shares sent %q", got)
	}
}

// TestDBSnapshotSharedWithSomeoneElse checks the fake shares per account:
// a snapshot shared with a third account stays hidden from the second,
// which can neither list, restore, copy nor share it, and its owner's
// Permissions name only the third.
func TestDBSnapshotSharedWithSomeoneElse(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	other := otherConn(srv)
	db := newInstance(t, conn, "third")
	snap, err := db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: "third-1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := snap.Wait(ctx, rds.SnapshotAvailable, fast); err != nil {
		t.Fatal(err)
	}
	const third = "123456789012"
	if err := snap.Share(ctx, goboto.Accounts(third)); err != nil {
		t.Fatal(err)
	}
	perms, err := snap.Permissions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(goboto.Accounts(third), perms); diff != "" {
		t.Errorf("Permissions (-want +got):\n%s", diff)
	}
	for s, err := range other.DBSnapshots(ctx, rds.SnapshotFilter{IncludeShared: true}) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("second account sees %s, shared with a third", s.ID)
	}
	shared := other.DBSnapshot(snap.ARN)
	_, err = shared.Restore(ctx, rds.RestoreOptions{ID: "not-mine"})
	wantCode(t, err, "DBSnapshotNotFound")
	_, err = shared.Copy(ctx, rds.CopyOptions{ID: "not-mine-either"})
	wantCode(t, err, "DBSnapshotNotFound")
	_, err = shared.Permissions(ctx)
	wantCode(t, err, "DBSnapshotNotFound")
	// Nor can it grant itself access.
	wantCode(t, shared.Share(ctx, goboto.Accounts(fake.OtherAccountID)), "DBSnapshotNotFound")
	wantCode(t, shared.Delete(ctx), "DBSnapshotNotFound")
	if perms, err = snap.Permissions(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(goboto.Accounts(third), perms); diff != "" {
		t.Errorf("Permissions after the second account's attempts (-want +got):\n%s", diff)
	}
}

// TestRestorePort checks Restore's port against the range CreateDBInstance
// allows: a port outside it is refused before anything is sent, and the
// bounds themselves reach RDS.
func TestRestorePort(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	db := newInstance(t, conn, "portdb")
	snap, err := db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: "portdb-snap"})
	if err != nil {
		t.Fatal(err)
	}
	if err := snap.Wait(ctx, rds.SnapshotAvailable, fast); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		id   string
		port int32
		want string // the ValidationError's text; "" when the restore is sent
	}{
		{"port-80", 80, "Port: 80 out of range 1150-65535"},
		{"port-low", 1149, "Port: 1149 out of range 1150-65535"},
		{"port-high", 65536, "Port: 65536 out of range 1150-65535"},
		{"port-negative", -3306, "Port: -3306 out of range 1150-65535"},
		{"port-min", 1150, ""},
		{"port-max", 65535, ""},
		{"port-default", 0, ""},
	} {
		t.Run(tt.id, func(t *testing.T) {
			srv.ResetCalls()
			inst, err := snap.Restore(ctx, rds.RestoreOptions{ID: tt.id, Port: tt.port})
			if tt.want != "" {
				wantInvalid(t, err, tt.want)
				if got := ops(srv); len(got) != 0 {
					t.Errorf("refused restore sent %q", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"RestoreDBInstanceFromDBSnapshot"}, ops(srv)); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
			if err := inst.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
				t.Fatal(err)
			}
			want := tt.port
			if want == 0 {
				want = snap.Port
			}
			if inst.Endpoint.Port != want {
				t.Errorf("restored instance listens on %d; want %d", inst.Endpoint.Port, want)
			}
		})
	}
}
