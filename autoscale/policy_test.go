package autoscale_test

import (
	"errors"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
)

func apiCode(err error) string {
	var ae *goboto.APIError
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}

var scalingPolicyARN = regexp.MustCompile(`^arn:aws:autoscaling:us-east-1:\d{12}:scalingPolicy:[0-9a-f-]{36}:autoScalingGroupName/[^:]+:policyName/`)

func testPolicies(t *testing.T, e *scalingEnv) {
	ctx := t.Context()
	g := e.group(t, 1, 5, 1)
	up, err := g.PutPolicy(ctx, "up", autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, ScalingAdjustment: 2, Cooldown: dur(time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	if !scalingPolicyARN.MatchString(up.ARN) {
		t.Errorf("ARN = %q", up.ARN)
	}
	inf := math.Inf(1)
	steps, err := g.PutPolicy(ctx, "steps", autoscale.PolicyOptions{Type: autoscale.PolicyStep, AdjustmentType: autoscale.ChangeInCapacity,
		Steps:                 []autoscale.Step{{Lower: 0, Upper: 10, Adjustment: 1}, {Lower: 10, Upper: inf, Adjustment: 2}, {Lower: math.Inf(-1), Upper: 0, Adjustment: -1}},
		MetricAggregationType: autoscale.AggregateMaximum, EstimatedInstanceWarmup: dur(2 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	cpu, err := g.PutPolicy(ctx, "cpu", autoscale.PolicyOptions{Type: autoscale.PolicyTargetTracking,
		TargetTracking: &autoscale.TargetTracking{Metric: autoscale.ASGAverageCPUUtilization, TargetValue: 40, DisableScaleIn: true}})
	if err != nil {
		t.Fatal(err)
	}
	// With scale in disabled, only AlarmHigh: there is nothing for
	// AlarmLow to run (API Reference, TargetTrackingConfiguration,
	// DisableScaleIn).
	if len(cpu.Alarms) != 1 || !strings.Contains(cpu.Alarms[0].Name, "-AlarmHigh-") {
		t.Errorf("target tracking alarms = %v, want AlarmHigh", cpu.Alarms)
	}
	if up.ARN == steps.ARN[:len(up.ARN)] || up.ARN[:90] == cpu.ARN[:90] {
		t.Errorf("policies share an ARN's ID: %s %s %s", up.ARN, steps.ARN, cpu.ARN)
	}
	// The listing reads back what was put.
	got := map[string]autoscale.PolicyOptions{}
	for p, err := range g.Policies(ctx, autoscale.PageSize(1)) {
		if err != nil {
			t.Fatal(err)
		}
		if p.Group() != g || p.Conn() != e.conn {
			t.Errorf("policy %s's group or conn is not its lister's", p.Name)
		}
		got[p.Name] = p.PolicyOptions
	}
	want := map[string]autoscale.PolicyOptions{
		"up": {Type: autoscale.PolicySimple, AdjustmentType: autoscale.ChangeInCapacity, ScalingAdjustment: 2, Cooldown: dur(time.Minute)},
		"steps": {Type: autoscale.PolicyStep, AdjustmentType: autoscale.ChangeInCapacity, MetricAggregationType: autoscale.AggregateMaximum,
			EstimatedInstanceWarmup: dur(2 * time.Minute),
			Steps:                   []autoscale.Step{{Lower: 0, Upper: 10, Adjustment: 1}, {Lower: 10, Upper: inf, Adjustment: 2}, {Lower: math.Inf(-1), Upper: 0, Adjustment: -1}}},
		"cpu": {Type: autoscale.PolicyTargetTracking, TargetTracking: &autoscale.TargetTracking{Metric: autoscale.ASGAverageCPUUtilization, TargetValue: 40, DisableScaleIn: true}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Policies (-want +got):\n%s", diff)
	}
	// Execute: simple, then step by its breach.
	if err := up.Execute(ctx); err != nil {
		t.Fatal(err)
	}
	// A step policy leaves instances still warming up out of the capacity
	// it adds to (User Guide, "Step and simple scaling policies",
	// "Instance warm-up"): let up's instances launch and pass the step
	// policy's 2-minute warmup first.
	if e.clock != nil {
		e.clock.Advance(3 * time.Minute)
	}
	if err := steps.Execute(ctx, autoscale.Breach(75, 70)); err != nil {
		t.Fatal(err)
	}
	if s := e.sizes(t, g); s[2] != 4 {
		t.Errorf("desired after +2 and a +1 step = %d, want 4", s[2])
	}
	// HonorCooldown while the group cools down.
	err = up.Execute(ctx, autoscale.HonorPolicyCooldown())
	if e.clock != nil && apiCode(err) != "ScalingActivityInProgress" {
		t.Errorf("in cooldown: %v, want ScalingActivityInProgress", err)
	}
	// Refresh and Delete.
	fresh := g.Policy("steps")
	if err := fresh.Refresh(ctx); err != nil || fresh.ARN != steps.ARN || len(fresh.Steps) != 3 {
		t.Errorf("Refresh: %v, %+v", err, fresh)
	}
	if err := steps.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	err = fresh.Refresh(ctx)
	if !goboto.IsNotFound(err) || apiCode(err) != autoscale.NotFoundPolicy {
		t.Errorf("Refresh of a deleted policy: %v, want not found", err)
	}
	// A policy made disabled reads back so, and does not run.
	off, err := g.PutPolicy(ctx, "off", autoscale.PolicyOptions{AdjustmentType: autoscale.ExactCapacity, ScalingAdjustment: 1, Disabled: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := off.Refresh(ctx); err != nil || !off.Disabled {
		t.Errorf("disabled policy reads back %v, %+v", err, off.PolicyOptions)
	}
	if err := off.Execute(ctx); apiCode(err) != "ValidationError" {
		t.Errorf("executing a disabled policy: %v, want ValidationError", err)
	}
	if err := g.Policy("nope").Execute(ctx); apiCode(err) != "ValidationError" {
		t.Errorf("executing a missing policy: %v, want ValidationError", err)
	}
}

func TestPoliciesOnFake(t *testing.T) { testPolicies(t, scalingFake(t)) }
