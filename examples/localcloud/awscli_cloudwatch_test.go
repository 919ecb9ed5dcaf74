package main

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/internal/fake"
)

// TestAWSCLICloudWatch drives the fake CloudWatch with Debian's aws CLI
// 2.9, whose botocore speaks CloudWatch's Query protocol (CloudWatch was
// query-only until 2025): put-metric-data, list-metrics and
// get-metric-statistics, whose statistics must add up to what was put.
func TestAWSCLICloudWatch(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	srv := startCloud(t)
	cred := fake.DefaultCredentials()[0]
	env := clientEnv(t, cred, srv.DefaultRegion())

	now := time.Now().UTC().Truncate(time.Minute)
	at := now.Add(-10 * time.Minute).Format(time.RFC3339)
	for _, v := range []string{"10", "20", "60"} {
		awsJSON(t, srv, env, nil, "cloudwatch", "put-metric-data", "--namespace", "Shop",
			"--metric-name", "Checkout", "--dimensions", "Store=north", "--unit", "Milliseconds",
			"--value", v, "--timestamp", at)
	}
	// A namespace under AWS/ is refused, with CloudWatch's code.
	if _, stderr, err := awsCLI(t, srv, env, "cloudwatch", "put-metric-data", "--namespace", "AWS/EC2",
		"--metric-name", "m", "--value", "1"); err == nil || !strings.Contains(string(stderr), "InvalidParameterValue") {
		t.Errorf("AWS/ namespace: %v\n%s", err, stderr)
	}

	var list struct {
		Metrics []struct {
			Namespace, MetricName string
			Dimensions            []struct{ Name, Value string }
		}
	}
	awsJSON(t, srv, env, &list, "cloudwatch", "list-metrics", "--namespace", "Shop")
	if len(list.Metrics) != 1 || list.Metrics[0].MetricName != "Checkout" || len(list.Metrics[0].Dimensions) != 1 ||
		list.Metrics[0].Dimensions[0].Value != "north" {
		t.Fatalf("list-metrics: %+v", list)
	}

	var stats struct {
		Label      string
		Datapoints []struct {
			SampleCount, Sum, Average, Minimum, Maximum float64
			Unit                                        string
		}
	}
	awsJSON(t, srv, env, &stats, "cloudwatch", "get-metric-statistics", "--namespace", "Shop",
		"--metric-name", "Checkout", "--dimensions", "Name=Store,Value=north",
		"--start-time", now.Add(-time.Hour).Format(time.RFC3339), "--end-time", now.Format(time.RFC3339),
		"--period", strconv.Itoa(3600), "--statistics", "SampleCount", "Sum", "Average", "Minimum", "Maximum")
	if stats.Label != "Checkout" || len(stats.Datapoints) != 1 {
		t.Fatalf("get-metric-statistics: %+v", stats)
	}
	d := stats.Datapoints[0]
	if d.SampleCount != 3 || d.Sum != 90 || d.Average != 30 || d.Minimum != 10 || d.Maximum != 60 || d.Unit != "Milliseconds" {
		t.Errorf("datapoint %+v, want 3 samples summing to 90 between 10 and 60 ms", d)
	}
}

