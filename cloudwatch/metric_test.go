package cloudwatch_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
)

// Metrics walks every page (API Reference, ListMetrics: up to 500
// results a call), filters by namespace, name and dimensions, and
// fetches no page the caller does not reach.
func TestMetrics(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, conn *cloudwatch.Conn) {
		ctx := t.Context()
		var data []cloudwatch.Datum
		for i := range 600 {
			data = append(data, cloudwatch.Datum{Name: "Requests", Dimensions: cloudwatch.Dimensions{"Host": fmt.Sprintf("h%03d", i), "Zone": []string{"a", "b"}[i%2]}, Value: 1})
		}
		if err := conn.PutMetricData(ctx, "Web", data); err != nil {
			t.Fatal(err)
		}
		if err := conn.PutMetricData(ctx, "Other", []cloudwatch.Datum{{Name: "Errors", Value: 1}}); err != nil {
			t.Fatal(err)
		}
		ms, err := goboto.Collect(conn.Metrics(ctx, cloudwatch.InNamespace("Web")))
		if err != nil || len(ms) != 600 {
			t.Fatalf("%d metrics, %v; want 600", len(ms), err)
		}
		if m := ms[42]; m.Conn() != conn || m.Namespace != "Web" || m.Name != "Requests" || m.Dimensions["Host"] != "h042" {
			t.Errorf("metric 42: %v", m)
		}
		srv.ResetCalls()
		for range conn.Metrics(ctx) {
			break
		}
		if n := calls(srv, "ListMetrics"); n != 1 {
			t.Errorf("breaking after one metric: %d calls, want 1", n)
		}
		var got []string
		for m, err := range conn.Metrics(ctx, cloudwatch.WithDimension("Host", "h007"), cloudwatch.WithDimension("Zone", "")) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, m.String())
		}
		if diff := cmp.Diff([]string{"Metric:Web/Requests{Host=h007,Zone=b}"}, got); diff != "" {
			t.Errorf("dimension filter (-want +got):\n%s", diff)
		}
		got = nil
		for m, err := range conn.Metrics(ctx, cloudwatch.Named("Errors"), cloudwatch.RecentlyActive()) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, m.String())
		}
		if diff := cmp.Diff([]string{"Metric:Other/Errors"}, got); diff != "" {
			t.Errorf("by name (-want +got):\n%s", diff)
		}
	})
}

// A listing refuses what ListMetrics does not take, before sending.
func TestMetricsValidation(t *testing.T) {
	srv, conn := startFake(t, cloudwatch.CBOR)
	eleven := []cloudwatch.ListOption{}
	for i := range 11 {
		eleven = append(eleven, cloudwatch.WithDimension(fmt.Sprint("d", i), ""))
	}
	for _, tc := range []struct {
		name  string
		opts  []cloudwatch.ListOption
		field string
	}{
		{"page size", []cloudwatch.ListOption{cloudwatch.PageSize(100)}, "PageSize"},
		{"11 filters", eleven, "Dimensions"},
		{"empty dimension name", []cloudwatch.ListOption{cloudwatch.WithDimension("", "v")}, "Dimensions"},
		{"colon namespace", []cloudwatch.ListOption{cloudwatch.InNamespace(":x")}, "Namespace"},
	} {
		_, err := goboto.Collect(conn.Metrics(t.Context(), tc.opts...))
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: %v; want a ValidationError on %s", tc.name, err, tc.field)
		}
	}
	_, err := goboto.Collect(conn.InstanceMetrics(t.Context(), ""))
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("InstanceMetrics(\"\"): %v", err)
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// listCapture records the JSON body of each ListMetrics request before
// passing it on.
type listCapture struct {
	next   *http.Client
	bodies []map[string]any
}

