package suite

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

func dims(kv ...string) []types.Dimension {
	var out []types.Dimension
	for i := 0; i < len(kv); i += 2 {
		out = append(out, types.Dimension{Name: aws.String(kv[i]), Value: aws.String(kv[i+1])})
	}
	return out
}

func put(t *testing.T, env Env, ns string, data ...types.MetricDatum) {
	t.Helper()
	if _, err := env.Client.PutMetricData(t.Context(), &cloudwatch.PutMetricDataInput{Namespace: aws.String(ns), MetricData: data}); err != nil {
		t.Fatalf("%s: PutMetricData: %v", env.Name, err)
	}
}

// Statistics over one period: what was put adds up (API Reference,
// GetMetricStatistics; CloudWatch concepts, "Statistics").
func testStatistics(t *testing.T, env Env) {
	ns := env.NewNamespace()
	at := env.Now().UTC().Truncate(time.Minute).Add(-10 * time.Minute)
	put(t, env, ns,
		types.MetricDatum{MetricName: aws.String("Latency"), Dimensions: dims("Host", "a"), Timestamp: aws.Time(at), Value: aws.Float64(10), Unit: types.StandardUnitMilliseconds},
		types.MetricDatum{MetricName: aws.String("Latency"), Dimensions: dims("Host", "a"), Timestamp: aws.Time(at.Add(time.Second)), Value: aws.Float64(30), Unit: types.StandardUnitMilliseconds},
		types.MetricDatum{MetricName: aws.String("Latency"), Dimensions: dims("Host", "a"), Timestamp: aws.Time(at.Add(2 * time.Second)),
			StatisticValues: &types.StatisticSet{SampleCount: aws.Float64(2), Sum: aws.Float64(40), Minimum: aws.Float64(5), Maximum: aws.Float64(35)}, Unit: types.StandardUnitMilliseconds},
	)
	out, err := env.Client.GetMetricStatistics(t.Context(), &cloudwatch.GetMetricStatisticsInput{
		Namespace: aws.String(ns), MetricName: aws.String("Latency"), Dimensions: dims("Host", "a"),
		StartTime: aws.Time(at.Add(-time.Hour)), EndTime: aws.Time(at.Add(time.Hour)), Period: aws.Int32(3600),
		Statistics: []types.Statistic{types.StatisticSampleCount, types.StatisticSum, types.StatisticMinimum, types.StatisticMaximum, types.StatisticAverage},
	})
	if err != nil {
		t.Fatalf("%s: %v", env.Name, err)
	}
	var n, sum, lo, hi float64
	lo = 1e300
	for _, d := range out.Datapoints {
		n += aws.ToFloat64(d.SampleCount)
		sum += aws.ToFloat64(d.Sum)
		lo, hi = min(lo, aws.ToFloat64(d.Minimum)), max(hi, aws.ToFloat64(d.Maximum))
	}
	if n != 4 || sum != 80 || lo != 5 || hi != 35 {
		t.Errorf("%s: count %v sum %v min %v max %v; want 4, 80, 5, 35 (%d datapoints)", env.Name, n, sum, lo, hi, len(out.Datapoints))
	}
	if aws.ToString(out.Label) != "Latency" {
		t.Errorf("%s: label %q", env.Name, aws.ToString(out.Label))
	}

	// Percentiles from the values sent.
	var values []float64
	for v := 1; v <= 100; v++ {
		values = append(values, float64(v))
	}
	put(t, env, ns, types.MetricDatum{MetricName: aws.String("Size"), Timestamp: aws.Time(at), Values: values})
	ext, err := env.Client.GetMetricStatistics(t.Context(), &cloudwatch.GetMetricStatisticsInput{
		Namespace: aws.String(ns), MetricName: aws.String("Size"),
		StartTime: aws.Time(at.Add(-time.Hour)), EndTime: aws.Time(at.Add(time.Hour)), Period: aws.Int32(3600),
		ExtendedStatistics: []string{"p90"},
	})
	if err != nil {
		t.Fatalf("%s: percentiles: %v", env.Name, err)
	}
	var p90 []float64
	for _, d := range ext.Datapoints {
		if v, ok := d.ExtendedStatistics["p90"]; ok {
			p90 = append(p90, v)
		}
	}
	switch {
	case env.Diff.NoPercentiles:
		if len(p90) != 0 {
			t.Errorf("%s: NoPercentiles is set but p90 came back: %v", env.Name, p90)
		}
	case len(p90) != 1 || p90[0] < 89 || p90[0] > 91:
		t.Errorf("%s: p90 of 1..100 = %v, want about 90", env.Name, p90)
	}
}

