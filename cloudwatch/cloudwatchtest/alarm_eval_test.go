package cloudwatchtest_test

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
)

// actionLog records the actions a fake delivers.
type actionLog struct {
	mu   sync.Mutex
	got  []string
	fail string // an action ARN whose delivery fails
}

func (l *actionLog) handle(a cloudwatchtest.AlarmAction) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got = append(l.got, a.AlarmName+" "+a.OldState+">"+a.NewState+" "+a.Action)
	if a.Action == l.fail {
		return errors.New("no such policy")
	}
	return nil
}

func (l *actionLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.got
	l.got = nil
	return out
}

func putCPU(t *testing.T, client *cloudwatch.Client, at time.Time, v float64) {
	t.Helper()
	if _, err := client.PutMetricData(t.Context(), &cloudwatch.PutMetricDataInput{Namespace: aws.String("App"), MetricData: []types.MetricDatum{
		{MetricName: aws.String("CPU"), Dimensions: dims("Host", "a"), Timestamp: aws.Time(at), Value: aws.Float64(v)}}}); err != nil {
		t.Fatal(err)
	}
}

func history(t *testing.T, client *cloudwatch.Client, name string, kind types.HistoryItemType) []string {
	t.Helper()
	out, err := client.DescribeAlarmHistory(t.Context(), &cloudwatch.DescribeAlarmHistoryInput{AlarmName: aws.String(name),
		HistoryItemType: kind, ScanBy: types.ScanByTimestampAscending})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range out.AlarmHistoryItems {
		got = append(got, aws.ToString(h.HistorySummary))
	}
	return got
}

// An alarm evaluates on the fake's clock: INSUFFICIENT_DATA when made,
// ALARM once M of its last N periods breach, OK when fewer do, each
// change recorded in the history with its reason, and the new state's
// actions delivered once each (User Guide, "Alarm evaluation": "M out of
// N"; API Reference, PutMetricAlarm, AlarmActions: "The actions to
// execute when this alarm transitions to the ALARM state from any other
// state").
func TestAlarmEvaluation(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		log := &actionLog{fail: policyARN}
		srv.SetActionHandler(log.handle)
		t0 := clock.Now()
		putCPU(t, client, t0.Add(-2*time.Minute), 95)
		putCPU(t, client, t0.Add(-time.Minute), 50)
		putCPU(t, client, t0, 92)
		if _, err := client.PutMetricAlarm(t.Context(), alarmInput("cpu-high")); err != nil {
			t.Fatal(err)
		}
		if a := describe(t, client, "cpu-high"); a.StateValue != types.StateValueInsufficientData {
			t.Fatalf("new alarm is %s", a.StateValue)
		}
		// The next minute's evaluation sees 95, 50, 92: two breach.
		clock.Advance(time.Minute)
		a := describe(t, client, "cpu-high")
		wantReason := "Threshold Crossed: 2 out of the last 3 datapoints [92.0 (" + t0.Format("02/01/06 15:04:05") + "), 95.0 (" +
			t0.Add(-2*time.Minute).Format("02/01/06 15:04:05") + ")] were greater than or equal to the threshold (90.0) (minimum 2 datapoints for INSUFFICIENT_DATA -> ALARM transition)."
		if a.StateValue != types.StateValueAlarm || aws.ToString(a.StateReason) != wantReason {
			t.Errorf("after a minute: %s, %q\nwant reason %q", a.StateValue, aws.ToString(a.StateReason), wantReason)
		}
		if !aws.ToTime(a.StateTransitionedTimestamp).Equal(t0.Add(time.Minute)) {
			t.Errorf("transitioned at %v", a.StateTransitionedTimestamp)
		}
		var data struct {
			Period           int       `json:"period"`
			Threshold        float64   `json:"threshold"`
			RecentDatapoints []float64 `json:"recentDatapoints"`
		}
		if err := json.Unmarshal([]byte(aws.ToString(a.StateReasonData)), &data); err != nil {
			t.Fatalf("StateReasonData %q: %v", aws.ToString(a.StateReasonData), err)
		}
		if diff := cmp.Diff([]float64{95, 50, 92}, data.RecentDatapoints); diff != "" || data.Period != 60 || data.Threshold != 90 {
			t.Errorf("StateReasonData %s", aws.ToString(a.StateReasonData))
		}
		// Looking again in the same minute changes nothing and runs no
		// action twice.
		describe(t, client, "cpu-high")
		if diff := cmp.Diff([]string{"cpu-high INSUFFICIENT_DATA>ALARM " + topicARN}, log.take()); diff != "" {
			t.Errorf("actions (-want +got):\n%s", diff)
		}

		// 50, 92, 10: one breach of the two needed.
		putCPU(t, client, t0.Add(time.Minute), 10)
		clock.Advance(time.Minute)
		srv.Evaluate()
		if diff := cmp.Diff([]string{"cpu-high ALARM>OK " + policyARN}, log.take()); diff != "" {
			t.Errorf("actions (-want +got):\n%s", diff)
		}
		if state, ok := srv.AlarmState(srv.Account(), "us-east-1", "cpu-high"); !ok || state != "OK" {
			t.Errorf("AlarmState: %q, %v", state, ok)
		}
		want := []string{
			`Alarm "cpu-high" created`,
			"Alarm updated from INSUFFICIENT_DATA to ALARM",
			"Successfully executed action " + topicARN,
			"Alarm updated from ALARM to OK",
			"Failed to execute action " + policyARN,
		}
		if diff := cmp.Diff(want, history(t, client, "cpu-high", "")); diff != "" {
			t.Errorf("history (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{want[1], want[3]}, history(t, client, "cpu-high", types.HistoryItemTypeStateUpdate)); diff != "" {
			t.Errorf("StateUpdate history (-want +got):\n%s", diff)
		}
	})
}

