package cloudwatchtest_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
)

func dims(kv ...string) []types.Dimension {
	var out []types.Dimension
	for i := 0; i < len(kv); i += 2 {
		out = append(out, types.Dimension{Name: aws.String(kv[i]), Value: aws.String(kv[i+1])})
	}
	return out
}

// Statistics are worked out from what was stored, in every protocol:
// sample count, sum, minimum, maximum and average per period, from single
// values, values arrays with counts, and statistic sets alike (API
// Reference, GetMetricStatistics; Concepts, "Statistics").
func TestStatistics(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		now := clock.Now()
		t0 := now.Add(-time.Hour)
		in := &cloudwatch.PutMetricDataInput{Namespace: aws.String("App"), MetricData: []types.MetricDatum{
			{MetricName: aws.String("Latency"), Dimensions: dims("Host", "a"), Timestamp: aws.Time(t0.Add(10 * time.Second)), Value: aws.Float64(10), Unit: types.StandardUnitMilliseconds},
			{MetricName: aws.String("Latency"), Dimensions: dims("Host", "a"), Timestamp: aws.Time(t0.Add(50 * time.Second)), Values: []float64{20, 30}, Counts: []float64{1, 2}, Unit: types.StandardUnitMilliseconds},
			{MetricName: aws.String("Latency"), Dimensions: dims("Host", "a"), Timestamp: aws.Time(t0.Add(70 * time.Second)),
				StatisticValues: &types.StatisticSet{SampleCount: aws.Float64(4), Sum: aws.Float64(8), Minimum: aws.Float64(1), Maximum: aws.Float64(3)}, Unit: types.StandardUnitMilliseconds},
			{MetricName: aws.String("Latency"), Dimensions: dims("Host", "b"), Timestamp: aws.Time(t0.Add(10 * time.Second)), Value: aws.Float64(99)},
		}}
		if _, err := client.PutMetricData(ctx, in); err != nil {
			t.Fatal(err)
		}
		out, err := client.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{
			Namespace: aws.String("App"), MetricName: aws.String("Latency"), Dimensions: dims("Host", "a"),
			StartTime: aws.Time(t0), EndTime: aws.Time(t0.Add(5 * time.Minute)), Period: aws.Int32(60),
			Statistics: []types.Statistic{types.StatisticSampleCount, types.StatisticSum, types.StatisticMinimum, types.StatisticMaximum, types.StatisticAverage},
		})
		if err != nil {
			t.Fatal(err)
		}
		type dp struct {
			At                    time.Time
			N, Sum, Min, Max, Avg float64
			Unit                  types.StandardUnit
		}
		var got []dp
		for _, d := range out.Datapoints {
			got = append(got, dp{aws.ToTime(d.Timestamp).UTC(), aws.ToFloat64(d.SampleCount), aws.ToFloat64(d.Sum),
				aws.ToFloat64(d.Minimum), aws.ToFloat64(d.Maximum), aws.ToFloat64(d.Average), d.Unit})
		}
		want := []dp{
			{t0, 4, 10 + 20 + 60, 10, 30, 90.0 / 4, types.StandardUnitMilliseconds},
			{t0.Add(time.Minute), 4, 8, 1, 3, 2, types.StandardUnitMilliseconds},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("datapoints (-want +got):\n%s", diff)
		}
		if aws.ToString(out.Label) != "Latency" {
			t.Errorf("label %q", aws.ToString(out.Label))
		}
	})
}

