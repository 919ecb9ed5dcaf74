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
}

// MotoDifferences are moto 5.2.1's.
func MotoDifferences() Differences {
	return Differences{AcceptsOverLimits: true, AcceptsAWSNamespace: true, NoPercentiles: true, AcceptsBothStatisticKinds: true}
}
