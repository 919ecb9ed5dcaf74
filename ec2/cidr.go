package ec2

import (
	"net/netip"
	"strconv"

	"github.com/goboto/goboto"
)

// parseBlock checks an IPv4 CIDR block for a VPC or subnet as EC2 does
// before it is sent: dotted-quad notation, the block's own network
// address ("10.0.0.0/16", not "10.0.0.1/16"), and a prefix from /16 to
// /28 (Amazon VPC User Guide, "VPC CIDR blocks" and "Subnet CIDR
// blocks": "The allowed block size is between a /16 netmask (65,536 IP
// addresses) and /28 netmask (16 IP addresses)").
func parseBlock(field, s string) (netip.Prefix, error) {
	if s == "" {
		return netip.Prefix{}, goboto.Invalid(field, "", "is required")
	}
	p, err := netip.ParsePrefix(s)
	switch {
	case err != nil || !p.Addr().Is4():
		return netip.Prefix{}, goboto.Invalid(field, s, "is not an IPv4 CIDR block")
	case p.Masked() != p:
		return netip.Prefix{}, goboto.Invalid(field, s, "is not a block's network address (want "+p.Masked().String()+")")
	case p.Bits() < 16 || p.Bits() > 28:
		return netip.Prefix{}, goboto.Invalid(field, s, "prefix /"+strconv.Itoa(p.Bits())+" out of range /16-/28")
	}
	return p, nil
}

// within reports whether inner lies wholly inside outer.
func within(inner, outer netip.Prefix) bool {
	return inner.Bits() >= outer.Bits() && outer.Contains(inner.Addr())
}
