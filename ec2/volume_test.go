package ec2_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
)

var fast = goboto.Interval(time.Millisecond)

func TestVolumeOptionsRules(t *testing.T) {
	tests := []struct {
		name  string
		opts  ec2.VolumeOptions
		field string
	}{
		{"no zone", ec2.VolumeOptions{Size: 10}, "Zone"},
		{"zone of another region", ec2.VolumeOptions{Size: 10, Zone: "eu-west-1a"}, "Zone"},
		{"no size no snapshot", ec2.VolumeOptions{Zone: "us-east-1a"}, "Size"},
		{"negative size", ec2.VolumeOptions{Zone: "us-east-1a", Size: -5}, "Volume.Size"},
		{"negative size with snapshot", ec2.VolumeOptions{Zone: "us-east-1a", Size: -5, SnapshotID: "snap-0123abcd"}, "Volume.Size"},
		{"standard too big", ec2.VolumeOptions{Zone: "us-east-1a", Size: 1025, Type: "standard"}, "Volume.Size"},
		{"sc1 too small", ec2.VolumeOptions{Zone: "us-east-1a", Size: 124, Type: "sc1"}, "Volume.Size"},
		{"io1 no iops", ec2.VolumeOptions{Zone: "us-east-1a", Size: 100, Type: "io1"}, "Volume.IOPS"},
		{"gp2 iops", ec2.VolumeOptions{Zone: "us-east-1a", Size: 100, Type: "gp2", IOPS: 3000}, "Volume.IOPS"},
		{"st1 throughput", ec2.VolumeOptions{Zone: "us-east-1a", Size: 500, Type: "st1", Throughput: 200}, "Volume.Throughput"},
		{"unknown type", ec2.VolumeOptions{Zone: "us-east-1a", Size: 10, Type: "ssd"}, "Volume.Type"},
		{"kms without encryption", ec2.VolumeOptions{Zone: "us-east-1a", Size: 10, KMSKeyID: "alias/k"}, "KMSKeyID"},
		{"reserved tag", ec2.VolumeOptions{Zone: "us-east-1a", Size: 10, Tags: ec2.Tags{"AWS:x": "y"}}, "Tags"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, rec := recordingConn(t)
			_, err := conn.CreateVolume(t.Context(), tt.opts)
			wantValidation(t, err, tt.field)
			if n := len(rec.requests()); n != 0 {
				t.Errorf("%d requests sent; want none", n)
			}
		})
	}
	conn, rec := recordingConn(t)
	wantValidation(t, conn.Volume("vol-0123abcd").Attach(t.Context(), "i-0123abcd", "sdf0x"), "Device")
	wantValidation(t, conn.Volume("vol-0123abcd").Wait(t.Context(), "attached"), "State")
	_, err := conn.Volume("vol-0123abcd").CreateSnapshot(t.Context(), string(make([]byte, 256)))
	wantValidation(t, err, "Description")
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests sent; want none", n)
	}
}

func TestVolumeLifecycle(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	inst := launch(t, conn, ec2.RunOptions{Zone: "us-east-1a"})
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 20, Zone: "us-east-1a", Type: "gp3", IOPS: 3000,
		Throughput: 125, Tags: ec2.Tags{"Name": "data"}})
	if err != nil {
		t.Fatal(err)
	}
	if vol.State != ec2.VolumeCreating && vol.State != ec2.VolumeAvailable {
		t.Errorf("new volume state %q", vol.State)
	}
	got := []any{vol.Size, vol.Zone, vol.Type, vol.IOPS, vol.Throughput, vol.Tags["Name"], vol.Conn() == conn}
	want := []any{int32(20), "us-east-1a", "gp3", int32(3000), int32(125), "data", true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("new volume (-want +got):\n%s", diff)
	}
	if err := vol.Wait(ctx, ec2.VolumeAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if err := vol.Attach(ctx, inst.ID, "/dev/sdf"); err != nil {
		t.Fatal(err)
	}
	if vol.Attachment == nil || vol.Attachment.InstanceID != inst.ID || vol.Attachment.Device != "/dev/sdf" {
		t.Errorf("Attachment after Attach = %+v", vol.Attachment)
	}
	if err := vol.Wait(ctx, ec2.VolumeInUse, fast); err != nil {
		t.Fatal(err)
	}
	if vol.Attachment == nil || vol.Attachment.State != "attached" {
		t.Errorf("Attachment in use = %+v; want attached", vol.Attachment)
	}
	wantCode(t, vol.Delete(ctx), "VolumeInUse")
	if err := vol.Detach(ctx); err != nil {
		t.Fatal(err)
	}
	if err := vol.Wait(ctx, ec2.VolumeAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if vol.Attachment != nil {
		t.Errorf("Attachment after detach = %+v; want nil", vol.Attachment)
	}
	if err := vol.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := vol.Wait(ctx, ec2.VolumeDeleted, fast); err != nil {
		t.Errorf("Wait(deleted): %v", err)
	}
	err = conn.Volume(vol.ID).Refresh(ctx)
	wantCode(t, err, "InvalidVolume.NotFound")
}

func TestVolumeErrors(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	inst := launch(t, conn, ec2.RunOptions{Zone: "us-east-1a"})
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 1, Zone: "us-east-1b"})
	if err != nil {
		t.Fatal(err)
	}
	if err := vol.Wait(ctx, ec2.VolumeAvailable, fast); err != nil {
		t.Fatal(err)
	}
	wantCode(t, vol.Attach(ctx, inst.ID, "/dev/sdf"), "InvalidVolume.ZoneMismatch")
	_, err = conn.CreateVolume(ctx, ec2.VolumeOptions{Zone: "us-east-1a", SnapshotID: "snap-0123456789abcdef0"})
	wantCode(t, err, "InvalidSnapshot.NotFound")
	wantCode(t, conn.Volume("vol-0123456789abcdef0").Delete(ctx), "InvalidVolume.NotFound")
}

