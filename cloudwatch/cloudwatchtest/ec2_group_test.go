package cloudwatchtest_test

import (
	"encoding/xml"
	"errors"
	"math"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
)

func groupInstances(account, region string) []cloudwatchtest.Instance {
	return []cloudwatchtest.Instance{
		{ID: "i-web1", State: "running", Monitoring: "enabled", Group: "web"},
		{ID: "i-web2", State: "running", Monitoring: "disabled", Group: "web"},
		{ID: "i-web3", State: "stopped", Monitoring: "enabled", Group: "web"},
		{ID: "i-db", State: "running", Monitoring: "enabled", Group: "db"},
		{ID: "i-alone", State: "running", Monitoring: "enabled"},
	}
}

// stats asks for one metric's statistics at a 60 s period over
// [start, end), oldest first.
func stats(t *testing.T, client *cloudwatch.Client, name string, d []types.Dimension, start, end time.Time) []types.Datapoint {
	t.Helper()
	out, err := client.GetMetricStatistics(t.Context(), &cloudwatch.GetMetricStatisticsInput{
		Namespace: aws.String("AWS/EC2"), MetricName: aws.String(name), Dimensions: d,
		StartTime: aws.Time(start), EndTime: aws.Time(end), Period: aws.Int32(60),
		Statistics: []types.Statistic{types.StatisticAverage, types.StatisticSampleCount, types.StatisticMinimum, types.StatisticMaximum},
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(out.Datapoints, func(a, b types.Datapoint) int { return aws.ToTime(a.Timestamp).Compare(aws.ToTime(b.Timestamp)) })
	return out.Datapoints
}

// EC2 aggregates its instance metrics by Auto Scaling group (EC2 User
// Guide, "CloudWatch metrics that are available for your instances",
// the AutoScalingGroupName dimension): the group's CPUUtilization is
// over its running instances, a datapoint a minute (see WithInstances),
// and SetInstanceMetric moves an instance's value, and so the group's,
// from the clock's now on.
func TestGroupMetrics(t *testing.T) {
	start := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	clock := fakes.NewClock(start)
	srv := cloudwatchtest.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(100*365*24*time.Hour), cloudwatchtest.WithInstances(groupInstances))
	client := cloudwatch.NewFromConfig(srv.Config(""))
	acct, region := srv.Account(), srv.Region()

	for _, id := range []string{"i-web1", "i-web2"} {
		v := map[string]float64{"i-web1": 90, "i-web2": 30}[id]
		if err := srv.SetInstanceMetric(acct, region, id, "CPUUtilization", v); err != nil {
			t.Fatal(err)
		}
	}
	clock.Advance(5 * time.Minute)
	web := stats(t, client, "CPUUtilization", dims("AutoScalingGroupName", "web"), start.Add(-10*time.Minute), clock.Now())
	if len(web) != 15 {
		t.Fatalf("%d datapoints for 15 minutes, want one a minute", len(web))
	}
	type point struct{ Avg, N, Min, Max float64 }
	var after []point
	for _, d := range web {
		p := point{aws.ToFloat64(d.Average), aws.ToFloat64(d.SampleCount), aws.ToFloat64(d.Minimum), aws.ToFloat64(d.Maximum)}
		if aws.ToTime(d.Timestamp).Before(start) {
			// Before the knob: the synthetic pattern, two instances.
			if p.N != 2 || p.Avg < 4 || p.Avg > 36 {
				t.Errorf("before the knob at %v: %+v", d.Timestamp, p)
			}
			continue
		}
		after = append(after, p)
	}
	want := slices.Repeat([]point{{60, 2, 30, 90}}, 5)
	if diff := cmp.Diff(want, after); diff != "" {
		t.Errorf("after the knob (-want +got):\n%s", diff)
	}
	// The instance's own metric follows the knob too.
	own := stats(t, client, "CPUUtilization", dims("InstanceId", "i-web1"), start, clock.Now())
	if len(own) != 5 || aws.ToFloat64(own[0].Average) != 90 {
		t.Errorf("i-web1 after the knob: %d datapoints, first %v", len(own), aws.ToFloat64(own[0].Average))
	}
	// A group whose instances are not running publishes nothing.
	if n := len(stats(t, client, "CPUUtilization", dims("AutoScalingGroupName", "none"), start, clock.Now())); n != 0 {
		t.Errorf("unknown group: %d datapoints", n)
	}

	out, err := client.ListMetrics(t.Context(), &cloudwatch.ListMetricsInput{Namespace: aws.String("AWS/EC2"),
		MetricName: aws.String("CPUUtilization"), Dimensions: []types.DimensionFilter{{Name: aws.String("AutoScalingGroupName")}}})
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	for _, m := range out.Metrics {
		groups = append(groups, aws.ToString(m.Dimensions[0].Value))
	}
	slices.Sort(groups)
	if diff := cmp.Diff([]string{"db", "web"}, groups); diff != "" {
		t.Errorf("ListMetrics by group (-want +got):\n%s", diff)
	}
}

// SetInstanceMetric refuses what the fake does not publish, and values
// CloudWatch cannot hold.
func TestSetInstanceMetricErrors(t *testing.T) {
	srv := cloudwatchtest.Start(t, cloudwatchtest.WithInstances(groupInstances))
	for _, tc := range []struct {
		metric string
		value  float64
	}{{"MemoryUtilization", 1}, {"CPUUtilization", math.NaN()}, {"CPUUtilization", math.Inf(1)}} {
		if err := srv.SetInstanceMetric(srv.Account(), srv.Region(), "i-web1", tc.metric, tc.value); err == nil {
			t.Errorf("%s = %v: no error", tc.metric, tc.value)
		}
	}
}

// An alarm on a group's aggregate follows the knob: AWS/ namespaces
// cannot be written with PutMetricData ("You cannot specify a namespace
// that begins with "AWS/"", API Reference, PutMetricData), so a test
// drives the load this way.
func TestAlarmOnGroupMetric(t *testing.T) {
	start := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	clock := fakes.NewClock(start)
	srv := cloudwatchtest.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(100*365*24*time.Hour), cloudwatchtest.WithInstances(groupInstances))
	client := cloudwatch.NewFromConfig(srv.Config(""))
	if _, err := client.PutMetricAlarm(t.Context(), &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String("web-busy"),
		Namespace: aws.String("AWS/EC2"), MetricName: aws.String("CPUUtilization"), Dimensions: dims("AutoScalingGroupName", "web"),
		Statistic: types.StatisticAverage, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(3), DatapointsToAlarm: aws.Int32(3),
		Threshold: aws.Float64(50), ComparisonOperator: types.ComparisonOperatorGreaterThanThreshold}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	if state, _ := srv.AlarmState(srv.Account(), srv.Region(), "web-busy"); state != "OK" {
		t.Fatalf("at the synthetic load: %s, want OK", state)
	}
	for _, id := range []string{"i-web1", "i-web2"} {
		if err := srv.SetInstanceMetric(srv.Account(), srv.Region(), id, "CPUUtilization", 80); err != nil {
			t.Fatal(err)
		}
	}
	// The knob takes the periods from 12:01 on: at 12:03 the alarm sees
	// 12:00 (synthetic), 12:01 and 12:02.
	clock.Advance(2 * time.Minute)
	if state, _ := srv.AlarmState(srv.Account(), srv.Region(), "web-busy"); state != "OK" {
		t.Errorf("two high minutes of three: %s, want OK", state)
	}
	clock.Advance(time.Minute)
	if state, _ := srv.AlarmState(srv.Account(), srv.Region(), "web-busy"); state != "ALARM" {
		t.Errorf("three high minutes: %s, want ALARM", state)
	}
}

