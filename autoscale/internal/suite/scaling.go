package suite

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/goboto/goboto/internal/testutil"
)

// setDesired sets the group's desired capacity, not honouring cooldowns.
func setDesired(t *testing.T, env Env, name string, n int32) {
	t.Helper()
	if _, err := env.Client.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{
		AutoScalingGroupName: aws.String(name), DesiredCapacity: aws.Int32(n)}); err != nil {
		t.Fatalf("%s: SetDesiredCapacity %s %d: %v", env.Name, name, n, err)
	}
}

// SuspendProcesses lists the processes suspended, and a suspended Launch
// launches nothing while the desired capacity rises; ResumeProcesses
// with no list resumes them all (API Reference, SuspendProcesses; User
// Guide, "Suspend and resume Amazon EC2 Auto Scaling processes":
// Launch "Adds instances to the Auto Scaling group when the group scales
// out ... If you suspend Launch, this disrupts other processes";
// ScalingProcessQuery, ScalingProcesses: "If you omit this property, all
// processes are specified").
func testProcesses(t *testing.T, env Env) {
	id, _ := template(t, env)
	name := env.NewName()
	createGroup(t, env, groupInput(env, name, id))
	if _, err := env.Client.SuspendProcesses(t.Context(), &autoscaling.SuspendProcessesInput{
		AutoScalingGroupName: aws.String(name), ScalingProcesses: []string{"Launch", "AZRebalance"}}); err != nil {
		t.Fatalf("%s: SuspendProcesses: %v", env.Name, err)
	}
	g := describeGroup(t, env, name)
	var suspended []string
	for _, p := range g.SuspendedProcesses {
		suspended = append(suspended, aws.ToString(p.ProcessName))
	}
	slices.Sort(suspended)
	if !slices.Equal(suspended, []string{"AZRebalance", "Launch"}) {
		t.Errorf("%s: SuspendedProcesses %v, want AZRebalance and Launch", env.Name, suspended)
	}
	setDesired(t, env, name, 1)
	for range 4 {
		tick(env)
	}
	g = describeGroup(t, env, name)
	if env.Diff.IgnoresSuspendedLaunch {
		if len(g.Instances) != 1 {
			t.Errorf("%s: Launch suspended, desired 1: %d instances; the flag IgnoresSuspendedLaunch says 1", env.Name, len(g.Instances))
		}
	} else if len(g.Instances) != 0 {
		t.Errorf("%s: Launch suspended, desired 1: %d instances launched, want none", env.Name, len(g.Instances))
	}
	if _, err := env.Client.ResumeProcesses(t.Context(), &autoscaling.ResumeProcessesInput{AutoScalingGroupName: aws.String(name)}); err != nil {
		t.Fatalf("%s: ResumeProcesses: %v", env.Name, err)
	}
	g = waitStable(t, env, name, 1)
	if len(g.SuspendedProcesses) != 0 {
		t.Errorf("%s: after ResumeProcesses: %s", env.Name, show(g.SuspendedProcesses))
	}
}

// policyUUID is the UUID in a scaling policy's ARN
// (arn:aws:autoscaling:REGION:ACCOUNT:scalingPolicy:UUID:autoScalingGroupName/G:policyName/P).
func policyUUID(arn string) string {
	_, rest, _ := strings.Cut(arn, ":scalingPolicy:")
	uuid, _, _ := strings.Cut(rest, ":")
	return uuid
}

