package cloudfronttest

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// Quotas of the CloudFront Developer Guide, "Quotas", "General quotas on
// distributions" (defaults, which a fake account cannot raise).
const (
	maxCacheBehaviors = 75  // cache behaviors per distribution
	maxOrigins        = 25  // origins per distribution
	maxOriginGroups   = 10  // origin groups per distribution
	maxAliases        = 100 // alternate domain names (CNAMEs) per distribution
	maxPathPattern    = 255 // characters of a path pattern (CacheBehavior, PathPattern)
	maxComment        = 128 // DistributionConfig, Comment: "maximum length is 128 characters"
	maxRootObject     = 255 // DistributionConfig, DefaultRootObject: "up to 255 characters"
)

// managedCachePolicies are the IDs of the AWS managed cache policies the
// fake knows (CloudFront Developer Guide, "Use managed cache policies"),
// with their TTLs (min, default, max seconds). Other cache policies are
// not served, so any other ID is NoSuchCachePolicy.
var managedCachePolicies = map[string][3]int64{
	"658327ea-f89d-4fab-a63d-7e88639e58f6": {1, 86400, 31536000}, // Managed-CachingOptimized
	"4135ea2d-6df8-44a3-9df3-4b5a84be39ad": {0, 0, 0},            // Managed-CachingDisabled
}

// managedOriginRequestPolicies are the AWS managed origin request
// policies the fake knows (CloudFront Developer Guide, "Use managed
// origin request policies").
var managedOriginRequestPolicies = []string{
	"216adef6-5c7f-47e4-b989-5492eafa07d3", // Managed-AllViewer
	"88a5eaf4-2fd4-4709-b370-b4c650ea3fcf", // Managed-CORS-S3Origin
	"b689b0a8-53d0-40ab-baf2-68738e2966ac", // Managed-AllViewerExceptHostHeader
}

// pathPatternChars are the characters a path pattern may hold (CloudFront
// Developer Guide, "Values that you specify when you create or update a
// distribution", Path pattern: A-Z, a-z, 0-9, _ - . * $ / ~ " ' @ : +,
// and & passed as &amp;), with ? as a wildcard.
var pathPatternChars = regexp.MustCompile(`^[A-Za-z0-9_\-.*$/~"'@:+&?]+$`)

// allowedMethodSets are the method sets AllowedMethods may hold
// (DefaultCacheBehavior, AllowedMethods).
var allowedMethodSets = [][]string{
	{"GET", "HEAD"},
	{"GET", "HEAD", "OPTIONS"},
	{"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"},
}

// notImplemented refuses a member the fake does not act on with the
// model's InvalidArgument, naming it, rather than keeping it and doing
// nothing.
func notImplemented(what string) *fake.Error {
	return errInvalidArgument("cloudfronttest does not implement %s yet.", what)
}

