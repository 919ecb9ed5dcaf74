package sdbtest

import (
	"slices"
	"sort"
	"sync"
	"time"
)

// item is one item's attributes: each name holds a set of values, kept in
// the order they were first put.
type item struct {
	attrs map[string][]string
	pairs int // name-value pairs, for NumberItemAttributesExceeded
}

// names returns it's attribute names, sorted, so answers are stable.
func (it *item) names() []string {
	ns := make([]string, 0, len(it.attrs))
	for n := range it.attrs {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}

// view is a domain's items as one reader sees them.
type view map[string]*item

// putAttr is one submitted Attribute.N.
type putAttr struct {
	Name, Value string
	Replace     bool
}

// delAttr is one Attribute.N of a delete: the whole attribute when
// HasValue is false.
type delAttr struct {
	Name, Value string
	HasValue    bool
}

// write is a change to one item, kept as data so that an eventually
// consistent view can replay it later.
type write struct {
	at     time.Time
	item   string
	put    []putAttr // what a put adds or replaces
	delete bool      // a delete rather than a put
	del    []delAttr // what a delete removes; none means the whole item
}

// pairsAfterPut counts the pairs it (nil for a new item) would hold after
// put, without changing it.
func pairsAfterPut(it *item, put []putAttr) int {
	n := 0
	if it != nil {
		n = it.pairs
	}
	replaced := map[string]bool{}
	for _, a := range put {
		if a.Replace && !replaced[a.Name] {
			replaced[a.Name] = true
			if it != nil {
				n -= len(it.attrs[a.Name])
			}
		}
	}
	// Count each new distinct pair once.
	seen := make(map[putAttr]bool, len(put))
	for _, a := range put {
		k := putAttr{Name: a.Name, Value: a.Value}
		if seen[k] {
			continue
		}
		seen[k] = true
		if it != nil && !replaced[a.Name] && slices.Contains(it.attrs[a.Name], a.Value) {
			continue
		}
		n++
	}
	return n
}

// apply makes w's change in v.
func (v view) apply(w *write) {
	if w.delete {
		v.applyDelete(w.item, w.del)
		return
	}
	it := v[w.item]
	if it == nil {
		it = &item{attrs: make(map[string][]string, len(w.put))}
		v[w.item] = it
	}
	for _, a := range w.put {
		// Every replaced name gets at least the value that asked for the
		// replacement, so no name is left empty.
		if a.Replace {
			if old, ok := it.attrs[a.Name]; ok {
				it.pairs -= len(old)
				it.attrs[a.Name] = nil
			}
		}
	}
	for _, a := range w.put {
		vals := it.attrs[a.Name]
		if slices.Contains(vals, a.Value) {
			continue
		}
		// Appending to a slice owned by this view only: values are copied
		// into each view, never shared.
		it.attrs[a.Name] = append(vals, a.Value)
		it.pairs++
	}
}

func (v view) applyDelete(name string, del []delAttr) {
	it := v[name]
	if it == nil {
		return
	}
	if len(del) == 0 {
		delete(v, name)
		return
	}
	for _, d := range del {
		vals, ok := it.attrs[d.Name]
		if !ok {
			continue
		}
		if !d.HasValue {
			it.pairs -= len(vals)
			delete(it.attrs, d.Name)
			continue
		}
		if i := slices.Index(vals, d.Value); i >= 0 {
			vals = slices.Delete(vals, i, i+1)
			it.pairs--
			if len(vals) == 0 {
				delete(it.attrs, d.Name)
			} else {
				it.attrs[d.Name] = vals
			}
		}
	}
	if len(it.attrs) == 0 {
		delete(v, name)
	}
}

// domain is one SimpleDB domain. latest is what consistent reads and all
// writes see. With eventual consistency on, stale is what other reads
// see, and pending holds the writes it has yet to receive, oldest first.
type domain struct {
	name    string
	latest  view
	stale   view
	pending []*write
}

// commit makes w in latest and, when eventual consistency is on, queues it
// for stale.
func (d *domain) commit(w *write) {
	d.latest.apply(w)
	if d.stale != nil {
		d.pending = append(d.pending, w)
	}
}

// settle replays into stale every pending write made at or before cutoff.
func (d *domain) settle(cutoff time.Time, all bool) {
	n := 0
	for _, w := range d.pending {
		if !all && w.at.After(cutoff) {
			break
		}
		d.stale.apply(w)
		n++
	}
	d.pending = d.pending[n:]
	if len(d.pending) == 0 {
		d.pending = nil
	}
}

// region is one account's SimpleDB in one region.
type region struct {
	mu      sync.Mutex
	domains map[string]*domain
}

func newRegion(account, name string) *region {
	return &region{domains: map[string]*domain{}}
}

// read returns the view a reader sees of d at now: latest for consistent
// reads or without eventual consistency, else stale once the writes that
// are old enough have reached it. The caller holds the region's lock.
func (b *Backend) read(d *domain, consistent bool, now time.Time) view {
	if consistent || d.stale == nil {
		return d.latest
	}
	if b.delay > 0 {
		d.settle(now.Add(-b.delay), false)
	}
	return d.stale
}

func (b *Backend) newDomain(name string) *domain {
	d := &domain{name: name, latest: view{}}
	if b.eventual {
		d.stale = view{}
	}
	return d
}
