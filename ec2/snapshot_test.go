package ec2_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// newSnapshot makes a 5 GiB volume named name and a completed snapshot
// of it.
func newSnapshot(t *testing.T, conn *ec2.Conn, name string) (*ec2.Volume, *ec2.Snapshot) {
	t.Helper()
	ctx := t.Context()
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 5, Zone: conn.Region() + "a", Tags: ec2.Tags{"Name": name}})
	if err != nil {
		t.Fatal(err)
	}
	if err := vol.Wait(ctx, ec2.VolumeAvailable, fast); err != nil {
		t.Fatal(err)
	}
	snap, err := vol.CreateSnapshot(ctx, "nightly")
	if err != nil {
		t.Fatal(err)
	}
	if err := snap.Wait(ctx, ec2.SnapshotCompleted, fast); err != nil {
		t.Fatal(err)
	}
	return vol, snap
}

func TestCreateSnapshot(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 5, Zone: "us-east-1a", Tags: ec2.Tags{"Name": "db", "env": "prod"}})
	if err != nil {
		t.Fatal(err)
	}
	// A bare handle learns the Name tag with one DescribeVolumes first.
	srv.ResetCalls()
	snap, err := conn.Volume(vol.ID).CreateSnapshot(ctx, "nightly")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"DescribeVolumes", "CreateSnapshot"}, ops(srv)); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if err := snap.Wait(ctx, ec2.SnapshotCompleted, fast); err != nil {
		t.Fatal(err)
	}
	got := []any{snap.VolumeID, snap.VolumeSize, snap.Description, snap.State, snap.OwnerID, snap.Tags}
	want := []any{vol.ID, int32(5), "nightly", ec2.SnapshotCompleted, fake.TestAccountID, ec2.Tags{"Name": "db"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("snapshot (-want +got):\n%s", diff)
	}
	// A handle that knows its tags does not ask again.
	srv.ResetCalls()
	if _, err := vol.CreateSnapshot(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"CreateSnapshot"}, ops(srv)); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	// A volume from the snapshot.
	v2, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Zone: "us-east-1b", SnapshotID: snap.ID})
	if err != nil {
		t.Fatal(err)
	}
	if v2.SnapshotID != snap.ID || v2.Size != 5 {
		t.Errorf("volume from snapshot: snapshot %q size %d; want %s, 5", v2.SnapshotID, v2.Size, snap.ID)
	}
	if err := snap.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	wantCode(t, snap.Refresh(ctx), "InvalidSnapshot.NotFound")
}

