package cloudfront

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/goboto/goboto"
)

// SignURL returns rawURL with CloudFront's signing parameters appended:
// Expires (canned policy) or Policy (custom policy), Signature and
// Key-Pair-Id, and Hash-Algorithm=SHA256 when opts.Hash is HashSHA256.
// rawURL is the URL viewers will request, with the distribution's domain
// name or an alternate domain name, its own query string if any, and
// non-ASCII characters percent-encoded. Bad input is refused with a
// *goboto.ValidationError before anything is signed. It sends nothing.
func (s *Signer) SignURL(rawURL string, opts SignOptions) (string, error) {
	if s == nil || s.key == nil {
		return "", goboto.Invalid("Signer", "", "is not made by NewSigner or NewSignerFromPEM")
	}
	if rawURL == "" {
		return "", goboto.Invalid("URL", "", "is required")
	}
	p, err := s.plan(rawURL, opts)
	if err != nil {
		return "", err
	}
	if p.hash == HashSHA1 {
		// SHA-1 is what feature/cloudfront/sign makes; goboto only checked
		// the input above.
		var signed string
		if p.canned {
			signed, err = s.urls.Sign(rawURL, p.expires)
		} else {
			signed, err = s.urls.SignWithPolicy(rawURL, p.policy())
		}
		if err != nil {
			return "", fmt.Errorf("cloudfront: signing URL: %w", err)
		}
		return signed, nil
	}
	sig, pol, err := signPolicy(s.key, p.policy(), p.hash)
	if err != nil {
		return "", err
	}
	return signedURL(rawURL, p, pol, sig, s.keyID), nil
}

// signedURL appends the signing parameters in the order CloudFront's
// guide shows them, Hash-Algorithm last ("Create a signed URL using a
// canned policy": ...&Key-Pair-Id=K2JCJMDEHXQW5F&Hash-Algorithm=SHA256).
// The values need no escaping: the base64 is CloudFront's URL-safe
// variant and key IDs are letters and digits.
func signedURL(base string, p signPlan, b64Policy, b64Sig []byte, keyID string) string {
	b := make([]byte, 0, len(base)+len(b64Policy)+len(b64Sig)+len(keyID)+64)
	b = append(b, base...)
	if strings.Contains(base, "?") {
		b = append(b, '&')
	} else {
		b = append(b, '?')
	}
	if p.canned {
		b = append(b, "Expires="...)
		b = strconv.AppendInt(b, p.expires.Unix(), 10)
	} else {
		b = append(b, "Policy="...)
		b = append(b, b64Policy...)
	}
	b = append(b, "&Signature="...)
	b = append(b, b64Sig...)
	b = append(b, "&Key-Pair-Id="...)
	b = append(b, keyID...)
	if p.hash != HashSHA1 {
		b = append(b, "&Hash-Algorithm="...)
		b = append(b, p.hash...)
	}
	return string(b)
}