// TestAWSCLICloudWatchAlarms drives alarms through the local cloud with
// Debian's aws CLI 2.9 (Query): put-metric-alarm, refused for a period
// CloudWatch refuses; describe-alarms by prefix and by state; data from
// put-metric-data that crosses the threshold, evaluated once a minute of
// the cloud's clock has passed; the ALARM action delivered to the
// handler wired for its service; and the history of both (API
// Reference, PutMetricAlarm, DescribeAlarms, DescribeAlarmHistory).
func TestAWSCLICloudWatchAlarms(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	// The clock stands still until the test moves it, so no evaluation
	// happens while the CLI starts up, however slowly.
	clock := fakes.NewClock(time.Now().UTC())
	cloud := localcloud.Start(t, fakes.WithTLS(false), fakes.WithClock(clock.Now))
	srv := fake.ServerOf(cloud.Server)
	var mu sync.Mutex
	var ran []string
	cloud.HandleAlarmActions("autoscaling", func(a cloudwatchtest.AlarmAction) error {
		mu.Lock()
		defer mu.Unlock()
		ran = append(ran, a.AlarmName+" "+a.NewState+" "+a.Action)
		return nil
	})
	env := clientEnv(t, fake.DefaultCredentials()[0], srv.DefaultRegion())
	const policy = "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:4f6a1c2e-0000-4000-8000-000000000001:autoScalingGroupName/web:policyName/up"
	alarm := func(name, period, threshold string) []string {
		return []string{"cloudwatch", "put-metric-alarm", "--alarm-name", name, "--namespace", "Shop", "--metric-name", "Checkout",
			"--dimensions", "Name=Store,Value=north", "--statistic", "Maximum", "--period", period, "--evaluation-periods", "1",
			"--threshold", threshold, "--comparison-operator", "GreaterThanThreshold", "--alarm-actions", policy}
	}
	if _, stderr, err := awsCLI(t, srv, env, alarm("checkout-odd", "45", "100")...); err == nil || !strings.Contains(string(stderr), "InvalidParameterValue") {
		t.Errorf("a 45-second period: %v\n%s", err, stderr)
	}
	awsJSON(t, srv, env, nil, alarm("checkout-slow", "60", "100")...)
	awsJSON(t, srv, env, nil, alarm("checkout-very-slow", "60", "1000")...)

	type described struct {
		MetricAlarms []struct {
			AlarmName, StateValue, StateReason, Statistic string
			Period                                        int
			Threshold                                     float64
			AlarmActions                                  []string
		}
	}
	names := func(args ...string) []string {
		t.Helper()
		var out described
		awsJSON(t, srv, env, &out, append([]string{"cloudwatch", "describe-alarms"}, args...)...)
		var got []string
		for _, a := range out.MetricAlarms {
			got = append(got, a.AlarmName+" "+a.StateValue)
		}
		return got
	}
	if diff := cmp.Diff([]string{"checkout-slow INSUFFICIENT_DATA", "checkout-very-slow INSUFFICIENT_DATA"},
		names("--alarm-name-prefix", "checkout-")); diff != "" {
		t.Errorf("describe-alarms --alarm-name-prefix (-want +got):\n%s", diff)
	}

	awsJSON(t, srv, env, nil, "cloudwatch", "put-metric-data", "--namespace", "Shop", "--metric-name", "Checkout",
		"--dimensions", "Store=north", "--value", "250", "--timestamp", clock.Now().Format(time.RFC3339))
	clock.Advance(time.Minute)
	if diff := cmp.Diff([]string{"checkout-slow ALARM"}, names("--state-value", "ALARM")); diff != "" {
		t.Errorf("describe-alarms --state-value ALARM (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"checkout-very-slow OK"}, names("--alarm-name-prefix", "checkout-", "--state-value", "OK")); diff != "" {
		t.Errorf("describe-alarms --alarm-name-prefix --state-value OK (-want +got):\n%s", diff)
	}
	mu.Lock()
	if diff := cmp.Diff([]string{"checkout-slow ALARM " + policy}, ran); diff != "" {
		t.Errorf("actions run (-want +got):\n%s", diff)
	}
	mu.Unlock()

	var hist struct {
		AlarmHistoryItems []struct{ HistoryItemType, HistorySummary string }
	}
	awsJSON(t, srv, env, &hist, "cloudwatch", "describe-alarm-history", "--alarm-name", "checkout-slow", "--scan-by", "TimestampAscending")
	var got []string
	for _, h := range hist.AlarmHistoryItems {
		got = append(got, h.HistoryItemType+": "+h.HistorySummary)
	}
	want := []string{"ConfigurationUpdate: Alarm \"checkout-slow\" created", "StateUpdate: Alarm updated from INSUFFICIENT_DATA to ALARM",
		"Action: Successfully executed action " + policy}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("describe-alarm-history (-want +got):\n%s", diff)
	}
}
