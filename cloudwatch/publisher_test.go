package cloudwatch_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
)

// stored is what the fake holds of a metric over [start, end): its
// sample count and sum, and its minimum and maximum.
func stored(t *testing.T, conn *cloudwatch.Conn, name string, dims cloudwatch.Dimensions, start, end time.Time) (n, sum, lo, hi float64) {
	t.Helper()
	dps, err := conn.Metric("App", name, dims).Statistics(t.Context(), cloudwatch.QueryOptions{Start: start, End: end,
		Statistics: []cloudwatch.Statistic{cloudwatch.SampleCount, cloudwatch.Sum, cloudwatch.Minimum, cloudwatch.Maximum}})
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range dps {
		n, sum = n+d.SampleCount, sum+d.Sum
		if i == 0 || d.Minimum < lo {
			lo = d.Minimum
		}
		if i == 0 || d.Maximum > hi {
			hi = d.Maximum
		}
	}
	return n, sum, lo, hi
}

// The Publisher sends one statistic set per metric and period, and the
// statistics CloudWatch works out from them are those of the datapoints
// added, in every protocol.
func TestPublisherAggregates(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, conn *cloudwatch.Conn) {
		p, err := conn.NewPublisher(cloudwatch.PublisherOptions{Namespace: "App", FlushInterval: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		t0 := minute(10 * time.Minute)
		for i := range 1000 {
			host := []string{"a", "b", "c"}[i%3]
			at := t0.Add(time.Duration(i%120) * time.Second) // two minutes
			if err := p.Add(cloudwatch.Datum{Name: "Latency", Dimensions: cloudwatch.Dimensions{"Host": host}, Timestamp: at,
				Value: float64(i), Unit: cloudwatch.UnitMilliseconds}); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.Add(cloudwatch.Datum{Name: "Size", Timestamp: t0, Values: []float64{1, 2, 3}, Counts: []float64{2, 0, 1}}); err != nil {
			t.Fatal(err)
		}
		if err := p.Add(cloudwatch.Datum{Name: "Size", Timestamp: t0.Add(time.Second), Statistics: &cloudwatch.StatisticSet{SampleCount: 2, Sum: 10, Minimum: 4, Maximum: 6}}); err != nil {
			t.Fatal(err)
		}
		if err := p.Close(t.Context()); err != nil {
			t.Fatal(err)
		}
		if n := calls(srv, "PutMetricData"); n != 1 {
			t.Errorf("%d PutMetricData calls, want 1", n)
		}
		type agg struct{ N, Sum, Min, Max float64 }
		for h, host := range []string{"a", "b", "c"} {
			var want agg
			want.Min = -1
			for i := h; i < 1000; i += 3 {
				want.N++
				want.Sum += float64(i)
				if want.Min < 0 {
					want.Min = float64(i)
				}
				want.Max = float64(i)
			}
			n, sum, lo, hi := stored(t, conn, "Latency", cloudwatch.Dimensions{"Host": host}, t0, t0.Add(2*time.Minute))
			if diff := cmp.Diff(want, agg{n, sum, lo, hi}); diff != "" {
				t.Errorf("host %s (-want +got):\n%s", host, diff)
			}
		}
		n, sum, lo, hi := stored(t, conn, "Size", nil, t0, t0.Add(time.Minute))
		if diff := cmp.Diff(agg{5, 2 + 3 + 10, 1, 6}, agg{n, sum, lo, hi}); diff != "" {
			t.Errorf("Size (-want +got):\n%s", diff)
		}
		st := p.Stats()
		if st.Added != 1005 || st.Delivered != 1005 || st.Undelivered != 0 {
			t.Errorf("stats %+v", st)
		}
	})
}

// A full buffer is flushed at once, and Close flushes the rest.
func TestPublisherFlushesBySize(t *testing.T) {
	srv, conn := startFake(t, cloudwatch.CBOR)
	p, err := conn.NewPublisher(cloudwatch.PublisherOptions{Namespace: "App", FlushInterval: time.Hour, MaxBuffered: 10})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 25 {
		if err := p.Add(cloudwatch.Datum{Name: fmt.Sprint("m", i), Value: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := calls(srv, "PutMetricData"); n != 3 {
		t.Errorf("after Flush: %d PutMetricData calls, want 3 (10, 10, 5)", n)
	}
	if err := p.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := calls(srv, "PutMetricData"); n != 3 {
		t.Errorf("Close with nothing left sent %d more", n-3)
	}
	if err := p.Add(cloudwatch.Datum{Name: "late", Value: 1}); err == nil {
		t.Error("Add after Close was taken")
	}
}

// Buffered data goes out every FlushInterval, with nobody calling Flush.
func TestPublisherFlushesByInterval(t *testing.T) {
	srv, conn := startFake(t, cloudwatch.CBOR)
	p, err := conn.NewPublisher(cloudwatch.PublisherOptions{Namespace: "App", FlushInterval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close(context.Background())
	if err := p.Add(cloudwatch.Datum{Name: "tick", Value: 1}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for calls(srv, "PutMetricData") == 0 {
		if time.Now().After(deadline) {
			t.Fatal("nothing sent within 30 s at a 20 ms interval")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if st := p.Stats(); st.Delivered != 1 {
		t.Errorf("stats %+v", st)
	}
}

// Under 30% failed requests (server errors and dropped connections,
// neither stored), every datapoint is delivered or reported to OnError:
// what the fake stored and what was reported add up to what was added,
// count and sum, with several goroutines adding at once.
func TestPublisherUnderFaults(t *testing.T) {
	for _, tc := range []struct {
		name     string
		opts     []goboto.Option
		attempts int
	}{
		// No retries anywhere: many reports.
		{"no retries", []goboto.Option{goboto.WithRetry(1, 0)}, 1},
		// The connection's retryer and the Publisher's own.
		{"retries", []goboto.Option{goboto.WithRetry(3, time.Millisecond)}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := cloudwatchtest.Start(t, fakes.WithSeed(7))
			srv.Faults().Add(fakes.Fault{Operation: "PutMetricData", Kind: fakes.ServerError, Probability: 0.2})
			srv.Faults().Add(fakes.Fault{Operation: "PutMetricData", Kind: fakes.Reset, Probability: 0.125})
			conn := cloudwatch.New(srv.Config(""), tc.opts...)
			var mu sync.Mutex
			reported := map[string][2]float64{}
			p, err := conn.NewPublisher(cloudwatch.PublisherOptions{Namespace: "App", FlushInterval: time.Hour, MaxBuffered: 7,
				MaxAttempts: tc.attempts, Backoff: time.Millisecond,
				OnError: func(err error, data []cloudwatch.Datum) {
					mu.Lock()
					defer mu.Unlock()
					for _, d := range data {
						r := reported[d.Dimensions["Worker"]]
						reported[d.Dimensions["Worker"]] = [2]float64{r[0] + d.Statistics.SampleCount, r[1] + d.Statistics.Sum}
					}
				}})
			if err != nil {
				t.Fatal(err)
			}
			t0 := minute(30 * time.Minute)
			const workers, each = 8, 500
			var wg sync.WaitGroup
			for w := range workers {
				wg.Go(func() {
					for i := range each {
						d := cloudwatch.Datum{Name: "Work", Dimensions: cloudwatch.Dimensions{"Worker": fmt.Sprint(w)},
							Timestamp: t0.Add(time.Duration(i%20) * time.Minute), Value: float64(i)}
						if err := p.Add(d); err != nil {
							t.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
			closeErr := p.Close(t.Context())
			srv.Faults().Clear()
			st := p.Stats()
			if st.Added != workers*each || st.Delivered+st.Undelivered != st.Added {
				t.Errorf("stats %+v", st)
			}
			var lost float64
			for w := range workers {
				n, sum, _, _ := stored(t, conn, "Work", cloudwatch.Dimensions{"Worker": fmt.Sprint(w)}, t0, t0.Add(20*time.Minute))
				r := reported[fmt.Sprint(w)]
				if n+r[0] != each || sum+r[1] != each*(each-1)/2 {
					t.Errorf("worker %d: stored %v (sum %v) + reported %v (sum %v); want %d (sum %d)", w, n, sum, r[0], r[1], each, each*(each-1)/2)
				}
				lost += r[0]
			}
			if lost != st.Undelivered {
				t.Errorf("OnError got %v datapoints, Stats say %v", lost, st.Undelivered)
			}
			if (lost > 0) != (closeErr != nil) {
				t.Errorf("Close: %v with %v undelivered", closeErr, lost)
			}
			if tc.attempts == 1 && lost == 0 {
				t.Error("no retries at 30% faults and nothing reported: the faults did not bite")
			}
			failed := 0
			for _, c := range srv.Calls() {
				if c.Operation == "PutMetricData" && c.Fault != 0 {
					failed++
				}
			}
			t.Logf("%d PutMetricData calls, %d failed by faults; %v of %v datapoints reported", calls(srv, "PutMetricData"), failed, lost, st.Added)
		})
	}
}

// Close's context bounds the last flush: a CloudWatch that keeps
// failing is given up on when it ends, and what was not delivered is
// reported, not waited for.
func TestPublisherCloseContext(t *testing.T) {
	srv, conn := startFake(t, cloudwatch.CBOR)
	srv.Faults().Add(fakes.Fault{Operation: "PutMetricData", Kind: fakes.ServerError})
	var got []cloudwatch.Datum
	p, err := cloudwatch.New(srv.Config(""), goboto.WithRetry(1, 0)).NewPublisher(cloudwatch.PublisherOptions{Namespace: "App",
		FlushInterval: time.Hour, MaxAttempts: 1000, Backoff: time.Hour,
		OnError: func(err error, data []cloudwatch.Datum) { got = append(got, data...) }})
	if err != nil {
		t.Fatal(err)
	}
	_ = conn
	if err := p.Add(cloudwatch.Datum{Name: "m", Value: 5}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	err = p.Close(ctx)
	if err == nil || len(got) != 1 || got[0].Statistics.Sum != 5 {
		t.Errorf("Close: %v; reported %+v", err, got)
	}
}

// Bad options and bad datapoints are refused before anything is sent.
func TestPublisherValidation(t *testing.T) {
	srv, conn := startFake(t, cloudwatch.CBOR)
	for _, o := range []cloudwatch.PublisherOptions{
		{}, {Namespace: "AWS/EC2"}, {Namespace: "App", Period: 1500 * time.Millisecond}, {Namespace: "App", Period: 2 * time.Hour},
		{Namespace: "App", FlushInterval: -time.Second}, {Namespace: "App", MaxBuffered: -1}, {Namespace: "App", MaxAttempts: -1},
	} {
		var ve *goboto.ValidationError
		if _, err := conn.NewPublisher(o); !errors.As(err, &ve) {
			t.Errorf("%+v: %v", o, err)
		}
	}
	p, err := conn.NewPublisher(cloudwatch.PublisherOptions{Namespace: "App"})
	if err != nil {
		t.Fatal(err)
	}
	var ve *goboto.ValidationError
	if err := p.Add(cloudwatch.Datum{Name: "m", Value: 1, Unit: "Parsecs"}); !errors.As(err, &ve) {
		t.Errorf("bad unit: %v", err)
	}
	if err := p.Add(cloudwatch.Datum{Name: "", Value: 1}); !errors.As(err, &ve) {
		t.Errorf("no name: %v", err)
	}
	if err := p.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
