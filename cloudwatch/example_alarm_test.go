package cloudwatch_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
)

// alarmExample starts a fake CloudWatch whose clock the example moves, so
// alarms evaluate on cue, and returns a connection to it.
func alarmExample() (*cloudwatch.Conn, *fakes.Clock, func()) {
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
	srv, err := cloudwatchtest.New(fakes.WithClock(clock.Now), fakes.WithMaxSkew(48*time.Hour))
	if err != nil {
		log.Fatal(err)
	}
	return cloudwatch.New(srv.Config("")), clock, func() { srv.Close() }
}

func ExampleConn_PutMetricAlarm() {
	conn, clock, stop := alarmExample()
	defer stop()
	ctx := context.Background()

	// Queue depth over the last three minutes.
	depth := conn.Metric("Shop", "QueueDepth", cloudwatch.Dimensions{"Queue": "orders"})
	now := clock.Now()
	var data []cloudwatch.Datum
	for i, v := range []float64{120, 80, 150} {
		data = append(data, cloudwatch.Datum{Name: depth.Name, Dimensions: depth.Dimensions, Timestamp: now.Add(time.Duration(i-2) * time.Minute), Value: v})
	}
	if err := conn.PutMetricData(ctx, "Shop", data); err != nil {
		log.Fatal(err)
	}

	// Two of the last three one-minute maxima at 100 or more, in boto's
	// shorthand.
	alarm, err := conn.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{
		Name: "orders-backlog", Metric: depth, Statistic: cloudwatch.Maximum,
		Period: time.Minute, EvaluationPeriods: 3, DatapointsToAlarm: 2,
		Threshold: 100, Comparison: ">=", TreatMissingData: cloudwatch.MissingDataNotBreaching,
		AlarmActions: []string{"arn:aws:sns:us-east-1:123456789012:on-call"},
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := alarm.Refresh(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println(alarm.State)

	// A minute later CloudWatch has evaluated it.
	clock.Advance(time.Minute)
	if err := alarm.Wait(ctx, cloudwatch.AlarmAlarm, goboto.Interval(10*time.Millisecond)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(alarm.State, alarm.Comparison)
	// Output:
	// INSUFFICIENT_DATA
	// ALARM GreaterThanOrEqualToThreshold
}

func ExampleAlarm_History() {
	conn, _, stop := alarmExample()
	defer stop()
	ctx := context.Background()
	alarm, err := conn.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{
		Name: "cpu-high", Metric: conn.InstanceMetric("i-0123456789abcdef0", "CPUUtilization"),
		Statistic: cloudwatch.Average, Period: 5 * time.Minute, EvaluationPeriods: 2, Threshold: 80, Comparison: ">",
	})
	if err != nil {
		log.Fatal(err)
	}
	// Try the alarm's actions without waiting for the CPU to climb.
	if err := alarm.SetState(ctx, cloudwatch.AlarmAlarm, "testing the pager", ""); err != nil {
		log.Fatal(err)
	}
	for item, err := range alarm.History(ctx, cloudwatch.HistoryFilter{OldestFirst: true}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(item.Type, item.Summary)
	}
	// Output:
	// ConfigurationUpdate Alarm "cpu-high" created
	// StateUpdate Alarm updated from INSUFFICIENT_DATA to ALARM
}

func ExampleConn_Alarms() {
	conn, _, stop := alarmExample()
	defer stop()
	ctx := context.Background()
	for _, name := range []string{"web-cpu", "web-latency", "db-cpu"} {
		_, err := conn.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{
			Name: name, Metric: conn.Metric("App", name, nil), Statistic: cloudwatch.Percentile(99),
			Period: time.Minute, EvaluationPeriods: 5, Threshold: 1, Comparison: ">=",
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	var names []string
	for a, err := range conn.Alarms(ctx, cloudwatch.AlarmFilter{Prefix: "web-"}) {
		if err != nil {
			log.Fatal(err)
		}
		names = append(names, a.Name)
	}
	fmt.Println(names)
	// Delete them all, 100 names a request.
	if err := conn.DeleteAlarms(ctx, append(names, "db-cpu")...); err != nil {
		log.Fatal(err)
	}
	// Output:
	// [web-cpu web-latency]
}
