package ec2_test

import (
	"context"
	"testing"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
)

// TestMalformedIDs checks that every method refuses an ID of the wrong
// shape with a *goboto.ValidationError and sends nothing, where EC2 would
// answer InvalidInstanceID.Malformed and its kin.
func TestMalformedIDs(t *testing.T) {
	conn, rec := recordingConn(t)
	ctx := t.Context()
	const okInst, okVol, okSnap = "i-0123456789abcdef0", "vol-0123abcd", "snap-0123456789abcdef0"
	tests := []struct {
		name  string
		field string
		call  func(ctx context.Context) error
	}{
		{"empty instance", "InstanceId", func(ctx context.Context) error { return conn.Instance("").Refresh(ctx) }},
		{"instance prefix", "InstanceId", func(ctx context.Context) error { return conn.Instance("vol-0123abcd").Refresh(ctx) }},
		{"instance 9 digits", "InstanceId", func(ctx context.Context) error { return conn.Instance("i-0123abcde").Start(ctx) }},
		{"instance 16 digits", "InstanceId", func(ctx context.Context) error { return conn.Instance("i-0123456789abcdef").Stop(ctx) }},
		{"instance upper case", "InstanceId", func(ctx context.Context) error { return conn.Instance("i-0123ABCD").Reboot(ctx) }},
		{"instance not hex", "InstanceId", func(ctx context.Context) error { return conn.Instance("i-0123abcg").Terminate(ctx) }},
		{"instance monitor", "InstanceId", func(ctx context.Context) error { return conn.Instance("i-x").Monitor(ctx) }},
		{"instance unmonitor", "InstanceId", func(ctx context.Context) error { return conn.Instance("i-x").Unmonitor(ctx) }},
		{"instance console", "InstanceId", func(ctx context.Context) error {
			_, err := conn.Instance("instance").ConsoleOutput(ctx)
			return err
		}},
		{"instance attribute", "InstanceId", func(ctx context.Context) error {
			_, err := conn.Instance("i-").Attribute(ctx, ec2.AttrInstanceType)
			return err
		}},
		{"instance modify", "InstanceId", func(ctx context.Context) error {
			return conn.Instance("i-1").ModifyAttribute(ctx, ec2.AttrInstanceType, "t3.micro")
		}},
		{"instance delete on termination", "InstanceId", func(ctx context.Context) error {
			return conn.Instance("i-1").DeleteVolumeOnTermination(ctx, "/dev/sdf")
		}},
		{"instance wait", "InstanceId", func(ctx context.Context) error {
			return conn.Instance("i-1").Wait(ctx, ec2.InstanceRunning)
		}},
		{"instance tag", "InstanceId", func(ctx context.Context) error { return conn.Instance("i-1").AddTag(ctx, "k", "v") }},
		{"volume refresh", "VolumeId", func(ctx context.Context) error { return conn.Volume("vol-").Refresh(ctx) }},
		{"volume prefix", "VolumeId", func(ctx context.Context) error { return conn.Volume("v-0123abcd").Delete(ctx) }},
		{"volume attach", "VolumeId", func(ctx context.Context) error { return conn.Volume("vol-1").Attach(ctx, okInst, "/dev/sdf") }},
		{"volume attach instance", "InstanceId", func(ctx context.Context) error {
			return conn.Volume(okVol).Attach(ctx, "i-1", "/dev/sdf")
		}},
		{"volume detach", "VolumeId", func(ctx context.Context) error { return conn.Volume("vol-1").Detach(ctx, ec2.Force()) }},
		{"volume snapshot", "VolumeId", func(ctx context.Context) error {
			_, err := conn.Volume("vol-1").CreateSnapshot(ctx, "x")
			return err
		}},
		{"volume wait", "VolumeId", func(ctx context.Context) error { return conn.Volume("vol-1").Wait(ctx, ec2.VolumeAvailable) }},
		{"volume tag", "VolumeId", func(ctx context.Context) error { return conn.Volume("vol-1").RemoveTag(ctx, "k") }},
		{"create volume snapshot", "SnapshotId", func(ctx context.Context) error {
			_, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Zone: "us-east-1a", SnapshotID: "snapshot-1"})
			return err
		}},
		{"snapshot refresh", "SnapshotId", func(ctx context.Context) error { return conn.Snapshot("snap-12").Refresh(ctx) }},
		{"snapshot delete", "SnapshotId", func(ctx context.Context) error { return conn.Snapshot("ami-0123abcd").Delete(ctx) }},
		{"snapshot share", "SnapshotId", func(ctx context.Context) error {
			return conn.Snapshot("snap-1").Share(ctx, goboto.Everyone())
		}},
		{"snapshot unshare", "SnapshotId", func(ctx context.Context) error {
			return conn.Snapshot("snap-1").Unshare(ctx, goboto.Everyone())
		}},
		{"snapshot permissions", "SnapshotId", func(ctx context.Context) error {
			_, err := conn.Snapshot("snap-1").Permissions(ctx)
			return err
		}},
		{"snapshot reset", "SnapshotId", func(ctx context.Context) error { return conn.Snapshot("snap-1").ResetPermissions(ctx) }},
		{"snapshot copy", "SnapshotId", func(ctx context.Context) error {
			_, err := conn.Snapshot("snap-1").Copy(ctx, ec2.CopyOptions{})
			return err
		}},
		{"snapshot wait", "SnapshotId", func(ctx context.Context) error { return conn.Snapshot("snap-1").Wait(ctx, ec2.SnapshotCompleted) }},
		{"run image", "ImageId", func(ctx context.Context) error {
			_, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: "ami-12"})
			return err
		}},
		{"run no image", "ImageId", func(ctx context.Context) error {
			_, err := conn.RunInstances(ctx, ec2.RunOptions{})
			return err
		}},
		{"tags no ids", "ResourceIds", func(ctx context.Context) error { return conn.CreateTags(ctx, nil, ec2.Tags{"k": "v"}) }},
		{"tags bad id", "ResourceIds", func(ctx context.Context) error {
			return conn.DeleteTags(ctx, []string{okSnap, "nothing"}, "k")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantValidation(t, tt.call(ctx), tt.field)
		})
	}
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests sent; want none", n)
	}
}

// TestWellFormedIDs checks the shapes EC2 accepts get through to the
// server: the short and the long form.
func TestWellFormedIDs(t *testing.T) {
	conn, rec := recordingConn(t)
	for _, id := range []string{"i-0123abcd", "i-0123456789abcdef0"} {
		err := conn.Instance(id).Refresh(t.Context())
		wantCode(t, err, "Recorded")
	}
	for _, id := range []string{"vol-0123abcd", "vol-0123456789abcdef0"} {
		wantCode(t, conn.Volume(id).Refresh(t.Context()), "Recorded")
	}
	for _, id := range []string{"snap-0123abcd", "snap-0123456789abcdef0"} {
		wantCode(t, conn.Snapshot(id).Refresh(t.Context()), "Recorded")
	}
	if n := len(rec.requests()); n != 6 {
		t.Errorf("%d requests sent; want 6", n)
	}
}
