package cloudfronttest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// The private-content resources: origin access identities (OAI), origin
// access controls (OAC), public keys and key groups. Each is a
// configuration with an ID, an ETag that changes on every update, and
// the same create, get, get-config, update, delete and list operations,
// so one table describes each kind and one set of handlers serves them.

// Quotas (CloudFront Developer Guide, "Quotas"; "Create key groups": "By
// default, you can associate up to four key groups with a single
// distribution, and you can have up to five public keys in a key
// group").
const (
	maxOAIs             = 100
	maxOACs             = 100
	maxPublicKeys       = 10
	maxKeyGroups        = 10
	maxKeysPerGroup     = 5
	maxGroupsPerDist    = 4
	maxDistsPerKeyGroup = 100
)

// resource is one OAI, OAC, public key or key group.
type resource struct {
	id, etag  string
	config    *node
	canonical string // an OAI's S3 canonical user ID
	created   time.Time
	modified  time.Time
}

func (r *resource) ident() string { return r.id }

// kind describes one private-content resource type.
type kind struct {
	name        string // the resource element: "CloudFrontOriginAccessIdentity"
	configShape string // "CloudFrontOriginAccessIdentityConfig"
	path        string // under /2020-05-31/: "origin-access-identity/cloudfront"
	list        func(a *account) *[]*resource
	notFound    func(id string) *fake.Error
	// key is what must be unique in the account (CallerReference or
	// Name), and exists the error when it is taken; sameConfigOK makes a
	// repeat of the same configuration answer the existing resource (the
	// CallerReference kinds).
	key          string
	exists       func(cfg *node) *fake.Error
	sameConfigOK bool
	quota        int
	tooMany      string
	newID        func(b *Backend) string
	check        func(b *Backend, acct string, cfg *node) *fake.Error
	update       func(old, cfg *node) *fake.Error // what an update may not change
	inUse        func(b *Backend, acct, id string) *fake.Error
	doc          func(r *resource) *node
	listName     string
	summary      func(r *resource) *node
	// marker is whether the list has Marker and IsTruncated (OAI, OAC)
	// or only NextMarker (public keys, key groups).
	marker bool
}

var kinds = map[string]*kind{}

