package cloudfront

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/feature/cloudfront/sign"
	"github.com/goboto/goboto"
)

// The signed cookies' names (Developer Guide, "Set signed cookies using a
// canned policy" and "... using a custom policy"). A canned policy sends
// CloudFront-Expires and a custom one CloudFront-Policy;
// CloudFront-Hash-Algorithm is the fourth cookie when the hash is not
// SHA-1.
const (
	CookieNameExpires       = "CloudFront-Expires"
	CookieNamePolicy        = "CloudFront-Policy"
	CookieNameSignature     = "CloudFront-Signature"
	CookieNameKeyPairID     = "CloudFront-Key-Pair-Id"
	CookieNameHashAlgorithm = "CloudFront-Hash-Algorithm"
)

// SignCookies returns the signed cookies that let a viewer fetch
// opts.Resource (a URL, or a pattern with * and ? such as
// "https://d111111abcdef8.cloudfront.net/members/*") until opts.Expires.
// Set them on the viewer's response with http.SetCookie. A canned policy
// (only Expires, and a Resource without wildcards) sends
// CloudFront-Expires, which CloudFront checks against the exact URL
// requested; anything else sends the policy in CloudFront-Policy. Bad
// input is refused with a *goboto.ValidationError before anything is
// signed. It sends nothing.
func (s *Signer) SignCookies(opts SignOptions, attrs ...CookieOption) ([]*http.Cookie, error) {
	if s == nil || s.key == nil {
		return nil, goboto.Invalid("Signer", "", "is not made by NewSigner or NewSignerFromPEM")
	}
	p, err := s.plan("", opts)
	if err != nil {
		return nil, err
	}
	var co CookieOptions
	for _, a := range attrs {
		if a != nil {
			a(&co)
		}
	}
	if p.hash == HashSHA1 && !p.canned {
		// feature/cloudfront/sign makes SHA-1 custom-policy cookies as they
		// should be; goboto adds the canned form and SHA-256 below.
		cookies, err := s.cookie.SignWithPolicy(p.policy(), func(o *sign.CookieOptions) {
			*o = sign.CookieOptions{Path: co.Path, Domain: co.Domain, Secure: co.Secure, SameSite: co.SameSite, Expires: co.Expires}
		})
		if err != nil {
			return nil, fmt.Errorf("cloudfront: signing cookies: %w", err)
		}
		return cookies, nil
	}

	var sig, pol []byte
	if p.hash == HashSHA1 {
		// A canned cookie's signature is the canned URL's: over the same
		// policy JSON, which the sign package signs.
		sig, pol, err = p.policy().Sign(s.key)
		if err != nil {
			return nil, fmt.Errorf("cloudfront: signing cookies: %w", err)
		}
	} else if sig, pol, err = signPolicy(s.key, p.policy(), p.hash); err != nil {
		return nil, err
	}
	cookies := make([]*http.Cookie, 0, 4)
	if p.canned {
		cookies = append(cookies, co.cookie(CookieNameExpires, strconv.FormatInt(p.expires.Unix(), 10)))
	} else {
		cookies = append(cookies, co.cookie(CookieNamePolicy, string(pol)))
	}
	cookies = append(cookies, co.cookie(CookieNameSignature, string(sig)), co.cookie(CookieNameKeyPairID, s.keyID))
	if p.hash != HashSHA1 {
		cookies = append(cookies, co.cookie(CookieNameHashAlgorithm, string(p.hash)))
	}
	return cookies, nil
}

func (o CookieOptions) cookie(name, value string) *http.Cookie {
	return &http.Cookie{
		Name:     name,
		Value:    value,
		Path:     o.Path,
		Domain:   o.Domain,
		Secure:   o.Secure,
		SameSite: o.SameSite,
		Expires:  o.Expires,
		HttpOnly: true,
	}
}
