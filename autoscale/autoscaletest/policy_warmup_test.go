package autoscaletest

import (
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

// changes are the desired-capacity changes the group's activities
// answer, each once, in order: one per scaling activity of a policy,
// however many instances it launched.
func (e *policyEnv) changes(name string) []string {
	e.t.Helper()
	re := regexp.MustCompile(`triggered policy \S+ changing the desired capacity from \d+ to \d+|executed policy \S+ changing the desired capacity from \d+ to \d+`)
	var out []string
	for _, c := range e.causes(name) {
		for _, m := range re.FindAllString(c, -1) {
			if len(out) == 0 || out[len(out)-1] != m {
				out = append(out, m)
			}
		}
	}
	return out
}

// putUserGuideSteps puts the User Guide's example step policies
// ("Step and simple scaling policies", "Step adjustments for step
// scaling"): on a breach threshold of 50, PercentChangeInCapacity +10%
// from 60 and +30% from 70, and -10% below 40, -30% below 30.
func (e *policyEnv) putUserGuideSteps(group string, warmup *int32) {
	e.t.Helper()
	ctx := e.t.Context()
	for _, p := range []struct {
		name  string
		steps []types.StepAdjustment
	}{
		{"out", []types.StepAdjustment{
			{MetricIntervalLowerBound: aws.Float64(0), MetricIntervalUpperBound: aws.Float64(10), ScalingAdjustment: aws.Int32(0)},
			{MetricIntervalLowerBound: aws.Float64(10), MetricIntervalUpperBound: aws.Float64(20), ScalingAdjustment: aws.Int32(10)},
			{MetricIntervalLowerBound: aws.Float64(20), ScalingAdjustment: aws.Int32(30)},
		}},
		{"in", []types.StepAdjustment{
			{MetricIntervalLowerBound: aws.Float64(-10), MetricIntervalUpperBound: aws.Float64(0), ScalingAdjustment: aws.Int32(0)},
			{MetricIntervalLowerBound: aws.Float64(-20), MetricIntervalUpperBound: aws.Float64(-10), ScalingAdjustment: aws.Int32(-10)},
			{MetricIntervalUpperBound: aws.Float64(-20), ScalingAdjustment: aws.Int32(-30)},
		}},
	} {
		if _, err := e.client.PutScalingPolicy(ctx, &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String(group),
			PolicyName: aws.String(p.name), PolicyType: aws.String("StepScaling"), AdjustmentType: aws.String("PercentChangeInCapacity"),
			EstimatedInstanceWarmup: warmup, StepAdjustments: p.steps}); err != nil {
			e.t.Fatal(err)
		}
	}
}

// breach executes policy as its alarm would at metric, on a threshold
// of 50, and returns the desired capacity after it.
func (e *policyEnv) breach(group, policy string, metric float64) int {
	e.t.Helper()
	if _, err := e.client.ExecutePolicy(e.t.Context(), &autoscaling.ExecutePolicyInput{AutoScalingGroupName: aws.String(group),
		PolicyName: aws.String(policy), MetricValue: aws.Float64(metric), BreachThreshold: aws.Float64(50)}); err != nil {
		e.t.Fatalf("%s at %g: %v", policy, metric, err)
	}
	return e.desired(group)
}

// The User Guide's own walk through instance warmup ("Step and simple
// scaling policies", "Instance warm-up"): "suppose that the metric gets
// to 60, and then it gets to 62 while the new instance is still warming
// up. The current capacity is still 10 instances, so 1 instance is
// added (10 percent of 10 instances). However, the desired capacity of
// the group is already 11 instances, so the scaling policy does not
// increase the desired capacity further. If the metric gets to 70 while
// the new instance is still warming up, we should add 3 instances (30
// percent of 10 instances). However, the desired capacity of the group
// is already 11, so we add only 2 instances, for a new desired capacity
// of 13 instances." And ("Set the default instance warmup"): "multiple
// alarm breaches that fall in the range of the same step adjustment
// result in a single scaling activity", while scale-in is blocked
// "until the instances finish warming up".
func TestStepPolicyWarmup(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 20, 10, 300)
	e.putUserGuideSteps("web", aws.Int32(120))
	e.settle("web")
	e.clock.Advance(121 * time.Second) // the first ten are warm

	var got []int
	for _, m := range []float64{60, 62, 61} {
		got = append(got, e.breach("web", "out", m))
	}
	if diff := cmp.Diff([]int{11, 11, 11}, got); diff != "" {
		t.Errorf("desired after breaches in one step (-want +got):\n%s", diff)
	}
	e.settle("web") // in service, still warming up
	if d := e.breach("web", "out", 70); d != 13 {
		t.Errorf("desired after the larger step while warming = %d, want 13 (only the difference added)", d)
	}
	// Scale-in waits for the warmup, and is no error.
	if d := e.breach("web", "in", 35); d != 13 {
		t.Errorf("desired after a scale-in breach while warming = %d, want 13", d)
	}
	want := []string{
		"executed policy out changing the desired capacity from 10 to 11",
		"executed policy out changing the desired capacity from 11 to 13",
	}
	if diff := cmp.Diff(want, e.changes("web")); diff != "" {
		t.Errorf("scaling activities (-want +got):\n%s", diff)
	}

	// Warmed up, a breach in the first step scales again, now from 13:
	// 10% of 13 is 1.3, rounded down to 1.
	e.settle("web")
	e.clock.Advance(121 * time.Second)
	if d := e.breach("web", "out", 62); d != 14 {
		t.Errorf("desired after the warmup = %d, want 14", d)
	}
	// Warm again, scale-in runs: 10% of 14 is 1.4, rounded to 1.
	e.settle("web")
	e.clock.Advance(121 * time.Second)
	if d := e.breach("web", "in", 35); d != 13 {
		t.Errorf("desired after a scale-in breach once warm = %d, want 13", d)
	}
}

