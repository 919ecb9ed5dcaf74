//lint:file-ignore SA1019 CloudFront's legacy cache settings (MinTTL, DefaultTTL, MaxTTL, ForwardedValues) are deprecated in the API model but still served, and issue 11 asks for them beside cache policies.

package cloudfront

import (
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
)

// DistributionConfig is a distribution's configuration as goboto users
// build it: origins, origin groups, the default behaviour and the
// others in order, and the distribution-wide settings. CreateDistribution
// and Distribution.Save check it (Validate) before anything is sent.
//
// A configuration loaded from CloudFront (Distribution.Refresh,
// Distribution.Update) keeps every member CloudFront answered, including
// those this type does not model (Lambda@Edge associations, custom error
// responses, geo restrictions, ...), and sends them back unchanged on
// Save; only the fields below are taken from the struct.
type DistributionConfig struct {
	// CallerReference names the creation; CreateDistribution makes one
	// when it is empty. CloudFront refuses a reference it has seen
	// (DistributionAlreadyExists), even with the same configuration;
	// CreateDistribution makes creation idempotent on top of that by
	// returning the distribution that holds the reference when its
	// configuration is this one (see Conn.CreateDistribution for how, and
	// what the look-up costs).
	CallerReference string
	Comment         string
	Enabled         bool
	// Aliases are the alternate domain names (CNAMEs); CloudFront needs
	// a Certificate that covers them.
	Aliases           []string
	DefaultRootObject string
	Origins           []Origin
	OriginGroups      []OriginGroup
	// DefaultBehavior serves every path no Behaviors entry matches; its
	// PathPattern must be empty.
	DefaultBehavior Behavior
	// Behaviors are matched in order, the first whose PathPattern
	// matches a request's path serving it (at most MaxBehaviors).
	Behaviors   []Behavior
	PriceClass  PriceClass // "" is PriceClass_All
	Logging     *Logging   // nil: no access logs
	Certificate *Certificate
	// Tags are set at creation (CreateDistributionWithTags); on a loaded
	// configuration they are not read (see Distribution.Tags).
	Tags map[string]string

	raw *types.DistributionConfig // as CloudFront last answered it
}

// PriceClass is where a distribution serves from (DistributionConfig,
// PriceClass).
type PriceClass string

// CloudFront's price classes.
const (
	PriceClassAll PriceClass = "PriceClass_All"
	PriceClass100 PriceClass = "PriceClass_100"
	PriceClass200 PriceClass = "PriceClass_200"
)

// ViewerProtocol is a behaviour's viewer protocol policy.
type ViewerProtocol string

// The viewer protocol policies (CacheBehavior, ViewerProtocolPolicy).
const (
	AllowAll        ViewerProtocol = "allow-all"
	HTTPSOnly       ViewerProtocol = "https-only"
	RedirectToHTTPS ViewerProtocol = "redirect-to-https"
)

// OriginProtocol is how CloudFront connects to a custom origin.
type OriginProtocol string

// The origin protocol policies (CustomOriginConfig, OriginProtocolPolicy).
const (
	OriginHTTPOnly    OriginProtocol = "http-only"
	OriginHTTPSOnly   OriginProtocol = "https-only"
	OriginMatchViewer OriginProtocol = "match-viewer"
)

// Origin is where CloudFront gets content: an S3 bucket (S3 set) or any
// HTTP server (Custom set); exactly one of the two.
type Origin struct {
	ID         string
	DomainName string // "bucket.s3.amazonaws.com", "www.example.com"
	Path       string // a prefix CloudFront adds to requests: "/production"
	S3         *S3Origin
	Custom     *CustomOrigin
	// OriginAccessControlID signs CloudFront's requests to an S3 origin
	// with origin access control; it excludes S3.OriginAccessIdentity.
	OriginAccessControlID string
	Headers               map[string]string // custom headers sent to the origin
}

// S3Origin is an S3 bucket origin.
type S3Origin struct {
	// OriginAccessIdentity is "origin-access-identity/cloudfront/<ID>",
	// or empty for none.
	OriginAccessIdentity string
}

