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
	return b.inGroups(r, in.AutoScalingGroupName, func(groups map[string]*group) (any, error) {
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
		pg, next, err := pageFrom(all, func(p *policy) string { return p.group + "\x00" + p.name }, "policy", in.NextToken, limit)
		if err != nil {
			return nil, err
		}
		out := &describePoliciesOutput{ScalingPolicies: []scalingPolicy{}, NextToken: next}
		for _, p := range pg {
			out.ScalingPolicies = append(out.ScalingPolicies, withAlarms(p.wire(), byAction))
		}
		return out, nil
	})
}

// inGroups runs fn, under the region's lock, on the groups
// groupsNamed finds for name.
func (b *Backend) inGroups(r *fake.Request, name *string, fn func(groups map[string]*group) (any, error)) (any, error) {
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	groups, err := groupsNamed(st, name)
	if err != nil {
		return nil, err
	}
	return fn(groups)
}

// groupsNamed are the groups DescribePolicies and
// DescribeScheduledActions look in: all of st's, or the one named.
func groupsNamed(st *region, name *string) (map[string]*group, error) {
	if name == nil {
		return st.groups, nil
	}
	g := st.groups[*name]
	if g == nil {
		// Sourced: terraform PR 8430 quotes "ValidationError: Group <name> not found".
		return nil, errValidation("Group %s not found", *name)
	}
	return map[string]*group{g.name: g}, nil
}

// pageFrom is one page of DescribePolicies or DescribeScheduledActions:
// items sorted by key, at most limit of them from the one token names
// on. A token is kind and the key of the page's first item, so a page
// starts in the right place even when items before it went; one of
// another kind is InvalidNextToken.
func pageFrom[T any](items []T, key func(T) string, kind string, token *string, limit int) ([]T, *string, error) {
	slices.SortFunc(items, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
	start := 0
	if token != nil {
		raw, err := base64.RawURLEncoding.DecodeString(*token)
		if err != nil || !strings.HasPrefix(string(raw), kind+"\x00") {
			return nil, nil, errInvalidNextToken()
		}
		k := strings.TrimPrefix(string(raw), kind+"\x00")
		start, _ = slices.BinarySearchFunc(items, k, func(it T, k string) int { return cmp.Compare(key(it), k) })
	}
	if len(items)-start <= limit {
		return items[start:], nil, nil
	}
	tok := base64.RawURLEncoding.EncodeToString([]byte(kind + "\x00" + key(items[start+limit])))
	return items[start : start+limit], &tok, nil
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
		return nil, nil, errValidation("AutoScalingGroup name not found - AutoScalingGroup '%s' not found", *groupName)
	}
	p := g.policies[name]
	if p == nil {
		return nil, nil, errValidation("No scaling policy found for the policy name %s in AutoScalingGroup %s.", name, *groupName)
	}
	return g, p, nil
}

// withPolicy runs fn, under the region's lock, on the policy name (or
// ARN) in the group groupName, as findPolicy finds it.
func (b *Backend) withPolicy(r *fake.Request, groupName *string, name string, fn func(st *region, g *group, p *policy) (any, error)) (any, error) {
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	g, p, err := findPolicy(st, groupName, name)
	if err != nil {
		return nil, err
	}
	return fn(st, g, p)
}

func (b *Backend) deletePolicy(r *fake.Request) (any, error) {
	var in deletePolicyInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	return b.withPolicy(r, in.AutoScalingGroupName, in.PolicyName, func(_ *region, g *group, p *policy) (any, error) {
		// A target tracking policy's alarms are AutoScaling's, which it
		// "deletes ... when no longer needed" (Application Auto Scaling
		// User Guide, "Target tracking scaling policies"); a step or
		// simple policy's alarms are the user's and stay (API Reference,
		// DeletePolicy: deleting one "deletes the underlying alarm
		// action, but does not delete the alarm").
		if p.target != nil {
			if err := b.deleteTrackingAlarms(r.Account(), r.Region, r.Now, p.alarms); err != nil {
				return nil, err
			}
		}
		delete(g.policies, p.name)
		return nil, nil
	})
}

