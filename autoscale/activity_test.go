package autoscale_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
)

// AutoScaling API Reference, DescribeScalingActivities: a group's
// launches are activities with a cause, listed newest first, pageable,
// and selectable by ID.
func TestActivities(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	g := e.stableGroup(t, 0, 3, 2)
	var acts []*autoscale.Activity
	for a, err := range g.Activities(ctx, autoscale.PageSize(1)) {
		if err != nil {
			t.Fatal(err)
		}
		acts = append(acts, a)
	}
	if len(acts) < 2 {
		t.Fatalf("%d activities, want a launch per instance", len(acts))
	}
	for i, a := range acts {
		if a.GroupName != g.Name || a.Cause == "" || a.Description == "" || !strings.HasPrefix(a.Description, "Launching") ||
			a.StatusCode != autoscale.ActivitySuccessful || a.Progress != 100 || a.Start.IsZero() {
			t.Errorf("activity %d: %+v; want a finished launch with cause and description", i, a)
		}
		if i > 0 && a.Start.After(acts[i-1].Start) {
			t.Errorf("activity %d starts after activity %d: want newest first", i, i-1)
		}
	}
	var picked []string
	for a, err := range g.Activities(ctx, autoscale.ActivityIDs(acts[1].ID)) {
		if err != nil {
			t.Fatal(err)
		}
		picked = append(picked, a.ID)
	}
	if len(picked) != 1 || picked[0] != acts[1].ID {
		t.Errorf("by ID: %v, want [%s]", picked, acts[1].ID)
	}
	// IncludeDeletedGroups: a deleted group's activities stay listable.
	if err := g.Delete(ctx, autoscale.ForceDelete()); err != nil {
		t.Fatal(err)
	}
	if err := g.Wait(ctx, autoscale.GroupDeleted, fast()...); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, err := range g.Activities(ctx, autoscale.IncludeDeleted()) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n <= len(acts) {
		t.Errorf("a deleted group with IncludeDeleted: %d activities, want its %d launches and its deletion's", n, len(acts))
	}
}

// TestActivityStatusDone pins which status codes end an activity
// (AutoScaling API Reference, Activity.StatusCode: Successful, Failed
// and Cancelled are final).
func TestActivityStatusDone(t *testing.T) {
	for s, want := range map[autoscale.ActivityStatus]bool{
		autoscale.ActivitySuccessful: true, autoscale.ActivityFailed: true, autoscale.ActivityCancelled: true,
		autoscale.ActivityInProgress: false, autoscale.ActivityPreInService: false, autoscale.ActivityMidLifecycleAction: false,
		autoscale.ActivityWaitingForSpotInstanceID: false, "SomethingNew": false,
	} {
		if got := s.Done(); got != want {
			t.Errorf("%s.Done() = %v, want %v", s, got, want)
		}
	}
}

// AutoScaling API Reference, SetDesiredCapacity: with HonorCooldown,
// a change during the cooldown after a scaling activity is refused with
// ScalingActivityInProgress; without it, it is made.
func TestHonorCooldown(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	g := e.stableGroup(t, 0, 3, 1)
	err := g.SetDesiredCapacity(ctx, 2, autoscale.HonorCooldown())
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != "ScalingActivityInProgress" {
		t.Fatalf("within the cooldown: %v, want ScalingActivityInProgress", err)
	}
	if err := g.SetDesiredCapacity(ctx, 2); err != nil {
		t.Fatal(err)
	}
	if err := g.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if g.Desired != 2 {
		t.Errorf("desired %d, want 2", g.Desired)
	}
}
