package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

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
