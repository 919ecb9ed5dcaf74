package autoscaletest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
)

// digest returns a hash of every account's and region's launch
// configurations, groups (settings, tags, processes, hooks, policies,
// scheduled actions), their instances and lifecycle actions, and
// activities. Equal digests mean no request changed anything a later
// request could see; the model-driven test compares them.
func (b *Backend) digest() string {
	h := sha256.New()
	b.regions.Each(func(account, name string, st *region) {
		st.mu.Lock()
		defer st.mu.Unlock()
		for _, n := range slices.Sorted(maps.Keys(st.launchConfigs)) {
			lc := st.launchConfigs[n]
			fmt.Fprintf(h, "lc %q %q %q %d %+v\n", account, name, n, lc.created.UnixNano(), lc.in)
		}
		for _, g := range sortedGroups(st) {
			fmt.Fprintf(h, "group %q %q %q %q %d %d %d %d %d %d %q %+v %v %v %v %q %d %v %v %v %v %t %v %t %q %d %t %d\n",
				account, name, g.name, g.arn, g.created.UnixNano(), g.min, g.max, g.desired, g.defaultCooldown, g.lastScaled.UnixNano(),
				g.launchConfig, g.template, g.zones, g.subnets, g.subnetZone, g.healthCheck, g.grace, g.termination,
				g.loadBalancers, g.targetGroups, g.tags, g.protectNew, g.suspended, g.deleting, g.cause, g.retryAt.UnixNano(), g.warmup != nil, deref(g.warmup))
			for _, k := range slices.Sorted(maps.Keys(g.hooks)) {
				fmt.Fprintf(h, " hook %+v\n", *g.hooks[k])
			}
			for _, k := range slices.Sorted(maps.Keys(g.policies)) {
				fmt.Fprintf(h, " policy %q %+v\n", k, *g.policies[k])
			}
			for _, k := range slices.Sorted(maps.Keys(g.scheduled)) {
				fmt.Fprintf(h, " scheduled %q %+v\n", k, *g.scheduled[k])
			}
			for _, m := range g.members {
				fmt.Fprintf(h, " member %q %q %q %q %q %q %+v %q %q %t %d %d %d %t\n", m.id, m.zone, m.subnet, m.instanceType,
					m.imageID, m.launchConfig, m.template, m.lifecycle, m.health, m.protected, m.launched.UnixNano(),
					m.inService.UnixNano(), m.until.UnixNano(), m.abandoned)
				for _, w := range m.waits {
					fmt.Fprintf(h, "  wait %q %q %d %d %q\n", w.hook, w.token, w.started.UnixNano(), w.beat.UnixNano(), w.result)
				}
			}
		}
		for _, a := range st.activities {
			fmt.Fprintf(h, "activity %d %q %q %q %q %q %q %q %d %d %d %t\n", a.seq, a.id, a.group, a.description, a.cause,
				a.status, a.message, a.details, a.progress, a.start.UnixNano(), a.end.UnixNano(), a.deleted)
		}
	})
	return hex.EncodeToString(h.Sum(nil))
}
