package autoscaletest

import (
	"cmp"
	"encoding/base64"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

func (b *Backend) describePolicies(r *fake.Request) (any, error) {
	var in describePoliciesInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	limit, err := maxRecords(in.MaxRecords)
	if err != nil {
		return nil, err
	}
	if len(in.PolicyNames) > 50 {
		return nil, errValidation("1 validation error detected: Value at 'policyNames' failed to satisfy constraint: Member must have length less than or equal to 50")
	}
	byAction := b.alarmsByAction(r.Account(), r.Region)
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	groups := st.groups
	if in.AutoScalingGroupName != nil {
		g := st.groups[*in.AutoScalingGroupName]
		if g == nil {
			// Sourced: terraform PR 8430 quotes "ValidationError: Group <name> not found".
			return nil, errValidation("Group %s not found", *in.AutoScalingGroupName)
		}
		groups = map[string]*group{g.name: g}
	}
	var all []*policy
	for _, g := range groups {
		for _, p := range g.policies {
			if len(in.PolicyNames) > 0 && !slices.Contains(in.PolicyNames, p.name) && !slices.Contains(in.PolicyNames, p.arn) {
				continue
			}
			if len(in.PolicyTypes) > 0 && !slices.Contains(in.PolicyTypes, p.typ) {
				continue
			}
			all = append(all, p)
		}
	}
	slices.SortFunc(all, func(a, b *policy) int { return cmp.Or(cmp.Compare(a.group, b.group), cmp.Compare(a.name, b.name)) })
	start := 0
	if in.NextToken != nil {
		key, err := base64.RawURLEncoding.DecodeString(*in.NextToken)
		if err != nil || !strings.HasPrefix(string(key), "policy\x00") {
			return nil, errInvalidNextToken()
		}
		k := strings.TrimPrefix(string(key), "policy\x00")
		start, _ = slices.BinarySearchFunc(all, k, func(p *policy, k string) int { return cmp.Compare(p.group+"\x00"+p.name, k) })
	}
	out := &describePoliciesOutput{ScalingPolicies: []scalingPolicy{}}
	for i := start; i < len(all); i++ {
		if len(out.ScalingPolicies) == limit {
			tok := base64.RawURLEncoding.EncodeToString([]byte("policy\x00" + all[i].group + "\x00" + all[i].name))
			out.NextToken = &tok
			break
		}
		out.ScalingPolicies = append(out.ScalingPolicies, withAlarms(all[i].wire(), byAction))
	}
	return out, nil
}

// maxRecords reads MaxRecords: 50 when absent, at most 100 (API
// Reference, DescribePolicies: "The default value is 50 and the maximum
// value is 100").
func maxRecords(n *int64) (int, error) {
	if n == nil {
		return 50, nil
	}
	if *n < 1 || *n > 100 {
		return 0, errValidation("1 validation error detected: Value '%d' at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and 100", *n)
	}
	return int(*n), nil
}

// findPolicy finds the policy a DeletePolicy or ExecutePolicy names: by
// name in the given group, or by ARN (ResourceName), when the group may
// be left out.
func findPolicy(st *region, groupName *string, name string) (*group, *policy, error) {
	if strings.HasPrefix(name, "arn:") {
		for _, g := range st.groups {
			for _, p := range g.policies {
				if p.arn == name && (groupName == nil || *groupName == g.name) {
					return g, p, nil
				}
			}
		}
		return nil, nil, errValidation("No scaling policy found for the policy ARN %s.", name)
	}
	if groupName == nil {
		return nil, nil, errValidation("AutoScalingGroupName must be specified when PolicyName is not an ARN.")
	}
	g := st.groups[*groupName]
	if g == nil {
		return nil, nil, errValidation("AutoScalingGroup name not found - AutoScalingGroup %s not found", *groupName)
	}
	p := g.policies[name]
	if p == nil {
		return nil, nil, errValidation("No scaling policy found for the policy name %s in AutoScalingGroup %s.", name, *groupName)
	}
	return g, p, nil
}

func (b *Backend) deletePolicy(r *fake.Request) (any, error) {
	var in deletePolicyInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	g, p, err := findPolicy(st, in.AutoScalingGroupName, in.PolicyName)
	if err != nil {
		return nil, err
	}
	delete(g.policies, p.name)
	return nil, nil
}

func (b *Backend) executePolicy(r *fake.Request) (any, error) {
	var in executePolicyInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	g, p, err := findPolicy(st, in.AutoScalingGroupName, in.PolicyName)
	if err != nil {
		return nil, err
	}
	honor := in.HonorCooldown != nil && *in.HonorCooldown
	// The activity's cause reads "At <time> a user request executed
	// policy <p> changing the desired capacity from 1 to 2." (setDesired
	// adds the time and the change).
	return nil, b.runPolicy(st, g, p, r.Now, honor, in.MetricValue, in.BreachThreshold, "a user request executed policy "+p.name)
}

// runPolicy executes p on g at now, as ExecutePolicy or an alarm does:
// a simple policy by its adjustment, honouring its cooldown (its own or
// the group's default) when honor is set; a step policy by the step
// metric - threshold falls in. The new capacity stays within the
// group's min and max. A change is a scaling activity whose cause
// setDesired words from cause ("At <time> <cause> changing the desired
// capacity from 1 to 2."). The region's lock is held.
func (b *Backend) runPolicy(st *region, g *group, p *policy, now time.Time, honor bool, metric, threshold *float64, cause string) error {
	if !p.enabled {
		return errValidation("Policy %s is disabled.", p.name)
	}
	var adjustment int64
	switch p.typ {
	case "SimpleScaling":
		if metric != nil || threshold != nil {
			return errValidation("MetricValue and BreachThreshold are only supported for policy type StepScaling.")
		}
		if honor {
			cooldown := int64(g.defaultCooldown)
			if p.cooldown != nil {
				cooldown = *p.cooldown
			}
			// A simple policy also waits for the activity in progress
			// (User Guide, "Scaling cooldowns": "the scaling activity
			// must complete ... before the cooldown period starts").
			if g.busy() || now.Before(g.lastScaled.Add(time.Duration(cooldown)*time.Second)) {
				return errScalingActivityInProgress("Scaling activity in progress or cooldown period for group %s.", g.name)
			}
		}
		adjustment = *p.scalingAdjustment
	case "StepScaling":
		if honor {
			return errValidation("HonorCooldown is only supported for policy type SimpleScaling.")
		}
		if metric == nil || threshold == nil {
			return errValidation("MetricValue and BreachThreshold are required for policy type StepScaling.")
		}
		s, ok := chooseStep(p.steps, *metric-*threshold)
		if !ok {
			return errValidation("The metric value %g does not correspond to a step adjustment of policy %s for the breach threshold %g.", *metric, p.name, *threshold)
		}
		adjustment = *s.ScalingAdjustment
	default:
		return errValidation("ExecutePolicy is not supported for policy type %s.", p.typ)
	}
	from := g.desired
	to := newCapacity(from, p.adjustmentType, adjustment, p.minAdjustmentMagnitude)
	to = max(g.min, min(g.max, to))
	if to == from {
		return nil
	}
	// The cooldown was checked above with the policy's own period; the
	// engine's check knows only the group's.
	return b.setDesired(st, g, to, cause, now, false)
}

// chooseStep finds the step whose interval holds diff, the metric's
// distance from the threshold: lower bound inclusive above the
// threshold, upper bound inclusive below it (User Guide, "Step
// adjustments for step scaling").
func chooseStep(steps []stepAdjustment, diff float64) (stepAdjustment, bool) {
	for _, s := range steps {
		lo, hi := math.Inf(-1), math.Inf(1)
		if s.MetricIntervalLowerBound != nil {
			lo = *s.MetricIntervalLowerBound
		}
		if s.MetricIntervalUpperBound != nil {
			hi = *s.MetricIntervalUpperBound
		}
		if diff >= 0 && lo <= diff && diff < hi || diff < 0 && lo < diff && diff <= hi {
			return s, true
		}
	}
	return stepAdjustment{}, false
}

// newCapacity applies an adjustment to capacity from (User Guide,
// "Scaling adjustment types"): a percentage's change is rounded toward
// zero when its size is above 1 and away from zero below it, then raised
// to MinAdjustmentMagnitude.
func newCapacity(from int, typ string, adjustment int64, minMagnitude *int64) int {
	switch typ {
	case "ExactCapacity":
		return int(adjustment)
	case "PercentChangeInCapacity":
		change := float64(from) * float64(adjustment) / 100
		var n int64
		switch {
		case change > 1 || change < -1:
			n = int64(math.Trunc(change))
		case change > 0:
			n = 1
		case change < 0:
			n = -1
		}
		if minMagnitude != nil && n != 0 && abs64(n) < *minMagnitude {
			if n > 0 {
				n = *minMagnitude
			} else {
				n = -*minMagnitude
			}
		}
		return from + int(n)
	}
	return from + int(adjustment)
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
