package cloudfront

import (
	"net/http"
	"time"
)

// HashAlgorithm is the hash a signature is made over: CloudFront's
// Hash-Algorithm query parameter and CloudFront-Hash-Algorithm cookie.
type HashAlgorithm string

// The hash algorithms CloudFront verifies. SHA-1 is what CloudFront
// assumes when no Hash-Algorithm is given, and the only one older
// verifiers (botocore's CloudFrontSigner, aws cloudfront sign) make;
// SHA-256 is accepted since April 2026 (Developer Guide, "Code examples
// for creating a signature for a signed URL": "When you use SHA-256,
// include the Hash-Algorithm=SHA256 query parameter in the signed URL").
const (
	HashSHA1   HashAlgorithm = "SHA1"
	HashSHA256 HashAlgorithm = "SHA256"
)

// SignOptions are the conditions of one signed URL or set of signed
// cookies. Only Expires is required. With only Expires set (and Resource
// empty or the URL itself) the signature uses a canned policy, the
// shortest form; anything else makes a custom policy that is carried in
// the URL or cookie.
type SignOptions struct {
	// Expires is the policy's DateLessThan: CloudFront refuses the URL
	// from this second on. It must be in the future. CloudFront keeps
	// whole seconds, so it is truncated to the second.
	Expires time.Time

	// NotBefore is the policy's DateGreaterThan: CloudFront refuses the
	// URL until after this second. It must be before Expires.
	NotBefore time.Time

	// SourceIP limits the viewers to one IPv4 address ("192.0.2.10",
	// signed as 192.0.2.10/32) or range ("192.0.2.0/24"). CloudFront
	// compares IpAddress only with IPv4 viewers (API Reference,
	// DistributionConfig.IsIPV6Enabled: with a custom policy that
	// includes IpAddress, "don't enable IPv6"), so an IPv6 value is
	// refused.
	SourceIP string

	// Resource is the policy's Resource. For a URL it defaults to the URL
	// itself; it may hold the wildcards * (any run of characters) and ?
	// (one character), such as "https://d111111abcdef8.cloudfront.net/videos/*",
	// to sign a URL whose policy can be reused. Signed cookies need it.
	// It must be ASCII: percent-encode a path and punycode a host first.
	Resource string

	// Hash is the hash signed over; HashSHA1 when empty.
	Hash HashAlgorithm
}

// CookieOptions are the attributes set on signed cookies. CloudFront reads
// only the cookies' names and values; these decide where a browser sends
// them. Every signed cookie is HttpOnly.
type CookieOptions struct {
	Path     string
	Domain   string
	Secure   bool
	SameSite http.SameSite
	// Expires is the cookies' own expiry in the browser. CloudFront's
	// guide recommends leaving it unset, so that the cookies go when the
	// browser closes ("Prevent misuse of signed cookies").
	Expires time.Time
}

// CookieOption sets a CookieOptions field.
type CookieOption func(*CookieOptions)

// CookiePath sets the cookies' Path attribute.
func CookiePath(path string) CookieOption { return func(o *CookieOptions) { o.Path = path } }

// CookieDomain sets the cookies' Domain attribute, such as the
// distribution's domain name or an alternate domain name.
func CookieDomain(domain string) CookieOption { return func(o *CookieOptions) { o.Domain = domain } }

// CookieSecure marks the cookies Secure, so browsers send them over HTTPS
// only.
func CookieSecure() CookieOption { return func(o *CookieOptions) { o.Secure = true } }

// CookieSameSite sets the cookies' SameSite attribute.
func CookieSameSite(mode http.SameSite) CookieOption {
	return func(o *CookieOptions) { o.SameSite = mode }
}

// CookieExpires sets the cookies' Expires attribute.
func CookieExpires(t time.Time) CookieOption { return func(o *CookieOptions) { o.Expires = t } }
