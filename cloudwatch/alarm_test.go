package cloudwatch_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
)

const alarmTopic = "arn:aws:sns:us-east-1:123456789012:ops"

// eachClocked runs f once per protocol with a fresh fake whose clock
// stands at a whole minute and moves only when the test says.
func eachClocked(t *testing.T, f func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, conn *cloudwatch.Conn)) {
	for _, p := range protocols {
		t.Run(string(p), func(t *testing.T) {
			clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
			srv, conn := startFake(t, p, fakes.WithClock(clock.Now), fakes.WithMaxSkew(48*time.Hour))
			f(t, srv, clock, conn)
		})
	}
}

func cpuAlarm(conn *cloudwatch.Conn, name string, f ...func(*cloudwatch.AlarmOptions)) cloudwatch.AlarmOptions {
	o := cloudwatch.AlarmOptions{
		Name: name, Description: "CPU is high", Metric: conn.Metric("App", "CPU", cloudwatch.Dimensions{"Host": "a"}),
		Statistic: cloudwatch.Average, Period: time.Minute, EvaluationPeriods: 3, DatapointsToAlarm: 2,
		Threshold: 90, Comparison: ">=", AlarmActions: []string{alarmTopic},
	}
	for _, fn := range f {
		fn(&o)
	}
	return o
}

// Every PutMetricAlarm limit is checked before anything is sent, as a
// *goboto.ValidationError (API Reference, PutMetricAlarm: Period "Valid
// values are 10, 20, 30, and any multiple of 60"; "Period multiplied by
// EvaluationPeriods can't be more than 604,800 seconds. For alarms with a
// period of less than one hour (3,600 seconds), the total evaluation
// period can't be longer than one day"; at most 5 actions a state; 50
// tags).
func TestPutMetricAlarmChecks(t *testing.T) {
	srv, conn := startFake(t, cloudwatch.CBOR)
	six := slices.Repeat([]string{alarmTopic}, 6)
	for _, tc := range []struct {
		name string
		f    func(*cloudwatch.AlarmOptions)
	}{
		{"no name", func(o *cloudwatch.AlarmOptions) { o.Name = "" }},
		{"control character in name", func(o *cloudwatch.AlarmOptions) { o.Name = "a\nb" }},
		{"long description", func(o *cloudwatch.AlarmOptions) { o.Description = strings.Repeat("d", 1025) }},
		{"no metric", func(o *cloudwatch.AlarmOptions) { o.Metric = nil }},
		{"AWS/ is fine but empty namespace is not", func(o *cloudwatch.AlarmOptions) { o.Metric = conn.Metric("", "CPU", nil) }},
		{"no statistic", func(o *cloudwatch.AlarmOptions) { o.Statistic = "" }},
		{"unknown statistic", func(o *cloudwatch.AlarmOptions) { o.Statistic = "Median" }},
		{"unknown unit", func(o *cloudwatch.AlarmOptions) { o.Unit = "Furlongs" }},
		{"period 45 s", func(o *cloudwatch.AlarmOptions) { o.Period = 45 * time.Second }},
		{"period 5 s", func(o *cloudwatch.AlarmOptions) { o.Period = 5 * time.Second }},
		{"period 90.5 s", func(o *cloudwatch.AlarmOptions) { o.Period = 90*time.Second + time.Second/2 }},
		{"no evaluation periods", func(o *cloudwatch.AlarmOptions) { o.EvaluationPeriods, o.DatapointsToAlarm = 0, 0 }},
		{"a day and a minute of minutes", func(o *cloudwatch.AlarmOptions) { o.EvaluationPeriods = 1441 }},
		{"eight days of hours", func(o *cloudwatch.AlarmOptions) { o.Period, o.EvaluationPeriods = time.Hour, 192 }},
		{"M over N", func(o *cloudwatch.AlarmOptions) { o.DatapointsToAlarm = 4 }},
		{"negative M", func(o *cloudwatch.AlarmOptions) { o.DatapointsToAlarm = -1 }},
		{"NaN threshold", func(o *cloudwatch.AlarmOptions) { o.Threshold = nan() }},
		{"unknown comparison", func(o *cloudwatch.AlarmOptions) { o.Comparison = "=>" }},
		{"no comparison", func(o *cloudwatch.AlarmOptions) { o.Comparison = "" }},
		{"missing data", func(o *cloudwatch.AlarmOptions) { o.TreatMissingData = "zero" }},
		{"six actions", func(o *cloudwatch.AlarmOptions) { o.OKActions = six }},
		{"action not an ARN", func(o *cloudwatch.AlarmOptions) { o.InsufficientDataActions = []string{"ops"} }},
		// User Guide, "Create alarms to stop, terminate, reboot, or recover
		// an EC2 instance": EC2 actions need an alarm on one instance.
		{"EC2 action, no InstanceId", func(o *cloudwatch.AlarmOptions) {
			o.AlarmActions = []string{"arn:aws:automate:us-east-1:ec2:stop"}
		}},
		{"swf EC2 action, no InstanceId", func(o *cloudwatch.AlarmOptions) {
			o.OKActions = []string{"arn:aws:swf:us-east-1:123456789012:action/actions/AWS_EC2.InstanceId.Reboot/1.0"}
		}},
		{"aws: tag", func(o *cloudwatch.AlarmOptions) { o.Tags = map[string]string{"aws:x": "y"} }},
		{"51 tags", func(o *cloudwatch.AlarmOptions) {
			o.Tags = map[string]string{}
			for i := range 51 {
				o.Tags[fmt.Sprint("k", i)] = "v"
			}
		}},
	} {
		_, err := conn.PutMetricAlarm(t.Context(), cpuAlarm(conn, "cpu", tc.f))
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: %v, want a ValidationError", tc.name, err)
		}
	}
	if n := calls(srv, "PutMetricAlarm"); n != 0 {
		t.Errorf("%d PutMetricAlarm requests sent", n)
	}
	// The edges pass: 10 s, a day of minutes, seven days of hours.
	for _, f := range []func(*cloudwatch.AlarmOptions){
		func(o *cloudwatch.AlarmOptions) { o.Period = 10 * time.Second },
		func(o *cloudwatch.AlarmOptions) { o.EvaluationPeriods = 1440 },
		func(o *cloudwatch.AlarmOptions) { o.Period, o.EvaluationPeriods = time.Hour, 168 },
		func(o *cloudwatch.AlarmOptions) { o.Statistic = cloudwatch.Percentile(99.5) },
		func(o *cloudwatch.AlarmOptions) { // InstanceId among other dimensions is enough
			o.Metric = conn.Metric("App", "CPU", cloudwatch.Dimensions{"Host": "a", "InstanceId": "i-0123456789abcdef0"})
			o.AlarmActions = []string{"arn:aws:automate:us-east-1:ec2:stop"}
		},
	} {
		if _, err := conn.PutMetricAlarm(t.Context(), cpuAlarm(conn, "edge", f)); err != nil {
			t.Errorf("edge refused: %v", err)
		}
	}
}

