package fake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file is the fake's own SigV4 verifier. It shares no code with the
// SDK's signer on purpose: the fake is an independent check of what goboto
// and aws-sdk-go-v2 put on the wire.

const (
	v4Algorithm     = "AWS4-HMAC-SHA256"
	v4TimeFormat    = "20060102T150405Z"
	v4DateFormat    = "20060102"
	unsignedPayload = "UNSIGNED-PAYLOAD"
	maxPresignTTL   = 7 * 24 * time.Hour
)

// v4Sig is a SigV4 signature as the request claims it, from the
// Authorization header or, when presigned, the query.
type v4Sig struct {
	presigned     bool
	accessKey     string
	date          string // yyyymmdd of the scope
	region        string
	service       string
	signedHeaders []string
	signature     string
	amzDate       string // request time, ISO 8601 basic
	time          time.Time
	expires       time.Duration // presigned only
	token         string
}

func (v *v4Sig) scope() string {
	return v.date + "/" + v.region + "/" + v.service + "/aws4_request"
}

// errMalformed marks a signature that cannot be parsed; its text names
// the field at fault but never a value.
type errMalformed string

func (e errMalformed) Error() string { return string(e) }

// errQueryParams marks presigning parameters S3 refuses before it looks
// at the signature, with 400 AuthorizationQueryParametersError (S3 API
// Reference, "Authenticating Requests: Using Query Parameters": a
// presigned URL lives at most 604800 seconds, a week).
type errQueryParams string

func (e errQueryParams) Error() string { return string(e) }

// parseV4Header parses "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
// Signature=..." and the request time headers.
func parseV4Header(r *http.Request, auth string) (*v4Sig, error) {
	rest, ok := strings.CutPrefix(auth, v4Algorithm+" ")
	if !ok {
		return nil, errMalformed("unsupported authorization algorithm")
	}
	v := &v4Sig{token: r.Header.Get("X-Amz-Security-Token")}
	var cred, signed string
	var haveSig bool
	for part := range strings.SplitSeq(rest, ",") {
		k, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Credential":
			cred = val
		case "SignedHeaders":
			signed = val
		case "Signature":
			v.signature, haveSig = val, true
		}
	}
	if cred == "" || signed == "" || !haveSig {
		return nil, errMalformed("Authorization header requires Credential, SignedHeaders and Signature")
	}
	if err := v.parseCredential(cred); err != nil {
		return nil, err
	}
	v.signedHeaders = strings.Split(signed, ";")
	switch d := r.Header.Get("X-Amz-Date"); {
	case d != "":
		v.amzDate = d
	case r.Header.Get("Date") != "":
		t, err := http.ParseTime(r.Header.Get("Date"))
		if err != nil {
			if t, err = time.Parse(v4TimeFormat, r.Header.Get("Date")); err != nil {
				return v, errMalformed("Date header is not a valid date")
			}
		}
		v.amzDate = t.UTC().Format(v4TimeFormat)
	default:
		return v, errMalformed("request needs X-Amz-Date or Date")
	}
	return v, v.parseTime()
}

// parseV4Query parses the X-Amz-* parameters of a presigned URL.
func parseV4Query(q url.Values) (*v4Sig, error) {
	if q.Get("X-Amz-Algorithm") != v4Algorithm {
		return nil, errMalformed("unsupported X-Amz-Algorithm")
	}
	v := &v4Sig{
		presigned: true,
		signature: q.Get("X-Amz-Signature"),
		amzDate:   q.Get("X-Amz-Date"),
		token:     q.Get("X-Amz-Security-Token"),
	}
	cred, signed, exp := q.Get("X-Amz-Credential"), q.Get("X-Amz-SignedHeaders"), q.Get("X-Amz-Expires")
	if cred == "" || signed == "" || v.signature == "" || v.amzDate == "" || exp == "" {
		return nil, errMalformed("presigned URL requires X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature")
	}
	if err := v.parseCredential(cred); err != nil {
		return nil, err
	}
	v.signedHeaders = strings.Split(signed, ";")
	secs, err := strconv.Atoi(exp)
	switch {
	case err != nil:
		return v, errQueryParams("X-Amz-Expires should be a number")
	case secs < 0:
		return v, errQueryParams("X-Amz-Expires must be non-negative")
	case secs == 0:
		return v, errMalformed("X-Amz-Expires must be a number of seconds from 1 to 604800")
	case time.Duration(secs)*time.Second > maxPresignTTL:
		return v, errQueryParams("X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds")
	}
	v.expires = time.Duration(secs) * time.Second
	return v, v.parseTime()
}

func (v *v4Sig) parseCredential(cred string) error {
	parts := strings.Split(cred, "/")
	if len(parts) != 5 || parts[4] != "aws4_request" || parts[0] == "" || parts[2] == "" || parts[3] == "" {
		return errMalformed("credential must be <key>/<date>/<region>/<service>/aws4_request")
	}
	v.accessKey, v.date, v.region, v.service = parts[0], parts[1], parts[2], parts[3]
	return nil
}

func (v *v4Sig) parseTime() error {
	t, err := time.Parse(v4TimeFormat, v.amzDate)
	if err != nil {
		return errMalformed("X-Amz-Date must be in the form yyyyMMddTHHmmssZ")
	}
	v.time = t
	if t.Format(v4DateFormat) != v.date {
		return errMalformed("credential scope date does not match X-Amz-Date")
	}
	return nil
}

// errPayloadHash is a X-Amz-Content-Sha256 that does not match the body.
var errPayloadHash = errors.New("X-Amz-Content-Sha256 does not match the body")

