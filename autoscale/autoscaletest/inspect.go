package autoscaletest

import (
	"maps"
	"slices"
)

// GroupInfo is what a test can see of a group without a client.
type GroupInfo struct {
	Name, ARN              string
	Min, Max, Desired      int
	Status                 string   // "" or "Delete in progress"
	Suspended              []string // suspended processes, sorted
	LaunchConfiguration    string
	LaunchTemplateID       string
	Zones, Subnets         []string
	Hooks                  []string // lifecycle hook names, sorted
	DefaultCooldown, Grace int      // seconds
}

// InstanceInfo is what a test can see of a group's instance without a
// client.
type InstanceInfo struct {
	ID, Zone, Subnet  string
	Lifecycle, Health string // "InService", "Pending:Wait", ...; "Healthy" or "Unhealthy"
	Protected         bool
}

// Groups returns account's groups in region, by name, as the last
// request left them (time moves them only when a request arrives).
func (b *Backend) Groups(account, region string) []GroupInfo {
	st := b.regions.Get(account, region)
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []GroupInfo
	for _, g := range sortedGroups(st) {
		gi := GroupInfo{Name: g.name, ARN: g.arn, Min: g.min, Max: g.max, Desired: g.desired,
			Suspended: slices.Sorted(maps.Keys(g.suspended)), LaunchConfiguration: g.launchConfig,
			Zones: slices.Clone(g.zones), Subnets: slices.Clone(g.subnets), Hooks: slices.Sorted(maps.Keys(g.hooks)),
			DefaultCooldown: g.defaultCooldown, Grace: g.grace}
		if g.deleting {
			gi.Status = "Delete in progress"
		}
		if g.template != nil {
			gi.LaunchTemplateID = g.template.LaunchTemplateId
		}
		out = append(out, gi)
	}
	return out
}

// inspect runs fn on account's group name in region under the region's
// lock, for a test's look; the zero T (nil) when there is no such group.
func inspect[T any](b *Backend, account, region, name string, fn func(g *group) T) T {
	st := b.regions.Get(account, region)
	st.mu.Lock()
	defer st.mu.Unlock()
	g, ok := st.groups[name]
	if !ok {
		var zero T
		return zero
	}
	return fn(g)
}

// GroupInstances returns the instances of account's group name in region, in
// launch order, as the last request left them; nil for a group that
// does not exist.
func (b *Backend) GroupInstances(account, region, name string) []InstanceInfo {
	return inspect(b, account, region, name, func(g *group) []InstanceInfo {
		out := []InstanceInfo{}
		for _, m := range g.members {
			out = append(out, InstanceInfo{ID: m.id, Zone: m.zone, Subnet: m.subnet, Lifecycle: m.lifecycle, Health: m.health, Protected: m.protected})
		}
		return out
	})
}
