package cloudfront

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto"
)

// Limits CloudFront documents (Developer Guide, "Quotas", general quotas
// on distributions; API Reference, DistributionConfig and CacheBehavior).
const (
	MaxBehaviors      = 75  // cache behaviours per distribution, the default one not counted
	MaxOrigins        = 25  // origins per distribution
	MaxOriginGroups   = 10  // origin groups per distribution
	MaxAliases        = 100 // alternate domain names per distribution
	MaxPathPattern    = 255 // characters of a path pattern
	MaxComment        = 128 // characters of a comment
	MaxRootObject     = 255 // characters of the default root object
	MaxInvalidation   = 3000
	maxTTL            = 100 * 365 * 24 * time.Hour
	pathPatternAllows = `A-Z a-z 0-9 _ - . * ? $ / ~ " ' @ : + &`
)

// ValidPathPattern checks a cache behaviour's path pattern as CloudFront
// does (Developer Guide, "Path pattern"): 1-255 characters of A-Z a-z
// 0-9 _ - . * ? $ / ~ " ' @ : + &, where * and ? are wildcards.
func ValidPathPattern(p string) error {
	if p == "" || len(p) > MaxPathPattern {
		return goboto.Invalid("PathPattern", p, "must be 1-255 characters")
	}
	for _, r := range p {
		ok := r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune(`_-.*?$/~"'@:+&`, r)
		if !ok {
			return goboto.Invalid("PathPattern", p, fmt.Sprintf("holds %q; CloudFront allows only %s", r, pathPatternAllows))
		}
	}
	return nil
}

// Validate checks c as CloudFront would, before anything is sent: at
// least one origin, unique origin and group IDs, S3 or custom origins,
// origin groups of two known origins, behaviours that name a known
// origin or group with valid path patterns (unique, at most
// MaxBehaviors), TTLs with Min ≤ Default ≤ Max, and the lengths
// CloudFront allows. A refusal is a *goboto.ValidationError.
func (c *DistributionConfig) Validate() error {
	if c == nil {
		return goboto.Invalid("DistributionConfig", "", "is nil")
	}
	if len(c.Comment) > MaxComment {
		return goboto.Invalid("Comment", c.Comment, "is longer than 128 characters")
	}
	if len(c.Aliases) > MaxAliases {
		return goboto.Invalid("Aliases", itoa(len(c.Aliases)), "more than 100 alternate domain names")
	}
	if len(c.Aliases) > 0 && c.Certificate == nil {
		return goboto.Invalid("Certificate", "", "alternate domain names need a certificate that covers them")
	}
	if r := c.DefaultRootObject; len(r) > MaxRootObject || strings.HasPrefix(r, "/") {
		return goboto.Invalid("DefaultRootObject", r, "must be at most 255 characters and not begin with /")
	}
	targets, err := c.checkOrigins()
	if err != nil {
		return err
	}
	if c.DefaultBehavior.PathPattern != "" {
		return goboto.Invalid("DefaultBehavior.PathPattern", c.DefaultBehavior.PathPattern, "must be empty: the default behaviour serves every path")
	}
	if err := c.DefaultBehavior.check("DefaultBehavior", targets); err != nil {
		return err
	}
	if len(c.Behaviors) > MaxBehaviors {
		return goboto.Invalid("Behaviors", itoa(len(c.Behaviors)), "more than 75 cache behaviours")
	}
	seen := map[string]bool{}
	for i, b := range c.Behaviors {
		if err := ValidPathPattern(b.PathPattern); err != nil {
			return err
		}
		if seen[b.PathPattern] {
			return goboto.Invalid("Behaviors.PathPattern", b.PathPattern, "appears in more than one behaviour")
		}
		seen[b.PathPattern] = true
		if err := b.check(fmt.Sprintf("Behaviors[%d]", i), targets); err != nil {
			return err
		}
	}
	groups := map[string]bool{}
	for _, b := range append([]Behavior{c.DefaultBehavior}, c.Behaviors...) {
		for _, g := range b.TrustedKeyGroups {
			groups[g] = true
		}
	}
	if len(groups) > MaxGroupsPerDist {
		return goboto.Invalid("TrustedKeyGroups", itoa(len(groups)), "a distribution trusts at most 4 key groups")
	}
	if l := c.Logging; l != nil && !strings.HasSuffix(l.Bucket, ".s3.amazonaws.com") {
		return goboto.Invalid("Logging.Bucket", l.Bucket, "must be the bucket's domain, <bucket>.s3.amazonaws.com")
	}
	if cert := c.Certificate; cert != nil {
		if (cert.ACMCertificateARN == "") == (cert.IAMCertificateID == "") {
			return goboto.Invalid("Certificate", "", "needs exactly one of ACMCertificateARN and IAMCertificateID")
		}
		if a := cert.ACMCertificateARN; a != "" && !strings.HasPrefix(a, "arn:aws:acm:us-east-1:") && !strings.HasPrefix(a, "arn:aws-cn:acm:") {
			return goboto.Invalid("Certificate.ACMCertificateARN", a, "must be an ACM certificate in us-east-1")
		}
	}
	switch c.PriceClass {
	case "", PriceClassAll, PriceClass100, PriceClass200:
	default:
		return goboto.Invalid("PriceClass", string(c.PriceClass), "must be PriceClass_All, PriceClass_100 or PriceClass_200")
	}
	return nil
}