// The warmup is the policy's EstimatedInstanceWarmup, else the group's
// DefaultInstanceWarmup, else its DefaultCooldown (API Reference,
// PutScalingPolicy, EstimatedInstanceWarmup: "The default is to use the
// value for the default instance warmup defined for the group. If
// default instance warmup is null, then EstimatedInstanceWarmup falls
// back to the value of default cooldown").
func TestStepPolicyWarmupSource(t *testing.T) {
	for _, tc := range []struct {
		name          string
		policyWarmup  *int32
		groupWarmup   *int32
		warmAfter     time.Duration // scales again after this much in service
		stillWarmAt   time.Duration // but not after this
		cooldownGroup int
	}{
		{"policy", aws.Int32(30), aws.Int32(200), 31 * time.Second, 20 * time.Second, 400},
		{"group", nil, aws.Int32(200), 201 * time.Second, 190 * time.Second, 400},
		{"group zero", nil, aws.Int32(0), 0, 0, 400},
		{"cooldown", nil, nil, 401 * time.Second, 390 * time.Second, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newPolicyEnv(t)
			e.seedGroup("web", 1, 20, 10, tc.cooldownGroup)
			if tc.groupWarmup != nil {
				if _, err := e.client.UpdateAutoScalingGroup(t.Context(), &autoscaling.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("web"),
					DefaultInstanceWarmup: tc.groupWarmup}); err != nil {
					t.Fatal(err)
				}
			}
			e.putUserGuideSteps("web", tc.policyWarmup)
			e.settle("web")
			e.clock.Advance(time.Hour)
			if d := e.breach("web", "out", 60); d != 11 {
				t.Fatalf("first breach: desired %d, want 11", d)
			}
			e.clock.Advance(2 * time.Second) // the new instance is in service at +1s
			if tc.stillWarmAt > 0 {
				e.clock.Advance(tc.stillWarmAt - time.Second)
				if d := e.breach("web", "out", 60); d != 11 {
					t.Errorf("in service %v: desired %d, want 11 (warming)", tc.stillWarmAt, d)
				}
				e.clock.Advance(tc.warmAfter - tc.stillWarmAt)
			}
			if d := e.breach("web", "out", 60); d != 12 {
				t.Errorf("in service %v: desired %d, want 12 (warm)", tc.warmAfter, d)
			}
		})
	}
}

// DefaultInstanceWarmup is set, described and turned off with -1; it
// takes 0 to 3600 seconds (User Guide, "Set the default instance warmup
// for an Auto Scaling group": "specify a value, in seconds, from 0 to
// 3600. After it's enabled, a value of -1 will turn this setting off").
func TestDefaultInstanceWarmup(t *testing.T) {
	e := newPolicyEnv(t)
	ctx := t.Context()
	if _, err := e.client.CreateLaunchConfiguration(ctx, &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: aws.String("lc"),
		ImageId: aws.String(ec2test.DefaultEBSImage), InstanceType: aws.String("t3.micro")}); err != nil {
		t.Fatal(err)
	}
	create := func(name string, warmup *int32) error {
		_, err := e.client.CreateAutoScalingGroup(ctx, &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String(name),
			LaunchConfigurationName: aws.String("lc"), AvailabilityZones: []string{"us-east-1a"}, MinSize: aws.Int32(0), MaxSize: aws.Int32(1),
			DefaultInstanceWarmup: warmup})
		return err
	}
	warmupOf := func(name string) *int32 {
		t.Helper()
		out, err := e.client.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{name}})
		if err != nil || len(out.AutoScalingGroups) != 1 {
			t.Fatalf("describe %s: %v", name, err)
		}
		return out.AutoScalingGroups[0].DefaultInstanceWarmup
	}
	if err := create("web", aws.Int32(120)); err != nil {
		t.Fatal(err)
	}
	if err := create("plain", nil); err != nil {
		t.Fatal(err)
	}
	if err := create("off", aws.Int32(-1)); err != nil {
		t.Fatal(err)
	}
	type view struct{ Web, Plain, Off *int32 }
	if diff := cmp.Diff(view{aws.Int32(120), nil, nil}, view{warmupOf("web"), warmupOf("plain"), warmupOf("off")}); diff != "" {
		t.Errorf("DefaultInstanceWarmup after create (-want +got):\n%s", diff)
	}
	for _, bad := range []int32{-2, 3601} {
		wantCode(t, "create with a bad warmup", create("bad", aws.Int32(bad)), "ValidationError")
		_, err := e.client.UpdateAutoScalingGroup(ctx, &autoscaling.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("web"),
			DefaultInstanceWarmup: aws.Int32(bad)})
		wantCode(t, "update with a bad warmup", err, "ValidationError")
	}
	update := func(warmup *int32) {
		t.Helper()
		if _, err := e.client.UpdateAutoScalingGroup(ctx, &autoscaling.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("web"),
			DefaultInstanceWarmup: warmup}); err != nil {
			t.Fatal(err)
		}
	}
	update(aws.Int32(0))
	if w := warmupOf("web"); w == nil || *w != 0 {
		t.Errorf("after update to 0: %v, want 0", w)
	}
	update(nil) // absent: unchanged
	if w := warmupOf("web"); w == nil || *w != 0 {
		t.Errorf("after an update without it: %v, want 0", w)
	}
	update(aws.Int32(-1))
	if w := warmupOf("web"); w != nil {
		t.Errorf("after update to -1: %d, want none", *w)
	}
}