// payloadHashes returns the payload hashes the signature may cover: the
// X-Amz-Content-Sha256 header when sent (checked against the body unless
// it is UNSIGNED-PAYLOAD or STREAMING-*), otherwise the body's hash; a
// presigned URL may cover UNSIGNED-PAYLOAD or the body's hash.
func payloadHashes(r *http.Request, body []byte, unread, presigned bool) ([]string, error) {
	h := r.Header.Get("X-Amz-Content-Sha256")
	if unread {
		// The body is checked against h as it streams (payloadStream).
		if h == "" {
			return []string{unsignedPayload}, nil
		}
		return []string{h}, nil
	}
	sum := sha256.Sum256(body)
	bodyHash := hex.EncodeToString(sum[:])
	if h != "" {
		if h == unsignedPayload || strings.HasPrefix(h, "STREAMING-") {
			return []string{h}, nil
		}
		if !strings.EqualFold(h, bodyHash) {
			return nil, errPayloadHash
		}
		return []string{h}, nil
	}
	if presigned {
		return []string{unsignedPayload, bodyHash}, nil
	}
	return []string{bodyHash}, nil
}

// canonicalRequest builds the SigV4 canonical request of r.
func canonicalRequest(r *http.Request, v *v4Sig, payloadHash string) string {
	var b strings.Builder
	b.WriteString(r.Method)
	b.WriteByte('\n')
	b.WriteString(canonicalURI(rawPath(r), v.service == "s3"))
	b.WriteByte('\n')
	b.WriteString(canonicalQuery(r.URL.RawQuery, v.presigned))
	b.WriteByte('\n')
	for _, h := range v.signedHeaders {
		b.WriteString(h)
		b.WriteByte(':')
		b.WriteString(canonicalHeaderValue(r, h))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(strings.Join(v.signedHeaders, ";"))
	b.WriteByte('\n')
	b.WriteString(payloadHash)
	return b.String()
}

// rawPath returns the path exactly as it was sent on the wire.
func rawPath(r *http.Request) string {
	if u := r.RequestURI; u != "" && u != "*" {
		if i := strings.IndexByte(u, '?'); i >= 0 {
			u = u[:i]
		}
		if strings.HasPrefix(u, "/") {
			return u
		}
		if pu, err := url.Parse(r.RequestURI); err == nil {
			return pu.EscapedPath()
		}
	}
	return r.URL.EscapedPath()
}

// canonicalURI encodes the path as sent. S3 signs it as sent; every other
// service signs it URI-encoded once more, so "%20" becomes "%2520".
func canonicalURI(path string, s3 bool) string {
	if path == "" {
		return "/"
	}
	if s3 {
		return path
	}
	return uriEncode(path, false)
}

// uriEncode percent-encodes every byte but A-Z a-z 0-9 - _ . ~ (and '/'
// unless slash is set) with upper-case hex, as SigV4 asks.
func uriEncode(s string, slash bool) string {
	const hexdig = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) || (c == '/' && !slash) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexdig[c>>4])
		b.WriteByte(hexdig[c&15])
	}
	return b.String()
}

func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// canonicalQuery decodes the raw query and re-encodes it per RFC 3986,
// sorted by name then value. A presigned URL's own X-Amz-Signature is left
// out.
func canonicalQuery(raw string, presigned bool) string {
	type pair struct{ k, v string }
	var pairs []pair
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, v = queryUnescape(k), queryUnescape(v)
		if presigned && k == "X-Amz-Signature" {
			continue
		}
		pairs = append(pairs, pair{uriEncode(k, true), uriEncode(v, true)})
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.k)
		b.WriteByte('=')
		b.WriteString(p.v)
	}
	return b.String()
}

func queryUnescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// canonicalHeaderValue returns the values of header name (lower case)
// joined by commas, each trimmed with inner runs of spaces collapsed.
func canonicalHeaderValue(r *http.Request, name string) string {
	var vals []string
	switch name {
	case "host":
		vals = []string{r.Host}
	case "content-length":
		vals = r.Header.Values("Content-Length")
		if len(vals) == 0 && r.ContentLength >= 0 {
			vals = []string{strconv.FormatInt(r.ContentLength, 10)}
		}
	case "transfer-encoding":
		vals = r.TransferEncoding
	default:
		vals = r.Header.Values(name)
	}
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = strings.Join(strings.Fields(v), " ")
	}
	return strings.Join(out, ",")
}

// v4StringToSign is the text a SigV4 signature signs.
func v4StringToSign(v *v4Sig, canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	return v4Algorithm + "\n" + v.amzDate + "\n" + v.scope() + "\n" + hex.EncodeToString(sum[:])
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// v4Signature signs stringToSign with the key derived from secret and the
// scope of v.
func v4Signature(secret string, v *v4Sig, stringToSign string) string {
	return hex.EncodeToString(hmacSHA256(signingKey(secret, v), stringToSign))
}

// verifyV4 reports whether v's signature of r is right for secret.
func verifyV4(r *http.Request, body []byte, unread bool, v *v4Sig, secret string) (bool, error) {
	if !slices.Contains(v.signedHeaders, "host") {
		return false, errMalformed("SignedHeaders must include host")
	}
	hashes, err := payloadHashes(r, body, unread, v.presigned)
	if err != nil {
		return false, err
	}
	for _, h := range hashes {
		want := v4Signature(secret, v, v4StringToSign(v, canonicalRequest(r, v, h)))
		if hmac.Equal([]byte(want), []byte(strings.ToLower(v.signature))) {
			return true, nil
		}
	}
	return false, nil
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
