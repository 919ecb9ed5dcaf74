package autoscale

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/goboto/goboto"
)

// policyInput checks o as PutScalingPolicy's documentation states each
// member's scope ("Valid only if the policy type is SimpleScaling",
// "Required if the policy type is StepScaling or SimpleScaling", ...)
// and builds the request.
func policyInput(group, name string, o PolicyOptions) (*autoscaling.PutScalingPolicyInput, error) {
	if err := checkName("PolicyName", name); err != nil {
		return nil, err
	}
	typ := o.Type
	if typ == "" {
		typ = PolicySimple
	}
	in := &autoscaling.PutScalingPolicyInput{AutoScalingGroupName: aws.String(group), PolicyName: aws.String(name), PolicyType: aws.String(string(typ))}
	if o.Disabled {
		in.Enabled = aws.Bool(false)
	}
	only := func(field string, set bool, types ...PolicyType) error {
		if set && !slices.Contains(types, typ) {
			return goboto.Invalid(field, string(typ), "policies do not take "+field)
		}
		return nil
	}
	for _, c := range []error{
		only("AdjustmentType", o.AdjustmentType != "", PolicySimple, PolicyStep),
		only("ScalingAdjustment", o.ScalingAdjustment != 0, PolicySimple),
		only("MinAdjustmentMagnitude", o.MinAdjustmentMagnitude != 0, PolicySimple, PolicyStep),
		only("Cooldown", o.Cooldown != nil, PolicySimple),
		only("StepAdjustments", o.Steps != nil, PolicyStep),
		only("MetricAggregationType", o.MetricAggregationType != "", PolicyStep),
		only("EstimatedInstanceWarmup", o.EstimatedInstanceWarmup != nil, PolicyStep, PolicyTargetTracking),
		only("TargetTrackingConfiguration", o.TargetTracking != nil, PolicyTargetTracking),
	} {
		if c != nil {
			return nil, c
		}
	}
	switch typ {
	case PolicySimple, PolicyStep:
		switch o.AdjustmentType {
		case "":
			return nil, goboto.Invalid("AdjustmentType", "", "is required for "+string(typ)+" policies")
		case ChangeInCapacity, ExactCapacity, PercentChangeInCapacity:
		default:
			return nil, goboto.Invalid("AdjustmentType", string(o.AdjustmentType), "is not ChangeInCapacity, ExactCapacity or PercentChangeInCapacity")
		}
		in.AdjustmentType = aws.String(string(o.AdjustmentType))
		if o.MinAdjustmentMagnitude != 0 {
			if o.AdjustmentType != PercentChangeInCapacity {
				return nil, goboto.Invalid("MinAdjustmentMagnitude", strconv.Itoa(o.MinAdjustmentMagnitude), "applies only to PercentChangeInCapacity")
			}
			if o.MinAdjustmentMagnitude < 1 {
				return nil, goboto.Invalid("MinAdjustmentMagnitude", strconv.Itoa(o.MinAdjustmentMagnitude), "is less than 1")
			}
			in.MinAdjustmentMagnitude = aws.Int32(int32(o.MinAdjustmentMagnitude))
		}
	case PolicyTargetTracking:
	case PolicyPredictive:
		return nil, goboto.Invalid("PolicyType", string(typ), "is not made by PutPolicy: use Conn.Client's PutScalingPolicy")
	default:
		return nil, goboto.Invalid("PolicyType", string(typ), "is not SimpleScaling, StepScaling or TargetTrackingScaling")
	}
	switch typ {
	case PolicySimple:
		if o.AdjustmentType == ExactCapacity && o.ScalingAdjustment < 0 {
			return nil, goboto.Invalid("ScalingAdjustment", strconv.Itoa(o.ScalingAdjustment), "is negative, which ExactCapacity does not take")
		}
		n, err := policyInt32("ScalingAdjustment", o.ScalingAdjustment)
		if err != nil {
			return nil, err
		}
		in.ScalingAdjustment = aws.Int32(n)
		if o.Cooldown != nil {
			s, err := policyWholeSeconds("Cooldown", *o.Cooldown)
			if err != nil {
				return nil, err
			}
			in.Cooldown = aws.Int32(s)
		}
	case PolicyStep:
		steps, err := stepAdjustments(o.Steps)
		if err != nil {
			return nil, err
		}
		in.StepAdjustments = steps
		switch o.MetricAggregationType {
		case "":
		case AggregateAverage, AggregateMinimum, AggregateMaximum:
			in.MetricAggregationType = aws.String(string(o.MetricAggregationType))
		default:
			return nil, goboto.Invalid("MetricAggregationType", string(o.MetricAggregationType), "is not Average, Minimum or Maximum")
		}
	case PolicyTargetTracking:
		tt, err := targetTracking(o.TargetTracking)
		if err != nil {
			return nil, err
		}
		in.TargetTrackingConfiguration = tt
	}
	if o.EstimatedInstanceWarmup != nil {
		s, err := policyWholeSeconds("EstimatedInstanceWarmup", *o.EstimatedInstanceWarmup)
		if err != nil {
			return nil, err
		}
		in.EstimatedInstanceWarmup = aws.Int32(s)
	}
	return in, nil
}

