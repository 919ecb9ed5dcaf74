package autoscaletest_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/google/go-cmp/cmp"
)

func (e *env) putHook(name, transition string, heartbeat int32, result string) error {
	_, err := e.c.PutLifecycleHook(e.t.Context(), &autoscaling.PutLifecycleHookInput{AutoScalingGroupName: aws.String("g"),
		LifecycleHookName: aws.String(name), LifecycleTransition: aws.String(transition), HeartbeatTimeout: aws.Int32(heartbeat),
		DefaultResult: aws.String(result)})
	return err
}

// A launch hook holds new instances in Pending:Wait until
// CompleteLifecycleAction (by instance or token), and a heartbeat
// extends the wait (User Guide, "Amazon EC2 Auto Scaling lifecycle
// hooks").
func TestLaunchHookHoldsUntilComplete(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 0, 2, 0)
	if err := e.putHook("hold", "autoscaling:EC2_INSTANCE_LAUNCHING", 60, "ABANDON"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("g"), DesiredCapacity: aws.Int32(2)}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"Pending:Wait": 2}, e.settle("g")); diff != "" {
		t.Fatalf("after launch (-want +got):\n%s", diff)
	}
	if got := e.activities("g")[0].StatusCode; got != types.ScalingActivityStatusCodeMidLifecycleAction {
		t.Errorf("activity status = %s, want MidLifecycleAction", got)
	}
	insts := ids(e.group("g").Instances)
	// A heartbeat 50 s in keeps the second past its first 60 s.
	e.clock.Advance(50 * time.Second)
	if _, err := e.c.RecordLifecycleActionHeartbeat(t.Context(), &autoscaling.RecordLifecycleActionHeartbeatInput{AutoScalingGroupName: aws.String("g"),
		LifecycleHookName: aws.String("hold"), InstanceId: aws.String(insts[1])}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.CompleteLifecycleAction(t.Context(), &autoscaling.CompleteLifecycleActionInput{AutoScalingGroupName: aws.String("g"),
		LifecycleHookName: aws.String("hold"), InstanceId: aws.String(insts[0]), LifecycleActionResult: aws.String("CONTINUE")}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"InService": 1, "Pending:Wait": 1}, e.states("g")); diff != "" {
		t.Errorf("after completing one (-want +got):\n%s", diff)
	}
	e.clock.Advance(20 * time.Second) // 70 s: the first timeout would have passed
	if diff := cmp.Diff(map[string]int{"InService": 1, "Pending:Wait": 1}, e.states("g")); diff != "" {
		t.Errorf("after the heartbeat (-want +got):\n%s", diff)
	}
	if _, err := e.c.CompleteLifecycleAction(t.Context(), &autoscaling.CompleteLifecycleActionInput{AutoScalingGroupName: aws.String("g"),
		LifecycleHookName: aws.String("hold"), InstanceId: aws.String(insts[0]), LifecycleActionResult: aws.String("CONTINUE")}); code(err) != "ValidationError" {
		t.Errorf("completing twice: %v, want ValidationError", err)
	}
	if _, err := e.c.CompleteLifecycleAction(t.Context(), &autoscaling.CompleteLifecycleActionInput{AutoScalingGroupName: aws.String("g"),
		LifecycleHookName: aws.String("hold"), LifecycleActionToken: aws.String("not-a-token"), LifecycleActionResult: aws.String("CONTINUE")}); code(err) != "ValidationError" {
		t.Errorf("unknown token: %v, want ValidationError", err)
	}
	// The heartbeat's 60 s run out: ABANDON terminates it, and a
	// replacement launches into the same wait.
	e.clock.Advance(40 * time.Second)
	if diff := cmp.Diff(map[string]int{"InService": 1, "Terminating": 1, "Pending": 1}, e.states("g")); diff != "" {
		t.Errorf("after the timeout (-want +got):\n%s", diff)
	}
	var cancelled bool
	for _, a := range e.activities("g") {
		cancelled = cancelled || a.StatusCode == types.ScalingActivityStatusCodeCancelled
	}
	if !cancelled {
		t.Error("no Cancelled launch activity for the abandoned instance")
	}
}

// A termination hook holds instances in Terminating:Wait; its
// DefaultResult at the timeout lets the termination go on.
func TestTerminateHookTimesOut(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 0, 2, 1)
	e.settle("g")
	if err := e.putHook("drain", "autoscaling:EC2_INSTANCE_TERMINATING", 60, "CONTINUE"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("g"), DesiredCapacity: aws.Int32(0)}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"Terminating:Wait": 1}, e.settle("g")); diff != "" {
		t.Errorf("scaled in (-want +got):\n%s", diff)
	}
	e.clock.Advance(29 * time.Second) // 59 s
	if diff := cmp.Diff(map[string]int{"Terminating:Wait": 1}, e.states("g")); diff != "" {
		t.Errorf("before the timeout (-want +got):\n%s", diff)
	}
	e.clock.Advance(time.Second) // 60 s
	if diff := cmp.Diff(map[string]int{"Terminating": 1}, e.states("g")); diff != "" {
		t.Errorf("timed out (-want +got):\n%s", diff)
	}
	if got := e.settle("g"); len(got) != 0 {
		t.Errorf("after termination: %v", got)
	}
}

