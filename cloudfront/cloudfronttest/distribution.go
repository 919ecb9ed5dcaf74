package cloudfronttest

import (
	"net/http"
	"strconv"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

func init() {
	handlers["CreateDistribution"] = (*Backend).createDistribution
	handlers["CreateDistributionWithTags"] = (*Backend).createDistribution
	handlers["GetDistribution"] = (*Backend).getDistribution
	handlers["GetDistributionConfig"] = (*Backend).getDistributionConfig
	handlers["UpdateDistribution"] = (*Backend).updateDistribution
	handlers["DeleteDistribution"] = (*Backend).deleteDistribution
	handlers["ListDistributions"] = (*Backend).listDistributions
}

// withDefaults returns cfg with the members CloudFront fills in when a
// configuration leaves them out, as GetDistributionConfig answers them:
// empty lists with Quantity 0, PriceClass_All, the CloudFront default
// certificate, no geo restriction, HTTP/2, IPv6 on, logging off,
// custom origins' timeouts, and the behaviours' signers, methods and
// associations.
func withDefaults(cfg *node) *node {
	c := cfg.clone()
	def := func(n *node, kid *node) {
		if !n.has(kid.name) {
			n.kids = append(n.kids, kid)
		}
	}
	empty := func(name string) *node { return el(name, leafInt("Quantity", 0)) }
	def(c, empty("Aliases"))
	def(c, leaf("DefaultRootObject", ""))
	def(c, empty("OriginGroups"))
	def(c, empty("CacheBehaviors"))
	def(c, empty("CustomErrorResponses"))
	def(c, el("Logging", leafBool("Enabled", false), leafBool("IncludeCookies", false), leaf("Bucket", ""), leaf("Prefix", "")))
	def(c, leaf("PriceClass", "PriceClass_All"))
	def(c, el("ViewerCertificate", leafBool("CloudFrontDefaultCertificate", true), leaf("SSLSupportMethod", "vip"),
		leaf("MinimumProtocolVersion", "TLSv1"), leaf("CertificateSource", "cloudfront")))
	def(c, el("Restrictions", el("GeoRestriction", leaf("RestrictionType", "none"), leafInt("Quantity", 0))))
	def(c, leaf("WebACLId", ""))
	def(c, leaf("HttpVersion", "http2"))
	def(c, leafBool("IsIPV6Enabled", true))
	def(c, leafBool("Staging", false))
	behaviors := append([]*node{c.child("DefaultCacheBehavior")}, c.items("CacheBehaviors/Items")...)
	for _, cb := range behaviors {
		def(cb, el("TrustedSigners", leafBool("Enabled", false), leafInt("Quantity", 0)))
		def(cb, el("TrustedKeyGroups", leafBool("Enabled", false), leafInt("Quantity", 0)))
		def(cb, el("AllowedMethods", leafInt("Quantity", 2), el("Items", leaf("Method", "HEAD"), leaf("Method", "GET")),
			el("CachedMethods", leafInt("Quantity", 2), el("Items", leaf("Method", "HEAD"), leaf("Method", "GET")))))
		def(cb, leafBool("SmoothStreaming", false))
		def(cb, leafBool("Compress", false))
		def(cb, empty("LambdaFunctionAssociations"))
		def(cb, empty("FunctionAssociations"))
		def(cb, leaf("FieldLevelEncryptionId", ""))
	}
	for _, o := range c.items("Origins/Items") {
		def(o, leaf("OriginPath", ""))
		def(o, empty("CustomHeaders"))
		def(o, leafInt("ConnectionAttempts", 3))
		def(o, leafInt("ConnectionTimeout", 10))
		def(o, el("OriginShield", leafBool("Enabled", false)))
		def(o, leaf("OriginAccessControlId", ""))
		if co := o.child("CustomOriginConfig"); co != nil {
			// The model's CustomOriginConfig: "the default (if you don't
			// specify otherwise) is 30 seconds" and "5 seconds".
			def(co, leafInt("OriginReadTimeout", 30))
			def(co, leafInt("OriginKeepaliveTimeout", 5))
		}
	}
	// Put what was added in the model's order.
	if err := check(c, "DistributionConfig", "DistributionConfig"); err != nil {
		return cfg.clone()
	}
	return c
}

// readConfig reads and checks a DistributionConfig document, or, with
// tags, a DistributionConfigWithTags; it returns the configuration and
// the Tags element (empty when none).
func readConfig(body []byte, withTags bool) (cfg, tags *node, err error) {
	root := "DistributionConfig"
	if withTags {
		root = "DistributionConfigWithTags"
	}
	doc, err := parseDoc(body, root)
	if err != nil {
		return nil, nil, err
	}
	if err := check(doc, root, root); err != nil {
		return nil, nil, err
	}
	if !withTags {
		return doc, el("Tags", el("Items")), nil
	}
	tags = doc.child("Tags")
	if e := checkTags(tags.items("Items")); e != nil {
		return nil, nil, e
	}
	return doc.child("DistributionConfig"), tags, nil
}

// distributionDoc is a Distribution element for d at now.
func (b *Backend) distributionDoc(d *distribution, now time.Time) *node {
	inProgress := 0
	for _, inv := range d.invalidations {
		if now.Before(inv.doneAt) {
			inProgress++
		}
	}
	return el("Distribution",
		leaf("Id", d.id), leaf("ARN", d.arn), leaf("Status", d.status(now)), leafTime("LastModifiedTime", d.modified),
		leafInt("InProgressInvalidationBatches", inProgress), leaf("DomainName", d.domain),
		activeSigners(d.config),
		activeKeyGroups(d.config),
		d.config.clone())
}

// activeSigners is ActiveTrustedSigners: the accounts the behaviours
// trust, with no key pairs (the fake has no CloudFront key pairs).
func activeSigners(cfg *node) *node {
	var items []*node
	seen := map[string]bool{}
	for _, cb := range behaviorsOf(cfg) {
		for _, s := range cb.items("TrustedSigners/Items") {
			if !seen[s.text] {
				seen[s.text] = true
				items = append(items, el("Signer", leaf("AwsAccountNumber", s.text), el("KeyPairIds", leafInt("Quantity", 0))))
			}
		}
	}
	return quantityList("ActiveTrustedSigners", items)
}

// activeKeyGroups is ActiveTrustedKeyGroups: the key groups the
// behaviours trust, with their public keys.
func activeKeyGroups(cfg *node) *node {
	var items []*node
	seen := map[string]bool{}
	for _, cb := range behaviorsOf(cfg) {
		for _, g := range cb.items("TrustedKeyGroups/Items") {
			if !seen[g.text] {
				seen[g.text] = true
				items = append(items, el("KeyGroup", leaf("KeyGroupId", g.text), el("KeyPairIds", leafInt("Quantity", 0))))
			}
		}
	}
	return quantityList("ActiveTrustedKeyGroups", items)
}

// quantityList is an Enabled/Quantity/Items element: enabled when it has
// items.
func quantityList(name string, items []*node) *node {
	n := el(name, leafBool("Enabled", len(items) > 0), leafInt("Quantity", len(items)))
	if len(items) > 0 {
		n.kids = append(n.kids, el("Items", items...))
	}
	return n
}

// behaviorsOf returns the default cache behaviour and then the others.
func behaviorsOf(cfg *node) []*node {
	return append([]*node{cfg.child("DefaultCacheBehavior")}, cfg.items("CacheBehaviors/Items")...)
}

// findDistLocked returns acct's distribution id; b.mu is held.
func (b *Backend) findDistLocked(acct, id string) (*distribution, *fake.Error) {
	if a := b.accounts[acct]; a != nil {
		for _, d := range a.dists {
			if d.id == id {
				return d, nil
			}
		}
	}
	return nil, errNoSuchDistribution(id)
}

func errDistributionAlreadyExists(id string) *fake.Error {
	return cferr(http.StatusConflict, "DistributionAlreadyExists",
		"The caller reference that you are using to create a distribution is associated with another distribution. Already exists: %s", id)
}

func errNoSuchDistribution(id string) *fake.Error {
	return cferr(http.StatusNotFound, "NoSuchDistribution", "The specified distribution does not exist: %s.", id)
}

// createDistribution serves CreateDistribution and
// CreateDistributionWithTags: a new CallerReference creates a
// distribution, InProgress until deployed, whatever its configuration.
// A CallerReference sent before is DistributionAlreadyExists, with the
// same configuration or another: the model's
// DistributionConfig.CallerReference ("If CallerReference is a value
// that you already sent in a previous request to create a distribution,
// CloudFront returns a DistributionAlreadyExists error"), which is what
// AWS answers (aws/aws-sdk-go#2213 reproduced it for a byte-identical
// request, against the older text that promised the first answer
// again). The message names the distribution holding the reference as
// AWS's does ("... is associated with another distribution. Already
// exists: E2O6U8DECVP5UD", quoted in awslabs/aws-saas-boost#153 and
// aws/aws-sdk-js-v3#2618).
func (b *Backend) createDistribution(c *call) (*answer, error) {
	cfg, tags, err := readConfig(c.Body, c.op == "CreateDistributionWithTags")
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	a := b.accountLocked(c.Account())
	ref := cfg.str("CallerReference")
	for _, d := range a.dists {
		if d.callerRef == ref {
			return nil, errDistributionAlreadyExists(d.id)
		}
	}
	if e := b.validateDistribution(a.id, cfg, ""); e != nil {
		return nil, e
	}
	id := b.newID()
	d := &distribution{
		id: id, arn: arnFor(a.id, "distribution", id), domain: domainFor("d", id),
		callerRef: ref, config: withDefaults(cfg), tags: tags,
		etag: b.newID(), modified: c.Now, deployAt: c.Now.Add(b.opts.deploy),
	}
	a.dists = append(a.dists, d)
	return &answer{status: http.StatusCreated, header: createdHeader(c, "distribution", d), doc: b.distributionDoc(d, c.Now)}, nil
}

// createdHeader is a creation's ETag and Location (the new resource's
// URL).
func createdHeader(c *call, kind string, d *distribution) http.Header {
	h := etagHeader(d.etag)
	h.Set("Location", "https://cloudfront.amazonaws.com/2020-05-31/"+kind+"/"+d.id)
	return h
}

// getDistribution serves GetDistribution.
func (b *Backend) getDistribution(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.findDistLocked(c.Account(), c.labels["Id"])
	if e != nil {
		return nil, e
	}
	return &answer{header: etagHeader(d.etag), doc: b.distributionDoc(d, c.Now)}, nil
}

// getDistributionConfig serves GetDistributionConfig.
func (b *Backend) getDistributionConfig(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.findDistLocked(c.Account(), c.labels["Id"])
	if e != nil {
		return nil, e
	}
	return &answer{header: etagHeader(d.etag), doc: d.config.clone()}, nil
}

// updateDistribution serves UpdateDistribution: the whole configuration
// is replaced, guarded by If-Match; the CallerReference cannot change
// (IllegalUpdate), and the distribution is InProgress again with a new
// ETag.
func (b *Backend) updateDistribution(c *call) (*answer, error) {
	cfg, _, err := readConfig(c.Body, false)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.findDistLocked(c.Account(), c.labels["Id"])
	if e != nil {
		return nil, e
	}
	if e := ifMatch(c.HTTP, d.etag); e != nil {
		return nil, e
	}
	if cfg.str("CallerReference") != d.callerRef {
		return nil, cferr(http.StatusBadRequest, "IllegalUpdate", "The CallerReference of a distribution cannot be changed.")
	}
	if cfg.boolean("Staging") != d.config.boolean("Staging") {
		return nil, cferr(http.StatusBadRequest, "IllegalUpdate", "Staging cannot be changed.")
	}
	if e := b.validateDistribution(c.Account(), cfg, d.id); e != nil {
		return nil, e
	}
	d.config = withDefaults(cfg)
	d.etag = b.newID()
	d.modified = c.Now
	d.deployAt = c.Now.Add(b.opts.deploy)
	return &answer{header: etagHeader(d.etag), doc: b.distributionDoc(d, c.Now)}, nil
}

// deleteDistribution serves DeleteDistribution: guarded by If-Match, and
// only for a distribution that is disabled and deployed
// (DistributionNotDisabled otherwise).
func (b *Backend) deleteDistribution(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.findDistLocked(c.Account(), c.labels["Id"])
	if e != nil {
		return nil, e
	}
	if e := ifMatch(c.HTTP, d.etag); e != nil {
		return nil, e
	}
	if d.enabled() || d.status(c.Now) != "Deployed" {
		return nil, cferr(http.StatusConflict, "DistributionNotDisabled",
			"The distribution you are trying to delete has not been disabled and deployed.")
	}
	a := b.accounts[c.Account()]
	for i, x := range a.dists {
		if x == d {
			a.dists = append(a.dists[:i:i], a.dists[i+1:]...)
			break
		}
	}
	return &answer{status: http.StatusNoContent}, nil
}

// listDistributions serves ListDistributions: summaries in creation
// order, MaxItems at a time (default 100), Marker the ID of the last
// distribution of the previous page.
func (b *Backend) listDistributions(c *call) (*answer, error) {
	marker, max, e := listParams(c)
	if e != nil {
		return nil, e
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	var all []*distribution
	if a := b.accounts[c.Account()]; a != nil {
		all = a.dists
	}
	page, next, e := pageOf(all, marker, max)
	if e != nil {
		return nil, e
	}
	items := make([]*node, len(page))
	for i, d := range page {
		items[i] = b.summary(d, c.Now)
	}
	return &answer{doc: listDoc("DistributionList", marker, next, max, items)}, nil
}

// summary is a DistributionSummary: the distribution's facts and the
// configuration's members the summary has.
func (b *Backend) summary(d *distribution, now time.Time) *node {
	s := el("DistributionSummary", leaf("Id", d.id), leaf("ARN", d.arn), leaf("ETag", d.etag), leaf("Status", d.status(now)),
		leafTime("LastModifiedTime", d.modified), leaf("DomainName", d.domain))
	for _, m := range modelShapes["DistributionSummary"].members {
		if s.has(m.name) {
			continue
		}
		if v := d.config.child(m.name); v != nil {
			s.kids = append(s.kids, v.clone())
		}
	}
	return s
}

// listParams reads a listing's Marker and MaxItems (a string in the
// model; 1-1000 here, 100 when absent).
func listParams(c *call) (string, int, *fake.Error) {
	q := c.HTTP.URL.Query()
	max := 100
	if s := q.Get("MaxItems"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			return "", 0, errInvalidArgument("MaxItems must be a number from 1 to 1000; got %q.", s)
		}
		max = n
	}
	return q.Get("Marker"), max, nil
}

// identified is anything listed by ID.
type identified interface{ ident() string }

func (d *distribution) ident() string { return d.id }

// pageOf returns the page of all after marker, at most max long, and
// the next marker ("" on the last page). A marker that is not an ID of
// the list is InvalidArgument.
func pageOf[T identified](all []T, marker string, max int) ([]T, string, *fake.Error) {
	start := 0
	if marker != "" {
		start = -1
		for i, x := range all {
			if x.ident() == marker {
				start = i + 1
				break
			}
		}
		if start < 0 {
			return nil, "", errInvalidArgument("The marker %q is not valid.", marker)
		}
	}
	end := min(start+max, len(all))
	page := all[start:end]
	next := ""
	if end < len(all) && len(page) > 0 {
		next = page[len(page)-1].ident()
	}
	return page, next, nil
}

// listDoc is a <XList>: Marker, NextMarker, MaxItems, IsTruncated,
// Quantity and Items.
func listDoc(name, marker, next string, max int, items []*node) *node {
	n := el(name, leaf("Marker", marker))
	if next != "" {
		n.kids = append(n.kids, leaf("NextMarker", next))
	}
	n.kids = append(n.kids, leafInt("MaxItems", max), leafBool("IsTruncated", next != ""), leafInt("Quantity", len(items)))
	if len(items) > 0 {
		n.kids = append(n.kids, el("Items", items...))
	}
	return n
}
