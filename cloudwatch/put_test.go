package cloudwatch_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
)

// PutMetricData splits at 1,000 data a request (API Reference,
// PutMetricData: "You can publish up to 1000 different metrics in one
// PutMetricData request"), and everything sent is stored: the fake's
// sums add up.
func TestPutSplitsAtThousand(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, conn *cloudwatch.Conn) {
		ctx := t.Context()
		at := minute(10 * time.Minute)
		var data []cloudwatch.Datum
		for i := range 2500 {
			data = append(data, cloudwatch.Datum{Name: "Requests", Dimensions: cloudwatch.Dimensions{"Shard": fmt.Sprint(i % 7)},
				Timestamp: at, Value: float64(i), Unit: cloudwatch.UnitCount})
		}
		if err := conn.PutMetricData(ctx, "App", data); err != nil {
			t.Fatal(err)
		}
		if got := calls(srv, "PutMetricData"); got != 3 {
			t.Errorf("%d PutMetricData calls for 2,500 data, want 3", got)
		}
		total := 0.0
		for shard := range 7 {
			dps, err := conn.Metric("App", "Requests", cloudwatch.Dimensions{"Shard": fmt.Sprint(shard)}).
				Query(ctx, at, at.Add(time.Minute), cloudwatch.Sum, cloudwatch.UnitCount, time.Minute)
			if err != nil || len(dps) != 1 {
				t.Fatalf("shard %d: %v, %v", shard, dps, err)
			}
			total += dps[0].Sum
		}
		if want := float64(2499 * 2500 / 2); total != want {
			t.Errorf("stored sum %v, want %v", total, want)
		}
	})
}

// PutMetricData splits at 1 MB (API Reference, PutMetricData: "Each
// PutMetricData request is limited to 1 MB in size for HTTP POST
// requests"): the fake refuses bodies over 1 MiB with
// RequestEntityTooLarge, so every request passing shows the split
// held, in each protocol's encoding.
func TestPutSplitsAtOneMegabyte(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, conn *cloudwatch.Conn) {
		ctx := t.Context()
		var data []cloudwatch.Datum
		for i := range 100 {
			dims := cloudwatch.Dimensions{}
			for j := range cloudwatch.MaxDimensions {
				dims[fmt.Sprintf("d%02d", j)] = fmt.Sprintf("%04d-%s", i, strings.Repeat("v", 1019))
			}
			data = append(data, cloudwatch.Datum{Name: "Big", Dimensions: dims, Value: 1})
		}
		if err := conn.PutMetricData(ctx, "App", data); err != nil {
			t.Fatal(err)
		}
		// 100 data of 30 × 1 KB dimensions are over 3 MB in any protocol
		// (Query and JSON more), so at least 4 requests; a bound that
		// wasted more than a request's worth would need 6.
		if got := calls(srv, "PutMetricData"); got < 4 || got > 5 {
			t.Errorf("%d PutMetricData calls for 100 data of 30 KB, want 4 or 5", got)
		}
		n, err := countMetrics(conn, cloudwatch.InNamespace("App"))
		if err != nil || n != 100 {
			t.Errorf("%d metrics stored, %v; want 100", n, err)
		}
	})
}

func countMetrics(conn *cloudwatch.Conn, opts ...cloudwatch.ListOption) (int, error) {
	ms, err := goboto.Collect(conn.Metrics(context.Background(), opts...))
	return len(ms), err
}