// checkOrigins checks origins and groups and returns the IDs a behaviour
// may target.
func (c *DistributionConfig) checkOrigins() (map[string]bool, error) {
	if len(c.Origins) == 0 {
		return nil, goboto.Invalid("Origins", "", "a distribution needs at least one origin")
	}
	if len(c.Origins) > MaxOrigins {
		return nil, goboto.Invalid("Origins", itoa(len(c.Origins)), "more than 25 origins")
	}
	ids := map[string]bool{}
	for _, o := range c.Origins {
		if o.ID == "" || ids[o.ID] {
			return nil, goboto.Invalid("Origin.ID", o.ID, "must be non-empty and unique")
		}
		ids[o.ID] = true
		if o.DomainName == "" {
			return nil, goboto.Invalid("Origin.DomainName", "", "origin "+o.ID+" needs a domain name")
		}
		if (o.S3 == nil) == (o.Custom == nil) {
			return nil, goboto.Invalid("Origin", o.ID, "needs exactly one of S3 and Custom")
		}
		if o.S3 != nil && o.S3.OriginAccessIdentity != "" && o.OriginAccessControlID != "" {
			return nil, goboto.Invalid("Origin.OriginAccessControlID", o.OriginAccessControlID, "an origin cannot have both an OAI and an OAC")
		}
		if p := o.Path; p != "" && (!strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/")) {
			return nil, goboto.Invalid("Origin.Path", p, "must begin with / and not end with one")
		}
		if cu := o.Custom; cu != nil {
			for _, port := range []int{cu.HTTPPort, cu.HTTPSPort} {
				if port < 0 || port > 65535 {
					return nil, goboto.Invalid("CustomOrigin.Port", itoa(port), "is not a port")
				}
			}
			switch cu.Protocol {
			case "", OriginHTTPOnly, OriginHTTPSOnly, OriginMatchViewer:
			default:
				return nil, goboto.Invalid("CustomOrigin.Protocol", string(cu.Protocol), "must be http-only, https-only or match-viewer")
			}
		}
	}
	if len(c.OriginGroups) > MaxOriginGroups {
		return nil, goboto.Invalid("OriginGroups", itoa(len(c.OriginGroups)), "more than 10 origin groups")
	}
	origins := make(map[string]bool, len(ids))
	for k := range ids {
		origins[k] = true
	}
	for _, g := range c.OriginGroups {
		if g.ID == "" || ids[g.ID] {
			return nil, goboto.Invalid("OriginGroup.ID", g.ID, "must be non-empty and unique among origins and groups")
		}
		for _, m := range []string{g.Primary, g.Secondary} {
			if !origins[m] {
				return nil, goboto.Invalid("OriginGroup.Members", m, "origin group "+g.ID+" names an origin the distribution does not have")
			}
		}
		if len(g.FailoverOn) == 0 {
			return nil, goboto.Invalid("OriginGroup.FailoverOn", "", "origin group "+g.ID+" needs at least one status code")
		}
		for _, s := range g.FailoverOn {
			if !slices.Contains([]int{400, 403, 404, 416, 500, 502, 503, 504}, s) {
				return nil, goboto.Invalid("OriginGroup.FailoverOn", itoa(s), "must be one of 400, 403, 404, 416, 500, 502, 503, 504")
			}
		}
		ids[g.ID] = true
	}
	return ids, nil
}

// check checks one behaviour against the IDs it may target.
func (b Behavior) check(where string, targets map[string]bool) error {
	if !targets[b.TargetOriginID] {
		return goboto.Invalid(where+".TargetOriginID", b.TargetOriginID, "names no origin or origin group of the distribution")
	}
	switch b.ViewerProtocol {
	case "", AllowAll, HTTPSOnly, RedirectToHTTPS:
	default:
		return goboto.Invalid(where+".ViewerProtocol", string(b.ViewerProtocol), "must be allow-all, https-only or redirect-to-https")
	}
	if b.CachePolicyID != "" && (b.TTL != nil || b.Forward.QueryString || b.Forward.Cookies != nil || b.Forward.Headers != nil) {
		return goboto.Invalid(where+".CachePolicyID", b.CachePolicyID, "a behaviour with a cache policy takes no TTL or Forward settings")
	}
	if t := b.TTL; t != nil {
		for _, d := range []time.Duration{t.Min, t.Default, t.Max} {
			if d < 0 || d%time.Second != 0 || d > maxTTL {
				return goboto.Invalid(where+".TTL", d.String(), "must be whole seconds, not negative")
			}
		}
		if t.Min > t.Default || t.Default > t.Max {
			return goboto.Invalid(where+".TTL", fmt.Sprintf("%s/%s/%s", t.Min, t.Default, t.Max), "must be Min ≤ Default ≤ Max")
		}
	}
	if m := b.AllowedMethods; m != nil {
		got := slices.Sorted(slices.Values(m))
		sets := [][]string{{"GET", "HEAD"}, {"GET", "HEAD", "OPTIONS"}, {"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}}
		if !slices.ContainsFunc(sets, func(s []string) bool { return slices.Equal(s, got) }) {
			return goboto.Invalid(where+".AllowedMethods", strings.Join(m, ","), "must be GET,HEAD or GET,HEAD,OPTIONS or all seven methods")
		}
	}
	for _, s := range b.TrustedSigners {
		if s != "self" && (len(s) != 12 || strings.Trim(s, "0123456789") != "") {
			return goboto.Invalid(where+".TrustedSigners", s, "must be self or a 12-digit AWS account number")
		}
	}
	return nil
}
