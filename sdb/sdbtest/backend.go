package sdbtest

import (
	"errors"
	"net/http"
	"slices"
	"sort"
	"time"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// Version is the SimpleDB API version the fake speaks.
const Version = "2009-04-15"

// Backend is SimpleDB's state and request handling, separate from any
// server so that several services can share one fake.Server
// (examples/localcloud). It is safe for concurrent use.
type Backend struct {
	regions  fake.Scoped[region]
	eventual bool
	delay    time.Duration
}

// NewBackend returns an empty SimpleDB, ready to be mounted with Service.
// Of opts it heeds WithEventualConsistency.
func NewBackend(opts ...fakes.Option) (*Backend, error) {
	var o options
	fake.ApplyService(fake.Apply(opts...), &o)
	b := &Backend{eventual: o.eventual, delay: o.delay}
	b.regions.New = newRegion
	return b, nil
}

// Service returns the SimpleDB service for a fake.Server: query protocol
// with SimpleDB's error documents, Signature Version 2, routed by the
// 2009-04-15 Version and by sdb.<region>.amazonaws.com host names.
func (b *Backend) Service() fake.Service {
	return fake.Service{
		Name:          "sdb",
		Protocol:      fake.EC2,
		XMLNamespace:  Namespace,
		QueryVersions: []string{Version},
		SigV2:         true,
		HostPrefix:    "sdb",
		Errors:        serviceErrors(),
		Handle:        b.handle,
	}
}

// handle serves one authenticated request.
func (b *Backend) handle(w http.ResponseWriter, r *fake.Request) error {
	if r.SigVersion != 2 {
		return &fake.Error{Status: http.StatusForbidden, Code: "SignatureDoesNotMatch", Sender: true,
			Message: "Amazon SimpleDB accepts only Signature Version 2."}
	}
	if err := checkAttributeFields(r.Params); err != nil {
		return err
	}
	reg := b.regions.Get(r.Account(), r.Region)
	switch r.Operation {
	case "CreateDomain":
		return b.createDomain(w, r, reg)
	case "DeleteDomain":
		return b.deleteDomain(w, r, reg)
	case "ListDomains":
		return b.listDomains(w, r, reg)
	case "DomainMetadata":
		return b.domainMetadata(w, r, reg)
	case "PutAttributes":
		return b.putAttributes(w, r, reg)
	case "BatchPutAttributes":
		return b.batchPutAttributes(w, r, reg)
	case "GetAttributes":
		return b.getAttributes(w, r, reg)
	case "DeleteAttributes":
		return b.deleteAttributes(w, r, reg)
	case "BatchDeleteAttributes":
		return b.batchDeleteAttributes(w, r, reg)
	case "Select":
		return b.selectItems(w, r, reg)
	case "":
		return apiError(http.StatusBadRequest, "MissingAction", "No action was supplied with this request.")
	}
	return apiError(http.StatusBadRequest, "InvalidAction", "The action "+short(r.Operation)+" is not valid for this web service.")
}

// Settle makes every write visible to eventually consistent reads now.
// Without eventual consistency it does nothing.
func (b *Backend) Settle() {
	b.regions.Each(func(_, _ string, reg *region) {
		reg.mu.Lock()
		defer reg.mu.Unlock()
		for _, d := range reg.domains {
			if d.stale != nil {
				d.settle(time.Time{}, true)
			}
		}
	})
}

// Reset forgets every domain of every account and region.
func (b *Backend) Reset() { b.regions.Reset() }

// ErrNoSuchDomain is returned by the seeding methods for a domain that
// does not exist.
var ErrNoSuchDomain = errors.New("sdbtest: no such domain")

// CreateDomain creates a domain for account in region, as CreateDomain
// would; it is not an error if it exists.
func (b *Backend) CreateDomain(account, region, name string) error {
	if !validDomainName(name) {
		return errors.New("sdbtest: invalid domain name " + short(name))
	}
	reg := b.regions.Get(account, region)
	reg.mu.Lock()
	defer reg.mu.Unlock()
	if reg.domains[name] == nil {
		reg.domains[name] = b.newDomain(name)
	}
	return nil
}

// Put stores attrs in an item of account's domain in region. Each named
// attribute's values replace any it had (an empty list removes the
// attribute); other attributes are kept. The write is seen at once by
// every read, consistent or not, so Put first settles the domain's
// pending writes.
func (b *Backend) Put(account, region, domain, item string, attrs map[string][]string) error {
	reg := b.regions.Get(account, region)
	reg.mu.Lock()
	defer reg.mu.Unlock()
	d := reg.domains[domain]
	if d == nil {
		return ErrNoSuchDomain
	}
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	var put []putAttr
	var clear []delAttr
	for _, n := range names {
		if len(attrs[n]) == 0 {
			clear = append(clear, delAttr{Name: n})
		}
		for _, v := range attrs[n] {
			put = append(put, putAttr{Name: n, Value: v, Replace: true})
		}
	}
	if d.stale != nil {
		d.settle(time.Time{}, true)
	}
	for _, v := range []view{d.latest, d.stale} {
		if v == nil {
			continue
		}
		if len(clear) > 0 {
			v.applyDelete(item, clear)
		}
		if len(put) > 0 {
			v.apply(&write{item: item, put: put})
		}
	}
	return nil
}

// Item returns the attributes of an item of account's domain in region as
// a consistent read sees them, and whether the item exists.
func (b *Backend) Item(account, region, domain, item string) (map[string][]string, bool) {
	reg, ok := b.regions.Lookup(account, region)
	if !ok {
		return nil, false
	}
	reg.mu.Lock()
	defer reg.mu.Unlock()
	d := reg.domains[domain]
	if d == nil {
		return nil, false
	}
	it := d.latest[item]
	if it == nil {
		return nil, false
	}
	out := make(map[string][]string, len(it.attrs))
	for n, vs := range it.attrs {
		out[n] = slices.Clone(vs)
	}
	return out, true
}

// Domains returns the names of account's domains in region, sorted.
func (b *Backend) Domains(account, region string) []string {
	reg, ok := b.regions.Lookup(account, region)
	if !ok {
		return nil
	}
	reg.mu.Lock()
	defer reg.mu.Unlock()
	return sortedDomains(reg)
}

func sortedDomains(reg *region) []string {
	names := make([]string, 0, len(reg.domains))
	for n := range reg.domains {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