// Simple and target-tracking policies are put, described with what was
// put, executed within the group's bounds, and deleted; each policy has
// an ARN of its own (API Reference, PutScalingPolicy, PolicyARN "The
// Amazon Resource Name (ARN) of the policy", a resource of its own in
// the Service Authorization Reference's ARN format
// "scalingPolicy:${PolicyId}:autoScalingGroupName/..."; ExecutePolicy,
// HonorCooldown "Indicates whether Amazon EC2 Auto Scaling waits for the
// cooldown period to complete before executing the policy"; errors
// ScalingActivityInProgress).
func testPolicies(t *testing.T, env Env) {
	ctx := t.Context()
	id, _ := template(t, env)
	name := env.NewName()
	createGroup(t, env, groupInput(env, name, id))
	putPolicy := func(in *autoscaling.PutScalingPolicyInput) string {
		t.Helper()
		in.AutoScalingGroupName = aws.String(name)
		out, err := env.Client.PutScalingPolicy(ctx, in)
		if err != nil {
			t.Fatalf("%s: PutScalingPolicy %s: %v", env.Name, aws.ToString(in.PolicyName), err)
		}
		return aws.ToString(out.PolicyARN)
	}
	upName, downName, ttName := env.NewName(), env.NewName(), env.NewName()
	up := putPolicy(&autoscaling.PutScalingPolicyInput{PolicyName: aws.String(upName), PolicyType: aws.String("SimpleScaling"),
		AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(1), Cooldown: aws.Int32(600)})
	down := putPolicy(&autoscaling.PutScalingPolicyInput{PolicyName: aws.String(downName),
		AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(-1)})
	tt := putPolicy(&autoscaling.PutScalingPolicyInput{PolicyName: aws.String(ttName), PolicyType: aws.String("TargetTrackingScaling"),
		TargetTrackingConfiguration: &types.TargetTrackingConfiguration{TargetValue: aws.Float64(50),
			PredefinedMetricSpecification: &types.PredefinedMetricSpecification{PredefinedMetricType: types.MetricTypeASGAverageCPUUtilization}}})
	out, err := env.Client.DescribePolicies(ctx, &autoscaling.DescribePoliciesInput{AutoScalingGroupName: aws.String(name)})
	if err != nil {
		t.Fatalf("%s: DescribePolicies: %v", env.Name, err)
	}
	byName := map[string]types.ScalingPolicy{}
	for _, p := range out.ScalingPolicies {
		byName[aws.ToString(p.PolicyName)] = p
	}
	// PutScalingPolicy answers the ARN DescribePolicies lists.
	put := map[string]string{upName: up, downName: down, ttName: tt}
	for n, arn := range put {
		want := aws.ToString(byName[n].PolicyARN)
		if env.Diff.PutPolicyNoARN {
			want = ""
		}
		if arn != want {
			t.Errorf("%s: PutScalingPolicy %s answered ARN %q, DescribePolicies lists %q", env.Name, n, arn, aws.ToString(byName[n].PolicyARN))
		}
	}
	up, down, tt = aws.ToString(byName[upName].PolicyARN), aws.ToString(byName[downName].PolicyARN), aws.ToString(byName[ttName].PolicyARN)
	for _, arn := range []string{up, down, tt} {
		if !strings.HasPrefix(arn, "arn:aws:autoscaling:us-east-1:") || !strings.Contains(arn, ":autoScalingGroupName/"+name+":policyName/") {
			t.Errorf("%s: policy ARN %q", env.Name, arn)
		}
	}
	same := policyUUID(up) == policyUUID(down) && policyUUID(down) == policyUUID(tt)
	if env.Diff.SamePolicyUUID {
		if !same {
			t.Errorf("%s: policy ARNs %s, %s, %s have UUIDs of their own; the flag SamePolicyUUID says they share one", env.Name, up, down, tt)
		}
	} else if policyUUID(up) == "" || policyUUID(up) == policyUUID(down) || policyUUID(down) == policyUUID(tt) || policyUUID(up) == policyUUID(tt) {
		t.Errorf("%s: policy ARNs %s, %s, %s do not have a UUID each", env.Name, up, down, tt)
	}

	// PolicyType defaults to SimpleScaling (API Reference,
	// PutScalingPolicy, PolicyType: "If the policy type is null, the value
	// is treated as SimpleScaling").
	if p := byName[upName]; aws.ToString(p.PolicyType) != "SimpleScaling" ||
		aws.ToString(p.AdjustmentType) != "ChangeInCapacity" || aws.ToInt32(p.ScalingAdjustment) != 1 || aws.ToInt32(p.Cooldown) != 600 {
		t.Errorf("%s: policy %s %s", env.Name, upName, show(p))
	}
	if p := byName[downName]; aws.ToString(p.PolicyType) != "SimpleScaling" || aws.ToInt32(p.ScalingAdjustment) != -1 {
		t.Errorf("%s: policy %s %s", env.Name, downName, show(p))
	}
	if p := byName[ttName]; aws.ToString(p.PolicyType) != "TargetTrackingScaling" || p.TargetTrackingConfiguration == nil ||
		aws.ToFloat64(p.TargetTrackingConfiguration.TargetValue) != 50 {
		t.Errorf("%s: policy %s %s", env.Name, ttName, show(p))
	}
	// A target tracking policy's two alarms, scale out then scale in.
	var kinds []string
	alarmName := regexp.MustCompile(`^TargetTracking-` + regexp.QuoteMeta(name) + `-(AlarmHigh|AlarmLow)-[0-9a-f-]{36}$`)
	for _, a := range byName[ttName].Alarms {
		if m := alarmName.FindStringSubmatch(aws.ToString(a.AlarmName)); m != nil {
			kinds = append(kinds, m[1])
		} else {
			kinds = append(kinds, aws.ToString(a.AlarmName))
		}
	}
	wantKinds := []string{"AlarmHigh", "AlarmLow"}
	if env.Diff.NoTargetTrackingAlarms {
		wantKinds = nil
	}
	if !slices.Equal(kinds, wantKinds) {
		t.Errorf("%s: target tracking policy's alarms %v, want %v", env.Name, kinds, wantKinds)
	}

	execute := func(policy string, honor bool) error {
		_, err := env.Client.ExecutePolicy(ctx, &autoscaling.ExecutePolicyInput{AutoScalingGroupName: aws.String(name),
			PolicyName: aws.String(policy), HonorCooldown: aws.Bool(honor)})
		return err
	}
	if err := execute(upName, false); err != nil {
		t.Fatalf("%s: ExecutePolicy %s: %v", env.Name, upName, err)
	}
	if g := describeGroup(t, env, name); aws.ToInt32(g.DesiredCapacity) != 1 {
		t.Errorf("%s: after the scale-out policy: desired %d, want 1", env.Name, aws.ToInt32(g.DesiredCapacity))
	}
	waitStable(t, env, name, 1)
	// The policy's cooldown of 600 s lasts: honoured, it refuses.
	err = execute(upName, true)
	if env.Diff.IgnoresCooldown {
		if err != nil {
			t.Errorf("%s: ExecutePolicy honouring the cooldown: %v; the flag IgnoresCooldown says it scales", env.Name, err)
		}
		setDesired(t, env, name, 1)
	} else if testutil.ErrorCode(err) != "ScalingActivityInProgress" {
		t.Errorf("%s: ExecutePolicy honouring the cooldown: %v, want ScalingActivityInProgress", env.Name, err)
	}
	if err := execute(downName, false); err != nil {
		t.Fatalf("%s: ExecutePolicy %s: %v", env.Name, downName, err)
	}
	waitStable(t, env, name, 0)

	if _, err := env.Client.DeletePolicy(ctx, &autoscaling.DeletePolicyInput{AutoScalingGroupName: aws.String(name), PolicyName: aws.String(downName)}); err != nil {
		t.Fatalf("%s: DeletePolicy: %v", env.Name, err)
	}
	out, err = env.Client.DescribePolicies(ctx, &autoscaling.DescribePoliciesInput{AutoScalingGroupName: aws.String(name)})
	if err != nil || len(out.ScalingPolicies) != 2 || slices.ContainsFunc(out.ScalingPolicies, func(p types.ScalingPolicy) bool {
		return aws.ToString(p.PolicyName) == downName
	}) {
		t.Errorf("%s: after DeletePolicy: %v, %d policies", env.Name, err, len(out.ScalingPolicies))
	}
}