func init() {
	oai := &kind{name: "CloudFrontOriginAccessIdentity", configShape: "CloudFrontOriginAccessIdentityConfig",
		path: "origin-access-identity/cloudfront", list: func(a *account) *[]*resource { return &a.oais },
		notFound: func(id string) *fake.Error {
			return cferr(http.StatusNotFound, "NoSuchCloudFrontOriginAccessIdentity", "The specified origin access identity does not exist: %s.", id)
		},
		key: "CallerReference", sameConfigOK: true,
		exists: func(*node) *fake.Error {
			return cferr(http.StatusConflict, "CloudFrontOriginAccessIdentityAlreadyExists",
				"If the CallerReference is a value you already sent in a previous request to create an identity but the content of the CloudFrontOriginAccessIdentityConfig is different from the original request, CloudFront returns a CloudFrontOriginAccessIdentityAlreadyExists error.")
		},
		quota: maxOAIs, tooMany: "TooManyCloudFrontOriginAccessIdentities", newID: (*Backend).newID,
		update: sameKey("CallerReference"),
		inUse:  (*Backend).oaiInUse,
		doc: func(r *resource) *node {
			return el("CloudFrontOriginAccessIdentity", leaf("Id", r.id), leaf("S3CanonicalUserId", r.canonical), r.config.clone())
		},
		listName: "CloudFrontOriginAccessIdentityList", marker: true,
		summary: func(r *resource) *node {
			return el("CloudFrontOriginAccessIdentitySummary", leaf("Id", r.id), leaf("S3CanonicalUserId", r.canonical), leaf("Comment", r.config.str("Comment")))
		},
	}
	oac := &kind{name: "OriginAccessControl", configShape: "OriginAccessControlConfig", path: "origin-access-control",
		list: func(a *account) *[]*resource { return &a.oacs },
		notFound: func(id string) *fake.Error {
			return cferr(http.StatusNotFound, "NoSuchOriginAccessControl", "The origin access control does not exist: %s.", id)
		},
		key: "Name",
		exists: func(cfg *node) *fake.Error {
			return cferr(http.StatusConflict, "OriginAccessControlAlreadyExists", "An origin access control with the name %s already exists.", cfg.str("Name"))
		},
		quota: maxOACs, tooMany: "TooManyOriginAccessControls", newID: (*Backend).newID,
		check: func(_ *Backend, _ string, cfg *node) *fake.Error {
			if n := cfg.str("Name"); n == "" || len(n) > 64 {
				return errInvalidArgument("The name of an origin access control must be 1-64 characters.")
			}
			return nil
		},
		inUse: (*Backend).oacInUse,
		doc: func(r *resource) *node {
			return el("OriginAccessControl", leaf("Id", r.id), r.config.clone())
		},
		listName: "OriginAccessControlList", marker: true,
		summary: func(r *resource) *node {
			c := r.config
			return el("OriginAccessControlSummary", leaf("Id", r.id), leaf("Description", c.str("Description")), leaf("Name", c.str("Name")),
				leaf("SigningProtocol", c.str("SigningProtocol")), leaf("SigningBehavior", c.str("SigningBehavior")),
				leaf("OriginAccessControlOriginType", c.str("OriginAccessControlOriginType")))
		},
	}
	pk := &kind{name: "PublicKey", configShape: "PublicKeyConfig", path: "public-key",
		list: func(a *account) *[]*resource { return &a.publicKeys },
		notFound: func(id string) *fake.Error {
			return cferr(http.StatusNotFound, "NoSuchPublicKey", "The specified public key does not exist: %s.", id)
		},
		key: "Name",
		exists: func(cfg *node) *fake.Error {
			return cferr(http.StatusConflict, "PublicKeyAlreadyExists", "A public key with the name %s already exists.", cfg.str("Name"))
		},
		quota: maxPublicKeys, tooMany: "TooManyPublicKeys",
		newID: func(b *Backend) string { return "K" + b.newID()[1:] },
		check: func(_ *Backend, _ string, cfg *node) *fake.Error { return checkPublicKey(cfg.str("EncodedKey")) },
		// UpdatePublicKey: "The only field you can update is the key
		// comment" (API Reference, UpdatePublicKey).
		update: func(old, cfg *node) *fake.Error {
			for _, m := range []string{"CallerReference", "Name", "EncodedKey"} {
				if strings.TrimSpace(old.str(m)) != strings.TrimSpace(cfg.str(m)) {
					return cferr(http.StatusBadRequest, "CannotChangeImmutablePublicKeyFields", "You can't change the %s of a public key.", m)
				}
			}
			return nil
		},
		inUse: (*Backend).publicKeyInUse,
		doc: func(r *resource) *node {
			return el("PublicKey", leaf("Id", r.id), leafTime("CreatedTime", r.created), r.config.clone())
		},
		listName: "PublicKeyList",
		summary: func(r *resource) *node {
			c := r.config
			s := el("PublicKeySummary", leaf("Id", r.id), leaf("Name", c.str("Name")), leafTime("CreatedTime", r.created), leaf("EncodedKey", c.str("EncodedKey")))
			if c.has("Comment") {
				s.kids = append(s.kids, leaf("Comment", c.str("Comment")))
			}
			return s
		},
	}
	kg := &kind{name: "KeyGroup", configShape: "KeyGroupConfig", path: "key-group",
		list: func(a *account) *[]*resource { return &a.keyGroups },
		notFound: func(id string) *fake.Error {
			return cferr(http.StatusNotFound, "NoSuchResource", "The key group does not exist: %s.", id)
		},
		key: "Name",
		exists: func(cfg *node) *fake.Error {
			return cferr(http.StatusConflict, "KeyGroupAlreadyExists", "A key group with the name %s already exists.", cfg.str("Name"))
		},
		quota: maxKeyGroups, tooMany: "TooManyKeyGroups",
		newID: func(b *Backend) string { return b.newUUID() },
		check: (*Backend).checkKeyGroup,
		inUse: (*Backend).keyGroupInUse,
		doc: func(r *resource) *node {
			return el("KeyGroup", leaf("Id", r.id), leafTime("LastModifiedTime", r.modified), r.config.clone())
		},
		listName: "KeyGroupList",
		summary: func(r *resource) *node {
			return el("KeyGroupSummary", el("KeyGroup", leaf("Id", r.id), leafTime("LastModifiedTime", r.modified), r.config.clone()))
		},
	}
	for _, k := range []*kind{oai, oac, pk, kg} {
		kinds[k.name] = k
	}
	register := func(k *kind, plural string) {
		handlers["Create"+k.name] = func(b *Backend, c *call) (*answer, error) { return b.createResource(k, c) }
		handlers["Get"+k.name] = func(b *Backend, c *call) (*answer, error) { return b.getResource(k, c, false) }
		handlers["Get"+k.name+"Config"] = func(b *Backend, c *call) (*answer, error) { return b.getResource(k, c, true) }
		handlers["Update"+k.name] = func(b *Backend, c *call) (*answer, error) { return b.updateResource(k, c) }
		handlers["Delete"+k.name] = func(b *Backend, c *call) (*answer, error) { return b.deleteResource(k, c) }
		handlers["List"+plural] = func(b *Backend, c *call) (*answer, error) { return b.listResources(k, c) }
	}
	register(oai, "CloudFrontOriginAccessIdentities")
	register(oac, "OriginAccessControls")
	register(pk, "PublicKeys")
	register(kg, "KeyGroups")
}

