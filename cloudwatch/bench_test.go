package cloudwatch_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awscw "github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/internal/testutil"
)

// BenchmarkPublisher sends the same datapoints through a Publisher and,
// in the same loop, with one raw aws-sdk-go-v2 PutMetricData per
// datapoint, both to the fake, and reports datapoints a second of each
// and their ratio (x_raw_rate: how many times faster the Publisher is).
func BenchmarkPublisher(b *testing.B) {
	srv, conn := startFake(b, cloudwatch.CBOR)
	raw := conn.Client()
	ctx := context.Background()
	const n = 500
	// One call first, so that neither side pays for dialling.
	if err := conn.PutMetricData(ctx, "Bench", []cloudwatch.Datum{{Name: "warm", Value: 1}}); err != nil {
		b.Fatal(err)
	}
	var pubTime, rawTime time.Duration
	rounds := 0
	for b.Loop() {
		at := time.Now()
		t0 := time.Now()
		p, err := conn.NewPublisher(cloudwatch.PublisherOptions{Namespace: "Bench", FlushInterval: time.Hour})
		if err != nil {
			b.Fatal(err)
		}
		for i := range n {
			if err := p.Add(cloudwatch.Datum{Name: "Latency", Dimensions: cloudwatch.Dimensions{"Host": "web-1"}, Timestamp: at,
				Value: float64(i), Unit: cloudwatch.UnitMilliseconds}); err != nil {
				b.Fatal(err)
			}
		}
		if err := p.Close(ctx); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		for i := range n {
			if _, err := raw.PutMetricData(ctx, &awscw.PutMetricDataInput{Namespace: aws.String("Bench"), MetricData: []types.MetricDatum{{
				MetricName: aws.String("Latency"), Dimensions: []types.Dimension{{Name: aws.String("Host"), Value: aws.String("web-1")}},
				Timestamp: aws.Time(at), Value: aws.Float64(float64(i)), Unit: types.StandardUnitMilliseconds}}}); err != nil {
				b.Fatal(err)
			}
		}
		t2 := time.Now()
		pubTime += t1.Sub(t0)
		rawTime += t2.Sub(t1)
		rounds++
		srv.Reset()
	}
	pubRate := float64(n*rounds) / pubTime.Seconds()
	rawRate := float64(n*rounds) / rawTime.Seconds()
	b.ReportMetric(pubRate, "publisher_dp/s")
	b.ReportMetric(rawRate, "raw_dp/s")
	b.ReportMetric(pubRate/rawRate, "x_raw_rate")
}

// replay is an HTTP client that answers every request with one recorded
// answer, so that a benchmark measures the client alone.
type replay struct {
	status int
	header http.Header
	body   []byte
}

func (r *replay) Do(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	return &http.Response{StatusCode: r.status, Header: r.header.Clone(), Body: io.NopCloser(bytes.NewReader(r.body)),
		ContentLength: int64(len(r.body)), Request: req}, nil
}