// stepAdjustments checks a step policy's steps by the User Guide's
// rules ("Step adjustments for step scaling"): the ranges may not
// overlap or leave a gap; only one step may have an open lower bound,
// and one must when any bound is negative; likewise open upper bounds
// and positive bounds; no step is open at both ends.
func stepAdjustments(steps []Step) ([]types.StepAdjustment, error) {
	if len(steps) == 0 {
		return nil, goboto.Invalid("StepAdjustments", "", "is required for StepScaling policies")
	}
	sorted := slices.Clone(steps)
	slices.SortFunc(sorted, func(a, b Step) int {
		switch {
		case a.Lower < b.Lower:
			return -1
		case a.Lower > b.Lower:
			return 1
		}
		return 0
	})
	bound := func(s Step) string {
		return "[" + strconv.FormatFloat(s.Lower, 'g', -1, 64) + ", " + strconv.FormatFloat(s.Upper, 'g', -1, 64) + ")"
	}
	for i, s := range sorted {
		switch {
		case math.IsNaN(s.Lower) || math.IsNaN(s.Upper) || math.IsInf(s.Lower, 1) || math.IsInf(s.Upper, -1):
			return nil, goboto.Invalid("StepAdjustments", bound(s), "has a bound that is not a number or open on the wrong side")
		case math.IsInf(s.Lower, -1) && math.IsInf(s.Upper, 1):
			return nil, goboto.Invalid("StepAdjustments", bound(s), "is open at both ends")
		case s.Lower >= s.Upper:
			return nil, goboto.Invalid("StepAdjustments", bound(s), "has a lower bound not below its upper bound")
		case i > 0 && sorted[i-1].Upper > s.Lower:
			return nil, goboto.Invalid("StepAdjustments", bound(s), "overlaps "+bound(sorted[i-1]))
		case i > 0 && sorted[i-1].Upper < s.Lower:
			return nil, goboto.Invalid("StepAdjustments", bound(s), "leaves a gap after "+bound(sorted[i-1]))
		}
		if _, err := policyInt32("ScalingAdjustment", s.Adjustment); err != nil {
			return nil, err
		}
	}
	first, last := sorted[0], sorted[len(sorted)-1]
	if !math.IsInf(first.Lower, -1) && first.Lower < 0 {
		return nil, goboto.Invalid("StepAdjustments", bound(first), "has a negative lower bound but no step is open below")
	}
	if !math.IsInf(last.Upper, 1) && last.Upper > 0 {
		return nil, goboto.Invalid("StepAdjustments", bound(last), "has a positive upper bound but no step is open above")
	}
	var out []types.StepAdjustment
	for _, s := range steps { // AutoScaling keeps the caller's order
		sa := types.StepAdjustment{ScalingAdjustment: aws.Int32(int32(s.Adjustment))}
		if !math.IsInf(s.Lower, -1) {
			sa.MetricIntervalLowerBound = aws.Float64(s.Lower)
		}
		if !math.IsInf(s.Upper, 1) {
			sa.MetricIntervalUpperBound = aws.Float64(s.Upper)
		}
		out = append(out, sa)
	}
	return out, nil
}

