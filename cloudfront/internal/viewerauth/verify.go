package viewerauth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Reason says why a request was allowed or refused.
type Reason string

// The reasons. Each refusal maps to the error CloudFront answers with
// status 403 (Code and Message).
const (
	Allowed          Reason = "Allowed"
	MissingKeyPairID Reason = "MissingKeyPairId" // no Key-Pair-Id / CloudFront-Key-Pair-Id, or empty
	UnknownKey       Reason = "UnknownKey"       // the ID is not a key the behaviour trusts
	MalformedPolicy  Reason = "MalformedPolicy"  // Policy or Expires does not decode
	UnsupportedHash  Reason = "UnsupportedHash"  // Hash-Algorithm is neither SHA1 nor SHA256
	BadSignature     Reason = "BadSignature"     // missing, undecodable, or not the key's signature of the policy
	Expired          Reason = "Expired"          // at or after DateLessThan
	NotYetValid      Reason = "NotYetValid"      // at or before DateGreaterThan
	IPMismatch       Reason = "IPMismatch"       // viewer not in IpAddress (or not IPv4)
	ResourceMismatch Reason = "ResourceMismatch" // the request URL does not match Resource
)

// Code is the error code CloudFront answers for r, empty for Allowed.
// CloudFront names only the missing and unknown key and the malformed
// policy; every other refusal is a bare AccessDenied.
func (r Reason) Code() string {
	switch r {
	case Allowed:
		return ""
	case MissingKeyPairID:
		return "MissingKey"
	case UnknownKey:
		return "InvalidKey"
	case MalformedPolicy:
		return "MalformedPolicy"
	}
	return "AccessDenied"
}

// Message is the message CloudFront answers for r.
func (r Reason) Message() string {
	switch r {
	case Allowed:
		return ""
	case MissingKeyPairID:
		return "Missing Key-Pair-Id query parameter or cookie value"
	case UnknownKey:
		return "Unknown Key"
	case MalformedPolicy:
		return "Malformed Policy"
	}
	return "Access denied"
}

// Request is what the edge knows of a viewer request.
type Request struct {
	// URL is the URL as the viewer requested it: scheme, the Host it
	// sent, and the path and query exactly as sent (RequestURL builds it
	// from an *http.Request).
	URL string
	// Cookies are the request's cookies; they are read only when the URL
	// carries no signing parameters, because a signed URL decides alone
	// (Developer Guide, "Use signed cookies": when a viewer uses a signed
	// URL, CloudFront decides "based only on the signed URL").
	Cookies []*http.Cookie
	// ClientIP is the viewer's address.
	ClientIP netip.Addr
	// Time is when the request arrived.
	Time time.Time
}

// RequestURL rebuilds the URL a viewer requested: https when the request
// came over TLS, the Host header, and the request target as sent.
func RequestURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	target := r.RequestURI
	if target == "" && r.URL != nil {
		target = r.URL.RequestURI()
	}
	// A request in absolute form (GET http://host/path, as proxies send)
	// keeps only its path and query: the Host header names the host.
	if _, rest, abs := strings.Cut(target, "://"); abs && !strings.HasPrefix(target, "/") {
		if i := strings.IndexAny(rest, "/?"); i >= 0 {
			target = rest[i:]
		} else {
			target = "/"
		}
	}
	return scheme + "://" + r.Host + target
}

// Decision is the verifier's answer.
type Decision struct {
	Reason      Reason
	KeyID       string // the Key-Pair-Id presented
	Hash        string // "SHA1" or "SHA256"
	Canned      bool   // Expires rather than Policy
	FromCookies bool
	Policy      Policy // the statement checked (a canned one rebuilt)
}

// Allowed reports whether the request may be served.
func (d Decision) Allowed() bool { return d.Reason == Allowed }

// signed is the signing material from a URL or from cookies.
type signed struct {
	expires, policy, signature, keyID, hash string
	hasExpires, hasPolicy, hasSig, hasHash  bool
}