// Missing data is treated as TreatMissingData says (User Guide,
// "Configuring how CloudWatch alarms treat missing data"): missing goes
// to INSUFFICIENT_DATA when every period is missing, ignore keeps the
// state, breaching counts the periods as breaching, notBreaching as not;
// with some data, missing and ignore evaluate the datapoints there are.
func TestAlarmMissingData(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		t0 := clock.Now()
		modes := []string{"missing", "ignore", "breaching", "notBreaching"}
		for _, m := range modes {
			if _, err := client.PutMetricAlarm(t.Context(), alarmInput("none-"+m, func(in *cloudwatch.PutMetricAlarmInput) {
				in.TreatMissingData = aws.String(m)
				in.MetricName = aws.String("Silent")
			})); err != nil {
				t.Fatal(err)
			}
			// One breaching datapoint of three: ALARM only when the two
			// missing count as breaching.
			if _, err := client.PutMetricAlarm(t.Context(), alarmInput("one-"+m, func(in *cloudwatch.PutMetricAlarmInput) {
				in.TreatMissingData = aws.String(m)
			})); err != nil {
				t.Fatal(err)
			}
		}
		putCPU(t, client, t0, 99)
		clock.Advance(time.Minute)
		got := map[string]string{}
		out, err := client.DescribeAlarms(t.Context(), &cloudwatch.DescribeAlarmsInput{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range out.MetricAlarms {
			got[aws.ToString(a.AlarmName)] = string(a.StateValue)
		}
		want := map[string]string{
			"none-missing": "INSUFFICIENT_DATA", "none-ignore": "INSUFFICIENT_DATA", "none-breaching": "ALARM", "none-notBreaching": "OK",
			"one-missing": "OK", "one-ignore": "OK", "one-breaching": "ALARM", "one-notBreaching": "OK",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("states (-want +got):\n%s", diff)
		}
		a := describe(t, client, "none-missing")
		if aws.ToString(a.StateReason) != "Unchecked: Initial alarm creation" {
			// Still INSUFFICIENT_DATA: no transition, so no new reason.
			t.Errorf("reason %q", aws.ToString(a.StateReason))
		}
		// ignore keeps whatever state it has while data is missing.
		clock.Advance(5 * time.Minute)
		if a := describe(t, client, "one-ignore"); a.StateValue != types.StateValueOk {
			t.Errorf("one-ignore after data stopped: %s", a.StateValue)
		}
		if a := describe(t, client, "one-missing"); a.StateValue != types.StateValueInsufficientData ||
			!strings.HasPrefix(aws.ToString(a.StateReason), "Insufficient Data: 3 datapoints were unknown") {
			t.Errorf("one-missing after data stopped: %s, %q", a.StateValue, aws.ToString(a.StateReason))
		}
	})
}

