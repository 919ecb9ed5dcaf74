package autoscaletest

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
)

// policyEnv is a fake with a clock, a CloudWatch fake its target
// tracking policies make their alarms in, and a v2 client.
type policyEnv struct {
	t      *testing.T
	srv    *Server
	cw     *cloudwatchtest.Backend
	clock  *fakes.Clock
	client *autoscaling.Client
}

var epoch = time.Date(2026, 12, 6, 14, 0, 0, 0, time.UTC)

func newPolicyEnv(t *testing.T) *policyEnv {
	t.Helper()
	clock := fakes.NewClock(epoch)
	// The clock moves by days, so signatures are taken from any time.
	cw, err := cloudwatchtest.NewBackend(fakes.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	srv := Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(100*365*24*time.Hour), WithCloudWatch(cw.Call))
	return &policyEnv{t: t, srv: srv, cw: cw, clock: clock, client: autoscaling.NewFromConfig(srv.Config(""))}
}

// seedGroup makes a group of a launch configuration in one zone
// through the API and returns its state.
func (e *policyEnv) seedGroup(name string, minSize, maxSize, desired, cooldown int) *group {
	e.t.Helper()
	ctx := e.t.Context()
	if _, err := e.client.CreateLaunchConfiguration(ctx, &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: aws.String(name),
		ImageId: aws.String(ec2test.DefaultEBSImage), InstanceType: aws.String("t3.micro")}); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.client.CreateAutoScalingGroup(ctx, &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String(name),
		LaunchConfigurationName: aws.String(name), AvailabilityZones: []string{"us-east-1a"}, DefaultCooldown: aws.Int32(int32(cooldown)),
		MinSize: aws.Int32(int32(minSize)), MaxSize: aws.Int32(int32(maxSize)), DesiredCapacity: aws.Int32(int32(desired))}); err != nil {
		e.t.Fatal(err)
	}
	var g *group
	e.read(func(st *region) { g = st.groups[name] })
	return g
}

// settle lets the group's launches finish: the fake's instances take
// DefaultLaunchTime, and finish at the next request after it.
func (e *policyEnv) settle(name string) {
	e.t.Helper()
	e.clock.Advance(10 * time.Second)
	if _, err := e.client.DescribeAutoScalingGroups(e.t.Context(), &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{name}}); err != nil {
		e.t.Fatal(err)
	}
}

// read runs fn on the region's state under its lock.
func (e *policyEnv) read(fn func(st *region)) {
	st := e.srv.regions.Get(fakes.TestAccountID, fakes.DefaultRegion)
	st.mu.Lock()
	defer st.mu.Unlock()
	fn(st)
}

func (e *policyEnv) desired(name string) (n int) {
	e.read(func(st *region) { n = st.groups[name].desired })
	return n
}