// CustomOrigin is an HTTP origin.
type CustomOrigin struct {
	HTTPPort, HTTPSPort int // 0: 80 and 443
	Protocol            OriginProtocol
	SSLProtocols        []string      // nil: TLSv1.2
	ReadTimeout         time.Duration // 0: CloudFront's 30 s
	KeepaliveTimeout    time.Duration // 0: CloudFront's 5 s
}

// OriginGroup fails over from Primary to Secondary when the primary
// answers one of FailoverOn.
type OriginGroup struct {
	ID                 string
	Primary, Secondary string // origin IDs
	FailoverOn         []int  // HTTP statuses: 400, 403, 404, 416, 500, 502, 503, 504
}

// Behavior is a cache behaviour: which requests (PathPattern) go to
// which origin, how they are cached and who may see them. The cache key
// comes from CachePolicyID or, for the legacy settings, TTL and Forward.
type Behavior struct {
	PathPattern    string // "/images/*.jpg"; empty for the default behaviour
	TargetOriginID string
	ViewerProtocol ViewerProtocol // "" is allow-all
	AllowedMethods []string       // nil: GET, HEAD
	CachedMethods  []string       // nil: GET, HEAD
	Compress       bool

	CachePolicyID         string
	OriginRequestPolicyID string

	// TTL and Forward are the legacy cache settings, used when
	// CachePolicyID is empty; a nil TTL is CloudFront's defaults (0, one
	// day, one year).
	TTL     *TTL
	Forward Forward

	TrustedKeyGroups []string // key group IDs whose keys sign URLs for this behaviour
	TrustedSigners   []string // legacy: AWS account numbers or "self"
}

// TTL is a legacy behaviour's cache times: Min ≤ Default ≤ Max, in whole
// seconds.
type TTL struct {
	Min, Default, Max time.Duration
}

// Forward is what a legacy behaviour forwards to the origin, and so
// caches on.
type Forward struct {
	QueryString bool
	Cookies     []string // nil: none; {"*"}: all
	Headers     []string
}

// Logging writes access logs to an S3 bucket.
type Logging struct {
	Bucket         string // "logs.s3.amazonaws.com"
	Prefix         string
	IncludeCookies bool
}

// Certificate is the viewer certificate: an ACM certificate in us-east-1
// (or an IAM one) with how it is served.
type Certificate struct {
	ACMCertificateARN      string
	IAMCertificateID       string
	SSLSupportMethod       string // "sni-only" (default when a certificate is set), "vip", "static-ip"
	MinimumProtocolVersion string // "TLSv1.2_2021" ...
}