// boto's shorthands become the API's operators.
func TestComparisonShorthands(t *testing.T) {
	_, conn := startFake(t, cloudwatch.Query)
	for short, full := range map[cloudwatch.ComparisonOperator]cloudwatch.ComparisonOperator{
		">=": cloudwatch.GreaterThanOrEqual, ">": cloudwatch.GreaterThan, "<": cloudwatch.LessThan, "<=": cloudwatch.LessThanOrEqual,
	} {
		a := conn.Alarm("cmp")
		if _, err := conn.PutMetricAlarm(t.Context(), cpuAlarm(conn, "cmp", func(o *cloudwatch.AlarmOptions) { o.Comparison = short })); err != nil {
			t.Fatal(err)
		}
		if err := a.Refresh(t.Context()); err != nil {
			t.Fatal(err)
		}
		if a.Comparison != full {
			t.Errorf("%s: %s, want %s", short, a.Comparison, full)
		}
	}
}

// An alarm's life through its handle: made, waited for, evaluated to
// ALARM on the fake's clock, its history, a state set by hand, actions
// disabled, found by metric, deleted.
func TestAlarmLifecycle(t *testing.T) {
	eachClocked(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, conn *cloudwatch.Conn) {
		ctx := t.Context()
		var mu sync.Mutex
		var ran []string
		srv.SetActionHandler(func(a cloudwatchtest.AlarmAction) error {
			mu.Lock()
			defer mu.Unlock()
			ran = append(ran, a.NewState+" "+a.Action)
			return nil
		})
		m := conn.Metric("App", "CPU", cloudwatch.Dimensions{"Host": "a"})
		t0 := clock.Now()
		var data []cloudwatch.Datum
		for i, v := range []float64{95, 50, 92} {
			data = append(data, cloudwatch.Datum{Name: "CPU", Dimensions: m.Dimensions, Timestamp: t0.Add(time.Duration(i-2) * time.Minute), Value: v})
		}
		if err := conn.PutMetricData(ctx, "App", data); err != nil {
			t.Fatal(err)
		}
		a, err := conn.PutMetricAlarm(ctx, cpuAlarm(conn, "cpu-high", func(o *cloudwatch.AlarmOptions) { o.Tags = map[string]string{"team": "web"} }))
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Wait(ctx, cloudwatch.AlarmExists, goboto.Interval(10*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		if a.State != cloudwatch.AlarmInsufficientData || a.ARN == "" || a.Comparison != cloudwatch.GreaterThanOrEqual ||
			a.Period != time.Minute || a.DatapointsToAlarm != 2 || !a.ActionsEnabled || a.Metric.String() != m.String() {
			t.Errorf("new alarm %+v", a)
		}
		clock.Advance(time.Minute)
		var seen []string
		if err := a.Wait(ctx, cloudwatch.AlarmAlarm, goboto.Interval(10*time.Millisecond), goboto.Timeout(5*time.Second),
			goboto.Progress(func(s string, _ time.Duration) { seen = append(seen, s) })); err != nil {
			t.Fatal(err)
		}
		if len(seen) == 0 || seen[len(seen)-1] != "ALARM" || !strings.HasPrefix(a.StateReason, "Threshold Crossed: 2 out of the last 3 datapoints") {
			t.Errorf("progress %v, reason %q", seen, a.StateReason)
		}
		mu.Lock()
		if diff := cmp.Diff([]string{"ALARM " + alarmTopic}, ran); diff != "" {
			t.Errorf("actions (-want +got):\n%s", diff)
		}
		mu.Unlock()

		if err := a.SetState(ctx, cloudwatch.AlarmOK, "by hand", `{"why":"test"}`); err != nil {
			t.Fatal(err)
		}
		if err := a.DisableActions(ctx); err != nil {
			t.Fatal(err)
		}
		if err := a.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		if a.State != cloudwatch.AlarmOK || a.StateReason != "by hand" || a.StateReasonData != `{"why":"test"}` || a.ActionsEnabled {
			t.Errorf("after SetState and DisableActions: %s %q %q enabled %v", a.State, a.StateReason, a.StateReasonData, a.ActionsEnabled)
		}
		if err := a.EnableActions(ctx); err != nil || !a.ActionsEnabled {
			t.Errorf("EnableActions: %v, %v", err, a.ActionsEnabled)
		}

		var hist []string
		for h, err := range a.History(ctx, cloudwatch.HistoryFilter{Type: cloudwatch.HistoryStateUpdate, OldestFirst: true}, cloudwatch.PageSize(1)) {
			if err != nil {
				t.Fatal(err)
			}
			hist = append(hist, h.Summary)
		}
		want := []string{"Alarm updated from INSUFFICIENT_DATA to ALARM", "Alarm updated from ALARM to OK"}
		if diff := cmp.Diff(want, hist); diff != "" {
			t.Errorf("history (-want +got):\n%s", diff)
		}
		if calls(srv, "DescribeAlarmHistory") != 2 {
			t.Errorf("%d DescribeAlarmHistory calls for 2 items a page of 1", calls(srv, "DescribeAlarmHistory"))
		}

		byMetric, err := m.Alarms(ctx)
		if err != nil || len(byMetric) != 1 || byMetric[0].Name != "cpu-high" {
			t.Errorf("Metric.Alarms: %v, %v", byMetric, err)
		}
		if err := a.Delete(ctx); err != nil {
			t.Fatal(err)
		}
		if err := a.Refresh(ctx); !goboto.IsNotFound(err) {
			t.Errorf("Refresh after Delete: %v", err)
		}
		if err := a.Wait(ctx, cloudwatch.AlarmOK, goboto.Interval(10*time.Millisecond)); !goboto.IsNotFound(err) {
			t.Errorf("Wait for a state after Delete: %v", err)
		}
		if err := a.Delete(ctx); !goboto.IsNotFound(err) {
			t.Errorf("second Delete: %v", err)
		}
	})
}

// A wait for a state the alarm does not reach times out with a
// *goboto.WaitTimeoutError naming the last state seen.
func TestAlarmWaitTimeout(t *testing.T) {
	_, conn := startFake(t, cloudwatch.JSON)
	a, err := conn.PutMetricAlarm(t.Context(), cpuAlarm(conn, "quiet"))
	if err != nil {
		t.Fatal(err)
	}
	err = a.Wait(t.Context(), cloudwatch.AlarmAlarm, goboto.Interval(50*time.Millisecond), goboto.Timeout(time.Second)) // long enough for one look on a loaded machine
	var te *goboto.WaitTimeoutError
	if !errors.As(err, &te) || te.State != "INSUFFICIENT_DATA" || te.Service != "CloudWatch" {
		t.Errorf("Wait: %v", err)
	}
	if err := a.Wait(t.Context(), "BROKEN"); err == nil {
		t.Error("Wait for an unknown state passed")
	}
}

// Alarms lists by prefix and state, a page at a time; DeleteAlarms sends
// 100 names a call and still deletes the rest when a name is unknown
// (API Reference, DeleteAlarms: "You can delete up to 100 alarms in one
// operation"; "If you specify any incorrect alarm names, the alarms you
// specify with correct names are still deleted").
func TestAlarmsAndDeleteAlarms(t *testing.T) {
	// A still clock: no evaluation undoes the state set by hand.
	eachClocked(t, func(t *testing.T, srv *cloudwatchtest.Server, _ *fakes.Clock, conn *cloudwatch.Conn) {
		ctx := t.Context()
		var names []string
		for i := range 230 {
			name := fmt.Sprintf("web-%03d", i)
			names = append(names, name)
			if _, err := conn.PutMetricAlarm(ctx, cpuAlarm(conn, name)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := conn.PutMetricAlarm(ctx, cpuAlarm(conn, "db")); err != nil {
			t.Fatal(err)
		}
		if err := conn.Alarm("web-042").SetState(ctx, cloudwatch.AlarmAlarm, "t", ""); err != nil {
			t.Fatal(err)
		}
		n := 0
		srv.ResetCalls()
		for a, err := range conn.Alarms(ctx, cloudwatch.AlarmFilter{Prefix: "web-"}, cloudwatch.PageSize(100)) {
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(a.Name, "web-") {
				t.Errorf("listed %s", a.Name)
			}
			n++
		}
		if n != 230 || calls(srv, "DescribeAlarms") != 3 {
			t.Errorf("%d alarms in %d calls", n, calls(srv, "DescribeAlarms"))
		}
		var inAlarm []string
		for a, err := range conn.Alarms(ctx, cloudwatch.AlarmFilter{State: cloudwatch.AlarmAlarm}) {
			if err != nil {
				t.Fatal(err)
			}
			inAlarm = append(inAlarm, a.Name)
		}
		if diff := cmp.Diff([]string{"web-042"}, inAlarm); diff != "" {
			t.Errorf("in ALARM (-want +got):\n%s", diff)
		}
		srv.ResetCalls()
		err := conn.DeleteAlarms(ctx, append(names, "nope")...)
		if !goboto.IsNotFound(err) || calls(srv, "DeleteAlarms") != 3 {
			t.Errorf("DeleteAlarms: %v in %d calls", err, calls(srv, "DeleteAlarms"))
		}
		var left []string
		for a, err := range conn.Alarms(ctx, cloudwatch.AlarmFilter{}) {
			if err != nil {
				t.Fatal(err)
			}
			left = append(left, a.Name)
		}
		if diff := cmp.Diff([]string{"db"}, left); diff != "" {
			t.Errorf("left (-want +got):\n%s", diff)
		}
		for _, tc := range []struct {
			name string
			f    cloudwatch.AlarmFilter
			opts []cloudwatch.ListOption
		}{
			{"page of 101", cloudwatch.AlarmFilter{}, []cloudwatch.ListOption{cloudwatch.PageSize(101)}},
			{"a metric listing's option", cloudwatch.AlarmFilter{}, []cloudwatch.ListOption{cloudwatch.InNamespace("App")}},
			{"prefix and names", cloudwatch.AlarmFilter{Prefix: "a", Names: []string{"a"}}, nil},
			{"bad state", cloudwatch.AlarmFilter{State: "BROKEN"}, nil},
		} {
			for _, err := range conn.Alarms(ctx, tc.f, tc.opts...) {
				var ve *goboto.ValidationError
				if !errors.As(err, &ve) {
					t.Errorf("%s: %v", tc.name, err)
				}
				break
			}
		}
		if err := conn.DeleteAlarms(ctx); err == nil {
			t.Error("DeleteAlarms with no names passed")
		}
	})
}

func nan() float64 { return math.NaN() }
