package autoscale

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// GroupState is a state Group.Wait waits for.
type GroupState string

// The group states Group.Wait knows.
//
// GroupStable is what aws-sdk-go-v2's GroupInService waiter is not: it
// compares InService instances with MinSize, so a group with Min 0 "is
// in service" at once. GroupStable waits until exactly Desired instances
// are InService, every instance is Healthy, none is Pending or
// Terminating (or in a lifecycle hook's wait, entering standby or
// detaching; Standby instances are allowed), and no scaling activity is
// in progress.
const (
	GroupStable  GroupState = "stable"
	GroupEmpty   GroupState = "empty"   // no instances and no activity in progress
	GroupDeleted GroupState = "deleted" // DescribeAutoScalingGroups no longer lists it
)

// groupDeleting is the state a group being deleted is in while a wait
// for GroupStable or GroupEmpty looks, which it cannot leave for either.
const groupDeleting = "deleting"

// waitDefaults are a look every 15 seconds, as aws-sdk-go-v2's own
// AutoScaling waiters, for up to 15 minutes: launches through lifecycle
// hooks and health check grace periods take minutes.
func waitDefaults() goboto.WaitOptions {
	return goboto.WaitOptions{Interval: 15 * time.Second, Timeout: 15 * time.Minute}
}

// Wait polls the group until it is in state: GroupStable, GroupEmpty or
// GroupDeleted. Each look is a DescribeAutoScalingGroups, and, for
// GroupStable and GroupEmpty once the instances look settled, a
// DescribeScalingActivities for activities still running. The first
// look happens at once; then, unless opts say otherwise, one every 15
// seconds for up to 15 minutes. goboto.Progress reports each look as a
// summary ("desired 2: InService 1, Pending 1"). Running out of time is
// a *goboto.WaitTimeoutError; a group being deleted while waiting for
// GroupStable or GroupEmpty is a *goboto.StateError; a group that does
// not exist ends those waits with its not-found error (NotFoundGroup).
func (g *Group) Wait(ctx context.Context, state GroupState, opts ...goboto.WaitOption) error {
	if _, err := g.namedAPI(); err != nil {
		return err
	}
	w := core.Wait{
		Service: "AutoScaling", Resource: "group", ID: g.Name, Want: string(state),
		Options: goboto.ApplyWait(waitDefaults(), opts...),
	}
	switch state {
	case GroupStable, GroupEmpty:
		w.Failure = []string{groupDeleting}
		w.Poll = func(ctx context.Context) (string, error) { return g.settled(ctx, state) }
	case GroupDeleted:
		w.Gone = string(GroupDeleted)
		w.Poll = func(ctx context.Context) (string, error) {
			if err := g.Refresh(ctx); err != nil {
				return "", err
			}
			if g.Status != "" {
				return groupDeleting, nil
			}
			return "exists", nil
		}
	default:
		return goboto.Invalid("State", string(state), "must be GroupStable, GroupEmpty or GroupDeleted")
	}
	return w.Run(ctx)
}

// settled looks at the group once and returns want when it is there, or
// a summary of what is still moving.
func (g *Group) settled(ctx context.Context, want GroupState) (string, error) {
	if err := g.Refresh(ctx); err != nil {
		return "", err
	}
	if g.Status != "" {
		return groupDeleting, nil
	}
	counts := map[LifecycleState]int{}
	unhealthy := 0
	for _, i := range g.Instances {
		counts[i.LifecycleState]++
		if i.Health != Healthy {
			unhealthy++
		}
	}
	moving := 0
	for s, n := range counts {
		if s != InstanceInService && s != InstanceStandby {
			moving += n
		}
	}
	ready := moving == 0 && unhealthy == 0 && counts[InstanceInService] == g.Desired
	if want == GroupEmpty {
		ready = len(g.Instances) == 0
	}
	summary := summarize(g.Desired, counts, unhealthy)
	if !ready {
		return summary, nil
	}
	// Only a group whose instances look settled needs its activities
	// read: an activity still running (a launch waiting for its
	// instance ID, a termination draining) means more change is coming.
	running, err := g.activityRunning(ctx)
	if err != nil {
		return "", err
	}
	if running != "" {
		return summary + ", activity " + running, nil
	}
	return string(want), nil
}

// activityRunning returns the status of the newest activity that has
// not ended, or "" when none has. AWS lists activities newest first,
// so the first page holds any still running.
func (g *Group) activityRunning(ctx context.Context) (string, error) {
	n := 0
	for a, err := range g.Activities(ctx, PageSize(20)) {
		if err != nil {
			return "", err
		}
		if !a.StatusCode.Done() {
			return string(a.StatusCode), nil
		}
		if n++; n == 20 {
			break
		}
	}
	return "", nil
}

// summarize describes a group's instances for progress reports:
// "desired 2: InService 1, Pending 1, 1 unhealthy".
func summarize(desired int, counts map[LifecycleState]int, unhealthy int) string {
	states := make([]string, 0, len(counts))
	for s := range counts {
		states = append(states, string(s))
	}
	slices.Sort(states)
	parts := make([]string, 0, len(states)+1)
	for _, s := range states {
		parts = append(parts, fmt.Sprintf("%s %d", s, counts[LifecycleState(s)]))
	}
	if unhealthy > 0 {
		parts = append(parts, fmt.Sprintf("%d unhealthy", unhealthy))
	}
	if len(parts) == 0 {
		parts = append(parts, "no instances")
	}
	return fmt.Sprintf("desired %d: %s", desired, strings.Join(parts, ", "))
}
