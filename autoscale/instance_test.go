package autoscale_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
)

// fast are wait options for the fakes, which settle in a few looks.
func fast() []goboto.WaitOption {
	return []goboto.WaitOption{goboto.Interval(20 * time.Millisecond), goboto.Timeout(time.Minute)}
}

// stableGroup creates a group of desired instances and waits for it to
// be stable.
func (e env) stableGroup(t *testing.T, min, max, desired int) *autoscale.Group {
	t.Helper()
	g := e.newGroup(t, e.groupOptions(min, max, desired))
	if err := g.Wait(t.Context(), autoscale.GroupStable, fast()...); err != nil {
		t.Fatalf("Wait(GroupStable): %v", err)
	}
	return g
}

func ids(is []*autoscale.Instance) []string {
	var out []string
	for _, i := range is {
		out = append(out, i.ID)
	}
	slices.Sort(out)
	return out
}

// AutoScaling API Reference, DescribeAutoScalingGroups and
// DescribeAutoScalingInstances: a stable group's instances are
// InService and Healthy, in its subnets' zones, and the instance
// listing gives the same instances with their group's name.
func TestInstances(t *testing.T) {
	e := start(t)
	g := e.stableGroup(t, 0, 3, 2)
	if len(g.Instances) != 2 {
		t.Fatalf("%d instances, want 2", len(g.Instances))
	}
	for _, i := range g.Instances {
		if i.LifecycleState != autoscale.InstanceInService || i.Health != autoscale.Healthy || !slices.Contains(e.zones, i.Zone) {
			t.Errorf("%s: state %s, health %s, zone %s; want InService, Healthy, one of %v", i.ID, i.LifecycleState, i.Health, i.Zone, e.zones)
		}
	}
	var listed []*autoscale.Instance
	for i, err := range e.as.Instances(t.Context(), autoscale.InstanceIDs(ids(g.Instances)...), autoscale.PageSize(1)) {
		if err != nil {
			t.Fatal(err)
		}
		if i.GroupName != g.Name {
			t.Errorf("%s: group %q, want %q", i.ID, i.GroupName, g.Name)
		}
		listed = append(listed, i)
	}
	if diff := cmp.Diff(ids(g.Instances), ids(listed)); diff != "" {
		t.Errorf("Conn.Instances (-want +got):\n%s", diff)
	}
	one := e.as.Instance(g.Instances[0].ID)
	if err := one.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	if one.GroupName != g.Name || one.LifecycleState != autoscale.InstanceInService {
		t.Errorf("Refresh: %+v", one)
	}
	err := e.as.Instance("i-00000000000000000").Refresh(t.Context())
	var ae *goboto.APIError
	if !goboto.IsNotFound(err) || !errors.As(err, &ae) || ae.Code != autoscale.NotFoundInstance {
		t.Errorf("Refresh of an instance in no group: %v, want NotFoundInstance", err)
	}
}

// AutoScaling API Reference, TerminateInstanceInAutoScalingGroup:
// ShouldDecrementDesiredCapacity lowers the desired capacity; without
// it the group keeps its size and launches a replacement.
func TestTerminateInstance(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	g := e.stableGroup(t, 0, 3, 2)
	a, err := g.Instances[0].Terminate(ctx, autoscale.DecrementDesired())
	if err != nil {
		t.Fatal(err)
	}
	if a == nil || a.Cause == "" {
		t.Errorf("activity %+v: want one with a cause", a)
	}
	if err := g.Wait(ctx, autoscale.GroupStable, fast()...); err != nil {
		t.Fatal(err)
	}
	if g.Desired != 1 || len(g.Instances) != 1 {
		t.Fatalf("after terminating with decrement: desired %d, %d instances; want 1, 1", g.Desired, len(g.Instances))
	}
	old := g.Instances[0].ID
	if _, err := g.Instances[0].Terminate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := g.Wait(ctx, autoscale.GroupStable, fast()...); err != nil {
		t.Fatal(err)
	}
	if g.Desired != 1 || len(g.Instances) != 1 || g.Instances[0].ID == old {
		t.Errorf("after terminating without decrement: desired %d, instances %v; want 1 replacement for %s", g.Desired, ids(g.Instances), old)
	}
}

// AutoScaling API Reference, SetInstanceHealth and
// SetInstanceProtection: health and scale-in protection are described
// on the instance.
func TestHealthAndProtection(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	g := e.stableGroup(t, 0, 2, 1)
	id := g.Instances[0].ID
	if err := g.Protect(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := g.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if !g.Instances[0].Protected {
		t.Errorf("%s not protected after Protect", id)
	}
	if err := g.Unprotect(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := g.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if g.Instances[0].Protected {
		t.Errorf("%s protected after Unprotect", id)
	}
	inst := e.as.Instance(id)
	if err := inst.SetHealth(ctx, autoscale.Unhealthy); err != nil {
		t.Fatal(err)
	}
	if inst.Health != autoscale.Unhealthy {
		t.Errorf("handle health %s after SetHealth(Unhealthy)", inst.Health)
	}
}

// AutoScaling API Reference, EnterStandby and ExitStandby: a standby
// instance stays in the group; entering with
// ShouldDecrementDesiredCapacity lowers the desired capacity and leaving
// raises it again.
func TestStandby(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	g := e.stableGroup(t, 0, 3, 2)
	id := g.Instances[0].ID
	acts, err := g.EnterStandby(ctx, []string{id}, autoscale.DecrementDesired())
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 1 {
		t.Errorf("EnterStandby: %d activities, want 1", len(acts))
	}
	state := func() autoscale.LifecycleState {
		t.Helper()
		i := e.as.Instance(id)
		if err := i.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		return i.LifecycleState
	}
	if s := state(); s != autoscale.InstanceStandby {
		t.Errorf("after EnterStandby: %s, want Standby", s)
	}
	if err := g.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if g.Desired != 1 {
		t.Errorf("desired %d after EnterStandby with decrement, want 1", g.Desired)
	}
	if _, err := g.ExitStandby(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := g.Wait(ctx, autoscale.GroupStable, fast()...); err != nil {
		t.Fatal(err)
	}
	if g.Desired != 2 || state() != autoscale.InstanceInService {
		t.Errorf("after ExitStandby: desired %d, %s in %s; want 2 and InService", g.Desired, id, state())
	}
}

// AutoScaling API Reference, DetachInstances and AttachInstances: a
// detached instance leaves the group (desired lowered with
// ShouldDecrementDesiredCapacity) and can be attached again, raising
// the desired capacity.
func TestDetachAttach(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	g := e.stableGroup(t, 0, 3, 2)
	id := g.Instances[0].ID
	if _, err := g.Detach(ctx, []string{id}, autoscale.DecrementDesired()); err != nil {
		t.Fatal(err)
	}
	if err := g.Wait(ctx, autoscale.GroupStable, fast()...); err != nil {
		t.Fatal(err)
	}
	if g.Desired != 1 || slices.Contains(ids(g.Instances), id) {
		t.Fatalf("after Detach: desired %d, instances %v; want 1, without %s", g.Desired, ids(g.Instances), id)
	}
	if err := g.Attach(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := g.Wait(ctx, autoscale.GroupStable, fast()...); err != nil {
		t.Fatal(err)
	}
	if g.Desired != 2 || !slices.Contains(ids(g.Instances), id) {
		t.Errorf("after Attach: desired %d, instances %v; want 2, with %s", g.Desired, ids(g.Instances), id)
	}
}
