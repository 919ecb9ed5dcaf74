package cloudwatchtest

import "time"

// The alarm operations' inputs and outputs, named as the model names
// their members (API version 2010-08-01; members aws-sdk-go-v2 v1.76.0
// sends that the published model lacks, such as ActionConfiguration, are
// here too). A member typed any is one the fake does not implement: a
// request that sets it is refused with InvalidAction.

type tag struct {
	Key   string
	Value string
}

type putMetricAlarmInput struct {
	AlarmName                        string
	AlarmDescription                 *string
	ActionsEnabled                   *bool
	OKActions                        []string
	AlarmActions                     []string
	InsufficientDataActions          []string
	MetricName                       string
	Namespace                        string
	Statistic                        string
	ExtendedStatistic                string
	Dimensions                       []dimension
	Period                           *int64
	Unit                             string
	EvaluationPeriods                *int64
	DatapointsToAlarm                *int64
	Threshold                        *float64
	ComparisonOperator               string
	TreatMissingData                 string
	EvaluateLowSampleCountPercentile string
	Metrics                          any
	Tags                             []tag
	ThresholdMetricId                any
	EvaluationWindow                 any
	EvaluationCriteria               any
	EvaluationInterval               any
	ActionConfiguration              any
	WarmUpConfiguration              any
}

// metricAlarm is MetricAlarm in the model's member order, which Query
// answers keep.
type metricAlarm struct {
	AlarmName                          string
	AlarmArn                           string
	AlarmDescription                   *string
	AlarmConfigurationUpdatedTimestamp time.Time
	ActionsEnabled                     bool
	OKActions                          []string
	AlarmActions                       []string
	InsufficientDataActions            []string
	StateValue                         string
	StateReason                        string
	StateReasonData                    *string
	StateUpdatedTimestamp              time.Time
	MetricName                         string
	Namespace                          string
	Statistic                          *string
	ExtendedStatistic                  *string
	Dimensions                         []dimension
	Period                             int64
	Unit                               *string
	EvaluationPeriods                  int64
	DatapointsToAlarm                  *int64
	Threshold                          float64
	ComparisonOperator                 string
	TreatMissingData                   *string
	EvaluateLowSampleCountPercentile   *string
	StateTransitionedTimestamp         time.Time
}

// compositeAlarm stands for CompositeAlarm; the fake has none
// (PutCompositeAlarm is not implemented), so lists of it are always
// empty.
type compositeAlarm struct{}

type describeAlarmsInput struct {
	AlarmNames          []string
	AlarmNamePrefix     *string
	AlarmTypes          []string
	ChildrenOfAlarmName any
	ParentsOfAlarmName  any
	StateValue          string
	ActionPrefix        *string
	MaxRecords          *int64
	NextToken           *string
}

type describeAlarmsOutput struct {
	CompositeAlarms []compositeAlarm
	MetricAlarms    []metricAlarm
	NextToken       *string
}

type describeAlarmsForMetricInput struct {
	MetricName        string
	Namespace         string
	Statistic         string
	ExtendedStatistic string
	Dimensions        []dimension
	Period            *int64
	Unit              string
}

type describeAlarmsForMetricOutput struct {
	MetricAlarms []metricAlarm
}

type describeAlarmHistoryInput struct {
	AlarmName          *string
	AlarmContributorId any
	AlarmTypes         []string
	HistoryItemType    string
	StartDate          *time.Time
	EndDate            *time.Time
	MaxRecords         *int64
	NextToken          *string
	ScanBy             string
}

type alarmHistoryItem struct {
	AlarmName       string
	AlarmType       string
	Timestamp       time.Time
	HistoryItemType string
	HistorySummary  string
	HistoryData     string
}

type describeAlarmHistoryOutput struct {
	AlarmHistoryItems []alarmHistoryItem
	NextToken         *string
}

type setAlarmStateInput struct {
	AlarmName       string
	StateValue      string
	StateReason     *string
	StateReasonData *string
}

type alarmNamesInput struct {
	AlarmNames []string
}

type tagResourceInput struct {
	ResourceARN string
	Tags        []tag
}

type untagResourceInput struct {
	ResourceARN string
	TagKeys     []string
}

type listTagsForResourceInput struct {
	ResourceARN string
}

type listTagsForResourceOutput struct {
	Tags []tag
}

// emptyOutput is an output structure with no members (TagResourceOutput,
// UntagResourceOutput), which Query answers still wrap in a
// <...Result/> element.
type emptyOutput struct{}
