package autoscaletest

import (
	"encoding/xml"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
)

// cwAlarmShape is what the tests read of a CloudWatch alarm, from
// CloudWatch's own DescribeAlarms answer.
type cwAlarmShape struct {
	Name        string   `xml:"AlarmName"`
	Description string   `xml:"AlarmDescription"`
	Actions     []string `xml:"AlarmActions>member"`
	Namespace   string   `xml:"Namespace"`
	Metric      string   `xml:"MetricName"`
	Statistic   string   `xml:"Statistic"`
	Unit        string   `xml:"Unit"`
	Dimensions  []struct {
		Name  string `xml:"Name"`
		Value string `xml:"Value"`
	} `xml:"Dimensions>member"`
	Period     int     `xml:"Period"`
	Periods    int     `xml:"EvaluationPeriods"`
	Datapoints int     `xml:"DatapointsToAlarm"`
	Threshold  float64 `xml:"Threshold"`
	Operator   string  `xml:"ComparisonOperator"`
}

// cwAlarms reads every alarm of the test account in the CloudWatch fake,
// by name.
func (e *policyEnv) cwAlarms() map[string]cwAlarmShape {
	e.t.Helper()
	body, err := e.cw.Call(fakes.TestAccountID, fakes.DefaultRegion, e.clock.Now(), "DescribeAlarms", url.Values{})
	if err != nil {
		e.t.Fatal(err)
	}
	var resp struct {
		Alarms []cwAlarmShape `xml:"DescribeAlarmsResult>MetricAlarms>member"`
	}
	if err := xml.Unmarshal(body, &resp); err != nil {
		e.t.Fatal(err)
	}
	out := map[string]cwAlarmShape{}
	for _, a := range resp.Alarms {
		out[a.Name] = a
	}
	return out
}

func cpuTracking(target float64, disableScaleIn bool) *types.TargetTrackingConfiguration {
	return &types.TargetTrackingConfiguration{TargetValue: aws.Float64(target), DisableScaleIn: aws.Bool(disableScaleIn),
		PredefinedMetricSpecification: &types.PredefinedMetricSpecification{PredefinedMetricType: types.MetricTypeASGAverageCPUUtilization}}
}

func (e *policyEnv) putTracking(group, name string, cfg *types.TargetTrackingConfiguration, warmup *int32) *autoscaling.PutScalingPolicyOutput {
	e.t.Helper()
	out, err := e.client.PutScalingPolicy(e.t.Context(), &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String(group),
		PolicyName: aws.String(name), PolicyType: aws.String("TargetTrackingScaling"), TargetTrackingConfiguration: cfg,
		EstimatedInstanceWarmup: warmup})
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

// alarmNames are the names of a PutScalingPolicy answer's alarms.
func alarmNames(out *autoscaling.PutScalingPolicyOutput) []string {
	var names []string
	for _, a := range out.Alarms {
		names = append(names, aws.ToString(a.AlarmName))
	}
	return names
}

