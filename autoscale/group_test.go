package autoscale_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
)

// AutoScaling API Reference, CreateAutoScalingGroup and
// DescribeAutoScalingGroups: a group is described with the sizes,
// template, subnets, health check, cooldown, termination policies and
// tags it was created with.
func TestCreateGroupRoundTrip(t *testing.T) {
	e := start(t)
	o := e.groupOptions(0, 4, 2)
	o.HealthCheckType = autoscale.HealthCheckEC2
	o.HealthCheckGracePeriod = 60 * time.Second
	o.DefaultCooldown = 120 * time.Second
	o.DefaultInstanceWarmup = new(90 * time.Second)
	o.TerminationPolicies = []autoscale.TerminationPolicy{autoscale.TerminateOldestInstance}
	o.Tags = []autoscale.Tag{{Key: "role", Value: "web", PropagateAtLaunch: true}}
	o.LoadBalancerNames = []string{"classic-lb"}
	o.TargetGroupARNs = []string{"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"}
	o.NewInstancesProtected = true
	g := e.newGroup(t, o)
	created := *g
	if err := g.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	// What CreateGroup filled in from the options is what AWS describes.
	if diff := cmp.Diff(&created, g, cmpopts.IgnoreUnexported(autoscale.Group{}), cmpopts.EquateEmpty(),
		cmpopts.IgnoreFields(autoscale.Group{}, "ARN", "CreatedTime", "Instances", "LaunchTemplate", "Zones")); diff != "" {
		t.Errorf("CreateGroup's handle against the Describe (-created +described):\n%s", diff)
	}
	if diff := cmp.Diff([]any{o.LoadBalancerNames, o.TargetGroupARNs, true},
		[]any{g.LoadBalancerNames, g.TargetGroupARNs, g.NewInstancesProtected}); diff != "" {
		t.Errorf("load balancers, target groups, protection (-want +got):\n%s", diff)
	}
	type view struct {
		Min, Max, Desired int
		Subnets           []string
		Template          autoscale.LaunchTemplate
		Health            autoscale.HealthCheck
		Grace, Cooldown   time.Duration
		Policies          []autoscale.TerminationPolicy
		Tags              []autoscale.Tag
	}
	want := view{0, 4, 2, e.subnets, autoscale.LaunchTemplate{ID: e.template.ID, Name: e.template.Name, Version: "$Latest"},
		"EC2", 60 * time.Second, 120 * time.Second, o.TerminationPolicies,
		[]autoscale.Tag{{Key: "role", Value: "web", PropagateAtLaunch: true, Group: o.Name}}}
	got := view{g.Min, g.Max, g.Desired, g.Subnets, *g.LaunchTemplate, g.HealthCheckType, g.HealthCheckGracePeriod, g.DefaultCooldown,
		g.TerminationPolicies, g.Tags}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("group (-want +got):\n%s", diff)
	}
	if g.ARN == "" || g.CreatedTime.IsZero() {
		t.Errorf("ARN %q, CreatedTime %v: want both set", g.ARN, g.CreatedTime)
	}
	if g.DefaultInstanceWarmup == nil || *g.DefaultInstanceWarmup != 90*time.Second {
		t.Errorf("DefaultInstanceWarmup = %v, want 1m30s", g.DefaultInstanceWarmup)
	}
}

