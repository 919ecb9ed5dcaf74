package localcloud

import (
	"encoding/json"
	"slices"

	"github.com/goboto/goboto/autoscale/autoscaletest"
	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
)

// scalingPolicyAction runs a CloudWatch alarm action naming a scaling
// policy in the AutoScaling fake. The alarm's last evaluated datapoint
// and its threshold (from StateReasonData) choose a step policy's step,
// as AutoScaling reads them from the alarm.
func (c *Cloud) scalingPolicyAction(a cloudwatchtest.AlarmAction) error {
	t := autoscaletest.AlarmTrigger{Account: a.Account, Region: a.Region, PolicyARN: a.Action, AlarmName: a.AlarmName,
		State: a.NewState, Time: a.Time}
	var data struct {
		RecentDatapoints []float64 `json:"recentDatapoints"`
		Threshold        *float64  `json:"threshold"`
	}
	if a.ReasonData != "" && json.Unmarshal([]byte(a.ReasonData), &data) == nil && data.Threshold != nil && len(data.RecentDatapoints) > 0 {
		last := data.RecentDatapoints[len(data.RecentDatapoints)-1]
		t.MetricValue, t.Threshold = &last, data.Threshold
	}
	return c.as.AlarmAction(t)
}

// policyAlarms lists the CloudWatch fake's alarms for the AutoScaling
// fake's DescribePolicies, which shows a policy the alarms naming it.
// (AutoScaling calls it with no lock of its own held; CloudWatch's
// Alarms evaluates nothing, so no action can call back into
// AutoScaling.)
func (c *Cloud) policyAlarms(account, region string) []autoscaletest.CloudWatchAlarm {
	var out []autoscaletest.CloudWatchAlarm
	for _, a := range c.cw.Alarms(account, region) {
		actions := slices.Concat(a.OKActions, a.AlarmActions, a.InsufficientDataActions)
		out = append(out, autoscaletest.CloudWatchAlarm{Name: a.Name, ARN: a.ARN, Actions: actions})
	}
	return out
}