func (c *listCapture) Do(r *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if json.Unmarshal(body, &m) == nil {
		c.bodies = append(c.bodies, m)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return c.next.Do(r)
}

// InstanceMetrics asks for the instance's AWS/EC2 metrics: the namespace
// and the InstanceId dimension, whatever else the caller filters on.
// (The fake does not synthesise EC2 metrics yet, so the request itself
// is what is checked.)
func TestInstanceMetrics(t *testing.T) {
	srv := cloudwatchtest.Start(t)
	cfg := srv.Config("")
	capture := &listCapture{next: srv.HTTPClient()}
	cfg.HTTPClient = capture
	conn := cloudwatch.New(cfg, cloudwatch.WithProtocol(cloudwatch.JSON))
	ms, err := goboto.Collect(conn.InstanceMetrics(t.Context(), "i-0123456789abcdef0", cloudwatch.Named("CPUUtilization")))
	if err != nil || len(ms) != 0 {
		t.Fatalf("%v, %v", ms, err)
	}
	want := []map[string]any{{"Namespace": "AWS/EC2", "MetricName": "CPUUtilization",
		"Dimensions": []any{map[string]any{"Name": "InstanceId", "Value": "i-0123456789abcdef0"}}}}
	if diff := cmp.Diff(want, capture.bodies); diff != "" {
		t.Errorf("request (-want +got):\n%s", diff)
	}
	m := conn.InstanceMetric("i-0123456789abcdef0", "CPUUtilization")
	if got := m.String(); got != "Metric:AWS/EC2/CPUUtilization{InstanceId=i-0123456789abcdef0}" {
		t.Errorf("InstanceMetric: %s", got)
	}
}

// GetMetricData merges pages per query ID: ten queries of 1-second data
// over 2 h 59 min are 107,400 values, over the 100,800 one call answers
// (API Reference, GetMetricData, MaxDatapoints), so the last query's
// values come in two pages.
// (CBOR only: the merging is the same whatever the protocol, and 107,400
// values take a minute under -race; TestGetMetricData covers the three.)
func TestGetMetricDataPages(t *testing.T) { getMetricDataPages(t, cloudwatch.CBOR) }

// GetMetricData answers in every protocol, with labels, hidden queries
// left out, values in time order and each query's own unit filter.
func TestGetMetricData(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, conn *cloudwatch.Conn) {
		ctx := t.Context()
		end := minute(0)
		start := end.Add(-5 * time.Minute)
		var data []cloudwatch.Datum
		for i := range 5 {
			at := start.Add(time.Duration(i) * time.Minute)
			data = append(data, cloudwatch.Datum{Name: "Req", Timestamp: at, Value: float64(i), Unit: cloudwatch.UnitCount},
				cloudwatch.Datum{Name: "Req", Timestamp: at, Value: 100, Unit: cloudwatch.UnitPercent})
		}
		if err := conn.PutMetricData(ctx, "App", data); err != nil {
			t.Fatal(err)
		}
		m := conn.Metric("App", "Req", nil)
		got, err := conn.GetMetricData(ctx, cloudwatch.MetricDataOptions{Start: start, End: end, Queries: []cloudwatch.MetricQuery{
			{ID: "counts", Metric: m, Stat: cloudwatch.Sum, Unit: cloudwatch.UnitCount, Label: "requests"},
			{ID: "all", Metric: m, Stat: cloudwatch.Maximum, Hidden: true},
			{ID: "top", Metric: m, Stat: cloudwatch.Maximum, Period: 5 * time.Minute},
		}})
		if err != nil {
			t.Fatal(err)
		}
		type result struct {
			ID, Label string
			Times     []time.Duration
			Values    []float64
		}
		var rs []result
		for _, r := range got.Results {
			res := result{ID: r.ID, Label: r.Label, Values: r.Values}
			for _, at := range r.Timestamps {
				res.Times = append(res.Times, at.Sub(start))
			}
			rs = append(rs, res)
		}
		want := []result{
			{"counts", "requests", []time.Duration{0, time.Minute, 2 * time.Minute, 3 * time.Minute, 4 * time.Minute}, []float64{0, 1, 2, 3, 4}},
			{"top", "Req", []time.Duration{0}, []float64{100}},
		}
		if diff := cmp.Diff(want, rs); diff != "" {
			t.Errorf("results (-want +got):\n%s", diff)
		}
	})
}

func getMetricDataPages(t *testing.T, p cloudwatch.Protocol) {
	// The fake's clock stands still, so that however slowly the test
	// runs (-race) the oldest second stays within the 3 hours kept.
	end := minute(0)
	srv, conn := startFake(t, p, fakes.WithClock(fakes.NewClock(end).Now))
	{
		ctx := t.Context()
		start := end.Add(-3*time.Hour + time.Minute)
		var data []cloudwatch.Datum
		for at := start; at.Before(end); at = at.Add(time.Second) {
			data = append(data, cloudwatch.Datum{Name: "Fast", Timestamp: at, Value: float64(at.Unix() % 100), Resolution: time.Second})
		}
		if err := conn.PutMetricData(ctx, "App", data); err != nil {
			t.Fatal(err)
		}
		m := conn.Metric("App", "Fast", nil)
		stats := []cloudwatch.Statistic{cloudwatch.Sum, cloudwatch.Average, cloudwatch.Minimum, cloudwatch.Maximum, cloudwatch.SampleCount,
			"p50", "p90", "p99", "p10", "p0.0"}
		var qs []cloudwatch.MetricQuery
		for i, s := range stats {
			qs = append(qs, cloudwatch.MetricQuery{ID: fmt.Sprint("q", i), Metric: m, Stat: s, Period: time.Second})
		}
		qs = append(qs, cloudwatch.MetricQuery{ID: "hidden", Metric: m, Stat: cloudwatch.Sum, Period: time.Second, Hidden: true})
		srv.ResetCalls()
		got, err := conn.GetMetricData(ctx, cloudwatch.MetricDataOptions{Start: start, End: end, Queries: qs})
		if err != nil {
			t.Fatal(err)
		}
		if n := calls(srv, "GetMetricData"); n != 2 {
			t.Errorf("%d GetMetricData calls, want 2", n)
		}
		if len(got.Results) != len(stats) {
			t.Fatalf("%d results, want %d", len(got.Results), len(stats))
		}
		for i, r := range got.Results {
			if r.ID != fmt.Sprint("q", i) || r.Status != "Complete" || len(r.Values) != len(data) || len(r.Timestamps) != len(data) {
				t.Fatalf("result %d: %s %s, %d values; want q%d Complete with %d", i, r.ID, r.Status, len(r.Values), i, len(data))
			}
			for j, at := range r.Timestamps {
				want := float64(data[j].Timestamp.Unix() % 100)
				if stats[i] == cloudwatch.SampleCount {
					want = 1
				}
				if !at.Equal(data[j].Timestamp) || r.Values[j] != want {
					t.Fatalf("%s value %d: %v at %v, want %v at %v", r.ID, j, r.Values[j], at, want, data[j].Timestamp)
				}
			}
		}
		if got.Result("q3") != &got.Results[3] || got.Result("hidden") != nil {
			t.Errorf("Result by ID")
		}
	}
}

