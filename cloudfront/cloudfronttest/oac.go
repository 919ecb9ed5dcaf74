package cloudfronttest

import (
	"net/http"
)

func init() {
	handlers["CreateOriginAccessControl"] = (*Backend).createOAC
	handlers["GetOriginAccessControl"] = (*Backend).getOAC
	handlers["GetOriginAccessControlConfig"] = (*Backend).getOACConfig
	handlers["UpdateOriginAccessControl"] = (*Backend).updateOAC
	handlers["DeleteOriginAccessControl"] = (*Backend).deleteOAC
	handlers["ListOriginAccessControls"] = (*Backend).listOACs
}

// oac is an origin access control; config is its
// OriginAccessControlConfig.
type oac struct {
	id, etag string
	config   *node
}

func (o *oac) ident() string { return o.id }

func (o *oac) doc() *node {
	return el("OriginAccessControl", leaf("Id", o.id), o.config.clone())
}

// findOACLocked returns acct's OAC id; b.mu is held.
func (b *Backend) findOACLocked(acct, id string) (*oac, error) {
	for _, o := range b.privateLocked(acct).oacs {
		if o.id == id {
			return o, nil
		}
	}
	return nil, errNoSuch("NoSuchOriginAccessControl", "origin access control", id)
}

// oacExistsLocked reports whether id names an origin access control of
// acct; b.mu is held.
func (b *Backend) oacExistsLocked(acct, id string) bool {
	_, err := b.findOACLocked(acct, id)
	return err == nil
}

// readOACConfig reads an OriginAccessControlConfig: the model's shape,
// and a Name of 1 to 64 characters (API Reference,
// OriginAccessControlConfig: "The name must be unique, up to 64
// characters").
func readOACConfig(body []byte) (*node, error) {
	cfg, err := readBody(body, "OriginAccessControlConfig")
	if err != nil {
		return nil, err
	}
	if n := len([]rune(cfg.str("Name"))); n == 0 || n > 64 {
		return nil, errInvalidArgument("The name of an origin access control must be 1 to 64 characters long.")
	}
	return cfg, nil
}

func errOACExists(name string) error {
	return cferr(http.StatusConflict, "OriginAccessControlAlreadyExists",
		"An origin access control with the name %q already exists.", name)
}

// createOAC serves CreateOriginAccessControl: names are unique in the
// account (OriginAccessControlAlreadyExists), at most maxOACs
// (TooManyOriginAccessControls).
func (b *Backend) createOAC(c *call) (*answer, error) {
	cfg, err := readOACConfig(c.Body)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.privateLocked(c.Account())
	name := cfg.str("Name")
	if renamed(p.oacs, nil, func(o *oac) string { return o.config.str("Name") }, name) {
		return nil, errOACExists(name)
	}
	if len(p.oacs) >= maxOACs {
		return nil, cferr(http.StatusBadRequest, "TooManyOriginAccessControls",
			"Processing your request would cause the maximum number of origin access controls (%d) to be exceeded.", maxOACs)
	}
	o := &oac{id: b.newID(), etag: b.newID(), config: cfg}
	p.oacs = append(p.oacs, o)
	return &answer{status: http.StatusCreated, header: created(o.etag, "origin-access-control/"+o.id), doc: o.doc()}, nil
}

func (b *Backend) getOAC(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	o, err := b.findOACLocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	return &answer{header: etagHeader(o.etag), doc: o.doc()}, nil
}

func (b *Backend) getOACConfig(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	o, err := b.findOACLocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	return &answer{header: etagHeader(o.etag), doc: o.config.clone()}, nil
}

// updateOAC serves UpdateOriginAccessControl behind If-Match. The origin
// type cannot change (IllegalUpdate): the distributions using the
// control were validated against it.
func (b *Backend) updateOAC(c *call) (*answer, error) {
	cfg, err := readOACConfig(c.Body)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	o, err := b.findOACLocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	if e := ifMatch(c.HTTP, o.etag); e != nil {
		return nil, e
	}
	if cfg.str("OriginAccessControlOriginType") != o.config.str("OriginAccessControlOriginType") {
		return nil, cferr(http.StatusBadRequest, "IllegalUpdate", "The origin type of an origin access control cannot be changed.")
	}
	name := cfg.str("Name")
	if renamed(b.privateLocked(c.Account()).oacs, o, func(o *oac) string { return o.config.str("Name") }, name) {
		return nil, errOACExists(name)
	}
	o.config = cfg
	o.etag = b.newID()
	return &answer{header: etagHeader(o.etag), doc: o.doc()}, nil
}

// deleteOAC serves DeleteOriginAccessControl behind If-Match; a control
// an origin of a distribution uses is OriginAccessControlInUse (409).
func (b *Backend) deleteOAC(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	o, err := b.findOACLocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	if e := ifMatch(c.HTTP, o.etag); e != nil {
		return nil, e
	}
	if d := b.inUseByDistLocked(c.Account(), func(cfg *node) bool {
		for _, or := range cfg.items("Origins/Items") {
			if or.str("OriginAccessControlId") == o.id {
				return true
			}
		}
		return false
	}); d != "" {
		return nil, cferr(http.StatusConflict, "OriginAccessControlInUse",
			"The origin access control is in use by distribution %s.", d)
	}
	p := b.privateLocked(c.Account())
	p.oacs = remove(p.oacs, o)
	return &answer{status: http.StatusNoContent}, nil
}

// listOACs serves ListOriginAccessControls.
func (b *Backend) listOACs(c *call) (*answer, error) {
	marker, max, e := listParams(c)
	if e != nil {
		return nil, e
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	page, next, e := pageOf(b.privateLocked(c.Account()).oacs, marker, max)
	if e != nil {
		return nil, e
	}
	items := make([]*node, len(page))
	for i, o := range page {
		items[i] = el("OriginAccessControlSummary", leaf("Id", o.id), leaf("Description", o.config.str("Description")),
			leaf("Name", o.config.str("Name")), leaf("SigningProtocol", o.config.str("SigningProtocol")),
			leaf("SigningBehavior", o.config.str("SigningBehavior")),
			leaf("OriginAccessControlOriginType", o.config.str("OriginAccessControlOriginType")))
	}
	return &answer{doc: listDoc("OriginAccessControlList", marker, next, max, items)}, nil
}
