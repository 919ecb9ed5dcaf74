package autoscaletest

import (
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
)

// alarmBook is an AlarmSource a test edits.
type alarmBook struct {
	mu     sync.Mutex
	alarms []CloudWatchAlarm
	asked  []string // account/region of each call
}

func (b *alarmBook) list(account, region string) []CloudWatchAlarm {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.asked = append(b.asked, account+"/"+region)
	return append([]CloudWatchAlarm(nil), b.alarms...)
}

func (b *alarmBook) set(alarms ...CloudWatchAlarm) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.alarms = alarms
}

func cwAlarm(name string, actions ...string) CloudWatchAlarm {
	return CloudWatchAlarm{Name: name, ARN: "arn:aws:cloudwatch:us-east-1:" + fakes.TestAccountID + ":alarm:" + name, Actions: actions}
}

// DescribePolicies lists, in a simple or step policy's Alarms, the
// CloudWatch alarms whose actions name it, whichever state's actions
// they are, each once; a target tracking policy lists its own two first
// (API Reference, ScalingPolicy, Alarms: "The CloudWatch alarms related
// to the policy"). Without an alarm source the list is empty, and an
// alarm gone from CloudWatch is gone from the list.
func TestDescribePoliciesAlarms(t *testing.T) {
	e := newPolicyEnv(t)
	ctx := t.Context()
	e.seedGroup("web", 1, 4, 1, 300)
	put := func(in *autoscaling.PutScalingPolicyInput) string {
		t.Helper()
		in.AutoScalingGroupName = aws.String("web")
		out, err := e.client.PutScalingPolicy(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(out.PolicyARN)
	}
	out := put(&autoscaling.PutScalingPolicyInput{PolicyName: aws.String("out"), AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(1)})
	in := put(&autoscaling.PutScalingPolicyInput{PolicyName: aws.String("in"), PolicyType: aws.String("StepScaling"), AdjustmentType: aws.String("ChangeInCapacity"),
		StepAdjustments: []types.StepAdjustment{{MetricIntervalUpperBound: aws.Float64(0), ScalingAdjustment: aws.Int32(-1)}}})
	tt := put(&autoscaling.PutScalingPolicyInput{PolicyName: aws.String("tt"), PolicyType: aws.String("TargetTrackingScaling"),
		TargetTrackingConfiguration: &types.TargetTrackingConfiguration{TargetValue: aws.Float64(50),
			PredefinedMetricSpecification: &types.PredefinedMetricSpecification{PredefinedMetricType: types.MetricTypeASGAverageCPUUtilization}}})
	const topic = "arn:aws:sns:us-east-1:123456789012:ops"

	describe := func() map[string][]string {
		t.Helper()
		resp, err := e.client.DescribePolicies(ctx, &autoscaling.DescribePoliciesInput{AutoScalingGroupName: aws.String("web")})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, p := range resp.ScalingPolicies {
			got[aws.ToString(p.PolicyName)] = []string{}
			for _, a := range p.Alarms {
				got[aws.ToString(p.PolicyName)] = append(got[aws.ToString(p.PolicyName)], aws.ToString(a.AlarmName)+" "+aws.ToString(a.AlarmARN))
			}
		}
		return got
	}
	ref := func(a CloudWatchAlarm) string { return a.Name + " " + a.ARN }
	own := describe()["tt"]
	if len(own) != 2 {
		t.Fatalf("target tracking's own alarms = %v", own)
	}
	if diff := cmp.Diff(map[string][]string{"out": {}, "in": {}, "tt": own}, describe()); diff != "" {
		t.Errorf("without a source (-want +got):\n%s", diff)
	}

	book := &alarmBook{}
	e.srv.SetAlarms(book.list)
	high, low, mixed := cwAlarm("cpu-high", topic, out), cwAlarm("cpu-low", in), cwAlarm("both", in, out, in)
	gap := cwAlarm("no-data", tt)
	book.set(high, low, mixed, gap, cwAlarm("other", topic))
	want := map[string][]string{
		"out": {ref(mixed), ref(high)},
		"in":  {ref(mixed), ref(low)},
		"tt":  append(append([]string{}, own...), ref(gap)),
	}
	if diff := cmp.Diff(want, describe()); diff != "" {
		t.Errorf("with alarms (-want +got):\n%s", diff)
	}
	book.mu.Lock()
	asked := book.asked
	book.mu.Unlock()
	if len(asked) == 0 || asked[0] != fakes.TestAccountID+"/us-east-1" {
		t.Errorf("source asked for %v", asked)
	}

	book.set(high, gap)
	want = map[string][]string{"out": {ref(high)}, "in": {}, "tt": append(append([]string{}, own...), ref(gap))}
	if diff := cmp.Diff(want, describe()); diff != "" {
		t.Errorf("after deleting alarms (-want +got):\n%s", diff)
	}
	// The policy keeps its own alarms whatever the source said.
	if got := e.srv.Policies(fakes.TestAccountID, "us-east-1", "web"); len(got) != 3 || len(got[2].Alarms) != 2 {
		t.Errorf("Policies = %+v", got)
	}
}