// Percentiles come from the values sent (weighted by their counts); a
// period with a statistic set in it has none (API Reference,
// GetMetricStatistics: ExtendedStatistics, p0.0 to p100).
func TestPercentiles(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		t0 := clock.Now().Add(-time.Hour)
		var values, counts []float64
		for v := 1; v <= 100; v++ {
			values, counts = append(values, float64(v)), append(counts, 1)
		}
		if _, err := client.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("App"), MetricData: []types.MetricDatum{
			{MetricName: aws.String("Size"), Timestamp: aws.Time(t0), Values: values[:50], Counts: counts[:50]},
			{MetricName: aws.String("Size"), Timestamp: aws.Time(t0.Add(time.Second)), Values: values[50:], Counts: counts[50:]},
			{MetricName: aws.String("Size"), Timestamp: aws.Time(t0.Add(time.Minute)),
				StatisticValues: &types.StatisticSet{SampleCount: aws.Float64(2), Sum: aws.Float64(2), Minimum: aws.Float64(1), Maximum: aws.Float64(1)}},
		}}); err != nil {
			t.Fatal(err)
		}
		out, err := client.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{
			Namespace: aws.String("App"), MetricName: aws.String("Size"),
			StartTime: aws.Time(t0), EndTime: aws.Time(t0.Add(2 * time.Minute)), Period: aws.Int32(60),
			ExtendedStatistics: []string{"p50", "p90", "p99.9", "p100", "p0.0"},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Datapoints) != 2 {
			t.Fatalf("%d datapoints, want 2", len(out.Datapoints))
		}
		byTime := map[time.Time]map[string]float64{}
		for _, d := range out.Datapoints {
			byTime[aws.ToTime(d.Timestamp).UTC()] = d.ExtendedStatistics
		}
		want := map[string]float64{"p50": 50, "p90": 90, "p99.9": 100, "p100": 100, "p0.0": 1}
		if diff := cmp.Diff(want, byTime[t0]); diff != "" {
			t.Errorf("percentiles (-want +got):\n%s", diff)
		}
		if len(byTime[t0.Add(time.Minute)]) != 0 {
			t.Errorf("a statistic set's period has percentiles %v", byTime[t0.Add(time.Minute)])
		}
	})
}

// ListMetrics filters by namespace, name and dimensions and pages by 500
// (API Reference, ListMetrics).
func TestListMetrics(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		for batch := range 2 {
			var data []types.MetricDatum
			for i := range 300 {
				data = append(data, types.MetricDatum{MetricName: aws.String("Requests"), Dimensions: dims("Host", fmt.Sprintf("h%03d", batch*300+i)), Value: aws.Float64(1)})
			}
			if _, err := client.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("Web"), MetricData: data}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := client.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("Other"), MetricData: []types.MetricDatum{
			{MetricName: aws.String("Errors"), Value: aws.Float64(1)}}}); err != nil {
			t.Fatal(err)
		}
		var pages, n int
		p := cloudwatch.NewListMetricsPaginator(client, &cloudwatch.ListMetricsInput{Namespace: aws.String("Web")})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			n += len(out.Metrics)
			if len(out.Metrics) > 500 {
				t.Errorf("a page of %d metrics", len(out.Metrics))
			}
		}
		if pages != 2 || n != 600 {
			t.Errorf("%d metrics in %d pages, want 600 in 2", n, pages)
		}
		out, err := client.ListMetrics(ctx, &cloudwatch.ListMetricsInput{
			Dimensions: []types.DimensionFilter{{Name: aws.String("Host"), Value: aws.String("h042")}}})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Metrics) != 1 || aws.ToString(out.Metrics[0].Namespace) != "Web" {
			t.Errorf("dimension filter found %+v", out.Metrics)
		}
		out, err = client.ListMetrics(ctx, &cloudwatch.ListMetricsInput{Namespace: aws.String("Other")})
		if err != nil || len(out.Metrics) != 1 || len(out.Metrics[0].Dimensions) != 0 || aws.ToString(out.Metrics[0].MetricName) != "Errors" {
			t.Errorf("Other: %+v, %v", out, err)
		}
		// RecentlyActive PT3H drops metrics with no data for three hours.
		clock.Advance(3*time.Hour + time.Minute)
		out, err = client.ListMetrics(ctx, &cloudwatch.ListMetricsInput{RecentlyActive: types.RecentlyActivePt3h})
		if err != nil || len(out.Metrics) != 0 {
			t.Errorf("RecentlyActive after 3 h: %v, %v", out, err)
		}
		out, err = client.ListMetrics(ctx, &cloudwatch.ListMetricsInput{Namespace: aws.String("Other")})
		if err != nil || len(out.Metrics) != 1 {
			t.Errorf("without RecentlyActive, two weeks count: %v, %v", out, err)
		}
	})
}

