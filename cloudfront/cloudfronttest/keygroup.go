package cloudfronttest

import (
	"crypto"
	"net/http"
	"strings"
	"time"

	"github.com/goboto/goboto/cloudfront/internal/viewerauth"
)

func init() {
	handlers["CreateKeyGroup"] = (*Backend).createKeyGroup
	handlers["GetKeyGroup"] = (*Backend).getKeyGroup
	handlers["GetKeyGroupConfig"] = (*Backend).getKeyGroupConfig
	handlers["UpdateKeyGroup"] = (*Backend).updateKeyGroup
	handlers["DeleteKeyGroup"] = (*Backend).deleteKeyGroup
	handlers["ListKeyGroups"] = (*Backend).listKeyGroups
}

// keyGroup is a key group; config is its KeyGroupConfig.
type keyGroup struct {
	id, etag string
	modified time.Time
	config   *node
}

func (g *keyGroup) ident() string { return g.id }

func (g *keyGroup) doc() *node {
	return el("KeyGroup", leaf("Id", g.id), leafTime("LastModifiedTime", g.modified), g.config.clone())
}

// findGroupLocked returns acct's key group id; b.mu is held. A missing
// group is the model's NoSuchResource, as GetKeyGroup declares.
func (b *Backend) findGroupLocked(acct, id string) (*keyGroup, error) {
	for _, g := range b.privateLocked(acct).groups {
		if g.id == id {
			return g, nil
		}
	}
	return nil, cferr(http.StatusNotFound, "NoSuchResource", "The specified key group does not exist: %s.", id)
}

// keyGroupExistsLocked reports whether id names a key group of acct;
// b.mu is held.
func (b *Backend) keyGroupExistsLocked(acct, id string) bool {
	_, err := b.findGroupLocked(acct, id)
	return err == nil
}

// checkGroupLocked checks a KeyGroupConfig for acct: a name of 1 to 128
// characters, 1 to maxKeysPerGroup keys (TooManyPublicKeysInKeyGroup),
// each a public key of the account, none twice; b.mu is held.
func (b *Backend) checkGroupLocked(acct string, cfg *node) error {
	if n := len(cfg.str("Name")); n == 0 || n > 128 {
		return errInvalidArgument("The name of a key group must be 1 to 128 characters long.")
	}
	items := cfg.items("Items")
	if len(items) == 0 {
		return errInvalidArgument("A key group must contain at least one public key.")
	}
	if len(items) > maxKeysPerGroup {
		return cferr(http.StatusBadRequest, "TooManyPublicKeysInKeyGroup",
			"A key group can contain at most %d public keys; this one has %d.", maxKeysPerGroup, len(items))
	}
	seen := map[string]bool{}
	for _, k := range items {
		if seen[k.text] {
			return errInvalidArgument("The public key %s appears more than once.", k.text)
		}
		seen[k.text] = true
		if _, err := b.findKeyLocked(acct, k.text); err != nil {
			return errInvalidArgument("The public key %s does not exist.", k.text)
		}
	}
	return nil
}

func errGroupExists(name string) error {
	return cferr(http.StatusConflict, "KeyGroupAlreadyExists", "A key group with the name %q already exists.", name)
}

// createKeyGroup serves CreateKeyGroup: names are unique in the account
// (KeyGroupAlreadyExists), at most maxKeyGroups (TooManyKeyGroups).
func (b *Backend) createKeyGroup(c *call) (*answer, error) {
	cfg, err := readBody(c.Body, "KeyGroupConfig")
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.privateLocked(c.Account())
	if err := b.checkGroupLocked(c.Account(), cfg); err != nil {
		return nil, err
	}
	name := cfg.str("Name")
	if renamed(p.groups, nil, func(g *keyGroup) string { return g.config.str("Name") }, name) {
		return nil, errGroupExists(name)
	}
	if len(p.groups) >= maxKeyGroups {
		return nil, cferr(http.StatusBadRequest, "TooManyKeyGroups",
			"Processing your request would cause the maximum number of key groups (%d) to be exceeded.", maxKeyGroups)
	}
	g := &keyGroup{id: b.newID()[1:], etag: b.newID(), modified: modifiedNow(c.Now), config: cfg}
	p.groups = append(p.groups, g)
	return &answer{status: http.StatusCreated, header: created(g.etag, "key-group/"+g.id), doc: g.doc()}, nil
}

func (b *Backend) getKeyGroup(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	g, err := b.findGroupLocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	return &answer{header: etagHeader(g.etag), doc: g.doc()}, nil
}

func (b *Backend) getKeyGroupConfig(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	g, err := b.findGroupLocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	return &answer{header: etagHeader(g.etag), doc: g.config.clone()}, nil
}

