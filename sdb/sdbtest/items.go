package sdbtest

import (
	"net/http"
	"strconv"

	"github.com/goboto/goboto/internal/fake"
)

// Every write is validated in full before anything changes, so a refused
// request leaves no trace.

func (b *Backend) putAttributes(w http.ResponseWriter, r *fake.Request, reg *region) error {
	dn, e := domainName(r.Params)
	if e != nil {
		return e
	}
	name, e := itemName(r.Params)
	if e != nil {
		return e
	}
	raw := attrsOf(r.Params)
	if len(raw) == 0 {
		return errMissing("Attribute.1.Name")
	}
	if len(raw) > maxSubmittedPairs {
		return errSubmittedAttributes(name)
	}
	put, e := putAttrs(raw, "Attribute.")
	if e != nil {
		return e
	}
	exp, e := expectedOf(r.Params)
	if e != nil {
		return e
	}
	reg.mu.Lock()
	e = b.put(reg, dn, name, put, exp, r)
	reg.mu.Unlock()
	if e != nil {
		return e
	}
	return newAnswer("PutAttributes").finish(w, r.RequestID, boxWrite)
}

// put checks and makes one put; the caller holds reg.mu.
func (b *Backend) put(reg *region, dn, name string, put []putAttr, exp *expected, r *fake.Request) *fake.Error {
	d := reg.domains[dn]
	if d == nil {
		return errNoSuchDomain()
	}
	it := d.latest[name]
	if exp != nil {
		if e := exp.check(it); e != nil {
			return e
		}
	}
	if pairsAfterPut(it, put) > maxItemPairs {
		return errItemAttributes(name)
	}
	d.commit(&write{at: r.Now, item: name, put: put})
	return nil
}

func (b *Backend) batchPutAttributes(w http.ResponseWriter, r *fake.Request, reg *region) error {
	dn, e := domainName(r.Params)
	if e != nil {
		return e
	}
	raw, e := batchItemsOf(r.Params)
	if e != nil {
		return e
	}
	type batchPut struct {
		name string
		put  []putAttr
	}
	items := make([]batchPut, 0, len(raw))
	for _, ri := range raw {
		prefix := ri.prefix()
		attrs := ri.attrs.sorted()
		if len(attrs) == 0 {
			return errMissing(prefix + "Attribute.1.Name")
		}
		if len(attrs) > maxSubmittedPairs {
			return errSubmittedAttributes(ri.name)
		}
		put, e := putAttrs(attrs, prefix+"Attribute.")
		if e != nil {
			return e
		}
		items = append(items, batchPut{ri.name, put})
	}
	reg.mu.Lock()
	defer reg.mu.Unlock()
	d := reg.domains[dn]
	if d == nil {
		return errNoSuchDomain()
	}
	for _, bp := range items {
		if pairsAfterPut(d.latest[bp.name], bp.put) > maxItemPairs {
			return errItemAttributes(bp.name)
		}
	}
	for _, bp := range items {
		d.commit(&write{at: r.Now, item: bp.name, put: bp.put})
	}
	return newAnswer("BatchPutAttributes").finish(w, r.RequestID, boxWrite)
}

func (b *Backend) getAttributes(w http.ResponseWriter, r *fake.Request, reg *region) error {
	dn, e := domainName(r.Params)
	if e != nil {
		return e
	}
	name, e := itemName(r.Params)
	if e != nil {
		return e
	}
	consistent, e := consistentRead(r.Params)
	if e != nil {
		return e
	}
	var want map[string]bool
	for k, vs := range r.Params {
		if len(k) > len("AttributeName.") && k[:len("AttributeName.")] == "AttributeName." && len(vs) > 0 {
			if want == nil {
				want = map[string]bool{}
			}
			want[vs[0]] = true
		}
	}
	a := newAnswer("GetAttributes")
	a.open("GetAttributesResult")
	reg.mu.Lock()
	d := reg.domains[dn]
	if d == nil {
		reg.mu.Unlock()
		return errNoSuchDomain()
	}
	if it := b.read(d, consistent, r.Now)[name]; it != nil {
		writeAttrs(a, it, want)
	}
	reg.mu.Unlock()
	a.close("GetAttributesResult")
	return a.finish(w, r.RequestID, boxRead)
}

// writeAttrs writes it's attributes, only those in want when want is not
// nil, sorted by name.
func writeAttrs(a *answer, it *item, want map[string]bool) {
	for _, n := range it.names() {
		if want != nil && !want[n] {
			continue
		}
		for _, v := range it.attrs[n] {
			a.open("Attribute")
			a.text("Name", n)
			a.text("Value", v)
			a.close("Attribute")
		}
	}
}

func (b *Backend) deleteAttributes(w http.ResponseWriter, r *fake.Request, reg *region) error {
	dn, e := domainName(r.Params)
	if e != nil {
		return e
	}
	name, e := itemName(r.Params)
	if e != nil {
		return e
	}
	del, e := delAttrs(attrsOf(r.Params), "Attribute.")
	if e != nil {
		return e
	}
	exp, e := expectedOf(r.Params)
	if e != nil {
		return e
	}
	reg.mu.Lock()
	defer reg.mu.Unlock()
	d := reg.domains[dn]
	if d == nil {
		return errNoSuchDomain()
	}
	if exp != nil {
		if e := exp.check(d.latest[name]); e != nil {
			return e
		}
	}
	d.commit(&write{at: r.Now, item: name, delete: true, del: del})
	return newAnswer("DeleteAttributes").finish(w, r.RequestID, boxWrite)
}

func (b *Backend) batchDeleteAttributes(w http.ResponseWriter, r *fake.Request, reg *region) error {
	dn, e := domainName(r.Params)
	if e != nil {
		return e
	}
	raw, e := batchItemsOf(r.Params)
	if e != nil {
		return e
	}
	writes := make([]*write, 0, len(raw))
	for _, ri := range raw {
		prefix := ri.prefix()
		del, e := delAttrs(ri.attrs.sorted(), prefix+"Attribute.")
		if e != nil {
			return e
		}
		writes = append(writes, &write{at: r.Now, item: ri.name, delete: true, del: del})
	}
	reg.mu.Lock()
	defer reg.mu.Unlock()
	d := reg.domains[dn]
	if d == nil {
		return errNoSuchDomain()
	}
	for _, wr := range writes {
		d.commit(wr)
	}
	return newAnswer("BatchDeleteAttributes").finish(w, r.RequestID, boxWrite)
}

func errSubmittedItems() *fake.Error {
	return apiError(http.StatusConflict, "NumberSubmittedItemsExceeded",
		"Too many items in a single call. Up to "+strconv.Itoa(maxBatchItems)+" items per call allowed.")
}

func errDuplicateItem(name string) *fake.Error {
	return apiError(http.StatusBadRequest, "DuplicateItemName", "Item "+short(name)+" was specified more than once.")
}
