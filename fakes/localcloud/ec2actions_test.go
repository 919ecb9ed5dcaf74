package localcloud_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awscw "github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
)

// ec2ActionCloud starts a local cloud on a clock the test moves, and a
// running EC2 instance in it with detailed monitoring (a CPU datapoint a
// minute).
func ec2ActionCloud(t *testing.T) (*localcloud.Cloud, *fakes.Clock, *ec2.Instance) {
	t.Helper()
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
	cloud := localcloud.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(48*time.Hour))
	ctx := t.Context()
	res, err := ec2.New(cloud.Config("")).RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, InstanceType: "t3.micro", Monitoring: true})
	if err != nil {
		t.Fatal(err)
	}
	inst := res.Instances[0]
	if err := inst.Wait(ctx, ec2.InstanceRunning, goboto.Interval(time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	return cloud, clock, inst
}

// actionHistory returns the summaries and error fields of an alarm's
// Action history items, oldest first.
func actionHistory(t *testing.T, alarm *cloudwatch.Alarm) (summaries, errs []string) {
	t.Helper()
	items, err := goboto.Collect(alarm.History(t.Context(), cloudwatch.HistoryFilter{Type: cloudwatch.HistoryAction, OldestFirst: true}))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		summaries = append(summaries, it.Summary)
		var data struct {
			Error *string `json:"error"`
		}
		if err := json.Unmarshal([]byte(it.Data), &data); err != nil {
			t.Fatalf("history data %q: %v", it.Data, err)
		}
		if data.Error != nil {
			errs = append(errs, *data.Error)
		}
	}
	return summaries, errs
}

// An alarm on an idle instance's CPUUtilization stops, terminates or
// reboots it in the local cloud (CloudWatch User Guide, "Create alarms
// to stop, terminate, reboot, or recover an EC2 instance": the
// arn:aws:automate:<region>:ec2:stop, terminate and reboot actions on
// an alarm "set on an Amazon EC2 per-instance metric", run on the
// instance its InstanceId dimension names), and the alarm's history
// records the action as executed (API Reference, DescribeAlarmHistory,
// HistoryItemType Action). The instance runs at 50% for three minutes,
// which keeps the alarm out of ALARM and the instance running; at 2% the
// alarm (under 10% for three one-minute datapoints) fires and the action
// runs through EC2, which the goboto ec2 client sees. A reboot leaves the
// instance running (EC2 API Reference, RebootInstances).
func TestAlarmEC2Actions(t *testing.T) {
	for _, tc := range []struct {
		verb string
		want ec2.InstanceState
	}{
		{"stop", ec2.InstanceStopped},
		{"terminate", ec2.InstanceTerminated},
		{"reboot", ec2.InstanceRunning},
	} {
		t.Run(tc.verb, func(t *testing.T) {
			cloud, clock, inst := ec2ActionCloud(t)
			ctx := t.Context()
			acct, region := fakes.TestAccountID, fakes.DefaultRegion
			action := "arn:aws:automate:" + region + ":ec2:" + tc.verb
			cpu := func(v float64) {
				t.Helper()
				if err := cloud.CloudWatch().SetInstanceMetric(acct, region, inst.ID, "CPUUtilization", v); err != nil {
					t.Fatal(err)
				}
			}
			cpu(50)
			cw := cloudwatch.New(cloud.Config(""))
			alarm, err := cw.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: "idle-" + tc.verb,
				Metric: cw.InstanceMetric(inst.ID, "CPUUtilization"), Statistic: cloudwatch.Average,
				Period: time.Minute, EvaluationPeriods: 3, Threshold: 10, Comparison: "<", AlarmActions: []string{action}})
			if err != nil {
				t.Fatal(err)
			}
			// tick moves the cloud a minute, lets CloudWatch evaluate, and
			// returns the alarm's state and the instance's.
			tick := func() (cloudwatch.AlarmState, ec2.InstanceState) {
				t.Helper()
				clock.Advance(time.Minute)
				if err := alarm.Refresh(ctx); err != nil {
					t.Fatal(err)
				}
				if err := inst.Refresh(ctx); err != nil {
					t.Fatal(err)
				}
				return alarm.State, inst.State
			}
			for range 3 {
				if a, s := tick(); a == cloudwatch.AlarmAlarm || s != ec2.InstanceRunning {
					t.Fatalf("busy: alarm %s, instance %s; want the instance running", a, s)
				}
			}
			cpu(2)
			fired := false
			for range 5 {
				if a, _ := tick(); a == cloudwatch.AlarmAlarm {
					fired = true
					break
				}
			}
			if !fired {
				t.Fatalf("idle for 5 minutes: alarm %s, want ALARM", alarm.State)
			}
			if inst.State != tc.want {
				t.Errorf("instance %s after the alarm, want %s", inst.State, tc.want)
			}
			got, errs := actionHistory(t, alarm)
			if diff := cmp.Diff([]string{"Successfully executed action " + action}, got); diff != "" || errs != nil {
				t.Errorf("action history (-want +got):\n%s\nerrors: %v", diff, errs)
			}
		})
	}
}

