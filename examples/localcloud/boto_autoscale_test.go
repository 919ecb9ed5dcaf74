package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/internal/fake"
)

// botoGroup is a group as testdata/boto_autoscale.py prints it.
type botoGroup struct {
	Name              string
	Min, Max, Desired int
	Zones             []string
	LaunchConfig      string `json:"launch_config"`
	Cooldown          int
	ARNSet            bool       `json:"arn_set"`
	Tags              [][]any    // key, value, propagate
	Instances         [][]string // ID, lifecycle state, health, zone
}

// instanceStates are the lifecycle states of a printed group's instances.
func (g botoGroup) instanceStates() []string {
	var s []string
	for _, in := range g.Instances {
		s = append(s, in[1])
	}
	return s
}

// botoPolicy is a scaling policy as testdata/boto_autoscale.py prints it.
type botoPolicy struct {
	Name              string
	AdjustmentType    string `json:"adjustment_type"`
	ScalingAdjustment int    `json:"scaling_adjustment"`
	Cooldown          *int
	MinAdjustmentStep *int `json:"min_adjustment_step"`
	ARN               string
}

// botoAction is a scheduled action as testdata/boto_autoscale.py prints it.
type botoAction struct {
	Name, Recurrence  string
	Desired, Min, Max int
}

// TestBotoAutoScale runs boto 2's AutoScale tutorial whole, with its
// scaling policies and scheduled actions (boto.ec2.autoscale:
// LaunchConfiguration, AutoScalingGroup across two zones, ScalingPolicy,
// get_all_policies, create_scheduled_group_action,
// get_all_scheduled_actions, get_all_groups, set_capacity,
// execute_policy, the group's instances and activities,
// shutdown_instances, delete_policy, delete) against the local cloud,
// whose held clock the test moves between the script's stages. The
// group's instances are the EC2 fake's, balanced across the zones,
// InService once launched, and terminated by the shutdown.
//
// API Reference: CreateLaunchConfiguration and CreateAutoScalingGroup
// answer AlreadyExists for a name in use; CreateAutoScalingGroup
// validates its sizes and name (ValidationError); PutScalingPolicy gives
// each policy its own ARN; PutScheduledUpdateGroupAction: a recurrence
// that is not five cron fields is a ValidationError; ExecutePolicy;
// DescribeScalingActivities "If the scaling event succeeds, the value of
// the StatusCode element in the response is Successful", newest first.
// User Guide, "Rebalancing activities": AutoScaling "attempts to
// distribute instances evenly between the Availability Zones".
func TestBotoAutoScale(t *testing.T) {
	t.Parallel()
	requireBoto(t)
	clock := fakes.NewClock(time.Now())
	// The clock moves 20 minutes in all while boto signs with the real
	// time: a skew of an hour is allowed.
	cloud := localcloud.Start(t, fakes.WithTLS(false), fakes.WithClock(clock.Now), fakes.WithMaxSkew(time.Hour))
	srv := fake.ServerOf(cloud.Server)
	region := srv.DefaultRegion()
	const name = "boto-web"
	stage := func(s string, out any) {
		t.Helper()
		runBoto(t, srv, "boto_autoscale.py", out, s, ec2test.DefaultEBSImage, name)
	}

	var created struct {
		Again, Bad    string
		Policies      []botoPolicy
		Actions       []botoAction
		Refused       string
		ActionsLeft   []string `json:"actions_left"`
		LaunchConfigs [][]any  `json:"launch_configs"`
		Group         botoGroup
	}
	stage("create", &created)
	if created.Again != "AlreadyExists" || created.Bad != "ValidationError" {
		t.Errorf("refusals: launch configuration again %q, bad group %q; want AlreadyExists, ValidationError", created.Again, created.Bad)
	}
	one, oneEighty := 1, 180
	wantPolicies := []botoPolicy{
		{Name: "scale_down", AdjustmentType: "PercentChangeInCapacity", ScalingAdjustment: -50, MinAdjustmentStep: &one},
		{Name: "scale_up", AdjustmentType: "ChangeInCapacity", ScalingAdjustment: 1, Cooldown: &oneEighty},
	}
	if diff := cmp.Diff(wantPolicies, created.Policies, cmpopts.IgnoreFields(botoPolicy{}, "ARN")); diff != "" {
		t.Errorf("get_all_policies (-want +got):\n%s", diff)
	}
	arn := regexp.MustCompile(`^arn:aws:autoscaling:` + region + `:\d{12}:scalingPolicy:([0-9a-f-]{36}):autoScalingGroupName/` + name + `:policyName/scale_(up|down)$`)
	var ids []string
	for _, p := range created.Policies {
		if m := arn.FindStringSubmatch(p.ARN); m != nil {
			ids = append(ids, m[1])
		} else {
			t.Errorf("policy %s: ARN %q, want it to match %s", p.Name, p.ARN, arn)
		}
	}
	if len(ids) == 2 && ids[0] == ids[1] {
		t.Errorf("policy ARNs %q: want one ID each", ids)
	}
	if diff := cmp.Diff([]botoAction{{"nightly", "0 22 * * *", 1, 1, 2}}, created.Actions); diff != "" {
		t.Errorf("get_all_scheduled_actions (-want +got):\n%s", diff)
	}
	if created.Refused != "ValidationError" || len(created.ActionsLeft) != 0 {
		t.Errorf("a four-field recurrence: %q, want ValidationError; after delete_scheduled_action: %v, want none", created.Refused, created.ActionsLeft)
	}
	if diff := cmp.Diff([][]any{{name + "-lc", ec2test.DefaultEBSImage, "t3.micro", true}}, created.LaunchConfigs); diff != "" {
		t.Errorf("get_all_launch_configurations (-want +got):\n%s", diff)
	}
	g := created.Group
	want := botoGroup{Name: name, Min: 2, Max: 4, Desired: 2, Zones: []string{region + "a", region + "b"}, LaunchConfig: name + "-lc",
		Cooldown: 300, ARNSet: true, Tags: [][]any{{"team", "web", true}}, Instances: g.Instances}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("get_all_groups after create (-want +got):\n%s", diff)
	}
	// The clock has not moved: nothing is InService yet.
	if len(g.Instances) != 2 || slices.Contains(g.instanceStates(), "InService") {
		t.Errorf("instances right after create: %v; want two still launching", g.Instances)
	}

	clock.Advance(5 * time.Minute)
	var resized struct{ Before, After botoGroup }
	stage("resize", &resized)
	var zones []string
	for _, in := range resized.Before.Instances {
		zones = append(zones, in[3])
	}
	slices.Sort(zones)
	if got := resized.Before.instanceStates(); !slices.Equal(got, []string{"InService", "InService"}) {
		t.Errorf("instances after 5 minutes: %v, want 2 InService", resized.Before.Instances)
	} else if diff := cmp.Diff([]string{region + "a", region + "b"}, zones); diff != "" {
		t.Errorf("InService zones, want one in each (-want +got):\n%s", diff)
	}
	if resized.After.Desired != 3 {
		t.Errorf("set_capacity(3): desired %d, want 3", resized.After.Desired)
	}

	clock.Advance(5 * time.Minute)
	var scaled struct{ Before, After botoGroup }
	stage("scale", &scaled)
	if got := scaled.Before.instanceStates(); !slices.Equal(got, []string{"InService", "InService", "InService"}) {
		t.Errorf("instances after set_capacity: %v, want 3 InService", scaled.Before.Instances)
	}
	if scaled.After.Desired != 4 {
		t.Errorf("execute_policy(scale_up): desired %d, want 4", scaled.After.Desired)
	}

	clock.Advance(5 * time.Minute)
	var shut struct {
		Before, After botoGroup
		Activities    [][]any // status, cause, start, end
		Instances     [][]string
	}
	stage("shutdown", &shut)
	if got := shut.Before.instanceStates(); !slices.Equal(got, []string{"InService", "InService", "InService", "InService"}) {
		t.Errorf("instances after the scale-out: %v, want 4 InService", shut.Before.Instances)
	}
	// Two launches at create, one for set_capacity, one for the policy.
	if len(shut.Activities) != 4 {
		t.Errorf("get_activities: %d activities, want 4:\n%v", len(shut.Activities), shut.Activities)
	}
	for _, a := range shut.Activities {
		if a[0] != "Successful" || a[1] == "" || a[2] == nil || a[3] == nil {
			t.Errorf("activity %v: want Successful with a cause, a start and an end", a)
		}
	}
	// The newest activity is the policy's, then set_capacity's, worded as
	// AWS words causes (User Guide, "Verify a scaling activity for an Auto
	// Scaling group": "At 2020-...Z a user request update of
	// AutoScalingGroup constraints to ... changing the desired capacity
	// from 1 to 2.  At 2020-...Z an instance was started in response to a
	// difference between desired and actual capacity, increasing the
	// capacity from 1 to 2.").
	policyCause := regexp.MustCompile(`^At \S+Z a user request executed policy scale_up changing the desired capacity from 3 to 4\.  ` +
		`At \S+Z an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 3 to 4\.$`)
	const setCause = "a user request explicitly set group desired capacity changing the desired capacity from 2 to 3."
	if len(shut.Activities) >= 2 {
		if s, _ := shut.Activities[0][1].(string); !policyCause.MatchString(s) {
			t.Errorf("newest activity's cause %q, want it to match %s", s, policyCause)
		}
		if s, _ := shut.Activities[1][1].(string); !strings.Contains(s, setCause) {
			t.Errorf("second activity's cause %q, want it to say %q", s, setCause)
		}
	}
	ids = nil
	for _, in := range shut.Instances {
		ids = append(ids, in[0])
		if diff := cmp.Diff([]string{in[0], name, "InService", name + "-lc", "HEALTHY"}, in); diff != "" {
			t.Errorf("get_all_autoscaling_instances (-want +got):\n%s", diff)
		}
	}
	if len(ids) != 4 {
		t.Errorf("get_all_autoscaling_instances: %v, want 4", shut.Instances)
	}
	if a := shut.After; a.Min != 0 || a.Max != 0 || a.Desired != 0 {
		t.Errorf("shutdown_instances: min %d max %d desired %d, want 0", a.Min, a.Max, a.Desired)
	}

	clock.Advance(5 * time.Minute)
	var deleted struct {
		Before            botoGroup
		PoliciesLeft      []string `json:"policies_left"`
		GroupsLeft        []string `json:"groups_left"`
		LaunchConfigsLeft []string `json:"launch_configs_left"`
		AllGroups         int      `json:"all_groups"`
		AllLaunchConfigs  int      `json:"all_launch_configs"`
	}
	stage("delete", &deleted)
	if len(deleted.Before.Instances) != 0 || len(deleted.GroupsLeft) != 0 || len(deleted.LaunchConfigsLeft) != 0 ||
		deleted.AllGroups != 0 || deleted.AllLaunchConfigs != 0 {
		t.Errorf("delete: instances before %v, groups left %v (%d in all), launch configurations left %v (%d in all); want none",
			deleted.Before.Instances, deleted.GroupsLeft, deleted.AllGroups, deleted.LaunchConfigsLeft, deleted.AllLaunchConfigs)
	}
	if diff := cmp.Diff([]string{"scale_up"}, deleted.PoliciesLeft); diff != "" {
		t.Errorf("policies after delete_policy(scale_down) (-want +got):\n%s", diff)
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