// Values with counts, statistic sets and single values are stored as
// sent; high resolution data answers 1-second periods.
func TestPutKinds(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, conn *cloudwatch.Conn) {
		ctx := t.Context()
		at := minute(20 * time.Minute)
		err := conn.PutMetricData(ctx, "App", []cloudwatch.Datum{
			{Name: "Latency", Timestamp: at, Values: []float64{10, 20}, Counts: []float64{3, 1}, Unit: cloudwatch.UnitMilliseconds},
			{Name: "Latency", Timestamp: at.Add(time.Second), Statistics: &cloudwatch.StatisticSet{SampleCount: 4, Sum: 100, Minimum: 5, Maximum: 40}, Unit: cloudwatch.UnitMilliseconds},
			{Name: "Latency", Timestamp: at.Add(2 * time.Second), Value: 60, Unit: cloudwatch.UnitMilliseconds},
			{Name: "Fast", Timestamp: at.Add(3 * time.Second), Value: 1, Resolution: time.Second},
			{Name: "Fast", Timestamp: at.Add(4 * time.Second), Value: 2, Resolution: time.Second},
		})
		if err != nil {
			t.Fatal(err)
		}
		dps, err := conn.Metric("App", "Latency", nil).Statistics(ctx, cloudwatch.QueryOptions{Start: at, End: at.Add(time.Minute),
			Statistics: []cloudwatch.Statistic{cloudwatch.SampleCount, cloudwatch.Sum, cloudwatch.Minimum, cloudwatch.Maximum, cloudwatch.Average}})
		if err != nil || len(dps) != 1 {
			t.Fatalf("%v, %v", dps, err)
		}
		type stats struct{ N, Sum, Min, Max, Avg float64 }
		d := dps[0]
		if diff := cmp.Diff(stats{9, 50 + 100 + 60, 5, 60, 210.0 / 9}, stats{d.SampleCount, d.Sum, d.Minimum, d.Maximum, d.Average}); diff != "" {
			t.Errorf("statistics (-want +got):\n%s", diff)
		}
		if d.Unit != cloudwatch.UnitMilliseconds {
			t.Errorf("unit %q", d.Unit)
		}
		fast, err := conn.Metric("App", "Fast", nil).Query(ctx, at, at.Add(time.Minute), cloudwatch.Sum, "", time.Second)
		if err != nil {
			t.Fatal(err)
		}
		var got []float64
		for _, d := range fast {
			got = append(got, d.Sum)
		}
		if diff := cmp.Diff([]float64{1, 2}, got); diff != "" {
			t.Errorf("1-second sums (-want +got):\n%s", diff)
		}
	})
}

