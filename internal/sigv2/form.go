package sigv2

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Param is one name=value pair.
type Param struct{ Name, Value string }

// SignedForm returns a signed request's parameters, encoded for a form body
// or a query string: params, with set replacing any of params' values of
// the same names, and the parameters Sign adds, in canonical order and
// RFC 3986 encoding, with the Signature last. It signs what Sign signs,
// and the server reads the same parameters as from Sign and then
// url.Values.Encode; params is not changed.
//
// It is the client's path: one sort and one encoding of the parameters,
// shared by the string to sign and the body, instead of copying params
// into a new url.Values, sorting and encoding it for the signature and
// again for the body.
func SignedForm(params url.Values, set []Param, method, host, path string, c Credentials, now time.Time) string {
	var s Signer
	return s.SignedForm(params, set, method, host, path, c, now)
}

// Signer is SignedForm that keeps its keyed HMAC between calls with the
// same secret key, which saves a client making many calls the HMAC's
// allocations, and the last Timestamp it wrote, which stays the same for
// a second of calls. The zero Signer is ready for use; it is safe for
// concurrent use and must not be copied after first use.
type Signer struct {
	macs sync.Pool
	last atomic.Pointer[stamp]
}

// stamp is a Timestamp value and the Unix second it names.
type stamp struct {
	sec  int64
	text string
}

// timestamp is now as a Timestamp parameter: whole seconds, UTC.
func (s *Signer) timestamp(now time.Time) string {
	sec := now.Unix()
	if p := s.last.Load(); p != nil && p.sec == sec {
		return p.text
	}
	text := now.UTC().Format(TimeFormat)
	s.last.Store(&stamp{sec, text})
	return text
}

type keyedMAC struct {
	secret string
	mac    hash.Hash
	sum    [sha256.Size]byte
}

// SignedForm is the package's SignedForm.
func (s *Signer) SignedForm(params url.Values, set []Param, method, host, path string, c Credentials, now time.Time) string {
	return string(s.SignedFormBody(params, set, method, host, path, c, now))
}

// SignedFormBody is SignedForm as bytes, for a request body: the caller
// owns them, and no string is copied from them.
func (s *Signer) SignedFormBody(params url.Values, set []Param, method, host, path string, c Credentials, now time.Time) []byte {
	var fixedBuf [8]Param
	fixed := s.fixedParams(fixedBuf[:0], set, c, now, func(name string) string { return first(params, nil, name) })

	// The names are sorted rather than name=value pairs: they are
	// distinct (url.Values keeps a name's values together, in order, and
	// a fixed name replaces params' values), so a plain string sort puts
	// them in canonical order, and each name's values follow it in their
	// own order, as CanonicalQuery's stable sort keeps them.
	names := make([]string, 0, len(params)+len(fixed))
	size := 0
	for k, vs := range params {
		if k == "Signature" || isFixed(fixed, k) {
			continue
		}
		names = append(names, k)
		for _, v := range vs {
			size += len(k) + len(v) + 2
		}
	}
	for _, p := range fixed {
		names = append(names, p.Name)
		size += len(p.Name) + len(p.Value) + 2
	}
	slices.Sort(names)
	b, prefix := begin(method, host, path, size)
	for _, name := range names {
		if v, ok := fixedValue(fixed, name); ok {
			b = appendPair(b, prefix, name, v)
			continue
		}
		for _, v := range params[name] {
			b = appendPair(b, prefix, name, v)
		}
	}
	return s.finish(b, prefix, c.SecretAccessKey)
}

// SignedPairs is SignedForm of parameters given as name=value pairs, in
// any order, a name's values in the order given. A client that builds its
// parameters in canonical order (sorted by name) saves the map of
// url.Values and the sort: the pairs are then only merged with the ones
// the signature adds.
func (s *Signer) SignedPairs(params []Param, set []Param, method, host, path string, c Credentials, now time.Time) string {
	return string(s.SignedPairsBody(params, set, method, host, path, c, now))
}