// EC2's refusal is the action's failure, recorded in the alarm's history
// with EC2's code: rebooting a stopped instance is IncorrectInstanceState
// and stopping one EC2 does not hold InvalidInstanceID.NotFound (EC2 API
// Reference, "Error codes for the Amazon EC2 API"), and nothing changes. The swf form of the ARN
// (arn:aws:swf:<region>:<account-id>:action/actions/AWS_EC2.InstanceId.Reboot/1.0,
// API Reference, PutMetricAlarm, AlarmActions) is the same action.
func TestAlarmEC2ActionFails(t *testing.T) {
	cloud, _, inst := ec2ActionCloud(t)
	ctx := t.Context()
	if err := inst.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := inst.Wait(ctx, ec2.InstanceStopped, goboto.Interval(time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	cw := cloudwatch.New(cloud.Config(""))
	for _, action := range []string{
		"arn:aws:automate:us-east-1:ec2:reboot",
		"arn:aws:swf:us-east-1:" + fakes.TestAccountID + ":action/actions/AWS_EC2.InstanceId.Reboot/1.0",
	} {
		alarm, err := cw.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: "reboot-" + strings.SplitN(action, ":", 4)[2],
			Metric: cw.InstanceMetric(inst.ID, "StatusCheckFailed"), Statistic: cloudwatch.Maximum,
			Period: time.Minute, EvaluationPeriods: 2, Threshold: 1, Comparison: ">=", AlarmActions: []string{action}})
		if err != nil {
			t.Fatal(err)
		}
		if err := alarm.SetState(ctx, cloudwatch.AlarmAlarm, "test", ""); err != nil {
			t.Fatal(err)
		}
		got, errs := actionHistory(t, alarm)
		if diff := cmp.Diff([]string{"Failed to execute action " + action}, got); diff != "" {
			t.Errorf("%s: action history (-want +got):\n%s", action, diff)
		}
		if len(errs) != 1 || !strings.Contains(errs[0], "IncorrectInstanceState") || !strings.Contains(errs[0], inst.ID) {
			t.Errorf("%s: recorded errors %v, want EC2's IncorrectInstanceState for %s", action, errs, inst.ID)
		}
	}
	if err := inst.Refresh(ctx); err != nil || inst.State != ec2.InstanceStopped {
		t.Errorf("instance %s (%v), want stopped", inst.State, err)
	}

	// An instance EC2 does not hold: InvalidInstanceID.NotFound.
	const gone = "i-0000000000000dead"
	alarm, err := cw.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: "stop-gone",
		Metric: cw.InstanceMetric(gone, "CPUUtilization"), Statistic: cloudwatch.Average,
		Period: time.Minute, EvaluationPeriods: 1, Threshold: 10, Comparison: "<", AlarmActions: []string{"arn:aws:automate:us-east-1:ec2:stop"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := alarm.SetState(ctx, cloudwatch.AlarmAlarm, "test", ""); err != nil {
		t.Fatal(err)
	}
	if _, errs := actionHistory(t, alarm); len(errs) != 1 || !strings.Contains(errs[0], "InvalidInstanceID.NotFound") {
		t.Errorf("stop of an unknown instance: recorded errors %v, want InvalidInstanceID.NotFound", errs)
	}
}

// An EC2 action needs an alarm on one instance: PutMetricAlarm refuses
// one whose metric has no InstanceId dimension with ValidationError,
// "Invalid use of EC2 action. An EC2 action can only be used if the alarm
// is monitoring an EC2 instance." (User Guide, "Create alarms to stop,
// terminate, reboot, or recover an EC2 instance"; the message and code
// as quoted in marklogic/cloud-enablement-aws#82), so no action ever
// runs without an instance to act on.
func TestAlarmEC2ActionNeedsInstance(t *testing.T) {
	cloud := localcloud.Start(t)
	cw := cloudwatch.New(cloud.Config(""))
	opts := cloudwatch.AlarmOptions{Name: "group-idle",
		Metric: cw.Metric(cloudwatch.EC2Namespace, "CPUUtilization", cloudwatch.Dimensions{"AutoScalingGroupName": "web"}), Statistic: cloudwatch.Average,
		Period: time.Minute, EvaluationPeriods: 3, Threshold: 10, Comparison: "<", AlarmActions: []string{"arn:aws:automate:us-east-1:ec2:stop"}}
	// goboto refuses it before sending; the raw client shows the fake's
	// own answer.
	var ve *goboto.ValidationError
	if _, err := cw.PutMetricAlarm(t.Context(), opts); !errors.As(err, &ve) {
		t.Fatalf("goboto's PutMetricAlarm: %v, want a ValidationError before sending", err)
	}
	_, err := cw.Client().PutMetricAlarm(t.Context(), &awscw.PutMetricAlarmInput{
		AlarmName: aws.String("group-idle"), Namespace: aws.String(cloudwatch.EC2Namespace), MetricName: aws.String("CPUUtilization"),
		Dimensions: []cwtypes.Dimension{{Name: aws.String("AutoScalingGroupName"), Value: aws.String("web")}},
		Statistic:  cwtypes.StatisticAverage, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(3), Threshold: aws.Float64(10),
		ComparisonOperator: cwtypes.ComparisonOperatorLessThanThreshold, AlarmActions: []string{"arn:aws:automate:us-east-1:ec2:stop"},
	})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "ValidationError" || !strings.Contains(ae.ErrorMessage(), "An EC2 action can only be used if the alarm is monitoring an EC2 instance") {
		t.Fatalf("raw PutMetricAlarm: %v, want ValidationError", err)
	}
	if alarms := cloud.CloudWatch().Alarms(fakes.TestAccountID, fakes.DefaultRegion); len(alarms) != 0 {
		t.Errorf("alarms after the refusal: %+v", alarms)
	}
}

// The recover action recovers an instance whose system status check has
// failed, and nothing else (EC2 User Guide, "Configure CloudWatch action
// based recovery": recovery restores an instance "when AWS detects an
// underlying hardware or software issue that causes a system status
// check to fail", and "can only operate if an instance is in the
// running state"). The local cloud's instances pass their checks unless
// a test impairs one (ec2test.Backend.SetInstanceStatus): on a healthy
// instance the action fails, saying so; on an impaired one it succeeds
// and the system check passes again, the instance still running with
// the same ID.
func TestAlarmEC2Recover(t *testing.T) {
	cloud, _, inst := ec2ActionCloud(t)
	ctx := t.Context()
	acct, region := fakes.TestAccountID, fakes.DefaultRegion
	const action = "arn:aws:automate:us-east-1:ec2:recover"
	cw := cloudwatch.New(cloud.Config(""))
	alarm, err := cw.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{Name: "recover",
		Metric: cw.InstanceMetric(inst.ID, "StatusCheckFailed_System"), Statistic: cloudwatch.Maximum,
		Period: time.Minute, EvaluationPeriods: 2, Threshold: 1, Comparison: ">=", AlarmActions: []string{action}})
	if err != nil {
		t.Fatal(err)
	}
	fire := func() {
		t.Helper()
		// Through OK, so that ALARM is a change of state and its
		// actions run.
		for _, s := range []cloudwatch.AlarmState{cloudwatch.AlarmOK, cloudwatch.AlarmAlarm} {
			if err := alarm.SetState(ctx, s, "test", ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	systemStatus := func() ec2.CheckStatus {
		t.Helper()
		st, err := inst.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return st.System
	}

	fire()
	if !cloud.EC2().SetInstanceStatus(acct, region, inst.ID, ec2test.StatusImpaired, "") {
		t.Fatal("SetInstanceStatus refused")
	}
	if s := systemStatus(); s != ec2.InstanceStatusImpaired {
		t.Fatalf("system status %s after impairing it", s)
	}
	fire()
	got, errs := actionHistory(t, alarm)
	want := []string{"Failed to execute action " + action, "Successfully executed action " + action}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("action history (-want +got):\n%s", diff)
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "system status check is ok") {
		t.Errorf("recorded errors %v, want the healthy instance's", errs)
	}
	if s := systemStatus(); s != ec2.InstanceStatusOK {
		t.Errorf("system status %s after recovery, want ok", s)
	}
	if err := inst.Refresh(ctx); err != nil || inst.State != ec2.InstanceRunning {
		t.Errorf("instance %s (%v) after recovery, want running", inst.State, err)
	}
}