// Everything PutMetricData would refuse is a ValidationError, and
// nothing is sent.
func TestPutValidation(t *testing.T) {
	srv, conn := startFake(t, cloudwatch.CBOR)
	now := time.Now()
	ok := cloudwatch.Datum{Name: "m", Value: 1}
	with := func(f func(*cloudwatch.Datum)) []cloudwatch.Datum { d := ok; f(&d); return []cloudwatch.Datum{d} }
	var many cloudwatch.Dimensions = cloudwatch.Dimensions{}
	for i := range 31 {
		many[fmt.Sprint("d", i)] = "v"
	}
	for _, tc := range []struct {
		name, ns string
		data     []cloudwatch.Datum
		field    string
	}{
		{"empty namespace", "", []cloudwatch.Datum{ok}, "Namespace"},
		{"AWS/ namespace", "AWS/EC2", []cloudwatch.Datum{ok}, "Namespace"},
		{"long namespace", strings.Repeat("n", 256), []cloudwatch.Datum{ok}, "Namespace"},
		{"no data", "App", nil, "MetricData"},
		{"no name", "App", with(func(d *cloudwatch.Datum) { d.Name = "" }), "MetricData[0].MetricName"},
		{"31 dimensions", "App", with(func(d *cloudwatch.Datum) { d.Dimensions = many }), "Dimensions"},
		{"long dimension name", "App", with(func(d *cloudwatch.Datum) { d.Dimensions = cloudwatch.Dimensions{strings.Repeat("k", 256): "v"} }), "Dimensions"},
		{"long dimension value", "App", with(func(d *cloudwatch.Datum) { d.Dimensions = cloudwatch.Dimensions{"k": strings.Repeat("v", 1025)} }), "Dimensions.k"},
		{"empty dimension value", "App", with(func(d *cloudwatch.Datum) { d.Dimensions = cloudwatch.Dimensions{"k": ""} }), "Dimensions.k"},
		{"NaN", "App", with(func(d *cloudwatch.Datum) { d.Value = math.NaN() }), "MetricData[0].Value"},
		{"Inf", "App", with(func(d *cloudwatch.Datum) { d.Value = math.Inf(-1) }), "MetricData[0].Value"},
		{"over 2^360", "App", with(func(d *cloudwatch.Datum) { d.Value = math.Ldexp(1, 361) }), "MetricData[0].Value"},
		{"15 days back", "App", with(func(d *cloudwatch.Datum) { d.Timestamp = now.Add(-15 * 24 * time.Hour) }), "MetricData[0].Timestamp"},
		{"3 hours ahead", "App", with(func(d *cloudwatch.Datum) { d.Timestamp = now.Add(3 * time.Hour) }), "MetricData[0].Timestamp"},
		{"unit", "App", with(func(d *cloudwatch.Datum) { d.Unit = "Furlongs" }), "Unit"},
		{"resolution 30s", "App", with(func(d *cloudwatch.Datum) { d.Resolution = 30 * time.Second }), "MetricData[0].StorageResolution"},
		{"151 values", "App", with(func(d *cloudwatch.Datum) { d.Values = make([]float64, 151) }), "MetricData[0].Values"},
		{"empty values", "App", with(func(d *cloudwatch.Datum) { d.Values = []float64{} }), "MetricData[0].Values"},
		{"counts differ", "App", with(func(d *cloudwatch.Datum) { d.Values, d.Counts = []float64{1, 2}, []float64{1} }), "MetricData[0].Counts"},
		{"negative count", "App", with(func(d *cloudwatch.Datum) { d.Values, d.Counts = []float64{1}, []float64{-1} }), "MetricData[0].Counts[0]"},
		{"counts alone", "App", with(func(d *cloudwatch.Datum) { d.Counts = []float64{1} }), "MetricData[0].Counts"},
		{"values and set", "App", with(func(d *cloudwatch.Datum) {
			d.Values, d.Statistics = []float64{1}, &cloudwatch.StatisticSet{SampleCount: 1}
		}), "MetricData[0]"},
		{"set count 0", "App", with(func(d *cloudwatch.Datum) { d.Statistics = &cloudwatch.StatisticSet{} }), "MetricData[0].StatisticValues.SampleCount"},
		{"set min over max", "App", with(func(d *cloudwatch.Datum) {
			d.Statistics = &cloudwatch.StatisticSet{SampleCount: 1, Minimum: 2, Maximum: 1}
		}), "MetricData[0].StatisticValues.Minimum"},
		{"set NaN sum", "App", with(func(d *cloudwatch.Datum) { d.Statistics = &cloudwatch.StatisticSet{SampleCount: 1, Sum: math.NaN()} }), "MetricData[0].StatisticValues.Sum"},
	} {
		err := conn.PutMetricData(t.Context(), tc.ns, tc.data)
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: %v; want a ValidationError on %s", tc.name, err, tc.field)
		}
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// failNth is an HTTP client that fails its nth request with a transport
// error and passes the others to next.
type failNth struct {
	next *http.Client
	n    int
	seen atomic.Int32
}

func (f *failNth) Do(r *http.Request) (*http.Response, error) {
	if int(f.seen.Add(1)) == f.n {
		return nil, errors.New("connection lost")
	}
	return f.next.Do(r)
}

// A failure after some requests went through says how many data were
// delivered, and those were stored.
func TestPutPartial(t *testing.T) {
	srv := cloudwatchtest.Start(t)
	cfg := srv.Config("")
	cfg.HTTPClient = &failNth{next: srv.HTTPClient(), n: 2}
	conn := cloudwatch.New(cfg, goboto.WithRetry(1, 0))
	var data []cloudwatch.Datum
	for i := range 2500 {
		data = append(data, cloudwatch.Datum{Name: fmt.Sprint("m", i), Value: 1})
	}
	err := conn.PutMetricData(t.Context(), "App", data)
	var pe *cloudwatch.PutError
	if !errors.As(err, &pe) || pe.Sent != 1000 || pe.Total != 2500 {
		t.Fatalf("%v; want a PutError with 1000 of 2500 sent", err)
	}
	if n, err := countMetrics(cloudwatch.New(srv.Config("")), cloudwatch.InNamespace("App")); err != nil || n != 1000 {
		t.Errorf("%d metrics stored, %v; want 1000", n, err)
	}
}