// Scheduled actions are put, described, fired at their time (a one-time
// action then goes), refused in the past, and deleted (API Reference,
// PutScheduledUpdateGroupAction: "If you try to schedule your action in
// the past, Amazon EC2 Auto Scaling returns an error message";
// Recurrence, TimeZone; User Guide, "Scheduled scaling": "After the
// scheduled action runs ... a one-time scheduled action is deleted" in
// substance: DescribeScheduledActions "Describes the actions scheduled
// for your Auto Scaling group that haven't run or that have not reached
// their end time").
func testScheduledActions(t *testing.T, env Env) {
	ctx := t.Context()
	id, _ := template(t, env)
	name := env.NewName()
	createGroup(t, env, groupInput(env, name, id))
	now := env.Now()
	recurring, once := env.NewName(), env.NewName()
	if _, err := env.Client.PutScheduledUpdateGroupAction(ctx, &autoscaling.PutScheduledUpdateGroupActionInput{
		AutoScalingGroupName: aws.String(name), ScheduledActionName: aws.String(recurring),
		Recurrence: aws.String("0 9 * * 1-5"), TimeZone: aws.String("Europe/Paris"), MinSize: aws.Int32(0), MaxSize: aws.Int32(4)}); err != nil {
		t.Fatalf("%s: PutScheduledUpdateGroupAction recurring: %v", env.Name, err)
	}
	start := now.Add(2 * time.Minute).Truncate(time.Second)
	if _, err := env.Client.PutScheduledUpdateGroupAction(ctx, &autoscaling.PutScheduledUpdateGroupActionInput{
		AutoScalingGroupName: aws.String(name), ScheduledActionName: aws.String(once),
		StartTime: aws.Time(start), DesiredCapacity: aws.Int32(1)}); err != nil {
		t.Fatalf("%s: PutScheduledUpdateGroupAction once: %v", env.Name, err)
	}
	out, err := env.Client.DescribeScheduledActions(ctx, &autoscaling.DescribeScheduledActionsInput{AutoScalingGroupName: aws.String(name)})
	if err != nil {
		t.Fatalf("%s: DescribeScheduledActions: %v", env.Name, err)
	}
	actions := map[string]types.ScheduledUpdateGroupAction{}
	for _, a := range out.ScheduledUpdateGroupActions {
		actions[aws.ToString(a.ScheduledActionName)] = a
	}
	if a := actions[recurring]; aws.ToString(a.Recurrence) != "0 9 * * 1-5" || aws.ToString(a.TimeZone) != "Europe/Paris" ||
		(aws.ToString(a.ScheduledActionARN) == "") != env.Diff.NoScheduledActionARN || aws.ToInt32(a.MaxSize) != 4 {
		t.Errorf("%s: recurring action %s", env.Name, show(a))
	}
	if a := actions[once]; a.StartTime == nil || !a.StartTime.Equal(start) || aws.ToInt32(a.DesiredCapacity) != 1 {
		t.Errorf("%s: one-time action %s, want start %v", env.Name, show(a), start)
	}

	// Its time comes.
	if env.Advance != nil {
		env.Advance(3 * time.Minute)
	}
	g := describeGroup(t, env, name)
	if env.Diff.NeverFiresScheduled {
		if aws.ToInt32(g.DesiredCapacity) != 0 {
			t.Errorf("%s: desired %d; the flag NeverFiresScheduled says 0", env.Name, aws.ToInt32(g.DesiredCapacity))
		}
	} else if env.Advance != nil {
		if aws.ToInt32(g.DesiredCapacity) != 1 {
			t.Errorf("%s: the one-time action's time passed: desired %d, want 1", env.Name, aws.ToInt32(g.DesiredCapacity))
		}
		out, err := env.Client.DescribeScheduledActions(ctx, &autoscaling.DescribeScheduledActionsInput{
			AutoScalingGroupName: aws.String(name), ScheduledActionNames: []string{once}})
		if err != nil || len(out.ScheduledUpdateGroupActions) != 0 {
			t.Errorf("%s: the one-time action after it ran: %v, %s; want it gone", env.Name, err, show(out.ScheduledUpdateGroupActions))
		}
	}

	_, err = env.Client.PutScheduledUpdateGroupAction(ctx, &autoscaling.PutScheduledUpdateGroupActionInput{
		AutoScalingGroupName: aws.String(name), ScheduledActionName: aws.String(env.NewName()),
		StartTime: aws.Time(env.Now().Add(-time.Hour)), DesiredCapacity: aws.Int32(1)})
	if env.Diff.AcceptsPastSchedule {
		if err != nil {
			t.Errorf("%s: an action in the past: %v; the flag AcceptsPastSchedule says it is accepted", env.Name, err)
		}
	} else if testutil.ErrorCode(err) != "ValidationError" {
		t.Errorf("%s: an action in the past: %v, want ValidationError", env.Name, err)
	}
	_, err = env.Client.PutScheduledUpdateGroupAction(ctx, &autoscaling.PutScheduledUpdateGroupActionInput{
		AutoScalingGroupName: aws.String(name), ScheduledActionName: aws.String(env.NewName()),
		Recurrence: aws.String("61 * * * *"), DesiredCapacity: aws.Int32(1)})
	if env.Diff.AcceptsBadRecurrence {
		if err != nil {
			t.Errorf("%s: recurrence minute 61: %v; the flag AcceptsBadRecurrence says it is accepted", env.Name, err)
		}
	} else if testutil.ErrorCode(err) != "ValidationError" {
		t.Errorf("%s: recurrence minute 61: %v, want ValidationError", env.Name, err)
	}

	tries := 0
	if _, err := env.Client.DeleteScheduledAction(ctx, &autoscaling.DeleteScheduledActionInput{
		AutoScalingGroupName: aws.String(name), ScheduledActionName: aws.String(recurring)}, countAttempts(&tries)); err != nil {
		left, derr := env.Client.DescribeScheduledActions(ctx, &autoscaling.DescribeScheduledActionsInput{
			AutoScalingGroupName: aws.String(name), ScheduledActionNames: []string{recurring}})
		if tries > 1 && testutil.ErrorCode(err) == "ValidationError" && derr == nil && len(left.ScheduledUpdateGroupActions) == 0 {
			t.Logf("%s: DeleteScheduledAction took %d attempts and the last found nothing: an earlier attempt, whose answer was lost, deleted it", env.Name, tries)
		} else {
			t.Fatalf("%s: DeleteScheduledAction (%d attempts): %v; the action afterwards: %v, %s", env.Name, tries, err, derr, show(left))
		}
	}
	_, err = env.Client.DeleteScheduledAction(ctx, &autoscaling.DeleteScheduledActionInput{
		AutoScalingGroupName: aws.String(name), ScheduledActionName: aws.String(recurring)})
	if testutil.ErrorCode(err) != "ValidationError" {
		t.Errorf("%s: DeleteScheduledAction again: %v, want ValidationError", env.Name, err)
	}
}

