package localcloud_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
)

// A target tracking policy tracks in the local cloud, end to end (User
// Guide, "Target tracking scaling policies for Amazon EC2 Auto
// Scaling"): its two alarms are made in CloudWatch on the group's
// average CPU; when the group's instances run at 90% against a target
// of 50%, AlarmHigh fires after three one-minute datapoints and the
// group goes from 2 to ceil(2*90/50) = 4 instances, launched in EC2;
// when they drop to 20%, AlarmLow (under 45% for fifteen datapoints)
// scales in, never below the group's minimum; deleting the group
// deletes the alarms.
func TestTargetTrackingScales(t *testing.T) {
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
	cloud := localcloud.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(48*time.Hour))
	ctx := t.Context()
	cfg := cloud.Config("")
	client := autoscaling.NewFromConfig(cfg)
	acct, region := fakes.TestAccountID, fakes.DefaultRegion
	webGroup(ctx, t, client, 6, func(in *autoscaling.CreateAutoScalingGroupInput) {
		in.MinSize, in.DesiredCapacity = aws.Int32(2), aws.Int32(2)
	})
	group := autoscale.New(cfg).Group("web")
	warmup := time.Minute
	policy, err := group.PutPolicy(ctx, "cpu50", autoscale.PolicyOptions{Type: autoscale.PolicyTargetTracking,
		TargetTracking:          &autoscale.TargetTracking{Metric: autoscale.ASGAverageCPUUtilization, TargetValue: 50},
		EstimatedInstanceWarmup: &warmup})
	if err != nil {
		t.Fatal(err)
	}
	if len(policy.Alarms) != 2 {
		t.Fatalf("policy alarms %+v, want two", policy.Alarms)
	}
	cw := cloudwatch.New(cfg)
	high, low := cw.Alarm(policy.Alarms[0].Name), cw.Alarm(policy.Alarms[1].Name)
	for _, a := range []*cloudwatch.Alarm{high, low} {
		if err := a.Refresh(ctx); err != nil {
			t.Fatalf("%s in CloudWatch: %v", a.Name, err)
		}
	}
	got := []any{high.Metric.Namespace, high.Metric.Name, high.Metric.Dimensions, high.Statistic, high.Threshold, high.EvaluationPeriods,
		high.AlarmActions, low.Threshold, low.EvaluationPeriods, low.AlarmActions}
	want := []any{"AWS/EC2", "CPUUtilization", cloudwatch.Dimensions{"AutoScalingGroupName": "web"}, cloudwatch.Average, 50.0, 3,
		[]string{policy.ARN}, 45.0, 15, []string{policy.ARN}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("alarms in CloudWatch (-want +got):\n%s", diff)
	}

	// tick moves the cloud a minute and lets CloudWatch evaluate, as a
	// request would; it returns the group's desired capacity.
	tick := func() int {
		t.Helper()
		clock.Advance(time.Minute)
		cloud.CloudWatch().Evaluate()
		if err := group.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		return group.Desired
	}
	// setCPU drives every instance of the group to cpu from now on.
	setCPU := func(cpu float64) {
		t.Helper()
		if err := group.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		for _, in := range group.Instances {
			if err := cloud.CloudWatch().SetInstanceMetric(acct, region, in.ID, "CPUUtilization", cpu); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Launch the two and let them warm up.
	for range 3 {
		tick()
	}
	// untilChange ticks until the desired capacity changes, at most n
	// times, and returns how many ticks that took and the capacity.
	untilChange := func(n int) (int, int) {
		t.Helper()
		from := group.Desired
		for i := 1; i <= n; i++ {
			if d := tick(); d != from {
				return i, d
			}
		}
		return n, from
	}
	setCPU(90)
	// The knob holds from this minute's period on: three of them breach
	// by the third tick.
	if ticks, d := untilChange(10); ticks != 3 || d != 4 {
		t.Fatalf("at 90%% CPU: desired %d after %d minutes, want 4 after 3", d, ticks)
	}
	if n := len(group.Instances); n != 4 {
		t.Errorf("%d instances in the group, want 4", n)
	}
	ec2Running := 0
	for _, in := range cloud.EC2().Instances(acct, region) {
		if in.State == "running" || in.State == "pending" {
			ec2Running++
		}
	}
	if ec2Running != 4 {
		t.Errorf("%d instances in EC2, want 4", ec2Running)
	}
	acts, err := client.DescribeScalingActivities(ctx, &autoscaling.DescribeScalingActivitiesInput{AutoScalingGroupName: aws.String("web")})
	if err != nil {
		t.Fatal(err)
	}
	wantCause := "a monitor alarm " + high.Name + " in state ALARM triggered policy cpu50 changing the desired capacity from 2 to 4."
	if !slices.ContainsFunc(acts.Activities, func(a types.Activity) bool { return strings.Contains(aws.ToString(a.Cause), wantCause) }) {
		t.Errorf("no activity's cause has %q", wantCause)
	}

	// The load drops; the group's minimum rises to 3, under which scaling
	// in does not go: ceil(4*20/50) = 2 is held at 3.
	three := 3
	if err := group.Update(ctx, autoscale.GroupUpdate{Min: &three}); err != nil {
		t.Fatal(err)
	}
	setCPU(20)
	if ticks, d := untilChange(30); ticks != 15 || d != 3 {
		t.Fatalf("at 20%% CPU: desired %d after %d minutes, want 3 after 15", d, ticks)
	}
	// AlarmLow stays in ALARM and runs the policy each minute; the
	// minimum holds.
	for range 5 {
		if d := tick(); d != 3 {
			t.Fatalf("desired %d at 20%% CPU, want the minimum 3", d)
		}
	}
	for _, a := range []*cloudwatch.Alarm{high, low} {
		if err := a.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff([]cloudwatch.AlarmState{cloudwatch.AlarmOK, cloudwatch.AlarmAlarm}, []cloudwatch.AlarmState{high.State, low.State}); diff != "" {
		t.Errorf("alarm states at 20%% (-want +got):\n%s", diff)
	}

	// Deleting the group deletes its policy's alarms.
	if err := group.Delete(ctx, autoscale.ForceDelete()); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		clock.Advance(time.Minute)
		if _, err := client.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{}); err != nil {
			t.Fatal(err)
		}
	}
	var left []string
	for _, a := range cloud.CloudWatch().Alarms(acct, region) {
		left = append(left, a.Name)
	}
	if len(left) != 0 {
		t.Errorf("alarms left after the group went: %v", left)
	}
}