func TestVolumeWaitStates(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	srv.SetManualTransitions(true)
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 1, Zone: "us-east-1a"})
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	err = vol.Wait(ctx, ec2.VolumeAvailable, fast, goboto.Progress(func(s string, _ time.Duration) {
		seen = append(seen, s)
		srv.Step()
	}))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"creating", "available"}, seen); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
	if err := vol.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	srv.Settle()
	err = vol.Wait(ctx, ec2.VolumeAvailable, fast)
	var se *goboto.StateError
	if !errors.As(err, &se) || se.State != string(ec2.VolumeDeleted) {
		t.Errorf("waiting for a deleted volume to be available: %v; want StateError in state deleted", err)
	}
}

func TestVolumesList(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	var want []string
	for i := range 7 {
		v, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: int32(i + 1), Zone: "us-east-1a", Tags: ec2.Tags{"n": "x"}})
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, v.ID)
	}
	if _, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 1, Zone: "us-east-1a"}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for v, err := range conn.Volumes(ctx, ec2.Filter{}.Tag("n", "x"), ec2.PageSize(5)) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v.ID)
	}
	slices.Sort(want)
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tagged volumes (-want +got):\n%s", diff)
	}
	all, err := goboto.Collect(conn.Volumes(ctx, nil))
	if err != nil || len(all) != 8 {
		t.Errorf("all volumes: %d, %v; want 8", len(all), err)
	}
}

// TestListsStopFetching checks that each listing fetches no page beyond
// the one the loop stopped in.
func TestListsStopFetching(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	var snap *ec2.Snapshot
	for range 6 {
		_, snap = newSnapshot(t, conn, "x") // a volume and a snapshot each
	}
	for _, name := range []string{"img-1", "img-2", "img-3", "img-4"} { // and the fake's 2 public images
		_, err := conn.RegisterImage(ctx, ec2.RegisterOptions{Name: name, RootDeviceName: "/dev/xvda",
			BlockDevices: ec2.BlockDeviceMapping{"/dev/xvda": {EBS: &ec2.EBS{SnapshotID: snap.ID}}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	firstOf := func(seq func(func(string, error) bool)) int {
		srv.ResetCalls()
		for _, err := range seq {
			if err != nil {
				t.Fatal(err)
			}
			break
		}
		return len(srv.Calls())
	}
	for _, tt := range []struct {
		name string
		seq  func(func(string, error) bool)
	}{
		{"Volumes", func(yield func(string, error) bool) {
			for v, err := range conn.Volumes(ctx, nil, ec2.PageSize(5)) {
				if !yield(v.String(), err) {
					return
				}
			}
		}},
		{"Snapshots", func(yield func(string, error) bool) {
			for s, err := range conn.Snapshots(ctx, nil, ec2.Owners("self"), ec2.PageSize(5)) {
				if !yield(s.String(), err) {
					return
				}
			}
		}},
		{"Images", func(yield func(string, error) bool) {
			for m, err := range conn.Images(ctx, nil, ec2.PageSize(5)) {
				if !yield(m.String(), err) {
					return
				}
			}
		}},
	} {
		if n := firstOf(tt.seq); n != 1 {
			t.Errorf("%s: %d calls after breaking at the first item; want 1", tt.name, n)
		}
	}
}
