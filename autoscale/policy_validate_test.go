package autoscale_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/autoscale/autoscaletest"
)

func dur(d time.Duration) *time.Duration { return &d }
func num(n int) *int                     { return &n }

// wantInvalid checks err is a *goboto.ValidationError on field and that
// srv saw no request: local checks come before anything is sent.
func wantInvalid(t *testing.T, srv *autoscaletest.Server, name string, err error, field string) {
	t.Helper()
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("%s: error %v, want *goboto.ValidationError on %s", name, err, field)
		return
	}
	if ve.Field != field {
		t.Errorf("%s: field %q (%v), want %q", name, ve.Field, ve, field)
	}
	if calls := srv.Calls(); len(calls) != 0 {
		t.Errorf("%s: %d requests sent, want none", name, len(calls))
	}
}

func TestPutPolicyValidation(t *testing.T) {
	srv := autoscaletest.Start(t)
	g := autoscale.New(srv.Config("")).Group("web")
	inf, ninf := math.Inf(1), math.Inf(-1)
	// API Reference, PutScalingPolicy: each member's documented scope
	// ("Valid only if the policy type is SimpleScaling", "Required if the
	// policy type is StepScaling or SimpleScaling", ...); User Guide,
	// "Step adjustments for step scaling" for the steps' rules.
	for _, tc := range []struct {
		name, policy string
		o            autoscale.PolicyOptions
		field        string
	}{
		{"colon", "a:b", autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity}, "PolicyName"},
		{"long name", strings.Repeat("p", 256), autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity}, "PolicyName"},
		{"simple without adjustment type", "p", autoscale.PolicyOptions{ScalingAdjustment: 1}, "AdjustmentType"},
		{"step without adjustment type", "p", autoscale.PolicyOptions{Type: autoscale.PolicyStep, Steps: []autoscale.Step{{Lower: 0, Upper: inf, Adjustment: 1}}}, "AdjustmentType"},
		{"bad adjustment type", "p", autoscale.PolicyOptions{AdjustmentType: "Double"}, "AdjustmentType"},
		{"cooldown on step", "p", autoscale.PolicyOptions{Type: autoscale.PolicyStep, AdjustmentType: autoscale.ChangeInCapacity, Cooldown: dur(time.Minute),
			Steps: []autoscale.Step{{Lower: 0, Upper: inf, Adjustment: 1}}}, "Cooldown"},
		{"cooldown on target tracking", "p", autoscale.PolicyOptions{Type: autoscale.PolicyTargetTracking, Cooldown: dur(time.Minute),
			TargetTracking: &autoscale.TargetTracking{Metric: autoscale.ASGAverageCPUUtilization, TargetValue: 50}}, "Cooldown"},
		{"fractional cooldown", "p", autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, Cooldown: dur(1500 * time.Millisecond)}, "Cooldown"},
		{"negative cooldown", "p", autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, Cooldown: dur(-time.Second)}, "Cooldown"},
		{"magnitude without percent", "p", autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, MinAdjustmentMagnitude: 2}, "MinAdjustmentMagnitude"},
		{"negative exact capacity", "p", autoscale.PolicyOptions{AdjustmentType: autoscale.ExactCapacity, ScalingAdjustment: -1}, "ScalingAdjustment"},
		{"adjustment type on target tracking", "p", autoscale.PolicyOptions{Type: autoscale.PolicyTargetTracking, AdjustmentType: autoscale.ChangeInCapacity,
			TargetTracking: &autoscale.TargetTracking{Metric: autoscale.ASGAverageCPUUtilization, TargetValue: 50}}, "AdjustmentType"},
		{"steps on simple", "p", autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, Steps: []autoscale.Step{{Lower: 0, Upper: inf}}}, "StepAdjustments"},
		{"warmup on simple", "p", autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, EstimatedInstanceWarmup: dur(time.Minute)}, "EstimatedInstanceWarmup"},
		{"no steps", "p", autoscale.PolicyOptions{Type: autoscale.PolicyStep, AdjustmentType: autoscale.ChangeInCapacity}, "StepAdjustments"},
		{"overlapping steps", "p", autoscale.PolicyOptions{Type: autoscale.PolicyStep, AdjustmentType: autoscale.ChangeInCapacity,
			Steps: []autoscale.Step{{Lower: 0, Upper: 20, Adjustment: 1}, {Lower: 10, Upper: inf, Adjustment: 2}}}, "StepAdjustments"},
		{"gap between steps", "p", autoscale.PolicyOptions{Type: autoscale.PolicyStep, AdjustmentType: autoscale.ChangeInCapacity,
			Steps: []autoscale.Step{{Lower: 0, Upper: 10, Adjustment: 1}, {Lower: 20, Upper: inf, Adjustment: 2}}}, "StepAdjustments"},
		{"two open upper ends", "p", autoscale.PolicyOptions{Type: autoscale.PolicyStep, AdjustmentType: autoscale.ChangeInCapacity,
			Steps: []autoscale.Step{{Lower: 0, Upper: inf, Adjustment: 1}, {Lower: 10, Upper: inf, Adjustment: 2}}}, "StepAdjustments"},
		{"positive bound, no open upper end", "p", autoscale.PolicyOptions{Type: autoscale.PolicyStep, AdjustmentType: autoscale.ChangeInCapacity,
			Steps: []autoscale.Step{{Lower: 0, Upper: 10, Adjustment: 1}}}, "StepAdjustments"},
		{"negative bound, no open lower end", "p", autoscale.PolicyOptions{Type: autoscale.PolicyStep, AdjustmentType: autoscale.ChangeInCapacity,
			Steps: []autoscale.Step{{Lower: -10, Upper: 0, Adjustment: -1}}}, "StepAdjustments"},
		{"open at both ends", "p", autoscale.PolicyOptions{Type: autoscale.PolicyStep, AdjustmentType: autoscale.ChangeInCapacity,
			Steps: []autoscale.Step{{Lower: ninf, Upper: inf, Adjustment: 1}}}, "StepAdjustments"},
		{"empty step", "p", autoscale.PolicyOptions{Type: autoscale.PolicyStep, AdjustmentType: autoscale.ChangeInCapacity,
			Steps: []autoscale.Step{{}}}, "StepAdjustments"},
		{"bad aggregation", "p", autoscale.PolicyOptions{Type: autoscale.PolicyStep, AdjustmentType: autoscale.ChangeInCapacity, MetricAggregationType: "Median",
			Steps: []autoscale.Step{{Lower: 0, Upper: inf, Adjustment: 1}}}, "MetricAggregationType"},
		{"target tracking without configuration", "p", autoscale.PolicyOptions{Type: autoscale.PolicyTargetTracking}, "TargetTrackingConfiguration"},
		{"two metrics", "p", autoscale.PolicyOptions{Type: autoscale.PolicyTargetTracking, TargetTracking: &autoscale.TargetTracking{
			Metric: autoscale.ASGAverageCPUUtilization, CustomMetric: &autoscale.CustomMetric{Namespace: "App", MetricName: "Load", Statistic: "Average"}}}, "TargetTrackingConfiguration"},
		{"unknown predefined metric", "p", autoscale.PolicyOptions{Type: autoscale.PolicyTargetTracking, TargetTracking: &autoscale.TargetTracking{Metric: "ASGMemory"}}, "PredefinedMetricType"},
		{"ALB metric without label", "p", autoscale.PolicyOptions{Type: autoscale.PolicyTargetTracking, TargetTracking: &autoscale.TargetTracking{Metric: autoscale.ALBRequestCountPerTarget}}, "ResourceLabel"},
		{"custom metric without statistic", "p", autoscale.PolicyOptions{Type: autoscale.PolicyTargetTracking, TargetTracking: &autoscale.TargetTracking{
			CustomMetric: &autoscale.CustomMetric{Namespace: "App", MetricName: "Load"}}}, "Statistic"},
		{"NaN target", "p", autoscale.PolicyOptions{Type: autoscale.PolicyTargetTracking, TargetTracking: &autoscale.TargetTracking{
			Metric: autoscale.ASGAverageCPUUtilization, TargetValue: math.NaN()}}, "TargetValue"},
		{"predictive", "p", autoscale.PolicyOptions{Type: autoscale.PolicyPredictive}, "PolicyType"},
		{"unknown type", "p", autoscale.PolicyOptions{Type: "Magic"}, "PolicyType"},
	} {
		_, err := g.PutPolicy(t.Context(), tc.policy, tc.o)
		wantInvalid(t, srv, tc.name, err, tc.field)
	}
	p := g.Policy("p")
	wantInvalid(t, srv, "threshold without value", p.Execute(t.Context(), func(o *autoscale.ExecuteOptions) { o.BreachThreshold = new(float64) }), "BreachThreshold")
	wantInvalid(t, srv, "infinite metric", p.Execute(t.Context(), autoscale.Breach(math.Inf(1), 0)), "MetricValue")
	wantInvalid(t, srv, "page size", func() error {
		for _, err := range g.Policies(t.Context(), autoscale.PageSize(101)) {
			return err
		}
		return nil
	}(), "MaxRecords")
	wantInvalid(t, srv, "policy handle with colon", g.Policy("a:b").Delete(t.Context()), "PolicyName")
}