func TestSnapshotSharing(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	_, snap := newSnapshot(t, conn, "shared")
	other := otherConn(srv, conn.Region())
	theirs := other.Snapshot(snap.ID)

	wantCode(t, theirs.Refresh(ctx), "InvalidSnapshot.NotFound")
	_, err := other.CreateVolume(ctx, ec2.VolumeOptions{Zone: "us-east-1a", SnapshotID: snap.ID})
	wantCode(t, err, "InvalidSnapshot.NotFound")

	perms := func() goboto.Audience {
		t.Helper()
		p, err := snap.Permissions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if diff := cmp.Diff(goboto.Audience{}, perms()); diff != "" {
		t.Errorf("new snapshot's permissions (-want +got):\n%s", diff)
	}
	if err := snap.Share(ctx, goboto.Accounts(fake.OtherAccountID, "123456789012")); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(goboto.Audience{Accounts: []string{"123456789012", fake.OtherAccountID}}, perms()); diff != "" {
		t.Errorf("after sharing with two accounts (-want +got):\n%s", diff)
	}
	if err := theirs.Refresh(ctx); err != nil {
		t.Fatalf("shared snapshot seen by the other account: %v", err)
	}
	if theirs.OwnerID != fake.TestAccountID {
		t.Errorf("OwnerID = %q; want %s", theirs.OwnerID, fake.TestAccountID)
	}
	if _, err := other.CreateVolume(ctx, ec2.VolumeOptions{Zone: "us-east-1a", SnapshotID: snap.ID}); err != nil {
		t.Errorf("other account's volume from the shared snapshot: %v", err)
	}
	restorable, err := goboto.Collect(other.Snapshots(ctx, nil, ec2.RestorableBy("self")))
	if err != nil {
		t.Fatal(err)
	}
	if len(restorable) != 1 || restorable[0].ID != snap.ID {
		t.Errorf("other's restorable snapshots = %v; want %s", restorable, snap.ID)
	}

	if err := snap.Share(ctx, goboto.Everyone()); err != nil {
		t.Fatal(err)
	}
	if p := perms(); !p.Everyone {
		t.Errorf("after sharing with all: %+v; want public", p)
	}
	if err := snap.Unshare(ctx, goboto.Audience{Everyone: true, Accounts: []string{fake.OtherAccountID}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(goboto.Audience{Accounts: []string{"123456789012"}}, perms()); diff != "" {
		t.Errorf("after unsharing (-want +got):\n%s", diff)
	}
	wantCode(t, theirs.Refresh(ctx), "InvalidSnapshot.NotFound")
	_, err = other.CreateVolume(ctx, ec2.VolumeOptions{Zone: "us-east-1a", SnapshotID: snap.ID})
	wantCode(t, err, "InvalidSnapshot.NotFound")

	if err := snap.ResetPermissions(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(goboto.Audience{}, perms()); diff != "" {
		t.Errorf("after reset (-want +got):\n%s", diff)
	}
}

func TestShareRules(t *testing.T) {
	conn, rec := recordingConn(t)
	snap := conn.Snapshot("snap-0123456789abcdef0")
	ctx := t.Context()
	wantValidation(t, snap.Share(ctx, goboto.Audience{}), "Audience")
	wantValidation(t, snap.Share(ctx, goboto.Accounts()), "Audience")
	wantValidation(t, snap.Share(ctx, goboto.Accounts("12345")), "Audience")
	wantValidation(t, snap.Unshare(ctx, goboto.Accounts("12345678901a")), "Audience")
	_, err := snap.Copy(ctx, ec2.CopyOptions{DestinationRegion: "Mars"})
	wantValidation(t, err, "DestinationRegion")
	_, err = snap.Copy(ctx, ec2.CopyOptions{KMSKeyID: "alias/k"})
	wantValidation(t, err, "KMSKeyID")
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests sent; want none", n)
	}
}

func TestSnapshotCopy(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	_, snap := newSnapshot(t, conn, "src")

	same, err := snap.Copy(ctx, ec2.CopyOptions{Description: "same region"})
	if err != nil {
		t.Fatal(err)
	}
	if same.ID == snap.ID || same.Conn() != conn {
		t.Errorf("same-region copy %s conn %v; want a new snapshot on the same conn", same.ID, same.Conn())
	}

	srv.ResetCalls()
	cp, err := snap.Copy(ctx, ec2.CopyOptions{DestinationRegion: "eu-west-1", Description: "dr"})
	if err != nil {
		t.Fatal(err)
	}
	calls := srv.Calls()
	if len(calls) != 1 || calls[0].Operation != "CopySnapshot" || calls[0].Region != "eu-west-1" {
		t.Fatalf("calls = %+v; want one CopySnapshot in eu-west-1", calls)
	}
	if cp.Conn().Region() != "eu-west-1" {
		t.Errorf("copy's conn region %q; want eu-west-1", cp.Conn().Region())
	}
	if err := cp.Wait(ctx, ec2.SnapshotCompleted, fast); err != nil {
		t.Fatal(err)
	}
	if cp.Description != "dr" || cp.VolumeSize != 5 {
		t.Errorf("copy = %+v; want description dr, 5 GiB", cp)
	}
	// The copy lives in eu-west-1 only.
	wantCode(t, conn.Snapshot(cp.ID).Refresh(ctx), "InvalidSnapshot.NotFound")
	mine, err := goboto.Collect(cp.Conn().Snapshots(ctx, nil, ec2.Owners("self")))
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != 1 || mine[0].ID != cp.ID {
		t.Errorf("eu-west-1 snapshots = %v; want only %s", mine, cp.ID)
	}
}

func TestSnapshotsList(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	var want []string
	for range 6 {
		_, s := newSnapshot(t, conn, "n")
		want = append(want, s.ID)
	}
	srv.ResetCalls()
	var got []string
	for s, err := range conn.Snapshots(ctx, ec2.Filter{"status": {"completed"}}, ec2.Owners("self"), ec2.PageSize(5)) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s.ID)
	}
	slices.Sort(want)
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("own snapshots (-want +got):\n%s", diff)
	}
	if n := len(srv.Calls()); n != 2 {
		t.Errorf("%d calls for 6 snapshots in pages of 5; want 2", n)
	}
	theirs, err := goboto.Collect(conn.Snapshots(ctx, ec2.Filter{"volume-size": {"5"}}, ec2.Owners(fake.OtherAccountID)))
	if err != nil || len(theirs) != 0 {
		t.Errorf("the other account's snapshots: %v, %v; want none", theirs, err)
	}
}

func TestSnapshotWaitStepped(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 1, Zone: "us-east-1a"})
	if err != nil {
		t.Fatal(err)
	}
	srv.SetManualTransitions(true)
	snap, err := vol.CreateSnapshot(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	err = snap.Wait(ctx, ec2.SnapshotCompleted, fast, goboto.Timeout(time.Minute), goboto.Progress(func(s string, _ time.Duration) {
		seen = append(seen, s)
		if len(seen) >= 2 {
			srv.Step()
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	// The first poll, then one per Step until the snapshot completes.
	want := append(slices.Repeat([]string{"pending"}, 1+ec2test.SnapshotSteps), "completed")
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
}
