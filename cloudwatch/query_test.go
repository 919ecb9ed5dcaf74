package cloudwatch_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
)

// The seed's how-to: the average of a Percent metric for the last hour,
// one datapoint a minute, 60 of them in time order, in every protocol.
func TestQueryLastHour(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, conn *cloudwatch.Conn) {
		ctx := t.Context()
		end := minute(0)
		start := end.Add(-time.Hour)
		var data []cloudwatch.Datum
		for i := range 60 {
			at := start.Add(time.Duration(i) * time.Minute)
			data = append(data,
				cloudwatch.Datum{Name: "CPU", Dimensions: cloudwatch.Dimensions{"Host": "a"}, Timestamp: at.Add(5 * time.Second), Value: float64(i), Unit: cloudwatch.UnitPercent},
				cloudwatch.Datum{Name: "CPU", Dimensions: cloudwatch.Dimensions{"Host": "a"}, Timestamp: at.Add(35 * time.Second), Value: float64(i + 2), Unit: cloudwatch.UnitPercent})
		}
		if err := conn.PutMetricData(ctx, "App", data); err != nil {
			t.Fatal(err)
		}
		m := conn.Metric("App", "CPU", cloudwatch.Dimensions{"Host": "a"})
		dps, err := m.Query(ctx, start, end, cloudwatch.Average, cloudwatch.UnitPercent, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if len(dps) != 60 {
			t.Fatalf("%d datapoints, want 60", len(dps))
		}
		for i, d := range dps {
			want := start.Add(time.Duration(i) * time.Minute)
			avg, ok := d.Value(cloudwatch.Average)
			if !d.Timestamp.Equal(want) || !ok || avg != float64(i+1) || d.Unit != cloudwatch.UnitPercent {
				t.Errorf("datapoint %d: %v %v %v %s; want %v average %d", i, d.Timestamp, avg, ok, d.Unit, want, i+1)
			}
			if _, ok := d.Value(cloudwatch.Sum); ok {
				t.Errorf("datapoint %d has a Sum nobody asked for", i)
			}
		}
		p, err := m.Statistics(ctx, cloudwatch.QueryOptions{Start: start, End: start.Add(time.Minute),
			Statistics: []cloudwatch.Statistic{cloudwatch.Percentile(50), cloudwatch.Percentile(99.9)}})
		if err != nil || len(p) != 1 {
			t.Fatalf("%v, %v", p, err)
		}
		if diff := cmp.Diff(map[cloudwatch.Statistic]float64{"p50": 0, "p99.9": 2}, p[0].Extended); diff != "" {
			t.Errorf("percentiles (-want +got):\n%s", diff)
		}
	})
}

// A range of more than 1,440 periods is split into several
// GetMetricStatistics calls (API Reference, GetMetricStatistics: "The
// maximum number of data points returned from a single call is 1,440"),
// merged in time order with no period twice, from a start that is not
// on a period boundary too.
func TestQuerySplits(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, conn *cloudwatch.Conn) {
		ctx := t.Context()
		end := minute(0)
		start := end.Add(-47 * time.Hour)
		var data []cloudwatch.Datum
		for i := range 47 * 6 {
			data = append(data, cloudwatch.Datum{Name: "Jobs", Timestamp: start.Add(time.Duration(i) * 10 * time.Minute), Value: float64(i)})
		}
		if err := conn.PutMetricData(ctx, "App", data); err != nil {
			t.Fatal(err)
		}
		m := conn.Metric("App", "Jobs", nil)
		srv.ResetCalls()
		dps, err := m.Query(ctx, start.Add(30*time.Second), end, cloudwatch.Sum, "", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if n := calls(srv, "GetMetricStatistics"); n != 2 {
			t.Errorf("%d calls for 2,820 minutes, want 2", n)
		}
		var got []float64
		for i, d := range dps {
			if i > 0 && !d.Timestamp.After(dps[i-1].Timestamp) {
				t.Fatalf("datapoint %d at %v is not after %v", i, d.Timestamp, dps[i-1].Timestamp)
			}
			got = append(got, d.Sum)
		}
		// The start rounds down to the minute, so the first datum counts.
		var want []float64
		for i := range 47 * 6 {
			want = append(want, float64(i))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("sums (-want +got):\n%s", diff)
		}
	})
}

