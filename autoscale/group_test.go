package autoscale_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/autoscale"
)

// AutoScaling API Reference, CreateAutoScalingGroup and
// DescribeAutoScalingGroups: a group is described with the sizes,
// template, subnets, health check, cooldown, termination policies and
// tags it was created with.
func TestCreateGroupRoundTrip(t *testing.T) {
	e := onMoto(t)
	o := e.groupOptions(0, 4, 2)
	o.HealthCheckType = autoscale.HealthCheckEC2
	o.HealthCheckGracePeriod = 60 * time.Second
	o.DefaultCooldown = 120 * time.Second
	o.TerminationPolicies = []autoscale.TerminationPolicy{autoscale.TerminateOldestInstance}
	o.Tags = []autoscale.Tag{{Key: "role", Value: "web", PropagateAtLaunch: true}}
	g := e.newGroup(t, o)
	if err := g.Refresh(t.Context()); err != nil {
		t.Fatal(err)
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
}