func codeAndMessage(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode() + ": " + ae.ErrorMessage()
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

func wantCode(t *testing.T, what string, err error, want string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != want {
		t.Errorf("%s: %v, want %s", what, err, want)
	}
}

var policyARN = regexp.MustCompile(`^arn:aws:autoscaling:us-east-1:` + fakes.TestAccountID +
	`:scalingPolicy:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}:autoScalingGroupName/web:policyName/(.+)$`)

func TestPutScalingPolicyARNs(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	ctx := t.Context()
	put := func(name string, adj int32) string {
		out, err := e.client.PutScalingPolicy(ctx, &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String("web"),
			PolicyName: aws.String(name), AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(adj)})
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(out.PolicyARN)
	}
	up, down := put("up", 1), put("down", -1)
	// API Reference, ScalingPolicy: PolicyARN is the policy's own
	// ResourceName (arn:...:scalingPolicy:<id>:autoScalingGroupName/<g>:policyName/<p>);
	// each policy has its own ID, unlike moto's one UUID for all.
	for name, arn := range map[string]string{"up": up, "down": down} {
		if m := policyARN.FindStringSubmatch(arn); m == nil || m[1] != name {
			t.Errorf("ARN of %s = %q", name, arn)
		}
	}
	if up[:80] == down[:80] {
		t.Errorf("two policies share an ID: %s, %s", up, down)
	}
	// PutScalingPolicy on an existing name updates it in place: the ARN
	// alarms name still works.
	if again := put("up", 2); again != up {
		t.Errorf("updated policy's ARN = %s, want %s", again, up)
	}
	out, err := e.client.DescribePolicies(ctx, &autoscaling.DescribePoliciesInput{AutoScalingGroupName: aws.String("web"), PolicyNames: []string{"up"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.ScalingPolicies) != 1 {
		t.Fatalf("DescribePolicies = %d policies, want 1", len(out.ScalingPolicies))
	}
	p := out.ScalingPolicies[0]
	got := []any{aws.ToString(p.PolicyName), aws.ToString(p.PolicyType), aws.ToString(p.AdjustmentType), aws.ToInt32(p.ScalingAdjustment),
		aws.ToString(p.PolicyARN), aws.ToBool(p.Enabled), p.Cooldown == nil, aws.ToString(p.AutoScalingGroupName)}
	want := []any{"up", "SimpleScaling", "ChangeInCapacity", int32(2), up, true, true, "web"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DescribePolicies (-want +got):\n%s", diff)
	}
}

func TestPutScalingPolicyErrors(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	ctx := t.Context()
	step := func(lo, hi *float64, adj int32) types.StepAdjustment {
		return types.StepAdjustment{MetricIntervalLowerBound: lo, MetricIntervalUpperBound: hi, ScalingAdjustment: aws.Int32(adj)}
	}
	f := aws.Float64
	simple := func(in *autoscaling.PutScalingPolicyInput) *autoscaling.PutScalingPolicyInput {
		in.AutoScalingGroupName = aws.String("web")
		if in.PolicyName == nil {
			in.PolicyName = aws.String("p")
		}
		return in
	}
	cpu := &types.TargetTrackingConfiguration{TargetValue: f(50), PredefinedMetricSpecification: &types.PredefinedMetricSpecification{PredefinedMetricType: types.MetricTypeASGAverageCPUUtilization}}
	// API Reference, PutScalingPolicy: each member's scope; User Guide,
	// "Step adjustments for step scaling"; quotas for the limit.
	for _, tc := range []struct {
		name string
		in   *autoscaling.PutScalingPolicyInput
		want string
	}{
		{"no group", &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String("nope"), PolicyName: aws.String("p"),
			AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(1)}, "ValidationError: AutoScalingGroup name not found - null"},
		{"colon", simple(&autoscaling.PutScalingPolicyInput{PolicyName: aws.String("a:b"), AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(1)}),
			"ValidationError: PolicyName cannot contain a colon"},
		{"no adjustment type", simple(&autoscaling.PutScalingPolicyInput{ScalingAdjustment: aws.Int32(1)}),
			"ValidationError: Adjustment type must be specified for a SimpleScaling policy"},
		{"no scaling adjustment", simple(&autoscaling.PutScalingPolicyInput{AdjustmentType: aws.String("ChangeInCapacity")}),
			"ValidationError: Scaling increment must be specified for a SimpleScaling policy"},
		{"cooldown on step", simple(&autoscaling.PutScalingPolicyInput{PolicyType: aws.String("StepScaling"), AdjustmentType: aws.String("ChangeInCapacity"),
			Cooldown: aws.Int32(60), StepAdjustments: []types.StepAdjustment{step(f(0), nil, 1)}}), "ValidationError: Cooldown is not supported for policy type StepScaling."},
		{"overlap", simple(&autoscaling.PutScalingPolicyInput{PolicyType: aws.String("StepScaling"), AdjustmentType: aws.String("ChangeInCapacity"),
			StepAdjustments: []types.StepAdjustment{step(f(0), f(20), 1), step(f(10), nil, 2)}}), "ValidationError: Step adjustment intervals must not overlap"},
		{"gap", simple(&autoscaling.PutScalingPolicyInput{PolicyType: aws.String("StepScaling"), AdjustmentType: aws.String("ChangeInCapacity"),
			StepAdjustments: []types.StepAdjustment{step(f(0), f(10), 1), step(f(20), nil, 2)}}), "ValidationError: There must not be a gap between step adjustment intervals"},
		{"no open upper end", simple(&autoscaling.PutScalingPolicyInput{PolicyType: aws.String("StepScaling"), AdjustmentType: aws.String("ChangeInCapacity"),
			StepAdjustments: []types.StepAdjustment{step(f(0), f(10), 1)}}),
			"ValidationError: A step adjustment with a null upper bound is required when a step adjustment has a positive upper bound"},
		{"magnitude without percent", simple(&autoscaling.PutScalingPolicyInput{AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(1), MinAdjustmentMagnitude: aws.Int32(2)}),
			"ValidationError: MinAdjustmentMagnitude is only supported with adjustment type PercentChangeInCapacity."},
		{"bad type", simple(&autoscaling.PutScalingPolicyInput{PolicyType: aws.String("Magic")}),
			"ValidationError: Invalid policy type Magic. Valid policy types are SimpleScaling, StepScaling, TargetTrackingScaling and PredictiveScaling."},
		{"ALB metric", simple(&autoscaling.PutScalingPolicyInput{PolicyType: aws.String("TargetTrackingScaling"), TargetTrackingConfiguration: &types.TargetTrackingConfiguration{
			TargetValue: f(100), PredefinedMetricSpecification: &types.PredefinedMetricSpecification{PredefinedMetricType: types.MetricTypeALBRequestCountPerTarget, ResourceLabel: aws.String("app/x")}}}),
			"ValidationError: Target group not attached to the Auto Scaling group"},
		{"tracking without config", simple(&autoscaling.PutScalingPolicyInput{PolicyType: aws.String("TargetTrackingScaling")}),
			"ValidationError: TargetTrackingConfiguration must be specified for a TargetTrackingScaling policy"},
		{"adjustment type on tracking", simple(&autoscaling.PutScalingPolicyInput{PolicyType: aws.String("TargetTrackingScaling"), AdjustmentType: aws.String("ChangeInCapacity"), TargetTrackingConfiguration: cpu}),
			"ValidationError: AdjustmentType is not supported for policy type TargetTrackingScaling."},
		{"predictive", simple(&autoscaling.PutScalingPolicyInput{PolicyType: aws.String("PredictiveScaling")}),
			"InvalidAction: autoscaletest does not implement PredictiveScaling policies yet; it changed nothing."},
		//lint:ignore SA1019 the deprecated member must agree with its replacement
		{"min adjustment step disagrees", simple(&autoscaling.PutScalingPolicyInput{AdjustmentType: aws.String("PercentChangeInCapacity"), ScalingAdjustment: aws.Int32(10), MinAdjustmentStep: aws.Int32(1), MinAdjustmentMagnitude: aws.Int32(2)}),
			"ValidationError: MinAdjustmentStep and MinAdjustmentMagnitude must not differ; use MinAdjustmentMagnitude."},
	} {
		_, err := e.client.PutScalingPolicy(ctx, tc.in)
		if got := codeAndMessage(err); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	var n int
	e.read(func(st *region) { n = len(st.groups["web"].policies) })
	if n != 0 {
		t.Errorf("refused puts left %d policies", n)
	}
	// Only one target tracking policy per metric.
	if _, err := e.client.PutScalingPolicy(ctx, simple(&autoscaling.PutScalingPolicyInput{PolicyName: aws.String("cpu"), PolicyType: aws.String("TargetTrackingScaling"), TargetTrackingConfiguration: cpu})); err != nil {
		t.Fatal(err)
	}
	_, err := e.client.PutScalingPolicy(ctx, simple(&autoscaling.PutScalingPolicyInput{PolicyName: aws.String("cpu2"), PolicyType: aws.String("TargetTrackingScaling"), TargetTrackingConfiguration: cpu}))
	if got, want := codeAndMessage(err), "ValidationError: Only one TargetTrackingScaling policy for a given metric specification is allowed."; got != want {
		t.Errorf("second CPU policy: %q, want %q", got, want)
	}
	// 50 policies per group.
	for i := 1; i < maxPolicies; i++ {
		if _, err := e.client.PutScalingPolicy(ctx, simple(&autoscaling.PutScalingPolicyInput{PolicyName: aws.String(fmt.Sprint("p", i)), AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(1)})); err != nil {
			t.Fatal(err)
		}
	}
	_, err = e.client.PutScalingPolicy(ctx, simple(&autoscaling.PutScalingPolicyInput{PolicyName: aws.String("one-more"), AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(1)}))
	wantCode(t, "51st policy", err, "LimitExceeded")
	_, err = e.client.PutScalingPolicy(ctx, simple(&autoscaling.PutScalingPolicyInput{PolicyName: aws.String("p1"), AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(3)}))
	if err != nil {
		t.Errorf("updating a policy at the limit: %v", err)
	}
}

func TestDescribePoliciesPaging(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	e.seedGroup("api", 1, 4, 1, 300)
	ctx := t.Context()
	for _, g := range []string{"web", "api"} {
		for i := range 3 {
			if _, err := e.client.PutScalingPolicy(ctx, &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String(g), PolicyName: aws.String(fmt.Sprint("s", i)),
				AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(1)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := e.client.PutScalingPolicy(ctx, &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("step"),
		PolicyType: aws.String("StepScaling"), AdjustmentType: aws.String("ChangeInCapacity"),
		StepAdjustments: []types.StepAdjustment{{MetricIntervalLowerBound: aws.Float64(0), ScalingAdjustment: aws.Int32(1)}}}); err != nil {
		t.Fatal(err)
	}
	// API Reference, DescribePolicies: MaxRecords per call, NextToken
	// for the rest; no group lists every group's.
	var got []string
	pages := 0
	p := autoscaling.NewDescribePoliciesPaginator(e.client, &autoscaling.DescribePoliciesInput{MaxRecords: aws.Int32(3)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, x := range out.ScalingPolicies {
			got = append(got, aws.ToString(x.AutoScalingGroupName)+"/"+aws.ToString(x.PolicyName))
		}
	}
	want := []string{"api/s0", "api/s1", "api/s2", "web/s0", "web/s1", "web/s2", "web/step"}
	if diff := cmp.Diff(want, got); diff != "" || pages != 3 {
		t.Errorf("pages %d; policies (-want +got):\n%s", pages, diff)
	}
	out, err := e.client.DescribePolicies(ctx, &autoscaling.DescribePoliciesInput{AutoScalingGroupName: aws.String("web"), PolicyTypes: []string{"StepScaling"}})
	if err != nil || len(out.ScalingPolicies) != 1 || aws.ToString(out.ScalingPolicies[0].PolicyName) != "step" ||
		aws.ToString(out.ScalingPolicies[0].MetricAggregationType) != "Average" {
		t.Errorf("PolicyTypes filter: %v, %v", out, err)
	}
	_, err = e.client.DescribePolicies(ctx, &autoscaling.DescribePoliciesInput{NextToken: aws.String("garbage")})
	wantCode(t, "bad token", err, "InvalidNextToken")
	_, err = e.client.DescribePolicies(ctx, &autoscaling.DescribePoliciesInput{MaxRecords: aws.Int32(101)})
	wantCode(t, "MaxRecords 101", err, "ValidationError")
	_, err = e.client.DescribePolicies(ctx, &autoscaling.DescribePoliciesInput{AutoScalingGroupName: aws.String("nope")})
	if got, want := codeAndMessage(err), "ValidationError: Group nope not found"; got != want {
		t.Errorf("missing group: %q, want %q", got, want)
	}
}

func TestExecuteAndDeletePolicy(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	ctx := t.Context()
	out, err := e.client.PutScalingPolicy(ctx, &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("up"),
		AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(2)})
	if err != nil {
		t.Fatal(err)
	}
	exec := func(in *autoscaling.ExecutePolicyInput) error {
		_, err := e.client.ExecutePolicy(ctx, in)
		return err
	}
	if err := exec(&autoscaling.ExecutePolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("up")}); err != nil {
		t.Fatal(err)
	}
	if d := e.desired("web"); d != 3 {
		t.Errorf("desired after +2 = %d, want 3", d)
	}
	// Beyond max: AutoScaling stays within the group's bounds.
	if err := exec(&autoscaling.ExecutePolicyInput{PolicyName: out.PolicyARN}); err != nil {
		t.Fatal(err)
	}
	if d := e.desired("web"); d != 4 {
		t.Errorf("desired after another +2 by ARN = %d, want max 4", d)
	}
	// HonorCooldown: API Reference, ExecutePolicy; User Guide, "Scaling
	// cooldowns": not while the launches run, nor in the group's default
	// cooldown after them, unless the policy has its own.
	err = exec(&autoscaling.ExecutePolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("up"), HonorCooldown: aws.Bool(true)})
	wantCode(t, "while launching", err, "ScalingActivityInProgress")
	e.settle("web")
	e.clock.Advance(100 * time.Second)
	err = exec(&autoscaling.ExecutePolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("up"), HonorCooldown: aws.Bool(true)})
	wantCode(t, "in the default cooldown", err, "ScalingActivityInProgress")
	if _, err := e.client.PutScalingPolicy(ctx, &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("up"),
		AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(-1), Cooldown: aws.Int32(60)}); err != nil {
		t.Fatal(err)
	}
	if err := exec(&autoscaling.ExecutePolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("up"), HonorCooldown: aws.Bool(true)}); err != nil {
		t.Errorf("past the policy's own 60 s cooldown: %v", err)
	}
	if d := e.desired("web"); d != 3 {
		t.Errorf("desired = %d, want 3", d)
	}
	if c := e.causes("web"); !strings.Contains(c[len(c)-1], "a user request executed policy up changing the desired capacity from 4 to 3.") {
		t.Errorf("last cause %q", c[len(c)-1])
	}
	for _, tc := range []struct {
		name string
		in   *autoscaling.ExecutePolicyInput
		want string
	}{
		{"missing policy", &autoscaling.ExecutePolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("nope")},
			"ValidationError: No scaling policy found for the policy name nope in AutoScalingGroup web."},
		{"breach on simple", &autoscaling.ExecutePolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("up"), MetricValue: aws.Float64(1), BreachThreshold: aws.Float64(0)},
			"ValidationError: MetricValue and BreachThreshold are only supported for policy type StepScaling."},
	} {
		if got := codeAndMessage(exec(tc.in)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if _, err := e.client.DeletePolicy(ctx, &autoscaling.DeletePolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("up")}); err != nil {
		t.Fatal(err)
	}
	_, err = e.client.DeletePolicy(ctx, &autoscaling.DeletePolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("up")})
	wantCode(t, "deleting twice", err, "ValidationError")
	err = exec(&autoscaling.ExecutePolicyInput{PolicyName: out.PolicyARN})
	wantCode(t, "executing a deleted policy by ARN", err, "ValidationError")
}

