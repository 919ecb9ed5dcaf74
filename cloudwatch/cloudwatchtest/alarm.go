package cloudwatchtest

import (
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// Alarm states (StateValue).
const (
	stateOK           = "OK"
	stateAlarm        = "ALARM"
	stateInsufficient = "INSUFFICIENT_DATA"
)

var stateValues = []string{stateOK, stateAlarm, stateInsufficient}

// alarm is one metric alarm on a single metric with a static threshold.
type alarm struct {
	cfg            putMetricAlarmInput // as last put, Tags left out
	arn            string
	actionsEnabled bool
	state          string
	reason         string
	reasonData     string
	stateUpdated   time.Time
	transitioned   time.Time
	configUpdated  time.Time
	evaluated      time.Time // the last evaluation's tick; zero before the first
	// scalingRan is when the state's Auto Scaling actions last fell due:
	// at its change of state, then each minute the alarm stays in it
	// (repeatScaling); zero while the alarm has not changed state.
	scalingRan time.Time
	tags       []tag
}

func (a *alarm) name() string { return a.cfg.AlarmName }

// dimensions returns the alarm's metric's dimensions by name, nil for
// none; each action gets a map of its own.
func (a *alarm) dimensions() map[string]string {
	if len(a.cfg.Dimensions) == 0 {
		return nil
	}
	m := make(map[string]string, len(a.cfg.Dimensions))
	for _, d := range a.cfg.Dimensions {
		m[d.Name] = d.Value
	}
	return m
}

func (a *alarm) period() time.Duration { return time.Duration(*a.cfg.Period) * time.Second }

// stat is the statistic the alarm watches, Statistic or ExtendedStatistic.
func (a *alarm) stat() string {
	if a.cfg.Statistic != "" {
		return a.cfg.Statistic
	}
	return a.cfg.ExtendedStatistic
}

// datapointsToAlarm is M of "M out of N", N when not given.
func (a *alarm) datapointsToAlarm() int {
	if a.cfg.DatapointsToAlarm != nil {
		return int(*a.cfg.DatapointsToAlarm)
	}
	return int(*a.cfg.EvaluationPeriods)
}

func (a *alarm) treatMissing() string {
	if a.cfg.TreatMissingData == "" {
		return "missing"
	}
	return a.cfg.TreatMissingData
}

// actions are the ARNs run on entering state.
func (a *alarm) actions(state string) []string {
	switch state {
	case stateOK:
		return a.cfg.OKActions
	case stateAlarm:
		return a.cfg.AlarmActions
	}
	return a.cfg.InsufficientDataActions
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}

// output is the alarm as DescribeAlarms shows it.
func (a *alarm) output() metricAlarm {
	c := a.cfg
	out := metricAlarm{
		AlarmName: c.AlarmName, AlarmArn: a.arn, AlarmDescription: c.AlarmDescription,
		AlarmConfigurationUpdatedTimestamp: a.configUpdated, ActionsEnabled: a.actionsEnabled,
		OKActions: nonNil(c.OKActions), AlarmActions: nonNil(c.AlarmActions), InsufficientDataActions: nonNil(c.InsufficientDataActions),
		StateValue: a.state, StateReason: a.reason, StateReasonData: optional(a.reasonData), StateUpdatedTimestamp: a.stateUpdated,
		MetricName: c.MetricName, Namespace: c.Namespace, Statistic: optional(c.Statistic), ExtendedStatistic: optional(c.ExtendedStatistic),
		Dimensions: slices.Clone(c.Dimensions), Period: *c.Period, Unit: optional(c.Unit), EvaluationPeriods: *c.EvaluationPeriods,
		DatapointsToAlarm: c.DatapointsToAlarm, Threshold: *c.Threshold, ComparisonOperator: c.ComparisonOperator,
		TreatMissingData: optional(c.TreatMissingData), EvaluateLowSampleCountPercentile: optional(c.EvaluateLowSampleCountPercentile),
		StateTransitionedTimestamp: a.transitioned,
	}
	if out.Dimensions == nil {
		out.Dimensions = []dimension{}
	}
	return out
}

// alarmARN is arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>
// (API Reference, TagResource: "The ARN format of an alarm").
func alarmARN(account, region, name string) string {
	return "arn:" + partition(region) + ":cloudwatch:" + region + ":" + account + ":alarm:" + name
}

func partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// handleAlarm serves the alarm operations.
func (b *Backend) handleAlarm(r *fake.Request) (any, error) {
	switch r.Operation {
	case "PutMetricAlarm":
		return nil, b.putMetricAlarm(r)
	case "DescribeAlarms":
		return b.describeAlarms(r)
	case "DescribeAlarmsForMetric":
		return b.describeAlarmsForMetric(r)
	case "DescribeAlarmHistory":
		return b.describeAlarmHistory(r)
	case "SetAlarmState":
		return nil, b.setAlarmState(r)
	case "EnableAlarmActions":
		return nil, b.setActionsEnabled(r, true)
	case "DisableAlarmActions":
		return nil, b.setActionsEnabled(r, false)
	case "DeleteAlarms":
		return nil, b.deleteAlarms(r)
	case "TagResource":
		return &emptyOutput{}, b.tagResource(r)
	case "UntagResource":
		return &emptyOutput{}, b.untagResource(r)
	case "ListTagsForResource":
		return b.listTagsForResource(r)
	}
	return nil, errUnknownOperation()
}
