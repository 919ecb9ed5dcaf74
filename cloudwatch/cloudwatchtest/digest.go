package cloudwatchtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
)

// digest returns a hash of every account's and region's stored metrics
// and their samples, alarms (configuration, state, tags) and alarm
// history. Equal digests mean no request changed anything a
// later request could see; the model-driven test compares them.
func (b *Backend) digest() string {
	h := sha256.New()
	b.regions.Each(func(account, name string, reg *region) {
		reg.mu.Lock()
		defer reg.mu.Unlock()
		keys := make([]string, 0, len(reg.metrics))
		for k := range reg.metrics {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			s := reg.metrics[k]
			fmt.Fprintf(h, "metric %q %q %q %t %d\n", account, name, k, s.highRes, s.last.UnixNano())
			for _, smp := range s.samples {
				fmt.Fprintf(h, " %d %v %v %v %v %v %v %q\n", smp.at.UnixNano(), smp.count, smp.sum, smp.min, smp.max, smp.values, smp.counts, smp.unit)
			}
		}
		names := make([]string, 0, len(reg.alarms))
		for n := range reg.alarms {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			a := reg.alarms[n]
			cfg, _ := json.Marshal(a.cfg)
			fmt.Fprintf(h, "alarm %q %q %s %q %t %q %q %q %d %d %d %d %d %v\n", account, name, cfg, a.arn, a.actionsEnabled, a.state,
				a.reason, a.reasonData, a.stateUpdated.UnixNano(), a.transitioned.UnixNano(), a.configUpdated.UnixNano(),
				a.evaluated.UnixNano(), a.scalingRan.UnixNano(), a.tags)
		}
		for _, e := range reg.history {
			item, _ := json.Marshal(e.item)
			fmt.Fprintf(h, "history %q %q %d %s\n", account, name, e.seq, item)
		}
	})
	return hex.EncodeToString(h.Sum(nil))
}