// Every limit is the fake's own check, answered with CloudWatch's codes as
// the v2 client reports them (the awsQueryError codes).
func TestLimits(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		now := clock.Now()
		put := func(ns string, d ...types.MetricDatum) error {
			_, err := client.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String(ns), MetricData: d})
			return err
		}
		one := func(f func(*types.MetricDatum)) types.MetricDatum {
			d := types.MetricDatum{MetricName: aws.String("m"), Value: aws.Float64(1)}
			f(&d)
			return d
		}
		many := make([]types.MetricDatum, 1001)
		for i := range many {
			many[i] = one(func(*types.MetricDatum) {})
		}
		var thirtyOne []types.Dimension
		for i := range 31 {
			thirtyOne = append(thirtyOne, dims(fmt.Sprint("d", i), "v")...)
		}
		stats := func(f func(*cloudwatch.GetMetricStatisticsInput)) error {
			in := &cloudwatch.GetMetricStatisticsInput{Namespace: aws.String("App"), MetricName: aws.String("m"),
				StartTime: aws.Time(now.Add(-time.Hour)), EndTime: aws.Time(now), Period: aws.Int32(60),
				Statistics: []types.Statistic{types.StatisticAverage}}
			f(in)
			_, err := client.GetMetricStatistics(ctx, in)
			return err
		}
		for _, tc := range []struct {
			name string
			err  error
			want string
		}{
			{"AWS/ namespace", put("AWS/EC2", one(func(*types.MetricDatum) {})), "InvalidParameterValue"},
			{"1001 metrics", put("App", many...), "InvalidParameterValue"},
			{"31 dimensions", put("App", one(func(d *types.MetricDatum) { d.Dimensions = thirtyOne })), "InvalidParameterValue"},
			{"long dimension value", put("App", one(func(d *types.MetricDatum) { d.Dimensions = dims("k", strings.Repeat("v", 1025)) })), "InvalidParameterValue"},
			{"NaN", put("App", one(func(d *types.MetricDatum) { d.Value = aws.Float64(math.NaN()) })), "InvalidParameterValue"},
			{"too large", put("App", one(func(d *types.MetricDatum) { d.Value = aws.Float64(math.Pow(2, 361)) })), "InvalidParameterValue"},
			{"15 days old", put("App", one(func(d *types.MetricDatum) { d.Timestamp = aws.Time(now.Add(-15 * 24 * time.Hour)) })), "InvalidParameterValue"},
			{"3 hours ahead", put("App", one(func(d *types.MetricDatum) { d.Timestamp = aws.Time(now.Add(3 * time.Hour)) })), "InvalidParameterValue"},
			{"value and values", put("App", one(func(d *types.MetricDatum) { d.Values = []float64{1} })), "InvalidParameterCombination"},
			{"values and counts differ", put("App", one(func(d *types.MetricDatum) { d.Value, d.Values, d.Counts = nil, []float64{1, 2}, []float64{1} })), "InvalidParameterValue"},
			{"storage resolution 30", put("App", one(func(d *types.MetricDatum) { d.StorageResolution = aws.Int32(30) })), "InvalidParameterValue"},
			{"1441 datapoints", stats(func(in *cloudwatch.GetMetricStatisticsInput) { in.StartTime = aws.Time(now.Add(-1441 * time.Minute)) }), "InvalidParameterCombination"},
			{"period 45", stats(func(in *cloudwatch.GetMetricStatisticsInput) { in.Period = aws.Int32(45) }), "InvalidParameterValue"},
			{"both statistics", stats(func(in *cloudwatch.GetMetricStatisticsInput) { in.ExtendedStatistics = []string{"p99"} }), "InvalidParameterCombination"},
			{"no statistics", stats(func(in *cloudwatch.GetMetricStatisticsInput) { in.Statistics = nil }), "InvalidParameterCombination"},
			{"start after end", stats(func(in *cloudwatch.GetMetricStatisticsInput) { in.StartTime = aws.Time(now.Add(time.Hour)) }), "InvalidParameterValue"},
			{"unknown percentile", stats(func(in *cloudwatch.GetMetricStatisticsInput) {
				in.Statistics, in.ExtendedStatistics = nil, []string{"p101"}
			}), "InvalidParameterValue"},
		} {
			if got := code(tc.err); got != tc.want {
				t.Errorf("%s: error %v (code %q), want %s", tc.name, tc.err, got, tc.want)
			}
		}
		// Nothing of the refused requests was stored.
		out, err := client.ListMetrics(ctx, &cloudwatch.ListMetricsInput{})
		if err != nil || len(out.Metrics) != 0 {
			t.Errorf("after refused puts: %d metrics, %v", len(out.Metrics), err)
		}
	})
}

