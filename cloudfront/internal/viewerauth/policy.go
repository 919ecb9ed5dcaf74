package viewerauth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Policy is one custom policy statement, as CloudFront reads it
// (Developer Guide, "Create a signed URL using a custom policy", "Values
// that you specify in the policy statement").
type Policy struct {
	// Resource is the pattern the request URL must match. AnyResource is
	// true when the statement has none, which lets the URL fetch any file
	// of any distribution that trusts the key.
	Resource    string
	AnyResource bool

	// DateLessThan is required: the request must come before this Unix
	// second.
	DateLessThan int64

	// DateGreaterThan, when HasDateGreaterThan, is the Unix second after
	// which the request must come.
	DateGreaterThan    int64
	HasDateGreaterThan bool

	// SourceIP, when valid, is the IPv4 range the viewer must be in.
	SourceIP netip.Prefix
}

// ErrMalformedPolicy wraps every reason ParsePolicy refuses a policy.
var ErrMalformedPolicy = errors.New("malformed policy")

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformedPolicy, fmt.Sprintf(format, args...))
}

// ParsePolicy reads a custom policy's JSON. It is strict where CloudFront
// is documented to be: exactly one statement, DateLessThan required,
// epoch times as whole non-negative numbers, IpAddress as an IPv4 CIDR
// range. Names are matched exactly (encoding/json would fold their case)
// and unknown ones are refused rather than ignored, so a policy the edge
// accepts says no more than it means.
func ParsePolicy(doc []byte) (Policy, error) {
	var p Policy
	top, err := object(doc, "policy")
	if err != nil {
		return p, err
	}
	if err := only(top, "policy", "Statement"); err != nil {
		return p, err
	}
	raw, ok := top["Statement"]
	if !ok {
		return p, malformed("no Statement")
	}
	var statements []json.RawMessage
	if err := json.Unmarshal(raw, &statements); err != nil || statements == nil {
		return p, malformed("Statement is not a list")
	}
	if len(statements) != 1 {
		return p, malformed("Statement has %d entries, want 1", len(statements))
	}
	st, err := object(statements[0], "Statement[0]")
	if err != nil {
		return p, err
	}
	if err := only(st, "Statement[0]", "Resource", "Condition"); err != nil {
		return p, err
	}
	if r, ok := st["Resource"]; ok {
		if err := json.Unmarshal(r, &p.Resource); err != nil || bytes.Equal(bytes.TrimSpace(r), []byte("null")) {
			return p, malformed("Resource is not a string")
		}
	} else {
		p.AnyResource = true
	}
	rawCond, ok := st["Condition"]
	if !ok {
		return p, malformed("no Condition")
	}
	cond, err := object(rawCond, "Condition")
	if err != nil {
		return p, err
	}
	if err := only(cond, "Condition", "DateLessThan", "DateGreaterThan", "IpAddress"); err != nil {
		return p, err
	}
	dlt, ok := cond["DateLessThan"]
	if !ok {
		return p, malformed("no DateLessThan")
	}
	if p.DateLessThan, err = epoch(dlt, "DateLessThan"); err != nil {
		return p, err
	}
	if dgt, ok := cond["DateGreaterThan"]; ok {
		if p.DateGreaterThan, err = epoch(dgt, "DateGreaterThan"); err != nil {
			return p, err
		}
		p.HasDateGreaterThan = true
	}
	if ipRaw, ok := cond["IpAddress"]; ok {
		ip, err := object(ipRaw, "IpAddress")
		if err != nil {
			return p, err
		}
		if err := only(ip, "IpAddress", "AWS:SourceIp"); err != nil {
			return p, err
		}
		var s string
		if err := json.Unmarshal(ip["AWS:SourceIp"], &s); err != nil || ip["AWS:SourceIp"] == nil {
			return p, malformed("AWS:SourceIp is not a string")
		}
		pfx, err := netip.ParsePrefix(s)
		if err != nil || !pfx.Addr().Is4() {
			return p, malformed("AWS:SourceIp %q is not an IPv4 CIDR range", s)
		}
		p.SourceIP = pfx
	}
	return p, nil
}

// object decodes one JSON object, refusing anything else and trailing
// data.
func object(doc []byte, what string) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(doc, &m); err != nil || m == nil {
		return nil, malformed("%s is not a JSON object", what)
	}
	return m, nil
}

func only(m map[string]json.RawMessage, what string, names ...string) error {
	for k := range m {
		found := false
		for _, n := range names {
			if k == n {
				found = true
				break
			}
		}
		if !found {
			return malformed("%s has unknown field %q", what, k)
		}
	}
	return nil
}

// epoch reads {"AWS:EpochTime": N} with N a whole number of seconds.
func epoch(raw json.RawMessage, what string) (int64, error) {
	m, err := object(raw, what)
	if err != nil {
		return 0, err
	}
	if err := only(m, what, "AWS:EpochTime"); err != nil {
		return 0, err
	}
	n := strings.TrimSpace(string(m["AWS:EpochTime"]))
	v, err := strconv.ParseInt(n, 10, 64)
	if err != nil || v < 0 || strings.HasPrefix(n, "+") {
		return 0, malformed("%s AWS:EpochTime %q is not a whole number of seconds", what, n)
	}
	return v, nil
}

// JSON renders the statement in the field order of CloudFront's guide.
// ParsePolicy(p.JSON()) gives p back.
func (p Policy) JSON() []byte {
	var b bytes.Buffer
	b.WriteString(`{"Statement":[{`)
	if !p.AnyResource {
		b.WriteString(`"Resource":`)
		b.Write(jsonString(p.Resource))
		b.WriteByte(',')
	}
	fmt.Fprintf(&b, `"Condition":{"DateLessThan":{"AWS:EpochTime":%d}`, p.DateLessThan)
	if p.SourceIP.IsValid() {
		b.WriteString(`,"IpAddress":{"AWS:SourceIp":`)
		b.Write(jsonString(p.SourceIP.String()))
		b.WriteByte('}')
	}
	if p.HasDateGreaterThan {
		fmt.Fprintf(&b, `,"DateGreaterThan":{"AWS:EpochTime":%d}`, p.DateGreaterThan)
	}
	b.WriteString(`}}]}`)
	return b.Bytes()
}

// CannedPolicy is the policy statement a canned signature is made over,
// byte for byte as CloudFront rebuilds it from the request (Developer
// Guide, "Create a policy statement for a signed URL that uses a canned
// policy": no white space, Resource then Condition).
func CannedPolicy(resource string, expires int64) []byte {
	var b bytes.Buffer
	b.WriteString(`{"Statement":[{"Resource":`)
	b.Write(jsonString(resource))
	fmt.Fprintf(&b, `,"Condition":{"DateLessThan":{"AWS:EpochTime":%d}}}]}`, expires)
	return b.Bytes()
}

func jsonString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
