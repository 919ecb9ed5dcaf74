package autoscale_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
)

// TestStableWithMinZero is the case aws-sdk-go-v2's GroupInService
// waiter gets wrong: it compares InService instances with MinSize, so
// a group of min 0 "is in service" while its instances still launch.
// GroupStable must report the launches in progress and succeed only
// once Desired instances are InService and Healthy.
func TestStableWithMinZero(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	g := e.newGroup(t, e.groupOptions(0, 3, 2))
	// aws-sdk-go-v2's own waiter passes while the instances still launch.
	v2 := autoscaling.NewGroupInServiceWaiter(e.as.Client())
	if err := v2.Wait(ctx, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{g.Name}}, time.Minute); err != nil {
		t.Fatalf("aws-sdk-go-v2's GroupInService: %v, want it to pass at once for min 0", err)
	}
	var states []string
	err := g.Wait(ctx, autoscale.GroupStable, append(fast(),
		goboto.Progress(func(s string, _ time.Duration) { states = append(states, s) }))...)
	if err != nil {
		t.Fatal(err)
	}
	if len(states) < 2 || states[0] == string(autoscale.GroupStable) {
		t.Errorf("progress %q: want the first look to see instances still launching", states)
	}
	in := 0
	for _, i := range g.Instances {
		if i.LifecycleState == autoscale.InstanceInService && i.Health == autoscale.Healthy {
			in++
		}
	}
	if in != 2 || g.Desired != 2 {
		t.Errorf("stable group: %d healthy InService of desired %d, want 2 of 2", in, g.Desired)
	}
}

// TestWaitTimesOut checks the timeout error names the service, group
// and last state: a group whose desired capacity cannot launch (its
// Launch process suspended) never becomes stable.
func TestWaitTimesOut(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	g := e.newGroup(t, e.groupOptions(0, 2, 0))
	if err := g.Suspend(ctx, autoscale.ProcessLaunch); err != nil {
		t.Fatal(err)
	}
	if err := g.SetDesiredCapacity(ctx, 1); err != nil {
		t.Fatal(err)
	}
	err := g.Wait(ctx, autoscale.GroupStable, goboto.Interval(10*time.Millisecond), goboto.Timeout(300*time.Millisecond))
	var te *goboto.WaitTimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want a *goboto.WaitTimeoutError", err)
	}
	if te.Service != "AutoScaling" || te.ID != g.Name || te.Want != "stable" || !strings.HasPrefix(te.State, "desired 1:") {
		t.Errorf("timeout %+v: want AutoScaling, %s, stable, and a state summarising desired 1", te, g.Name)
	}
}

// TestShutdownInstances is boto's shutdown_instances then delete: the
// group is emptied, the wait ends when no instance is left, and the
// group can then be deleted without ForceDelete.
func TestShutdownInstances(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	g := e.stableGroup(t, 1, 3, 2)
	var states []string
	if err := g.ShutdownInstances(ctx, append(fast(),
		goboto.Progress(func(s string, _ time.Duration) { states = append(states, s) }))...); err != nil {
		t.Fatal(err)
	}
	if g.Min != 0 || g.Max != 0 || g.Desired != 0 || len(g.Instances) != 0 {
		t.Errorf("after ShutdownInstances: %d/%d/%d, %d instances; want 0/0/0 and none", g.Min, g.Max, g.Desired, len(g.Instances))
	}
	if len(states) == 0 || states[len(states)-1] != string(autoscale.GroupEmpty) {
		t.Errorf("progress %q: want it to end with %q", states, autoscale.GroupEmpty)
	}
	if err := g.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := g.Wait(ctx, autoscale.GroupDeleted, fast()...); err != nil {
		t.Fatal(err)
	}
}

// AutoScaling API Reference, DeleteAutoScalingGroup: "If the group has
// instances or scaling activities in progress, you must specify the
// option to force the deletion" — ResourceInUse (or
// ScalingActivityInProgress) without it, matched as aws-sdk-go-v2's
// typed faults too.
func TestDeleteNeedsForce(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	g := e.stableGroup(t, 1, 1, 1)
	err := g.Delete(ctx)
	var ae *goboto.APIError
	if !errors.As(err, &ae) || (ae.Code != "ResourceInUse" && ae.Code != "ScalingActivityInProgress") {
		t.Fatalf("Delete of a group with an instance: %v, want ResourceInUse or ScalingActivityInProgress", err)
	}
	if !matchesFault(err) {
		t.Errorf("errors.As finds no aws-sdk-go-v2 fault type in %v", err)
	}
	if err := g.Delete(ctx, autoscale.ForceDelete()); err != nil {
		t.Fatal(err)
	}
	if err := g.Wait(ctx, autoscale.GroupDeleted, fast()...); err != nil {
		t.Fatal(err)
	}
}
