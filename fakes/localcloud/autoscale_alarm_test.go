package localcloud_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
)

// A CloudWatch alarm whose action is a scaling policy executes it when it
// fires: the group's desired capacity rises and the new instance is
// launched in the EC2 fake (User Guide, "Step and simple scaling
// policies": "When the alarm is triggered, the policy runs"; the group's
// activity names the alarm as its cause).
func TestAlarmScalesGroup(t *testing.T) {
	for _, tc := range []struct {
		name   string
		policy autoscale.PolicyOptions
		cause  string
		want   int32
	}{
		{"simple", autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, ScalingAdjustment: 1},
			"a monitor alarm load-high in state ALARM triggered policy scale-out changing the desired capacity from 1 to 2.", 2},
		// The alarm's datapoint (95) is 15 above its threshold (80): the
		// second step (API Reference, ExecutePolicy, MetricValue and
		// BreachThreshold, which an alarm supplies).
		{"step", autoscale.PolicyOptions{Type: autoscale.PolicyStep, AdjustmentType: autoscale.ChangeInCapacity,
			Steps: []autoscale.Step{{Lower: 0, Upper: 10, Adjustment: 1}, {Lower: 10, Upper: math.Inf(1), Adjustment: 2}}},
			"a monitor alarm load-high in state ALARM triggered policy scale-out changing the desired capacity from 1 to 3.", 3},
	} {
		t.Run(tc.name, func(t *testing.T) { testAlarmScalesGroup(t, tc.policy, tc.cause, tc.want) })
	}
}

func testAlarmScalesGroup(t *testing.T, o autoscale.PolicyOptions, wantCause string, wantDesired int32) {
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
	cloud := localcloud.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(48*time.Hour))
	ctx := t.Context()
	cfg := cloud.Config("")
	client := autoscaling.NewFromConfig(cfg)
	webGroup(ctx, t, client, 4)
	policy, err := autoscale.New(cfg).Group("web").PutPolicy(ctx, "scale-out", o)
	if err != nil {
		t.Fatal(err)
	}
	cw := cloudwatch.New(cfg)
	alarm, err := cw.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: "load-high", Metric: cw.Metric("App", "Load", nil),
		Statistic: cloudwatch.Average, Period: time.Minute, EvaluationPeriods: 1, Threshold: 80, Comparison: ">=",
		AlarmActions: []string{policy.ARN}})
	if err != nil {
		t.Fatal(err)
	}
	running := func() int {
		n := 0
		for _, in := range cloud.EC2().Instances(fakes.TestAccountID, fakes.DefaultRegion) {
			if in.State == "running" || in.State == "pending" {
				n++
			}
		}
		return n
	}
	// The group's first launch ends its default cooldown's start (300 s),
	// in which a simple policy's alarm does nothing (User Guide, "Scaling
	// cooldowns"): let the launch finish, then wait the cooldown out.
	clock.Advance(time.Minute)
	if _, err := client.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(6 * time.Minute)
	if n := running(); n != 1 {
		t.Fatalf("%d instances in EC2 before the alarm, want 1", n)
	}
	if err := cw.PutMetricData(ctx, "App", []cloudwatch.Datum{{Name: "Load", Value: 95, Timestamp: clock.Now()}}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	cloud.CloudWatch().Evaluate()

	out, err := client.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{"web"}})
	if err != nil {
		t.Fatal(err)
	}
	if d := aws.ToInt32(out.AutoScalingGroups[0].DesiredCapacity); d != wantDesired {
		t.Errorf("desired after the alarm = %d, want %d", d, wantDesired)
	}
	if n := running(); n != int(wantDesired) {
		t.Errorf("%d instances in EC2, want %d", n, wantDesired)
	}
	acts, err := client.DescribeScalingActivities(ctx, &autoscaling.DescribeScalingActivitiesInput{AutoScalingGroupName: aws.String("web")})
	if err != nil {
		t.Fatal(err)
	}
	var causes []string
	for _, a := range acts.Activities {
		causes = append(causes, aws.ToString(a.Cause))
	}
	if !slices.ContainsFunc(causes, func(c string) bool { return strings.Contains(c, wantCause) }) {
		t.Errorf("activity causes %q, want one with %q", causes, wantCause)
	}
	items, err := goboto.Collect(alarm.History(ctx, cloudwatch.HistoryFilter{Type: cloudwatch.HistoryAction}))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].Summary != "Successfully executed action "+policy.ARN {
		t.Errorf("alarm's action history = %+v", items)
	}
}
