// Package cloudwatchtest is a local fake of Amazon CloudWatch for tests
// and examples: an in-process HTTP server that checks SigV4 signatures
// and speaks all three of CloudWatch's protocols on one address, RPC v2
// CBOR (aws-sdk-go-v2 since v1.53.0), JSON 1.0 (boto3) and Query (the aws
// CLI v2.9, boto 2), gzipped bodies included.
//
// It stores what PutMetricData sends, at its storage resolution, and
// answers ListMetrics, GetMetricStatistics and GetMetricData with
// statistics it works out from the stored values: sample count, sum,
// minimum, maximum, average, and percentiles from values. It checks
// CloudWatch's own limits and answers its own errors
// (InvalidParameterValue, InvalidParameterCombination, MissingParameter,
// LimitExceeded, ResourceNotFound). Operations it does not implement yet
// are refused with the common InvalidAction and change nothing.
//
// Metric alarms on one metric with a static threshold are kept with
// their tags and history (PutMetricAlarm, DescribeAlarms,
// DescribeAlarmsForMetric, DescribeAlarmHistory, SetAlarmState,
// Enable/DisableAlarmActions, DeleteAlarms, TagResource, UntagResource,
// ListTagsForResource) and evaluate on the fake's clock from the stored
// data: lazily, once a minute of that clock (once a period for 10, 20
// and 30 second periods), whenever a request reaches the region or a
// test calls Backend.Evaluate; no goroutine runs in the background. A
// change of state runs the new state's actions through the
// ActionHandler given by WithActionHandler or SetActionHandler, which the
// local cloud wires to the services the action ARNs name; while the
// alarm stays in that state, its Auto Scaling actions run again each
// minute, as on AWS. Each action carries the alarm's dimensions
// (AlarmAction.Dimensions): an EC2 action (arn:aws:automate:<region>:ec2:stop,
// terminate, reboot, recover) acts on the instance InstanceId names, and
// PutMetricAlarm refuses one on an alarm without that dimension with
// AWS's ValidationError. Backend.Alarms shows the alarms without a client.
//
// With WithInstances (the local cloud passes its EC2 fake's instances)
// the fake publishes the AWS/EC2 metrics of running instances under
// InstanceId and, for an Auto Scaling group's instances, aggregated
// under AutoScalingGroupName, which target tracking policies watch.
// Their values follow a seeded pattern; Backend.SetInstanceMetric sets
// an instance's value from the clock's now on, the test's knob for load,
// since PutMetricData refuses AWS/ namespaces as CloudWatch does.
// Backend.Call runs an action on an account's behalf in-process, as the
// AutoScaling fake does to make a target tracking policy's alarms; it
// evaluates no alarm, so it may be called under another fake's locks.
//
//	srv := cloudwatchtest.Start(t)
//	conn := cloudwatch.New(srv.Config(""))
package cloudwatchtest
