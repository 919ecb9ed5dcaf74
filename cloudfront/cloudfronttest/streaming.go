package cloudfronttest

import (
	"net/http"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

func init() {
	handlers["CreateStreamingDistribution"] = (*Backend).createStreaming
	handlers["CreateStreamingDistributionWithTags"] = (*Backend).createStreaming
	handlers["GetStreamingDistribution"] = (*Backend).getStreaming
	handlers["GetStreamingDistributionConfig"] = (*Backend).getStreamingConfig
	handlers["UpdateStreamingDistribution"] = (*Backend).updateStreaming
	handlers["DeleteStreamingDistribution"] = (*Backend).deleteStreaming
	handlers["ListStreamingDistributions"] = (*Backend).listStreaming
}

// errStreamingDiscontinued is the answer to creating an RTMP
// distribution without WithLegacyStreaming. CloudFront discontinued RTMP
// distributions on 2020-12-31 (API Reference,
// CreateStreamingDistribution: "This API is deprecated. Amazon
// CloudFront is deprecating real-time messaging protocol (RTMP)
// distributions on December 31, 2020"); accounts have had no quota for
// them since, and the model's error for a creation over quota is
// TooManyStreamingDistributions. No public record of the exact answer
// AWS sends today was found; this is the closest the model declares.
func errStreamingDiscontinued() *fake.Error {
	return cferr(http.StatusBadRequest, "TooManyStreamingDistributions",
		"Processing your request would cause you to exceed the maximum number of streaming distributions allowed: RTMP distributions were discontinued on December 31, 2020.")
}

func errNoSuchStreaming(id string) *fake.Error {
	return cferr(http.StatusNotFound, "NoSuchStreamingDistribution", "The specified streaming distribution does not exist: %s.", id)
}

// readStreamingConfig reads a StreamingDistributionConfig, or with tags
// a StreamingDistributionConfigWithTags.
func readStreamingConfig(body []byte, withTags bool) (cfg, tags *node, err error) {
	root := "StreamingDistributionConfig"
	if withTags {
		root = "StreamingDistributionConfigWithTags"
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
	return doc.child("StreamingDistributionConfig"), tags, nil
}

// validateStreaming checks a StreamingDistributionConfig: an S3 origin
// (Developer Guide, "Using an Amazon S3 bucket as the origin for an RTMP
// distribution": custom origins are not supported), an existing OAI,
// CNAMEs no one else has, signers, comment and logging.
func (b *Backend) validateStreaming(acct string, cfg *node, self string) *fake.Error {
	if len(cfg.str("Comment")) > maxComment {
		return errInvalidArgument("The parameter Comment is too long (at most %d characters).", maxComment)
	}
	if dom := cfg.str("S3Origin/DomainName"); !strings.HasSuffix(dom, ".s3.amazonaws.com") {
		return cferr(http.StatusBadRequest, "InvalidOrigin", "The Amazon S3 origin server %q does not refer to a valid Amazon S3 bucket.", dom)
	}
	if oai := cfg.str("S3Origin/OriginAccessIdentity"); oai != "" && !b.oaiExistsLocked(acct, oai) {
		return cferr(http.StatusBadRequest, "InvalidOriginAccessIdentity", "The origin access identity %q is not valid or doesn't exist.", oai)
	}
	aliases := cfg.items("Aliases/Items")
	if len(aliases) > maxAliases {
		return cferr(http.StatusBadRequest, "TooManyStreamingDistributionCNAMEs", "Your request contains %d CNAMEs; at most %d are allowed.", len(aliases), maxAliases)
	}
	// RTMP distributions serve no certificate, so only the CNAME
	// uniqueness of checkAliases applies.
	probe := el("StreamingDistributionConfig", el("ViewerCertificate", leaf("IAMCertificateId", "rtmp")))
	if a := cfg.child("Aliases"); a != nil {
		probe.kids = append(probe.kids, a)
	}
	if e := b.checkAliases(probe, self); e != nil {
		return e
	}
	for _, s := range cfg.items("TrustedSigners/Items") {
		if s.text != "self" && (len(s.text) != 12 || strings.Trim(s.text, "0123456789") != "") {
			return cferr(http.StatusBadRequest, "TrustedSignerDoesNotExist", "The trusted signer %q is neither self nor an AWS account number.", s.text)
		}
	}
	if cfg.boolean("Logging/Enabled") && !strings.HasSuffix(cfg.str("Logging/Bucket"), ".s3.amazonaws.com") {
		return errInvalidArgument("The S3 bucket for logs %q is not named as <bucket>.s3.amazonaws.com.", cfg.str("Logging/Bucket"))
	}
	return nil
}

// streamingDefaults fills what CloudFront fills in a streaming
// configuration: no aliases, PriceClass_All.
func streamingDefaults(cfg *node) *node {
	c := cfg.clone()
	if !c.has("Aliases") {
		c.kids = append(c.kids, el("Aliases", leafInt("Quantity", 0)))
	}
	if !c.has("Logging") {
		c.kids = append(c.kids, el("Logging", leafBool("Enabled", false), leaf("Bucket", ""), leaf("Prefix", "")))
	}
	if !c.has("PriceClass") {
		c.kids = append(c.kids, leaf("PriceClass", "PriceClass_All"))
	}
	if check(c, "StreamingDistributionConfig", "StreamingDistributionConfig") != nil {
		return cfg.clone()
	}
	return c
}

func (b *Backend) streamingDoc(d *distribution, now time.Time) *node {
	var signers []*node
	for _, s := range d.config.items("TrustedSigners/Items") {
		signers = append(signers, el("Signer", leaf("AwsAccountNumber", s.text), el("KeyPairIds", leafInt("Quantity", 0))))
	}
	return el("StreamingDistribution", leaf("Id", d.id), leaf("ARN", d.arn), leaf("Status", d.status(now)),
		leafTime("LastModifiedTime", d.modified), leaf("DomainName", d.domain),
		quantityList("ActiveTrustedSigners", signers), d.config.clone())
}

func (b *Backend) findStreamLocked(acct, id string) (*distribution, *fake.Error) {
	if a := b.accounts[acct]; a != nil {
		for _, d := range a.streams {
			if d.id == id {
				return d, nil
			}
		}
	}
	return nil, errNoSuchStreaming(id)
}

// createStreaming serves CreateStreamingDistribution[WithTags]: refused
// as CloudFront does since RTMP was discontinued, unless
// WithLegacyStreaming; then as CreateDistribution, with
// StreamingDistributionAlreadyExists for any CallerReference sent
// before, with the same configuration or another (the model's
// StreamingDistributionConfig.CallerReference: "If CallerReference is a
// value that you already sent in a previous request to create a
// distribution, CloudFront returns a DistributionAlreadyExists error";
// the code is the one the operation declares).
func (b *Backend) createStreaming(c *call) (*answer, error) {
	cfg, tags, err := readStreamingConfig(c.Body, c.op == "CreateStreamingDistributionWithTags")
	if err != nil {
		return nil, err
	}
	if !b.opts.legacyStreaming {
		return nil, errStreamingDiscontinued()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	a := b.accountLocked(c.Account())
	ref := cfg.str("CallerReference")
	for _, d := range a.streams {
		if d.callerRef == ref {
			// AWS's own message for this error is nowhere on record
			// (RTMP creation ended in 2020), so this is the model's
			// documentation of StreamingDistributionAlreadyExists, and
			// names no ID rather than guess at AWS's wording.
			return nil, cferr(http.StatusConflict, "StreamingDistributionAlreadyExists",
				"The caller reference you attempted to create the streaming distribution with is associated with another distribution.")
		}
	}
	if e := b.validateStreaming(a.id, cfg, ""); e != nil {
		return nil, e
	}
	id := b.newID()
	d := &distribution{id: id, arn: arnFor(a.id, "streaming-distribution", id), domain: domainFor("s", id),
		callerRef: ref, config: streamingDefaults(cfg), tags: tags,
		etag: b.newID(), modified: c.Now, deployAt: c.Now.Add(b.opts.deploy)}
	a.streams = append(a.streams, d)
	return &answer{status: http.StatusCreated, header: createdHeader(c, "streaming-distribution", d), doc: b.streamingDoc(d, c.Now)}, nil
}

func (b *Backend) getStreaming(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.findStreamLocked(c.Account(), c.labels["Id"])
	if e != nil {
		return nil, e
	}
	return &answer{header: etagHeader(d.etag), doc: b.streamingDoc(d, c.Now)}, nil
}

func (b *Backend) getStreamingConfig(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.findStreamLocked(c.Account(), c.labels["Id"])
	if e != nil {
		return nil, e
	}
	return &answer{header: etagHeader(d.etag), doc: d.config.clone()}, nil
}

// updateStreaming serves UpdateStreamingDistribution: guarded by
// If-Match; neither the CallerReference nor the origin can change
// (Developer Guide: "After you create an RTMP distribution, you can't
// change its origin server"), both IllegalUpdate.
func (b *Backend) updateStreaming(c *call) (*answer, error) {
	cfg, _, err := readStreamingConfig(c.Body, false)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.findStreamLocked(c.Account(), c.labels["Id"])
	if e != nil {
		return nil, e
	}
	if e := ifMatch(c.HTTP, d.etag); e != nil {
		return nil, e
	}
	if cfg.str("CallerReference") != d.callerRef {
		return nil, cferr(http.StatusBadRequest, "IllegalUpdate", "The CallerReference of a streaming distribution cannot be changed.")
	}
	if cfg.str("S3Origin/DomainName") != d.config.str("S3Origin/DomainName") {
		return nil, cferr(http.StatusBadRequest, "IllegalUpdate", "The origin of an RTMP distribution cannot be changed.")
	}
	if e := b.validateStreaming(c.Account(), cfg, d.id); e != nil {
		return nil, e
	}
	d.config = streamingDefaults(cfg)
	d.etag = b.newID()
	d.modified = c.Now
	d.deployAt = c.Now.Add(b.opts.deploy)
	return &answer{header: etagHeader(d.etag), doc: b.streamingDoc(d, c.Now)}, nil
}

// deleteStreaming serves DeleteStreamingDistribution: If-Match, and only
// once disabled and deployed (StreamingDistributionNotDisabled).
func (b *Backend) deleteStreaming(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.findStreamLocked(c.Account(), c.labels["Id"])
	if e != nil {
		return nil, e
	}
	if e := ifMatch(c.HTTP, d.etag); e != nil {
		return nil, e
	}
	if d.enabled() || d.status(c.Now) != "Deployed" {
		return nil, cferr(http.StatusConflict, "StreamingDistributionNotDisabled",
			"The streaming distribution you are trying to delete has not been disabled and deployed.")
	}
	a := b.accounts[c.Account()]
	for i, x := range a.streams {
		if x == d {
			a.streams = append(a.streams[:i:i], a.streams[i+1:]...)
			break
		}
	}
	return &answer{status: http.StatusNoContent}, nil
}

func (b *Backend) listStreaming(c *call) (*answer, error) {
	marker, max, e := listParams(c)
	if e != nil {
		return nil, e
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	var all []*distribution
	if a := b.accounts[c.Account()]; a != nil {
		all = a.streams
	}
	page, next, e := pageOf(all, marker, max)
	if e != nil {
		return nil, e
	}
	items := make([]*node, len(page))
	for i, d := range page {
		s := el("StreamingDistributionSummary", leaf("Id", d.id), leaf("ARN", d.arn), leaf("Status", d.status(c.Now)),
			leafTime("LastModifiedTime", d.modified), leaf("DomainName", d.domain))
		for _, m := range []string{"S3Origin", "Aliases", "TrustedSigners", "Comment", "PriceClass", "Enabled"} {
			if v := d.config.child(m); v != nil {
				s.kids = append(s.kids, v.clone())
			}
		}
		items[i] = s
	}
	return &answer{doc: listDoc("StreamingDistributionList", marker, next, max, items)}, nil
}
