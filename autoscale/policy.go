package autoscale

import (
	"context"
	"iter"
	"math"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/goboto/goboto"
)

// NotFoundPolicy is the code of the *goboto.APIError Policy.Refresh returns for
// a policy DescribePolicies does not list (AWS answers an empty list, not an
// error); goboto.IsNotFound is true for it.
const NotFoundPolicy = "ScalingPolicyNotFound"

// PolicyType is the kind of a scaling policy.
type PolicyType string

// The policy types PutPolicy makes. PredictiveScaling policies are
// listed but not made here: use Conn.Client for them.
const (
	PolicySimple         PolicyType = "SimpleScaling"
	PolicyStep           PolicyType = "StepScaling"
	PolicyTargetTracking PolicyType = "TargetTrackingScaling"
	PolicyPredictive     PolicyType = "PredictiveScaling"
)

// AdjustmentType says how a simple or step policy's adjustment is read.
type AdjustmentType string

// AutoScaling's adjustment types (DescribeAdjustmentTypes).
const (
	ChangeInCapacity        AdjustmentType = "ChangeInCapacity"
	ExactCapacity           AdjustmentType = "ExactCapacity"
	PercentChangeInCapacity AdjustmentType = "PercentChangeInCapacity"
)

// MetricAggregation is how a step policy aggregates its alarm's metric.
type MetricAggregation string

// The aggregations a step policy takes; AutoScaling reads none as
// Average.
const (
	AggregateAverage MetricAggregation = "Average"
	AggregateMinimum MetricAggregation = "Minimum"
	AggregateMaximum MetricAggregation = "Maximum"
)

// Step is one step of a step scaling policy: Adjustment applies while
// the metric's distance from the alarm's threshold is between Lower and
// Upper. An open end is math.Inf(-1) for Lower or math.Inf(1) for
// Upper (AWS's null bound). Above the threshold the lower bound is
// inclusive and the upper exclusive; below it, the other way round.
type Step struct {
	Lower, Upper float64
	Adjustment   int
}

// PredefinedMetric is a metric target tracking knows by name.
type PredefinedMetric string

// The predefined metrics of target tracking (the model's MetricType).
const (
	ASGAverageCPUUtilization PredefinedMetric = "ASGAverageCPUUtilization"
	ASGAverageNetworkIn      PredefinedMetric = "ASGAverageNetworkIn"
	ASGAverageNetworkOut     PredefinedMetric = "ASGAverageNetworkOut"
	ALBRequestCountPerTarget PredefinedMetric = "ALBRequestCountPerTarget"
)

// TargetTracking is a target tracking policy's configuration: keep
// Metric (a predefined one, or CustomMetric) at TargetValue.
type TargetTracking struct {
	Metric PredefinedMetric
	// ResourceLabel names the target group of ALBRequestCountPerTarget
	// (app/<lb>/<id>/targetgroup/<tg>/<id>); no other metric takes one.
	ResourceLabel string
	// CustomMetric is used instead of a predefined Metric.
	CustomMetric *CustomMetric
	TargetValue  float64
	// DisableScaleIn keeps the policy from removing instances.
	DisableScaleIn bool
}

// CustomMetric is a CloudWatch metric a target tracking policy follows.
type CustomMetric struct {
	Namespace, MetricName string
	Dimensions            map[string]string
	// Statistic is Average, Minimum, Maximum, SampleCount or Sum.
	Statistic string
	Unit      string
}

// PolicyOptions are the settings of PutPolicy. Which fields a policy
// takes depends on its Type, as PutScalingPolicy documents; a field
// the type does not take is a *goboto.ValidationError.
type PolicyOptions struct {
	// Type is PolicySimple when empty.
	Type PolicyType
	// AdjustmentType is required for simple and step policies.
	AdjustmentType AdjustmentType
	// ScalingAdjustment is a simple policy's change (ExactCapacity: the
	// new capacity, at least 0).
	ScalingAdjustment int
	// MinAdjustmentMagnitude is the least a PercentChangeInCapacity
	// policy changes the group by; 0 for none.
	MinAdjustmentMagnitude int
	// Cooldown overrides the group's default cooldown for a simple
	// policy; nil keeps the default. Whole seconds.
	Cooldown *time.Duration
	// Steps are a step policy's steps: contiguous, non-overlapping, with
	// an open end beyond any positive or negative bound.
	Steps                 []Step
	MetricAggregationType MetricAggregation
	// EstimatedInstanceWarmup is for step and target tracking policies;
	// nil uses the group's default. Whole seconds.
	EstimatedInstanceWarmup *time.Duration
	// TargetTracking is required for target tracking policies.
	TargetTracking *TargetTracking
	// Disabled makes the policy without enabling it.
	Disabled bool
}

