package cloudfronttest

import (
	"net/http"
	"strings"
)

func init() {
	handlers["CreateCloudFrontOriginAccessIdentity"] = (*Backend).createOAI
	handlers["GetCloudFrontOriginAccessIdentity"] = (*Backend).getOAI
	handlers["GetCloudFrontOriginAccessIdentityConfig"] = (*Backend).getOAIConfig
	handlers["UpdateCloudFrontOriginAccessIdentity"] = (*Backend).updateOAI
	handlers["DeleteCloudFrontOriginAccessIdentity"] = (*Backend).deleteOAI
	handlers["ListCloudFrontOriginAccessIdentities"] = (*Backend).listOAIs
}

// oai is a CloudFront origin access identity.
type oai struct {
	id, canonical      string
	callerRef, comment string
	etag               string
}

func (o *oai) ident() string { return o.id }

// oaiRefPrefix begins an S3 origin's OriginAccessIdentity
// ("origin-access-identity/cloudfront/E74FTE3AEXAMPLE").
const oaiRefPrefix = "origin-access-identity/cloudfront/"

// OAIARN returns the IAM ARN a bucket policy names an origin access
// identity by (CloudFront Developer Guide, "Restricting access to an
// Amazon S3 origin": "arn:aws:iam::cloudfront:user/CloudFront Origin
// Access Identity <origin access identity ID>").
func OAIARN(id string) string {
	return "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity " + id
}

func (o *oai) configDoc() *node {
	return el("CloudFrontOriginAccessIdentityConfig", leaf("CallerReference", o.callerRef), leaf("Comment", o.comment))
}

func (o *oai) doc() *node {
	return el("CloudFrontOriginAccessIdentity", leaf("Id", o.id), leaf("S3CanonicalUserId", o.canonical), o.configDoc())
}

// findOAILocked returns acct's OAI id; b.mu is held.
func (b *Backend) findOAILocked(acct, id string) (*oai, error) {
	for _, o := range b.privateLocked(acct).oais {
		if o.id == id {
			return o, nil
		}
	}
	return nil, errNoSuch("NoSuchCloudFrontOriginAccessIdentity", "origin access identity", id)
}

// oaiExistsLocked reports whether ref ("origin-access-identity/cloudfront/ID")
// names an origin access identity of acct; b.mu is held.
func (b *Backend) oaiExistsLocked(acct, ref string) bool {
	id, ok := strings.CutPrefix(ref, oaiRefPrefix)
	if !ok {
		return false
	}
	_, err := b.findOAILocked(acct, id)
	return err == nil
}

// createOAI serves CreateCloudFrontOriginAccessIdentity. A
// CallerReference sent before answers that identity again when the
// comment is the same, and is CloudFrontOriginAccessIdentityAlreadyExists
// (409) otherwise (API Reference, CloudFrontOriginAccessIdentityConfig,
// CallerReference); beyond the quota it is
// TooManyCloudFrontOriginAccessIdentities.
func (b *Backend) createOAI(c *call) (*answer, error) {
	cfg, err := readBody(c.Body, "CloudFrontOriginAccessIdentityConfig")
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.privateLocked(c.Account())
	ref, comment := cfg.str("CallerReference"), cfg.str("Comment")
	for _, o := range p.oais {
		if o.callerRef != ref {
			continue
		}
		if o.comment != comment {
			return nil, cferr(http.StatusConflict, "CloudFrontOriginAccessIdentityAlreadyExists",
				"The caller reference that you are using to create an origin access identity is associated with another identity (%s).", o.id)
		}
		return &answer{status: http.StatusCreated, header: created(o.etag, oaiRefPrefix+o.id), doc: o.doc()}, nil
	}
	if len(p.oais) >= maxOAIs {
		return nil, cferr(http.StatusBadRequest, "TooManyCloudFrontOriginAccessIdentities",
			"Processing your request would cause the maximum number of origin access identities (%d) to be exceeded.", maxOAIs)
	}
	id := b.newID()
	o := &oai{id: id, canonical: canonicalUserOf(c.Account(), id), callerRef: ref, comment: comment, etag: b.newID()}
	p.oais = append(p.oais, o)
	return &answer{status: http.StatusCreated, header: created(o.etag, oaiRefPrefix+o.id), doc: o.doc()}, nil
}

