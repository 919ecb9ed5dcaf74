package main

import (
	"context"
	"fmt"
	"time"

	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/cloudwatch"
)

// The alarms' thresholds on the group's average CPU, in percent.
const (
	highCPU = 70
	lowCPU  = 30
)

// 3. boto's ScalingPolicy: simple policies adding or removing one
// instance, each followed by the group's cooldown.
func policies(ctx context.Context, w *walk, _ options) error {
	g := w.group
	c := cooldown
	for _, p := range []struct {
		v, name string
		adjust  int
		to      **autoscale.Policy
	}{{"out", "scale-out", 1, &w.out}, {"in", "scale-in", -1, &w.in}} {
		w.call("%s, err := g.PutPolicy(ctx, %q, autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, ScalingAdjustment: %d, Cooldown: &cooldown})",
			p.v, p.name, p.adjust)
		pol, err := g.PutPolicy(ctx, p.name, autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, ScalingAdjustment: p.adjust, Cooldown: &c})
		if err != nil {
			return err
		}
		*p.to = pol
		w.result("%s", pol.ARN)
	}
	return nil
}

// 4. boto's MetricAlarm on the group's CPU, with the policies' ARNs as
// actions. The metric is a custom one the tutorial publishes itself:
// PutMetricData may not write in AWS/ namespaces, so the AWS/EC2
// CPUUtilization a real group's alarm would watch cannot be faked up;
// it has the same name and dimension in the tutorial's own namespace.
func alarms(ctx context.Context, w *walk, _ options) error {
	dims := cloudwatch.Dimensions{"AutoScalingGroupName": name}
	w.cpu = w.cw.Metric(namespace, "CPUUtilization", dims)
	w.call("cpu := cw.Metric(%q, \"CPUUtilization\", cloudwatch.Dimensions{\"AutoScalingGroupName\": g.Name})", namespace)
	w.result("the tutorial's own metric, which it publishes: PutMetricData may not write AWS/EC2,")
	w.result("where EC2 publishes a real group's CPUUtilization by AutoScalingGroupName")
	var names []string
	for _, a := range []struct {
		suffix     string
		comparison cloudwatch.ComparisonOperator
		threshold  float64
		policy     *autoscale.Policy
		v          string
	}{{"cpu-high", ">=", highCPU, w.out, "out"}, {"cpu-low", "<=", lowCPU, w.in, "in"}} {
		n := name + "-" + a.suffix
		w.call("cw.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: %q, Metric: cpu, Statistic: cloudwatch.Average,", n)
		w.call("    Period: time.Minute, EvaluationPeriods: 1, Comparison: %q, Threshold: %g, AlarmActions: []string{%s.ARN}})",
			a.comparison, a.threshold, a.v)
		alarm, err := w.cw.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: n, Metric: w.cpu, Statistic: cloudwatch.Average,
			Period: time.Minute, EvaluationPeriods: 1, Comparison: a.comparison, Threshold: a.threshold,
			AlarmActions: []string{a.policy.ARN}, Description: "goboto's AutoScale tutorial; safe to delete"})
		if err != nil {
			return err
		}
		names = append(names, n)
		if len(names) == 1 {
			w.later("", func(ctx context.Context) error {
				w.call("cw.DeleteAlarms(ctx, %q, %q)", names[0], names[len(names)-1])
				return w.cw.DeleteAlarms(ctx, names...)
			})
		}
		if err := alarm.Refresh(ctx); err != nil {
			return err
		}
		w.result("%s", alarm)
	}
	return nil
}

// 5. The group's CPU pushed to 90% until its alarm fires and runs the
// scale-out policy; then the new instance is waited for, and the
// group's instances are shown as EC2 sees them.
func scaleOut(ctx context.Context, w *walk, _ options) error {
	return scale(ctx, w, 90, name+"-cpu-high", 2)
}

// 6. The CPU dropped to 10%: the other alarm fires, and the group
// scales back in.
func scaleIn(ctx context.Context, w *walk, _ options) error {
	return scale(ctx, w, 10, name+"-cpu-low", 1)
}

// scale publishes the CPU at value, a datapoint a look, until the alarm
// has made the group's desired capacity want; then it waits for the
// group to be stable and shows why it changed and what it has.
func scale(ctx context.Context, w *walk, value float64, alarmName string, want int) error {
	// A simple policy does nothing while the group cools down from its
	// last activity: the cooldown is let pass first (locally the clock
	// moves; on AWS this is a minute's wait).
	w.call("// the group's %v cooldown passes", cooldown)
	if err := w.pass(ctx, cooldown); err != nil {
		return err
	}
	alarm := w.cw.Alarm(alarmName)
	w.call("cw.PutMetricData(ctx, %q, []cloudwatch.Datum{{Name: \"CPUUtilization\", Dimensions: ..., Value: %g, Unit: cloudwatch.UnitPercent}})   // every look", namespace, value)
	w.call("alarm.Refresh(ctx); g.Refresh(ctx)   // until the group's desired capacity is %d", want)
	// Each look moves the local clock 10 s: the alarm is evaluated at
	// the end of its minute.
	err := w.poll(ctx, 10*time.Second, func(ctx context.Context) (string, bool, error) {
		if err := w.cw.PutMetricData(ctx, namespace, []cloudwatch.Datum{{Name: "CPUUtilization", Dimensions: w.cpu.Dimensions,
			Value: value, Unit: cloudwatch.UnitPercent, Timestamp: w.now()}}); err != nil {
			return "", false, err
		}
		if err := alarm.Refresh(ctx); err != nil {
			return "", false, err
		}
		if err := w.group.Refresh(ctx); err != nil {
			return "", false, err
		}
		// On AWS an alarm that stays in ALARM runs its scaling action
		// again each minute: the group may go one step further.
		done := w.group.Desired >= want
		if value < lowCPU {
			done = w.group.Desired <= want
		}
		return fmt.Sprintf("alarm %s, desired %d", alarm.State, w.group.Desired), done, nil
	})
	if err != nil {
		return err
	}
	w.result("%s", alarm.StateReason)
	if err := showCause(ctx, w); err != nil {
		return err
	}
	w.call("g.Wait(ctx, autoscale.GroupStable, goboto.Progress(...))")
	if err := w.group.Wait(ctx, autoscale.GroupStable, w.waitOptions(time.Second)...); err != nil {
		return err
	}
	showInstances(w, w.group)
	return showEC2(ctx, w)
}