// validateDistribution applies CloudFront's checks of a
// DistributionConfig beyond its shape, in the order of its members. self
// is the distribution being updated ("" for a creation), so its own
// aliases are not a conflict.
func (b *Backend) validateDistribution(acct string, cfg *node, self string) *fake.Error {
	if len(cfg.str("Comment")) > maxComment {
		return errInvalidArgument("The parameter Comment is too long (at most %d characters).", maxComment)
	}
	if e := b.checkAliases(cfg, self); e != nil {
		return e
	}
	if root := cfg.str("DefaultRootObject"); len(root) > maxRootObject || strings.HasPrefix(root, "/") {
		return cferr(http.StatusBadRequest, "InvalidDefaultRootObject", "The default root object %q is too long or starts with a slash.", root)
	}
	ids, e := b.checkOrigins(acct, cfg)
	if e != nil {
		return e
	}
	dcb := cfg.child("DefaultCacheBehavior")
	if e := b.checkBehavior(acct, dcb, "DefaultCacheBehavior", ids); e != nil {
		return e
	}
	behaviors := cfg.items("CacheBehaviors/Items")
	if len(behaviors) > maxCacheBehaviors {
		return cferr(http.StatusBadRequest, "TooManyCacheBehaviors",
			"Your request contains %d cache behaviors; a distribution may have at most %d.", len(behaviors), maxCacheBehaviors)
	}
	patterns := map[string]bool{}
	for i, cb := range behaviors {
		where := "CacheBehaviors.Items." + strconv.Itoa(i+1)
		p := cb.str("PathPattern")
		if len(p) > maxPathPattern || !pathPatternChars.MatchString(p) {
			return errInvalidArgument("The path pattern %q of %s is longer than %d characters or holds characters CloudFront does not allow.", p, where, maxPathPattern)
		}
		if patterns[p] {
			return errInvalidArgument("The path pattern %q appears in more than one cache behavior.", p)
		}
		patterns[p] = true
		if e := b.checkBehavior(acct, cb, where, ids); e != nil {
			return e
		}
	}
	if e := b.checkKeyGroupUse(acct, cfg, self); e != nil {
		return e
	}
	for _, cer := range cfg.items("CustomErrorResponses/Items") {
		code, _ := cer.integer("ErrorCode")
		if !slices.Contains([]int64{400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504}, code) {
			return cferr(http.StatusBadRequest, "InvalidErrorCode", "CloudFront cannot customize the error code %d.", code)
		}
		if p := cer.str("ResponsePagePath"); p != "" && !strings.HasPrefix(p, "/") {
			return cferr(http.StatusBadRequest, "InvalidRelativePath", "The response page path %q does not begin with a slash.", p)
		}
		if cer.str("ResponseCode") != "" && cer.str("ResponsePagePath") == "" {
			return cferr(http.StatusBadRequest, "InvalidResponseCode", "A ResponseCode needs a ResponsePagePath.")
		}
	}
	if cfg.boolean("Logging/Enabled") && !strings.HasSuffix(cfg.str("Logging/Bucket"), ".s3.amazonaws.com") {
		return errInvalidArgument("The S3 bucket that you specified for CloudFront logs does not exist or is not named as <bucket>.s3.amazonaws.com: %q.", cfg.str("Logging/Bucket"))
	}
	if e := checkViewerCertificate(cfg); e != nil {
		return e
	}
	if geo := cfg.child("Restrictions").child("GeoRestriction"); geo != nil {
		n, _ := geo.integer("Quantity")
		if (geo.str("RestrictionType") == "none") != (n == 0) {
			return cferr(http.StatusBadRequest, "InvalidGeoRestrictionParameter", "A geo restriction of type %s with %d locations is not valid.", geo.str("RestrictionType"), n)
		}
		for _, loc := range geo.items("Items") {
			if len(loc.text) != 2 || strings.ToUpper(loc.text) != loc.text {
				return cferr(http.StatusBadRequest, "InvalidLocationCode", "The location code %q is not an ISO 3166-1 alpha-2 code.", loc.text)
			}
		}
	}
	if cfg.str("WebACLId") != "" {
		return cferr(http.StatusBadRequest, "InvalidWebACLId", "The web ACL %q does not exist (cloudfronttest has no AWS WAF).", cfg.str("WebACLId"))
	}
	if cfg.str("ContinuousDeploymentPolicyId") != "" {
		return cferr(http.StatusNotFound, "NoSuchContinuousDeploymentPolicy", "The continuous deployment policy %q does not exist.", cfg.str("ContinuousDeploymentPolicyId"))
	}
	if cfg.str("AnycastIpListId") != "" {
		return cferr(http.StatusNotFound, "EntityNotFound", "The Anycast static IP list %q does not exist.", cfg.str("AnycastIpListId"))
	}
	for _, m := range []string{"TenantConfig", "ViewerMtlsConfig", "ConnectionFunctionAssociation", "CacheTagConfig"} {
		if cfg.has(m) {
			return notImplemented("DistributionConfig." + m)
		}
	}
	if cfg.boolean("Staging") {
		return notImplemented("staging distributions (Staging true)")
	}
	if cfg.str("ConnectionMode") == "tenant-only" {
		return notImplemented("multi-tenant distributions (ConnectionMode tenant-only)")
	}
	return nil
}

