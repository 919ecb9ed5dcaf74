package autoscaletest

import (
	"fmt"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// AlarmTrigger is a CloudWatch alarm running a scaling policy as its
// action: the local cloud makes one from each alarm action whose ARN is
// a policy's.
type AlarmTrigger struct {
	Account, Region string
	// PolicyARN is the action, as the alarm lists it.
	PolicyARN string
	AlarmName string
	// State is the alarm's new state ("ALARM", "OK", ...), for the cause.
	State string
	// MetricValue and Threshold choose a step policy's step: the last
	// datapoint the alarm evaluated and its threshold. A target tracking
	// policy sizes the group from MetricValue and its target. Simple
	// policies take neither.
	MetricValue, Threshold *float64
	Time                   time.Time
}

// AlarmAction executes the policy t names, as AutoScaling does when a
// CloudWatch alarm whose action it is changes state: a simple policy
// honours its cooldown (User Guide, "Scaling cooldowns": "the cooldown
// period ... applies to ... simple scaling policies" triggered by
// alarms), a step policy takes its step from t's metric and threshold,
// and nothing runs while the group's AlarmNotification process is
// suspended ("AlarmNotification — Accepts notifications from CloudWatch
// alarms that are associated with the group's scaling policies"). The
// group's activity names the alarm as its cause ("At <time> a monitor
// alarm <name> in state ALARM triggered policy <policy> changing the
// desired capacity from 1 to 2."). A policy that no longer exists is
// an error, which CloudWatch records as the action failing.
func (b *Backend) AlarmAction(t AlarmTrigger) error {
	// arn:aws:autoscaling:<region>:<account>:scalingPolicy:<uuid>:autoScalingGroupName/<g>:policyName/<p>
	parts := strings.SplitN(t.PolicyARN, ":", 6)
	if len(parts) < 6 || parts[2] != "autoscaling" || !strings.HasPrefix(parts[5], "scalingPolicy:") {
		return fmt.Errorf("%q is not a scaling policy's ARN", t.PolicyARN)
	}
	// The policy lives where its ARN says, which is where the alarm is:
	// an alarm can act only on a policy of its own account and region.
	account, region := parts[4], parts[3]
	if t.Account != "" && t.Account != account || t.Region != "" && t.Region != region {
		return fmt.Errorf("policy %s is not in the alarm's account and region", t.PolicyARN)
	}
	now := t.Time
	if now.IsZero() {
		now = b.clock()
	}
	b.advance(account, region, now)
	st := b.regions.Get(account, region)
	st.mu.Lock()
	defer st.mu.Unlock()
	g, p, err := findPolicy(st, nil, t.PolicyARN)
	if err != nil {
		return asError(err)
	}
	if g.isSuspended("AlarmNotification") {
		return nil
	}
	state := t.State
	if state == "" {
		state = "ALARM"
	}
	cause := fmt.Sprintf("a monitor alarm %s in state %s triggered policy %s", t.AlarmName, state, p.name)
	if p.typ == "TargetTrackingScaling" {
		return asError(b.runTracking(st, g, p, now, t.MetricValue, cause))
	}
	var metric, threshold *float64
	if p.typ == "StepScaling" {
		metric, threshold = t.MetricValue, t.Threshold
	}
	return asError(b.runPolicy(st, g, p, now, p.typ == "SimpleScaling", metric, threshold, cause))
}

// asError turns the fake's AWS error into a plain one for CloudWatch's
// history, and a cooldown into no error: AWS records a simple policy
// skipped for its cooldown as nothing done, not as the alarm failing.
func asError(err error) error {
	if fe, ok := err.(*fake.Error); ok {
		if fe.Code == "ScalingActivityInProgress" {
			return nil
		}
		return fmt.Errorf("%s: %s", fe.Code, fe.Message)
	}
	return err
}
