package cloudwatch_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
)

// exampleConn starts a fake CloudWatch and returns a connection to it
// with a function to stop it.
func exampleConn() (*cloudwatch.Conn, func()) {
	srv, err := cloudwatchtest.New()
	if err != nil {
		log.Fatal(err)
	}
	return cloudwatch.New(srv.Config("")), func() { srv.Close() }
}

// The seed's how-to, on a custom metric: the average CPU percent of the
// last hour, one datapoint a minute.
func ExampleMetric_Query() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()

	end := time.Now().UTC().Truncate(time.Minute)
	start := end.Add(-time.Hour)
	var data []cloudwatch.Datum
	for i := range 60 {
		data = append(data, cloudwatch.Datum{Name: "CPUUtilization", Dimensions: cloudwatch.Dimensions{"Host": "web-1"},
			Timestamp: start.Add(time.Duration(i) * time.Minute), Value: float64(20 + i%3), Unit: cloudwatch.UnitPercent})
	}
	if err := conn.PutMetricData(ctx, "MyApp", data); err != nil {
		log.Fatal(err)
	}

	m := conn.Metric("MyApp", "CPUUtilization", cloudwatch.Dimensions{"Host": "web-1"})
	dps, err := m.Query(ctx, start, end, "Average", cloudwatch.UnitPercent, time.Minute)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(dps), "datapoints")
	for _, d := range dps[:3] {
		fmt.Println(d.Timestamp.Sub(start), d.Average, d.Unit)
	}
	// Output:
	// 60 datapoints
	// 0s 20 Percent
	// 1m0s 21 Percent
	// 2m0s 22 Percent
}

// boto checked statistics, units and periods before sending; so does
// goboto, and the retention rules too.
func ExampleMetric_Query_validation() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	m := conn.InstanceMetric("i-0123456789abcdef0", "CPUUtilization")
	now := time.Now()

	_, err := m.Query(ctx, now.Add(-time.Hour), now, "Mean", cloudwatch.UnitPercent, time.Minute)
	fmt.Println(err)
	_, err = m.Query(ctx, now.Add(-time.Hour), now, "Average", "Percentage", time.Minute)
	fmt.Println(err)
	_, err = m.Query(ctx, now.Add(-time.Hour), now, "Average", cloudwatch.UnitPercent, 90*time.Second)
	fmt.Println(err)
	_, err = m.Query(ctx, now.Add(-20*24*time.Hour), now, "Average", cloudwatch.UnitPercent, time.Minute)
	fmt.Println(err)
	// Output:
	// Statistic: Mean must be SampleCount, Average, Sum, Minimum, Maximum or a percentile p0.0-p100
	// Unit: Percentage is not a CloudWatch unit (StandardUnit)
	// Period: 1m30s must be 1, 5, 10, 20 or 30 seconds, or a multiple of 60 seconds
	// Period: 1m0s must be a multiple of 5 minutes for a start time more than 15 days ago
}

func ExampleConn_Metrics() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	err := conn.PutMetricData(ctx, "MyApp", []cloudwatch.Datum{
		{Name: "Requests", Dimensions: cloudwatch.Dimensions{"Host": "web-1"}, Value: 1, Unit: cloudwatch.UnitCount},
		{Name: "Requests", Dimensions: cloudwatch.Dimensions{"Host": "web-2"}, Value: 1, Unit: cloudwatch.UnitCount},
		{Name: "Errors", Dimensions: cloudwatch.Dimensions{"Host": "web-1"}, Value: 0, Unit: cloudwatch.UnitCount},
	})
	if err != nil {
		log.Fatal(err)
	}
	for m, err := range conn.Metrics(ctx, cloudwatch.InNamespace("MyApp"), cloudwatch.WithDimension("Host", "web-1")) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(m)
	}
	// Output:
	// Metric:MyApp/Errors{Host=web-1}
	// Metric:MyApp/Requests{Host=web-1}
}

func ExamplePublisher() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()

	p, err := conn.NewPublisher(cloudwatch.PublisherOptions{
		Namespace: "MyApp",
		OnError:   func(err error, undelivered []cloudwatch.Datum) { log.Printf("lost %d sets: %v", len(undelivered), err) },
	})
	if err != nil {
		log.Fatal(err)
	}
	at := time.Now().UTC().Truncate(time.Minute).Add(-time.Minute)
	for i := range 1000 {
		// A thousand datapoints of one metric in one minute: one
		// statistic set, one request.
		if err := p.Add(cloudwatch.Datum{Name: "Latency", Timestamp: at.Add(time.Duration(i) * time.Millisecond),
			Value: float64(i % 100), Unit: cloudwatch.UnitMilliseconds}); err != nil {
			log.Fatal(err)
		}
	}
	if err := p.Close(ctx); err != nil {
		log.Fatal(err)
	}
	dps, err := conn.Metric("MyApp", "Latency", nil).Statistics(ctx, cloudwatch.QueryOptions{Start: at, End: at.Add(time.Minute),
		Statistics: []cloudwatch.Statistic{cloudwatch.SampleCount, cloudwatch.Average, cloudwatch.Maximum}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(dps[0].SampleCount, dps[0].Average, dps[0].Maximum, p.Stats().Delivered)
	// Output:
	// 1000 49.5 99 1000
}

func ExampleConn_GetMetricData() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	end := time.Now().UTC().Truncate(time.Minute)
	start := end.Add(-3 * time.Minute)
	var data []cloudwatch.Datum
	for i := range 3 {
		data = append(data, cloudwatch.Datum{Name: "Queue", Timestamp: start.Add(time.Duration(i) * time.Minute), Values: []float64{float64(i), 10}})
	}
	if err := conn.PutMetricData(ctx, "MyApp", data); err != nil {
		log.Fatal(err)
	}
	m := conn.Metric("MyApp", "Queue", nil)
	got, err := conn.GetMetricData(ctx, cloudwatch.MetricDataOptions{Start: start, End: end, Queries: []cloudwatch.MetricQuery{
		{ID: "low", Metric: m, Stat: cloudwatch.Minimum},
		{ID: "total", Metric: m, Stat: cloudwatch.Sum},
	}})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range got.Results {
		fmt.Println(r.ID, r.Values, r.Status)
	}
	// Output:
	// low [0 1 2] Complete
	// total [10 11 12] Complete
}

func ExampleWithProtocol() {
	srv, err := cloudwatchtest.New()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	// Query for an emulator that knows no CBOR, such as moto.
	conn := cloudwatch.New(srv.Config(""), cloudwatch.WithProtocol(cloudwatch.Query))
	err = conn.PutMetricData(context.Background(), "MyApp", []cloudwatch.Datum{{Name: "Up", Value: 1}})
	fmt.Println(err)
	// Output:
	// <nil>
}
