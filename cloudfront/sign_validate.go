package cloudfront

import (
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/cloudfront/sign"
	"github.com/goboto/goboto"
)

// signingParams are the query parameters CloudFront reads as the
// signature (Developer Guide, "Create a signed URL using a canned
// policy"); a URL that already holds one cannot be signed again.
var signingParams = []string{"Expires", "Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm"}

// validKeyID checks a public key ID (K2JCJMDEHXQW5F) or legacy key pair
// ID (APKA...): CloudFront's IDs are letters and digits, and anything
// else would break the query string or cookie it is put in.
func validKeyID(id string) error {
	if id == "" {
		return goboto.Invalid("KeyPairId", "", "is required: the CloudFront public key ID or key pair ID")
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return goboto.Invalid("KeyPairId", id, "may hold only letters and digits")
		}
	}
	return nil
}

// printableASCII reports whether s holds only what a policy's Resource
// can carry as is: no non-ASCII (CloudFront compares bytes, so a path
// must be percent-encoded and a host punycoded), no controls, no spaces.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f {
			return false
		}
	}
	return true
}

// signPlan is a checked SignOptions.
type signPlan struct {
	resource  string
	expires   time.Time
	notBefore time.Time // zero when unset
	sourceIP  string    // with its mask; empty when unset
	hash      HashAlgorithm
	canned    bool
}

// plan checks opts for a URL (rawURL set) or for cookies (rawURL empty)
// and decides between a canned and a custom policy.
func (s *Signer) plan(rawURL string, opts SignOptions) (signPlan, error) {
	p := signPlan{resource: opts.Resource, hash: opts.Hash}
	switch p.hash {
	case "":
		p.hash = HashSHA1
	case HashSHA1, HashSHA256:
	default:
		return p, goboto.Invalid("Hash", string(opts.Hash), "must be SHA1 or SHA256")
	}
	forURL := rawURL != ""
	if forURL {
		if err := validSignURL(rawURL); err != nil {
			return p, err
		}
		if p.resource == "" {
			p.resource = rawURL
		}
	} else if p.resource == "" {
		return p, goboto.Invalid("Resource", "", "is required for signed cookies (a URL, or a pattern with * and ?)")
	}
	if !printableASCII(p.resource) {
		return p, goboto.Invalid("Resource", p.resource, "must be ASCII without spaces: percent-encode the path and punycode the host")
	}

	if opts.Expires.IsZero() {
		return p, goboto.Invalid("Expires", "", "is required")
	}
	p.expires = time.Unix(opts.Expires.Unix(), 0).UTC()
	if now := s.now().Unix(); p.expires.Unix() <= now {
		return p, goboto.Invalid("Expires", p.expires.Format(time.RFC3339), "is not in the future")
	}
	if !opts.NotBefore.IsZero() {
		p.notBefore = time.Unix(opts.NotBefore.Unix(), 0).UTC()
		if p.expires.Unix() <= p.notBefore.Unix() {
			return p, goboto.Invalid("Expires", p.expires.Format(time.RFC3339), "must be after NotBefore (DateGreaterThan) "+p.notBefore.Format(time.RFC3339))
		}
	}
	if opts.SourceIP != "" {
		ip, err := sourceIP(opts.SourceIP)
		if err != nil {
			return p, err
		}
		p.sourceIP = ip
	}

	if forURL && p.resource != rawURL && !resourceCovers(p.resource, rawURL) {
		return p, goboto.Invalid("Resource", p.resource, "does not match the URL, so CloudFront would refuse it")
	}

	plain := p.notBefore.IsZero() && p.sourceIP == ""
	if forURL {
		p.canned = plain && p.resource == rawURL
	} else {
		// A canned cookie is checked against the exact URL requested, so a
		// pattern needs the policy carried in CloudFront-Policy.
		p.canned = plain && !strings.ContainsAny(p.resource, "*?")
	}
	return p, nil
}

// sourceIP checks an IPv4 address or CIDR range and gives it a mask:
// CloudFront wants "IPv4 address/32" for one address (Developer Guide,
// "Create a signed URL using a custom policy", IpAddress), as botocore's
// build_policy also adds.
func sourceIP(s string) (string, error) {
	if strings.Contains(s, "/") {
		pfx, err := netip.ParsePrefix(s)
		if err != nil {
			return "", goboto.Invalid("SourceIP", s, "is not an IPv4 address or CIDR range")
		}
		if !pfx.Addr().Is4() {
			return "", goboto.Invalid("SourceIP", s, "must be IPv4: CloudFront matches IpAddress only for IPv4 viewers")
		}
		return pfx.String(), nil
	}
	addr, err := netip.ParseAddr(s)
	if err != nil {
		return "", goboto.Invalid("SourceIP", s, "is not an IPv4 address or CIDR range")
	}
	if !addr.Is4() {
		return "", goboto.Invalid("SourceIP", s, "must be IPv4: CloudFront matches IpAddress only for IPv4 viewers")
	}
	return addr.String() + "/32", nil
}

// validSignURL checks the URL to sign: absolute http or https, ASCII, no
// fragment (a browser never sends it, so CloudFront would see another
// URL), and no signing parameters of its own.
func validSignURL(raw string) error {
	if !printableASCII(raw) {
		return goboto.Invalid("URL", raw, "must be ASCII without spaces: percent-encode the path and punycode the host")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return goboto.Invalid("URL", raw, "does not parse")
	}
	if scheme := strings.ToLower(u.Scheme); scheme != "http" && scheme != "https" {
		return goboto.Invalid("URL", raw, "must be an absolute http:// or https:// URL")
	}
	if u.Host == "" {
		return goboto.Invalid("URL", raw, "has no host")
	}
	if strings.Contains(raw, "#") {
		return goboto.Invalid("URL", raw, "must not have a fragment")
	}
	// Read the keys from the raw query, as CloudFront does, rather than
	// url.ParseQuery, which drops pairs it cannot decode.
	for pair := range strings.SplitSeq(u.RawQuery, "&") {
		key, _, _ := strings.Cut(pair, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		for _, p := range signingParams {
			if key == p {
				return goboto.Invalid("URL", raw, "already has the CloudFront signing parameter "+p)
			}
		}
	}
	return nil
}

// policy is the custom policy the plan describes, in the sign package's
// shape so that its JSON is the one that package would sign.
func (p signPlan) policy() *sign.Policy {
	st := sign.Statement{
		Resource:  p.resource,
		Condition: sign.Condition{DateLessThan: sign.NewAWSEpochTime(p.expires)},
	}
	if !p.notBefore.IsZero() {
		st.Condition.DateGreaterThan = sign.NewAWSEpochTime(p.notBefore)
	}
	if p.sourceIP != "" {
		st.Condition.IPAddress = &sign.IPAddress{SourceIP: p.sourceIP}
	}
	return &sign.Policy{Statements: []sign.Statement{st}}
}
