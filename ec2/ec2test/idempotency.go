package ec2test

import (
	"maps"
	"net/url"
	"slices"
	"strings"
)

// requestDigest is the part of a request a ClientToken promises will not
// change: every parameter but the token itself, the action, the API
// version (a retry may come from a newer SDK), DryRun and anything left
// of the signature. EC2 answers IdempotentParameterMismatch when a token
// comes back with a different digest. Parameters are compared as sent, in
// name order, so reordering list members (SecurityGroup.1 and .2) counts
// as a change; EC2 does not document how it compares them.
func requestDigest(p url.Values) string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(p)) {
		if unsignedForIdempotency(name) {
			continue
		}
		b.WriteString(url.QueryEscape(name))
		for _, v := range p[name] {
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
		b.WriteByte('&')
	}
	return b.String()
}

// unsignedForIdempotency reports whether a parameter stays out of the
// digest. The fake's server removes the signing parameters (Signature,
// Timestamp, SecurityToken and the like) before the handler sees them;
// Expires reaches the handler when the request is not SigV2 and is left
// out too, so that a retry sent later never differs by it.
func unsignedForIdempotency(name string) bool {
	switch name {
	case "ClientToken", "Action", "Version", "DryRun", "Expires":
		return true
	}
	return false
}

// idempotentMismatch is EC2's answer (400) to a ClientToken reused with
// different parameters.
func idempotentMismatch() error {
	return ec2Error("IdempotentParameterMismatch",
		"Arguments on this idempotent request are inconsistent with arguments used in previous request(s).")
}