// A launch hook holds a new instance in Pending:Wait until
// CompleteLifecycleAction continues it (User Guide, "Amazon EC2 Auto
// Scaling lifecycle hooks": "the instance is put into a wait state
// (Pending:Wait)"; API Reference, CompleteLifecycleAction), and a
// heartbeat timeout outside 30–7,200 s is refused (PutLifecycleHook,
// HeartbeatTimeout: "The range is from 30 to 7200 seconds").
func testLifecycleHooks(t *testing.T, env Env) {
	ctx := t.Context()
	id, _ := template(t, env)
	name := env.NewName()
	createGroup(t, env, groupInput(env, name, id))
	hook := env.NewName()
	if _, err := env.Client.PutLifecycleHook(ctx, &autoscaling.PutLifecycleHookInput{
		AutoScalingGroupName: aws.String(name), LifecycleHookName: aws.String(hook),
		LifecycleTransition: aws.String("autoscaling:EC2_INSTANCE_LAUNCHING"), HeartbeatTimeout: aws.Int32(3600),
		DefaultResult: aws.String("ABANDON")}); err != nil {
		t.Fatalf("%s: PutLifecycleHook: %v", env.Name, err)
	}
	out, err := env.Client.DescribeLifecycleHooks(ctx, &autoscaling.DescribeLifecycleHooksInput{AutoScalingGroupName: aws.String(name)})
	if err != nil || len(out.LifecycleHooks) != 1 {
		t.Fatalf("%s: DescribeLifecycleHooks: %v, %s", env.Name, err, show(out))
	}
	if h := out.LifecycleHooks[0]; aws.ToString(h.LifecycleHookName) != hook || aws.ToInt32(h.HeartbeatTimeout) != 3600 ||
		aws.ToString(h.DefaultResult) != "ABANDON" || aws.ToString(h.LifecycleTransition) != "autoscaling:EC2_INSTANCE_LAUNCHING" {
		t.Errorf("%s: hook %s", env.Name, show(h))
	}

	setDesired(t, env, name, 1)
	var g types.AutoScalingGroup
	for range 20 {
		g = describeGroup(t, env, name)
		if len(g.Instances) == 1 && g.Instances[0].LifecycleState != types.LifecycleStatePending {
			break
		}
		tick(env)
	}
	if len(g.Instances) != 1 {
		t.Fatalf("%s: desired 1: instances %s", env.Name, fmtInstances(g.Instances))
	}
	state := g.Instances[0].LifecycleState
	instance := aws.ToString(g.Instances[0].InstanceId)
	_, err = env.Client.CompleteLifecycleAction(ctx, &autoscaling.CompleteLifecycleActionInput{AutoScalingGroupName: aws.String(name),
		LifecycleHookName: aws.String(hook), InstanceId: aws.String(instance), LifecycleActionResult: aws.String("CONTINUE")})
	if env.Diff.IgnoresLifecycleHooks {
		if state != types.LifecycleStateInService || err == nil {
			t.Errorf("%s: instance %s, CompleteLifecycleAction %v; the flag IgnoresLifecycleHooks says InService at once and no CompleteLifecycleAction", env.Name, state, err)
		}
	} else {
		if state != types.LifecycleStatePendingWait {
			t.Errorf("%s: the launch hook's instance is %s, want Pending:Wait", env.Name, state)
		}
		if err != nil {
			t.Fatalf("%s: CompleteLifecycleAction: %v", env.Name, err)
		}
		waitStable(t, env, name, 1)
	}

	_, err = env.Client.PutLifecycleHook(ctx, &autoscaling.PutLifecycleHookInput{
		AutoScalingGroupName: aws.String(name), LifecycleHookName: aws.String(env.NewName()),
		LifecycleTransition: aws.String("autoscaling:EC2_INSTANCE_TERMINATING"), HeartbeatTimeout: aws.Int32(10)})
	if env.Diff.AcceptsAnyHeartbeat {
		if err != nil {
			t.Errorf("%s: heartbeat 10 s: %v; the flag AcceptsAnyHeartbeat says it is accepted", env.Name, err)
		}
	} else if testutil.ErrorCode(err) != "ValidationError" {
		t.Errorf("%s: heartbeat 10 s: %v, want ValidationError", env.Name, err)
	}
}

