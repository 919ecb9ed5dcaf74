package localcloud_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
)

const (
	policyARN = "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:4f6a1c2e-0000-4000-8000-000000000001:autoScalingGroupName/web:policyName/up"
	topicARN  = "arn:aws:sns:us-east-1:123456789012:ops"
)

// actionSummaries puts an alarm with an Auto Scaling policy and an SNS
// topic as its ALARM actions, sets it to ALARM, and returns the Action
// items of its history, oldest first.
func actionSummaries(t *testing.T, cloud *localcloud.Cloud, name string) []string {
	t.Helper()
	ctx := t.Context()
	conn := cloudwatch.New(cloud.Config(""))
	alarm, err := conn.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: name,
		Metric: conn.Metric("App", "Load", nil), Statistic: cloudwatch.Average, Period: time.Minute, EvaluationPeriods: 1,
		Threshold: 1, Comparison: ">=", AlarmActions: []string{policyARN, topicARN}})
	if err != nil {
		t.Fatal(err)
	}
	if err := alarm.SetState(ctx, cloudwatch.AlarmAlarm, "test", ""); err != nil {
		t.Fatal(err)
	}
	items, err := goboto.Collect(alarm.History(ctx, cloudwatch.HistoryFilter{Type: cloudwatch.HistoryAction, OldestFirst: true}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.Summary)
	}
	return got
}

// Alarm actions reach the handler wired for the service their ARN names;
// one with no handler is recorded as failed, as AWS records an action it
// cannot run, rather than as run (User Guide, "Alarm actions"; API
// Reference, DescribeAlarmHistory: history items of type Action).
func TestAlarmActions(t *testing.T) {
	// A still clock: nothing evaluates the alarm away from the state set.
	cloud := localcloud.Start(t, fakes.WithClock(fakes.NewClock(time.Now()).Now))
	want := []string{"Failed to execute action " + policyARN, "Failed to execute action " + topicARN}
	if diff := cmp.Diff(want, actionSummaries(t, cloud, "unwired")); diff != "" {
		t.Errorf("no handlers (-want +got):\n%s", diff)
	}

	var mu sync.Mutex
	var ran []string
	cloud.HandleAlarmActions("autoscaling", func(a cloudwatchtest.AlarmAction) error {
		mu.Lock()
		defer mu.Unlock()
		ran = append(ran, a.AlarmName+" "+a.OldState+">"+a.NewState+" "+a.Action)
		return nil
	})
	cloud.HandleAlarmActions("sns", func(cloudwatchtest.AlarmAction) error { return errors.New("no such topic") })
	want = []string{"Successfully executed action " + policyARN, "Failed to execute action " + topicARN}
	if diff := cmp.Diff(want, actionSummaries(t, cloud, "wired")); diff != "" {
		t.Errorf("autoscaling wired, sns failing (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"wired INSUFFICIENT_DATA>ALARM " + policyARN}, ran); diff != "" {
		t.Errorf("autoscaling handler calls (-want +got):\n%s", diff)
	}

	// A handler given as an option is kept: the routing does not replace it.
	var got []string
	own := localcloud.Start(t, fakes.WithClock(fakes.NewClock(time.Now()).Now),
		cloudwatchtest.WithActionHandler(func(a cloudwatchtest.AlarmAction) error {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, a.Action)
			return nil
		}))
	want = []string{"Successfully executed action " + policyARN, "Successfully executed action " + topicARN}
	if diff := cmp.Diff(want, actionSummaries(t, own, "own")); diff != "" {
		t.Errorf("WithActionHandler (-want +got):\n%s", diff)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 {
		t.Errorf("WithActionHandler's handler ran %d times, want 2", len(got))
	}
}