// AutoScaling API Reference, CreateAutoScalingGroup and
// UpdateAutoScalingGroup, DefaultInstanceWarmup: set "even if it is set
// to 0 seconds", described as set; "To remove a value that you
// previously set, include the property but specify -1".
func TestDefaultInstanceWarmup(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	o := e.groupOptions(0, 2, 0)
	o.DefaultInstanceWarmup = new(time.Duration(0))
	g := e.newGroup(t, o)
	warmup := func() *time.Duration {
		t.Helper()
		if err := g.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		return g.DefaultInstanceWarmup
	}
	var got []*time.Duration
	got = append(got, warmup())
	if err := g.Update(ctx, autoscale.GroupUpdate{DefaultInstanceWarmup: new(2 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	got = append(got, warmup())
	if err := g.Update(ctx, autoscale.GroupUpdate{Max: new(3)}); err != nil {
		t.Fatal(err)
	}
	got = append(got, warmup())
	if err := g.Update(ctx, autoscale.GroupUpdate{NoDefaultInstanceWarmup: true}); err != nil {
		t.Fatal(err)
	}
	got = append(got, warmup())
	want := []*time.Duration{new(time.Duration(0)), new(2 * time.Minute), new(2 * time.Minute), nil}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DefaultInstanceWarmup after create 0, update 2m, another update, turning it off (-want +got):\n%s", diff)
	}
	po := e.groupOptions(0, 1, 0)
	po.Name = "plain"
	plain := e.newGroup(t, po)
	if err := plain.Refresh(ctx); err != nil || plain.DefaultInstanceWarmup != nil {
		t.Errorf("a group without one: %v, %v; want nil", plain.DefaultInstanceWarmup, err)
	}
}

// AutoScaling API Reference, UpdateAutoScalingGroup: a new MinSize above
// the desired capacity raises it, a new MaxSize below it lowers it. The
// handle's sizes after Update are those AWS then describes.
func TestUpdateResizeRules(t *testing.T) {
	e := start(t)
	g := e.newGroup(t, e.groupOptions(0, 4, 1))
	steps := []struct {
		name string
		u    autoscale.GroupUpdate
		want [3]int
	}{
		{"min raises desired", autoscale.GroupUpdate{Min: new(2)}, [3]int{2, 4, 2}},
		{"max lowers desired", autoscale.GroupUpdate{Min: new(0), Max: new(1)}, [3]int{0, 1, 1}},
		{"desired given", autoscale.GroupUpdate{Max: new(3), Desired: new(0)}, [3]int{0, 3, 0}},
	}
	for _, s := range steps {
		if err := g.Update(t.Context(), s.u); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if diff := cmp.Diff(s.want, [3]int{g.Min, g.Max, g.Desired}); diff != "" {
			t.Errorf("%s: handle sizes (-want +got):\n%s", s.name, diff)
		}
		if err := g.Refresh(t.Context()); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(s.want, [3]int{g.Min, g.Max, g.Desired}); diff != "" {
			t.Errorf("%s: described sizes (-want +got):\n%s", s.name, diff)
		}
	}
	// Checked locally against the sizes now loaded (0-3): nothing sent.
	before := e.sent()
	err := g.Update(t.Context(), autoscale.GroupUpdate{Desired: new(4)})
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) || ve.Field != "DesiredCapacity" {
		t.Errorf("desired 4 of max 3: err = %v, want a ValidationError on DesiredCapacity", err)
	}
	if err := g.SetDesiredCapacity(t.Context(), 4); !errors.As(err, &ve) || ve.Field != "DesiredCapacity" {
		t.Errorf("SetDesiredCapacity(4) of max 3: err = %v, want a ValidationError on DesiredCapacity", err)
	}
	if n := e.sent() - before; n != 0 {
		t.Errorf("%d requests sent for refused changes, want none", n)
	}
	if err := g.SetDesiredCapacity(t.Context(), 2); err != nil {
		t.Fatal(err)
	}
	if err := g.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	if g.Desired != 2 {
		t.Errorf("after SetDesiredCapacity(2): Desired = %d", g.Desired)
	}
}

// AutoScaling API Reference, UpdateAutoScalingGroup and
// DescribeAutoScalingGroups: an update leaves what it does not name.
func TestUpdateOtherSettings(t *testing.T) {
	e := start(t)
	o := e.groupOptions(0, 2, 0)
	o.DefaultCooldown = 60 * time.Second
	g := e.newGroup(t, o)
	grace := 30 * time.Second
	elb := autoscale.HealthCheckELB
	if err := g.Update(t.Context(), autoscale.GroupUpdate{HealthCheckType: &elb, HealthCheckGracePeriod: &grace,
		Subnets: e.subnets[:1], TerminationPolicies: []autoscale.TerminationPolicy{autoscale.TerminateNewestInstance}}); err != nil {
		t.Fatal(err)
	}
	if err := g.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	type view struct {
		Health          autoscale.HealthCheck
		Grace, Cooldown time.Duration
		Subnets         []string
		Policies        []autoscale.TerminationPolicy
	}
	want := view{elb, grace, 60 * time.Second, e.subnets[:1], []autoscale.TerminationPolicy{autoscale.TerminateNewestInstance}}
	got := view{g.HealthCheckType, g.HealthCheckGracePeriod, g.DefaultCooldown, g.Subnets, g.TerminationPolicies}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("group (-want +got):\n%s", diff)
	}
}