// sameKey refuses an update that changes member m (IllegalUpdate).
func sameKey(m string) func(old, cfg *node) *fake.Error {
	return func(old, cfg *node) *fake.Error {
		if old.str(m) != cfg.str(m) {
			return cferr(http.StatusBadRequest, "IllegalUpdate", "The %s cannot be changed.", m)
		}
		return nil
	}
}

// newUUID returns a key group ID, which CloudFront makes as a UUID.
func (b *Backend) newUUID() string {
	n := b.nextLocked()
	h := sha256.Sum256(fmt.Appendf(nil, "key-group-%d", n))
	x := hex.EncodeToString(h[:16])
	return x[0:8] + "-" + x[8:12] + "-4" + x[13:16] + "-a" + x[17:20] + "-" + x[20:32]
}

// canonicalUser returns an OAI's S3 canonical user ID: 64 hex digits,
// as S3's canonical IDs are, fixed for the account and OAI.
func canonicalUser(account, id string) string {
	h := sha256.Sum256([]byte("cloudfronttest-oai:" + account + ":" + id))
	return hex.EncodeToString(h[:])
}

// checkPublicKey accepts the PEM public keys CloudFront takes: RSA 2048
// and, since 2025, ECDSA P-256 (Developer Guide, "Create a key pair for
// a trusted key group").
func checkPublicKey(encoded string) *fake.Error {
	block, _ := pem.Decode([]byte(strings.TrimSpace(encoded)))
	if block == nil {
		return errInvalidArgument("The EncodedKey is not a PEM-encoded public key.")
	}
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return errInvalidArgument("The EncodedKey is not a valid public key: %v.", err)
	}
	switch k := key.(type) {
	case *rsa.PublicKey:
		if k.N.BitLen() == 2048 {
			return nil
		}
	case *ecdsa.PublicKey:
		if k.Curve == elliptic.P256() {
			return nil
		}
	}
	return errInvalidArgument("CloudFront takes RSA 2048 and ECDSA P-256 public keys only.")
}

// checkKeyGroup checks a key group's keys: 1-5 public keys of the
// account.
func (b *Backend) checkKeyGroup(acct string, cfg *node) *fake.Error {
	keys := cfg.items("Items")
	if len(keys) == 0 {
		return errInvalidArgument("A key group needs at least one public key.")
	}
	if len(keys) > maxKeysPerGroup {
		return cferr(http.StatusBadRequest, "TooManyPublicKeysInKeyGroup", "A key group may hold at most %d public keys.", maxKeysPerGroup)
	}
	for _, k := range keys {
		if b.findLocked(kinds["PublicKey"], acct, k.text) == nil {
			return errInvalidArgument("The public key %s does not exist.", k.text)
		}
	}
	return nil
}

