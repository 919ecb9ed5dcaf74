package autoscaletest

import (
	"cmp"
	"slices"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// CloudWatchAlarm is what DescribePolicies needs to know of a CloudWatch
// alarm: its name, its ARN, and the action ARNs of all its states.
type CloudWatchAlarm struct {
	Name, ARN string
	Actions   []string
}

// AlarmSource lists account's CloudWatch alarms in region. The fake
// calls it without its own locks held.
type AlarmSource func(account, region string) []CloudWatchAlarm

// alarmOptions carry WithAlarms.
type alarmOptions struct {
	alarms AlarmSource
}

// WithAlarms lets DescribePolicies see CloudWatch's alarms: a simple or
// step policy lists in Alarms the alarms whose actions name it, as on
// AWS (API Reference, ScalingPolicy, Alarms: "The CloudWatch alarms
// related to the policy"), where CloudWatch and AutoScaling share an
// account. Without a source the fake knows no alarms, and such a
// policy's Alarms is empty. The local cloud passes its CloudWatch fake's.
func WithAlarms(src AlarmSource) fakes.Option {
	return fake.ServiceOption(func(o *alarmOptions) { o.alarms = src })
}

// SetAlarms replaces the source of CloudWatch alarms (nil for none), for
// a local cloud that wires backends after making them.
func (b *Backend) SetAlarms(src AlarmSource) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.alarmSrc = src
}

func (b *Backend) alarmSource() AlarmSource {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.alarmSrc
}

// alarmsByAction reads account's alarms in region and indexes them by
// the action ARNs they name, each list in name order. An alarm naming a
// policy in any state's actions counts: AWS's documentation does not say
// which of OKActions, AlarmActions and InsufficientDataActions
// DescribePolicies looks at, and an alarm that scales in when it goes
// back to OK is as related to the policy as one that scales out.
// Call it before taking a region's lock: the source takes CloudWatch's.
func (b *Backend) alarmsByAction(account, region string) map[string][]alarm {
	src := b.alarmSource()
	if src == nil {
		return nil
	}
	all := src(account, region)
	slices.SortFunc(all, func(x, y CloudWatchAlarm) int { return cmp.Compare(x.Name, y.Name) })
	out := map[string][]alarm{}
	for _, a := range all {
		for _, arn := range a.Actions {
			ref := alarm{AlarmName: a.Name, AlarmARN: a.ARN}
			if !slices.Contains(out[arn], ref) {
				out[arn] = append(out[arn], ref)
			}
		}
	}
	return out
}

// withAlarms adds to a policy's answer the alarms whose actions name it,
// after its own (a target tracking policy's).
func withAlarms(sp scalingPolicy, byAction map[string][]alarm) scalingPolicy {
	sp.Alarms = slices.Clone(sp.Alarms) // the policy's own stay its own
	for _, a := range byAction[sp.PolicyARN] {
		if !slices.Contains(sp.Alarms, a) {
			sp.Alarms = append(sp.Alarms, a)
		}
	}
	return sp
}
