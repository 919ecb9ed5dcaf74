package autoscaletest

import (
	"maps"
	"slices"
	"time"
)

// PolicyInfo is what a test can see of a scaling policy without a
// client.
type PolicyInfo struct {
	Name, ARN string
	Type      string   // SimpleScaling, StepScaling, TargetTrackingScaling
	Alarms    []string // a target tracking policy's alarm names
	Enabled   bool
}

// ScheduledActionInfo is what a test can see of a scheduled action
// without a client.
type ScheduledActionInfo struct {
	Name, ARN            string
	Recurrence, TimeZone string
	Next                 time.Time // when it runs next
}

// Policies returns the scaling policies of account's group name in region, by
// name; nil for a group that does not exist.
func (b *Backend) Policies(account, region, name string) []PolicyInfo {
	return inspect(b, account, region, name, func(g *group) []PolicyInfo {
		out := []PolicyInfo{}
		for _, n := range slices.Sorted(maps.Keys(g.policies)) {
			p := g.policies[n]
			pi := PolicyInfo{Name: p.name, ARN: p.arn, Type: p.typ, Enabled: p.enabled}
			for _, a := range p.alarms {
				pi.Alarms = append(pi.Alarms, a.AlarmName)
			}
			out = append(out, pi)
		}
		return out
	})
}

// ScheduledActions returns the scheduled actions of account's group name in
// region that have yet to run, by name, as the last request left them
// (time runs them only when a request arrives); nil for a group that
// does not exist.
func (b *Backend) ScheduledActions(account, region, name string) []ScheduledActionInfo {
	return inspect(b, account, region, name, func(g *group) []ScheduledActionInfo {
		out := []ScheduledActionInfo{}
		for _, n := range slices.Sorted(maps.Keys(g.scheduled)) {
			a := g.scheduled[n]
			out = append(out, ScheduledActionInfo{Name: a.name, ARN: a.arn, Recurrence: a.recurrence, TimeZone: a.zone, Next: a.next})
		}
		return out
	})
}