func (b *Backend) getOAI(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	o, err := b.findOAILocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	return &answer{header: etagHeader(o.etag), doc: o.doc()}, nil
}

func (b *Backend) getOAIConfig(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	o, err := b.findOAILocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	return &answer{header: etagHeader(o.etag), doc: o.configDoc()}, nil
}

// updateOAI serves UpdateCloudFrontOriginAccessIdentity: only the
// comment may change (a new CallerReference is IllegalUpdate), behind
// If-Match, with a new ETag.
func (b *Backend) updateOAI(c *call) (*answer, error) {
	cfg, err := readBody(c.Body, "CloudFrontOriginAccessIdentityConfig")
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	o, err := b.findOAILocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	if e := ifMatch(c.HTTP, o.etag); e != nil {
		return nil, e
	}
	if cfg.str("CallerReference") != o.callerRef {
		return nil, cferr(http.StatusBadRequest, "IllegalUpdate", "The CallerReference of an origin access identity cannot be changed.")
	}
	o.comment = cfg.str("Comment")
	o.etag = b.newID()
	return &answer{header: etagHeader(o.etag), doc: o.doc()}, nil
}

// deleteOAI serves DeleteCloudFrontOriginAccessIdentity, behind If-Match;
// an identity an origin of a distribution names is
// CloudFrontOriginAccessIdentityInUse (409).
func (b *Backend) deleteOAI(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	o, err := b.findOAILocked(c.Account(), c.labels["Id"])
	if err != nil {
		return nil, err
	}
	if e := ifMatch(c.HTTP, o.etag); e != nil {
		return nil, e
	}
	ref := oaiRefPrefix + o.id
	if d := b.inUseByDistLocked(c.Account(), func(cfg *node) bool {
		for _, or := range cfg.items("Origins/Items") {
			if or.str("S3OriginConfig/OriginAccessIdentity") == ref {
				return true
			}
		}
		return false
	}); d != "" {
		return nil, cferr(http.StatusConflict, "CloudFrontOriginAccessIdentityInUse",
			"The CloudFront origin access identity is still being used by distribution %s.", d)
	}
	p := b.privateLocked(c.Account())
	p.oais = remove(p.oais, o)
	return &answer{status: http.StatusNoContent}, nil
}

// listOAIs serves ListCloudFrontOriginAccessIdentities.
func (b *Backend) listOAIs(c *call) (*answer, error) {
	marker, max, e := listParams(c)
	if e != nil {
		return nil, e
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	page, next, e := pageOf(b.privateLocked(c.Account()).oais, marker, max)
	if e != nil {
		return nil, e
	}
	items := make([]*node, len(page))
	for i, o := range page {
		items[i] = el("CloudFrontOriginAccessIdentitySummary", leaf("Id", o.id), leaf("S3CanonicalUserId", o.canonical), leaf("Comment", o.comment))
	}
	return &answer{doc: listDoc("CloudFrontOriginAccessIdentityList", marker, next, max, items)}, nil
}

// remove returns all without x.
func remove[T comparable](all []T, x T) []T {
	for i, y := range all {
		if y == x {
			return append(all[:i:i], all[i+1:]...)
		}
	}
	return all
}

// OAI is an origin access identity as the S3 fake knows it.
type OAI struct {
	ID            string
	CanonicalUser string
	ARN           string
}

// OAIs returns account's origin access identities, for seeding S3 and
// for inspection.
func (b *Backend) OAIs(account string) []OAI {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []OAI
	if a := b.accounts[account]; a != nil {
		for _, o := range a.private.oais {
			out = append(out, OAI{ID: o.id, CanonicalUser: o.canonical, ARN: OAIARN(o.id)})
		}
	}
	return out
}

// KnownOAI reports whether arn is the IAM ARN of an origin access
// identity of any account: the hook s3test.Backend.SetPrincipals takes.
func (b *Backend) KnownOAI(arn string) bool {
	id, ok := strings.CutPrefix(arn, OAIARN(""))
	if !ok {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, a := range b.accounts {
		for _, o := range a.private.oais {
			if o.id == id {
				return true
			}
		}
	}
	return false
}