// GetMetricData's queries are checked before sending: IDs, exactly one
// of a metric and an expression, statistics, periods, 500 queries.
func TestGetMetricDataValidation(t *testing.T) {
	srv, conn := startFake(t, cloudwatch.CBOR)
	now := time.Now()
	m := conn.Metric("App", "m", nil)
	ok := cloudwatch.MetricQuery{ID: "m1", Metric: m, Stat: cloudwatch.Average}
	run := func(qs ...cloudwatch.MetricQuery) error {
		_, err := conn.GetMetricData(t.Context(), cloudwatch.MetricDataOptions{Start: now.Add(-time.Hour), End: now, Queries: qs})
		return err
	}
	with := func(f func(*cloudwatch.MetricQuery)) cloudwatch.MetricQuery { q := ok; f(&q); return q }
	var many []cloudwatch.MetricQuery
	for i := range 501 {
		many = append(many, with(func(q *cloudwatch.MetricQuery) { q.ID = fmt.Sprint("m", i) }))
	}
	long := make([]byte, 2049)
	for i := range long {
		long[i] = 'a'
	}
	for _, tc := range []struct {
		name  string
		err   error
		field string
	}{
		{"no queries", run(), "MetricDataQueries"},
		{"501 queries", run(many...), "MetricDataQueries"},
		{"upper-case ID", run(with(func(q *cloudwatch.MetricQuery) { q.ID = "M1" })), "MetricDataQueries[0].Id"},
		{"ID with a dash", run(with(func(q *cloudwatch.MetricQuery) { q.ID = "m-1" })), "MetricDataQueries[0].Id"},
		{"duplicate ID", run(ok, ok), "MetricDataQueries[1].Id"},
		{"both", run(with(func(q *cloudwatch.MetricQuery) { q.Expression = "m1*2" })), "MetricDataQueries[0]"},
		{"neither", run(with(func(q *cloudwatch.MetricQuery) { q.Metric = nil })), "MetricDataQueries[0]"},
		{"long expression", run(cloudwatch.MetricQuery{ID: "e1", Expression: string(long)}), "MetricDataQueries[0].Expression"},
		{"expression with a stat", run(cloudwatch.MetricQuery{ID: "e1", Expression: "m1", Stat: cloudwatch.Sum}), "MetricDataQueries[0]"},
		{"expression period", run(ok, cloudwatch.MetricQuery{ID: "e1", Expression: "m1", Period: 7 * time.Second}), "Period"},
		{"no stat", run(with(func(q *cloudwatch.MetricQuery) { q.Stat = "" })), "MetricDataQueries[0].Stat"},
		{"bad stat", run(with(func(q *cloudwatch.MetricQuery) { q.Stat = "Mean" })), "Statistic"},
		{"bad unit", run(with(func(q *cloudwatch.MetricQuery) { q.Unit = "Meters" })), "Unit"},
		{"bad period", run(with(func(q *cloudwatch.MetricQuery) { q.Period = 61 * time.Second })), "Period"},
		{"retention", run(with(func(q *cloudwatch.MetricQuery) { q.Period = 10 * time.Second })), ""},
		{"metric without name", run(with(func(q *cloudwatch.MetricQuery) { q.Metric = conn.Metric("App", "", nil) })), "MetricName"},
		{"all hidden", run(with(func(q *cloudwatch.MetricQuery) { q.Hidden = true })), "MetricDataQueries"},
	} {
		var ve *goboto.ValidationError
		if tc.field == "" {
			// One hour back at 10 s is within the 3 hours kept: allowed.
			if tc.err != nil {
				t.Errorf("%s: %v", tc.name, tc.err)
			}
			continue
		}
		if !errors.As(tc.err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: %v; want a ValidationError on %s", tc.name, tc.err, tc.field)
		}
	}
	if n := len(srv.Calls()); n != 1 {
		t.Errorf("%d requests sent, want only the allowed one", n)
	}
}