// ListMetrics filters by namespace, name and dimension (API Reference,
// ListMetrics).
func testListMetrics(t *testing.T, env Env) {
	ns := env.NewNamespace()
	put(t, env, ns,
		types.MetricDatum{MetricName: aws.String("Requests"), Dimensions: dims("Host", "a"), Value: aws.Float64(1)},
		types.MetricDatum{MetricName: aws.String("Requests"), Dimensions: dims("Host", "b"), Value: aws.Float64(1)},
		types.MetricDatum{MetricName: aws.String("Errors"), Dimensions: dims("Host", "a"), Value: aws.Float64(1)},
	)
	list := func(in *cloudwatch.ListMetricsInput) []string {
		t.Helper()
		in.Namespace = aws.String(ns)
		var got []string
		p := cloudwatch.NewListMetricsPaginator(env.Client, in)
		for p.HasMorePages() {
			out, err := p.NextPage(t.Context())
			if err != nil {
				t.Fatalf("%s: ListMetrics: %v", env.Name, err)
			}
			for _, m := range out.Metrics {
				var ds []string
				for _, d := range m.Dimensions {
					ds = append(ds, aws.ToString(d.Name)+"="+aws.ToString(d.Value))
				}
				got = append(got, aws.ToString(m.MetricName)+"("+strings.Join(ds, ",")+")")
			}
		}
		slices.Sort(got)
		return got
	}
	for _, tc := range []struct {
		in   *cloudwatch.ListMetricsInput
		want []string
	}{
		{&cloudwatch.ListMetricsInput{}, []string{"Errors(Host=a)", "Requests(Host=a)", "Requests(Host=b)"}},
		{&cloudwatch.ListMetricsInput{MetricName: aws.String("Requests")}, []string{"Requests(Host=a)", "Requests(Host=b)"}},
		{&cloudwatch.ListMetricsInput{Dimensions: []types.DimensionFilter{{Name: aws.String("Host"), Value: aws.String("a")}}},
			[]string{"Errors(Host=a)", "Requests(Host=a)"}},
	} {
		if got := list(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("%s: ListMetrics %+v = %v, want %v", env.Name, tc.in, got, tc.want)
		}
	}
}

// GetMetricData answers a MetricStat query per period (API Reference,
// GetMetricData).
func testGetMetricData(t *testing.T, env Env) {
	ns := env.NewNamespace()
	t0 := env.Now().UTC().Truncate(time.Minute).Add(-30 * time.Minute)
	var data []types.MetricDatum
	for i := range 5 {
		data = append(data, types.MetricDatum{MetricName: aws.String("CPU"), Timestamp: aws.Time(t0.Add(time.Duration(i) * time.Minute)), Value: aws.Float64(float64(10 * (i + 1)))})
	}
	put(t, env, ns, data...)
	out, err := env.Client.GetMetricData(t.Context(), &cloudwatch.GetMetricDataInput{
		StartTime: aws.Time(t0), EndTime: aws.Time(t0.Add(10 * time.Minute)), ScanBy: types.ScanByTimestampAscending,
		MetricDataQueries: []types.MetricDataQuery{{Id: aws.String("cpu"), MetricStat: &types.MetricStat{
			Metric: &types.Metric{Namespace: aws.String(ns), MetricName: aws.String("CPU")}, Period: aws.Int32(60), Stat: aws.String("Sum")}}},
	})
	if err != nil {
		t.Fatalf("%s: %v", env.Name, err)
	}
	if len(out.MetricDataResults) != 1 {
		t.Fatalf("%s: %d results", env.Name, len(out.MetricDataResults))
	}
	r := out.MetricDataResults[0]
	if got := fmt.Sprint(r.Values); got != "[10 20 30 40 50]" || aws.ToString(r.Id) != "cpu" {
		t.Errorf("%s: %s values %s, want [10 20 30 40 50] oldest first", env.Name, aws.ToString(r.Id), got)
	}
}