// checkAliases refuses more than maxAliases, and an alias another
// distribution of any account has (CNAMEAlreadyExists: "The CNAME
// specified is already defined for CloudFront").
func (b *Backend) checkAliases(cfg *node, self string) *fake.Error {
	aliases := cfg.items("Aliases/Items")
	if len(aliases) > maxAliases {
		return cferr(http.StatusBadRequest, "TooManyDistributionCNAMEs", "Your request contains %d CNAMEs; a distribution may have at most %d.", len(aliases), maxAliases)
	}
	for _, a := range aliases {
		name := strings.ToLower(a.text)
		for _, acct := range b.accounts {
			for _, d := range append(slices.Clip(acct.dists), acct.streams...) {
				if d.id == self {
					continue
				}
				for _, other := range d.config.items("Aliases/Items") {
					if strings.ToLower(other.text) == name {
						return cferr(http.StatusConflict, "CNAMEAlreadyExists", "One or more of the CNAMEs you provided are already associated with a different resource: %s.", a.text)
					}
				}
			}
		}
	}
	if len(aliases) > 0 && !cfg.has("ViewerCertificate/ACMCertificateArn") && !cfg.has("ViewerCertificate/IAMCertificateId") {
		// CloudFront Developer Guide, "Requirements for using alternate
		// domain names": a certificate that covers the name must be
		// attached.
		return cferr(http.StatusBadRequest, "InvalidViewerCertificate",
			"To add an alternate domain name (CNAME) to a CloudFront distribution, you must attach a trusted certificate that validates your authorization to use the domain name.")
	}
	return nil
}

// checkViewerCertificate checks the certificate settings: an ACM
// certificate must be in us-east-1 and name how it is served (CloudFront
// Developer Guide, "Requirements for using SSL/TLS certificates with
// CloudFront").
func checkViewerCertificate(cfg *node) *fake.Error {
	vc := cfg.child("ViewerCertificate")
	if vc == nil {
		return nil
	}
	arn := vc.str("ACMCertificateArn")
	custom := arn != "" || vc.str("IAMCertificateId") != ""
	switch {
	case vc.boolean("CloudFrontDefaultCertificate") && custom:
		return cferr(http.StatusBadRequest, "InvalidViewerCertificate", "Specify either the CloudFront default certificate or your own, not both.")
	case arn != "" && !strings.HasPrefix(arn, "arn:aws:acm:us-east-1:"):
		return cferr(http.StatusBadRequest, "InvalidViewerCertificate", "The ACM certificate %q must be in us-east-1.", arn)
	case custom && vc.str("SSLSupportMethod") == "":
		return cferr(http.StatusBadRequest, "InvalidViewerCertificate", "A custom certificate needs an SSLSupportMethod.")
	}
	return nil
}

// checkOrigins checks the origins and origin groups and returns every
// ID a behaviour may target.
func (b *Backend) checkOrigins(acct string, cfg *node) (map[string]bool, *fake.Error) {
	origins := cfg.items("Origins/Items")
	if len(origins) == 0 {
		return nil, cferr(http.StatusBadRequest, "InvalidOrigin", "A distribution needs at least one origin.")
	}
	if len(origins) > maxOrigins {
		return nil, cferr(http.StatusBadRequest, "TooManyOrigins", "Your request contains %d origins; a distribution may have at most %d.", len(origins), maxOrigins)
	}
	ids := map[string]bool{}
	for _, o := range origins {
		id := o.str("Id")
		if id == "" || ids[id] {
			return nil, errInvalidArgument("Origin IDs must be non-empty and unique; %q is not.", id)
		}
		ids[id] = true
		if e := b.checkOrigin(acct, o); e != nil {
			return nil, e
		}
	}
	groups := cfg.items("OriginGroups/Items")
	if len(groups) > maxOriginGroups {
		return nil, cferr(http.StatusBadRequest, "TooManyOriginGroupsPerDistribution", "Your request contains %d origin groups; at most %d are allowed.", len(groups), maxOriginGroups)
	}
	for _, g := range groups {
		id := g.str("Id")
		if id == "" || ids[id] {
			return nil, errInvalidArgument("Origin group IDs must be non-empty and unique among origins and groups; %q is not.", id)
		}
		members := g.items("Members/Items")
		if len(members) != 2 {
			return nil, errInvalidArgument("The origin group %q must have exactly 2 members; it has %d.", id, len(members))
		}
		for _, m := range members {
			if !ids[m.str("OriginId")] || isGroup(groups, m.str("OriginId")) {
				return nil, cferr(http.StatusNotFound, "NoSuchOrigin", "The origin group %q names the origin %q, which the distribution does not have.", id, m.str("OriginId"))
			}
		}
		for _, c := range g.items("FailoverCriteria/StatusCodes/Items") {
			if !slices.Contains([]string{"400", "403", "404", "416", "500", "502", "503", "504"}, strings.TrimSpace(c.text)) {
				return nil, errInvalidArgument("The origin group %q fails over on %s, which CloudFront does not allow.", id, c.text)
			}
		}
		ids[id] = true
	}
	return ids, nil
}