// findLocked returns acct's resource of kind k with id; b.mu is held.
func (b *Backend) findLocked(k *kind, acct, id string) *resource {
	a := b.accounts[acct]
	if a == nil {
		return nil
	}
	for _, r := range *k.list(a) {
		if r.id == id {
			return r
		}
	}
	return nil
}

func (b *Backend) oaiExistsLocked(acct, ref string) bool {
	id, ok := strings.CutPrefix(ref, "origin-access-identity/cloudfront/")
	return ok && b.findLocked(kinds["CloudFrontOriginAccessIdentity"], acct, id) != nil
}

func (b *Backend) oacExistsLocked(acct, id string) bool {
	return b.findLocked(kinds["OriginAccessControl"], acct, id) != nil
}

func (b *Backend) keyGroupExistsLocked(acct, id string) bool {
	return b.findLocked(kinds["KeyGroup"], acct, id) != nil
}

// oaiInUse: an OAI an origin of a distribution or streaming distribution
// names cannot be deleted.
func (b *Backend) oaiInUse(acct, id string) *fake.Error {
	ref := "origin-access-identity/cloudfront/" + id
	a := b.accounts[acct]
	for _, d := range a.dists {
		for _, o := range d.config.items("Origins/Items") {
			if o.str("S3OriginConfig/OriginAccessIdentity") == ref {
				return cferr(http.StatusConflict, "CloudFrontOriginAccessIdentityInUse", "The origin access identity %s is in use by distribution %s.", id, d.id)
			}
		}
	}
	for _, d := range a.streams {
		if d.config.str("S3Origin/OriginAccessIdentity") == ref {
			return cferr(http.StatusConflict, "CloudFrontOriginAccessIdentityInUse", "The origin access identity %s is in use by streaming distribution %s.", id, d.id)
		}
	}
	return nil
}

func (b *Backend) oacInUse(acct, id string) *fake.Error {
	for _, d := range b.accounts[acct].dists {
		for _, o := range d.config.items("Origins/Items") {
			if o.str("OriginAccessControlId") == id {
				return cferr(http.StatusConflict, "OriginAccessControlInUse", "The origin access control %s is in use by distribution %s.", id, d.id)
			}
		}
	}
	return nil
}

func (b *Backend) publicKeyInUse(acct, id string) *fake.Error {
	for _, g := range b.accounts[acct].keyGroups {
		for _, k := range g.config.items("Items") {
			if k.text == id {
				return cferr(http.StatusConflict, "PublicKeyInUse", "The public key %s is in key group %s.", id, g.id)
			}
		}
	}
	return nil
}

func (b *Backend) keyGroupInUse(acct, id string) *fake.Error {
	for _, d := range b.accounts[acct].dists {
		for _, cb := range behaviorsOf(d.config) {
			for _, g := range cb.items("TrustedKeyGroups/Items") {
				if g.text == id {
					return cferr(http.StatusConflict, "ResourceInUse", "The key group %s is trusted by distribution %s.", id, d.id)
				}
			}
		}
	}
	return nil
}

// readResourceConfig reads and checks a kind's configuration document.
func readResourceConfig(k *kind, body []byte) (*node, error) {
	cfg, err := parseDoc(body, k.configShape)
	if err != nil {
		return nil, err
	}
	if err := check(cfg, k.configShape, k.configShape); err != nil {
		return nil, err
	}
	return cfg, nil
}

