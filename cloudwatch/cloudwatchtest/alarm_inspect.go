package cloudwatchtest

import (
	"maps"
	"slices"
)

// AlarmInfo is what a test, or another fake, can see of a metric alarm
// without a client.
type AlarmInfo struct {
	Name, ARN      string
	State          string // "OK", "ALARM" or "INSUFFICIENT_DATA"
	ActionsEnabled bool
	// The action ARNs of each state, as the alarm lists them.
	OKActions, AlarmActions, InsufficientDataActions []string
}

// Alarms returns account's metric alarms in region, by name, as their
// last evaluation left them. It evaluates nothing and so runs no action,
// which lets another fake call it while holding its own locks (the
// AutoScaling fake lists the alarms naming its policies).
func (b *Backend) Alarms(account, region string) []AlarmInfo {
	reg, ok := b.regions.Lookup(account, region)
	if !ok {
		return nil
	}
	reg.mu.Lock()
	defer reg.mu.Unlock()
	var out []AlarmInfo
	for _, name := range slices.Sorted(maps.Keys(reg.alarms)) {
		a := reg.alarms[name]
		out = append(out, AlarmInfo{Name: a.name(), ARN: a.arn, State: a.state, ActionsEnabled: a.actionsEnabled,
			OKActions: slices.Clone(a.cfg.OKActions), AlarmActions: slices.Clone(a.cfg.AlarmActions),
			InsufficientDataActions: slices.Clone(a.cfg.InsufficientDataActions)})
	}
	return out
}