func isGroup(groups []*node, id string) bool {
	return slices.ContainsFunc(groups, func(g *node) bool { return g.str("Id") == id })
}

// checkOrigin checks one origin: exactly one kind, its access identity
// or control, its path and its custom settings.
func (b *Backend) checkOrigin(acct string, o *node) *fake.Error {
	if o.has("VpcOriginConfig") {
		return notImplemented("VPC origins (Origin.VpcOriginConfig)")
	}
	s3, custom := o.child("S3OriginConfig"), o.child("CustomOriginConfig")
	if (s3 == nil) == (custom == nil) {
		return errInvalidArgument("The origin %q must have exactly one of S3OriginConfig and CustomOriginConfig.", o.str("Id"))
	}
	if p := o.str("OriginPath"); p != "" && (!strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/")) {
		return errInvalidArgument("The origin path %q must begin with a slash and not end with one.", p)
	}
	oac := o.str("OriginAccessControlId")
	if s3 != nil {
		oai := s3.str("OriginAccessIdentity")
		if oai != "" && oac != "" {
			return cferr(http.StatusBadRequest, "IllegalOriginAccessConfiguration", "An origin cannot contain both an origin access control (OAC) and an origin access identity (OAI).")
		}
		if oai != "" && !b.oaiExistsLocked(acct, oai) {
			return cferr(http.StatusBadRequest, "InvalidOriginAccessIdentity", "The origin access identity %q is not valid or doesn't exist.", oai)
		}
	}
	if oac != "" && !b.oacExistsLocked(acct, oac) {
		return cferr(http.StatusBadRequest, "InvalidOriginAccessControl", "The origin access control %q does not exist.", oac)
	}
	if custom != nil {
		for _, p := range []string{"HTTPPort", "HTTPSPort"} {
			if v, _ := custom.integer(p); v < 1 || v > 65535 {
				return errInvalidArgument("The %s %d of origin %q is not a port.", p, v, o.str("Id"))
			}
		}
		if v, ok := custom.integer("OriginReadTimeout"); ok && (v < 1 || v > 180) {
			return cferr(http.StatusBadRequest, "InvalidOriginReadTimeout", "The origin read timeout must be 1-180 seconds.")
		}
		if v, ok := custom.integer("OriginKeepaliveTimeout"); ok && (v < 1 || v > 60) {
			return cferr(http.StatusBadRequest, "InvalidOriginKeepaliveTimeout", "The origin keep-alive timeout must be 1-60 seconds.")
		}
		if custom.has("OriginMtlsConfig") {
			return notImplemented("origin mutual TLS (CustomOriginConfig.OriginMtlsConfig)")
		}
	}
	return nil
}

