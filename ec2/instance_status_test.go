package ec2_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// statusIDs lists the IDs InstanceStatuses yields for f.
func statusIDs(t *testing.T, conn *ec2.Conn, f ec2.Filter, opts ...ec2.ListOption) []string {
	t.Helper()
	var out []string
	for s, err := range conn.InstanceStatuses(t.Context(), f, opts...) {
		if err != nil {
			t.Fatalf("InstanceStatuses: %v", err)
		}
		out = append(out, s.InstanceID)
	}
	return out
}

// EC2 API Reference, DescribeInstanceStatus: only running instances are
// listed unless IncludeAllInstances is true; checks are initializing
// until they complete (EC2 User Guide, "Status checks for Amazon EC2
// instances"), then ok.
func TestInstanceStatusChecks(t *testing.T) {
	srv, conn := startFake(t)
	srv.SetManualTransitions(true)
	inst := launch(t, conn, ec2.RunOptions{InstanceType: "t3.micro"})
	ctx := t.Context()

	st, err := inst.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := &ec2.InstanceStatus{InstanceID: inst.ID, Zone: "us-east-1a", State: ec2.InstancePending,
		System: ec2.InstanceStatusNotApplicable, Instance: ec2.InstanceStatusNotApplicable}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("pending (-want +got):\n%s", diff)
	}
	if got := statusIDs(t, conn, nil); len(got) != 0 {
		t.Errorf("running instances listed while pending: %v", got)
	}
	if diff := cmp.Diff([]string{inst.ID}, statusIDs(t, conn, nil, ec2.AllInstances())); diff != "" {
		t.Errorf("AllInstances (-want +got):\n%s", diff)
	}

	srv.Step()
	init := ec2.Filter{"instance-status.status": {"initializing"}, "system-status.reachability": {"initializing"}}
	if diff := cmp.Diff([]string{inst.ID}, statusIDs(t, conn, init)); diff != "" {
		t.Errorf("initializing (-want +got):\n%s", diff)
	}
	srv.Step()
	st, err = inst.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !st.OK() || st.State != ec2.InstanceRunning {
		t.Errorf("after the checks: %+v; want both ok", st)
	}
	if got := statusIDs(t, conn, init); len(got) != 0 {
		t.Errorf("still initializing: %v", got)
	}
	if diff := cmp.Diff([]string{inst.ID}, statusIDs(t, conn, ec2.Filter{"instance-status.reachability": {"passed"}},
		ec2.PageSize(5))); diff != "" {
		t.Errorf("passed (-want +got):\n%s", diff)
	}

	// The seeding hook impairs the instance check, as a guest that stops
	// answering would.
	if !srv.SetInstanceStatus(fake.TestAccountID, "us-east-1", inst.ID, "", ec2test.StatusImpaired) {
		t.Fatal("SetInstanceStatus refused a running instance")
	}
	st, err = inst.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Instance != ec2.InstanceStatusImpaired || st.System != ec2.InstanceStatusOK || st.ImpairedSince.IsZero() {
		t.Errorf("impaired: %+v", st)
	}
	if srv.SetInstanceStatus(fake.TestAccountID, "us-east-1", inst.ID, "broken", "") {
		t.Error("SetInstanceStatus took an unknown value")
	}
}

// WaitStatus follows the checks through the fake's steps: Progress steps
// the fake, so each poll sees the next state.
func TestWaitStatusOK(t *testing.T) {
	srv, conn := startFake(t)
	srv.SetManualTransitions(true)
	inst := launch(t, conn, ec2.RunOptions{InstanceType: "t3.micro"})
	var seen []string
	err := inst.WaitStatus(t.Context(), ec2.InstanceStatusOK, goboto.Interval(time.Millisecond),
		goboto.Progress(func(state string, _ time.Duration) {
			seen = append(seen, state)
			srv.Step()
		}))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"pending", "initializing", "ok"}, seen); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
}

func TestWaitStatusFailures(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	fast := goboto.Interval(time.Millisecond)
	sick := launch(t, conn, ec2.RunOptions{InstanceType: "t3.micro"})
	if err := sick.Wait(ctx, ec2.InstanceRunning, fast); err != nil {
		t.Fatal(err)
	}
	srv.SetInstanceStatus(fake.TestAccountID, "us-east-1", sick.ID, ec2test.StatusImpaired, "")
	var se *goboto.StateError
	if err := sick.WaitStatus(ctx, ec2.InstanceStatusOK, fast); !errors.As(err, &se) || se.State != "impaired" {
		t.Errorf("impaired: err = %v; want a StateError in impaired", err)
	}
	stopped := launch(t, conn, ec2.RunOptions{InstanceType: "t3.micro"})
	if err := stopped.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := stopped.WaitStatus(ctx, ec2.InstanceStatusOK, fast); !errors.As(err, &se) {
		t.Errorf("stopped: err = %v; want a StateError", err)
	}
	wantValidation(t, stopped.WaitStatus(ctx, "green"), "Status")
	wantValidation(t, stopped.WaitStatus(ctx, ec2.InstanceStatusNotApplicable), "Status")
	for _, err := range conn.InstanceStatuses(ctx, nil, ec2.PageSize(4)) {
		wantValidation(t, err, "PageSize")
	}
	// EC2 answers an unknown instance with InvalidInstanceID.NotFound.
	_, err := conn.Instance("i-0123456789abcdef0").Status(ctx)
	wantCode(t, err, "InvalidInstanceID.NotFound")
	// Filters EC2 documents but the fake cannot evaluate are refused.
	for _, err := range conn.InstanceStatuses(ctx, ec2.Filter{"attached-ebs-status.status": {"ok"}}) {
		wantCode(t, err, "UnsupportedOperation")
	}
}