func (b *Backend) executePolicy(r *fake.Request) (any, error) {
	var in executePolicyInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	return b.withPolicy(r, in.AutoScalingGroupName, in.PolicyName, func(st *region, g *group, p *policy) (any, error) {
		honor := in.HonorCooldown != nil && *in.HonorCooldown
		// The activity's cause reads "At <time> a user request executed
		// policy <p> changing the desired capacity from 1 to 2." (setDesired
		// adds the time and the change).
		return nil, b.runPolicy(st, g, p, r.Now, honor, in.MetricValue, in.BreachThreshold, "a user request executed policy "+p.name)
	})
}

// runPolicy executes p on g at now, as ExecutePolicy or an alarm does:
// a simple policy by its adjustment, honouring its cooldown (its own or
// the group's default) when honor is set; a step policy by the step
// metric - threshold falls in, with instance warmup (runStep). The new
// capacity stays within the group's min and max. A change is a scaling activity whose cause
// setDesired words from cause ("At <time> <cause> changing the desired
// capacity from 1 to 2."). The region's lock is held.
func (b *Backend) runPolicy(st *region, g *group, p *policy, now time.Time, honor bool, metric, threshold *float64, cause string) error {
	if !p.enabled {
		return errValidation("Policy %s is disabled.", p.name)
	}
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
		to := newCapacity(g.desired, p.adjustmentType, *p.scalingAdjustment, p.minAdjustmentMagnitude)
		// The cooldown was checked above with the policy's own period;
		// the engine's check knows only the group's.
		return b.scaleTo(st, g, to, now, cause)
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
		return b.runStep(st, g, p, *s.ScalingAdjustment, now, cause)
	}
	return errValidation("ExecutePolicy is not supported for policy type %s.", p.typ)
}

// runTracking executes target tracking policy p as its alarm fires with
// the metric at metric (the alarm's last datapoint), with instance
// warmup as step policies have it (runStep): scaling out, the capacity
// the metric is proportional to leaves out instances still warming up,
// and a desired capacity that already has what the metric asks for
// changes nothing (User Guide, "Set the default instance warmup for an
// Auto Scaling group": while instances warm up, dynamic scaling policies
// scale out only when the metric of the instances not warming up is
// above a target tracking policy's target, and scale in is blocked
// until they finish; an AWS re:Post answer, "slow down asg target
// tracking scale out", walks through it: with 4 instances and 1
// warming, "4 + 1 = 5; new desired should be 5 so no instances are
// launched"); scaling in waits until no instance is warming up, and
// never happens with DisableScaleIn. The new capacity is
// trackingCapacity's, within min and max; a target tracking policy has
// no cooldown (API Reference, PutScalingPolicy, Cooldown: "Valid only
// if the policy type is SimpleScaling").
func (b *Backend) runTracking(st *region, g *group, p *policy, now time.Time, metric *float64, cause string) error {
	if !p.enabled {
		return errValidation("Policy %s is disabled.", p.name)
	}
	if metric == nil {
		return errValidation("The alarm gave no metric value for target tracking policy %s.", p.name)
	}
	target := *p.target.TargetValue
	warming := g.warming(now, p.warmup(g))
	switch {
	case *metric > target:
		to := trackingCapacity(max(0, g.desired-warming), *metric, target)
		if to <= g.desired {
			return nil
		}
		return b.scaleTo(st, g, to, now, cause)
	case *metric < target:
		if deref(p.target.DisableScaleIn) || warming > 0 {
			return nil
		}
		to := trackingCapacity(g.desired, *metric, target)
		if to >= g.desired {
			return nil
		}
		return b.scaleTo(st, g, to, now, cause)
	}
	return nil
}