// Alarm is a CloudWatch alarm a policy is the action of.
type Alarm struct {
	Name, ARN string
}

// Policy is a scaling policy of a group. Exported fields are the last
// answer seen (PutScalingPolicy, DescribePolicies).
type Policy struct {
	group *Group
	Name  string
	ARN   string
	PolicyOptions
	// Alarms are the alarms whose actions run the policy; for target
	// tracking, those AutoScaling made: AlarmHigh, and AlarmLow unless
	// scale in is disabled.
	Alarms []Alarm
}

// Policy returns a handle to the group's policy called name, without
// looking it up.
func (g *Group) Policy(name string) *Policy {
	return &Policy{group: g, Name: name}
}

// Group returns the group the policy belongs to.
func (p *Policy) Group() *Group {
	if p == nil {
		return nil
	}
	return p.group
}

// Conn returns the connection the policy's group was made by.
func (p *Policy) Conn() *Conn { return p.Group().Conn() }

// PutPolicy makes or replaces the group's scaling policy called name
// (PutScalingPolicy), boto's create_scaling_policy. The options are
// checked first, as AutoScaling would, and nothing is sent when one is
// wrong.
func (g *Group) PutPolicy(ctx context.Context, name string, o PolicyOptions) (*Policy, error) {
	client, err := g.api()
	if err != nil {
		return nil, err
	}
	in, err := policyInput(g.Name, name, o)
	if err != nil {
		return nil, err
	}
	out, err := client.PutScalingPolicy(ctx, in)
	if err != nil {
		return nil, convert(err)
	}
	if o.Type == "" {
		o.Type = PolicySimple
	}
	return &Policy{group: g, Name: name, ARN: aws.ToString(out.PolicyARN), PolicyOptions: o, Alarms: alarmsFrom(out.Alarms)}, nil
}

// ExecuteOptions are the settings of Policy.Execute.
type ExecuteOptions struct {
	// HonorCooldown refuses a simple policy while the group cools down
	// (ScalingActivityInProgress).
	HonorCooldown bool
	// MetricValue and BreachThreshold choose a step policy's step; both
	// are required for step policies and refused for the others.
	MetricValue, BreachThreshold *float64
}

// ExecuteOption changes ExecuteOptions.
type ExecuteOption func(*ExecuteOptions)

// HonorPolicyCooldown makes AutoScaling refuse Execute of a simple policy
// while the group cools down (the policy's own cooldown, else the
// group's default), with ScalingActivityInProgress.
func HonorPolicyCooldown() ExecuteOption { return func(o *ExecuteOptions) { o.HonorCooldown = true } }

// Breach gives a step policy the metric value and the threshold it
// breached, from which AutoScaling picks the step.
func Breach(metricValue, threshold float64) ExecuteOption {
	return func(o *ExecuteOptions) { o.MetricValue, o.BreachThreshold = &metricValue, &threshold }
}

// Execute runs the policy now, as its alarm would (ExecutePolicy).
func (p *Policy) Execute(ctx context.Context, opts ...ExecuteOption) error {
	client, err := p.api()
	if err != nil {
		return err
	}
	o := applyOpts(opts)
	if (o.MetricValue == nil) != (o.BreachThreshold == nil) {
		return goboto.Invalid("BreachThreshold", "", "and MetricValue go together")
	}
	for _, v := range []*float64{o.MetricValue, o.BreachThreshold} {
		if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0)) {
			return goboto.Invalid("MetricValue", "", "is not a finite number")
		}
	}
	in := &autoscaling.ExecutePolicyInput{AutoScalingGroupName: aws.String(p.group.Name), PolicyName: aws.String(p.Name),
		MetricValue: o.MetricValue, BreachThreshold: o.BreachThreshold}
	if o.HonorCooldown {
		in.HonorCooldown = aws.Bool(true)
	}
	_, err = client.ExecutePolicy(ctx, in)
	return convert(err)
}

// Delete deletes the policy and the alarms of a target tracking policy
// (DeletePolicy). Other alarms naming it keep an action that no longer
// runs.
func (p *Policy) Delete(ctx context.Context) error {
	client, err := p.api()
	if err != nil {
		return err
	}
	_, err = client.DeletePolicy(ctx, &autoscaling.DeletePolicyInput{AutoScalingGroupName: aws.String(p.group.Name), PolicyName: aws.String(p.Name)})
	return convert(err)
}