// CloudWatch's limits, each refused with its code (API Reference,
// PutMetricData and GetMetricStatistics).
func testLimits(t *testing.T, env Env) {
	ns := env.NewNamespace()
	one := types.MetricDatum{MetricName: aws.String("m"), Value: aws.Float64(1)}
	many := make([]types.MetricDatum, 1001)
	for i := range many {
		many[i] = one
	}
	var thirtyOne []types.Dimension
	for i := range 31 {
		thirtyOne = append(thirtyOne, dims(fmt.Sprint("d", i), "v")...)
	}
	now := env.Now().UTC().Truncate(time.Minute)
	putErr := func(ns string, d ...types.MetricDatum) error {
		_, err := env.Client.PutMetricData(t.Context(), &cloudwatch.PutMetricDataInput{Namespace: aws.String(ns), MetricData: d})
		return err
	}
	wide := one
	wide.Dimensions = thirtyOne
	_, statsErr := env.Client.GetMetricStatistics(t.Context(), &cloudwatch.GetMetricStatisticsInput{
		Namespace: aws.String(ns), MetricName: aws.String("m"), StartTime: aws.Time(now.Add(-48 * time.Hour)), EndTime: aws.Time(now),
		Period: aws.Int32(60), Statistics: []types.Statistic{types.StatisticSum}})
	overs := []struct {
		name string
		err  error
		want string
	}{
		{"1001 metrics", putErr(ns, many...), "InvalidParameterValue"},
		{"31 dimensions", putErr(ns, wide), "InvalidParameterValue"},
		{"2880 datapoints", statsErr, "InvalidParameterCombination"},
	}
	for _, tc := range overs {
		got := code(tc.err)
		switch {
		case env.Diff.AcceptsOverLimits:
			if tc.err != nil {
				t.Errorf("%s: %s: AcceptsOverLimits is set but it was refused: %v", env.Name, tc.name, tc.err)
			}
		case got != tc.want:
			t.Errorf("%s: %s: %v (code %q), want %s", env.Name, tc.name, tc.err, got, tc.want)
		}
	}
	err := putErr("AWS/"+ns, one)
	switch {
	case env.Diff.AcceptsAWSNamespace:
		if err != nil {
			t.Errorf("%s: AcceptsAWSNamespace is set but AWS/ was refused: %v", env.Name, err)
		}
	case code(err) != "InvalidParameterValue":
		t.Errorf("%s: AWS/ namespace: %v, want InvalidParameterValue", env.Name, err)
	}
	_, err = env.Client.GetMetricStatistics(t.Context(), &cloudwatch.GetMetricStatisticsInput{
		Namespace: aws.String(ns), MetricName: aws.String("m"), StartTime: aws.Time(now.Add(-time.Hour)), EndTime: aws.Time(now),
		Period: aws.Int32(60), Statistics: []types.Statistic{types.StatisticSum}, ExtendedStatistics: []string{"p99"}})
	switch {
	case env.Diff.AcceptsBothStatisticKinds:
		if err != nil {
			t.Errorf("%s: AcceptsBothStatisticKinds is set but the call was refused: %v", env.Name, err)
		}
	case code(err) != "InvalidParameterCombination":
		t.Errorf("%s: Statistics and ExtendedStatistics: %v, want InvalidParameterCombination", env.Name, err)
	}
}
