// Package sigv2 implements AWS Signature Version 2 with HmacSHA256 (and
// HmacSHA1 for verifying older clients), the only scheme SimpleDB accepts.
// It is used by goboto's SimpleDB client to sign and by the local fakes to
// verify.
package sigv2

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"net/url"
	"slices"
	"strings"
	"time"
)

// TimeFormat is the layout of the Timestamp parameter.
const TimeFormat = "2006-01-02T15:04:05Z"

// Methods SigV2 knows.
const (
	HmacSHA256 = "HmacSHA256"
	HmacSHA1   = "HmacSHA1"
)

// Credentials are what Sign needs of aws.Credentials.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
}

// Sign adds AWSAccessKeyId, SignatureVersion, SignatureMethod, Timestamp
// (unless Timestamp or Expires is already there), SecurityToken (with a
// session token) and Signature to params. host is the Host header as sent
// (with a port when it is not the scheme's default); path is the request
// path, "/" when empty.
func Sign(params url.Values, method, host, path string, c Credentials, now time.Time) {
	params.Set("AWSAccessKeyId", c.AccessKeyID)
	params.Set("SignatureVersion", "2")
	params.Set("SignatureMethod", HmacSHA256)
	if params.Get("Timestamp") == "" && params.Get("Expires") == "" {
		params.Set("Timestamp", now.UTC().Format(TimeFormat))
	}
	if c.SessionToken != "" {
		params.Set("SecurityToken", c.SessionToken)
	}
	params.Del("Signature")
	params.Set("Signature", Signature(HmacSHA256, c.SecretAccessKey, StringToSign(method, host, path, params)))
}

// StringToSign builds the text SigV2 signs: method, lower-case host, path
// and the canonical query, one per line.
func StringToSign(method, host, path string, params url.Values) string {
	if path == "" {
		path = "/"
	}
	return strings.ToUpper(method) + "\n" + strings.ToLower(host) + "\n" + path + "\n" + CanonicalQuery(params)
}

// CanonicalQuery sorts params by name, bytewise, drops Signature, and joins
// them as name=value with RFC 3986 percent-encoding.
func CanonicalQuery(params url.Values) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var b []byte
	for _, k := range keys {
		for _, v := range params[k] {
			if len(b) > 0 {
				b = append(b, '&')
			}
			b = appendEscaped(b, k)
			b = append(b, '=')
			b = appendEscaped(b, v)
		}
	}
	return string(b)
}

// Escape percent-encodes s as RFC 3986 asks: every byte but the unreserved
// A-Z a-z 0-9 - _ . ~ becomes %XX with upper-case hex. url.QueryEscape
// differs (space as +, '~' escaped in old Go), so SigV2 cannot use it.
func Escape(s string) string {
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			return string(appendEscaped(make([]byte, 0, len(s)+8), s))
		}
	}
	return s
}

// appendEscaped appends s to b percent-encoded as Escape does.
// Runs of unreserved bytes, most of a request, are appended whole.
func appendEscaped[S ~string | ~[]byte](b []byte, s S) []byte {
	const hex = "0123456789ABCDEF"
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreservedBytes[c] {
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, '%', hex[c>>4], hex[c&15])
		start = i + 1
	}
	return append(b, s[start:]...)
}

// unreservedBytes marks RFC 3986's unreserved characters.
var unreservedBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~'
	}
	return t
}()

func unreserved(c byte) bool { return unreservedBytes[c] }

// Signature is base64(HMAC(secret, stringToSign)) with the named method.
// An unknown method yields "".
func Signature(method, secret, stringToSign string) string {
	var h func() hash.Hash
	switch method {
	case HmacSHA256:
		h = sha256.New
	case HmacSHA1:
		h = sha1.New
	default:
		return ""
	}
	mac := hmac.New(h, []byte(secret))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Verify reports whether params carry a valid signature for secret. It
// compares in constant time.
func Verify(params url.Values, method, host, path, secret string) bool {
	got := params.Get("Signature")
	want := Signature(params.Get("SignatureMethod"), secret, StringToSign(method, host, path, params))
	return want != "" && hmac.Equal([]byte(got), []byte(want))
}