// SignedPairsBody is SignedPairs as bytes, for a request body: the
// caller owns them, and no string is copied from them.
func (s *Signer) SignedPairsBody(params []Param, set []Param, method, host, path string, c Credentials, now time.Time) []byte {
	var fixedBuf [8]Param
	fixed := s.fixedParams(fixedBuf[:0], set, c, now, func(name string) string {
		for _, p := range params {
			if p.Name == name {
				return p.Value
			}
		}
		return ""
	})
	// size bounds the parameters' length: it counts the ones the merge
	// below drops too.
	size := 0
	for _, p := range params {
		size += len(p.Name) + len(p.Value) + 2
	}
	for _, p := range fixed {
		size += len(p.Name) + len(p.Value) + 2
	}
	byName := func(a, b Param) int { return strings.Compare(a.Name, b.Name) }
	slices.SortFunc(fixed, byName) // distinct names
	kept := params
	if !slices.IsSortedFunc(kept, byName) {
		kept = slices.Clone(kept)
		// Stable, so that the values of one name keep their order.
		slices.SortStableFunc(kept, byName)
	}
	b, prefix := begin(method, host, path, size)
	// Merge, dropping a Signature and every value of a name fixed
	// replaces: such a name meets its fixed entry here, one name at a
	// time, so no pass over fixed per parameter is needed.
	i := 0
	for _, p := range kept {
		for ; i < len(fixed) && fixed[i].Name < p.Name; i++ {
			b = appendPair(b, prefix, fixed[i].Name, fixed[i].Value)
		}
		if p.Name == "Signature" || i < len(fixed) && fixed[i].Name == p.Name {
			continue
		}
		b = appendPair(b, prefix, p.Name, p.Value)
	}
	for _, p := range fixed[i:] {
		b = appendPair(b, prefix, p.Name, p.Value)
	}
	return s.finish(b, prefix, c.SecretAccessKey)
}

// fixedParams appends to fixed (empty) the parameters of set and those
// the signature adds, each name once; lookup finds the request's own
// value of a name, "" for none.
func (s *Signer) fixedParams(fixed, set []Param, c Credentials, now time.Time, lookup func(string) string) []Param {
	for _, p := range set {
		fixed = put(fixed, p.Name, p.Value)
	}
	fixed = put(fixed, "AWSAccessKeyId", c.AccessKeyID)
	fixed = put(fixed, "SignatureVersion", "2")
	fixed = put(fixed, "SignatureMethod", HmacSHA256)
	has := func(name string) bool {
		v, ok := fixedValue(fixed, name)
		if !ok {
			v = lookup(name)
		}
		return v != ""
	}
	if !has("Timestamp") && !has("Expires") {
		fixed = put(fixed, "Timestamp", s.timestamp(now))
	}
	if c.SessionToken != "" {
		fixed = put(fixed, "SecurityToken", c.SessionToken)
	}
	// A Signature in set is dropped like one in the parameters: the
	// signature is computed here.
	return slices.DeleteFunc(fixed, func(p Param) bool { return p.Name == "Signature" })
}

// The string to sign is method, host and path, a line each, and then
// the body's parameters: begin starts a buffer with the prefix and room
// for about size bytes of parameters, appendPair adds the parameters in
// canonical order, and finish signs the buffer and returns the body, the
// parameters with the Signature last. Plain functions on a local slice,
// not closures over it, keep the buffer's header off the heap.
func begin(method, host, path string, size int) (b []byte, prefix int) {
	if path == "" {
		path = "/"
	}
	prefix = len(method) + len(host) + len(path) + 3
	b = make([]byte, 0, prefix+size+size/4+len(sigField)+3*base64.StdEncoding.EncodedLen(sha256.Size))
	b = append(b, strings.ToUpper(method)...)
	b = append(b, '\n')
	b = append(b, strings.ToLower(host)...)
	b = append(b, '\n')
	b = append(b, path...)
	b = append(b, '\n')
	return b, len(b)
}

const sigField = "&Signature="

// appendPair appends name=value, escaped, after an & unless it is the
// first parameter (b ends at prefix).
func appendPair(b []byte, prefix int, name, value string) []byte {
	if len(b) > prefix {
		b = append(b, '&')
	}
	b = appendEscaped(b, name)
	b = append(b, '=')
	return appendEscaped(b, value)
}

func (s *Signer) finish(b []byte, prefix int, secret string) []byte {
	k, _ := s.macs.Get().(*keyedMAC)
	if k == nil || k.secret != secret {
		k = &keyedMAC{secret: secret, mac: hmac.New(sha256.New, []byte(secret))}
	} else {
		k.mac.Reset()
	}
	k.mac.Write(b)
	var sig [44]byte // base64 of 32 bytes
	// The sum goes to k's own array: one on the stack would escape
	// through the hash.Hash interface.
	base64.StdEncoding.Encode(sig[:], k.mac.Sum(k.sum[:0]))
	s.macs.Put(k)
	b = append(b, sigField...)
	b = appendEscaped(b, sig[:])
	return b[prefix:]
}

// put sets name to value in fixed, as url.Values.Set would.
func put(fixed []Param, name, value string) []Param {
	for i := range fixed {
		if fixed[i].Name == name {
			fixed[i].Value = value
			return fixed
		}
	}
	return append(fixed, Param{name, value})
}

// first is the first value of name among fixed, else in params, as
// url.Values.Get would see it after fixed were Set.
func first(params url.Values, fixed []Param, name string) string {
	for _, p := range fixed {
		if p.Name == name {
			return p.Value
		}
	}
	return params.Get(name)
}

func fixedValue(fixed []Param, name string) (string, bool) {
	for _, p := range fixed {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

func isFixed(fixed []Param, name string) bool {
	for _, p := range fixed {
		if p.Name == name {
			return true
		}
	}
	return false
}