// High-resolution periods are split too: 3 hours at 5 seconds less a
// minute is 2,148 periods, so 2 calls.
func TestQuerySplitsHighResolution(t *testing.T) {
	srv, conn := startFake(t, cloudwatch.CBOR)
	ctx := t.Context()
	end := minute(0)
	start := end.Add(-3*time.Hour + time.Minute)
	var data []cloudwatch.Datum
	for at := start; at.Before(end); at = at.Add(time.Minute) {
		data = append(data, cloudwatch.Datum{Name: "Fast", Timestamp: at.Add(7 * time.Second), Value: 1, Resolution: time.Second})
	}
	if err := conn.PutMetricData(ctx, "App", data); err != nil {
		t.Fatal(err)
	}
	srv.ResetCalls()
	dps, err := conn.Metric("App", "Fast", nil).Query(ctx, start, end, cloudwatch.SampleCount, "", 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if n := calls(srv, "GetMetricStatistics"); n != 2 {
		t.Errorf("%d calls, want 2", n)
	}
	if len(dps) != len(data) {
		t.Errorf("%d datapoints, want %d", len(dps), len(data))
	}
	for i, d := range dps {
		if want := start.Add(time.Duration(i)*time.Minute + 5*time.Second); !d.Timestamp.Equal(want) || d.SampleCount != 1 {
			t.Fatalf("datapoint %d: %v count %v, want %v count 1", i, d.Timestamp, d.SampleCount, want)
		}
	}
}

// Everything GetMetricStatistics would refuse, or answer with nothing
// because of retention (API Reference, GetMetricStatistics, StartTime:
// data older than 3 hours at 60 s, older than 15 days at 300 s, older
// than 63 days at 3,600 s), is a ValidationError, and nothing is sent.
func TestQueryValidation(t *testing.T) {
	srv, conn := startFake(t, cloudwatch.CBOR)
	now := time.Now()
	m := conn.Metric("App", "m", nil)
	q := func(f func(*cloudwatch.QueryOptions)) error {
		o := cloudwatch.QueryOptions{Start: now.Add(-time.Hour), End: now, Statistics: []cloudwatch.Statistic{cloudwatch.Average}, Period: time.Minute}
		f(&o)
		_, err := m.Statistics(t.Context(), o)
		return err
	}
	for _, tc := range []struct {
		name  string
		err   error
		field string
	}{
		{"unknown statistic", q(func(o *cloudwatch.QueryOptions) { o.Statistics = []cloudwatch.Statistic{"Median"} }), "Statistic"},
		{"p101", q(func(o *cloudwatch.QueryOptions) { o.Statistics = []cloudwatch.Statistic{"p101"} }), "Statistic"},
		{"p99.999", q(func(o *cloudwatch.QueryOptions) { o.Statistics = []cloudwatch.Statistic{"p99.999"} }), "Statistic"},
		{"both kinds", q(func(o *cloudwatch.QueryOptions) { o.Statistics = []cloudwatch.Statistic{cloudwatch.Average, "p99"} }), "Statistics"},
		{"no statistic", q(func(o *cloudwatch.QueryOptions) { o.Statistics = nil }), "Statistics"},
		{"6 statistics", q(func(o *cloudwatch.QueryOptions) {
			o.Statistics = []cloudwatch.Statistic{cloudwatch.Average, cloudwatch.Sum, cloudwatch.Minimum, cloudwatch.Maximum, cloudwatch.SampleCount, cloudwatch.Average}
		}), "Statistics"},
		{"11 percentiles", q(func(o *cloudwatch.QueryOptions) {
			o.Statistics = nil
			for i := range 11 {
				o.Statistics = append(o.Statistics, cloudwatch.Percentile(float64(i)))
			}
		}), "ExtendedStatistics"},
		{"unit", q(func(o *cloudwatch.QueryOptions) { o.Unit = "Percentage" }), "Unit"},
		{"period 45s", q(func(o *cloudwatch.QueryOptions) { o.Period = 45 * time.Second }), "Period"},
		{"period 90s", q(func(o *cloudwatch.QueryOptions) { o.Period = 90 * time.Second }), "Period"},
		{"period 1.5s", q(func(o *cloudwatch.QueryOptions) { o.Period = 1500 * time.Millisecond }), "Period"},
		{"negative period", q(func(o *cloudwatch.QueryOptions) { o.Period = -time.Minute }), "Period"},
		{"start after end", q(func(o *cloudwatch.QueryOptions) { o.Start = now.Add(time.Hour) }), "StartTime"},
		{"start at end", q(func(o *cloudwatch.QueryOptions) { o.Start = now }), "StartTime"},
		{"no start", q(func(o *cloudwatch.QueryOptions) { o.Start = time.Time{} }), "StartTime"},
		{"4 h at 10 s", q(func(o *cloudwatch.QueryOptions) { o.Start, o.Period = now.Add(-4*time.Hour), 10*time.Second }), "Period"},
		{"16 days at 60 s", q(func(o *cloudwatch.QueryOptions) { o.Start = now.Add(-16 * 24 * time.Hour) }), "Period"},
		{"64 days at 300 s", q(func(o *cloudwatch.QueryOptions) { o.Start, o.Period = now.Add(-64*24*time.Hour), 5*time.Minute }), "Period"},
		{"no namespace", func() error {
			_, err := conn.Metric("", "m", nil).Query(t.Context(), now.Add(-time.Hour), now, cloudwatch.Average, "", time.Minute)
			return err
		}(), "Namespace"},
		{"no name", func() error {
			_, err := conn.Metric("App", "", nil).Query(t.Context(), now.Add(-time.Hour), now, cloudwatch.Average, "", time.Minute)
			return err
		}(), "MetricName"},
	} {
		var ve *goboto.ValidationError
		if !errors.As(tc.err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: %v; want a ValidationError on %s", tc.name, tc.err, tc.field)
		}
	}
	// What the rules allow passes: 16 days at 5 minutes, 64 days at an
	// hour, 2 hours at a second.
	for _, o := range []cloudwatch.QueryOptions{
		{Start: now.Add(-16 * 24 * time.Hour), Period: 5 * time.Minute},
		{Start: now.Add(-64 * 24 * time.Hour), Period: time.Hour},
		{Start: now.Add(-2 * time.Hour), Period: time.Second, End: now.Add(-2*time.Hour + time.Hour)},
	} {
		if o.End.IsZero() {
			o.End = now
		}
		o.Statistics = []cloudwatch.Statistic{cloudwatch.Maximum}
		if _, err := m.Statistics(t.Context(), o); err != nil {
			t.Errorf("%v at %v: %v", now.Sub(o.Start), o.Period, err)
		}
	}
	if n := calls(srv, "GetMetricStatistics"); n == 0 || len(srv.Calls()) != n {
		t.Errorf("%d requests; want only the allowed queries' GetMetricStatistics", len(srv.Calls()))
	}
}

// CloudWatch's errors carry the documented code in every protocol.
func TestErrorCodes(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, conn *cloudwatch.Conn) {
		// The fake refuses metric math for now, which reaches it because
		// expressions are not checked beyond their length.
		_, err := conn.GetMetricData(t.Context(), cloudwatch.MetricDataOptions{Start: minute(time.Hour), End: minute(0),
			Queries: []cloudwatch.MetricQuery{{ID: "e1", Expression: "SUM(METRICS())"}}})
		var ae *goboto.APIError
		if !errors.As(err, &ae) || ae.Code != "InvalidAction" {
			t.Errorf("expression: %v", err)
		}
		srv.Faults().Add(fakeFault("GetMetricStatistics", "InvalidParameterValue", "InvalidParameterValueException"))
		_, err = conn.Metric("App", "m", nil).Query(t.Context(), minute(time.Hour), minute(0), cloudwatch.Sum, "", time.Minute)
		if !errors.As(err, &ae) || ae.Code != "InvalidParameterValue" || ae.StatusCode != 400 {
			t.Errorf("InvalidParameterValue: %v", fmt.Sprint(err))
		}
	})
}