// v2 builds the aws-sdk-go-v2 configuration from c, starting from what
// CloudFront last answered so the members c does not model are kept.
func (c *DistributionConfig) v2() *types.DistributionConfig {
	out := &types.DistributionConfig{}
	if c.raw != nil {
		cp := *c.raw
		out = &cp
	}
	out.CallerReference = aws.String(c.CallerReference)
	out.Comment = aws.String(c.Comment)
	out.Enabled = aws.Bool(c.Enabled)
	out.Aliases = &types.Aliases{Quantity: qty(c.Aliases), Items: c.Aliases}
	out.DefaultRootObject = aws.String(c.DefaultRootObject)

	rawOrigins := map[string]types.Origin{}
	if c.raw != nil && c.raw.Origins != nil {
		for _, o := range c.raw.Origins.Items {
			rawOrigins[aws.ToString(o.Id)] = o
		}
	}
	origins := make([]types.Origin, len(c.Origins))
	for i, o := range c.Origins {
		origins[i] = o.v2(rawOrigins[o.ID])
	}
	out.Origins = &types.Origins{Quantity: qty(origins), Items: origins}

	groups := make([]types.OriginGroup, len(c.OriginGroups))
	for i, g := range c.OriginGroups {
		codes := make([]int32, len(g.FailoverOn))
		for j, s := range g.FailoverOn {
			codes[j] = int32(s)
		}
		groups[i] = types.OriginGroup{Id: aws.String(g.ID),
			FailoverCriteria: &types.OriginGroupFailoverCriteria{StatusCodes: &types.StatusCodes{Quantity: qty(codes), Items: codes}},
			Members: &types.OriginGroupMembers{Quantity: aws.Int32(2), Items: []types.OriginGroupMember{
				{OriginId: aws.String(g.Primary)}, {OriginId: aws.String(g.Secondary)}}}}
	}
	out.OriginGroups = &types.OriginGroups{Quantity: qty(groups), Items: groups}

	var rawDefault types.DefaultCacheBehavior
	rawBehaviors := map[string]types.CacheBehavior{}
	if c.raw != nil {
		if c.raw.DefaultCacheBehavior != nil {
			rawDefault = *c.raw.DefaultCacheBehavior
		}
		if c.raw.CacheBehaviors != nil {
			for _, b := range c.raw.CacheBehaviors.Items {
				rawBehaviors[aws.ToString(b.PathPattern)] = b
			}
		}
	}
	out.DefaultCacheBehavior = c.DefaultBehavior.v2Default(rawDefault)
	behaviors := make([]types.CacheBehavior, len(c.Behaviors))
	for i, b := range c.Behaviors {
		behaviors[i] = b.v2(rawBehaviors[b.PathPattern])
	}
	out.CacheBehaviors = &types.CacheBehaviors{Quantity: qty(behaviors), Items: behaviors}

	out.PriceClass = types.PriceClass(c.PriceClass)
	if c.PriceClass == "" {
		out.PriceClass = types.PriceClassPriceClassAll
	}
	out.Logging = &types.LoggingConfig{Enabled: aws.Bool(false), IncludeCookies: aws.Bool(false), Bucket: aws.String(""), Prefix: aws.String("")}
	if l := c.Logging; l != nil {
		out.Logging = &types.LoggingConfig{Enabled: aws.Bool(true), IncludeCookies: aws.Bool(l.IncludeCookies),
			Bucket: aws.String(l.Bucket), Prefix: aws.String(l.Prefix)}
	}
	if cert := c.Certificate; cert != nil {
		vc := &types.ViewerCertificate{CloudFrontDefaultCertificate: aws.Bool(false)}
		method := cert.SSLSupportMethod
		if method == "" {
			method = "sni-only"
		}
		vc.SSLSupportMethod = types.SSLSupportMethod(method)
		if cert.ACMCertificateARN != "" {
			vc.ACMCertificateArn = aws.String(cert.ACMCertificateARN)
			vc.CertificateSource = types.CertificateSourceAcm
			vc.Certificate = aws.String(cert.ACMCertificateARN)
		}
		if cert.IAMCertificateID != "" {
			vc.IAMCertificateId = aws.String(cert.IAMCertificateID)
			vc.CertificateSource = types.CertificateSourceIam
			vc.Certificate = aws.String(cert.IAMCertificateID)
		}
		if cert.MinimumProtocolVersion != "" {
			vc.MinimumProtocolVersion = types.MinimumProtocolVersion(cert.MinimumProtocolVersion)
		}
		out.ViewerCertificate = vc
	} else if out.ViewerCertificate == nil || !aws.ToBool(out.ViewerCertificate.CloudFrontDefaultCertificate) {
		out.ViewerCertificate = &types.ViewerCertificate{CloudFrontDefaultCertificate: aws.Bool(true)}
	}
	return out
}

func qty[T any](s []T) *int32 { return aws.Int32(int32(len(s))) }

