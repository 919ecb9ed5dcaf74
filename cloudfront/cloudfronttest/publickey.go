package cloudfronttest

import (
	"net/http"
	"time"

	"github.com/goboto/goboto/cloudfront/internal/viewerauth"
)

func init() {
	handlers["CreatePublicKey"] = (*Backend).createPublicKey
	handlers["GetPublicKey"] = (*Backend).getPublicKey
	handlers["GetPublicKeyConfig"] = (*Backend).getPublicKeyConfig
	handlers["UpdatePublicKey"] = (*Backend).updatePublicKey
	handlers["DeletePublicKey"] = (*Backend).deletePublicKey
	handlers["ListPublicKeys"] = (*Backend).listPublicKeys
}

// publicKey is a public key for signed URLs and cookies; config is its
// PublicKeyConfig.
type publicKey struct {
	id, etag string
	created  time.Time
	config   *node
}

func (k *publicKey) ident() string { return k.id }

func (k *publicKey) doc() *node {
	return el("PublicKey", leaf("Id", k.id), leafTime("CreatedTime", k.created), k.config.clone())
}

// findKeyLocked returns acct's public key id; b.mu is held.
func (b *Backend) findKeyLocked(acct, id string) (*publicKey, error) {
	for _, k := range b.privateLocked(acct).keys {
		if k.id == id {
			return k, nil
		}
	}
	return nil, errNoSuch("NoSuchPublicKey", "public key", id)
}

// readPublicKeyConfig reads a PublicKeyConfig whose EncodedKey is a PEM
// RSA-2048 or ECDSA P-256 public key (API Reference, PublicKeyConfig;
// Developer Guide, "Create a key pair for a trusted key group": "The key
// pair must be an SSH-2 RSA 2048 or ECDSA 256 key pair"); anything else
// is InvalidArgument.
func readPublicKeyConfig(body []byte) (*node, error) {
	cfg, err := readBody(body, "PublicKeyConfig")
	if err != nil {
		return nil, err
	}
	if _, err := viewerauth.ParsePublicKey([]byte(cfg.str("EncodedKey"))); err != nil {
		return nil, errInvalidArgument("The EncodedKey is not a PEM encoded RSA 2048 or ECDSA P-256 public key.")
	}
	if n := len(cfg.str("Name")); n == 0 || n > 128 {
		return nil, errInvalidArgument("The name of a public key must be 1 to 128 characters long.")
	}
	return cfg, nil
}

// createPublicKey serves CreatePublicKey. A name or CallerReference
// already used in the account is PublicKeyAlreadyExists (409).
func (b *Backend) createPublicKey(c *call) (*answer, error) {
	cfg, err := readPublicKeyConfig(c.Body)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.privateLocked(c.Account())
	for _, k := range p.keys {
		if k.config.str("Name") == cfg.str("Name") || k.config.str("CallerReference") == cfg.str("CallerReference") {
			return nil, cferr(http.StatusConflict, "PublicKeyAlreadyExists", "The specified public key already exists (%s).", k.id)
		}
	}
	k := &publicKey{id: b.newKeyID(), etag: b.newID(), created: modifiedNow(c.Now), config: cfg}
	p.keys = append(p.keys, k)
	return &answer{status: http.StatusCreated, header: created(k.etag, "public-key/"+k.id), doc: k.doc()}, nil
}

func (b *Backend) getPublicKey(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	k, err := b.findKeyLocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	return &answer{header: etagHeader(k.etag), doc: k.doc()}, nil
}

func (b *Backend) getPublicKeyConfig(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	k, err := b.findKeyLocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	return &answer{header: etagHeader(k.etag), doc: k.config.clone()}, nil
}

// updatePublicKey serves UpdatePublicKey behind If-Match: only the
// comment may change (API Reference, UpdatePublicKey: "Update public
// key information. Note that the only value you can change is the
// comment"); another key or name is CannotChangeImmutablePublicKeyFields,
// another CallerReference IllegalUpdate.
func (b *Backend) updatePublicKey(c *call) (*answer, error) {
	cfg, err := readPublicKeyConfig(c.Body)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	k, err := b.findKeyLocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	if e := ifMatch(c.HTTP, k.etag); e != nil {
		return nil, e
	}
	if cfg.str("CallerReference") != k.config.str("CallerReference") {
		return nil, cferr(http.StatusBadRequest, "IllegalUpdate", "The CallerReference of a public key cannot be changed.")
	}
	if cfg.str("EncodedKey") != k.config.str("EncodedKey") || cfg.str("Name") != k.config.str("Name") {
		return nil, cferr(http.StatusBadRequest, "CannotChangeImmutablePublicKeyFields", "You can't change the key or the name of a public key.")
	}
	k.config = cfg
	k.etag = b.newID()
	return &answer{header: etagHeader(k.etag), doc: k.doc()}, nil
}

// deletePublicKey serves DeletePublicKey behind If-Match; a key in a key
// group is PublicKeyInUse (409).
func (b *Backend) deletePublicKey(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	k, err := b.findKeyLocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	if e := ifMatch(c.HTTP, k.etag); e != nil {
		return nil, e
	}
	p := b.privateLocked(c.Account())
	for _, g := range p.groups {
		for _, id := range g.config.items("Items") {
			if id.text == k.id {
				return nil, cferr(http.StatusConflict, "PublicKeyInUse", "The public key is in key group %s.", g.id)
			}
		}
	}
	p.keys = remove(p.keys, k)
	return &answer{status: http.StatusNoContent}, nil
}

// listPublicKeys serves ListPublicKeys.
func (b *Backend) listPublicKeys(c *call) (*answer, error) {
	marker, max, e := listParams(c)
	if e != nil {
		return nil, e
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	page, next, e := pageOf(b.privateLocked(c.Account()).keys, marker, max)
	if e != nil {
		return nil, e
	}
	items := make([]*node, len(page))
	for i, k := range page {
		s := el("PublicKeySummary", leaf("Id", k.id), leaf("Name", k.config.str("Name")), leafTime("CreatedTime", k.created),
			leaf("EncodedKey", k.config.str("EncodedKey")))
		if k.config.has("Comment") {
			s.kids = append(s.kids, leaf("Comment", k.config.str("Comment")))
		}
		items[i] = s
	}
	return &answer{doc: shortListDoc("PublicKeyList", next, max, items)}, nil
}

// shortListDoc is a list without Marker and IsTruncated, as
// PublicKeyList and KeyGroupList are in the model: NextMarker, MaxItems,
// Quantity and Items.
func shortListDoc(name, next string, max int, items []*node) *node {
	n := el(name)
	if next != "" {
		n.kids = append(n.kids, leaf("NextMarker", next))
	}
	n.kids = append(n.kids, leafInt("MaxItems", max), leafInt("Quantity", len(items)))
	if len(items) > 0 {
		n.kids = append(n.kids, el("Items", items...))
	}
	return n
}
