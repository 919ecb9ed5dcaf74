package core

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// Redacted stands in for every secret goboto would otherwise log.
const Redacted = "[REDACTED]"

// secretHeaders carry credentials or signatures.
var secretHeaders = map[string]bool{
	"Authorization":        true,
	"X-Amz-Security-Token": true,
	"X-Amz-Signature":      true,
	"X-Amz-Credential":     true,
	"Cookie":               true,
	"Set-Cookie":           true,
	"Proxy-Authorization":  true,
	"X-Amzn-Authorization": true,
}

// isSecretParam reports whether a query or form parameter carries a
// credential, a signature or a secret of the caller's: SigV2's
// AWSAccessKeyId, Signature and SecurityToken, SigV4's presign parameters,
// and passwords and private keys that some operations take as input.
func isSecretParam(name string) bool {
	switch strings.ToLower(name) {
	case "awsaccesskeyid", "signature", "securitytoken",
		"x-amz-credential", "x-amz-signature", "x-amz-security-token":
		return true
	}
	lower := strings.ToLower(name)
	return strings.Contains(lower, "password") || strings.Contains(lower, "privatekey") ||
		strings.Contains(lower, "keymaterial") || strings.Contains(lower, "secret")
}

// RedactHeader returns a copy of h with secret headers replaced.
func RedactHeader(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, v := range h {
		if secretHeaders[http.CanonicalHeaderKey(k)] {
			out[k] = []string{Redacted}
			continue
		}
		out[k] = append([]string(nil), v...)
	}
	return out
}

// RedactValues returns a copy of v with secret parameters replaced.
func RedactValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		if isSecretParam(k) {
			out[k] = []string{Redacted}
			continue
		}
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// RedactURL renders u with secret query parameters replaced and any user
// information dropped.
func RedactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	c.User = nil
	if c.RawQuery != "" {
		if q, err := url.ParseQuery(c.RawQuery); err == nil {
			c.RawQuery = RedactValues(q).Encode()
		} else {
			c.RawQuery = Redacted
		}
	}
	return c.String()
}

// accessKeyPattern matches AWS access key IDs (long-term AKIA and temporary
// ASIA keys) wherever they appear in free text such as error messages.
var accessKeyPattern = regexp.MustCompile(`\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b`)

// RedactText removes access key IDs and any URL query secrets from free text.
func RedactText(s string) string {
	s = accessKeyPattern.ReplaceAllString(s, Redacted)
	for _, p := range []string{"Signature=", "X-Amz-Signature=", "X-Amz-Credential=", "X-Amz-Security-Token=", "SecurityToken=", "AWSAccessKeyId="} {
		for i := 0; ; {
			j := strings.Index(s[i:], p)
			if j < 0 {
				break
			}
			start := i + j + len(p)
			end := strings.IndexAny(s[start:], "&\" \n")
			if end < 0 {
				end = len(s) - start
			}
			s = s[:start] + Redacted + s[start+end:]
			i = start + len(Redacted)
		}
	}
	return s
}
