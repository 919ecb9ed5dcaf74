package localcloud

import (
	"encoding/json"

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