func TestScheduleValidation(t *testing.T) {
	srv := autoscaletest.Start(t)
	g := autoscale.New(srv.Config("")).Group("web")
	start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	// API Reference, PutScheduledUpdateGroupAction: Recurrence is five
	// cron fields; TimeZone an IANA name; EndTime after StartTime; MinSize,
	// MaxSize and DesiredCapacity consistent.
	for _, tc := range []struct {
		name, action string
		o            autoscale.ScheduleOptions
		field        string
	}{
		{"colon", "a:b", autoscale.ScheduleOptions{StartTime: start, Desired: num(1)}, "ScheduledActionName"},
		{"no sizes", "s", autoscale.ScheduleOptions{StartTime: start}, "MinSize"},
		{"no time", "s", autoscale.ScheduleOptions{Desired: num(1)}, "StartTime"},
		{"min above max", "s", autoscale.ScheduleOptions{StartTime: start, Min: num(3), Max: num(2)}, "MinSize"},
		{"desired above max", "s", autoscale.ScheduleOptions{StartTime: start, Max: num(2), Desired: num(3)}, "DesiredCapacity"},
		{"negative", "s", autoscale.ScheduleOptions{StartTime: start, Min: num(-1)}, "MinSize"},
		{"six fields", "s", autoscale.ScheduleOptions{Recurrence: "0 6 ? * MON *", Desired: num(1)}, "Recurrence"},
		{"minute 60", "s", autoscale.ScheduleOptions{Recurrence: "60 * * * *", Desired: num(1)}, "Recurrence"},
		{"zone", "s", autoscale.ScheduleOptions{Recurrence: "0 8 * * *", TimeZone: "Mars/Olympus", Desired: num(1)}, "TimeZone"},
		{"Local", "s", autoscale.ScheduleOptions{Recurrence: "0 8 * * *", TimeZone: "Local", Desired: num(1)}, "TimeZone"},
		{"zone without recurrence", "s", autoscale.ScheduleOptions{StartTime: start, TimeZone: "Europe/Paris", Desired: num(1)}, "TimeZone"},
		{"end before start", "s", autoscale.ScheduleOptions{Recurrence: "0 8 * * *", StartTime: start, EndTime: start.Add(-time.Hour), Desired: num(1)}, "EndTime"},
	} {
		_, err := g.Schedule(t.Context(), tc.action, tc.o)
		wantInvalid(t, srv, tc.name, err, tc.field)
	}
	var ve *goboto.ValidationError
	_, err := g.Schedule(t.Context(), "s", autoscale.ScheduleOptions{Recurrence: "0 25 * * *", Desired: num(1)})
	if !errors.As(err, &ve) || !strings.Contains(ve.Rule, "Hour") {
		t.Errorf("bad hour: %v, want the rule to name the Hour field", err)
	}
}

