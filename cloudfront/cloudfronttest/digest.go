package cloudfronttest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
)

// digest returns a hash of every account's resources. Equal digests mean
// no request changed anything a later request could see; the
// model-driven test compares them.
func (b *Backend) digest() string {
	h := sha256.New()
	b.mu.Lock()
	defer b.mu.Unlock()
	fmt.Fprintf(h, "counter %d\n", b.counter)
	ids := make([]string, 0, len(b.accounts))
	for id := range b.accounts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		// An account is made on first use, even by a request that is
		// then refused; only what it holds counts.
		if a := b.accounts[id]; !a.empty() {
			a.digest(h, id)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// digest writes the account's resources to h, in creation order.
func (a *account) digest(h io.Writer, id string) {
	fmt.Fprintf(h, "account %q\n", id)
	for _, d := range a.dists {
		fmt.Fprintf(h, "dist %q %q %q %q %d %d %q\n", d.id, d.etag, d.callerRef, canonical(d.config), d.modified.UnixNano(), d.deployAt.UnixNano(), canonical(d.tags))
		for _, inv := range d.invalidations {
			fmt.Fprintf(h, " inv %q %q %q %d %d\n", inv.id, inv.callerRef, inv.paths, inv.created.UnixNano(), inv.doneAt.UnixNano())
		}
	}
	for _, set := range [][]*resource{a.oais, a.oacs, a.publicKeys, a.keyGroups} {
		for _, r := range set {
			fmt.Fprintf(h, "res %q %q %q %q %d %d\n", r.id, r.etag, canonical(r.config), r.canonical, r.created.UnixNano(), r.modified.UnixNano())
		}
		fmt.Fprintln(h, "--")
	}
	for _, d := range a.streams {
		fmt.Fprintf(h, "stream %q %q %q %q %d %d %q\n", d.id, d.etag, d.callerRef, canonical(d.config), d.modified.UnixNano(), d.deployAt.UnixNano(), canonical(d.tags))
	}
}
