// Package cloudwatch is goboto's Amazon CloudWatch connection for
// metrics, in the style of boto's how-to: list the metrics, pick one, and
// query it, with statistics, units and periods checked before anything
// is sent. It wraps aws-sdk-go-v2's CloudWatch client, reachable through
// Conn.Client for what goboto does not wrap; WithClientOptions passes
// aws-sdk-go-v2's per-client options to it.
//
//	conn := cloudwatch.New(cfg) // cfg from config.LoadDefaultConfig
//	for m, err := range conn.InstanceMetrics(ctx, "i-0123456789abcdef0") {
//		fmt.Println(m) // Metric:AWS/EC2/CPUUtilization{InstanceId=i-0123456789abcdef0}
//	}
//	cpu := conn.InstanceMetric("i-0123456789abcdef0", "CPUUtilization")
//	dps, err := cpu.Query(ctx, time.Now().Add(-time.Hour), time.Now(), "Average", cloudwatch.UnitPercent, time.Minute)
//	for _, d := range dps {
//		fmt.Println(d.Timestamp, d.Average) // 60 datapoints, in time order
//	}
//
// Every method that calls CloudWatch takes a context first and names the
// operation. Input CloudWatch would refuse, or answer with nothing, is a
// *goboto.ValidationError before anything is sent.
//
// # Querying
//
// Metric.Query and Metric.Statistics call GetMetricStatistics. They check
// the statistics (SampleCount, Average, Sum, Minimum, Maximum, or
// percentiles p0.0-p100, not both kinds at once), the unit (StandardUnit),
// the period (1, 5, 10, 20 or 30 seconds, or a multiple of a minute) and
// CloudWatch's retention: a start more than 3 hours back needs a period
// of a minute or more, more than 15 days a multiple of 5 minutes, more
// than 63 days a multiple of an hour. AWS itself answers an empty list
// there, which looks like "no data"; goboto refuses instead. A range of
// more than 1,440 periods is split into several calls and merged in time
// order.
//
// Conn.GetMetricData runs up to 500 queries of metrics or metric math
// over one range, reading every page, and returns each query's values
// merged in time order.
//
// # Publishing
//
// Conn.PutMetricData sends single values, values with counts (up to
// 150), and statistic sets, at standard or high resolution, split into
// requests of at most 1,000 data and 1 MB, measured as an upper bound on
// the body in any of CloudWatch's protocols. It refuses NaN and infinite
// values and those beyond ±2^360, timestamps more than two weeks back or
// two hours ahead, more than 30 dimensions or over-long names and values,
// and namespaces that are empty or in AWS's "AWS/" space.
//
// A Publisher buffers datapoints from any number of goroutines and sends
// them as one statistic set per metric and period, flushing by size and
// interval and at Close. It retries failed batches, and whatever it
// cannot deliver goes to its OnError callback and its Stats: nothing is
// dropped silently.
//
//	p, err := conn.NewPublisher(cloudwatch.PublisherOptions{Namespace: "MyApp", OnError: report})
//	err = p.Add(cloudwatch.Datum{Name: "Latency", Value: 12.5, Unit: cloudwatch.UnitMilliseconds})
//	err = p.Close(ctx)
//
// # Protocols
//
// aws-sdk-go-v2 speaks CloudWatch's newest protocol, Smithy RPC v2 CBOR.
// WithProtocol(cloudwatch.JSON) or WithProtocol(cloudwatch.Query) makes
// a connection speak AWS JSON 1.0 or Query instead, for proxies and
// emulators without CBOR (moto: Query). A connection whose aws.Config
// leaves RequestMinCompressSizeBytes at zero, as a hand-built one does,
// gzips only bodies of 10,240 bytes or more, as config.LoadDefaultConfig
// would have it, rather than every body.
//
// # EC2
//
// Conn.InstanceMetrics and Conn.InstanceMetric reach an instance's AWS/EC2
// metrics by its ID, without importing package ec2 (whose
// Instance.Monitor turns on one-minute metrics).
//
// # Errors
//
// CloudWatch's errors are *goboto.APIError with the code its API
// Reference documents (InvalidParameterValue, InvalidParameterCombination,
// MissingParameter, LimitExceeded, ...) whichever protocol carried them;
// errors.As still finds aws-sdk-go-v2's typed errors. A PutMetricData
// split into several requests that fails part way is a *PutError saying
// how many data were sent.
//
// # Retrying
//
// Calls are retried by the connection's retryer (goboto's policy unless
// the aws.Config has its own or goboto.WithRetry replaces it). The
// Publisher retries a failed batch MaxAttempts times on top of that.
//
// # Alarms
//
// Conn.PutMetricAlarm checks an alarm locally (boto's ">=" shorthands,
// 10, 20 or 30 s or whole-minute periods, Period × EvaluationPeriods
// within 7 days, or 1 day under an hour, M of N, missing-data treatment,
// actions, tags). Alarm handles refresh, delete, set state, enable and
// disable actions, list history and wait for existence or a state;
// Conn.Alarms lists by prefix, names, state and action prefix;
// Conn.DeleteAlarms sends 100 names a call.
//
// Not yet wrapped (reachable through Client): composite alarms,
// dashboards, anomaly detectors, insight rules and metric streams.
package cloudwatch