// checkBehavior checks a cache behaviour: its target, its cache key
// settings (a cache policy, or legacy ForwardedValues with TTLs in
// order), its methods and its signers.
func (b *Backend) checkBehavior(acct string, cb *node, where string, ids map[string]bool) *fake.Error {
	if t := cb.str("TargetOriginId"); !ids[t] {
		return cferr(http.StatusNotFound, "NoSuchOrigin", "The %s targets origin %q, which the distribution does not have.", where, t)
	}
	policy := cb.str("CachePolicyId")
	legacy := cb.has("ForwardedValues") || cb.has("MinTTL") || cb.has("DefaultTTL") || cb.has("MaxTTL")
	switch {
	case policy != "" && legacy:
		return errInvalidArgument("The %s has a CachePolicyId, so it cannot also have ForwardedValues or TTLs.", where)
	case policy != "":
		if _, ok := managedCachePolicies[policy]; !ok {
			return cferr(http.StatusNotFound, "NoSuchCachePolicy", "The cache policy %q does not exist.", policy)
		}
	case !cb.has("ForwardedValues"):
		return errInvalidArgument("The %s needs a CachePolicyId or ForwardedValues.", where)
	default:
		lo, _ := cb.integer("MinTTL")
		def, ok := cb.integer("DefaultTTL")
		if !ok {
			def = 86400 // DefaultCacheBehavior, DefaultTTL: "The default value ... is 86400 seconds"
		}
		hi, ok := cb.integer("MaxTTL")
		if !ok {
			hi = 31536000 // MaxTTL: "The default value ... is 31536000 seconds"
		}
		if lo < 0 || lo > def || def > hi {
			return cferr(http.StatusBadRequest, "InvalidTTLOrder", "The TTLs of %s are out of order: MinTTL %d, DefaultTTL %d, MaxTTL %d.", where, lo, def, hi)
		}
	}
	if p := cb.str("OriginRequestPolicyId"); p != "" && !slices.Contains(managedOriginRequestPolicies, p) {
		return cferr(http.StatusNotFound, "NoSuchOriginRequestPolicy", "The origin request policy %q does not exist.", p)
	}
	if p := cb.str("ResponseHeadersPolicyId"); p != "" {
		return cferr(http.StatusNotFound, "NoSuchResponseHeadersPolicy", "The response headers policy %q does not exist.", p)
	}
	if p := cb.str("FieldLevelEncryptionId"); p != "" {
		return cferr(http.StatusNotFound, "NoSuchFieldLevelEncryptionConfig", "The field-level encryption configuration %q does not exist.", p)
	}
	if p := cb.str("RealtimeLogConfigArn"); p != "" {
		return cferr(http.StatusNotFound, "NoSuchRealtimeLogConfig", "The real-time log configuration %q does not exist.", p)
	}
	if n, _ := cb.integer("LambdaFunctionAssociations/Quantity"); n > 0 {
		return notImplemented("Lambda@Edge associations")
	}
	if n, _ := cb.integer("FunctionAssociations/Quantity"); n > 0 {
		return notImplemented("CloudFront Functions associations")
	}
	if cb.boolean("GrpcConfig/Enabled") {
		return notImplemented("gRPC (GrpcConfig)")
	}
	if am := cb.child("AllowedMethods"); am != nil {
		got := sortedTexts(am.items("Items"))
		if !slices.ContainsFunc(allowedMethodSets, func(s []string) bool { return slices.Equal(s, got) }) {
			return errInvalidArgument("The allowed methods %v of %s are not one of CloudFront's sets.", got, where)
		}
		cached := sortedTexts(am.items("CachedMethods/Items"))
		if am.has("CachedMethods") && !slices.Equal(cached, []string{"GET", "HEAD"}) && !slices.Equal(cached, []string{"GET", "HEAD", "OPTIONS"}) {
			return errInvalidArgument("The cached methods %v of %s must be GET and HEAD, with or without OPTIONS.", cached, where)
		}
	}
	for _, s := range cb.items("TrustedSigners/Items") {
		if s.text != "self" && !regexp.MustCompile(`^[0-9]{12}$`).MatchString(s.text) {
			return cferr(http.StatusBadRequest, "TrustedSignerDoesNotExist", "The trusted signer %q is neither self nor an AWS account number.", s.text)
		}
	}
	for _, g := range cb.items("TrustedKeyGroups/Items") {
		if !b.keyGroupExistsLocked(acct, g.text) {
			return cferr(http.StatusBadRequest, "TrustedKeyGroupDoesNotExist", "The key group %q does not exist.", g.text)
		}
	}
	return nil
}

func sortedTexts(ns []*node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.text
	}
	slices.Sort(out)
	return out
}

// checkKeyGroupUse applies the key group quotas: at most 4 key groups
// trusted by one distribution, and at most 100 distributions trusting
// one key group.
func (b *Backend) checkKeyGroupUse(acct string, cfg *node, self string) *fake.Error {
	groups := trustedGroups(cfg)
	if len(groups) > maxGroupsPerDist {
		return cferr(http.StatusBadRequest, "TooManyKeyGroupsAssociatedToDistribution",
			"The distribution trusts %d key groups; at most %d are allowed.", len(groups), maxGroupsPerDist)
	}
	for g := range groups {
		n := 0
		for _, d := range b.accounts[acct].dists {
			if d.id != self && trustedGroups(d.config)[g] {
				n++
			}
		}
		if n >= maxDistsPerKeyGroup {
			return cferr(http.StatusBadRequest, "TooManyDistributionsAssociatedToKeyGroup",
				"The key group %s is trusted by %d distributions already; at most %d are allowed.", g, n, maxDistsPerKeyGroup)
		}
	}
	return nil
}

// trustedGroups returns the key groups a configuration's behaviours
// trust.
func trustedGroups(cfg *node) map[string]bool {
	out := map[string]bool{}
	for _, cb := range behaviorsOf(cfg) {
		for _, g := range cb.items("TrustedKeyGroups/Items") {
			out[g.text] = true
		}
	}
	return out
}