func TestHookValidation(t *testing.T) {
	srv := autoscaletest.Start(t)
	g := autoscale.New(srv.Config("")).Group("web")
	// API Reference, PutLifecycleHook: HeartbeatTimeout "The range is
	// from 30 to 7200 seconds"; DefaultResult CONTINUE or ABANDON; the
	// two transitions; LifecycleHookName [A-Za-z0-9\-_\/]+.
	for _, tc := range []struct {
		name, hook string
		o          autoscale.HookOptions
		field      string
	}{
		{"heartbeat 29s", "h", autoscale.HookOptions{Transition: autoscale.TransitionLaunching, HeartbeatTimeout: 29 * time.Second}, "HeartbeatTimeout"},
		{"heartbeat 7201s", "h", autoscale.HookOptions{Transition: autoscale.TransitionLaunching, HeartbeatTimeout: 7201 * time.Second}, "HeartbeatTimeout"},
		{"heartbeat fraction", "h", autoscale.HookOptions{Transition: autoscale.TransitionLaunching, HeartbeatTimeout: 30500 * time.Millisecond}, "HeartbeatTimeout"},
		{"result", "h", autoscale.HookOptions{Transition: autoscale.TransitionLaunching, DefaultResult: "RETRY"}, "DefaultResult"},
		{"transition", "h", autoscale.HookOptions{Transition: "autoscaling:EC2_INSTANCE_REBOOTING"}, "LifecycleTransition"},
		{"name", "h h", autoscale.HookOptions{Transition: autoscale.TransitionLaunching}, "LifecycleHookName"},
		{"role without target", "h", autoscale.HookOptions{Transition: autoscale.TransitionLaunching, RoleARN: "arn:aws:iam::123456789012:role/r"}, "RoleARN"},
		{"metadata", "h", autoscale.HookOptions{Transition: autoscale.TransitionLaunching, NotificationMetadata: "caf\u00e9"}, "NotificationMetadata"},
	} {
		_, err := g.PutLifecycleHook(t.Context(), tc.hook, tc.o)
		wantInvalid(t, srv, tc.name, err, tc.field)
	}
	h := g.LifecycleHook("h")
	wantInvalid(t, srv, "neither instance nor token", h.Complete(t.Context(), autoscale.LifecycleAction{}, autoscale.HookContinue), "LifecycleAction")
	wantInvalid(t, srv, "both", h.RecordHeartbeat(t.Context(), autoscale.LifecycleAction{InstanceID: "i-1", Token: strings.Repeat("a", 36)}), "LifecycleAction")
	wantInvalid(t, srv, "short token", h.Complete(t.Context(), autoscale.LifecycleAction{Token: "abc"}, autoscale.HookContinue), "LifecycleActionToken")
	wantInvalid(t, srv, "complete result", h.Complete(t.Context(), autoscale.LifecycleAction{InstanceID: "i-1"}, "MAYBE"), "LifecycleActionResult")
}
