package cloudwatchtest_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
)

// Alarms shows each alarm's name, ARN, state and actions as put, without
// evaluating it: a new alarm stays INSUFFICIENT_DATA however far the
// clock moves until a request or Evaluate looks at it.
func TestAlarmsInspection(t *testing.T) {
	srv, clock := start(t)
	client := cloudwatch.NewFromConfig(srv.Config(""))
	for _, name := range []string{"b-alarm", "a-alarm"} {
		if _, err := client.PutMetricAlarm(t.Context(), alarmInput(name, func(in *cloudwatch.PutMetricAlarmInput) {
			in.InsufficientDataActions = []string{policyARN}
			if name == "a-alarm" {
				in.ActionsEnabled = aws.Bool(false)
			}
		})); err != nil {
			t.Fatal(err)
		}
	}
	putCPU(t, client, clock.Now(), 99)
	putCPU(t, client, clock.Now().Add(-time.Minute), 99)
	clock.Advance(time.Minute)
	arn := func(name string) string { return "arn:aws:cloudwatch:us-east-1:" + srv.Account() + ":alarm:" + name }
	want := []cloudwatchtest.AlarmInfo{
		{Name: "a-alarm", ARN: arn("a-alarm"), State: "INSUFFICIENT_DATA", ActionsEnabled: false,
			OKActions: []string{policyARN}, AlarmActions: []string{topicARN}, InsufficientDataActions: []string{policyARN}},
		{Name: "b-alarm", ARN: arn("b-alarm"), State: "INSUFFICIENT_DATA", ActionsEnabled: true,
			OKActions: []string{policyARN}, AlarmActions: []string{topicARN}, InsufficientDataActions: []string{policyARN}},
	}
	if diff := cmp.Diff(want, srv.Alarms(srv.Account(), "us-east-1")); diff != "" {
		t.Errorf("Alarms (-want +got):\n%s", diff)
	}
	srv.Evaluate()
	got := srv.Alarms(srv.Account(), "us-east-1")
	if len(got) != 2 || got[0].State != "ALARM" || got[1].State != "ALARM" {
		t.Errorf("after Evaluate: %+v", got)
	}
	if got := srv.Alarms(srv.Account(), "eu-west-1"); len(got) != 0 {
		t.Errorf("another region: %+v", got)
	}
}
