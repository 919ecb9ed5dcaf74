package ec2_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

func TestRunInstances(t *testing.T) {
	srv, conn := startFake(t)
	r, err := conn.RunInstances(t.Context(), ec2.RunOptions{
		ImageID:      ec2test.DefaultEBSImage,
		Count:        2,
		KeyName:      "",
		InstanceType: "t3.micro",
		Zone:         "us-east-1b",
		Monitoring:   true,
		Tags:         ec2.Tags{"Name": "web"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.ID, "r-") || r.OwnerID == "" || len(r.Instances) != 2 {
		t.Fatalf("reservation = %+v; want r- ID, owner, 2 instances", r)
	}
	for _, inst := range r.Instances {
		if inst.ReservationID != r.ID || inst.Conn() != conn {
			t.Errorf("%v: reservation %q conn %v; want %q and the launching conn", inst, inst.ReservationID, inst.Conn(), r.ID)
		}
		got := []string{string(inst.State), inst.Type, inst.ImageID, inst.Placement, inst.Tags["Name"]}
		want := []string{string(ec2.InstancePending), "t3.micro", ec2test.DefaultEBSImage, "us-east-1b", "web"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%v state, type, image, zone, Name (-want +got):\n%s", inst, diff)
		}
	}
	inst := conn.Instance(r.Instances[0].ID)
	if err := inst.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	if inst.State != ec2.InstanceRunning || inst.PrivateIP == "" || inst.PrivateDNS == "" || inst.LaunchTime.IsZero() ||
		inst.ReservationID != r.ID || inst.RootDeviceType != "ebs" {
		t.Errorf("after Refresh: %+v; want running with private address and DNS, launch time, reservation, ebs root", inst)
	}
	if inst.RootDeviceName == "" || len(inst.BlockDevices) == 0 || inst.BlockDevices[inst.RootDeviceName].VolumeID == "" {
		t.Errorf("BlockDevices = %+v; want the root device %q with a volume", inst.BlockDevices, inst.RootDeviceName)
	}
	if srv.Calls()[0].Operation != "RunInstances" {
		t.Errorf("first call %s", srv.Calls()[0].Operation)
	}
}

func TestRunInstancesIdempotent(t *testing.T) {
	_, conn := startFake(t)
	opts := ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, ClientToken: "launch-once"}
	first, err := conn.RunInstances(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	again, err := conn.RunInstances(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if first.ID != again.ID {
		t.Errorf("second launch with the same token made reservation %s; want %s", again.ID, first.ID)
	}
	all, err := goboto.Collect(conn.Instances(t.Context(), nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 {
		t.Errorf("%d instances; want 1", len(all))
	}
}

func TestRunInstancesErrors(t *testing.T) {
	_, conn := startFake(t)
	_, err := conn.RunInstances(t.Context(), ec2.RunOptions{ImageID: "ami-0123456789abcdef0"})
	wantCode(t, err, "InvalidAMIID.NotFound")
	if !goboto.IsNotFound(err) {
		t.Errorf("IsNotFound(%v) = false", err)
	}
}

func TestInstanceLifecycle(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	inst := launch(t, conn, ec2.RunOptions{})
	if err := inst.Wait(ctx, ec2.InstanceRunning, goboto.Interval(time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	var states []string
	step := func(verb string, do func() error, want ec2.InstanceState) {
		t.Helper()
		if err := do(); err != nil {
			t.Fatalf("%s: %v", verb, err)
		}
		states = append(states, verb+":"+string(inst.State))
		if err := inst.Wait(ctx, want, goboto.Interval(time.Millisecond)); err != nil {
			t.Fatalf("%s: wait for %s: %v", verb, want, err)
		}
		states = append(states, string(inst.State))
	}
	step("stop", func() error { return inst.Stop(ctx) }, ec2.InstanceStopped)
	step("start", func() error { return inst.Start(ctx) }, ec2.InstanceRunning)
	step("force stop", func() error { return inst.Stop(ctx, ec2.Force()) }, ec2.InstanceStopped)
	step("start", func() error { return inst.Start(ctx) }, ec2.InstanceRunning)
	if err := inst.Reboot(ctx); err != nil {
		t.Fatalf("Reboot: %v", err)
	}
	step("terminate", func() error { return inst.Terminate(ctx) }, ec2.InstanceTerminated)
	want := []string{
		"stop:stopping", "stopped", "start:pending", "running", "force stop:stopping", "stopped",
		"start:pending", "running", "terminate:shutting-down", "terminated",
	}
	if diff := cmp.Diff(want, states); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	// A terminated instance cannot start.
	wantCode(t, inst.Start(ctx), "IncorrectInstanceState")
}

func TestInstanceNotFound(t *testing.T) {
	_, conn := startFake(t)
	err := conn.Instance("i-0123456789abcdef0").Refresh(t.Context())
	wantCode(t, err, "InvalidInstanceID.NotFound")
	if !goboto.IsNotFound(err) {
		t.Errorf("IsNotFound(%v) = false", err)
	}
}

func TestInstanceMonitoring(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	inst := launch(t, conn, ec2.RunOptions{})
	if inst.Monitoring != "disabled" {
		t.Errorf("Monitoring at launch = %q; want disabled", inst.Monitoring)
	}
	if err := inst.Monitor(ctx); err != nil {
		t.Fatal(err)
	}
	if inst.Monitoring != "pending" && inst.Monitoring != "enabled" {
		t.Errorf("Monitoring after Monitor = %q; want pending or enabled", inst.Monitoring)
	}
	if err := inst.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if inst.Monitoring != "enabled" {
		t.Errorf("Monitoring after Refresh = %q; want enabled", inst.Monitoring)
	}
	if err := inst.Unmonitor(ctx); err != nil {
		t.Fatal(err)
	}
	if inst.Monitoring != "disabling" && inst.Monitoring != "disabled" {
		t.Errorf("Monitoring after Unmonitor = %q; want disabling or disabled", inst.Monitoring)
	}
}

func TestInstanceConsoleOutput(t *testing.T) {
	_, conn := startFake(t)
	inst := launch(t, conn, ec2.RunOptions{})
	if err := inst.Wait(t.Context(), ec2.InstanceRunning, goboto.Interval(time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	out, err := inst.ConsoleOutput(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if out.InstanceID != inst.ID {
		t.Errorf("InstanceID = %q; want %q", out.InstanceID, inst.ID)
	}
	if out.Output == "" || strings.ContainsAny(out.Output[:min(len(out.Output), 8)], "=") {
		t.Errorf("Output = %q; want decoded console text", out.Output)
	}
}

func TestInstanceAttributes(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	inst := launch(t, conn, ec2.RunOptions{InstanceType: "t3.micro", UserData: []byte("#!/bin/sh\necho hi\n")})
	for _, tt := range []struct{ name, want string }{
		{ec2.AttrInstanceType, "t3.micro"},
		{ec2.AttrUserData, "#!/bin/sh\necho hi\n"},
		{ec2.AttrDisableAPITermination, "false"},
	} {
		got, err := inst.Attribute(ctx, tt.name)
		if err != nil {
			t.Fatalf("Attribute(%s): %v", tt.name, err)
		}
		if got != tt.want {
			t.Errorf("Attribute(%s) = %q; want %q", tt.name, got, tt.want)
		}
	}
	if err := inst.ModifyAttribute(ctx, ec2.AttrDisableAPITermination, "true"); err != nil {
		t.Fatal(err)
	}
	if got, err := inst.Attribute(ctx, ec2.AttrDisableAPITermination); err != nil || got != "true" {
		t.Errorf("disableApiTermination after modify = %q, %v; want true", got, err)
	}
	// Changing the type needs a stopped instance.
	wantCode(t, inst.ModifyAttribute(ctx, ec2.AttrInstanceType, "m5.large"), "IncorrectInstanceState")
	if err := inst.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := inst.Wait(ctx, ec2.InstanceStopped, fast); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, value string }{
		{ec2.AttrInstanceType, "m5.large"},
		{ec2.AttrUserData, "#cloud-config\npackages: [nginx]\n"},
		{ec2.AttrInstanceInitiatedShutdownBehavior, "terminate"},
	} {
		if err := inst.ModifyAttribute(ctx, tt.name, tt.value); err != nil {
			t.Fatalf("ModifyAttribute(%s): %v", tt.name, err)
		}
		if got, err := inst.Attribute(ctx, tt.name); err != nil || got != tt.value {
			t.Errorf("Attribute(%s) after modify = %q, %v; want %q", tt.name, got, err, tt.value)
		}
	}
}

func TestInstanceAttributeRules(t *testing.T) {
	conn, rec := recordingConn(t)
	inst := conn.Instance("i-0123456789abcdef0")
	ctx := t.Context()
	_, err := inst.Attribute(ctx, "blockDeviceMapping")
	wantValidation(t, err, "Attribute")
	wantValidation(t, inst.ModifyAttribute(ctx, ec2.AttrRootDeviceName, "/dev/sda1"), "Attribute")
	wantValidation(t, inst.ModifyAttribute(ctx, ec2.AttrSourceDestCheck, "maybe"), ec2.AttrSourceDestCheck)
	wantValidation(t, inst.ModifyAttribute(ctx, ec2.AttrInstanceInitiatedShutdownBehavior, "hibernate"),
		ec2.AttrInstanceInitiatedShutdownBehavior)
	wantValidation(t, inst.ModifyAttribute(ctx, ec2.AttrUserData, strings.Repeat("x", ec2.MaxUserData+1)), "UserData")
	wantValidation(t, inst.DeleteVolumeOnTermination(ctx, "disk0"), "BlockDeviceMapping[disk0]")
	wantValidation(t, inst.ModifyBlockDevices(ctx, nil), "BlockDeviceMapping")
	wantValidation(t, inst.ModifyBlockDevices(ctx, ec2.BlockDeviceMapping{"/dev/sdf": {EBS: &ec2.EBS{Size: 10}}}),
		"BlockDeviceMapping[/dev/sdf].EBS")
	wantValidation(t, inst.ModifyBlockDevices(ctx, ec2.BlockDeviceMapping{"/dev/sdf": {Ephemeral: "ephemeral0"}}),
		"BlockDeviceMapping[/dev/sdf]")
	wantValidation(t, inst.Wait(ctx, "sleeping"), "State")
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests sent; want none", n)
	}
}

// TestSetDeleteOnTermination switches a data volume attached to a running
// instance to be deleted with it, as the ephemeral walkthrough does.
func TestSetDeleteOnTermination(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	inst := launch(t, conn, ec2.RunOptions{})
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 10, Zone: inst.Placement})
	if err != nil {
		t.Fatal(err)
	}
	if err := vol.Wait(ctx, ec2.VolumeAvailable, goboto.Interval(time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if err := vol.Attach(ctx, inst.ID, "/dev/sdh"); err != nil {
		t.Fatal(err)
	}
	if err := vol.Wait(ctx, ec2.VolumeInUse, goboto.Interval(time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if err := inst.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if d := inst.BlockDevices["/dev/sdh"]; d.VolumeID != vol.ID || d.DeleteOnTermination {
		t.Fatalf("/dev/sdh = %+v; want %s, not deleted on termination", d, vol.ID)
	}
	if err := inst.DeleteVolumeOnTermination(ctx, "/dev/sdh"); err != nil {
		t.Fatal(err)
	}
	if !inst.BlockDevices["/dev/sdh"].DeleteOnTermination {
		t.Error("handle's /dev/sdh not updated")
	}
	if err := inst.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if !inst.BlockDevices["/dev/sdh"].DeleteOnTermination {
		t.Errorf("after Refresh /dev/sdh = %+v; want DeleteOnTermination", inst.BlockDevices["/dev/sdh"])
	}
	if err := inst.Terminate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := inst.Wait(ctx, ec2.InstanceTerminated, goboto.Interval(time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	err = vol.Wait(ctx, ec2.VolumeDeleted, goboto.Interval(time.Millisecond))
	if err != nil {
		t.Errorf("volume after termination: %v; want deleted", err)
	}
}

func TestInstancesPaging(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	var launched []string
	for range 3 {
		r, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, Count: 4})
		if err != nil {
			t.Fatal(err)
		}
		for _, inst := range r.Instances {
			launched = append(launched, inst.ID)
		}
	}
	srv.ResetCalls()
	var got []string
	for inst, err := range conn.Instances(ctx, nil, ec2.PageSize(5)) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, inst.ID)
	}
	if diff := cmp.Diff(launched, got); diff != "" {
		t.Errorf("instances over pages of 5 (-want +got):\n%s", diff)
	}
	if n := len(srv.Calls()); n != 3 {
		t.Errorf("%d DescribeInstances calls for 12 instances in pages of 5; want 3", n)
	}
	rs, err := goboto.Collect(conn.Reservations(ctx, nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 || len(rs[0].Instances) != 4 {
		t.Errorf("%d reservations; want 3 of 4 instances", len(rs))
	}
	// Breaking out stops fetching.
	srv.ResetCalls()
	n := 0
	for range conn.Instances(ctx, nil, ec2.PageSize(5)) {
		if n++; n == 6 {
			break
		}
	}
	if n := len(srv.Calls()); n != 2 {
		t.Errorf("%d calls after breaking at the sixth instance; want 2", n)
	}
	// Page sizes EC2 refuses are refused first.
	srv.ResetCalls()
	_, err = goboto.Collect(conn.Instances(ctx, nil, ec2.PageSize(4)))
	wantValidation(t, err, "PageSize")
	_, err = goboto.Collect(conn.Volumes(ctx, nil, ec2.PageSize(4)))
	wantValidation(t, err, "PageSize")
	_, err = goboto.Collect(conn.Snapshots(ctx, nil, ec2.PageSize(4)))
	wantValidation(t, err, "PageSize")
	_, err = goboto.Collect(conn.Images(ctx, nil, ec2.PageSize(1001)))
	wantValidation(t, err, "PageSize")
	_, err = goboto.Collect(conn.Instances(ctx, nil, ec2.Owners("self")))
	wantValidation(t, err, "Owners")
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls for refused page sizes; want none", n)
	}
}

func TestInstancesFilter(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	web := launch(t, conn, ec2.RunOptions{Tags: ec2.Tags{"role": "web"}})
	launch(t, conn, ec2.RunOptions{Tags: ec2.Tags{"role": "db"}})
	stopped := launch(t, conn, ec2.RunOptions{Tags: ec2.Tags{"role": "web"}})
	if err := stopped.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	ids := func(f ec2.Filter) []string {
		t.Helper()
		var out []string
		for inst, err := range conn.Instances(ctx, f) {
			if err != nil {
				t.Fatalf("Instances(%v): %v", f, err)
			}
			out = append(out, inst.ID)
		}
		return out
	}
	if diff := cmp.Diff([]string{web.ID}, ids(ec2.Filter{"instance-state-name": {"running"}}.Tag("role", "web"))); diff != "" {
		t.Errorf("running web instances (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{web.ID, stopped.ID}, ids(ec2.Filter{}.Tag("role", "web"))); diff != "" {
		t.Errorf("web instances (-want +got):\n%s", diff)
	}
	if got := ids(ec2.Filter{"tag-key": {"nothing"}}); len(got) != 0 {
		t.Errorf("tag-key nothing: %v; want none", got)
	}
	_, err := goboto.Collect(conn.Instances(ctx, ec2.Filter{"no-such-filter": {"x"}}))
	wantCode(t, err, "InvalidParameterValue")
}

func TestInstanceTags(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	inst := launch(t, conn, ec2.RunOptions{})
	if err := inst.AddTag(ctx, "Name", "web-1"); err != nil {
		t.Fatal(err)
	}
	if err := inst.AddTag(ctx, "env", "prod"); err != nil {
		t.Fatal(err)
	}
	if err := inst.RemoveTag(ctx, "env"); err != nil {
		t.Fatal(err)
	}
	local := inst.Tags
	if err := inst.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	want := ec2.Tags{"Name": "web-1"}
	if diff := cmp.Diff(want, inst.Tags); diff != "" {
		t.Errorf("tags after Refresh (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, local); diff != "" {
		t.Errorf("tags kept by the handle (-want +got):\n%s", diff)
	}
}

func TestInstanceWaitStepped(t *testing.T) {
	srv, conn := startFake(t)
	srv.SetManualTransitions(true)
	inst := launch(t, conn, ec2.RunOptions{})
	var seen []string
	err := inst.Wait(t.Context(), ec2.InstanceRunning, goboto.Interval(time.Millisecond),
		goboto.Progress(func(state string, elapsed time.Duration) {
			seen = append(seen, state)
			if len(seen) == 3 {
				srv.Step() // pending -> running, only after three polls
			}
		}))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"pending", "pending", "pending", "running"}, seen); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
}

func TestInstanceWaitFailureState(t *testing.T) {
	srv, conn := startFake(t)
	srv.SetManualTransitions(true)
	inst := launch(t, conn, ec2.RunOptions{})
	if err := inst.Terminate(t.Context()); err != nil {
		t.Fatal(err)
	}
	err := inst.Wait(t.Context(), ec2.InstanceRunning, goboto.Interval(time.Millisecond))
	var se *goboto.StateError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v; want *goboto.StateError", err)
	}
	want := goboto.StateError{Service: "EC2", Resource: "instance", ID: inst.ID, Want: "running", State: "shutting-down"}
	if diff := cmp.Diff(want, *se); diff != "" {
		t.Errorf("StateError (-want +got):\n%s", diff)
	}
}

func TestInstanceWaitTimeout(t *testing.T) {
	srv, conn := startFake(t)
	srv.SetManualTransitions(true)
	inst := launch(t, conn, ec2.RunOptions{})
	last := ""
	err := inst.Wait(t.Context(), ec2.InstanceRunning, goboto.Interval(time.Millisecond), goboto.Timeout(20*time.Millisecond),
		goboto.Progress(func(s string, _ time.Duration) { last = s }))
	var te *goboto.WaitTimeoutError
	if !errors.As(err, &te) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v; want *goboto.WaitTimeoutError matching context.DeadlineExceeded", err)
	}
	// On a slow machine the timeout may cut the first poll short, so the
	// last state is whatever Progress saw last, possibly nothing.
	if te.State != last || (last != "" && last != "pending") || te.Want != "running" || te.ID != inst.ID {
		t.Errorf("timeout error = %+v; want last state %q, want running", te, last)
	}
	// A cancelled context ends the wait with context.Canceled.
	ctx, cancel := context.WithCancel(t.Context())
	err = inst.Wait(ctx, ec2.InstanceRunning, goboto.Interval(time.Millisecond),
		goboto.Progress(func(string, time.Duration) { cancel() }))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v; want context.Canceled", err)
	}
}
