package cloudwatchtest

import (
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// describePage is DescribeAlarms' page when MaxRecords is not given: 50
// (boto/boto#3036, "describe_alarms() only fetches 50 alarms by default";
// the model allows 1 to 100).
const describePage = 50

// describeAlarms answers the region's metric alarms in name order,
// filtered by names or a name prefix, state and action prefix.
func (b *Backend) describeAlarms(r *fake.Request) (*describeAlarmsOutput, error) {
	var in describeAlarmsInput
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	if in.ChildrenOfAlarmName != nil || in.ParentsOfAlarmName != nil {
		return nil, errUnsupported("DescribeAlarms with ChildrenOfAlarmName or ParentsOfAlarmName (composite alarms)")
	}
	if len(in.AlarmNames) > 100 {
		return nil, errValidation("["+strings.Join(in.AlarmNames, ", ")+"]", "alarmNames", "Member must have length less than or equal to 100")
	}
	for _, n := range in.AlarmNames {
		if err := checkAlarmName("alarmNames.member", n); err != nil {
			return nil, err
		}
	}
	if in.AlarmNamePrefix != nil {
		if len(in.AlarmNames) > 0 {
			// "If this parameter is specified, you cannot specify AlarmNames."
			return nil, errInvalidParameterCombination("AlarmNamePrefix and AlarmNames cannot be specified together.")
		}
		if err := checkAlarmName("alarmNamePrefix", *in.AlarmNamePrefix); err != nil {
			return nil, err
		}
	}
	if in.StateValue != "" && !slices.Contains(stateValues, in.StateValue) {
		return nil, errValidation(in.StateValue, "stateValue", "Member must satisfy enum value set: [OK, ALARM, INSUFFICIENT_DATA]")
	}
	if in.ActionPrefix != nil && (*in.ActionPrefix == "" || len(*in.ActionPrefix) > 1024) {
		return nil, errValidation(*in.ActionPrefix, "actionPrefix", "Member must have length between 1 and 1024")
	}
	types, err := checkAlarmTypes(in.AlarmTypes)
	if err != nil {
		return nil, err
	}
	limit, err := maxRecords(in.MaxRecords, describePage)
	if err != nil {
		return nil, err
	}
	start := 0
	if in.NextToken != nil {
		if start, err = decodeToken(*in.NextToken); err != nil {
			return nil, errInvalidNextToken()
		}
	}
	var all []metricAlarm
	if types["MetricAlarm"] {
		reg := b.regions.Get(r.Account(), r.Region)
		reg.mu.Lock()
		for _, a := range reg.alarms {
			if a.matches(in) {
				all = append(all, a.output())
			}
		}
		reg.mu.Unlock()
	}
	slices.SortFunc(all, func(x, y metricAlarm) int { return strings.Compare(x.AlarmName, y.AlarmName) })
	if start > len(all) {
		return nil, errInvalidNextToken()
	}
	end := min(start+limit, len(all))
	out := &describeAlarmsOutput{CompositeAlarms: []compositeAlarm{}, MetricAlarms: append([]metricAlarm{}, all[start:end]...)}
	if end < len(all) {
		tok := encodeToken(end)
		out.NextToken = &tok
	}
	return out, nil
}

func (a *alarm) matches(in describeAlarmsInput) bool {
	switch {
	case len(in.AlarmNames) > 0 && !slices.Contains(in.AlarmNames, a.name()),
		in.AlarmNamePrefix != nil && !strings.HasPrefix(a.name(), *in.AlarmNamePrefix),
		in.StateValue != "" && a.state != in.StateValue:
		return false
	case in.ActionPrefix != nil:
		for _, l := range [][]string{a.cfg.OKActions, a.cfg.AlarmActions, a.cfg.InsufficientDataActions} {
			for _, arn := range l {
				if strings.HasPrefix(arn, *in.ActionPrefix) {
					return true
				}
			}
		}
		return false
	}
	return true
}

// describeAlarmsForMetric answers the metric alarms on one metric: its
// namespace, name and exact set of dimensions, narrowed by statistic,
// period and unit when given (API Reference, DescribeAlarmsForMetric).
func (b *Backend) describeAlarmsForMetric(r *fake.Request) (*describeAlarmsForMetricOutput, error) {
	var in describeAlarmsForMetricInput
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	switch {
	case in.MetricName == "":
		return nil, errMissingParameter("MetricName")
	case in.Namespace == "":
		return nil, errMissingParameter("Namespace")
	case in.Statistic != "" && !slices.Contains(statistics, in.Statistic):
		return nil, errValidation(in.Statistic, "statistic", "Member must satisfy enum value set: ["+strings.Join(statistics, ", ")+"]")
	case in.Unit != "" && !slices.Contains(validUnits, in.Unit):
		return nil, errValidation(in.Unit, "unit", "Member must satisfy enum value set: ["+strings.Join(validUnits, ", ")+"]")
	case in.Period != nil && *in.Period < 1:
		return nil, errValidation(*in.Period, "period", "Member must have value greater than or equal to 1")
	}
	if err := checkNamespace(in.Namespace, false); err != nil {
		return nil, err
	}
	if err := checkDimensions("Dimensions", in.Dimensions); err != nil {
		return nil, err
	}
	want := seriesKey(in.Namespace, in.MetricName, sortDims(in.Dimensions))
	out := &describeAlarmsForMetricOutput{MetricAlarms: []metricAlarm{}}
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	for _, a := range reg.alarms {
		c := a.cfg
		switch {
		case seriesKey(c.Namespace, c.MetricName, sortDims(c.Dimensions)) != want,
			in.Statistic != "" && c.Statistic != in.Statistic,
			in.ExtendedStatistic != "" && c.ExtendedStatistic != in.ExtendedStatistic,
			in.Period != nil && *c.Period != *in.Period,
			in.Unit != "" && c.Unit != in.Unit:
			continue
		}
		out.MetricAlarms = append(out.MetricAlarms, a.output())
	}
	reg.mu.Unlock()
	slices.SortFunc(out.MetricAlarms, func(x, y metricAlarm) int { return strings.Compare(x.AlarmName, y.AlarmName) })
	return out, nil
}