// recorder passes requests on and keeps the last answer.
type recorder struct {
	next *http.Client
	mu   sync.Mutex
	last *replay
}

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	resp, err := r.next.Do(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.last = &replay{status: resp.StatusCode, header: resp.Header.Clone(), body: body}
	r.mu.Unlock()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// clientPair returns a goboto connection and a raw client that both get
// the answer the fake gave to call, replayed without a server, so that
// the CPU measured is the clients' own.
func clientPair(b *testing.B, p cloudwatch.Protocol, call func(*cloudwatch.Conn)) (*cloudwatch.Conn, *awscw.Client) {
	srv, _ := startFake(b, p)
	cfg := srv.Config("")
	rec := &recorder{next: srv.HTTPClient()}
	cfg.HTTPClient = rec
	call(cloudwatch.New(cfg, cloudwatch.WithProtocol(p)))
	if rec.last == nil || rec.last.status != 200 {
		b.Fatalf("recording: %+v", rec.last)
	}
	cfg.HTTPClient = rec.last
	conn := cloudwatch.New(cfg, cloudwatch.WithProtocol(p))
	// The same client goboto builds, used raw.
	return conn, conn.Client()
}

// alternate runs ours and theirs 20 times each per benchmark round,
// taking turns at going first so that neither always pays for the
// other's garbage, and returns the CPU each used.
func alternate(b *testing.B, ours, theirs func()) (time.Duration, time.Duration) {
	var o, t time.Duration
	round := 0
	for b.Loop() {
		first, second, fd, sd := ours, theirs, &o, &t
		if round%2 == 1 {
			first, second, fd, sd = theirs, ours, &t, &o
		}
		c0 := testutil.CPUTime()
		for range 20 {
			first()
		}
		c1 := testutil.CPUTime()
		for range 20 {
			second()
		}
		c2 := testutil.CPUTime()
		*fd += c1 - c0
		*sd += c2 - c1
		round++
	}
	return o, t
}

// BenchmarkPutMetricDataCPU reports the CPU one PutMetricData of 20 data
// costs through goboto and through the raw v2 client, each against a
// replayed answer, and goboto's as a multiple of the raw (x_raw_cpu):
// what the checks, the size bound and the conversion add.
func BenchmarkPutMetricDataCPU(b *testing.B) {
	for _, p := range protocols {
		b.Run(string(p), func(b *testing.B) {
			at := time.Now().Add(-time.Minute)
			var data []cloudwatch.Datum
			for i := range 20 {
				data = append(data, cloudwatch.Datum{Name: "Latency", Dimensions: cloudwatch.Dimensions{"Host": fmt.Sprint("web-", i), "Zone": "a"},
					Timestamp: at, Value: float64(i), Unit: cloudwatch.UnitMilliseconds})
			}
			ctx := context.Background()
			conn, raw := clientPair(b, p, func(c *cloudwatch.Conn) {
				if err := c.PutMetricData(ctx, "Bench", data); err != nil {
					b.Fatal(err)
				}
			})
			rawInput := func() *awscw.PutMetricDataInput {
				in := &awscw.PutMetricDataInput{Namespace: aws.String("Bench")}
				for i := range 20 {
					in.MetricData = append(in.MetricData, types.MetricDatum{MetricName: aws.String("Latency"),
						Dimensions: []types.Dimension{{Name: aws.String("Host"), Value: aws.String(fmt.Sprint("web-", i))}, {Name: aws.String("Zone"), Value: aws.String("a")}},
						Timestamp:  aws.Time(at), Value: aws.Float64(float64(i)), Unit: types.StandardUnitMilliseconds})
				}
				return in
			}
			ours, theirs := alternate(b, func() {
				if err := conn.PutMetricData(ctx, "Bench", data); err != nil {
					b.Fatal(err)
				}
			}, func() {
				if _, err := raw.PutMetricData(ctx, rawInput()); err != nil {
					b.Fatal(err)
				}
			})
			b.ReportMetric(float64(ours.Nanoseconds())/float64(20*b.N), "goboto_cpu_ns/op")
			b.ReportMetric(float64(theirs.Nanoseconds())/float64(20*b.N), "raw_cpu_ns/op")
			b.ReportMetric(float64(ours)/float64(theirs), "x_raw_cpu")
		})
	}
}

// BenchmarkGetMetricStatisticsCPU is the same for a GetMetricStatistics
// of an hour's 60 datapoints with three statistics, goboto's answer
// sorted and converted.
func BenchmarkGetMetricStatisticsCPU(b *testing.B) {
	for _, p := range protocols {
		b.Run(string(p), func(b *testing.B) {
			ctx := context.Background()
			end := minute(0)
			start := end.Add(-time.Hour)
			dims := cloudwatch.Dimensions{"Host": "web-1"}
			stats := []cloudwatch.Statistic{cloudwatch.Average, cloudwatch.Maximum, cloudwatch.SampleCount}
			conn, raw := clientPair(b, p, func(c *cloudwatch.Conn) {
				var data []cloudwatch.Datum
				for i := range 60 {
					data = append(data, cloudwatch.Datum{Name: "CPU", Dimensions: dims, Timestamp: start.Add(time.Duration(i) * time.Minute), Value: float64(i)})
				}
				if err := c.PutMetricData(ctx, "Bench", data); err != nil {
					b.Fatal(err)
				}
				dps, err := c.Metric("Bench", "CPU", dims).Statistics(ctx, cloudwatch.QueryOptions{Start: start, End: end, Statistics: stats})
				if err != nil || len(dps) != 60 {
					b.Fatal(len(dps), err)
				}
			})
			m := conn.Metric("Bench", "CPU", dims)
			ours, theirs := alternate(b, func() {
				dps, err := m.Statistics(ctx, cloudwatch.QueryOptions{Start: start, End: end, Statistics: stats})
				if err != nil || len(dps) != 60 {
					b.Fatal(len(dps), err)
				}
			}, func() {
				out, err := raw.GetMetricStatistics(ctx, &awscw.GetMetricStatisticsInput{Namespace: aws.String("Bench"), MetricName: aws.String("CPU"),
					Dimensions: []types.Dimension{{Name: aws.String("Host"), Value: aws.String("web-1")}},
					StartTime:  aws.Time(start), EndTime: aws.Time(end), Period: aws.Int32(60),
					Statistics: []types.Statistic{types.StatisticAverage, types.StatisticMaximum, types.StatisticSampleCount}})
				if err != nil || len(out.Datapoints) != 60 {
					b.Fatal(err)
				}
			})
			b.ReportMetric(float64(ours.Nanoseconds())/float64(20*b.N), "goboto_cpu_ns/op")
			b.ReportMetric(float64(theirs.Nanoseconds())/float64(20*b.N), "raw_cpu_ns/op")
			b.ReportMetric(float64(ours)/float64(theirs), "x_raw_cpu")
		})
	}
}
