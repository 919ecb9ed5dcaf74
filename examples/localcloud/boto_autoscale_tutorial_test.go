package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/internal/fake"
)

// botoTutorialGroup is a group as testdata/boto_autoscale_tutorial.py prints it.
type botoTutorialGroup struct {
	Name              string
	Min, Max, Desired int
	Zones             []string
	LaunchConfig      string `json:"launch_config"`
	Cooldown          int
	ARNSet            bool    `json:"arn_set"`
	Tags              [][]any // key, value, propagate
	Instances         [][]string
}

// instanceStates are the lifecycle states of a printed group's instances.
func (g botoTutorialGroup) instanceStates() []string {
	var s []string
	for _, in := range g.Instances {
		s = append(s, in[1])
	}
	return s
}

// TestBotoAutoScaleTutorial runs boto 2's AutoScale tutorial whole, with
// its scaling policies (boto.ec2.autoscale: LaunchConfiguration,
// AutoScalingGroup across two zones, ScalingPolicy up and down,
// get_all_policies, get_all_groups, execute_policy, the group's instances
// and activities, shutdown_instances, delete) against the local cloud,
// whose held clock the test moves between the script's stages (where
// TestBotoAutoScale waits on real time). The group's
// instances are the EC2 fake's, balanced across the zones, InService
// once launched, and terminated by the shutdown (API Reference:
// CreateAutoScalingGroup, PutScalingPolicy, ExecutePolicy,
// DescribeScalingActivities "If the scaling event succeeds, the value of
// the StatusCode element in the response is Successful"; User Guide,
// "Rebalancing activities": AutoScaling "attempts to distribute instances
// evenly between the Availability Zones").
func TestBotoAutoScaleTutorial(t *testing.T) {
	t.Parallel()
	requireBoto(t)
	clock := fakes.NewClock(time.Now())
	// The clock moves 15 minutes in all while the clients sign with the
	// real time: a skew of an hour is allowed.
	cloud := localcloud.Start(t, fakes.WithTLS(false), fakes.WithClock(clock.Now), fakes.WithMaxSkew(time.Hour))
	srv := fake.ServerOf(cloud.Server)
	region := srv.DefaultRegion()
	const name = "boto-web"
	stage := func(s string, out any) {
		t.Helper()
		runBoto(t, srv, "boto_autoscale_tutorial.py", out, s, ec2test.DefaultEBSImage, name)
	}

	var created struct {
		Policies      [][]any
		PolicyARNs    []string `json:"policy_arns"`
		LaunchConfigs [][]any  `json:"launch_configs"`
		Group         botoTutorialGroup
	}
	stage("create", &created)
	if diff := cmp.Diff([][]any{{"scale_down", "ChangeInCapacity", -1.0, 180.0}, {"scale_up", "ChangeInCapacity", 1.0, 180.0}}, created.Policies); diff != "" {
		t.Errorf("get_all_policies (-want +got):\n%s", diff)
	}
	if len(created.PolicyARNs) != 2 || !strings.Contains(created.PolicyARNs[0], ":scalingPolicy:") ||
		tutorialPolicyID(created.PolicyARNs[0]) == tutorialPolicyID(created.PolicyARNs[1]) {
		t.Errorf("policy ARNs %q: want one ID each", created.PolicyARNs)
	}
	if diff := cmp.Diff([][]any{{name + "-lc", ec2test.DefaultEBSImage, "t3.micro", true}}, created.LaunchConfigs); diff != "" {
		t.Errorf("get_all_launch_configurations (-want +got):\n%s", diff)
	}
	g := created.Group
	want := botoTutorialGroup{Name: name, Min: 2, Max: 4, Desired: 2, Zones: []string{region + "a", region + "b"}, LaunchConfig: name + "-lc",
		Cooldown: 300, ARNSet: true, Tags: [][]any{{"team", "web", true}}, Instances: g.Instances}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("get_all_groups after create (-want +got):\n%s", diff)
	}
	// The clock has not moved: nothing is InService yet.
	if slices.Contains(g.instanceStates(), "InService") {
		t.Errorf("instances right after create: %v; want them still launching", g.Instances)
	}

	clock.Advance(5 * time.Minute)
	var scaled struct{ Before, After botoTutorialGroup }
	stage("scale", &scaled)
	if got := scaled.Before.instanceStates(); !slices.Equal(got, []string{"InService", "InService"}) {
		t.Errorf("instances after 5 minutes: %v, want 2 InService", scaled.Before.Instances)
	} else if scaled.Before.Instances[0][3] == scaled.Before.Instances[1][3] {
		t.Errorf("instances %v: both in one zone, want one in each", scaled.Before.Instances)
	}
	if scaled.After.Desired != 3 {
		t.Errorf("execute_policy(scale_up): desired %d, want 3", scaled.After.Desired)
	}

	clock.Advance(5 * time.Minute)
	var shut struct {
		Before, After botoTutorialGroup
		Activities    [][]any // status, cause, start, end
		Instances     [][]string
	}
	stage("shutdown", &shut)
	if got := shut.Before.instanceStates(); !slices.Equal(got, []string{"InService", "InService", "InService"}) {
		t.Errorf("instances after the scale-out: %v, want 3 InService", shut.Before.Instances)
	}
	if len(shut.Activities) < 2 {
		t.Errorf("get_activities: %v, want the two launches at least", shut.Activities)
	}
	for _, a := range shut.Activities {
		if a[0] != "Successful" || a[1] == "" || a[2] == nil || a[3] == nil {
			t.Errorf("activity %v: want Successful with a cause, a start and an end", a)
		}
	}
	// The policy's activity says so, as AWS words causes (User Guide,
	// "Verify a scaling activity for an Auto Scaling group": "At
	// 2020-...Z a user request update of AutoScalingGroup constraints to
	// ... changing the desired capacity from 1 to 2.  At 2020-...Z an
	// instance was started in response to a difference between desired
	// and actual capacity, increasing the capacity from 1 to 2.").
	policyCause := regexp.MustCompile(`^At \S+Z a user request executed policy scale_up changing the desired capacity from 2 to 3\.  ` +
		`At \S+Z an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 2 to 3\.$`)
	if !slices.ContainsFunc(shut.Activities, func(a []any) bool { s, _ := a[1].(string); return policyCause.MatchString(s) }) {
		t.Errorf("get_activities: no activity caused by the policy as AWS words it (%s):\n%v", policyCause, shut.Activities)
	}
	var ids []string
	for _, in := range shut.Instances {
		ids = append(ids, in[0])
		if in[1] != name || in[2] != "InService" || in[3] != name+"-lc" {
			t.Errorf("get_all_autoscaling_instances: %v", in)
		}
	}
	if len(ids) != 3 {
		t.Errorf("get_all_autoscaling_instances: %v, want 3", shut.Instances)
	}
	if a := shut.After; a.Min != 0 || a.Max != 0 || a.Desired != 0 {
		t.Errorf("shutdown_instances: min %d max %d desired %d, want 0", a.Min, a.Max, a.Desired)
	}

	clock.Advance(5 * time.Minute)
	var deleted struct {
		Before            botoTutorialGroup
		GroupsLeft        []string `json:"groups_left"`
		LaunchConfigsLeft []string `json:"launch_configs_left"`
	}
	stage("delete", &deleted)
	if len(deleted.Before.Instances) != 0 || len(deleted.GroupsLeft) != 0 || len(deleted.LaunchConfigsLeft) != 0 {
		t.Errorf("delete: instances before %v, groups left %v, launch configurations left %v; want none",
			deleted.Before.Instances, deleted.GroupsLeft, deleted.LaunchConfigsLeft)
	}
	// The instances were the EC2 fake's, and are terminated.
	for _, in := range cloud.EC2().Instances(fake.DefaultCredentials()[0].AccountID, region) {
		if slices.Contains(ids, in.ID) && in.State != "terminated" {
			t.Errorf("EC2 instance %s of the deleted group is %s", in.ID, in.State)
		}
		ids = slices.DeleteFunc(ids, func(id string) bool { return id == in.ID })
	}
	if len(ids) != 0 {
		t.Errorf("instances %v are not in the EC2 fake", ids)
	}
}

// policyID is the ID in a scaling policy's ARN
// (...:scalingPolicy:ID:autoScalingGroupName/G:policyName/P).
func tutorialPolicyID(arn string) string {
	_, rest, _ := strings.Cut(arn, ":scalingPolicy:")
	id, _, _ := strings.Cut(rest, ":")
	return id
}