// Scaling records activities with a cause, newest first, that end
// Successful (API Reference, DescribeScalingActivities: "If the scaling
// event succeeds, the value of the StatusCode element in the response is
// Successful"; Activity, Cause "The reason the activity began").
func testActivities(t *testing.T, env Env) {
	id, _ := template(t, env)
	name := env.NewName()
	createGroup(t, env, groupInput(env, name, id))
	setDesired(t, env, name, 1)
	waitStable(t, env, name, 1)
	var acts []types.Activity
	for range 20 {
		out, err := env.Client.DescribeScalingActivities(t.Context(), &autoscaling.DescribeScalingActivitiesInput{AutoScalingGroupName: aws.String(name)})
		if err != nil {
			t.Fatalf("%s: DescribeScalingActivities: %v", env.Name, err)
		}
		acts = out.Activities
		if len(acts) > 0 && acts[0].StatusCode == types.ScalingActivityStatusCodeSuccessful {
			break
		}
		tick(env)
	}
	if env.Diff.NoActivities {
		if len(acts) != 0 {
			t.Errorf("%s: %d activities; the flag NoActivities says none", env.Name, len(acts))
		}
		return
	}
	if len(acts) == 0 {
		t.Fatalf("%s: no activity recorded for the launch", env.Name)
	}
	a := acts[0]
	if aws.ToString(a.AutoScalingGroupName) != name || aws.ToString(a.ActivityId) == "" || aws.ToString(a.Cause) == "" ||
		a.StatusCode != types.ScalingActivityStatusCodeSuccessful || a.StartTime == nil || a.EndTime == nil ||
		!strings.Contains(aws.ToString(a.Description), "Launching") {
		t.Errorf("%s: activity %s", env.Name, show(a))
	}
}
