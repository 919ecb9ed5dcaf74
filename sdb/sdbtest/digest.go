package sdbtest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"sort"
)

// digest returns a hash of every account's and region's domains, items,
// attributes (values in their kept order), the eventually consistent view
// and its pending writes. Equal digests mean no request changed anything
// a later request could see; the model-driven test compares them.
func (b *Backend) digest() string {
	h := sha256.New()
	b.regions.Each(func(account, name string, reg *region) {
		reg.mu.Lock()
		defer reg.mu.Unlock()
		for _, dn := range sortedDomains(reg) {
			d := reg.domains[dn]
			fmt.Fprintf(h, "domain %q %q %q\n", account, name, dn)
			digestView(h, "latest", d.latest)
			digestView(h, "stale", d.stale)
			for _, w := range d.pending {
				fmt.Fprintf(h, "pending %q %d %t %#v %#v\n", w.item, w.at.UnixNano(), w.delete, w.put, w.del)
			}
		}
	})
	return hex.EncodeToString(h.Sum(nil))
}

func digestView(h hash.Hash, label string, v view) {
	if v == nil {
		return
	}
	items := make([]string, 0, len(v))
	for n := range v {
		items = append(items, n)
	}
	sort.Strings(items)
	for _, n := range items {
		it := v[n]
		fmt.Fprintf(h, "%s item %q %d\n", label, n, it.pairs)
		for _, an := range it.names() {
			fmt.Fprintf(h, "  %q %q\n", an, it.attrs[an])
		}
	}
}
