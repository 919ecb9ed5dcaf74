package main

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/autoscale/autoscaletest"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/internal/fake"
)

// TestAWSCLIAutoScaling drives the fake AutoScaling with Debian's aws CLI
// 2.9 (Query protocol) in the local cloud, where it launches into the EC2
// fake. Its two halves share nothing and run side by side, each in its
// own cloud: the CLI starts a Python for every command, which is most of
// the time these take.
func TestAWSCLIAutoScaling(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	t.Run("Lifecycle", func(t *testing.T) {
		t.Parallel()
		testAWSCLIAutoScalingLifecycle(t)
	})
	t.Run("TemplatesAndPolicies", func(t *testing.T) {
		t.Parallel()
		testAWSCLIAutoScalingTemplatesAndPolicies(t)
	})
}

// cliGroup is what `aws autoscaling describe-auto-scaling-groups` prints
// of a group.
type cliGroup struct {
	AutoScalingGroupName, LaunchConfigurationName string
	MinSize, MaxSize, DesiredCapacity             int
	AvailabilityZones                             []string
	VPCZoneIdentifier                             string
	LaunchTemplate                                struct{ LaunchTemplateName, Version string }
	Instances                                     []struct {
		InstanceId, LifecycleState, HealthStatus, AvailabilityZone string
	}
	Tags []struct {
		Key, Value        string
		PropagateAtLaunch bool
	}
}

// describeGroups runs describe-auto-scaling-groups for names and returns
// the groups found by name.
func describeGroups(t *testing.T, srv *fake.Server, env []string, names ...string) map[string]cliGroup {
	t.Helper()
	var out struct{ AutoScalingGroups []cliGroup }
	awsJSON(t, srv, env, &out, append([]string{"autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names"}, names...)...)
	groups := map[string]cliGroup{}
	for _, g := range out.AutoScalingGroups {
		groups[g.AutoScalingGroupName] = g
	}
	return groups
}