func (b *Backend) createResource(k *kind, c *call) (*answer, error) {
	cfg, err := readResourceConfig(k, c.Body)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	a := b.accountLocked(c.Account())
	list := k.list(a)
	for _, r := range *list {
		if r.config.str(k.key) != cfg.str(k.key) {
			continue
		}
		if k.sameConfigOK && canonical(r.config) == canonical(cfg) {
			return &answer{status: http.StatusCreated, header: b.resourceHeader(k, r), doc: k.doc(r)}, nil
		}
		return nil, k.exists(cfg)
	}
	if len(*list) >= k.quota {
		return nil, cferr(http.StatusBadRequest, k.tooMany, "Processing your request would cause the maximum number of %s resources (%d) to be exceeded.", k.name, k.quota)
	}
	if k.check != nil {
		if e := k.check(b, a.id, cfg); e != nil {
			return nil, e
		}
	}
	r := &resource{id: k.newID(b), config: cfg, created: c.Now, modified: c.Now}
	r.etag = b.newID()
	if k.name == "CloudFrontOriginAccessIdentity" {
		r.canonical = canonicalUser(a.id, r.id)
	}
	*list = append(*list, r)
	return &answer{status: http.StatusCreated, header: b.resourceHeader(k, r), doc: k.doc(r)}, nil
}

func (b *Backend) resourceHeader(k *kind, r *resource) http.Header {
	h := etagHeader(r.etag)
	h.Set("Location", "https://cloudfront.amazonaws.com/2020-05-31/"+k.path+"/"+r.id)
	return h
}

func (b *Backend) getResource(k *kind, c *call, config bool) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.findLocked(k, c.Account(), c.labels["Id"])
	if r == nil {
		return nil, k.notFound(c.labels["Id"])
	}
	if config {
		return &answer{header: etagHeader(r.etag), doc: r.config.clone()}, nil
	}
	return &answer{header: etagHeader(r.etag), doc: k.doc(r)}, nil
}

// updateResource replaces the configuration behind If-Match; a Name
// another resource of the kind has is refused as at creation.
func (b *Backend) updateResource(k *kind, c *call) (*answer, error) {
	cfg, err := readResourceConfig(k, c.Body)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.findLocked(k, c.Account(), c.labels["Id"])
	if r == nil {
		return nil, k.notFound(c.labels["Id"])
	}
	if e := ifMatch(c.HTTP, r.etag); e != nil {
		return nil, e
	}
	if k.update != nil {
		if e := k.update(r.config, cfg); e != nil {
			return nil, e
		}
	}
	if k.key == "Name" {
		for _, o := range *k.list(b.accounts[c.Account()]) {
			if o != r && o.config.str("Name") == cfg.str("Name") {
				return nil, k.exists(cfg)
			}
		}
	}
	if k.check != nil {
		if e := k.check(b, c.Account(), cfg); e != nil {
			return nil, e
		}
	}
	r.config, r.etag, r.modified = cfg, b.newID(), c.Now
	return &answer{header: etagHeader(r.etag), doc: k.doc(r)}, nil
}

func (b *Backend) deleteResource(k *kind, c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.findLocked(k, c.Account(), c.labels["Id"])
	if r == nil {
		return nil, k.notFound(c.labels["Id"])
	}
	if e := ifMatch(c.HTTP, r.etag); e != nil {
		return nil, e
	}
	if e := k.inUse(b, c.Account(), r.id); e != nil {
		return nil, e
	}
	list := k.list(b.accounts[c.Account()])
	*list = slices.DeleteFunc(*list, func(x *resource) bool { return x == r })
	return &answer{status: http.StatusNoContent}, nil
}

func (b *Backend) listResources(k *kind, c *call) (*answer, error) {
	marker, max, e := listParams(c)
	if e != nil {
		return nil, e
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	var all []*resource
	if a := b.accounts[c.Account()]; a != nil {
		all = *k.list(a)
	}
	page, next, e := pageOf(all, marker, max)
	if e != nil {
		return nil, e
	}
	items := make([]*node, len(page))
	for i, r := range page {
		items[i] = k.summary(r)
	}
	doc := listDoc(k.listName, marker, next, max, items)
	if !k.marker {
		// PublicKeyList and KeyGroupList have neither Marker nor
		// IsTruncated.
		doc.kids = slices.DeleteFunc(doc.kids, func(n *node) bool { return n.name == "Marker" || n.name == "IsTruncated" })
	}
	return &answer{doc: doc}, nil
}