// Call runs a Query action on the account's behalf, with CloudWatch's own
// checks and errors, and evaluates no alarm, so no action runs while its
// caller holds its locks; the next request evaluates.
func TestCall(t *testing.T) {
	start := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	clock := fakes.NewClock(start)
	var mu sync.Mutex
	var ran []string
	srv := cloudwatchtest.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(100*365*24*time.Hour), cloudwatchtest.WithInstances(groupInstances),
		cloudwatchtest.WithActionHandler(func(a cloudwatchtest.AlarmAction) error {
			mu.Lock()
			defer mu.Unlock()
			ran = append(ran, a.AlarmName+" "+a.NewState)
			return nil
		}))
	acct, region := srv.Account(), srv.Region()
	put := url.Values{"AlarmName": {"web-any"}, "Namespace": {"AWS/EC2"}, "MetricName": {"CPUUtilization"}, "Statistic": {"Average"},
		"Dimensions.member.1.Name": {"AutoScalingGroupName"}, "Dimensions.member.1.Value": {"web"},
		"Period": {"60"}, "EvaluationPeriods": {"1"}, "Threshold": {"0"}, "ComparisonOperator": {"GreaterThanThreshold"},
		"AlarmActions.member.1": {"arn:aws:sns:us-east-1:" + acct + ":ops"}}
	if _, err := srv.Call(acct, region, clock.Now(), "PutMetricAlarm", put); err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Minute)
	body, err := srv.Call(acct, region, clock.Now(), "DescribeAlarms", url.Values{"AlarmNames.member.1": {"web-any"}})
	if err != nil {
		t.Fatal(err)
	}
	var resp struct {
		States []string `xml:"DescribeAlarmsResult>MetricAlarms>member>StateValue"`
	}
	if err := xml.Unmarshal(body, &resp); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	got := []any{resp.States, len(ran)}
	mu.Unlock()
	if diff := cmp.Diff([]any{[]string{"INSUFFICIENT_DATA"}, 0}, got); diff != "" {
		t.Errorf("after Call (-want +got):\n%s", diff)
	}
	if state, _ := srv.AlarmState(acct, region, "web-any"); state != "ALARM" {
		t.Errorf("evaluated: %s, want ALARM", state)
	}
	mu.Lock()
	if diff := cmp.Diff([]string{"web-any ALARM"}, ran); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
	mu.Unlock()

	_, err = srv.Call(acct, region, clock.Now(), "DeleteAlarms", url.Values{"AlarmNames.member.1": {"nope"}})
	var fe *fakes.Error
	if !errors.As(err, &fe) || fe.Code != "ResourceNotFound" {
		t.Errorf("deleting a missing alarm: %v, want ResourceNotFound", err)
	}
	_, err = srv.Call(acct, region, clock.Now(), "PutMetricData", url.Values{"Namespace": {"AWS/EC2"},
		"MetricData.member.1.MetricName": {"CPUUtilization"}, "MetricData.member.1.Value": {"1"}})
	if !errors.As(err, &fe) || fe.Code != "InvalidParameterValueException" {
		t.Errorf("PutMetricData into AWS/EC2: %v, want InvalidParameterValue", err)
	}
}
