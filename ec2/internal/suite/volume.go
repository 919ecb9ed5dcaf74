package suite

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	goec2 "github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/internal/testutil"
)

// Volumes and snapshots: a new volume is creating, then available;
// attached it is in-use and cannot be deleted (VolumeInUse, "The
// specified EBS volume is attached to an instance"); a snapshot of it
// starts pending and completes; shared through createVolumePermission
// another account can describe it and create volumes from it, and once
// unshared cannot see it (EC2 API Reference, ModifySnapshotAttribute;
// EBS User Guide, "Share an Amazon EBS snapshot"); deleted, both are
// NotFound (InvalidVolume.NotFound, InvalidSnapshot.NotFound; "Error
// codes").
func testVolumesAndSnapshots(t *testing.T, env Env) {
	ctx := t.Context()
	inst := launch(t, env, 1, goec2.RunOptions{Zone: "us-east-1a"})[0]
	must(t, env, "Instance.Wait running", inst.Wait(ctx, goec2.InstanceRunning, poll()...))

	tags := goec2.Tags{tagKey: env.Names()}
	vol, err := env.Conn.CreateVolume(ctx, goec2.VolumeOptions{Size: 1, Zone: "us-east-1a", Type: "gp3", Tags: tags})
	must(t, env, "CreateVolume", err)
	cleanup(t, vol.Delete)
	// EC2 API Reference, CreateVolume example response: <status>creating</status>.
	wantVolState := goec2.VolumeCreating
	if env.Diff.CreatedAvailable {
		wantVolState = goec2.VolumeAvailable
	}
	if vol.State != wantVolState || vol.Size != 1 || vol.Zone != "us-east-1a" || vol.Type != "gp3" {
		t.Errorf("%s: CreateVolume = %+v, want a %s 1 GiB gp3 volume in us-east-1a", env.Name, *vol, wantVolState)
	}
	if diff := cmp.Diff(tags, vol.Tags); diff != "" {
		t.Errorf("%s: CreateVolume tags (-want +got):\n%s", env.Name, diff)
	}
	must(t, env, "Volume.Wait available", vol.Wait(ctx, goec2.VolumeAvailable, poll()...))

	must(t, env, "AttachVolume", vol.Attach(ctx, inst.ID, "/dev/sdf"))
	must(t, env, "Volume.Wait in-use", vol.Wait(ctx, goec2.VolumeInUse, poll()...))
	h := env.Conn.Volume(vol.ID)
	must(t, env, "Volume.Refresh", h.Refresh(ctx))
	if a := h.Attachment; a == nil || a.InstanceID != inst.ID || a.Device != "/dev/sdf" || a.State != "attached" {
		t.Errorf("%s: attachment %+v, want attached to %s as /dev/sdf", env.Name, a, inst.ID)
	}
	wantCode(t, env, "DeleteVolume attached", vol.Delete(ctx), "VolumeInUse")

	snap, err := vol.CreateSnapshot(ctx, "goboto suite "+tags[tagKey])
	must(t, env, "CreateSnapshot", err)
	cleanup(t, snap.Delete)
	// EC2 API Reference, CreateSnapshot example response: <status>pending</status>.
	wantState := goec2.SnapshotPending
	if env.Diff.CreatedAvailable {
		wantState = goec2.SnapshotCompleted
	}
	if snap.State != wantState || snap.VolumeID != vol.ID || snap.VolumeSize != 1 || snap.OwnerID != env.Account {
		t.Errorf("%s: CreateSnapshot = %+v, want a %s snapshot of %s, 1 GiB, owned by %s", env.Name, *snap, wantState, vol.ID, env.Account)
	}
	must(t, env, "Snapshot.Wait completed", snap.Wait(ctx, goec2.SnapshotCompleted, poll()...))
	if snap.Progress != "100%" {
		t.Errorf("%s: completed snapshot's progress %q, want 100%%", env.Name, snap.Progress)
	}
	mine := collect(t, env, "Snapshots(volume-id)", env.Conn.Snapshots(ctx, goec2.Filter{"volume-id": {vol.ID}}, goec2.Owners("self")))
	if len(mine) != 1 || mine[0].ID != snap.ID {
		t.Errorf("%s: Snapshots of the volume = %v, want %s", env.Name, mine, snap.ID)
	}

	share(t, env, snap)

	if err := vol.Detach(ctx); env.Diff.DetachNeedsInstance {
		if testutil.ErrorStatus(err) != 500 {
			t.Errorf("%s: DetachVolume without InstanceId (DetachNeedsInstance): %v, want a server error", env.Name, err)
		}
		_, err = env.Conn.Client().DetachVolume(ctx, &ec2.DetachVolumeInput{VolumeId: aws.String(vol.ID), InstanceId: aws.String(inst.ID)})
		wantOK(t, env, "DetachVolume with InstanceId", err)
	} else {
		wantOK(t, env, "DetachVolume", err)
	}
	wantOK(t, env, "Volume.Wait available", vol.Wait(ctx, goec2.VolumeAvailable, poll()...))
	wantOK(t, env, "DeleteVolume", vol.Delete(ctx))
	_, err = env.Conn.Client().DescribeVolumes(ctx, &ec2.DescribeVolumesInput{VolumeIds: []string{vol.ID}})
	wantCode(t, env, "DescribeVolumes after DeleteVolume", err, "InvalidVolume.NotFound")
	wantOK(t, env, "DeleteSnapshot", snap.Delete(ctx))
	_, err = env.Conn.Client().DescribeSnapshots(ctx, &ec2.DescribeSnapshotsInput{SnapshotIds: []string{snap.ID}})
	wantCode(t, env, "DescribeSnapshots after DeleteSnapshot", err, "InvalidSnapshot.NotFound")
}

