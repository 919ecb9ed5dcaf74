package cloudfronttest

import (
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// private is one account's private-content resources: origin access
// identities and controls, public keys, key groups, and the legacy
// CloudFront key pairs of trusted signers. Slices keep creation order,
// which listings follow. Guarded by Backend.mu.
type private struct {
	oais     []*oai
	oacs     []*oac
	keys     []*publicKey
	groups   []*keyGroup
	keyPairs []*keyPair
}

func (p *private) empty() bool {
	return len(p.oais) == 0 && len(p.oacs) == 0 && len(p.keys) == 0 && len(p.groups) == 0 && len(p.keyPairs) == 0
}

// digest writes p to h, in creation order.
func (p *private) digest(h io.Writer) {
	for _, o := range p.oais {
		fmt.Fprintf(h, "oai %q %q %q %q\n", o.id, o.etag, o.callerRef, o.comment)
	}
	for _, o := range p.oacs {
		fmt.Fprintf(h, "oac %q %q %q\n", o.id, o.etag, canonical(o.config))
	}
	for _, k := range p.keys {
		fmt.Fprintf(h, "key %q %q %q %d\n", k.id, k.etag, canonical(k.config), k.created.UnixNano())
	}
	for _, g := range p.groups {
		fmt.Fprintf(h, "group %q %q %q %d\n", g.id, g.etag, canonical(g.config), g.modified.UnixNano())
	}
	for _, k := range p.keyPairs {
		fmt.Fprintf(h, "keypair %q %q\n", k.id, k.pem)
	}
}

// AWS's quotas on private content (CloudFront Developer Guide, "Quotas"):
// "Origin access identities per AWS account: 100", "Origin access
// controls per AWS account: 100", "Key groups per AWS account: 10",
// "Public keys in a single key group: 5", and "Key groups associated
// with a single distribution: 4".
const (
	maxOAIs          = 100
	maxOACs          = 100
	maxKeyGroups     = 10
	maxKeysPerGroup  = 5
	maxGroupsPerDist = 4
)

// privateLocked returns acct's private-content state, making the account;
// b.mu is held.
func (b *Backend) privateLocked(acct string) *private { return &b.accountLocked(acct).private }

// newKeyID returns a public key's ID: "K" and 13 characters, as
// CloudFront's ("K2JCJMDEHXQW5F").
func (b *Backend) newKeyID() string { return "K" + b.newID()[1:] }

// created is a creation's ETag and Location header.
func created(etag, path string) http.Header {
	h := etagHeader(etag)
	h.Set("Location", "https://cloudfront.amazonaws.com/2020-05-31/"+path)
	return h
}

// canonicalUserOf is an OAI's S3 canonical user ID: 96 hex digits, as
// CloudFront's are, made from the account and the OAI's ID so that it is
// stable and no account's own canonical ID.
func canonicalUserOf(account, id string) string {
	sum := sha512.Sum384([]byte("cloudfront-oai/" + account + "/" + id))
	return hex.EncodeToString(sum[:])
}

// errNoSuch is a NoSuch<Thing> (404).
func errNoSuch(code, what, id string) *fake.Error {
	return cferr(http.StatusNotFound, code, "The specified %s does not exist: %s.", what, id)
}

// readBody parses a request's document, whose root is shape, and checks
// it against the model.
func readBody(body []byte, shape string) (*node, error) {
	n, err := parseDoc(body, shape)
	if err != nil {
		return nil, err
	}
	if err := check(n, shape, shape); err != nil {
		return nil, err
	}
	return n, nil
}

// inUseByDistLocked reports the first distribution of acct whose
// configuration uses what match finds; b.mu is held.
func (b *Backend) inUseByDistLocked(acct string, match func(cfg *node) bool) string {
	a := b.accounts[acct]
	if a == nil {
		return ""
	}
	for _, d := range a.dists {
		if match(d.config) {
			return d.id
		}
	}
	return ""
}

// renamed reports whether name is taken by another resource than self.
func renamed[T any](all []*T, self *T, name func(*T) string, want string) bool {
	for _, x := range all {
		if x != self && strings.EqualFold(name(x), want) {
			return true
		}
	}
	return false
}

// modifiedNow returns now truncated to milliseconds, as CloudFront's
// documents carry times.
func modifiedNow(now time.Time) time.Time { return now.UTC().Truncate(time.Millisecond) }
