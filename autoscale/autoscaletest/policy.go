package autoscaletest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// policy is one scaling policy of a group. Its region's lock guards it.
type policy struct {
	name, arn, group       string
	typ                    string // SimpleScaling, StepScaling, TargetTrackingScaling
	adjustmentType         string
	scalingAdjustment      *int64
	minAdjustmentMagnitude *int64
	minAdjustmentStep      *int64 // as given, for boto 2, which sends and reads it
	cooldown               *int64 // simple only; nil uses the group's default
	metricAggregationType  string
	estimatedWarmup        *int64
	steps                  []stepAdjustment
	target                 *targetTrackingConfiguration
	enabled                bool
	alarms                 []alarm
}

// The policy operations' shapes, named as the model names them.

type stepAdjustment struct {
	MetricIntervalLowerBound *float64
	MetricIntervalUpperBound *float64
	ScalingAdjustment        *int64
}

type targetTrackingConfiguration struct {
	PredefinedMetricSpecification *predefinedMetricSpecification
	CustomizedMetricSpecification *customizedMetricSpecification
	TargetValue                   *float64
	DisableScaleIn                *bool
}

type predefinedMetricSpecification struct {
	PredefinedMetricType string
	ResourceLabel        *string
}

type customizedMetricSpecification struct {
	MetricName *string
	Namespace  *string
	Dimensions []metricDimension
	Statistic  *string
	Unit       *string
	Period     any // metric math and periods: not implemented
	Metrics    any
}

type metricDimension struct {
	Name, Value string
}

type alarm struct {
	AlarmName, AlarmARN string
}

type putScalingPolicyInput struct {
	AutoScalingGroupName           string
	PolicyName                     string
	PolicyType                     *string
	AdjustmentType                 *string
	MinAdjustmentStep              *int64 // "Available for backward compatibility. Use MinAdjustmentMagnitude instead."
	MinAdjustmentMagnitude         *int64
	ScalingAdjustment              *int64
	Cooldown                       *int64
	MetricAggregationType          *string
	StepAdjustments                []stepAdjustment
	EstimatedInstanceWarmup        *int64
	TargetTrackingConfiguration    *targetTrackingConfiguration
	Enabled                        *bool
	PredictiveScalingConfiguration any
}

type putScalingPolicyOutput struct {
	PolicyARN string
	Alarms    []alarm
}

type scalingPolicy struct {
	AutoScalingGroupName        string
	PolicyName                  string
	PolicyARN                   string
	PolicyType                  string
	AdjustmentType              *string
	MinAdjustmentStep           *int64
	MinAdjustmentMagnitude      *int64
	ScalingAdjustment           *int64
	Cooldown                    *int64
	StepAdjustments             []stepAdjustment
	MetricAggregationType       *string
	EstimatedInstanceWarmup     *int64
	Alarms                      []alarm
	TargetTrackingConfiguration *targetTrackingConfiguration
	Enabled                     bool
}

type describePoliciesInput struct {
	AutoScalingGroupName *string
	PolicyNames          []string
	PolicyTypes          []string
	NextToken            *string
	MaxRecords           *int64
}

type describePoliciesOutput struct {
	ScalingPolicies []scalingPolicy
	NextToken       *string
}

type deletePolicyInput struct {
	AutoScalingGroupName *string
	PolicyName           string
}

type executePolicyInput struct {
	AutoScalingGroupName *string
	PolicyName           string
	HonorCooldown        *bool
	MetricValue          *float64
	BreachThreshold      *float64
}

// maxPolicies is AutoScaling's quota of scaling policies per group
// (User Guide, "Auto Scaling quotas": "Scaling policies per Auto
// Scaling group: 50").
const maxPolicies = 50

// policyOps are the scaling policy operations.
func (b *Backend) policyOps() map[string]op {
	return map[string]op{
		"PutScalingPolicy": b.putScalingPolicy,
		"DescribePolicies": b.describePolicies,
		"DeletePolicy":     b.deletePolicy,
		"ExecutePolicy":    b.executePolicy,
	}
}