var predefinedMetrics = []PredefinedMetric{ASGAverageCPUUtilization, ASGAverageNetworkIn, ASGAverageNetworkOut, ALBRequestCountPerTarget}

func targetTracking(t *TargetTracking) (*types.TargetTrackingConfiguration, error) {
	if t == nil {
		return nil, goboto.Invalid("TargetTrackingConfiguration", "", "is required for TargetTrackingScaling policies")
	}
	if math.IsNaN(t.TargetValue) || math.IsInf(t.TargetValue, 0) {
		return nil, goboto.Invalid("TargetValue", "", "is not a finite number")
	}
	out := &types.TargetTrackingConfiguration{TargetValue: aws.Float64(t.TargetValue)}
	if t.DisableScaleIn {
		out.DisableScaleIn = aws.Bool(true)
	}
	switch {
	case (t.Metric == "") == (t.CustomMetric == nil):
		return nil, goboto.Invalid("TargetTrackingConfiguration", string(t.Metric), "needs exactly one of a predefined Metric and a CustomMetric")
	case t.CustomMetric != nil:
		if t.ResourceLabel != "" {
			return nil, goboto.Invalid("ResourceLabel", t.ResourceLabel, "belongs to ALBRequestCountPerTarget only")
		}
		c := t.CustomMetric
		if c.Namespace == "" || c.MetricName == "" {
			return nil, goboto.Invalid("CustomizedMetricSpecification", c.Namespace+"/"+c.MetricName, "needs a Namespace and a MetricName")
		}
		switch types.MetricStatistic(c.Statistic) {
		case types.MetricStatisticAverage, types.MetricStatisticMinimum, types.MetricStatisticMaximum, types.MetricStatisticSampleCount, types.MetricStatisticSum:
		default:
			return nil, goboto.Invalid("Statistic", c.Statistic, "is not Average, Minimum, Maximum, SampleCount or Sum")
		}
		cm := &types.CustomizedMetricSpecification{Namespace: aws.String(c.Namespace), MetricName: aws.String(c.MetricName), Statistic: types.MetricStatistic(c.Statistic)}
		if c.Unit != "" {
			cm.Unit = aws.String(c.Unit)
		}
		for _, k := range slices.Sorted(maps.Keys(c.Dimensions)) {
			cm.Dimensions = append(cm.Dimensions, types.MetricDimension{Name: aws.String(k), Value: aws.String(c.Dimensions[k])})
		}
		out.CustomizedMetricSpecification = cm
	default:
		if !slices.Contains(predefinedMetrics, t.Metric) {
			return nil, goboto.Invalid("PredefinedMetricType", string(t.Metric), "is not a predefined metric (ASGAverageCPUUtilization, ASGAverageNetworkIn, ASGAverageNetworkOut, ALBRequestCountPerTarget)")
		}
		if (t.Metric == ALBRequestCountPerTarget) != (t.ResourceLabel != "") {
			return nil, goboto.Invalid("ResourceLabel", t.ResourceLabel, "is required for ALBRequestCountPerTarget and taken by no other metric")
		}
		pm := &types.PredefinedMetricSpecification{PredefinedMetricType: types.MetricType(t.Metric)}
		if t.ResourceLabel != "" {
			pm.ResourceLabel = aws.String(t.ResourceLabel)
		}
		out.PredefinedMetricSpecification = pm
	}
	return out, nil
}

// policyWholeSeconds turns d into the whole, non-negative seconds AutoScaling
// takes, by the rule groups' durations follow (checkSeconds).
func policyWholeSeconds(field string, d time.Duration) (int32, error) {
	if err := checkSeconds(field, d); err != nil {
		return 0, err
	}
	return int32(d / time.Second), nil
}

func policyInt32(field string, n int) (int32, error) {
	if n < math.MinInt32 || n > math.MaxInt32 {
		return 0, goboto.Invalid(field, strconv.Itoa(n), "does not fit in 32 bits")
	}
	return int32(n), nil
}
