package cloudwatchtest_test

import (
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
)

func instances(account, region string) []cloudwatchtest.Instance {
	return []cloudwatchtest.Instance{
		{ID: "i-detailed", Type: "t3.micro", State: "running", Monitoring: "enabled"},
		{ID: "i-basic", Type: "t3.micro", State: "running", Monitoring: "disabled"},
		{ID: "i-stopped", Type: "t3.micro", State: "stopped", Monitoring: "enabled"},
	}
}

// cpu asks for an instance's average CPU over the last hour at a 60 s
// period, as boto's five-minute how-to does.
func cpu(t *testing.T, client *cloudwatch.Client, now time.Time, id string) []types.Datapoint {
	t.Helper()
	out, err := client.GetMetricStatistics(t.Context(), &cloudwatch.GetMetricStatisticsInput{
		Namespace: aws.String("AWS/EC2"), MetricName: aws.String("CPUUtilization"),
		Dimensions: dims("InstanceId", id), StartTime: aws.Time(now.Add(-time.Hour)), EndTime: aws.Time(now),
		Period: aws.Int32(60), Statistics: []types.Statistic{types.StatisticAverage}, Unit: types.StandardUnitPercent,
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.Datapoints
}

// Instances with detailed monitoring publish a CPUUtilization datapoint a
// minute, basic monitoring one every five (EC2 User Guide, "Manage
// detailed monitoring for your EC2 instances"); stopped instances none.
func TestEC2Metrics(t *testing.T) {
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
	srv := cloudwatchtest.Start(t, fakes.WithClock(clock.Now), cloudwatchtest.WithInstances(instances), fakes.WithSeed(7))
	client := cloudwatch.NewFromConfig(srv.Config(""))
	now := clock.Now()

	detailed := cpu(t, client, now, "i-detailed")
	if len(detailed) != 60 {
		t.Errorf("detailed monitoring: %d datapoints in the last hour, want 60", len(detailed))
	}
	for _, d := range detailed {
		if v := aws.ToFloat64(d.Average); v < 0 || v > 100 || d.Unit != types.StandardUnitPercent {
			t.Errorf("CPU %v %s", v, d.Unit)
		}
	}
	if n := len(cpu(t, client, now, "i-basic")); n != 12 {
		t.Errorf("basic monitoring: %d datapoints, want 12", n)
	}
	if n := len(cpu(t, client, now, "i-stopped")); n != 0 {
		t.Errorf("stopped instance: %d datapoints", n)
	}

	// The same seed gives the same values; another seed others.
	again := cloudwatchtest.Start(t, fakes.WithClock(clock.Now), cloudwatchtest.WithInstances(instances), fakes.WithSeed(7))
	other := cloudwatchtest.Start(t, fakes.WithClock(clock.Now), cloudwatchtest.WithInstances(instances), fakes.WithSeed(8))
	values := func(dps []types.Datapoint) []float64 {
		slices.SortFunc(dps, func(a, b types.Datapoint) int { return aws.ToTime(a.Timestamp).Compare(aws.ToTime(b.Timestamp)) })
		var out []float64
		for _, d := range dps {
			out = append(out, aws.ToFloat64(d.Average))
		}
		return out
	}
	a := values(detailed)
	if b := values(cpu(t, cloudwatch.NewFromConfig(again.Config("")), now, "i-detailed")); !slices.Equal(a, b) {
		t.Errorf("same seed, different values")
	}
	if c := values(cpu(t, cloudwatch.NewFromConfig(other.Config("")), now, "i-detailed")); slices.Equal(a, c) {
		t.Errorf("another seed, the same values")
	}

	out, err := client.ListMetrics(t.Context(), &cloudwatch.ListMetricsInput{Namespace: aws.String("AWS/EC2"),
		MetricName: aws.String("CPUUtilization")})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range out.Metrics {
		ids = append(ids, aws.ToString(m.Dimensions[0].Value))
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"i-basic", "i-detailed"}) {
		t.Errorf("ListMetrics CPUUtilization: %v", ids)
	}
}
