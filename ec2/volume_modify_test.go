package ec2_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// availableVolume creates a volume with o in us-east-1a and waits for it.
func availableVolume(t *testing.T, conn *ec2.Conn, o ec2.VolumeOptions) *ec2.Volume {
	t.Helper()
	o.Zone = "us-east-1a"
	v, err := conn.CreateVolume(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Wait(t.Context(), ec2.VolumeAvailable, fast); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestVolumeModifyRules(t *testing.T) {
	srv, conn := startFake(t)
	gp2 := availableVolume(t, conn, ec2.VolumeOptions{Size: 100})
	io1 := availableVolume(t, conn, ec2.VolumeOptions{Size: 100, Type: "io1", IOPS: 1000})
	tests := []struct {
		name  string
		vol   *ec2.Volume
		c     ec2.VolumeChanges
		field string
	}{
		{"nothing", gp2, ec2.VolumeChanges{}, "VolumeChanges"},
		{"shrink", gp2, ec2.VolumeChanges{Size: 50}, "VolumeChanges.Size"},
		{"negative size", gp2, ec2.VolumeChanges{Size: -1}, "VolumeChanges.Size"},
		{"negative IOPS", gp2, ec2.VolumeChanges{IOPS: -1}, "VolumeChanges.IOPS"},
		{"unknown type", gp2, ec2.VolumeChanges{Type: "ssd"}, "VolumeChanges.Type"},
		{"too big for gp2", gp2, ec2.VolumeChanges{Size: 20000}, "VolumeChanges.Size"},
		{"gp2 IOPS", gp2, ec2.VolumeChanges{IOPS: 500}, "VolumeChanges.IOPS"},
		{"st1 throughput", gp2, ec2.VolumeChanges{Type: "st1", Size: 500, Throughput: 200}, "VolumeChanges.Throughput"},
		{"sc1 too small", gp2, ec2.VolumeChanges{Type: "sc1"}, "VolumeChanges.Size"},
		{"gp3 IOPS too high", gp2, ec2.VolumeChanges{Type: "gp3", IOPS: 80001}, "VolumeChanges.IOPS"},
		{"io1 IOPS per GiB", io1, ec2.VolumeChanges{IOPS: 6000}, "VolumeChanges.IOPS"},
		{"gp3 throughput too high", io1, ec2.VolumeChanges{Type: "gp3", Throughput: 2001}, "VolumeChanges.Throughput"},
		{"multi-attach gp2", gp2, ec2.VolumeChanges{MultiAttach: aws.Bool(true)}, "VolumeChanges.MultiAttach"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetCalls()
			_, err := tt.vol.Modify(t.Context(), tt.c)
			wantValidation(t, err, tt.field)
			if slices.Contains(ops(srv), "ModifyVolume") {
				t.Errorf("ModifyVolume sent: %v", ops(srv))
			}
		})
	}
	// Checks that need no description are made before any request.
	rconn, rec := recordingConn(t)
	_, err := rconn.Volume("vol-0123abcd").Modify(t.Context(), ec2.VolumeChanges{Type: "ssd"})
	wantValidation(t, err, "VolumeChanges.Type")
	_, err = rconn.Volume("vol-zz").Modify(t.Context(), ec2.VolumeChanges{Size: 10})
	wantValidation(t, err, "VolumeId")
	wantValidation(t, rconn.Volume("vol-0123abcd").WaitModification(t.Context(), ec2.ModificationModifying), "State")
	_, err = rconn.Volume("vol-zz").Modification(t.Context())
	wantValidation(t, err, "VolumeId")
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests sent; want none", n)
	}
}

// modTimes ignores a modification's times, which the fake's clock sets.
var modTimes = cmpopts.IgnoreFields(ec2.VolumeModification{}, "StartTime", "EndTime")

func TestVolumeModify(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithManualTransitions())
	conn := ec2.New(srv.Config(""))
	ctx := t.Context()
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 10, Zone: "us-east-1a"})
	if err != nil {
		t.Fatal(err)
	}
	srv.Step()
	// A handle that only knows the ID is described first.
	h := conn.Volume(vol.ID)
	if _, err := h.Modification(ctx); !goboto.IsNotFound(err) {
		t.Errorf("Modification of a volume never modified: %v; want a NotFound error", err)
	}
	srv.ResetCalls()
	mod, err := h.Modify(ctx, ec2.VolumeChanges{Size: 20, Type: "gp3"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"DescribeVolumes", "ModifyVolume"}, ops(srv)); diff != "" {
		t.Errorf("operations (-want +got):\n%s", diff)
	}
	original := ec2.VolumeConfig{Size: 10, Type: "gp2", IOPS: 100}
	target := ec2.VolumeConfig{Size: 20, Type: "gp3", IOPS: 3000, Throughput: 125}
	want := &ec2.VolumeModification{VolumeID: vol.ID, State: ec2.ModificationModifying, Original: original, Target: target}
	if diff := cmp.Diff(want, mod, modTimes); diff != "" {
		t.Errorf("Modify (-want +got):\n%s", diff)
	}
	if mod.StartTime.IsZero() || !mod.EndTime.IsZero() {
		t.Errorf("times %v - %v; want a start and no end", mod.StartTime, mod.EndTime)
	}
	_, err = h.Modify(ctx, ec2.VolumeChanges{Size: 30})
	wantCode(t, err, "IncorrectModificationState")

	var states []string
	progress := goboto.Progress(func(s string, _ time.Duration) { states = append(states, s) })
	srv.Step()
	if err := h.WaitModification(ctx, ec2.ModificationOptimizing, fast, progress); err != nil {
		t.Fatal(err)
	}
	if err := h.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	got := ec2.VolumeConfig{Size: h.Size, Type: h.Type, IOPS: h.IOPS, Throughput: h.Throughput}
	if diff := cmp.Diff(target, got); diff != "" {
		t.Errorf("volume while optimizing (-want +got):\n%s", diff)
	}
	srv.Step()
	if err := h.WaitModification(ctx, ec2.ModificationCompleted, fast, progress); err != nil {
		t.Fatal(err)
	}
	// Waiting for optimizing is satisfied by a completed modification.
	if err := h.WaitModification(ctx, ec2.ModificationOptimizing, fast); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"optimizing", "completed"}, states); diff != "" {
		t.Errorf("states seen (-want +got):\n%s", diff)
	}
	mod, err = h.Modification(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want.State, want.Progress = ec2.ModificationCompleted, 100
	if diff := cmp.Diff(want, mod, modTimes); diff != "" {
		t.Errorf("Modification (-want +got):\n%s", diff)
	}
	if mod.EndTime.IsZero() {
		t.Error("completed modification has no end time")
	}
}