// User Guide, "Target tracking scaling policies for Amazon EC2 Auto
// Scaling": AutoScaling "creates and manages the CloudWatch alarms",
// TargetTracking-<group>-AlarmHigh-<id> (above the target for 3
// one-minute datapoints) and TargetTracking-<group>-AlarmLow-<id>
// (below 90% of it for 15), whose action is the policy; ASGAverageCPUUtilization
// is the group's average AWS/EC2 CPUUtilization.
func TestTargetTrackingAlarms(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	out := e.putTracking("web", "cpu50", cpuTracking(50, false), nil)
	name := regexp.MustCompile(`^TargetTracking-web-Alarm(High|Low)-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if len(out.Alarms) != 2 {
		t.Fatalf("Alarms = %v, want two", alarmNames(out))
	}
	for i, kind := range []string{"High", "Low"} {
		a := out.Alarms[i]
		m := name.FindStringSubmatch(aws.ToString(a.AlarmName))
		if m == nil || m[1] != kind || aws.ToString(a.AlarmARN) != "arn:aws:cloudwatch:us-east-1:"+fakes.TestAccountID+":alarm:"+aws.ToString(a.AlarmName) {
			t.Errorf("alarm %d = %s, %s", i, aws.ToString(a.AlarmName), aws.ToString(a.AlarmARN))
		}
	}
	arn := aws.ToString(out.PolicyARN)
	dims := []struct {
		Name  string `xml:"Name"`
		Value string `xml:"Value"`
	}{{"AutoScalingGroupName", "web"}}
	desc := "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + arn + "."
	want := map[string]cwAlarmShape{
		aws.ToString(out.Alarms[0].AlarmName): {Name: aws.ToString(out.Alarms[0].AlarmName), Description: desc, Actions: []string{arn},
			Namespace: "AWS/EC2", Metric: "CPUUtilization", Statistic: "Average", Dimensions: dims, Period: 60, Periods: 3, Datapoints: 3,
			Threshold: 50, Operator: "GreaterThanThreshold"},
		aws.ToString(out.Alarms[1].AlarmName): {Name: aws.ToString(out.Alarms[1].AlarmName), Description: desc, Actions: []string{arn},
			Namespace: "AWS/EC2", Metric: "CPUUtilization", Statistic: "Average", Dimensions: dims, Period: 60, Periods: 15, Datapoints: 15,
			Threshold: 45, Operator: "LessThanThreshold"},
	}
	if diff := cmp.Diff(want, e.cwAlarms()); diff != "" {
		t.Errorf("CloudWatch's alarms (-want +got):\n%s", diff)
	}
	// ExecutePolicy runs only simple and step policies (API Reference,
	// ExecutePolicy).
	_, err := e.client.ExecutePolicy(t.Context(), &autoscaling.ExecutePolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("cpu50")})
	wantCode(t, "execute target tracking", err, "ValidationError")
}

// A customized metric is watched as given (API Reference,
// CustomizedMetricSpecification): its namespace, name, dimensions,
// statistic and unit.
func TestTargetTrackingCustomMetric(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	out := e.putTracking("web", "queue", &types.TargetTrackingConfiguration{TargetValue: aws.Float64(100),
		CustomizedMetricSpecification: &types.CustomizedMetricSpecification{Namespace: aws.String("App"), MetricName: aws.String("Backlog"),
			Statistic: types.MetricStatisticSum, Unit: aws.String("Count"),
			Dimensions: []types.MetricDimension{{Name: aws.String("Queue"), Value: aws.String("jobs")}}}}, nil)
	got := e.cwAlarms()[aws.ToString(out.Alarms[1].AlarmName)]
	if diff := cmp.Diff([]any{"App", "Backlog", "Sum", "Count", "Queue=jobs", 90.0},
		[]any{got.Namespace, got.Metric, got.Statistic, got.Unit, got.Dimensions[0].Name + "=" + got.Dimensions[0].Value, got.Threshold}); diff != "" {
		t.Errorf("AlarmLow (-want +got):\n%s", diff)
	}
}

// DisableScaleIn: "the target tracking scaling policy doesn't remove
// capacity" (API Reference, TargetTrackingConfiguration), so there is no
// AlarmLow. Updating the policy updates its alarms in place, keeping
// their names, makes or deletes AlarmLow as DisableScaleIn changes,
// and puts back an alarm a user deleted or edited, as AutoScaling
// manages them ("Do not create, edit, or delete the CloudWatch alarms
// that are used with a target tracking scaling policy", Application
// Auto Scaling User Guide). Deleting the policy deletes them, as
// AutoScaling deletes the alarms it manages "when no longer needed"
// (the same guide), as does making it a simple policy.
func TestTargetTrackingAlarmsFollowThePolicy(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	names := func() []string {
		var out []string
		for n := range e.cwAlarms() {
			out = append(out, n)
		}
		slices.Sort(out)
		return out
	}

	first := e.putTracking("web", "cpu", cpuTracking(50, true), nil)
	high := aws.ToString(first.Alarms[0].AlarmName)
	if len(first.Alarms) != 1 || !strings.Contains(high, "-AlarmHigh-") {
		t.Fatalf("with DisableScaleIn: %v, want AlarmHigh only", alarmNames(first))
	}
	if diff := cmp.Diff([]string{high}, names()); diff != "" {
		t.Errorf("CloudWatch with DisableScaleIn (-want +got):\n%s", diff)
	}

	second := e.putTracking("web", "cpu", cpuTracking(60, false), nil)
	if len(second.Alarms) != 2 || aws.ToString(second.Alarms[0].AlarmName) != high || !strings.Contains(aws.ToString(second.Alarms[1].AlarmName), "-AlarmLow-") {
		t.Fatalf("scale in enabled: %v", alarmNames(second))
	}
	low := aws.ToString(second.Alarms[1].AlarmName)
	got := e.cwAlarms()
	if diff := cmp.Diff([]float64{60, 54}, []float64{got[high].Threshold, got[low].Threshold}); diff != "" {
		t.Errorf("thresholds after the update (-want +got):\n%s", diff)
	}

	// A user deletes AlarmLow and edits AlarmHigh; the next update puts
	// both back.
	del := url.Values{"AlarmNames.member.1": {low}}
	if _, err := e.cw.Call(fakes.TestAccountID, fakes.DefaultRegion, e.clock.Now(), "DeleteAlarms", del); err != nil {
		t.Fatal(err)
	}
	edit := url.Values{"AlarmName": {high}, "Namespace": {"AWS/EC2"}, "MetricName": {"CPUUtilization"}, "Statistic": {"Average"},
		"Period": {"60"}, "EvaluationPeriods": {"1"}, "Threshold": {"99"}, "ComparisonOperator": {"GreaterThanThreshold"}}
	if _, err := e.cw.Call(fakes.TestAccountID, fakes.DefaultRegion, e.clock.Now(), "PutMetricAlarm", edit); err != nil {
		t.Fatal(err)
	}
	third := e.putTracking("web", "cpu", cpuTracking(60, false), nil)
	if diff := cmp.Diff([]string{high, low}, alarmNames(third)); diff != "" {
		t.Errorf("names after the repair (-want +got):\n%s", diff)
	}
	got = e.cwAlarms()
	if diff := cmp.Diff([]any{60.0, 3, 54.0}, []any{got[high].Threshold, got[high].Periods, got[low].Threshold}); diff != "" {
		t.Errorf("alarms after the repair (-want +got):\n%s", diff)
	}

	e.putTracking("web", "cpu", cpuTracking(60, true), nil)
	if diff := cmp.Diff([]string{high}, names()); diff != "" {
		t.Errorf("CloudWatch after disabling scale in (-want +got):\n%s", diff)
	}

	if _, err := e.client.DeletePolicy(t.Context(), &autoscaling.DeletePolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("cpu")}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string(nil), names()); diff != "" {
		t.Errorf("CloudWatch after DeletePolicy (-want +got):\n%s", diff)
	}

	// Made a simple policy, a target tracking policy's alarms go.
	e.putTracking("web", "cpu", cpuTracking(50, false), nil)
	if n := len(names()); n != 2 {
		t.Fatalf("%d alarms, want 2", n)
	}
	if _, err := e.client.PutScalingPolicy(t.Context(), &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String("web"),
		PolicyName: aws.String("cpu"), AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(1)}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string(nil), names()); diff != "" {
		t.Errorf("CloudWatch after the policy became simple (-want +got):\n%s", diff)
	}
}

// Deleting a group deletes its target tracking alarms with its policies
// (User Guide: AutoScaling deletes the alarms it manages "when no
// longer needed"), whether the group goes at once or, force-deleted,
// once its instances are gone.
func TestTargetTrackingAlarmsGoWithTheGroup(t *testing.T) {
	e := newPolicyEnv(t)
	ctx := t.Context()
	e.seedGroup("empty", 0, 4, 0, 300)
	e.seedGroup("busy", 1, 4, 1, 300)
	e.settle("busy")
	e.putTracking("empty", "cpu", cpuTracking(50, false), nil)
	e.putTracking("busy", "cpu", cpuTracking(50, false), nil)
	count := func(group string) int {
		n := 0
		for name := range e.cwAlarms() {
			if strings.HasPrefix(name, "TargetTracking-"+group+"-") {
				n++
			}
		}
		return n
	}
	if diff := cmp.Diff([]int{2, 2}, []int{count("empty"), count("busy")}); diff != "" {
		t.Fatalf("alarms (-want +got):\n%s", diff)
	}
	if _, err := e.client.DeleteAutoScalingGroup(ctx, &autoscaling.DeleteAutoScalingGroupInput{AutoScalingGroupName: aws.String("empty")}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.client.DeleteAutoScalingGroup(ctx, &autoscaling.DeleteAutoScalingGroupInput{AutoScalingGroupName: aws.String("busy"), ForceDelete: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{0, 2}, []int{count("empty"), count("busy")}); diff != "" {
		t.Errorf("while busy's instances terminate (-want +got):\n%s", diff)
	}
	e.settle("empty") // any request moves the engine
	e.settle("empty")
	if diff := cmp.Diff([]int{0, 0}, []int{count("empty"), count("busy")}); diff != "" {
		t.Errorf("once busy is gone (-want +got):\n%s", diff)
	}
}

// Without a CloudWatch to make its alarms in, the fake refuses a target
// tracking policy with InvalidAction and keeps nothing, rather than keep
// a policy that could never scale.
func TestTargetTrackingWithoutCloudWatch(t *testing.T) {
	clock := fakes.NewClock(epoch)
	srv := Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(100*365*24*time.Hour))
	e := &policyEnv{t: t, srv: srv, clock: clock, client: autoscaling.NewFromConfig(srv.Config(""))}
	e.seedGroup("web", 1, 4, 1, 300)
	_, err := e.client.PutScalingPolicy(t.Context(), &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String("web"),
		PolicyName: aws.String("cpu"), PolicyType: aws.String("TargetTrackingScaling"), TargetTrackingConfiguration: cpuTracking(50, false)})
	want := "InvalidAction: autoscaletest has no CloudWatch to make a target tracking policy's alarms in: link one with WithCloudWatch or SetCloudWatch (fakes/localcloud does); it changed nothing."
	if got := codeAndMessage(err); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := srv.Policies(fakes.TestAccountID, fakes.DefaultRegion, "web"); len(got) != 0 {
		t.Errorf("policies = %+v, want none", got)
	}
	// Other policies need no CloudWatch.
	if _, err := e.client.PutScalingPolicy(t.Context(), &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String("web"),
		PolicyName: aws.String("up"), AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(1)}); err != nil {
		t.Error(err)
	}
}

// A refusal from CloudWatch fails the put and keeps no policy.
func TestTargetTrackingCloudWatchRefuses(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	e.srv.SetCloudWatch(func(string, string, time.Time, string, url.Values) ([]byte, error) {
		return nil, &fakes.Error{Status: 400, Code: "LimitExceeded", Message: "The quota for alarms for this customer has already been reached."}
	})
	_, err := e.client.PutScalingPolicy(t.Context(), &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String("web"),
		PolicyName: aws.String("cpu"), PolicyType: aws.String("TargetTrackingScaling"), TargetTrackingConfiguration: cpuTracking(50, false)})
	want := "ValidationError: CloudWatch refused the target tracking alarm: LimitExceeded: The quota for alarms for this customer has already been reached."
	if got := codeAndMessage(err); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := e.srv.Policies(fakes.TestAccountID, fakes.DefaultRegion, "web"); len(got) != 0 {
		t.Errorf("policies = %+v, want none", got)
	}
}

// trackingCapacity: proportional to the metric, rounded up, so the
// metric ends at or under the target.
func TestTrackingCapacity(t *testing.T) {
	for _, tc := range []struct {
		current        int
		metric, target float64
		want           int
	}{
		{2, 90, 50, 4},   // 3.6
		{2, 75, 50, 3},   // exactly 3
		{4, 20, 50, 2},   // 1.6
		{4, 44, 50, 4},   // 3.52
		{10, 51, 50, 11}, // 10.2
		{3, 0, 50, 0},
		{0, 90, 50, 0},
	} {
		if got := trackingCapacity(tc.current, tc.metric, tc.target); got != tc.want {
			t.Errorf("trackingCapacity(%d, %g, %g) = %d, want %d", tc.current, tc.metric, tc.target, got, tc.want)
		}
	}
}

// An alarm firing runs the policy: scale out in proportion, within max,
// warming instances left out of the capacity; scale in waits for them
// and is off with DisableScaleIn; the activity's cause names the alarm
// ("At <time> a monitor alarm <name> in state ALARM triggered policy
// <policy> changing the desired capacity from 2 to 4.").
func TestTargetTrackingRuns(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 5, 2, 300)
	e.settle("web")
	out := e.putTracking("web", "cpu", cpuTracking(50, false), aws.Int32(60))
	arn := aws.ToString(out.PolicyARN)
	high, low := aws.ToString(out.Alarms[0].AlarmName), aws.ToString(out.Alarms[1].AlarmName)
	fire := func(alarmName string, metric float64) int {
		t.Helper()
		if err := e.srv.AlarmAction(AlarmTrigger{PolicyARN: arn, AlarmName: alarmName, State: "ALARM", MetricValue: aws.Float64(metric),
			Threshold: aws.Float64(50), Time: e.clock.Now()}); err != nil {
			t.Fatal(err)
		}
		return e.desired("web")
	}
	e.clock.Advance(2 * time.Minute) // past the warmup of the first two
	if got := fire(high, 90); got != 4 {
		t.Fatalf("at 90%% of 50: desired %d, want ceil(2*90/50) = 4", got)
	}
	// The two new instances warm up: the same load asks for 4 of the two
	// warm ones' capacity, which the group has.
	if got := fire(high, 90); got != 4 {
		t.Errorf("again while warming: desired %d, want 4", got)
	}
	// Scale in waits for warming instances.
	if got := fire(low, 20); got != 4 {
		t.Errorf("scale in while warming: desired %d, want 4", got)
	}
	e.settle("web")
	e.clock.Advance(2 * time.Minute)
	// Scaling out again, max caps it: ceil(4*90/50) = 8 > 5.
	if got := fire(high, 90); got != 5 {
		t.Errorf("capped: desired %d, want max 5", got)
	}
	e.settle("web")
	e.clock.Advance(2 * time.Minute)
	if got := fire(low, 20); got != 2 {
		t.Errorf("at 20%% of 50: desired %d, want ceil(5*20/50) = 2", got)
	}
	e.settle("web")
	e.clock.Advance(2 * time.Minute)
	if got := fire(low, 5); got != 1 {
		t.Errorf("at 5%%: desired %d, want min 1", got)
	}
	want := []string{
		"triggered policy cpu changing the desired capacity from 2 to 4",
		"triggered policy cpu changing the desired capacity from 4 to 5",
		"triggered policy cpu changing the desired capacity from 5 to 2",
		"triggered policy cpu changing the desired capacity from 2 to 1",
	}
	if diff := cmp.Diff(want, e.changes("web")); diff != "" {
		t.Errorf("activities (-want +got):\n%s", diff)
	}
	if c := e.causes("web"); !slices.ContainsFunc(c, func(s string) bool {
		return strings.Contains(s, "a monitor alarm "+high+" in state ALARM triggered policy cpu changing the desired capacity from 2 to 4.")
	}) {
		t.Errorf("no cause names the alarm: %q", c)
	}

	// DisableScaleIn: a low metric does nothing.
	e.putTracking("web", "cpu", cpuTracking(50, true), aws.Int32(60))
	e.settle("web")
	e.clock.Advance(2 * time.Minute)
	if _, err := e.client.SetDesiredCapacity(t.Context(), &autoscaling.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("web"), DesiredCapacity: aws.Int32(3)}); err != nil {
		t.Fatal(err)
	}
	e.settle("web")
	e.clock.Advance(2 * time.Minute)
	if got := fire(low, 5); got != 3 {
		t.Errorf("scale in disabled: desired %d, want 3", got)
	}
	// An alarm with no datapoint (set by hand) cannot size the group.
	err := e.srv.AlarmAction(AlarmTrigger{PolicyARN: arn, AlarmName: high, State: "ALARM", Time: e.clock.Now()})
	if err == nil || !strings.Contains(err.Error(), "no metric value") {
		t.Errorf("without a metric: %v", err)
	}
}