// Lifecycle hooks: put, describe (GlobalTimeout = min(100 × heartbeat,
// 48 h)), delete, and PutLifecycleHook's checks (API Reference,
// PutLifecycleHook: HeartbeatTimeout 30-7200, DefaultResult
// CONTINUE|ABANDON; User Guide quotas: 50 hooks a group).
func TestHookCRUD(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 0, 1, 0)
	if err := e.putHook("a", "autoscaling:EC2_INSTANCE_LAUNCHING", 7200, "CONTINUE"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.PutLifecycleHook(t.Context(), &autoscaling.PutLifecycleHookInput{AutoScalingGroupName: aws.String("g"),
		LifecycleHookName: aws.String("b"), LifecycleTransition: aws.String("autoscaling:EC2_INSTANCE_TERMINATING"),
		NotificationMetadata: aws.String("meta")}); err != nil {
		t.Fatal(err)
	}
	out, err := e.c.DescribeLifecycleHooks(t.Context(), &autoscaling.DescribeLifecycleHooksInput{AutoScalingGroupName: aws.String("g")})
	if err != nil {
		t.Fatal(err)
	}
	want := []types.LifecycleHook{
		{AutoScalingGroupName: aws.String("g"), LifecycleHookName: aws.String("a"), LifecycleTransition: aws.String("autoscaling:EC2_INSTANCE_LAUNCHING"),
			HeartbeatTimeout: aws.Int32(7200), GlobalTimeout: aws.Int32(172800), DefaultResult: aws.String("CONTINUE")},
		{AutoScalingGroupName: aws.String("g"), LifecycleHookName: aws.String("b"), LifecycleTransition: aws.String("autoscaling:EC2_INSTANCE_TERMINATING"),
			HeartbeatTimeout: aws.Int32(3600), GlobalTimeout: aws.Int32(172800), DefaultResult: aws.String("ABANDON"), NotificationMetadata: aws.String("meta")},
	}
	if diff := cmp.Diff(want, out.LifecycleHooks, cmpOpts); diff != "" {
		t.Errorf("hooks (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		name, transition string
		heartbeat        int32
		result           string
	}{
		{"short", "autoscaling:EC2_INSTANCE_LAUNCHING", 29, "CONTINUE"},
		{"long", "autoscaling:EC2_INSTANCE_LAUNCHING", 7201, "CONTINUE"},
		{"result", "autoscaling:EC2_INSTANCE_LAUNCHING", 60, "MAYBE"},
		{"transition", "autoscaling:EC2_INSTANCE_REBOOTING", 60, "CONTINUE"},
	} {
		if err := e.putHook("bad-"+tt.name, tt.transition, tt.heartbeat, tt.result); code(err) != "ValidationError" {
			t.Errorf("%s: %v, want ValidationError", tt.name, err)
		}
	}
	for i := range 48 {
		if err := e.putHook("h"+string(rune('A'+i)), "autoscaling:EC2_INSTANCE_LAUNCHING", 60, "CONTINUE"); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.putHook("one-too-many", "autoscaling:EC2_INSTANCE_LAUNCHING", 60, "CONTINUE"); code(err) != "LimitExceeded" {
		t.Errorf("51st hook: %v, want LimitExceeded", err)
	}
	if _, err := e.c.DeleteLifecycleHook(t.Context(), &autoscaling.DeleteLifecycleHookInput{AutoScalingGroupName: aws.String("g"), LifecycleHookName: aws.String("a")}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.DeleteLifecycleHook(t.Context(), &autoscaling.DeleteLifecycleHookInput{AutoScalingGroupName: aws.String("g"), LifecycleHookName: aws.String("a")}); code(err) != "ValidationError" {
		t.Errorf("deleting twice: %v, want ValidationError", err)
	}
	if got := len(e.srv.Groups(e.acct, e.region)[0].Hooks); got != 49 {
		t.Errorf("%d hooks left, want 49", got)
	}
}

// Heartbeats extend a lifecycle action only up to its global timeout,
// 100 × the heartbeat timeout (User Guide, "Amazon EC2 Auto Scaling
// lifecycle hooks": "the maximum amount of time that you can keep an
// instance in a wait state is 48 hours or 100 times the heartbeat
// timeout, whichever is smaller").
func TestHeartbeatGlobalTimeout(t *testing.T) {
	e := newEnv(t)
	e.createGroup("g", 0, 1, 0)
	if err := e.putHook("hold", "autoscaling:EC2_INSTANCE_LAUNCHING", 30, "CONTINUE"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("g"), DesiredCapacity: aws.Int32(1)}); err != nil {
		t.Fatal(err)
	}
	e.settle("g") // Pending:Wait from now: the global timeout is 3000 s away
	id := ids(e.group("g").Instances)[0]
	for elapsed := 0; elapsed+25 < 3000; elapsed += 25 {
		e.clock.Advance(25 * time.Second)
		if _, err := e.c.RecordLifecycleActionHeartbeat(t.Context(), &autoscaling.RecordLifecycleActionHeartbeatInput{AutoScalingGroupName: aws.String("g"),
			LifecycleHookName: aws.String("hold"), InstanceId: aws.String(id)}); err != nil {
			t.Fatalf("heartbeat at %d s: %v", elapsed+25, err)
		}
	}
	if diff := cmp.Diff(map[string]int{"Pending:Wait": 1}, e.states("g")); diff != "" {
		t.Errorf("kept by heartbeats (-want +got):\n%s", diff)
	}
	e.clock.Advance(25 * time.Second) // past 3000 s
	if diff := cmp.Diff(map[string]int{"InService": 1}, e.states("g")); diff != "" {
		t.Errorf("after the global timeout, CONTINUE (-want +got):\n%s", diff)
	}
}