func TestStepPolicy(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 0, 10, 2, 300)
	ctx := t.Context()
	// Scale out by 1 for 0-10 above the threshold, by 3 beyond; in by 1
	// for anything below. New instances warm up for a minute.
	_, err := e.client.PutScalingPolicy(ctx, &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("steps"),
		PolicyType: aws.String("StepScaling"), AdjustmentType: aws.String("ChangeInCapacity"), EstimatedInstanceWarmup: aws.Int32(60),
		StepAdjustments: []types.StepAdjustment{
			{MetricIntervalLowerBound: aws.Float64(0), MetricIntervalUpperBound: aws.Float64(10), ScalingAdjustment: aws.Int32(1)},
			{MetricIntervalLowerBound: aws.Float64(10), ScalingAdjustment: aws.Int32(3)},
			{MetricIntervalUpperBound: aws.Float64(0), ScalingAdjustment: aws.Int32(-1)},
		}})
	if err != nil {
		t.Fatal(err)
	}
	// API Reference, ExecutePolicy, MetricValue: "if the breach threshold
	// is 50 and you want to use a step adjustment with a lower bound of 0
	// and an upper bound of 10, you can set the metric value to 59".
	// Each execution comes once the instances before it have launched
	// and warmed up, so each step applies to the whole group (warmup
	// itself: TestStepPolicyWarmup).
	var got []int
	for _, metric := range []float64{59, 60, 50, 45} {
		e.settle("web")
		e.clock.Advance(61 * time.Second)
		if _, err := e.client.ExecutePolicy(ctx, &autoscaling.ExecutePolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("steps"),
			MetricValue: aws.Float64(metric), BreachThreshold: aws.Float64(50)}); err != nil {
			t.Fatalf("metric %g: %v", metric, err)
		}
		got = append(got, e.desired("web"))
	}
	// 59: +1; 60 (lower bound inclusive above): +3; 50: +1; 45: -1.
	if diff := cmp.Diff([]int{3, 6, 7, 6}, got); diff != "" {
		t.Errorf("desired after each execution (-want +got):\n%s", diff)
	}
	_, err = e.client.ExecutePolicy(ctx, &autoscaling.ExecutePolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("steps")})
	wantCode(t, "step without metric", err, "ValidationError")
	_, err = e.client.ExecutePolicy(ctx, &autoscaling.ExecutePolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("steps"),
		HonorCooldown: aws.Bool(true), MetricValue: aws.Float64(59), BreachThreshold: aws.Float64(50)})
	wantCode(t, "step with HonorCooldown", err, "ValidationError")
}