// GetMetricData answers MetricStat queries newest first by default, pages
// by MaxDatapoints across results, and refuses metric math as not yet
// implemented.
func TestGetMetricData(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		t0 := clock.Now().Add(-time.Hour)
		var data []types.MetricDatum
		for i := range 10 {
			data = append(data, types.MetricDatum{MetricName: aws.String("CPU"), Timestamp: aws.Time(t0.Add(time.Duration(i) * time.Minute)), Value: aws.Float64(float64(i))})
		}
		if _, err := client.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("App"), MetricData: data}); err != nil {
			t.Fatal(err)
		}
		q := func(id, stat string) types.MetricDataQuery {
			return types.MetricDataQuery{Id: aws.String(id), MetricStat: &types.MetricStat{
				Metric: &types.Metric{Namespace: aws.String("App"), MetricName: aws.String("CPU")}, Period: aws.Int32(60), Stat: aws.String(stat)}}
		}
		in := &cloudwatch.GetMetricDataInput{StartTime: aws.Time(t0), EndTime: aws.Time(t0.Add(time.Hour)),
			MetricDataQueries: []types.MetricDataQuery{q("avg", "Average"), q("total", "Sum")}, MaxDatapoints: aws.Int32(7)}
		got := map[string][]float64{}
		pages := 0
		p := cloudwatch.NewGetMetricDataPaginator(client, in)
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, r := range out.MetricDataResults {
				got[aws.ToString(r.Id)] = append(got[aws.ToString(r.Id)], r.Values...)
			}
		}
		desc := []float64{9, 8, 7, 6, 5, 4, 3, 2, 1, 0}
		if diff := cmp.Diff(map[string][]float64{"avg": desc, "total": desc}, got); diff != "" || pages != 3 {
			t.Errorf("%d pages; values (-want +got):\n%s", pages, diff)
		}
		_, err := client.GetMetricData(ctx, &cloudwatch.GetMetricDataInput{StartTime: aws.Time(t0), EndTime: aws.Time(t0.Add(time.Hour)),
			MetricDataQueries: []types.MetricDataQuery{{Id: aws.String("e1"), Expression: aws.String("SUM(METRICS())")}}})
		if code(err) != "InvalidAction" {
			t.Errorf("metric math: %v", err)
		}
		_, err = client.GetMetricData(ctx, &cloudwatch.GetMetricDataInput{StartTime: aws.Time(t0), EndTime: aws.Time(t0.Add(time.Hour)),
			MetricDataQueries: []types.MetricDataQuery{q("Avg", "Average")}})
		if code(err) != "InvalidParameterValue" {
			t.Errorf("upper-case Id: %v", err)
		}
	})
}

// Operations CloudWatch has and the fake does not implement yet are
// refused and change nothing.
func TestUnsupported(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		_, err := client.DescribeAlarms(t.Context(), &cloudwatch.DescribeAlarmsInput{})
		if code(err) != "InvalidAction" {
			t.Errorf("DescribeAlarms: %v", err)
		}
	})
}
