package cloudwatchtest_test

import (
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

const stopARN = "arn:aws:automate:us-east-1:ec2:stop"

// EC2 actions may go only on an alarm that watches one instance, a metric
// with an InstanceId dimension, alone or among others (CloudWatch User
// Guide, "Create alarms to stop, terminate, reboot, or recover an EC2
// instance": "any alarm that is set on an Amazon EC2 per-instance metric
// ... in addition to any custom metrics that include the "InstanceId="
// dimension"); else PutMetricAlarm answers ValidationError, "Invalid use
// of EC2 action. An EC2 action can only be used if the alarm is
// monitoring an EC2 instance." (quoted with its code in
// marklogic/cloud-enablement-aws#82). The automate ARNs are ec2:stop,
// terminate, reboot and recover (API Reference, PutMetricAlarm,
// AlarmActions).
func TestEC2ActionNeedsInstance(t *testing.T) {
	each(t, func(t *testing.T, srv *cloudwatchtest.Server, clock *fakes.Clock, client *cloudwatch.Client) {
		ctx := t.Context()
		withInstance := append(dims("Host", "a"), types.Dimension{Name: aws.String("InstanceId"), Value: aws.String("i-0123456789abcdef0")})
		for _, tc := range []struct {
			name string
			f    func(*cloudwatch.PutMetricAlarmInput)
			want string // the code, "" for accepted
		}{
			{"stop on Host", func(in *cloudwatch.PutMetricAlarmInput) { in.AlarmActions = []string{stopARN} }, "ValidationError"},
			{"reboot as an OK action, no dimensions", func(in *cloudwatch.PutMetricAlarmInput) {
				in.Dimensions, in.OKActions = nil, []string{"arn:aws:automate:us-east-1:ec2:reboot"}
			}, "ValidationError"},
			{"swf terminate on Host", func(in *cloudwatch.PutMetricAlarmInput) {
				in.InsufficientDataActions = []string{"arn:aws:swf:us-east-1:123456789012:action/actions/AWS_EC2.InstanceId.Terminate/1.0"}
			}, "ValidationError"},
			{"not an EC2 action", func(in *cloudwatch.PutMetricAlarmInput) {
				in.Dimensions, in.AlarmActions = withInstance, []string{"arn:aws:automate:us-east-1:ec2:hibernate"}
			}, "InvalidParameterValue"},
			// "Invalid partition aws specified. Only aws-us-gov is
			// supported." (ValidationError; aws/aws-cdk#19765).
			{"action of another partition", func(in *cloudwatch.PutMetricAlarmInput) {
				in.Dimensions, in.AlarmActions = withInstance, []string{"arn:aws-us-gov:automate:us-east-1:ec2:reboot"}
			}, "ValidationError"},
			{"stop with InstanceId among others", func(in *cloudwatch.PutMetricAlarmInput) {
				in.Dimensions, in.AlarmActions = withInstance, []string{stopARN, topicARN}
			}, ""},
			{"recover on InstanceId", func(in *cloudwatch.PutMetricAlarmInput) {
				in.Dimensions, in.AlarmActions = withInstance[1:], []string{"arn:aws:automate:us-east-1:ec2:recover"}
			}, ""},
		} {
			_, err := client.PutMetricAlarm(ctx, alarmInput(strings.ReplaceAll(tc.name, " ", "-"), tc.f))
			if got := alarmCode(err); got != tc.want {
				t.Errorf("%s: code %q (%v), want %q", tc.name, got, err, tc.want)
			}
			msg := "An EC2 action can only be used if the alarm is monitoring an EC2 instance."
			if strings.Contains(tc.name, "partition") {
				msg = "Invalid partition aws-us-gov specified. Only aws is supported."
			}
			if tc.want == "ValidationError" && (err == nil || !strings.Contains(err.Error(), msg)) {
				t.Errorf("%s: %v, want AWS's message %q", tc.name, err, msg)
			}
		}
		out, err := client.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, a := range out.MetricAlarms {
			names = append(names, aws.ToString(a.AlarmName))
		}
		if diff := cmp.Diff([]string{"recover-on-InstanceId", "stop-with-InstanceId-among-others"}, names); diff != "" {
			t.Errorf("alarms made (-want +got):\n%s", diff)
		}
	})
}

// An action carries the alarm's dimensions, so that the handler of an EC2
// action finds the instance it acts on.
func TestAlarmActionDimensions(t *testing.T) {
	var mu sync.Mutex
	var got []cloudwatchtest.AlarmAction
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
	srv := cloudwatchtest.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(48*time.Hour),
		cloudwatchtest.WithActionHandler(func(a cloudwatchtest.AlarmAction) error {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, a)
			return nil
		}))
	client := cloudwatch.NewFromConfig(srv.Config(""))
	ctx := t.Context()
	in := alarmInput("stop-idle", func(in *cloudwatch.PutMetricAlarmInput) {
		in.Dimensions = append(in.Dimensions, types.Dimension{Name: aws.String("InstanceId"), Value: aws.String("i-0123456789abcdef0")})
		in.AlarmActions = []string{stopARN}
	})
	if _, err := client.PutMetricAlarm(ctx, in); err != nil {
		t.Fatal(err)
	}
	if _, err := client.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: in.AlarmName,
		StateValue: types.StateValueAlarm, StateReason: aws.String("test")}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 {
		t.Fatalf("%d actions, want 1: %+v", len(got), got)
	}
	want := map[string]string{"Host": "a", "InstanceId": "i-0123456789abcdef0"}
	if diff := cmp.Diff(want, got[0].Dimensions); diff != "" || got[0].Action != stopARN {
		t.Errorf("action %s, dimensions (-want +got):\n%s", got[0].Action, diff)
	}
}

// EC2ActionVerb reads both forms of EC2 action ARN (API Reference,
// PutMetricAlarm, AlarmActions, "EC2 actions") and nothing else.
func TestEC2ActionVerb(t *testing.T) {
	for _, tc := range []struct {
		arn, verb string
		ok        bool
	}{
		{"arn:aws:automate:us-east-1:ec2:stop", "stop", true},
		{"arn:aws:automate:us-east-1:ec2:recover", "recover", true},
		{"arn:aws:automate:us-east-1:ec2:Stop", "Stop", true},
		{"arn:aws:automate:us-east-1:rds:stop", "stop", false},
		{"arn:aws:swf:us-east-1:123456789012:action/actions/AWS_EC2.InstanceId.Reboot/1.0", "reboot", true},
		{"arn:aws:swf:us-east-1:123456789012:action/actions/AWS_EC2.InstanceId.Terminate", "", true},
		{"arn:aws:swf:us-east-1:123456789012:action/other", "", false},
		{"arn:aws:sns:us-east-1:123456789012:ops", "", false},
		{"automate:us-east-1:ec2:stop", "", false},
	} {
		verb, ok := cloudwatchtest.EC2ActionVerb(tc.arn)
		if verb != tc.verb || ok != tc.ok {
			t.Errorf("EC2ActionVerb(%q) = %q, %v; want %q, %v", tc.arn, verb, ok, tc.verb, tc.ok)
		}
	}
}