// share shares snap with env.OtherAccount, which then sees it and makes
// a volume of it, and unshares it.
func share(t *testing.T, env Env, snap *goec2.Snapshot) {
	ctx := t.Context()
	if env.Other == nil {
		t.Logf("%s: no second account; sharing not checked", env.Name)
		return
	}
	other := env.Other.Snapshot(snap.ID)
	wantCode(t, env, "the other account's DescribeSnapshots before sharing", other.Refresh(ctx), "InvalidSnapshot.NotFound")
	must(t, env, "ModifySnapshotAttribute add", snap.Share(ctx, goboto.Accounts(env.OtherAccount)))
	got, err := snap.Permissions(ctx)
	wantOK(t, env, "DescribeSnapshotAttribute", err)
	if env.Diff.IgnoresCreateVolumePermission {
		if !got.IsZero() {
			t.Errorf("%s: IgnoresCreateVolumePermission is set but the snapshot is shared with %v", env.Name, got)
		}
		// The older flat form of the same request, which the model
		// still has (OperationType, UserId.N).
		_, err := env.Conn.Client().ModifySnapshotAttribute(ctx, &ec2.ModifySnapshotAttributeInput{SnapshotId: aws.String(snap.ID),
			Attribute: types.SnapshotAttributeNameCreateVolumePermission, OperationType: types.OperationTypeAdd, UserIds: []string{env.OtherAccount}})
		must(t, env, "ModifySnapshotAttribute OperationType=add", err)
		got, err = snap.Permissions(ctx)
		wantOK(t, env, "DescribeSnapshotAttribute", err)
	}
	if diff := cmp.Diff(goboto.Accounts(env.OtherAccount), got); diff != "" {
		t.Errorf("%s: createVolumePermission after sharing (-want +got):\n%s", env.Name, diff)
	}
	err = other.Refresh(ctx)
	if env.Diff.SharedSnapshotsInvisible {
		wantCode(t, env, "the other account's DescribeSnapshots of a shared snapshot (SharedSnapshotsInvisible)", err, "InvalidSnapshot.NotFound")
	} else {
		wantOK(t, env, "the other account's DescribeSnapshots of a shared snapshot", err)
		if other.OwnerID != env.Account {
			t.Errorf("%s: the other account sees the snapshot owned by %q, want %s", env.Name, other.OwnerID, env.Account)
		}
		v, err := env.Other.CreateVolume(ctx, goec2.VolumeOptions{SnapshotID: snap.ID, Zone: "us-east-1a"})
		wantOK(t, env, "the other account's CreateVolume from the shared snapshot", err)
		if err == nil {
			cleanup(t, v.Delete)
			if v.Size != 1 || v.SnapshotID != snap.ID {
				t.Errorf("%s: volume from the shared snapshot %+v, want 1 GiB from %s", env.Name, *v, snap.ID)
			}
		}
	}
	if env.Diff.IgnoresCreateVolumePermission {
		_, err := env.Conn.Client().ModifySnapshotAttribute(ctx, &ec2.ModifySnapshotAttributeInput{SnapshotId: aws.String(snap.ID),
			Attribute: types.SnapshotAttributeNameCreateVolumePermission, OperationType: types.OperationTypeRemove, UserIds: []string{env.OtherAccount}})
		must(t, env, "ModifySnapshotAttribute OperationType=remove", err)
	} else {
		must(t, env, "ModifySnapshotAttribute remove", snap.Unshare(ctx, goboto.Accounts(env.OtherAccount)))
	}
	got, err = snap.Permissions(ctx)
	if err != nil || !got.IsZero() {
		t.Errorf("%s: createVolumePermission after unsharing = %v, %v; want nobody", env.Name, got, err)
	}
	_, err = env.Other.Client().DescribeSnapshots(ctx, &ec2.DescribeSnapshotsInput{SnapshotIds: []string{snap.ID}})
	wantCode(t, env, "the other account's DescribeSnapshots after unsharing", err, "InvalidSnapshot.NotFound")
	_, err = env.Other.Client().CreateVolume(ctx, &ec2.CreateVolumeInput{SnapshotId: aws.String(snap.ID), AvailabilityZone: aws.String("us-east-1a")})
	wantCode(t, env, "the other account's CreateVolume after unsharing", err, "InvalidSnapshot.NotFound")
}