// policyGroup finds the group a Put names, with the answer AutoScaling
// gives for one that does not exist ("ValidationError: AutoScalingGroup
// name not found - null", as terraform and aws-sdk-go users quote it).
func policyGroup(st *region, name string) (*group, error) {
	if name == "" {
		return nil, errValidation("1 validation error detected: Value null at 'autoScalingGroupName' failed to satisfy constraint: Member must not be null")
	}
	g := st.groups[name]
	if g == nil {
		return nil, errValidation("AutoScalingGroup name not found - null")
	}
	return g, nil
}

func (b *Backend) putScalingPolicy(r *fake.Request) (any, error) {
	var in putScalingPolicyInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	switch {
	case in.PredictiveScalingConfiguration != nil:
		return nil, errUnsupported("PutScalingPolicy's PredictiveScalingConfiguration")
	case in.TargetTrackingConfiguration != nil && in.TargetTrackingConfiguration.CustomizedMetricSpecification != nil &&
		(in.TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics != nil || in.TargetTrackingConfiguration.CustomizedMetricSpecification.Period != nil):
		return nil, errUnsupported("PutScalingPolicy's metric math (customizedMetricSpecification.Metrics, Period)")
	}
	if err := checkLength("policyName", in.PolicyName, 255); err != nil {
		return nil, err
	}
	if strings.Contains(in.PolicyName, ":") {
		return nil, errValidation("PolicyName cannot contain a colon")
	}
	return b.inPolicyGroup(r, in.AutoScalingGroupName, func(st *region, g *group) (any, error) {
		p, err := newPolicy(in)
		if err != nil {
			return nil, err
		}
		if g.policies == nil {
			g.policies = map[string]*policy{}
		}
		old := g.policies[in.PolicyName]
		if old == nil && len(g.policies) >= maxPolicies {
			return nil, errLimitExceeded("Maximum number of scaling policies (%d) reached for AutoScalingGroup %s.", maxPolicies, g.name)
		}
		if p.target != nil {
			for _, q := range g.policies {
				if q != old && q.target != nil && sameMetric(q.target, p.target) {
					// Sourced: terraform-provider-aws issue 34408 quotes it.
					return nil, errValidation("Only one TargetTrackingScaling policy for a given metric specification is allowed.")
				}
			}
		}
		p.group = g.name
		// Replacing a policy keeps its ARN, so alarms naming it still work.
		if old != nil {
			p.arn = old.arn
		} else {
			p.arn = fmt.Sprintf("arn:%s:autoscaling:%s:%s:scalingPolicy:%s:autoScalingGroupName/%s:policyName/%s",
				policyPartition(r.Region), r.Region, r.Account(), policyUUID(), g.name, in.PolicyName)
		}
		// A target tracking policy's alarms are made in CloudWatch
		// (cloudwatch.go); an update keeps their names and puts their
		// configuration back, and alarms the policy no longer needs go.
		var drop []alarm
		if old != nil && old.target != nil {
			drop = old.alarms
		}
		if p.target != nil {
			if b.cloudWatch() == nil {
				return nil, errNoCloudWatch()
			}
			var want []trackingAlarm
			drop = nil
			for _, kind := range []string{"AlarmHigh", "AlarmLow"} {
				var prev *alarm
				if old != nil && old.target != nil {
					for i := range old.alarms {
						if alarmKind(old.alarms[i].AlarmName) == kind {
							prev = &old.alarms[i]
						}
					}
				}
				if kind == "AlarmLow" && deref(p.target.DisableScaleIn) {
					if prev != nil {
						drop = append(drop, *prev)
					}
					continue
				}
				name := "TargetTracking-" + g.name + "-" + kind + "-" + policyUUID()
				if prev != nil {
					name = prev.AlarmName
				}
				want = append(want, trackingAlarm{name: name, kind: kind})
				p.alarms = append(p.alarms, alarm{AlarmName: name,
					AlarmARN: "arn:" + policyPartition(r.Region) + ":cloudwatch:" + r.Region + ":" + r.Account() + ":alarm:" + name})
			}
			if err := b.putTrackingAlarms(r.Account(), r.Region, r.Now, g.name, p, want); err != nil {
				return nil, err
			}
		}
		if err := b.deleteTrackingAlarms(r.Account(), r.Region, r.Now, drop); err != nil {
			return nil, err
		}
		g.policies[in.PolicyName] = p
		return &putScalingPolicyOutput{PolicyARN: p.arn, Alarms: p.alarms}, nil
	})
}