// testAWSCLIAutoScalingLifecycle takes a group through its life on a
// held clock the test moves: a launch configuration; a group across two
// zones with a tag propagated at launch; the resize rule of
// update-auto-scaling-group; set-desired-capacity within and beyond the
// maximum; a simple policy executed; a one-time scheduled action that
// fires at its time; a launch hook holding an instance in Pending:Wait
// until complete-lifecycle-action; the activities; and
// delete-auto-scaling-group refused without --force-delete while
// instances remain (API Reference: UpdateAutoScalingGroup "the new
// MinSize is larger than the current size of the group, this sets the
// group's DesiredCapacity to the new MinSize value"; SetDesiredCapacity;
// PutScheduledUpdateGroupAction; PutLifecycleHook,
// CompleteLifecycleAction; DeleteAutoScalingGroup "you must specify the
// option to force the deletion"; errors ResourceInUse). The CLI reads
// the group where its answer is what is checked (the configuration, the
// instances' states, one in Pending:Wait); the counts in between are read
// from the fake.
func testAWSCLIAutoScalingLifecycle(t *testing.T) {
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Second))
	// The clock moves about ten minutes while the CLI signs with the real
	// time: a skew of an hour is allowed.
	cloud := localcloud.Start(t, fakes.WithTLS(false), fakes.WithClock(clock.Now), fakes.WithMaxSkew(time.Hour))
	srv := fake.ServerOf(cloud.Server)
	region := srv.DefaultRegion()
	env := clientEnv(t, fake.DefaultCredentials()[0], region)
	as := func(out any, args ...string) {
		t.Helper()
		awsJSON(t, srv, env, out, append([]string{"autoscaling"}, args...)...)
	}
	refused := func(code string, args ...string) {
		t.Helper()
		if _, stderr, err := awsCLI(t, srv, env, append([]string{"autoscaling"}, args...)...); err == nil || !strings.Contains(string(stderr), code) {
			t.Errorf("aws autoscaling %q: %v, want %s\n%s", args, err, code, stderr)
		}
	}
	group := func() cliGroup {
		t.Helper()
		g, ok := describeGroups(t, srv, env, "web")["web"]
		if !ok {
			t.Fatal("describe-auto-scaling-groups: no group web")
		}
		return g
	}
	states := func(g cliGroup) []string {
		var s []string
		for _, in := range g.Instances {
			s = append(s, in.LifecycleState)
		}
		slices.Sort(s)
		return s
	}
	// Between the CLI's reads of the group, the test reads the fake's
	// state instead of paying for a CLI run. The fake moves with its
	// clock only when a request arrives, so each look follows one.
	backend, account := cloud.AutoScaling(), fake.DefaultCredentials()[0].AccountID
	look := func() (autoscaletest.GroupInfo, []string) {
		t.Helper()
		var states []string
		for _, in := range backend.GroupInstances(account, region, "web") {
			states = append(states, in.Lifecycle)
		}
		slices.Sort(states)
		for _, g := range backend.Groups(account, region) {
			if g.Name == "web" {
				return g, states
			}
		}
		t.Fatal("the fake has no group web")
		return autoscaletest.GroupInfo{}, nil
	}

	as(nil, "create-launch-configuration", "--launch-configuration-name", "web-lc", "--image-id", ec2test.DefaultEBSImage,
		"--instance-type", "t3.micro")
	as(nil, "create-auto-scaling-group", "--auto-scaling-group-name", "web", "--launch-configuration-name", "web-lc",
		"--min-size", "1", "--max-size", "3", "--desired-capacity", "1", "--default-cooldown", "60",
		"--availability-zones", region+"a", region+"b",
		"--tags", "ResourceId=web,ResourceType=auto-scaling-group,Key=team,Value=web,PropagateAtLaunch=true")
	clock.Advance(time.Minute)
	g := group()
	if g.LaunchConfigurationName != "web-lc" || g.MinSize != 1 || g.MaxSize != 3 || g.DesiredCapacity != 1 ||
		!slices.Equal(g.AvailabilityZones, []string{region + "a", region + "b"}) || len(g.Tags) != 1 || !g.Tags[0].PropagateAtLaunch {
		t.Errorf("describe-auto-scaling-groups: %+v", g)
	}
	if diff := cmp.Diff([]string{"InService"}, states(g)); diff != "" {
		t.Errorf("instances a minute after create (-want +got):\n%s", diff)
	}

	// A new minimum above the desired capacity raises it.
	as(nil, "update-auto-scaling-group", "--auto-scaling-group-name", "web", "--min-size", "2")
	if g, _ := look(); g.Desired != 2 {
		t.Errorf("update-auto-scaling-group --min-size 2: desired %d, want 2", g.Desired)
	}
	as(nil, "set-desired-capacity", "--auto-scaling-group-name", "web", "--desired-capacity", "3")
	refused("ValidationError", "set-desired-capacity", "--auto-scaling-group-name", "web", "--desired-capacity", "4")
	clock.Advance(time.Minute)

	var policy struct{ PolicyARN string }
	as(&policy, "put-scaling-policy", "--auto-scaling-group-name", "web", "--policy-name", "in", "--policy-type", "SimpleScaling",
		"--adjustment-type", "ChangeInCapacity", "--scaling-adjustment", "-1")
	if !strings.HasPrefix(policy.PolicyARN, "arn:aws:autoscaling:"+region+":") || !strings.HasSuffix(policy.PolicyARN, ":autoScalingGroupName/web:policyName/in") {
		t.Errorf("put-scaling-policy: PolicyARN %q", policy.PolicyARN)
	}
	if g, states := look(); g.Desired != 3 || !slices.Equal(states, []string{"InService", "InService", "InService"}) {
		t.Errorf("set-desired-capacity 3, a minute on: desired %d, instances %v", g.Desired, states)
	}
	as(nil, "execute-policy", "--auto-scaling-group-name", "web", "--policy-name", "in", "--no-honor-cooldown")
	if g, _ := look(); g.Desired != 2 {
		t.Errorf("execute-policy in: desired %d, want 2", g.Desired)
	}

	// The action lowers the minimum with the desired capacity, which it
	// could not take below the minimum (PutScheduledUpdateGroupAction:
	// MinSize, DesiredCapacity).
	start := clock.Now().Add(2 * time.Minute)
	as(nil, "put-scheduled-update-group-action", "--auto-scaling-group-name", "web", "--scheduled-action-name", "quiet",
		"--start-time", start.Format(time.RFC3339), "--min-size", "1", "--desired-capacity", "1")
	clock.Advance(3 * time.Minute)
	as(nil, "put-lifecycle-hook", "--auto-scaling-group-name", "web", "--lifecycle-hook-name", "hold",
		"--lifecycle-transition", "autoscaling:EC2_INSTANCE_LAUNCHING", "--heartbeat-timeout", "300", "--default-result", "ABANDON")
	if g, _ := look(); g.Desired != 1 || g.Min != 1 {
		t.Errorf("the scheduled action's time passed: desired %d, min %d, want 1, 1", g.Desired, g.Min)
	}
	as(nil, "set-desired-capacity", "--auto-scaling-group-name", "web", "--desired-capacity", "2")
	clock.Advance(time.Minute)
	g = group()
	waiting := ""
	for _, in := range g.Instances {
		if in.LifecycleState == "Pending:Wait" {
			waiting = in.InstanceId
		}
	}
	if waiting == "" {
		t.Fatalf("a launch under the hook: instances %+v, want one in Pending:Wait", g.Instances)
	}
	as(nil, "complete-lifecycle-action", "--auto-scaling-group-name", "web", "--lifecycle-hook-name", "hold",
		"--instance-id", waiting, "--lifecycle-action-result", "CONTINUE")
	clock.Advance(time.Minute)

	var activities struct {
		Activities []struct {
			ActivityId, AutoScalingGroupName, Cause, StatusCode, StartTime, EndTime string
			Progress                                                                int
		}
	}
	as(&activities, "describe-scaling-activities", "--auto-scaling-group-name", "web")
	if _, states := look(); !slices.Equal(states, []string{"InService", "InService"}) {
		t.Errorf("after complete-lifecycle-action: instances %v, want 2 InService", states)
	}
	if len(activities.Activities) < 4 {
		t.Errorf("describe-scaling-activities: %d activities, want the launches and the terminations: %+v", len(activities.Activities), activities)
	}
	for _, a := range activities.Activities {
		if a.AutoScalingGroupName != "web" || a.Cause == "" || a.StatusCode != "Successful" || a.Progress != 100 || a.StartTime == "" || a.EndTime == "" {
			t.Errorf("activity %+v", a)
		}
	}

	refused("ResourceInUse", "delete-auto-scaling-group", "--auto-scaling-group-name", "web")
	as(nil, "delete-auto-scaling-group", "--auto-scaling-group-name", "web", "--force-delete")
	clock.Advance(time.Minute)
	// The launch configuration is no longer in use.
	as(nil, "delete-launch-configuration", "--launch-configuration-name", "web-lc")
	if left := backend.Groups(account, region); len(left) != 0 {
		t.Errorf("after delete-auto-scaling-group --force-delete: %+v", left)
	}
	running := 0
	for _, in := range cloud.EC2().Instances(account, region) {
		if in.State != "terminated" && in.State != "shutting-down" {
			running++
		}
	}
	if running != 0 {
		t.Errorf("%d instances still up in EC2 after the forced delete", running)
	}
}

