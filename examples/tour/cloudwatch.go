package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/examples/exenv"
)

const (
	tourNamespace = "GobotoTour"
	tourAlarm     = "goboto-tour-latency"
)

func cloudwatchChapter(ctx context.Context, t *transcript, env *exenv.Env) (err error) {
	conn := cloudwatch.New(env.Config)
	t.call("conn := cloudwatch.New(cfg)   // %s", conn.Region())

	// Five minutes of data a quarter of an hour back: the alarm below
	// looks at the last three minutes only, and finds nothing there.
	start := time.Now().UTC().Truncate(time.Minute).Add(-15 * time.Minute)
	end := start.Add(5 * time.Minute)
	web1 := cloudwatch.Dimensions{"Host": "web-1"}
	var data []cloudwatch.Datum
	for i := range 5 {
		at := start.Add(time.Duration(i) * time.Minute)
		data = append(data,
			cloudwatch.Datum{Name: "Latency", Dimensions: web1, Timestamp: at, Values: []float64{10, 20 + float64(i)}, Unit: cloudwatch.UnitMilliseconds},
			cloudwatch.Datum{Name: "Latency", Dimensions: web1, Timestamp: at.Add(30 * time.Second), Unit: cloudwatch.UnitMilliseconds,
				Statistics: &cloudwatch.StatisticSet{SampleCount: 2, Sum: 60, Minimum: 25, Maximum: 35}})
	}
	t.call("conn.PutMetricData(ctx, %q, data)   // 5 minutes of Latency for Host=web-1: values, and statistic sets", tourNamespace)
	if err := conn.PutMetricData(ctx, tourNamespace, data); err != nil {
		return err
	}
	m := conn.Metric(tourNamespace, "Latency", web1)
	t.call("m := conn.Metric(%q, \"Latency\", cloudwatch.Dimensions{\"Host\": \"web-1\"})", tourNamespace)
	t.call("dps, err := m.Query(ctx, start, start.Add(5*time.Minute), cloudwatch.Average, cloudwatch.UnitMilliseconds, time.Minute)")
	var dps []cloudwatch.Datapoint
	// CloudWatch takes a moment to show new data; the fakes none.
	for deadline := time.Now().Add(3 * time.Minute); ; time.Sleep(10 * time.Second) {
		if dps, err = m.Query(ctx, start, end, cloudwatch.Average, cloudwatch.UnitMilliseconds, time.Minute); err != nil {
			return err
		}
		if len(dps) == 5 || time.Now().After(deadline) {
			break
		}
	}
	var avgs []string
	for _, d := range dps {
		avgs = append(avgs, fmt.Sprintf("%.2f", d.Average))
	}
	t.result("%d datapoints, a minute apart; averages %s ms", len(dps), strings.Join(avgs, " "))

	t.printf("\nboto checked statistics, units and periods before sending; so does goboto:\n")
	sent := env.CountCalls("")
	t.call("m.Query(ctx, start, end, cloudwatch.Average, cloudwatch.UnitMilliseconds, 45*time.Second)")
	_, err = m.Query(ctx, start, end, cloudwatch.Average, cloudwatch.UnitMilliseconds, 45*time.Second)
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("a 45-second period was not refused: %v", err)
	}
	t.result("*goboto.ValidationError: %v", ve)
	if n, ok := sent(); ok {
		t.result("requests sent: %d", n)
	}

	t.printf("\nA Publisher turns many datapoints into a few statistic sets:\n")
	t.call("p, err := conn.NewPublisher(cloudwatch.PublisherOptions{Namespace: %q}); 1,000 × p.Add(...); p.Close(ctx)", tourNamespace)
	p, err := conn.NewPublisher(cloudwatch.PublisherOptions{Namespace: tourNamespace})
	if err != nil {
		return err
	}
	puts := env.CountCalls("PutMetricData")
	for i := range 1000 {
		if err := p.Add(cloudwatch.Datum{Name: "Requests", Dimensions: web1, Timestamp: start.Add(time.Duration(i%60) * time.Second),
			Value: 1, Unit: cloudwatch.UnitCount}); err != nil {
			return err
		}
	}
	if err := p.Close(ctx); err != nil {
		return err
	}
	s := p.Stats()
	t.result("%g datapoints delivered, %g undelivered", s.Delivered, s.Undelivered)
	if n, ok := puts(); ok {
		t.result("%d PutMetricData request, of one statistic set", n)
	}

	t.printf("\nAlarms, with boto's \">=\" shorthand:\n")
	t.call("alarm, err := conn.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: %q, Metric: m, Statistic: cloudwatch.Average,", tourAlarm)
	t.call("    Period: time.Minute, EvaluationPeriods: 3, DatapointsToAlarm: 2, Comparison: \">=\", Threshold: 100, TreatMissingData: cloudwatch.MissingDataIgnore})")
	alarm, err := conn.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: tourAlarm, Metric: m, Statistic: cloudwatch.Average,
		Period: time.Minute, EvaluationPeriods: 3, DatapointsToAlarm: 2, Comparison: ">=", Threshold: 100,
		TreatMissingData: cloudwatch.MissingDataIgnore})
	if err != nil {
		return err
	}
	defer func() {
		t.call("alarm.Delete(ctx)")
		if derr := alarm.Delete(ctx); derr != nil && err == nil {
			err = derr
		}
	}()
	t.result("comparison %s", alarm.Comparison)
	t.call("for a, err := range conn.Alarms(ctx, cloudwatch.AlarmFilter{Prefix: \"goboto-tour-\"})")
	for a, err := range conn.Alarms(ctx, cloudwatch.AlarmFilter{Prefix: "goboto-tour-"}) {
		if err != nil {
			return err
		}
		t.result("%s on %s", a, a.Metric)
	}
	// With missing data ignored and none in the last three minutes,
	// evaluation leaves the state where SetState puts it.
	t.call("alarm.SetState(ctx, cloudwatch.AlarmAlarm, \"testing the pager\", \"\")   // SetAlarmState, which runs the ALARM actions")
	if err := alarm.SetState(ctx, cloudwatch.AlarmAlarm, "testing the pager", ""); err != nil {
		return err
	}
	t.call("for item, err := range alarm.History(ctx, cloudwatch.HistoryFilter{Type: cloudwatch.HistoryStateUpdate})")
	for item, err := range alarm.History(ctx, cloudwatch.HistoryFilter{Type: cloudwatch.HistoryStateUpdate}) {
		if err != nil {
			return err
		}
		t.result("%s", item.Summary)
	}
	return nil
}
