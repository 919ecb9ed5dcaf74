package main

import (
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

// cliTutorialGroup is what `aws autoscaling describe-auto-scaling-groups` prints
// of a group.
type cliTutorialGroup struct {
	AutoScalingGroupName, LaunchConfigurationName string
	MinSize, MaxSize, DesiredCapacity             int
	AvailabilityZones                             []string
	Instances                                     []struct {
		InstanceId, LifecycleState, HealthStatus, AvailabilityZone string
	}
	Tags []struct {
		Key, Value        string
		PropagateAtLaunch bool
	}
}

// TestAWSCLIAutoScalingTutorial drives AutoScaling with Debian's aws CLI
// v2.9 (Query protocol) through the local cloud, on a held clock the test
// moves, in the verbs TestAWSCLIAutoScaling leaves out: a launch
// configuration; a group across two zones with a tag
// propagated at launch; the resize rule of update-auto-scaling-group;
// set-desired-capacity within and beyond the maximum; a simple policy
// executed; a one-time scheduled action that fires at its time; a launch
// hook holding an instance in Pending:Wait until
// complete-lifecycle-action; the activities; and delete-auto-scaling-group
// refused without --force-delete while instances remain (API Reference:
// UpdateAutoScalingGroup "the new MinSize is larger than the current size
// of the group, this sets the group's DesiredCapacity to the new MinSize
// value"; PutLifecycleHook, CompleteLifecycleAction;
// DeleteAutoScalingGroup "you must specify the option to force the
// deletion"; errors ResourceInUse).
func TestAWSCLIAutoScalingTutorial(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
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
	group := func() cliTutorialGroup {
		t.Helper()
		var out struct{ AutoScalingGroups []cliTutorialGroup }
		as(&out, "describe-auto-scaling-groups", "--auto-scaling-group-names", "web")
		if len(out.AutoScalingGroups) != 1 {
			t.Fatalf("describe-auto-scaling-groups web: %+v", out)
		}
		return out.AutoScalingGroups[0]
	}
	states := func(g cliTutorialGroup) []string {
		var s []string
		for _, in := range g.Instances {
			s = append(s, in.LifecycleState)
		}
		slices.Sort(s)
		return s
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
	if g := group(); g.DesiredCapacity != 2 {
		t.Errorf("update-auto-scaling-group --min-size 2: desired %d, want 2", g.DesiredCapacity)
	}
	as(nil, "set-desired-capacity", "--auto-scaling-group-name", "web", "--desired-capacity", "3")
	refused("ValidationError", "set-desired-capacity", "--auto-scaling-group-name", "web", "--desired-capacity", "4")
	clock.Advance(time.Minute)
	if g := group(); g.DesiredCapacity != 3 || !slices.Equal(states(g), []string{"InService", "InService", "InService"}) {
		t.Errorf("set-desired-capacity 3: desired %d, instances %v", g.DesiredCapacity, states(g))
	}

	var policy struct{ PolicyARN string }
	as(&policy, "put-scaling-policy", "--auto-scaling-group-name", "web", "--policy-name", "in", "--policy-type", "SimpleScaling",
		"--adjustment-type", "ChangeInCapacity", "--scaling-adjustment", "-1")
	if !strings.HasPrefix(policy.PolicyARN, "arn:aws:autoscaling:"+region+":") || !strings.HasSuffix(policy.PolicyARN, ":autoScalingGroupName/web:policyName/in") {
		t.Errorf("put-scaling-policy: PolicyARN %q", policy.PolicyARN)
	}
	as(nil, "update-auto-scaling-group", "--auto-scaling-group-name", "web", "--min-size", "1")
	as(nil, "execute-policy", "--auto-scaling-group-name", "web", "--policy-name", "in", "--no-honor-cooldown")
	if g := group(); g.DesiredCapacity != 2 {
		t.Errorf("execute-policy in: desired %d, want 2", g.DesiredCapacity)
	}

	start := clock.Now().Add(2 * time.Minute)
	as(nil, "put-scheduled-update-group-action", "--auto-scaling-group-name", "web", "--scheduled-action-name", "quiet",
		"--start-time", start.Format(time.RFC3339), "--desired-capacity", "1")
	var scheduled struct {
		ScheduledUpdateGroupActions []struct {
			ScheduledActionName, StartTime string
			DesiredCapacity                int
		}
	}
	as(&scheduled, "describe-scheduled-actions", "--auto-scaling-group-name", "web")
	if len(scheduled.ScheduledUpdateGroupActions) != 1 || scheduled.ScheduledUpdateGroupActions[0].DesiredCapacity != 1 {
		t.Errorf("describe-scheduled-actions: %+v", scheduled)
	}
	clock.Advance(3 * time.Minute)
	if g := group(); g.DesiredCapacity != 1 {
		t.Errorf("the scheduled action's time passed: desired %d, want 1", g.DesiredCapacity)
	}

	as(nil, "put-lifecycle-hook", "--auto-scaling-group-name", "web", "--lifecycle-hook-name", "hold",
		"--lifecycle-transition", "autoscaling:EC2_INSTANCE_LAUNCHING", "--heartbeat-timeout", "300", "--default-result", "ABANDON")
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
	if diff := cmp.Diff([]string{"InService", "InService"}, states(group())); diff != "" {
		t.Errorf("after complete-lifecycle-action (-want +got):\n%s", diff)
	}

	var activities struct {
		Activities []struct {
			ActivityId, AutoScalingGroupName, Cause, StatusCode, StartTime, EndTime string
			Progress                                                                int
		}
	}
	as(&activities, "describe-scaling-activities", "--auto-scaling-group-name", "web")
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
	var left struct{ AutoScalingGroups []cliTutorialGroup }
	as(&left, "describe-auto-scaling-groups", "--auto-scaling-group-names", "web")
	if len(left.AutoScalingGroups) != 0 {
		t.Errorf("after delete-auto-scaling-group --force-delete: %+v", left.AutoScalingGroups)
	}
	as(nil, "delete-launch-configuration", "--launch-configuration-name", "web-lc")
	running := 0
	for _, in := range cloud.EC2().Instances(fake.DefaultCredentials()[0].AccountID, region) {
		if in.State != "terminated" && in.State != "shutting-down" {
			running++
		}
	}
	if running != 0 {
		t.Errorf("%d instances still up in EC2 after the forced delete", running)
	}
}
