package rdstest

import (
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"hash/fnv"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// Backend is RDS's state and request handling, separate from any server so
// that several services can share one fake.Server (internal/localcloud).
// It is safe for concurrent use.
type Backend struct {
	// mu guards everything below and every account's state. RDS's
	// families are not split behind locks of their own as ec2test's are,
	// because nearly every action reads another family in the same step:
	// CreateDBInstance checks parameter and DB security groups, deleting a
	// group checks the instances, snapshots copy instances, transitions
	// and events span them all, and snapshot sharing looks across
	// accounts. The lock is held only while an action works on memory and
	// renders its answer, never while the answer is written (handle).
	mu      sync.Mutex
	manual  bool
	auto    bool // automated snapshots (WithAutomatedSnapshots)
	delay   time.Duration
	now     time.Time // the latest request's time
	clock   func() time.Time
	pending []*transition
	scopes  fake.Scoped[account]
	catalog *catalog // engines, versions, classes and parameter families
	actions map[string]action
	// unsupported are the parameters each action refuses (unsupported.go).
	unsupported map[string][]unsupportedParam
	seq         uint64
	// subnetLookup and subnetDefaults say which EC2 subnets exist
	// (WithSubnets, or the standalone default VPC).
	subnetLookup   SubnetLookup
	subnetDefaults DefaultSubnetsFunc
}

// account is one account's RDS state in one region.
type account struct {
	id, region  string
	dnsSuffix   string // <random>.<region>.rds.amazonaws.com
	instances   map[string]*instance
	snapshots   map[string]*snapshot
	secGroups   map[string]*secGroup
	paramGroups map[string]*paramGroup
	// subnetGroups are the DB subnet groups; "default" appears with the
	// first instance created without one.
	subnetGroups map[string]*subnetGroup
	events       []event
}

// NewBackend returns a fake RDS's state, ready to be mounted with Service.
// Of opts it heeds the clock (fakes.WithClock) and rdstest's own options.
func NewBackend(opts ...fakes.Option) (*Backend, error) { return newBackend(buildOptions(opts)), nil }

func newBackend(o options) *Backend {
	b := &Backend{manual: o.manual, auto: o.auto, delay: o.delay, clock: o.clock, catalog: newCatalog()}
	if b.clock == nil {
		b.clock = time.Now
	}
	b.subnetLookup, b.subnetDefaults = o.lookup, o.defaults
	if b.subnetLookup == nil {
		b.subnetLookup = StandaloneSubnet
	}
	if b.subnetDefaults == nil {
		b.subnetDefaults = StandaloneDefaultSubnets
	}
	b.scopes.New = func(id, region string) *account { return b.newAccount(id, region) }
	b.actions = b.allActions()
	b.unsupported = unsupportedTable()
	return b
}

func (b *Backend) newAccount(id, region string) *account {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%s", id, region)
	a := &account{
		id: id, region: region,
		dnsSuffix:    fmt.Sprintf("c%011x.%s.rds.amazonaws.com", h.Sum64()&0xfffffffffff, region),
		instances:    map[string]*instance{},
		snapshots:    map[string]*snapshot{},
		secGroups:    map[string]*secGroup{},
		paramGroups:  map[string]*paramGroup{},
		subnetGroups: map[string]*subnetGroup{},
	}
	for _, fam := range b.catalog.families {
		g := newParamGroup("default."+fam.name, fam, "Default parameter group for "+fam.name)
		g.isDefault = true
		a.paramGroups[g.name] = g
	}
	a.secGroups["default"] = &secGroup{name: "default", description: "default", owner: id}
	return a
}

// byKey returns m's values in the order of their keys: a resource map's
// keys are the resources' lower-case names, so this lists them by name.
func byKey[V any](m map[string]V) []V {
	out := make([]V, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k])
	}
	return out
}

// arn returns the ARN of an RDS resource of a.
func (a *account) arn(kind, name string) string {
	return "arn:aws:rds:" + a.region + ":" + a.id + ":" + kind + ":" + name
}

// action serves one RDS action with the backend's lock held. It returns
// the action's result, which handle renders before the lock is released,
// or nil for an answer with no result element (DeleteDBParameterGroup).
type action func(r *fake.Request, a *account) (any, error)

// done is an action's successful return.
func done(v any) (any, error) { return v, nil }

// handle dispatches an authenticated request by its Action, after moving
// every transition that is due. The answer is rendered under the lock, so
// it cannot see state change half-way, and written after the lock is
// released, so a client that is slow to read it holds up nobody else.
func (b *Backend) handle(w http.ResponseWriter, r *fake.Request) error {
	h, ok := b.actions[r.Operation]
	switch {
	case r.Operation == "":
		return rdsError(http.StatusBadRequest, "MissingAction", "The request must contain the parameter Action.")
	case !ok:
		return rdsError(http.StatusBadRequest, "InvalidAction", "The action %s is not valid for this web service.", r.Operation)
	}
	if err := b.refuseUnsupported(r); err != nil {
		return err
	}
	body, err := b.serve(h, r)
	if err != nil {
		return err
	}
	writeBody(w, body)
	return nil
}

// serve runs h under the lock and renders its answer.
func (b *Backend) serve(h action, r *fake.Request) ([]byte, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if r.Now.After(b.now) {
		b.now = r.Now
	}
	b.advance()
	b.wakeStopped()
	v, err := h(r, b.scopes.Get(r.Account(), r.Region))
	if err != nil {
		return nil, err
	}
	return render(r, v)
}

// allActions gathers every resource family's actions.
func (b *Backend) allActions() map[string]action {
	m := map[string]action{}
	for _, family := range []map[string]action{
		b.paramGroupActions(), b.instanceActions(), b.engineActions(), b.subnetGroupActions(), b.startStopActions(), b.snapshotActions(), b.secGroupActions(), b.eventActions(), b.tagActions(),
	} {
		for name, h := range family {
			m[name] = h
		}
	}
	return m
}

// resourceID returns a new DbiResourceId: "db-" and 26 base32 characters.
func (b *Backend) resourceID() string {
	b.seq++
	sum := sha256.Sum256(fmt.Appendf(nil, "%p/%d", b, b.seq))
	return "db-" + base32.StdEncoding.EncodeToString(sum[:])[:26]
}

// validIdentifier reports whether s follows RDS's naming rules for
// instances, snapshots and groups: 1 to max letters, digits and hyphens,
// starting with a letter, with no trailing hyphen and no "--".
func validIdentifier(s string, max int) bool {
	if s == "" || len(s) > max || !isLetter(s[0]) || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isLetter(c) && !(c >= '0' && c <= '9') && c != '-' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// checkIdentifier validates an identifier parameter with RDS's wording.
func checkIdentifier(param, v string, max int) error {
	if !validIdentifier(v, max) {
		return invalidValue("The parameter %s is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.", param)
	}
	return nil
}