// Verify decides whether req may fetch what it asks for, given the keys
// its cache behaviour trusts.
func Verify(req Request, keys Keys) Decision {
	resource, fromURL, ok := splitSigned(req.URL)
	var d Decision
	m := fromURL
	if !ok {
		m = fromCookies(req.Cookies)
		d.FromCookies = true
	}
	d.KeyID = m.keyID
	if m.keyID == "" {
		d.Reason = MissingKeyPairID
		return d
	}
	key, known := keys[m.keyID]
	if !known || key == nil {
		d.Reason = UnknownKey
		return d
	}
	var hash crypto.Hash
	switch {
	case !m.hasHash, m.hash == "SHA1":
		hash, d.Hash = crypto.SHA1, "SHA1"
	case m.hash == "SHA256":
		hash, d.Hash = crypto.SHA256, "SHA256"
	default:
		d.Reason = UnsupportedHash
		return d
	}

	var doc []byte
	switch {
	case m.hasPolicy:
		var err error
		if doc, err = decodeCF(m.policy); err != nil {
			d.Reason = MalformedPolicy
			return d
		}
		if d.Policy, err = ParsePolicy(doc); err != nil {
			d.Reason = MalformedPolicy
			return d
		}
	case m.hasExpires:
		exp, err := strconv.ParseInt(m.expires, 10, 64)
		if err != nil || exp < 0 {
			d.Reason = MalformedPolicy
			return d
		}
		d.Canned = true
		d.Policy = Policy{Resource: resource, DateLessThan: exp}
		doc = CannedPolicy(resource, exp)
	default:
		d.Reason = MalformedPolicy
		return d
	}

	sig, err := decodeCF(m.signature)
	if !m.hasSig || err != nil || !verifySignature(key, hash, doc, sig) {
		d.Reason = BadSignature
		return d
	}

	p := d.Policy
	now := req.Time.Unix()
	switch {
	case !p.AnyResource && !MatchResource(p.Resource, resource):
		d.Reason = ResourceMismatch
	case now >= p.DateLessThan:
		d.Reason = Expired
	case p.HasDateGreaterThan && now <= p.DateGreaterThan:
		d.Reason = NotYetValid
	case p.SourceIP.IsValid() && !(req.ClientIP.Unmap().Is4() && p.SourceIP.Contains(req.ClientIP.Unmap())):
		d.Reason = IPMismatch
	default:
		d.Reason = Allowed
	}
	return d
}

// signingNames are the query parameters a signed URL adds.
var signingNames = [...]string{"Expires", "Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm"}

// splitSigned takes the signing parameters out of a URL, keeping every
// other byte of it as sent: what is left is the resource a canned policy
// was signed for. ok reports whether any signing parameter was there.
func splitSigned(raw string) (resource string, m signed, ok bool) {
	base, query, hasQuery := strings.Cut(raw, "?")
	if !hasQuery {
		return raw, m, false
	}
	var kept []string
	for pair := range strings.SplitSeq(query, "&") {
		k, v, _ := strings.Cut(pair, "=")
		name := unescape(k)
		idx := -1
		for i, n := range signingNames {
			if name == n {
				idx = i
				break
			}
		}
		if idx < 0 {
			kept = append(kept, pair)
			continue
		}
		ok = true
		m.set(name, unescape(v))
	}
	if len(kept) == 0 {
		return base, m, ok
	}
	return base + "?" + strings.Join(kept, "&"), m, ok
}

func (m *signed) set(name, v string) {
	// The first occurrence counts, as url.Values.Get would have it.
	switch name {
	case "Expires", "CloudFront-Expires":
		if !m.hasExpires {
			m.expires, m.hasExpires = v, true
		}
	case "Policy", "CloudFront-Policy":
		if !m.hasPolicy {
			m.policy, m.hasPolicy = v, true
		}
	case "Signature", "CloudFront-Signature":
		if !m.hasSig {
			m.signature, m.hasSig = v, true
		}
	case "Key-Pair-Id", "CloudFront-Key-Pair-Id":
		if m.keyID == "" {
			m.keyID = v
		}
	case "Hash-Algorithm", "CloudFront-Hash-Algorithm":
		if !m.hasHash {
			m.hash, m.hasHash = v, true
		}
	}
}

func fromCookies(cookies []*http.Cookie) signed {
	var m signed
	for _, c := range cookies {
		if c != nil && strings.HasPrefix(c.Name, "CloudFront-") {
			m.set(c.Name, c.Value)
		}
	}
	return m
}

func unescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// decodeCF reverses CloudFront's URL-safe base64 (- for +, _ for =, ~ for
// /).
func decodeCF(s string) ([]byte, error) {
	r := strings.NewReplacer("-", "+", "_", "=", "~", "/")
	return base64.StdEncoding.DecodeString(r.Replace(s))
}

func verifySignature(key crypto.PublicKey, hash crypto.Hash, doc, sig []byte) bool {
	var digest []byte
	switch hash {
	case crypto.SHA1:
		d := sha1.Sum(doc)
		digest = d[:]
	case crypto.SHA256:
		d := sha256.Sum256(doc)
		digest = d[:]
	default:
		return false
	}
	switch k := key.(type) {
	case *rsa.PublicKey:
		return k != nil && rsa.VerifyPKCS1v15(k, hash, digest, sig) == nil
	case *ecdsa.PublicKey:
		return k != nil && ecdsa.VerifyASN1(k, digest, sig)
	}
	return false
}