// SetAlarmState sets the state, runs the new state's actions, and the
// next evaluation sets it back (API Reference, SetAlarmState: "When the
// updated state differs from the previous value, the action configured
// for the appropriate state is invoked"; "Metric alarms returns to their
// actual state quickly"). StateReasonData must be JSON (InvalidFormat),
// and an unknown alarm is ResourceNotFound.
func TestSetAlarmState(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		log := &actionLog{}
		srv.SetActionHandler(log.handle)
		t0 := clock.Now()
		for i := range 3 {
			putCPU(t, client, t0.Add(-time.Duration(i)*time.Minute), 10)
		}
		if _, err := client.PutMetricAlarm(ctx, alarmInput("cpu-high")); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
		if a := describe(t, client, "cpu-high"); a.StateValue != types.StateValueOk {
			t.Fatalf("state %s", a.StateValue)
		}
		log.take()
		clock.Advance(10 * time.Second)
		if _, err := client.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("cpu-high"),
			StateValue: types.StateValueAlarm, StateReason: aws.String("testing"), StateReasonData: aws.String(`{"k":1}`)}); err != nil {
			t.Fatal(err)
		}
		a := describe(t, client, "cpu-high")
		if a.StateValue != types.StateValueAlarm || aws.ToString(a.StateReason) != "testing" || aws.ToString(a.StateReasonData) != `{"k":1}` {
			t.Errorf("after SetAlarmState: %s %q %q", a.StateValue, aws.ToString(a.StateReason), aws.ToString(a.StateReasonData))
		}
		if diff := cmp.Diff([]string{"cpu-high OK>ALARM " + topicARN}, log.take()); diff != "" {
			t.Errorf("actions (-want +got):\n%s", diff)
		}
		clock.Advance(time.Minute)
		if a := describe(t, client, "cpu-high"); a.StateValue != types.StateValueOk {
			t.Errorf("a minute after SetAlarmState: %s", a.StateValue)
		}
		for _, tc := range []struct {
			name string
			in   *cloudwatch.SetAlarmStateInput
			want string
		}{
			{"unknown alarm", &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("nope"), StateValue: types.StateValueOk, StateReason: aws.String("r")}, "ResourceNotFound"},
			{"bad JSON", &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("cpu-high"), StateValue: types.StateValueOk, StateReason: aws.String("r"), StateReasonData: aws.String("{")}, "InvalidFormat"},
			{"bad state", &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("cpu-high"), StateValue: "BROKEN", StateReason: aws.String("r")}, "ValidationError"},
		} {
			_, err := client.SetAlarmState(ctx, tc.in)
			if got := alarmCode(err); got != tc.want {
				t.Errorf("%s: code %q (%v), want %s", tc.name, got, err, tc.want)
			}
		}
	})
}

// Disabled actions are not run on a change of state (API Reference,
// DisableAlarmActions: "When an alarm's actions are disabled, the alarm
// actions do not execute when the alarm state changes"); enabled again,
// they are.
func TestAlarmActionsEnabled(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		log := &actionLog{}
		srv.SetActionHandler(log.handle)
		if _, err := client.PutMetricAlarm(ctx, alarmInput("cpu-high")); err != nil {
			t.Fatal(err)
		}
		names := &cloudwatch.DisableAlarmActionsInput{AlarmNames: []string{"cpu-high", "no-such-alarm"}}
		if _, err := client.DisableAlarmActions(ctx, names); err != nil {
			t.Fatal(err)
		}
		if a := describe(t, client, "cpu-high"); aws.ToBool(a.ActionsEnabled) {
			t.Error("actions still enabled")
		}
		set := func(s types.StateValue) {
			t.Helper()
			if _, err := client.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("cpu-high"), StateValue: s, StateReason: aws.String("t")}); err != nil {
				t.Fatal(err)
			}
		}
		set(types.StateValueAlarm)
		if got := log.take(); len(got) != 0 {
			t.Errorf("disabled actions ran: %v", got)
		}
		if _, err := client.EnableAlarmActions(ctx, &cloudwatch.EnableAlarmActionsInput{AlarmNames: []string{"cpu-high"}}); err != nil {
			t.Fatal(err)
		}
		set(types.StateValueOk)
		if diff := cmp.Diff([]string{"cpu-high ALARM>OK " + policyARN}, log.take()); diff != "" {
			t.Errorf("actions (-want +got):\n%s", diff)
		}
		// An empty list passes the v2 client's own check of required
		// members, so the fake's answer shows.
		_, err := client.EnableAlarmActions(ctx, &cloudwatch.EnableAlarmActionsInput{AlarmNames: []string{}})
		if got := alarmCode(err); got != "MissingParameter" {
			t.Errorf("no names: %q (%v)", got, err)
		}
	})
}