// newPolicy checks a PutScalingPolicy request by the members' documented
// scope (API Reference, PutScalingPolicy) and makes the policy.
func newPolicy(in putScalingPolicyInput) (*policy, error) {
	if in.MinAdjustmentStep != nil {
		// The deprecated name of MinAdjustmentMagnitude (the model:
		// "Available for backward compatibility"), which boto 2 sends.
		if in.MinAdjustmentMagnitude != nil && *in.MinAdjustmentMagnitude != *in.MinAdjustmentStep {
			return nil, errValidation("MinAdjustmentStep and MinAdjustmentMagnitude must not differ; use MinAdjustmentMagnitude.")
		}
		in.MinAdjustmentMagnitude = in.MinAdjustmentStep
	}
	p := &policy{name: in.PolicyName, typ: "SimpleScaling", enabled: in.Enabled == nil || *in.Enabled, minAdjustmentStep: in.MinAdjustmentStep,
		scalingAdjustment: in.ScalingAdjustment, minAdjustmentMagnitude: in.MinAdjustmentMagnitude, cooldown: in.Cooldown,
		estimatedWarmup: in.EstimatedInstanceWarmup, steps: in.StepAdjustments, target: in.TargetTrackingConfiguration}
	if in.PolicyType != nil {
		p.typ = *in.PolicyType
	}
	if in.AdjustmentType != nil {
		p.adjustmentType = *in.AdjustmentType
	}
	if in.MetricAggregationType != nil {
		p.metricAggregationType = *in.MetricAggregationType
	}
	only := func(member string, set bool, types ...string) error {
		if set && !slices.Contains(types, p.typ) {
			return errValidation("%s is not supported for policy type %s.", member, p.typ)
		}
		return nil
	}
	switch p.typ {
	case "SimpleScaling", "StepScaling", "TargetTrackingScaling":
	case "PredictiveScaling":
		return nil, errUnsupported("PredictiveScaling policies")
	default:
		return nil, errValidation("Invalid policy type %s. Valid policy types are SimpleScaling, StepScaling, TargetTrackingScaling and PredictiveScaling.", p.typ)
	}
	for _, err := range []error{
		only("AdjustmentType", in.AdjustmentType != nil, "SimpleScaling", "StepScaling"),
		only("ScalingAdjustment", in.ScalingAdjustment != nil, "SimpleScaling"),
		only("MinAdjustmentMagnitude", in.MinAdjustmentMagnitude != nil, "SimpleScaling", "StepScaling"),
		only("Cooldown", in.Cooldown != nil, "SimpleScaling"),
		only("StepAdjustments", in.StepAdjustments != nil, "StepScaling"),
		only("MetricAggregationType", in.MetricAggregationType != nil, "StepScaling"),
		only("EstimatedInstanceWarmup", in.EstimatedInstanceWarmup != nil, "StepScaling", "TargetTrackingScaling"),
		only("TargetTrackingConfiguration", in.TargetTrackingConfiguration != nil, "TargetTrackingScaling"),
	} {
		if err != nil {
			return nil, err
		}
	}
	for _, v := range []*int64{in.Cooldown, in.EstimatedInstanceWarmup} {
		if v != nil && *v < 0 {
			return nil, errValidation("Cooldown and EstimatedInstanceWarmup must not be negative.")
		}
	}
	if p.typ != "TargetTrackingScaling" {
		switch p.adjustmentType {
		case "":
			return nil, errValidation("Adjustment type must be specified for a %s policy", p.typ)
		case "ChangeInCapacity", "ExactCapacity", "PercentChangeInCapacity":
		default:
			return nil, errValidation("Invalid adjustment type %s. Valid adjustment types are ChangeInCapacity, ExactCapacity and PercentChangeInCapacity.", p.adjustmentType)
		}
		if m := in.MinAdjustmentMagnitude; m != nil {
			if p.adjustmentType != "PercentChangeInCapacity" {
				return nil, errValidation("MinAdjustmentMagnitude is only supported with adjustment type PercentChangeInCapacity.")
			}
			if *m < 1 {
				return nil, errValidation("MinAdjustmentMagnitude must be greater than 0.")
			}
		}
	}
	switch p.typ {
	case "SimpleScaling":
		if in.ScalingAdjustment == nil {
			// Sourced: quoted in Netflix/asgard issue 704.
			return nil, errValidation("Scaling increment must be specified for a SimpleScaling policy")
		}
		if p.adjustmentType == "ExactCapacity" && *in.ScalingAdjustment < 0 {
			return nil, errValidation("ScalingAdjustment must be non-negative for adjustment type ExactCapacity.")
		}
	case "StepScaling":
		if err := checkSteps(in.StepAdjustments); err != nil {
			return nil, err
		}
		switch p.metricAggregationType {
		case "", "Average", "Minimum", "Maximum":
		default:
			return nil, errValidation("Invalid metric aggregation type %s. Valid values are Minimum, Maximum and Average.", p.metricAggregationType)
		}
	case "TargetTrackingScaling":
		if err := checkTargetTracking(in.TargetTrackingConfiguration); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// checkSteps applies the User Guide's rules for step adjustments ("Step
// adjustments for step scaling"): no overlap or gap, at most one open
// lower and one open upper bound, an open end beyond any negative or
// positive bound, no step open at both ends.
func checkSteps(steps []stepAdjustment) error {
	if len(steps) == 0 {
		return errValidation("Step adjustments must be specified for a StepScaling policy")
	}
	lo := func(s stepAdjustment) float64 {
		if s.MetricIntervalLowerBound == nil {
			return math.Inf(-1)
		}
		return *s.MetricIntervalLowerBound
	}
	hi := func(s stepAdjustment) float64 {
		if s.MetricIntervalUpperBound == nil {
			return math.Inf(1)
		}
		return *s.MetricIntervalUpperBound
	}
	sorted := slices.Clone(steps)
	slices.SortFunc(sorted, func(a, b stepAdjustment) int { return cmpFloat(lo(a), lo(b)) })
	for i, s := range sorted {
		switch {
		case s.ScalingAdjustment == nil:
			return errValidation("ScalingAdjustment must be specified for each step adjustment")
		case s.MetricIntervalLowerBound == nil && s.MetricIntervalUpperBound == nil:
			return errValidation("Only one of the bounds of a step adjustment can be null")
		case lo(s) >= hi(s):
			return errValidation("The lower bound of a step adjustment must be less than its upper bound")
		case i > 0 && hi(sorted[i-1]) > lo(s):
			return errValidation("Step adjustment intervals must not overlap")
		case i > 0 && hi(sorted[i-1]) < lo(s):
			return errValidation("There must not be a gap between step adjustment intervals")
		}
	}
	if first := sorted[0]; first.MetricIntervalLowerBound != nil && *first.MetricIntervalLowerBound < 0 {
		return errValidation("A step adjustment with a null lower bound is required when a step adjustment has a negative lower bound")
	}
	if last := sorted[len(sorted)-1]; last.MetricIntervalUpperBound != nil && *last.MetricIntervalUpperBound > 0 {
		return errValidation("A step adjustment with a null upper bound is required when a step adjustment has a positive upper bound")
	}
	return nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

var predefinedMetricTypes = []string{"ASGAverageCPUUtilization", "ASGAverageNetworkIn", "ASGAverageNetworkOut", "ALBRequestCountPerTarget"}

func checkTargetTracking(t *targetTrackingConfiguration) error {
	if t == nil {
		return errValidation("TargetTrackingConfiguration must be specified for a TargetTrackingScaling policy")
	}
	if t.TargetValue == nil {
		return errValidation("1 validation error detected: Value null at 'targetTrackingConfiguration.targetValue' failed to satisfy constraint: Member must not be null")
	}
	pm, cm := t.PredefinedMetricSpecification, t.CustomizedMetricSpecification
	if (pm == nil) == (cm == nil) {
		return errValidation("Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be specified")
	}
	if pm != nil {
		if !slices.Contains(predefinedMetricTypes, pm.PredefinedMetricType) {
			return errValidation("1 validation error detected: Value '%s' at 'targetTrackingConfiguration.predefinedMetricSpecification.predefinedMetricType' failed to satisfy constraint: Member must satisfy enum value set: [%s]",
				pm.PredefinedMetricType, strings.Join(predefinedMetricTypes, ", "))
		}
		if pm.PredefinedMetricType == "ALBRequestCountPerTarget" {
			// The fake serves no load balancers, so no target group is ever
			// attached. Sourced: terraform-aws-autoscaling PR 279 quotes it.
			return errValidation("Target group not attached to the Auto Scaling group")
		}
		if pm.ResourceLabel != nil {
			return errValidation("ResourceLabel is only supported for predefined metric type ALBRequestCountPerTarget")
		}
		return nil
	}
	if cm.MetricName == nil || cm.Namespace == nil || cm.Statistic == nil {
		return errValidation("MetricName, Namespace and Statistic must be specified for a CustomizedMetricSpecification")
	}
	switch *cm.Statistic {
	case "Average", "Minimum", "Maximum", "SampleCount", "Sum":
	default:
		return errValidation("1 validation error detected: Value '%s' at 'targetTrackingConfiguration.customizedMetricSpecification.statistic' failed to satisfy constraint: Member must satisfy enum value set: [Average, Minimum, Maximum, SampleCount, Sum]", *cm.Statistic)
	}
	return nil
}

// alarmKind is AlarmHigh or AlarmLow, read from a target tracking
// alarm's name, TargetTracking-<group>-<kind>-<uuid>.
func alarmKind(name string) string {
	if len(name) < 37 {
		return ""
	}
	rest := name[:len(name)-37]
	for _, kind := range []string{"AlarmHigh", "AlarmLow"} {
		if strings.HasSuffix(rest, "-"+kind) {
			return kind
		}
	}
	return ""
}

// sameMetric reports whether two target tracking policies follow the
// same metric.
func sameMetric(a, b *targetTrackingConfiguration) bool {
	if a.PredefinedMetricSpecification != nil || b.PredefinedMetricSpecification != nil {
		return a.PredefinedMetricSpecification != nil && b.PredefinedMetricSpecification != nil &&
			a.PredefinedMetricSpecification.PredefinedMetricType == b.PredefinedMetricSpecification.PredefinedMetricType
	}
	x, y := a.CustomizedMetricSpecification, b.CustomizedMetricSpecification
	return *x.Namespace == *y.Namespace && *x.MetricName == *y.MetricName && *x.Statistic == *y.Statistic &&
		slices.Equal(x.Dimensions, y.Dimensions)
}

// checkLength is the model's length constraint on a required string.
func checkLength(member, v string, max int) error {
	if v == "" {
		return errValidation("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", member)
	}
	if n := len([]rune(v)); n > max {
		return errValidation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", v, member, max)
	}
	return nil
}

func (p *policy) wire() scalingPolicy {
	out := scalingPolicy{AutoScalingGroupName: p.group, PolicyName: p.name, PolicyARN: p.arn, PolicyType: p.typ,
		MinAdjustmentStep: p.minAdjustmentStep, MinAdjustmentMagnitude: p.minAdjustmentMagnitude, ScalingAdjustment: p.scalingAdjustment, Cooldown: p.cooldown,
		StepAdjustments: p.steps, EstimatedInstanceWarmup: p.estimatedWarmup, TargetTrackingConfiguration: p.target,
		Enabled: p.enabled, Alarms: p.alarms}
	if p.alarms == nil {
		out.Alarms = []alarm{}
	}
	if p.adjustmentType != "" {
		out.AdjustmentType = &p.adjustmentType
	}
	if p.metricAggregationType != "" {
		out.MetricAggregationType = &p.metricAggregationType
	} else if p.typ == "StepScaling" {
		avg := "Average" // "If the aggregation type is null, the value is treated as Average"
		out.MetricAggregationType = &avg
	}
	return out
}

// policyUUID is a random version-4 UUID, for a policy's ARN and its
// target tracking alarms: each its own, unlike moto's.
func policyUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func policyPartition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}