func TestVolumeWaitModificationFails(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithManualTransitions())
	conn := ec2.New(srv.Config(""))
	ctx := t.Context()
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 10, Zone: "us-east-1a"})
	if err != nil {
		t.Fatal(err)
	}
	srv.Step()
	if err := vol.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := vol.Modify(ctx, ec2.VolumeChanges{Size: 11}); err != nil {
		t.Fatal(err)
	}
	// Held in modifying, the wait runs out of time.
	err = vol.WaitModification(ctx, ec2.ModificationCompleted, fast, goboto.Timeout(time.Second)) // long enough for one look on a loaded machine
	var timeout *goboto.WaitTimeoutError
	if !errors.As(err, &timeout) || timeout.State != string(ec2.ModificationModifying) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("WaitModification = %v; want a *WaitTimeoutError in modifying", err)
	}
	if !srv.FailVolumeModification(fake.TestAccountID, "us-east-1", vol.ID, "transient fault") {
		t.Fatal("no modification to fail")
	}
	err = vol.WaitModification(ctx, ec2.ModificationOptimizing, fast)
	var se *goboto.StateError
	if !errors.As(err, &se) || se.State != string(ec2.ModificationFailed) {
		t.Fatalf("WaitModification = %v; want a *StateError in failed", err)
	}
	mod, err := vol.Modification(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{ec2.ModificationFailed, "transient fault", int32(10)}, []any{mod.State, mod.StatusMessage, mod.Original.Size}); diff != "" {
		t.Errorf("failed modification (-want +got):\n%s", diff)
	}
}

func TestVolumeModifications(t *testing.T) {
	_, conn := startFake(t) // transitions finish before each request
	ctx := t.Context()
	var modified []string
	for i := range 7 {
		v := availableVolume(t, conn, ec2.VolumeOptions{Size: 10})
		if i == 6 {
			break // never modified, never listed
		}
		if _, err := v.Modify(ctx, ec2.VolumeChanges{Size: int32(20 + i)}); err != nil {
			t.Fatal(err)
		}
		modified = append(modified, v.ID)
	}
	slices.Sort(modified)
	tests := []struct {
		name string
		f    ec2.Filter
		opts []ec2.ListOption
		want []string
	}{
		{"all, in pages of 5", nil, []ec2.ListOption{ec2.PageSize(5)}, modified},
		{"completed", ec2.Filter{"modification-state": {"completed"}}, nil, modified},
		{"modifying", ec2.Filter{"modification-state": {"modifying"}}, nil, nil},
		{"one volume", ec2.Filter{"volume-id": {modified[2]}}, nil, modified[2:3]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for m, err := range conn.VolumeModifications(ctx, tt.f, tt.opts...) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, m.VolumeID)
			}
			slices.Sort(got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("modified volumes (-want +got):\n%s", diff)
			}
		})
	}
	for _, err := range conn.VolumeModifications(ctx, nil, ec2.PageSize(1)) {
		wantValidation(t, err, "PageSize")
	}
}

func TestVolumeModifyMultiAttach(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	vol := availableVolume(t, conn, ec2.VolumeOptions{Size: 10, Type: "io2", IOPS: 1000})
	got := []bool{vol.MultiAttach}
	mod, err := vol.Modify(ctx, ec2.VolumeChanges{MultiAttach: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	if err := vol.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	got = append(got, mod.Original.MultiAttach, mod.Target.MultiAttach, vol.MultiAttach)
	if diff := cmp.Diff([]bool{false, false, true, true}, got); diff != "" {
		t.Errorf("Multi-Attach: created, original, target, after (-want +got):\n%s", diff)
	}
	// Kept: the IOPS of an io2 volume whose type stays.
	if vol.IOPS != 1000 || vol.Type != "io2" {
		t.Errorf("volume %s %d IOPS; want io2 1000", vol.Type, vol.IOPS)
	}
}
