package localcloud_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/fakes/localcloud"
)

// A simple or step policy's Alarms, as DescribePolicies gives them and
// goboto's autoscale.Policy shows them, are the CloudWatch alarms whose
// actions name the policy (API Reference, ScalingPolicy, Alarms: "The
// CloudWatch alarms related to the policy"; the CloudWatch User Guide,
// "Create an alarm that triggers an Auto Scaling action": "You first
// create the scaling policy, and then attach its ARN as the alarm
// action"). Deleting an alarm takes it off the list.
func TestPolicyListsItsAlarms(t *testing.T) {
	cloud := localcloud.Start(t)
	ctx := t.Context()
	cfg := cloud.Config("")
	client := autoscaling.NewFromConfig(cfg)
	webGroup(ctx, t, client, 4)
	group := autoscale.New(cfg).Group("web")
	out, err := group.PutPolicy(ctx, "scale-out", autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, ScalingAdjustment: 1})
	if err != nil {
		t.Fatal(err)
	}
	in, err := group.PutPolicy(ctx, "scale-in", autoscale.PolicyOptions{AdjustmentType: autoscale.ChangeInCapacity, ScalingAdjustment: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Alarms) != 0 {
		t.Errorf("a new simple policy's alarms = %v", out.Alarms)
	}
	cw := cloudwatch.New(cfg)
	put := func(name string, o cloudwatch.AlarmOptions) *cloudwatch.Alarm {
		t.Helper()
		o.Name, o.Metric, o.Statistic, o.Period, o.EvaluationPeriods = name, cw.Metric("App", "Load", nil), cloudwatch.Average, time.Minute, 1
		a, err := cw.PutMetricAlarm(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		// PutMetricAlarm answers nothing; the ARN comes from DescribeAlarms.
		if err := a.Refresh(ctx); err != nil || a.ARN == "" {
			t.Fatalf("alarm %s: %v, ARN %q", name, err, a.ARN)
		}
		return a
	}
	// One alarm scales out on ALARM and back in on OK; another only
	// scales in.
	high := put("load-high", cloudwatch.AlarmOptions{Threshold: 80, Comparison: ">=", AlarmActions: []string{out.ARN}, OKActions: []string{in.ARN}})
	low := put("load-low", cloudwatch.AlarmOptions{Threshold: 20, Comparison: "<", AlarmActions: []string{in.ARN}})
	put("unrelated", cloudwatch.AlarmOptions{Threshold: 1, Comparison: ">"})

	alarms := func() map[string][]autoscale.Alarm {
		t.Helper()
		got := map[string][]autoscale.Alarm{}
		for p, err := range group.Policies(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			got[p.Name] = p.Alarms
		}
		return got
	}
	ref := func(a *cloudwatch.Alarm) autoscale.Alarm { return autoscale.Alarm{Name: a.Name, ARN: a.ARN} }
	want := map[string][]autoscale.Alarm{"scale-out": {ref(high)}, "scale-in": {ref(high), ref(low)}}
	if diff := cmp.Diff(want, alarms()); diff != "" {
		t.Errorf("policies' alarms (-want +got):\n%s", diff)
	}
	if err := out.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]autoscale.Alarm{ref(high)}, out.Alarms); diff != "" {
		t.Errorf("Refresh: alarms (-want +got):\n%s", diff)
	}

	if err := high.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	want = map[string][]autoscale.Alarm{"scale-out": nil, "scale-in": {ref(low)}}
	if diff := cmp.Diff(want, alarms()); diff != "" {
		t.Errorf("after deleting load-high (-want +got):\n%s", diff)
	}
}
