package rdstest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
)

// digest returns a hash of every account's RDS state: instances,
// snapshots, parameter groups and their values, DB security groups and
// their rules, DB subnet groups, tags, events and the transitions still to run. Two equal
// digests mean a request changed nothing, which is what a test of a
// refused request checks. The backend's clock is left out: it moves with
// every request and is no resource's state.
func (b *Backend) digest() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	h := sha256.New()
	fmt.Fprintf(h, "seq %d pending %d\n", b.seq, len(b.pending))
	for _, t := range b.pending {
		fmt.Fprintf(h, "transition %d steps due %s live %t\n", len(t.steps), t.due, t.live())
	}
	b.scopes.Each(func(id, region string, a *account) { a.digest(h) })
	return hex.EncodeToString(h.Sum(nil))
}

func (a *account) digest(h hash.Hash) {
	fmt.Fprintf(h, "account %s %s\n", a.id, a.region)
	for _, inst := range byKey(a.instances) {
		x := *inst
		x.pending = pendingValues{}
		fmt.Fprintf(h, "instance %+v pending %+v retention %s multiAZ %s\n",
			x, inst.pending, deref(inst.pending.retention), deref(inst.pending.multiAZ))
	}
	for _, s := range byKey(a.snapshots) {
		x := *s
		x.owner = nil
		fmt.Fprintf(h, "snapshot %+v\n", x)
	}
	for _, g := range byKey(a.paramGroups) {
		fmt.Fprintf(h, "pg %s %q %s default %t tags %v\n", g.name, g.description, g.fam.name, g.isDefault, g.tags)
		for _, p := range g.params {
			fmt.Fprintf(h, "  %+v\n", p)
		}
	}
	for _, g := range byKey(a.secGroups) {
		fmt.Fprintf(h, "secgrp %s %q %s tags %v\n", g.name, g.description, g.owner, g.tags)
		for _, r := range g.ipRanges {
			fmt.Fprintf(h, "  range %+v\n", *r)
		}
		for _, e := range g.ec2Groups {
			fmt.Fprintf(h, "  ec2 %+v\n", *e)
		}
	}
	for _, g := range byKey(a.subnetGroups) {
		fmt.Fprintf(h, "subgrp %+v\n", *g)
	}
	for _, e := range a.events {
		fmt.Fprintf(h, "event %+v\n", e)
	}
}

func deref[T any](p *T) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprint(*p)
}