func (o Origin) v2(raw types.Origin) types.Origin {
	out := raw
	out.Id, out.DomainName, out.OriginPath = aws.String(o.ID), aws.String(o.DomainName), aws.String(o.Path)
	out.S3OriginConfig, out.CustomOriginConfig = nil, nil
	if o.S3 != nil {
		out.S3OriginConfig = &types.S3OriginConfig{OriginAccessIdentity: aws.String(o.S3.OriginAccessIdentity)}
		if raw.S3OriginConfig != nil {
			out.S3OriginConfig.OriginReadTimeout = raw.S3OriginConfig.OriginReadTimeout
		}
	}
	if c := o.Custom; c != nil {
		cc := &types.CustomOriginConfig{HTTPPort: aws.Int32(int32(orDefault(c.HTTPPort, 80))), HTTPSPort: aws.Int32(int32(orDefault(c.HTTPSPort, 443))),
			OriginProtocolPolicy: types.OriginProtocolPolicy(c.Protocol)}
		if c.Protocol == "" {
			cc.OriginProtocolPolicy = types.OriginProtocolPolicyHttpsOnly
		}
		ssl := c.SSLProtocols
		if ssl == nil {
			ssl = []string{"TLSv1.2"}
		}
		items := make([]types.SslProtocol, len(ssl))
		for i, p := range ssl {
			items[i] = types.SslProtocol(p)
		}
		cc.OriginSslProtocols = &types.OriginSslProtocols{Quantity: qty(items), Items: items}
		if c.ReadTimeout > 0 {
			cc.OriginReadTimeout = aws.Int32(int32(c.ReadTimeout / time.Second))
		}
		if c.KeepaliveTimeout > 0 {
			cc.OriginKeepaliveTimeout = aws.Int32(int32(c.KeepaliveTimeout / time.Second))
		}
		out.CustomOriginConfig = cc
	}
	out.OriginAccessControlId = aws.String(o.OriginAccessControlID)
	headers := make([]types.OriginCustomHeader, 0, len(o.Headers))
	for _, k := range slices.Sorted(maps.Keys(o.Headers)) {
		headers = append(headers, types.OriginCustomHeader{HeaderName: aws.String(k), HeaderValue: aws.String(o.Headers[k])})
	}
	out.CustomHeaders = &types.CustomHeaders{Quantity: qty(headers), Items: headers}
	return out
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// settings are a behaviour's members both kinds of behaviour have.
type settings struct {
	target              *string
	viewer              types.ViewerProtocolPolicy
	allowed             *types.AllowedMethods
	compress            *bool
	cachePolicy, orPol  *string
	fwd                 *types.ForwardedValues
	minTTL, defTTL, max *int64
	keyGroups           *types.TrustedKeyGroups
	signers             *types.TrustedSigners
}

func (b Behavior) settings() settings {
	s := settings{target: aws.String(b.TargetOriginID), viewer: types.ViewerProtocolPolicy(b.ViewerProtocol), compress: aws.Bool(b.Compress)}
	if s.viewer == "" {
		s.viewer = types.ViewerProtocolPolicyAllowAll
	}
	allowed, cached := b.AllowedMethods, b.CachedMethods
	if allowed == nil {
		allowed = []string{"HEAD", "GET"}
	}
	if cached == nil {
		cached = []string{"HEAD", "GET"}
	}
	s.allowed = &types.AllowedMethods{Quantity: qty(allowed), Items: methods(allowed),
		CachedMethods: &types.CachedMethods{Quantity: qty(cached), Items: methods(cached)}}
	if b.CachePolicyID != "" {
		s.cachePolicy = aws.String(b.CachePolicyID)
	} else {
		ttl := TTL{Default: 24 * time.Hour, Max: 365 * 24 * time.Hour}
		if b.TTL != nil {
			ttl = *b.TTL
		}
		s.minTTL, s.defTTL, s.max = aws.Int64(int64(ttl.Min/time.Second)), aws.Int64(int64(ttl.Default/time.Second)), aws.Int64(int64(ttl.Max/time.Second))
		cookies := &types.CookiePreference{Forward: types.ItemSelectionNone}
		switch {
		case len(b.Forward.Cookies) == 1 && b.Forward.Cookies[0] == "*":
			cookies.Forward = types.ItemSelectionAll
		case len(b.Forward.Cookies) > 0:
			cookies.Forward = types.ItemSelectionWhitelist
			cookies.WhitelistedNames = &types.CookieNames{Quantity: qty(b.Forward.Cookies), Items: b.Forward.Cookies}
		}
		s.fwd = &types.ForwardedValues{QueryString: aws.Bool(b.Forward.QueryString), Cookies: cookies,
			Headers: &types.Headers{Quantity: qty(b.Forward.Headers), Items: b.Forward.Headers}}
	}
	if b.OriginRequestPolicyID != "" {
		s.orPol = aws.String(b.OriginRequestPolicyID)
	}
	s.keyGroups = &types.TrustedKeyGroups{Enabled: aws.Bool(len(b.TrustedKeyGroups) > 0), Quantity: qty(b.TrustedKeyGroups), Items: b.TrustedKeyGroups}
	s.signers = &types.TrustedSigners{Enabled: aws.Bool(len(b.TrustedSigners) > 0), Quantity: qty(b.TrustedSigners), Items: b.TrustedSigners}
	return s
}

func methods(ms []string) []types.Method {
	out := make([]types.Method, len(ms))
	for i, m := range ms {
		out[i] = types.Method(m)
	}
	return out
}

func (b Behavior) v2Default(raw types.DefaultCacheBehavior) *types.DefaultCacheBehavior {
	s, out := b.settings(), raw
	out.TargetOriginId, out.ViewerProtocolPolicy, out.AllowedMethods, out.Compress = s.target, s.viewer, s.allowed, s.compress
	out.CachePolicyId, out.OriginRequestPolicyId, out.ForwardedValues = s.cachePolicy, s.orPol, s.fwd
	out.MinTTL, out.DefaultTTL, out.MaxTTL = s.minTTL, s.defTTL, s.max
	out.TrustedKeyGroups, out.TrustedSigners = s.keyGroups, s.signers
	return &out
}

func (b Behavior) v2(raw types.CacheBehavior) types.CacheBehavior {
	s, out := b.settings(), raw
	out.PathPattern = aws.String(b.PathPattern)
	out.TargetOriginId, out.ViewerProtocolPolicy, out.AllowedMethods, out.Compress = s.target, s.viewer, s.allowed, s.compress
	out.CachePolicyId, out.OriginRequestPolicyId, out.ForwardedValues = s.cachePolicy, s.orPol, s.fwd
	out.MinTTL, out.DefaultTTL, out.MaxTTL = s.minTTL, s.defTTL, s.max
	out.TrustedKeyGroups, out.TrustedSigners = s.keyGroups, s.signers
	return out
}

// configFrom reads CloudFront's configuration into a DistributionConfig
// that keeps it as its raw form.
func configFrom(raw *types.DistributionConfig) *DistributionConfig {
	if raw == nil {
		return nil
	}
	c := &DistributionConfig{
		CallerReference:   aws.ToString(raw.CallerReference),
		Comment:           aws.ToString(raw.Comment),
		Enabled:           aws.ToBool(raw.Enabled),
		DefaultRootObject: aws.ToString(raw.DefaultRootObject),
		PriceClass:        PriceClass(raw.PriceClass),
		raw:               raw,
	}
	if raw.Aliases != nil {
		c.Aliases = slices.Clone(raw.Aliases.Items)
	}
	if raw.Origins != nil {
		for _, o := range raw.Origins.Items {
			c.Origins = append(c.Origins, originFrom(o))
		}
	}
	if raw.OriginGroups != nil {
		for _, g := range raw.OriginGroups.Items {
			og := OriginGroup{ID: aws.ToString(g.Id)}
			if g.Members != nil && len(g.Members.Items) == 2 {
				og.Primary, og.Secondary = aws.ToString(g.Members.Items[0].OriginId), aws.ToString(g.Members.Items[1].OriginId)
			}
			if g.FailoverCriteria != nil && g.FailoverCriteria.StatusCodes != nil {
				for _, s := range g.FailoverCriteria.StatusCodes.Items {
					og.FailoverOn = append(og.FailoverOn, int(s))
				}
			}
			c.OriginGroups = append(c.OriginGroups, og)
		}
	}
	if d := raw.DefaultCacheBehavior; d != nil {
		c.DefaultBehavior = behaviorFrom(types.CacheBehavior{TargetOriginId: d.TargetOriginId, ViewerProtocolPolicy: d.ViewerProtocolPolicy,
			AllowedMethods: d.AllowedMethods, Compress: d.Compress, CachePolicyId: d.CachePolicyId, OriginRequestPolicyId: d.OriginRequestPolicyId,
			ForwardedValues: d.ForwardedValues, MinTTL: d.MinTTL, DefaultTTL: d.DefaultTTL, MaxTTL: d.MaxTTL,
			TrustedKeyGroups: d.TrustedKeyGroups, TrustedSigners: d.TrustedSigners})
	}
	if raw.CacheBehaviors != nil {
		for _, b := range raw.CacheBehaviors.Items {
			c.Behaviors = append(c.Behaviors, behaviorFrom(b))
		}
	}
	if l := raw.Logging; l != nil && aws.ToBool(l.Enabled) {
		c.Logging = &Logging{Bucket: aws.ToString(l.Bucket), Prefix: aws.ToString(l.Prefix), IncludeCookies: aws.ToBool(l.IncludeCookies)}
	}
	if vc := raw.ViewerCertificate; vc != nil && !aws.ToBool(vc.CloudFrontDefaultCertificate) {
		c.Certificate = &Certificate{ACMCertificateARN: aws.ToString(vc.ACMCertificateArn), IAMCertificateID: aws.ToString(vc.IAMCertificateId),
			SSLSupportMethod: string(vc.SSLSupportMethod), MinimumProtocolVersion: string(vc.MinimumProtocolVersion)}
	}
	return c
}

func originFrom(o types.Origin) Origin {
	out := Origin{ID: aws.ToString(o.Id), DomainName: aws.ToString(o.DomainName), Path: aws.ToString(o.OriginPath),
		OriginAccessControlID: aws.ToString(o.OriginAccessControlId)}
	if s := o.S3OriginConfig; s != nil {
		out.S3 = &S3Origin{OriginAccessIdentity: aws.ToString(s.OriginAccessIdentity)}
	}
	if c := o.CustomOriginConfig; c != nil {
		co := &CustomOrigin{HTTPPort: int(aws.ToInt32(c.HTTPPort)), HTTPSPort: int(aws.ToInt32(c.HTTPSPort)), Protocol: OriginProtocol(c.OriginProtocolPolicy),
			ReadTimeout: time.Duration(aws.ToInt32(c.OriginReadTimeout)) * time.Second, KeepaliveTimeout: time.Duration(aws.ToInt32(c.OriginKeepaliveTimeout)) * time.Second}
		if c.OriginSslProtocols != nil {
			for _, p := range c.OriginSslProtocols.Items {
				co.SSLProtocols = append(co.SSLProtocols, string(p))
			}
		}
		out.Custom = co
	}
	if o.CustomHeaders != nil && len(o.CustomHeaders.Items) > 0 {
		out.Headers = map[string]string{}
		for _, h := range o.CustomHeaders.Items {
			out.Headers[aws.ToString(h.HeaderName)] = aws.ToString(h.HeaderValue)
		}
	}
	return out
}

func behaviorFrom(b types.CacheBehavior) Behavior {
	out := Behavior{PathPattern: aws.ToString(b.PathPattern), TargetOriginID: aws.ToString(b.TargetOriginId),
		ViewerProtocol: ViewerProtocol(b.ViewerProtocolPolicy), Compress: aws.ToBool(b.Compress),
		CachePolicyID: aws.ToString(b.CachePolicyId), OriginRequestPolicyID: aws.ToString(b.OriginRequestPolicyId)}
	if am := b.AllowedMethods; am != nil {
		for _, m := range am.Items {
			out.AllowedMethods = append(out.AllowedMethods, string(m))
		}
		if am.CachedMethods != nil {
			for _, m := range am.CachedMethods.Items {
				out.CachedMethods = append(out.CachedMethods, string(m))
			}
		}
	}
	if out.CachePolicyID == "" {
		out.TTL = &TTL{Min: secs(b.MinTTL), Default: secs(b.DefaultTTL), Max: secs(b.MaxTTL)}
		if f := b.ForwardedValues; f != nil {
			out.Forward.QueryString = aws.ToBool(f.QueryString)
			if f.Headers != nil {
				out.Forward.Headers = slices.Clone(f.Headers.Items)
			}
			if ck := f.Cookies; ck != nil {
				switch ck.Forward {
				case types.ItemSelectionAll:
					out.Forward.Cookies = []string{"*"}
				case types.ItemSelectionWhitelist:
					if ck.WhitelistedNames != nil {
						out.Forward.Cookies = slices.Clone(ck.WhitelistedNames.Items)
					}
				}
			}
		}
	}
	if g := b.TrustedKeyGroups; g != nil {
		out.TrustedKeyGroups = slices.Clone(g.Items)
	}
	if s := b.TrustedSigners; s != nil {
		out.TrustedSigners = slices.Clone(s.Items)
	}
	return out
}

func secs(p *int64) time.Duration { return time.Duration(aws.ToInt64(p)) * time.Second }

// itoa is strconv.Itoa, for error values.
func itoa(n int) string { return strconv.Itoa(n) }