// scaleTo sets g's desired capacity to n, kept within g's min and max,
// as a scaling activity; an unchanged capacity records nothing.
func (b *Backend) scaleTo(st *region, g *group, n int, now time.Time, cause string) error {
	n = clamp(n, g.min, g.max)
	if n == g.desired {
		return nil
	}
	return b.setDesired(st, g, n, cause, now, false)
}

// runStep applies a step policy's adjustment with AWS's instance
// warmup (User Guide, "Step and simple scaling policies", "Instance
// warm-up", and "Set the default instance warmup for an Auto Scaling
// group"):
//
//   - Scaling out, instances still warming up are not part of the
//     current capacity the step is applied to, while the desired
//     capacity already counts them, so a breach adds only what the
//     desired capacity lacks: "suppose that the metric gets to 60, and
//     then it gets to 62 while the new instance is still warming up.
//     The current capacity is still 10 instances, so 1 instance is
//     added (10 percent of 10 instances). However, the desired capacity
//     of the group is already 11 instances, so the scaling policy does
//     not increase the desired capacity further. If the metric gets to
//     70 while the new instance is still warming up, we should add 3
//     instances (30 percent of 10 instances). However, the desired
//     capacity of the group is already 11, so we add only 2 instances,
//     for a new desired capacity of 13 instances." So "multiple alarm
//     breaches that fall in the range of the same step adjustment
//     result in a single scaling activity".
//   - Scaling in waits for them: "If demand decreases, the intention is
//     to scale in conservatively to protect your application's
//     availability. This blocks scale-in activities initiated by
//     scaling policies until the instances finish warming up." The
//     breach does nothing, and is no error.
//
// Without warming instances the step applies to the desired capacity,
// as it always did.
func (b *Backend) runStep(st *region, g *group, p *policy, adjustment int64, now time.Time, cause string) error {
	warming := g.warming(now, p.warmup(g))
	out := adjustment > 0
	if p.adjustmentType == "ExactCapacity" {
		out = int(adjustment) > g.desired
	}
	if !out {
		if warming > 0 {
			return nil
		}
		return b.scaleTo(st, g, newCapacity(g.desired, p.adjustmentType, adjustment, p.minAdjustmentMagnitude), now, cause)
	}
	current := max(0, g.desired-warming)
	to := newCapacity(current, p.adjustmentType, adjustment, p.minAdjustmentMagnitude)
	if to <= g.desired {
		return nil
	}
	return b.scaleTo(st, g, to, now, cause)
}

// warmup is how long an instance warms up for p: its
// EstimatedInstanceWarmup, else the group's DefaultInstanceWarmup, else
// the group's DefaultCooldown (API Reference, PutScalingPolicy,
// EstimatedInstanceWarmup: "The default is to use the value for the
// default instance warmup defined for the group. If default instance
// warmup is null, then EstimatedInstanceWarmup falls back to the value
// of default cooldown").
func (p *policy) warmup(g *group) time.Duration {
	switch {
	case p.estimatedWarmup != nil:
		return time.Duration(*p.estimatedWarmup) * time.Second
	case g.warmup != nil:
		return time.Duration(*g.warmup) * time.Second
	}
	return time.Duration(g.defaultCooldown) * time.Second
}

// warming counts g's instances still warming up at now: launching,
// waiting on a launch hook, or in service for less than warmup (the
// warmup starts when an instance enters InService: API Reference,
// CreateAutoScalingGroup, DefaultInstanceWarmup: "until a new instance
// is considered to have finished initializing ... after it enters the
// InService state"). The fake applies it to every instance that entered
// InService, launched, attached or back from Standby alike.
func (g *group) warming(now time.Time, warmup time.Duration) int {
	n := 0
	for _, m := range g.live() {
		if m.lifecycle != lcInService || now.Before(m.inService.Add(warmup)) {
			n++
		}
	}
	return n
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