// testAWSCLIAutoScalingTemplatesAndPolicies drives a group on a launch
// template and scaling policies and scheduled actions on another:
//
//   - a launch template (made through EC2's API), a group on it
//     across two subnets, its instances in EC2 with the propagated tag,
//     its launch activities, an update refused by the resize rules, and
//     a force delete;
//   - a step policy from JSON, executed with a metric value and breach
//     threshold (API Reference, ExecutePolicy: "if the breach threshold
//     is 50 and you want to use a step adjustment with a lower bound of 0
//     and an upper bound of 10, you can set the metric value to 59"); a
//     target tracking policy with the two CloudWatch alarms AutoScaling
//     makes for it; a scheduled action with a cron recurrence in a time
//     zone, and one refused for a start in the past ("Given start time is
//     in the past"); batch put and delete.
func testAWSCLIAutoScalingTemplatesAndPolicies(t *testing.T) {
	cloud := localcloud.Start(t, fakes.WithTLS(false))
	srv := fake.ServerOf(cloud.Server)
	region := srv.DefaultRegion()
	cred := fake.DefaultCredentials()[0]
	env := clientEnv(t, cred, region)
	var subnets []string
	for _, s := range cloud.EC2().Subnets(cred.AccountID, region) {
		if s.DefaultForZone && len(subnets) < 2 {
			subnets = append(subnets, s.ID)
		}
	}
	// The template is made through EC2's API in process: the CLI's
	// create-launch-template is TestAWSCLIEC2InstanceTypes's.
	answer, err := cloud.EC2().Call(cred.AccountID, region, time.Now(), "CreateLaunchTemplate", url.Values{
		"LaunchTemplateName": {"web"}, "LaunchTemplateData.ImageId": {ec2test.DefaultEBSImage}, "LaunchTemplateData.InstanceType": {"t3.micro"}})
	if err != nil {
		t.Fatal(err)
	}
	ltID := regexp.MustCompile(`<launchTemplateId>(lt-[0-9a-f]+)</launchTemplateId>`).FindSubmatch(answer)
	if ltID == nil {
		t.Fatalf("CreateLaunchTemplate answered %s", answer)
	}
	awsJSON(t, srv, env, nil, "autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "web",
		"--launch-template", "LaunchTemplateId="+string(ltID[1])+",Version=$Latest",
		"--min-size", "2", "--max-size", "4", "--vpc-zone-identifier", strings.Join(subnets, ","),
		"--tags", "Key=team,Value=web,PropagateAtLaunch=true")

	// The policies' group is made with the SDK: the CLI's group calls are
	// the other group's.
	client := autoscaling.NewFromConfig(srv.Config(region, cred))
	if _, err := client.CreateLaunchConfiguration(t.Context(), &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: aws.String("scale"),
		ImageId: aws.String(ec2test.DefaultEBSImage), InstanceType: aws.String("t3.micro")}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateAutoScalingGroup(t.Context(), &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String("scale"),
		LaunchConfigurationName: aws.String("scale"), AvailabilityZones: []string{region + "a"}, MinSize: aws.Int32(0), MaxSize: aws.Int32(6)}); err != nil {
		t.Fatal(err)
	}
	var put struct {
		PolicyARN string
		Alarms    []struct{ AlarmName, AlarmARN string }
	}
	awsJSON(t, srv, env, &put, "autoscaling", "put-scaling-policy", "--auto-scaling-group-name", "scale", "--policy-name", "steps",
		"--policy-type", "StepScaling", "--adjustment-type", "ChangeInCapacity", "--step-adjustments",
		`[{"MetricIntervalLowerBound":0,"MetricIntervalUpperBound":10,"ScalingAdjustment":1},{"MetricIntervalLowerBound":10,"ScalingAdjustment":3}]`)
	if !strings.Contains(put.PolicyARN, ":scalingPolicy:") || !strings.HasSuffix(put.PolicyARN, ":autoScalingGroupName/scale:policyName/steps") {
		t.Errorf("PolicyARN = %q", put.PolicyARN)
	}
	// The group starts empty: no instance is warming up, which a step
	// policy would leave out of the capacity it adds to (User Guide, "Step
	// and simple scaling policies", "Instance warm-up").
	awsJSON(t, srv, env, nil, "autoscaling", "execute-policy", "--auto-scaling-group-name", "scale", "--policy-name", "steps",
		"--metric-value", "59", "--breach-threshold", "50")

	groups := describeGroups(t, srv, env, "web", "scale")
	if g := groups["scale"]; g.DesiredCapacity != 1 {
		t.Errorf("desired after the first step: %+v, want 1", g)
	}
	g, ok := groups["web"]
	if !ok || g.DesiredCapacity != 2 || len(g.Instances) != 2 || g.VPCZoneIdentifier != strings.Join(subnets, ",") ||
		g.LaunchTemplate.LaunchTemplateName != "web" || g.LaunchTemplate.Version != "$Latest" {
		t.Errorf("group: %+v", g)
	}
	var insts struct {
		Reservations []struct {
			Instances []struct {
				SubnetId string
				Tags     []struct{ Key, Value string }
			}
		}
	}
	awsJSON(t, srv, env, &insts, "ec2", "describe-instances", "--filters", "Name=tag:aws:autoscaling:groupName,Values=web")
	var inSubnets []string
	for _, r := range insts.Reservations {
		for _, i := range r.Instances {
			inSubnets = append(inSubnets, i.SubnetId)
			found := false
			for _, tg := range i.Tags {
				found = found || tg.Key == "team" && tg.Value == "web"
			}
			if !found {
				t.Errorf("instance in %s lacks the team tag: %+v", i.SubnetId, i.Tags)
			}
		}
	}
	if diff := cmp.Diff(subnets, inSubnets); diff != "" {
		t.Errorf("instances' subnets (-want +got):\n%s", diff)
	}
	var acts struct {
		Activities []struct{ Description, Cause, StatusCode string }
	}
	awsJSON(t, srv, env, &acts, "autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", "web")
	if len(acts.Activities) != 2 || !strings.HasPrefix(acts.Activities[0].Description, "Launching a new EC2 instance: i-") ||
		!strings.Contains(acts.Activities[0].Cause, "a user request created an AutoScalingGroup changing the desired capacity from 0 to 2.") {
		t.Errorf("activities: %+v", acts)
	}
	if _, stderr, err := awsCLI(t, srv, env, "autoscaling", "update-auto-scaling-group", "--auto-scaling-group-name", "web",
		"--max-size", "1", "--desired-capacity", "2"); err == nil || !strings.Contains(string(stderr), "ValidationError") {
		t.Errorf("desired above the new max: %v\n%s", err, stderr)
	}

	awsJSON(t, srv, env, &put, "autoscaling", "put-scaling-policy", "--auto-scaling-group-name", "scale", "--policy-name", "cpu40",
		"--policy-type", "TargetTrackingScaling", "--target-tracking-configuration",
		`{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":40}`)
	ttARN := put.PolicyARN
	if len(put.Alarms) != 2 || !strings.HasPrefix(put.Alarms[0].AlarmName, "TargetTracking-scale-AlarmHigh-") ||
		!strings.HasPrefix(put.Alarms[1].AlarmName, "TargetTracking-scale-AlarmLow-") {
		t.Errorf("target tracking alarms: %+v", put.Alarms)
	}
	// They are CloudWatch alarms in the same account, on the group's
	// average CPU, out above the target and in under 90% of it, whose
	// action is the policy (User Guide, "Target tracking scaling policies
	// for Amazon EC2 Auto Scaling").
	var alarms struct {
		MetricAlarms []struct {
			AlarmName, MetricName, Namespace, ComparisonOperator string
			Threshold                                            float64
			EvaluationPeriods                                    int
			AlarmActions                                         []string
		}
	}
	awsJSON(t, srv, env, &alarms, "cloudwatch", "describe-alarms", "--alarm-name-prefix", "TargetTracking-scale-")
	if len(alarms.MetricAlarms) == 2 && len(put.Alarms) == 2 {
		byName := map[string]int{put.Alarms[0].AlarmName: 0, put.Alarms[1].AlarmName: 1}
		want := [2]string{"CPUUtilization AWS/EC2 GreaterThanThreshold 40 3 " + ttARN, "CPUUtilization AWS/EC2 LessThanThreshold 36 15 " + ttARN}
		for _, a := range alarms.MetricAlarms {
			i, ok := byName[a.AlarmName]
			got := fmt.Sprintf("%s %s %s %g %d %s", a.MetricName, a.Namespace, a.ComparisonOperator, a.Threshold, a.EvaluationPeriods, strings.Join(a.AlarmActions, ","))
			if !ok || got != want[i] {
				t.Errorf("alarm %s: %s, want %s", a.AlarmName, got, want[i])
			}
		}
	} else {
		t.Errorf("describe-alarms: %+v", alarms)
	}
	var policies struct {
		ScalingPolicies []struct {
			PolicyName, PolicyType, PolicyARN string
			StepAdjustments                   []struct {
				MetricIntervalLowerBound, MetricIntervalUpperBound *float64
				ScalingAdjustment                                  int
			}
		}
	}
	awsJSON(t, srv, env, &policies, "autoscaling", "describe-policies", "--auto-scaling-group-name", "scale", "--policy-types", "StepScaling")
	if len(policies.ScalingPolicies) != 1 || policies.ScalingPolicies[0].PolicyName != "steps" || len(policies.ScalingPolicies[0].StepAdjustments) != 2 ||
		policies.ScalingPolicies[0].StepAdjustments[1].MetricIntervalUpperBound != nil {
		t.Errorf("describe-policies: %+v", policies)
	}

	awsJSON(t, srv, env, nil, "autoscaling", "put-scheduled-update-group-action", "--auto-scaling-group-name", "scale",
		"--scheduled-action-name", "mornings", "--recurrence", "0 9 * * 1-5", "--time-zone", "America/New_York", "--desired-capacity", "3")
	if _, stderr, err := awsCLI(t, srv, env, "autoscaling", "put-scheduled-update-group-action", "--auto-scaling-group-name", "scale",
		"--scheduled-action-name", "late", "--start-time", "2001-01-01T00:00:00Z", "--desired-capacity", "3"); err == nil ||
		!strings.Contains(string(stderr), "Given start time is in the past") {
		t.Errorf("a start in the past: %v\n%s", err, stderr)
	}
	var failed struct {
		FailedScheduledUpdateGroupActions []struct{ ScheduledActionName, ErrorCode string }
	}
	awsJSON(t, srv, env, &failed, "autoscaling", "batch-put-scheduled-update-group-action", "--auto-scaling-group-name", "scale",
		"--scheduled-update-group-actions", `[{"ScheduledActionName":"evenings","Recurrence":"0 18 * * 1-5","DesiredCapacity":1},{"ScheduledActionName":"bad","Recurrence":"0 18 * *","DesiredCapacity":1}]`)
	if len(failed.FailedScheduledUpdateGroupActions) != 1 || failed.FailedScheduledUpdateGroupActions[0].ScheduledActionName != "bad" ||
		failed.FailedScheduledUpdateGroupActions[0].ErrorCode != "ValidationError" {
		t.Errorf("batch put: %+v", failed)
	}
	var actions struct {
		ScheduledUpdateGroupActions []struct {
			ScheduledActionName, Recurrence, TimeZone, StartTime string
			DesiredCapacity                                      int
		}
	}
	awsJSON(t, srv, env, &actions, "autoscaling", "describe-scheduled-actions", "--auto-scaling-group-name", "scale")
	if a := actions.ScheduledUpdateGroupActions; len(a) != 2 || a[0].ScheduledActionName != "evenings" || a[0].DesiredCapacity != 1 ||
		a[1].ScheduledActionName != "mornings" || a[1].TimeZone != "America/New_York" || a[1].StartTime == "" || a[1].DesiredCapacity != 3 {
		t.Errorf("describe-scheduled-actions: %+v", actions)
	}
	awsJSON(t, srv, env, nil, "autoscaling", "batch-delete-scheduled-action", "--auto-scaling-group-name", "scale", "--scheduled-action-names", "mornings", "evenings")
	awsJSON(t, srv, env, nil, "autoscaling", "delete-policy", "--auto-scaling-group-name", "scale", "--policy-name", "steps")
	actions.ScheduledUpdateGroupActions, policies.ScalingPolicies = nil, nil
	awsJSON(t, srv, env, &actions, "autoscaling", "describe-scheduled-actions", "--auto-scaling-group-name", "scale")
	awsJSON(t, srv, env, &policies, "autoscaling", "describe-policies", "--auto-scaling-group-name", "scale")
	if actions.ScheduledUpdateGroupActions == nil || len(actions.ScheduledUpdateGroupActions) != 0 || len(policies.ScalingPolicies) != 1 ||
		policies.ScalingPolicies[0].PolicyName != "cpu40" || policies.ScalingPolicies[0].PolicyARN != ttARN {
		t.Errorf("after the deletes: %+v, %+v; want cpu40 left, %s", actions, policies, ttARN)
	}

	// The group is deleting (its instances Terminating), or gone.
	awsJSON(t, srv, env, nil, "autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", "web", "--force-delete")
	for _, in := range cloud.AutoScaling().GroupInstances(cred.AccountID, region, "web") {
		if in.Lifecycle != "Terminating" {
			t.Errorf("after force delete: instance %+v", in)
		}
	}
}
