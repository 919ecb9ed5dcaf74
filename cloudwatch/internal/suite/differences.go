package suite

// Differences are the places a backend is known to answer otherwise than
// CloudWatch. Each flag says which answer matches AWS and on what
// evidence.
type Differences struct {
	// AcceptsOverLimits: PutMetricData takes 1,001 metrics and a metric
	// with 31 dimensions, and GetMetricStatistics a range of 2,880
	// datapoints. CloudWatch refuses all three (API Reference,
	// PutMetricData: "Each request is also limited to no more than 1000
	// different metrics" and Dimensions "Array Members: Maximum number of
	// 30 items"; GetMetricStatistics: "A single request can return a
	// maximum of 1,440 data points"). moto differs (the CloudWatch issue
	// records it: moto accepts 1,001 metrics, 31 dimensions and 2,880
	// datapoints).
	AcceptsOverLimits bool
	// AcceptsAWSNamespace: PutMetricData into a namespace beginning
	// "AWS/" succeeds. CloudWatch reserves those namespaces for AWS
	// services (API Reference, PutMetricData, Namespace: "To avoid
	// conflicts with AWS service namespaces, you should not specify a
	// namespace that begins with AWS/") and answers InvalidParameterValue.
	// moto differs.
	AcceptsAWSNamespace bool
	// NoPercentiles: GetMetricStatistics with ExtendedStatistics answers
	// datapoints without the percentiles CloudWatch computes from the
	// values sent (API Reference, GetMetricStatistics:
	// ExtendedStatistics, "p0.0 through p100"). moto differs.
	NoPercentiles bool
	// AcceptsBothStatisticKinds: GetMetricStatistics takes Statistics and
	// ExtendedStatistics in one call. CloudWatch refuses it with
	// InvalidParameterCombination (API Reference, GetMetricStatistics,
	// Statistics: "When calling GetMetricStatistics, you must specify
	// either Statistics or ExtendedStatistics, but not both"). moto
	// differs.
	AcceptsBothStatisticKinds bool

	// NewAlarmOK: a new alarm starts in OK ("Unchecked: Initial alarm
	// creation"). CloudWatch starts it in INSUFFICIENT_DATA (API
	// Reference, PutMetricAlarm: "When this operation creates an alarm,
	// the alarm state is immediately set to INSUFFICIENT_DATA"). moto
	// differs (moto/cloudwatch/models.py, Alarm.__init__:
	// self.state_value = "OK").
	NewAlarmOK bool
	// NeverEvaluates: alarms stay in the state they were put or set in,
	// whatever data arrives. CloudWatch evaluates each alarm every
	// period, every 10 seconds for high-resolution ones (User Guide,
	// "Using Amazon CloudWatch alarms": "The alarm evaluates the metric
	// or expression ... over the specified number of time periods").
	// moto differs (the CloudWatch issue records it; moto's models.py
	// changes state_value only in set_alarm_state).
	NeverEvaluates bool
	// AcceptsAnyAlarmPeriod: PutMetricAlarm takes a period of 45 seconds
	// and a Period × EvaluationPeriods over a day for periods under an
	// hour. CloudWatch refuses both (API Reference, PutMetricAlarm,
	// Period: "Valid values are 10, 20, 30, and any multiple of 60";
	// EvaluationPeriods: "For alarms with a period of less than one hour
	// (3,600 seconds), the total evaluation period can't be longer than
	// one day"). moto differs (models.py put_metric_alarm checks only
	// ExtendedStatistic and EvaluateLowSampleCountPercentile).
	AcceptsAnyAlarmPeriod bool
	// AlarmAcceptsBothStatistics: PutMetricAlarm takes Statistic and
	// ExtendedStatistic together. CloudWatch refuses it (API Reference,
	// PutMetricAlarm, Statistic: "you must specify either Statistic or
	// ExtendedStatistic, but not both"). moto differs (as above).
	AlarmAcceptsBothStatistics bool
	// AcceptsMOverN: PutMetricAlarm takes a DatapointsToAlarm greater
	// than EvaluationPeriods. CloudWatch refuses it: M is the number of
	// the N evaluated datapoints that must breach (API Reference,
	// PutMetricAlarm, DatapointsToAlarm: "this value is the M"; User
	// Guide, "Alarm evaluation": "M out of N"). moto differs (as above).
	AcceptsMOverN bool
	// FiltersNotCombined: DescribeAlarms applies only the first of
	// ActionPrefix, AlarmNamePrefix, AlarmNames and StateValue given, so
	// a prefix with a state lists every alarm of the prefix. CloudWatch
	// applies them together (API Reference, DescribeAlarms, StateValue:
	// "Specify this parameter to receive information only about alarms
	// that are currently in the state that you specify"). moto differs
	// (moto/cloudwatch/responses.py, describe_alarms: an if/elif chain
	// over the four filters).
	FiltersNotCombined bool
	// IgnoresMaxRecords: DescribeAlarms answers every alarm in one page
	// whatever MaxRecords says. CloudWatch answers at most MaxRecords and
	// a NextToken (API Reference, DescribeAlarms, MaxRecords: "The
	// maximum number of alarm descriptions to retrieve"). moto differs
	// (describe_alarms reads no MaxRecords).
	IgnoresMaxRecords bool
	// NoAlarmHistory: DescribeAlarmHistory is not implemented (moto
	// answers HTTP 500). CloudWatch keeps a history of each alarm's
	// changes of state (API Reference, SetAlarmState: the change "is
	// typically only visible in the alarm's History tab ... or through
	// DescribeAlarmHistory"). moto differs (responses.py has no
	// describe_alarm_history).
	NoAlarmHistory bool
	// DeleteIgnoresUnknown: DeleteAlarms with a name that does not exist
	// succeeds. CloudWatch deletes the others and answers
	// ResourceNotFound, one of DeleteAlarms' modelled errors (API
	// Reference, DeleteAlarms: "If you specify any incorrect alarm names,
	// the alarms you specify with correct names are still deleted";
	// Errors: ResourceNotFound, "The named resource does not exist").
	// moto differs (models.py delete_alarms: self.alarms.pop(alarm_name,
	// None)).
	DeleteIgnoresUnknown bool
}

// MotoDifferences are moto 5.2.1's.
func MotoDifferences() Differences {
	return Differences{AcceptsOverLimits: true, AcceptsAWSNamespace: true, NoPercentiles: true, AcceptsBothStatisticKinds: true,
		NewAlarmOK: true, NeverEvaluates: true, AcceptsAnyAlarmPeriod: true, AlarmAcceptsBothStatistics: true, AcceptsMOverN: true,
		FiltersNotCombined: true, IgnoresMaxRecords: true, NoAlarmHistory: true, DeleteIgnoresUnknown: true}
}