// Refresh reads the policy again (DescribePolicies). A policy that does
// not exist is a *goboto.APIError for which goboto.IsNotFound is true:
// AutoScaling answers an empty list rather than an error.
func (p *Policy) Refresh(ctx context.Context) error {
	client, err := p.api()
	if err != nil {
		return err
	}
	return describeOne(ctx, client.DescribePolicies,
		&autoscaling.DescribePoliciesInput{AutoScalingGroupName: aws.String(p.group.Name), PolicyNames: []string{p.Name}},
		func(out *autoscaling.DescribePoliciesOutput) ([]types.ScalingPolicy, middleware.Metadata) {
			return out.ScalingPolicies, out.ResultMetadata
		},
		func(x types.ScalingPolicy) *string { return x.PolicyName }, p.Name, p.fill,
		notFound{"DescribePolicies", NotFoundPolicy, "Policy " + p.Name + " of group " + p.group.Name + " does not exist"})
}

// Policies lists the group's scaling policies (DescribePolicies).
func (g *Group) Policies(ctx context.Context, opts ...ListOption) iter.Seq2[*Policy, error] {
	return paged(ctx, g.api, listing{max: 100}, opts,
		func(client *autoscaling.Client, o ListOptions) (pager[*autoscaling.DescribePoliciesOutput], error) {
			return autoscaling.NewDescribePoliciesPaginator(client, &autoscaling.DescribePoliciesInput{
				AutoScalingGroupName: aws.String(g.Name), MaxRecords: o.maxRecords()}), nil
		},
		func(out *autoscaling.DescribePoliciesOutput) []types.ScalingPolicy { return out.ScalingPolicies },
		func(x types.ScalingPolicy) *Policy {
			p := &Policy{group: g, Name: aws.ToString(x.PolicyName)}
			p.fill(x)
			return p
		})
}

func (p *Policy) api() (*autoscaling.Client, error) {
	if p == nil {
		return nil, goboto.Invalid("Policy", "", "is nil: make handles with Group.Policy")
	}
	client, err := p.group.api()
	if err != nil {
		return nil, err
	}
	return client, checkName("PolicyName", p.Name)
}

// fill sets the handle's fields from a DescribePolicies answer.
func (p *Policy) fill(x types.ScalingPolicy) {
	p.ARN = aws.ToString(x.PolicyARN)
	o := PolicyOptions{
		Type:                    PolicyType(aws.ToString(x.PolicyType)),
		AdjustmentType:          AdjustmentType(aws.ToString(x.AdjustmentType)),
		ScalingAdjustment:       int(aws.ToInt32(x.ScalingAdjustment)),
		MinAdjustmentMagnitude:  int(aws.ToInt32(x.MinAdjustmentMagnitude)),
		MetricAggregationType:   MetricAggregation(aws.ToString(x.MetricAggregationType)),
		Disabled:                x.Enabled != nil && !*x.Enabled,
		Cooldown:                policySeconds(x.Cooldown),
		EstimatedInstanceWarmup: policySeconds(x.EstimatedInstanceWarmup),
	}
	if o.Type == "" {
		o.Type = PolicySimple
	}
	for _, s := range x.StepAdjustments {
		st := Step{Lower: math.Inf(-1), Upper: math.Inf(1), Adjustment: int(aws.ToInt32(s.ScalingAdjustment))}
		if s.MetricIntervalLowerBound != nil {
			st.Lower = *s.MetricIntervalLowerBound
		}
		if s.MetricIntervalUpperBound != nil {
			st.Upper = *s.MetricIntervalUpperBound
		}
		o.Steps = append(o.Steps, st)
	}
	if tt := x.TargetTrackingConfiguration; tt != nil {
		t := &TargetTracking{TargetValue: aws.ToFloat64(tt.TargetValue), DisableScaleIn: aws.ToBool(tt.DisableScaleIn)}
		if pm := tt.PredefinedMetricSpecification; pm != nil {
			t.Metric, t.ResourceLabel = PredefinedMetric(pm.PredefinedMetricType), aws.ToString(pm.ResourceLabel)
		}
		if cm := tt.CustomizedMetricSpecification; cm != nil {
			c := &CustomMetric{Namespace: aws.ToString(cm.Namespace), MetricName: aws.ToString(cm.MetricName), Statistic: string(cm.Statistic), Unit: aws.ToString(cm.Unit)}
			for _, d := range cm.Dimensions {
				if c.Dimensions == nil {
					c.Dimensions = map[string]string{}
				}
				c.Dimensions[aws.ToString(d.Name)] = aws.ToString(d.Value)
			}
			t.CustomMetric = c
		}
		o.TargetTracking = t
	}
	p.PolicyOptions = o
	p.Alarms = alarmsFrom(x.Alarms)
}

// alarmsFrom is AutoScaling's list of a policy's alarms, nil for none.
func alarmsFrom(xs []types.Alarm) []Alarm {
	var as []Alarm
	for _, a := range xs {
		as = append(as, Alarm{Name: aws.ToString(a.AlarmName), ARN: aws.ToString(a.AlarmARN)})
	}
	return as
}

func policySeconds(n *int32) *time.Duration {
	if n == nil {
		return nil
	}
	d := time.Duration(*n) * time.Second
	return &d
}
