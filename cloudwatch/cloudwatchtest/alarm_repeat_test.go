package cloudwatchtest_test

import (
	"encoding/json"
	"fmt"
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

// runLog records each action a handler is given, with the newest
// datapoint of its StateReasonData.
type runLog struct {
	t0  time.Time // times are shown from here
	mu  sync.Mutex
	got []string
}

func (l *runLog) handle(a cloudwatchtest.AlarmAction) error {
	var data struct {
		RecentDatapoints []float64 `json:"recentDatapoints"`
	}
	last := "-"
	if json.Unmarshal([]byte(a.ReasonData), &data) == nil && len(data.RecentDatapoints) > 0 {
		last = fmt.Sprint(data.RecentDatapoints[len(data.RecentDatapoints)-1])
	}
	kind := "run"
	if a.Repeat {
		kind = "repeat"
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got = append(l.got, fmt.Sprintf("%s %s>%s %s %s at +%v last=%s", a.AlarmName, a.OldState, a.NewState, kind, a.Action, a.Time.Sub(l.t0), last))
	return nil
}

// An alarm that stays in a state runs that state's Auto Scaling actions
// again once a minute, and only those (CloudWatch User Guide, "Alarm
// actions": "Except for Auto Scaling actions, the actions happen only on
// state transitions, and are not performed again if the condition
// persists for hours or days"; AWS knowledge center, "Why doesn't my
// CloudWatch alarm's state change invoke my Amazon EC2 Auto Scaling
// policy?": "an alarm invokes an Auto Scaling action once each minute
// when the alarm remains in a new state, regardless of the configured
// time period"). Minutes the clock jumps over give one repeat, at the
// latest; disabled actions do not repeat; each repeat is in the history.
func TestAlarmRepeatsScalingActions(t *testing.T) {
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
	log := &runLog{t0: clock.Now()}
	srv := cloudwatchtest.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(48*time.Hour), cloudwatchtest.WithActionHandler(log.handle))
	client := cloudwatch.NewFromConfig(srv.Config(""))
	ctx := t.Context()
	// One period of a minute, so each minute's datapoint decides;
	// missing periods breach, so the alarm stays in ALARM without data.
	if _, err := client.PutMetricAlarm(ctx, alarmInput("load", func(in *cloudwatch.PutMetricAlarmInput) {
		in.EvaluationPeriods, in.DatapointsToAlarm = aws.Int32(1), nil
		in.TreatMissingData = aws.String("breaching")
		in.AlarmActions = []string{topicARN, policyARN}
		in.OKActions = []string{topicARN}
	})); err != nil {
		t.Fatal(err)
	}
	step := func(d time.Duration, v ...float64) []string {
		t.Helper()
		for _, x := range v {
			putCPU(t, client, clock.Now(), x)
		}
		clock.Advance(d)
		srv.Evaluate()
		log.mu.Lock()
		defer log.mu.Unlock()
		out := log.got
		log.got = nil
		return out
	}
	for _, tc := range []struct {
		name   string
		data   []float64
		ahead  time.Duration
		before func()
		want   []string
	}{
		{"change of state runs every action", []float64{95}, time.Minute, nil, []string{
			"load INSUFFICIENT_DATA>ALARM run " + topicARN + " at +1m0s last=95",
			"load INSUFFICIENT_DATA>ALARM run " + policyARN + " at +1m0s last=95"}},
		{"within the minute nothing repeats", []float64{97}, 30 * time.Second, nil, nil},
		{"a minute later the policy repeats with the latest datapoint", nil, 30 * time.Second, nil, []string{
			"load ALARM>ALARM repeat " + policyARN + " at +2m0s last=97"}},
		// No data here: the repeat carries the state's own data.
		{"ten minutes at once give one repeat", nil, 10 * time.Minute, nil, []string{
			"load ALARM>ALARM repeat " + policyARN + " at +12m0s last=95"}},
		{"disabled actions do not repeat", nil, time.Minute, func() {
			if _, err := client.DisableAlarmActions(ctx, &cloudwatch.DisableAlarmActionsInput{AlarmNames: []string{"load"}}); err != nil {
				t.Fatal(err)
			}
		}, nil},
		{"enabled again they repeat at the next minute", nil, time.Minute, func() {
			if _, err := client.EnableAlarmActions(ctx, &cloudwatch.EnableAlarmActionsInput{AlarmNames: []string{"load"}}); err != nil {
				t.Fatal(err)
			}
		}, []string{"load ALARM>ALARM repeat " + policyARN + " at +14m0s last=95"}},
		{"back to OK runs OK's action", []float64{10}, time.Minute, nil, []string{
			"load ALARM>OK run " + topicARN + " at +15m0s last=10"}},
		{"an SNS action does not repeat", []float64{10}, time.Minute, nil, nil},
	} {
		if tc.before != nil {
			tc.before()
		}
		if diff := cmp.Diff(tc.want, step(tc.ahead, tc.data...)); diff != "" {
			t.Errorf("%s: actions (-want +got):\n%s", tc.name, diff)
		}
	}
	want := []string{
		"Successfully executed action " + topicARN,
		"Successfully executed action " + policyARN,
		"Successfully executed action " + policyARN,
		"Successfully executed action " + policyARN,
		"Successfully executed action " + policyARN,
		"Successfully executed action " + topicARN,
	}
	if diff := cmp.Diff(want, history(t, client, "load", types.HistoryItemTypeAction)); diff != "" {
		t.Errorf("Action history (-want +got):\n%s", diff)
	}
}