func TestNewCapacity(t *testing.T) {
	// User Guide, "Scaling adjustment types": PercentChangeInCapacity
	// rounds values above 1 down and between 0 and 1 up to 1 (and the
	// negatives alike); MinAdjustmentMagnitude raises a smaller change.
	two := int64(2)
	for _, tc := range []struct {
		from int
		typ  string
		adj  int64
		mag  *int64
		want int
	}{
		{4, "ChangeInCapacity", 2, nil, 6},
		{4, "ChangeInCapacity", -3, nil, 1},
		{4, "ExactCapacity", 7, nil, 7},
		{10, "PercentChangeInCapacity", 25, nil, 12},
		{10, "PercentChangeInCapacity", -25, nil, 8},
		{2, "PercentChangeInCapacity", 10, nil, 3},
		{2, "PercentChangeInCapacity", -10, nil, 1},
		{4, "PercentChangeInCapacity", 25, &two, 6},
		{4, "PercentChangeInCapacity", -25, &two, 2},
	} {
		if got := newCapacity(tc.from, tc.typ, tc.adj, tc.mag); got != tc.want {
			t.Errorf("newCapacity(%d, %s, %d) = %d, want %d", tc.from, tc.typ, tc.adj, got, tc.want)
		}
	}
}

func TestAlarmAction(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 5, 1, 300)
	// The first launch, and the cooldown after it.
	e.settle("web")
	e.clock.Advance(301 * time.Second)
	out, err := e.client.PutScalingPolicy(t.Context(), &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("up"),
		AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	trigger := AlarmTrigger{Account: fakes.TestAccountID, Region: fakes.DefaultRegion, PolicyARN: aws.ToString(out.PolicyARN), AlarmName: "cpu-high", State: "ALARM"}
	if err := e.srv.AlarmAction(trigger); err != nil {
		t.Fatal(err)
	}
	if d := e.desired("web"); d != 2 {
		t.Errorf("desired after the alarm = %d, want 2", d)
	}
	// An alarm honours the simple policy's cooldown: nothing happens, and
	// the action is no failure.
	e.settle("web")
	if err := e.srv.AlarmAction(trigger); err != nil {
		t.Errorf("in cooldown: %v, want nil", err)
	}
	if d := e.desired("web"); d != 2 {
		t.Errorf("desired in cooldown = %d, want 2", d)
	}
	e.clock.Advance(301 * time.Second)
	if err := e.srv.AlarmAction(trigger); err != nil || e.desired("web") != 3 {
		t.Errorf("after the cooldown: %v, desired %d, want 3", err, e.desired("web"))
	}
	causes := e.causes("web")
	want := []string{"a monitor alarm cpu-high in state ALARM triggered policy up changing the desired capacity from 1 to 2.",
		"a monitor alarm cpu-high in state ALARM triggered policy up changing the desired capacity from 2 to 3."}
	var got []string
	for _, c := range causes {
		for _, w := range want {
			if strings.Contains(c, w) {
				got = append(got, w)
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("alarm causes (-want +got):\n%s\nall: %q", diff, causes)
	}
	// User Guide, "Suspend and resume processes": AlarmNotification
	// suspended, alarms do not run the group's policies.
	if _, err := e.client.SuspendProcesses(t.Context(), &autoscaling.SuspendProcessesInput{AutoScalingGroupName: aws.String("web"), ScalingProcesses: []string{"AlarmNotification"}}); err != nil {
		t.Fatal(err)
	}
	e.settle("web")
	e.clock.Advance(301 * time.Second)
	if err := e.srv.AlarmAction(trigger); err != nil || e.desired("web") != 3 {
		t.Errorf("AlarmNotification suspended: %v, desired %d, want 3", err, e.desired("web"))
	}
	for _, bad := range []AlarmTrigger{
		{PolicyARN: "arn:aws:sns:us-east-1:" + fakes.TestAccountID + ":topic"},
		{PolicyARN: trigger.PolicyARN, Account: fakes.OtherAccountID},
		{PolicyARN: trigger.PolicyARN[:len(trigger.PolicyARN)-2] + "zz"},
	} {
		if err := e.srv.AlarmAction(bad); err == nil {
			t.Errorf("AlarmAction(%s, %s) = nil, want an error", bad.PolicyARN, bad.Account)
		}
	}
}

func TestInspectPoliciesAndSchedules(t *testing.T) {
	e := newPolicyEnv(t)
	e.seedGroup("web", 1, 4, 1, 300)
	ctx := t.Context()
	out, err := e.client.PutScalingPolicy(ctx, &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String("web"), PolicyName: aws.String("up"),
		AdjustmentType: aws.String("ChangeInCapacity"), ScalingAdjustment: aws.Int32(1), Enabled: aws.Bool(false)})
	if err != nil {
		t.Fatal(err)
	}
	e.schedule(t, &autoscaling.PutScheduledUpdateGroupActionInput{AutoScalingGroupName: aws.String("web"), ScheduledActionName: aws.String("s"),
		Recurrence: aws.String("0 9 * * *"), TimeZone: aws.String("Asia/Tokyo"), DesiredCapacity: aws.Int32(2)})
	want := []PolicyInfo{{Name: "up", ARN: aws.ToString(out.PolicyARN), Type: "SimpleScaling"}}
	if diff := cmp.Diff(want, e.srv.Policies(fakes.TestAccountID, fakes.DefaultRegion, "web")); diff != "" {
		t.Errorf("Policies (-want +got):\n%s", diff)
	}
	got := e.srv.ScheduledActions(fakes.TestAccountID, fakes.DefaultRegion, "web")
	// 09:00 in Tokyo is 00:00 UTC.
	if len(got) != 1 || got[0].Name != "s" || got[0].TimeZone != "Asia/Tokyo" || !got[0].Next.Equal(time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("ScheduledActions = %+v", got)
	}
	if e.srv.Policies(fakes.TestAccountID, fakes.DefaultRegion, "nope") != nil || e.srv.ScheduledActions(fakes.TestAccountID, fakes.DefaultRegion, "nope") != nil {
		t.Error("a missing group's policies or actions are not nil")
	}
}
