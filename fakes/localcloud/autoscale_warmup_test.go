package localcloud_test

import (
	"math"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
)

// An alarm that stays in ALARM invokes its step policy each minute
// (CloudWatch User Guide, "Alarm actions": "Except for Auto Scaling
// actions, the actions happen only on state transitions"), and each
// repeat falls in the same step. While the instance the first run
// launched warms up, the repeats add nothing: "multiple alarm breaches
// that fall in the range of the same step adjustment result in a single
// scaling activity" (EC2 Auto Scaling User Guide, "Set the default
// instance warmup for an Auto Scaling group"). Once it is warm, the
// next repeat scales from the larger group. The group's
// DefaultInstanceWarmup is 3 minutes, so the group does not run up to
// its MaxSize of 10 one instance a minute.
func TestAlarmRepeatStepWaitsForWarmup(t *testing.T) {
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
	cloud := localcloud.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(48*time.Hour))
	ctx := t.Context()
	cfg := cloud.Config("")
	client := autoscaling.NewFromConfig(cfg)
	webGroup(ctx, t, client, 10, func(in *autoscaling.CreateAutoScalingGroupInput) { in.DefaultInstanceWarmup = aws.Int32(180) })
	policy, err := autoscale.New(cfg).Group("web").PutPolicy(ctx, "scale-out", autoscale.PolicyOptions{Type: autoscale.PolicyStep,
		AdjustmentType: autoscale.ChangeInCapacity, Steps: []autoscale.Step{{Lower: 0, Upper: math.Inf(1), Adjustment: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	cw := cloudwatch.New(cfg)
	if _, err := cw.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: "load-high", Metric: cw.Metric("App", "Load", nil),
		Statistic: cloudwatch.Average, Period: time.Minute, EvaluationPeriods: 1, Threshold: 80, Comparison: ">=",
		AlarmActions: []string{policy.ARN}}); err != nil {
		t.Fatal(err)
	}
	desired := func() int { t.Helper(); return int(webDesired(ctx, t, client)) }
	// The first instance launches and warms up.
	clock.Advance(time.Minute)
	desired()
	clock.Advance(5 * time.Minute)
	// The load stays high: the alarm fires, then repeats each minute.
	var got []int
	for range 8 {
		if err := cw.PutMetricData(ctx, "App", []cloudwatch.Datum{{Name: "Load", Value: 95, Timestamp: clock.Now()}}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
		cloud.CloudWatch().Evaluate()
		got = append(got, desired())
	}
	// The instance launched at the first run is in service a second
	// later and warm 3 minutes after that, so the fifth run (4 minutes
	// on) scales again; and so on.
	if diff := cmp.Diff([]int{2, 2, 2, 2, 3, 3, 3, 3}, got); diff != "" {
		t.Errorf("desired capacity at each minute (-want +got):\n%s", diff)
	}
}