// AutoScaling API Reference, SuspendProcesses and ResumeProcesses: the
// suspended processes are described with a reason; none named means
// all.
func TestSuspendResume(t *testing.T) {
	e := start(t)
	g := e.newGroup(t, e.groupOptions(0, 1, 0))
	ctx := t.Context()
	suspended := func() []autoscale.Process {
		t.Helper()
		if err := g.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		var ps []autoscale.Process
		for _, p := range g.SuspendedProcesses {
			if p.Reason == "" {
				t.Errorf("%s suspended with no reason", p.Process)
			}
			ps = append(ps, p.Process)
		}
		slices.Sort(ps)
		return ps
	}
	if err := g.Suspend(ctx, autoscale.ProcessLaunch, autoscale.ProcessAZRebalance); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]autoscale.Process{autoscale.ProcessAZRebalance, autoscale.ProcessLaunch}, suspended()); diff != "" {
		t.Errorf("suspended (-want +got):\n%s", diff)
	}
	if err := g.Resume(ctx, autoscale.ProcessLaunch); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]autoscale.Process{autoscale.ProcessAZRebalance}, suspended()); diff != "" {
		t.Errorf("after resuming Launch (-want +got):\n%s", diff)
	}
	if err := g.Suspend(ctx); err != nil {
		t.Fatal(err)
	}
	all := autoscale.Processes()
	slices.Sort(all)
	if diff := cmp.Diff(all, suspended()); diff != "" {
		t.Errorf("after suspending all (-want +got):\n%s", diff)
	}
	if err := g.Resume(ctx); err != nil {
		t.Fatal(err)
	}
	if got := suspended(); len(got) != 0 {
		t.Errorf("after resuming all: %v suspended", got)
	}
}

// AutoScaling API Reference, DescribeAutoScalingGroups: names and tag
// filters narrow the listing, and MaxRecords pages it.
func TestGroupsListing(t *testing.T) {
	e := start(t)
	ctx := t.Context()
	var names []string
	for i, role := range []string{"web", "web", "db"} {
		o := e.groupOptions(0, 1, 0)
		o.Tags = []autoscale.Tag{{Key: "role", Value: role}, {Key: "n", Value: string(rune('a' + i))}}
		names = append(names, e.newGroup(t, o).Name)
	}
	list := func(opts ...autoscale.ListOption) []string {
		t.Helper()
		var got []string
		for g, err := range e.as.Groups(ctx, opts...) {
			if err != nil {
				t.Fatal(err)
			}
			if slices.Contains(names, g.Name) {
				got = append(got, g.Name)
			}
		}
		slices.Sort(got)
		return got
	}
	sorted := func(s ...string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	cases := []struct {
		name string
		opts []autoscale.ListOption
		want []string
	}{
		{"all, a page at a time", []autoscale.ListOption{autoscale.PageSize(1)}, sorted(names...)},
		{"by name", []autoscale.ListOption{autoscale.Names(names[0], names[2])}, sorted(names[0], names[2])},
		{"by tag value", []autoscale.ListOption{autoscale.WithTag("role", "web")}, sorted(names[0], names[1])},
		{"by two tags", []autoscale.ListOption{autoscale.WithTag("role", "web"), autoscale.WithTag("n", "b")}, names[1:2]},
		{"by tag key", []autoscale.ListOption{autoscale.Names(names...), autoscale.WithTag("n")}, sorted(names...)},
	}
	for _, tc := range cases {
		if diff := cmp.Diff(tc.want, list(tc.opts...)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

// AutoScaling API Reference, Common Errors and CreateAutoScalingGroup:
// a name in use is AlreadyExists, matched by errors.As both as a
// *goboto.APIError and as aws-sdk-go-v2's *types.AlreadyExistsFault; a
// group described by name that does not exist is an empty list, which
// Refresh reports as NotFoundGroup.
func TestGroupErrors(t *testing.T) {
	e := start(t)
	o := e.groupOptions(0, 1, 0)
	e.newGroup(t, o)
	_, err := e.as.CreateGroup(t.Context(), o)
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != "AlreadyExists" {
		t.Errorf("second CreateGroup: err = %v, want AlreadyExists", err)
	}
	var fault *types.AlreadyExistsFault
	if !errors.As(err, &fault) {
		t.Errorf("second CreateGroup: errors.As finds no *types.AlreadyExistsFault in %v", err)
	}
	err = e.as.Group(e.name()).Refresh(t.Context())
	if !goboto.IsNotFound(err) || !errors.As(err, &ae) || ae.Code != autoscale.NotFoundGroup || ae.StatusCode != 200 {
		t.Errorf("Refresh of a missing group: err = %v, want NotFoundGroup with the Describe's status 200", err)
	}
}

// AutoScaling API Reference, DeleteAutoScalingGroup: deletion runs on
// after the call; the group is then no longer described.
func TestDeleteAndWait(t *testing.T) {
	e := start(t)
	g, err := e.as.CreateGroup(t.Context(), e.groupOptions(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Delete(t.Context()); err != nil {
		t.Fatal(err)
	}
	var states []string
	err = g.Wait(t.Context(), autoscale.GroupDeleted, goboto.Interval(10*time.Millisecond), goboto.Timeout(time.Minute),
		goboto.Progress(func(s string, _ time.Duration) { states = append(states, s) }))
	if err != nil {
		t.Fatal(err)
	}
	if len(states) == 0 || states[len(states)-1] != string(autoscale.GroupDeleted) {
		t.Errorf("progress %v: want it to end with %q", states, autoscale.GroupDeleted)
	}
}