// updateKeyGroup serves UpdateKeyGroup (PUT /key-group/{Id}) behind
// If-Match: the whole configuration is replaced.
func (b *Backend) updateKeyGroup(c *call) (*answer, error) {
	cfg, err := readBody(c.Body, "KeyGroupConfig")
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	g, err := b.findGroupLocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	if e := ifMatch(c.HTTP, g.etag); e != nil {
		return nil, e
	}
	if err := b.checkGroupLocked(c.Account(), cfg); err != nil {
		return nil, err
	}
	name := cfg.str("Name")
	if renamed(b.privateLocked(c.Account()).groups, g, func(g *keyGroup) string { return g.config.str("Name") }, name) {
		return nil, errGroupExists(name)
	}
	g.config, g.etag, g.modified = cfg, b.newID(), modifiedNow(c.Now)
	return &answer{header: etagHeader(g.etag), doc: g.doc()}, nil
}

// deleteKeyGroup serves DeleteKeyGroup behind If-Match; a group a cache
// behaviour trusts is ResourceInUse (409), as the model declares.
func (b *Backend) deleteKeyGroup(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	g, err := b.findGroupLocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	if e := ifMatch(c.HTTP, g.etag); e != nil {
		return nil, e
	}
	if d := b.inUseByDistLocked(c.Account(), func(cfg *node) bool {
		for _, cb := range behaviorsOf(cfg) {
			for _, id := range cb.items("TrustedKeyGroups/Items") {
				if id.text == g.id {
					return true
				}
			}
		}
		return false
	}); d != "" {
		return nil, cferr(http.StatusConflict, "ResourceInUse", "The key group is trusted by distribution %s.", d)
	}
	p := b.privateLocked(c.Account())
	p.groups = remove(p.groups, g)
	return &answer{status: http.StatusNoContent}, nil
}

// listKeyGroups serves ListKeyGroups.
func (b *Backend) listKeyGroups(c *call) (*answer, error) {
	marker, max, e := listParams(c)
	if e != nil {
		return nil, e
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	page, next, e := pageOf(b.privateLocked(c.Account()).groups, marker, max)
	if e != nil {
		return nil, e
	}
	items := make([]*node, len(page))
	for i, g := range page {
		items[i] = el("KeyGroupSummary", g.doc())
	}
	return &answer{doc: shortListDoc("KeyGroupList", next, max, items)}, nil
}

// keyPair is a legacy CloudFront key pair of an account (APKA...), which
// trusted signers sign with. CloudFront has no API to make one (the
// account's root user does it in the console), so tests seed them with
// AddKeyPair.
type keyPair struct {
	id, pem string
	key     crypto.PublicKey
}

// AddKeyPair gives account an active CloudFront key pair with the PEM
// public key pemKey (RSA-2048 or ECDSA P-256), as the root user's
// console does, and returns its ID ("APKA" and 16 characters). A cache
// behaviour whose TrustedSigners name the account ("self" for the
// distribution's own) accepts URLs signed with it.
func (b *Backend) AddKeyPair(account, pemKey string) (string, error) {
	key, err := viewerauth.ParsePublicKey([]byte(pemKey))
	if err != nil {
		return "", err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	id := "APKA" + strings.ToUpper(b.newID()[1:]) + "XYZ"
	p := b.privateLocked(account)
	p.keyPairs = append(p.keyPairs, &keyPair{id: id, pem: pemKey, key: key})
	return id, nil
}

// trustedKeysLocked returns the keys a cache behaviour of a distribution
// of acct trusts: the public keys of its trusted key groups, and the key
// pairs of its trusted signers' accounts. enabled reports whether the
// behaviour restricts viewer access at all; b.mu is held.
func (b *Backend) trustedKeysLocked(acct string, cb *node) (keys viewerauth.Keys, enabled bool) {
	keys = viewerauth.Keys{}
	if cb.boolean("TrustedKeyGroups/Enabled") {
		enabled = true
		for _, gid := range cb.items("TrustedKeyGroups/Items") {
			g, err := b.findGroupLocked(acct, gid.text)
			if err != nil {
				continue
			}
			for _, kid := range g.config.items("Items") {
				if k, err := b.findKeyLocked(acct, kid.text); err == nil {
					if pk, err := viewerauth.ParsePublicKey([]byte(k.config.str("EncodedKey"))); err == nil {
						keys[k.id] = pk
					}
				}
			}
		}
	}
	if cb.boolean("TrustedSigners/Enabled") {
		enabled = true
		for _, s := range cb.items("TrustedSigners/Items") {
			who := s.text
			if who == "self" {
				who = acct
			}
			if a := b.accounts[who]; a != nil {
				for _, kp := range a.private.keyPairs {
					keys[kp.id] = kp.key
				}
			}
		}
	}
	return keys, enabled
}
