package localcloud_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
)

// An alarm that stays in ALARM invokes its scaling policy again each
// minute, so a simple policy its group's cooldown refused when the alarm
// fired scales the group at a later minute, once the cooldown is over
// (CloudWatch User Guide, "Alarm actions": "Except for Auto Scaling
// actions, the actions happen only on state transitions"; AWS knowledge
// center, "Why doesn't my CloudWatch alarm's state change invoke my
// Amazon EC2 Auto Scaling policy?": "an alarm invokes an Auto Scaling
// action once each minute when the alarm remains in a new state";
// EC2 Auto Scaling User Guide, "Scaling cooldowns": the default
// cooldown, 300 seconds, holds simple scaling back after an activity).
func TestAlarmRepeatScalesAfterCooldown(t *testing.T) {
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
	cloud := localcloud.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(48*time.Hour))
	ctx := t.Context()
	cfg := cloud.Config("")
	client := autoscaling.NewFromConfig(cfg)
	t0 := clock.Now()
	webGroup(ctx, t, client, 4)
	policy, err := autoscale.New(cfg).Group("web").PutPolicy(ctx, "scale-out",
		autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, ScalingAdjustment: 1})
	if err != nil {
		t.Fatal(err)
	}
	cw := cloudwatch.New(cfg)
	// Missing data breaches, so the alarm goes to ALARM at its first
	// evaluation, at +2m, and stays there.
	alarm, err := cw.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: "load-high", Metric: cw.Metric("App", "Load", nil),
		Statistic: cloudwatch.Average, Period: time.Minute, EvaluationPeriods: 1, Threshold: 80, Comparison: ">=",
		TreatMissingData: cloudwatch.MissingDataBreaching, AlarmActions: []string{policy.ARN}})
	if err != nil {
		t.Fatal(err)
	}
	desired := func() int32 { t.Helper(); return webDesired(ctx, t, client) }
	// The group's first launch, ending a second after t0, starts the
	// default cooldown, which lasts until 5m01s.
	clock.Advance(time.Minute)
	desired()
	for _, at := range []time.Duration{2 * time.Minute, 3 * time.Minute} {
		clock.Set(t0.Add(at))
		cloud.CloudWatch().Evaluate()
		if d := desired(); d != 1 {
			t.Fatalf("desired at +%v, in the cooldown = %d, want 1", at, d)
		}
	}
	// Three minutes later, the cooldown over and the alarm still in
	// ALARM, the minute's repeat scales the group.
	clock.Set(t0.Add(6 * time.Minute))
	cloud.CloudWatch().Evaluate()
	if d := desired(); d != 2 {
		t.Errorf("desired after the cooldown = %d, want 2", d)
	}
	if err := alarm.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if alarm.State != cloudwatch.AlarmAlarm || !alarm.StateTransitioned.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("alarm %s since %v, want ALARM since +2m", alarm.State, alarm.StateTransitioned.Sub(t0))
	}
	items, err := goboto.Collect(alarm.History(ctx, cloudwatch.HistoryFilter{Type: cloudwatch.HistoryAction}))
	if err != nil {
		t.Fatal(err)
	}
	// The first run, the repeat at +3m (refused by the cooldown, which
	// AWS does not count as the action failing) and the one at +6m.
	if len(items) != 3 {
		t.Errorf("%d Action items in the alarm's history, want 3: %+v", len(items), items)
	}
	for _, it := range items {
		if it.Summary != "Successfully executed action "+policy.ARN {
			t.Errorf("history item %q", it.Summary)
		}
	}
}
