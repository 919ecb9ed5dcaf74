package ec2

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
)

// Rule is one permission of a security group: traffic of one protocol
// and port range from one source (inbound) or to one destination
// (outbound), an address range or another group. Build one with TCP, UDP,
// ICMP, ICMPv6 or AllTraffic, or parse boto's phrasing with ParseRule:
//
//	ec2.TCP(22).From("0.0.0.0/0")
//	ec2.TCP(8000, 8080).FromGroup(web)
//	ec2.ParseRule("udp 53 from 10.0.0.0/8")
//	ec2.TCP(443).To("0.0.0.0/0")             // outbound
//
// EC2 lists a group's permissions grouped by protocol and ports with many
// sources each; goboto lists them one source per Rule, so a Rule read
// from a group can be passed back to Revoke as it is.
type Rule struct {
	// Protocol is "tcp", "udp", "icmp", "icmpv6", "all" (EC2's -1), or an
	// IP protocol number from "0" to "255", for which ports do not apply.
	Protocol string
	// FromPort and ToPort are the port range for tcp and udp (0-65535,
	// FromPort <= ToPort), and the ICMP type and code for icmp and icmpv6
	// (-1 for all). They are zero for other protocols.
	FromPort, ToPort int
	// The source, or for an outbound rule the destination: exactly one of
	// CIDR (IPv4 or IPv6), GroupID or GroupName (groups of the default VPC
	// may be named).
	CIDR      string
	GroupID   string
	GroupName string
	// GroupOwner is the account of a source group that is not the caller's.
	GroupOwner string

	err error // a builder's misuse, reported by Validate
}

// Traffic is a protocol and port range waiting for its source; From and
// FromGroup turn it into a Rule.
type Traffic struct {
	protocol string
	from, to int
	err      error
}

// TCP is TCP traffic to ports: none for every port, one for a single port,
// two for the range from the first to the second.
func TCP(ports ...int) Traffic { return portTraffic("tcp", ports) }

// UDP is UDP traffic to ports, as TCP.
func UDP(ports ...int) Traffic { return portTraffic("udp", ports) }

// ICMP is ICMP traffic: no argument for every type, one for a type with
// every code, two for a type and a code. -1 stands for all.
func ICMP(typeCode ...int) Traffic { return icmpTraffic("icmp", typeCode) }

// ICMPv6 is ICMPv6 traffic, as ICMP.
func ICMPv6(typeCode ...int) Traffic { return icmpTraffic("icmpv6", typeCode) }

// AllTraffic is every protocol on every port (EC2's protocol -1).
func AllTraffic() Traffic { return Traffic{protocol: "all"} }

func portTraffic(proto string, ports []int) Traffic {
	switch len(ports) {
	case 0:
		return Traffic{protocol: proto, from: 0, to: 65535}
	case 1:
		return Traffic{protocol: proto, from: ports[0], to: ports[0]}
	case 2:
		return Traffic{protocol: proto, from: ports[0], to: ports[1]}
	}
	return Traffic{protocol: proto, err: goboto.Invalid("Rule.Ports", fmt.Sprint(ports), "takes a port or a from and to port")}
}

func icmpTraffic(proto string, tc []int) Traffic {
	switch len(tc) {
	case 0:
		return Traffic{protocol: proto, from: -1, to: -1}
	case 1:
		return Traffic{protocol: proto, from: tc[0], to: -1}
	case 2:
		return Traffic{protocol: proto, from: tc[0], to: tc[1]}
	}
	return Traffic{protocol: proto, err: goboto.Invalid("Rule.Ports", fmt.Sprint(tc), "takes an ICMP type and code")}
}

func (t Traffic) rule() Rule {
	return Rule{Protocol: t.protocol, FromPort: t.from, ToPort: t.to, err: t.err}
}

// From allows the traffic from an IPv4 or IPv6 range ("0.0.0.0/0",
// "2001:db8::/32").
func (t Traffic) From(cidr string) Rule {
	r := t.rule()
	r.CIDR = cidr
	return r
}

// FromGroup allows the traffic from the members of g, named by its ID
// when it is known and by its name otherwise.
func (t Traffic) FromGroup(g *SecurityGroup) Rule {
	r := t.rule()
	switch {
	case g == nil:
		if r.err == nil {
			r.err = goboto.Invalid("Rule.Group", "", "must not be nil")
		}
	case g.ID != "":
		r.GroupID = g.ID
	default:
		r.GroupName = g.Name
	}
	return r
}

// FromGroupID allows the traffic from the members of a group given by ID
// ("sg-...") or, for the default VPC, by name.
func (t Traffic) FromGroupID(idOrName string) Rule {
	r := t.rule()
	if strings.HasPrefix(idOrName, "sg-") {
		r.GroupID = idOrName
	} else {
		r.GroupName = idOrName
	}
	return r
}

// Validate checks the rule as EC2 would, without asking it: a known
// protocol, ports in range for it, and exactly one well-formed source.
func (r Rule) Validate() error {
	if r.err != nil {
		return r.err
	}
	switch r.Protocol {
	case "tcp", "udp":
		if r.FromPort < 0 || r.FromPort > 65535 || r.ToPort < 0 || r.ToPort > 65535 {
			return goboto.Invalid("Rule.Ports", r.ports(), "out of range 0-65535")
		}
		if r.FromPort > r.ToPort {
			return goboto.Invalid("Rule.Ports", r.ports(), "must run from low to high")
		}
	case "icmp", "icmpv6":
		if r.FromPort < -1 || r.FromPort > 255 || r.ToPort < -1 || r.ToPort > 255 {
			return goboto.Invalid("Rule.Ports", r.ports(), "ICMP type and code out of range -1-255")
		}
		if r.FromPort == -1 && r.ToPort != -1 {
			return goboto.Invalid("Rule.Ports", r.ports(), "an ICMP code needs a type")
		}
	case "all":
		if r.FromPort != 0 || r.ToPort != 0 {
			return goboto.Invalid("Rule.Ports", r.ports(), "do not apply to all traffic")
		}
	default:
		n, err := strconv.Atoi(r.Protocol)
		if err != nil || n < 0 || n > 255 || strconv.Itoa(n) != r.Protocol {
			return goboto.Invalid("Rule.Protocol", r.Protocol, "must be tcp, udp, icmp, icmpv6, all or 0-255")
		}
		if canon := protocolName(r.Protocol); canon != r.Protocol {
			return goboto.Invalid("Rule.Protocol", r.Protocol, "must be written "+canon)
		}
		if r.FromPort != 0 || r.ToPort != 0 {
			return goboto.Invalid("Rule.Ports", r.ports(), "do not apply to protocol "+r.Protocol)
		}
	}
	sources := 0
	for _, s := range []string{r.CIDR, r.GroupID, r.GroupName} {
		if s != "" {
			sources++
		}
	}
	if sources != 1 {
		return goboto.Invalid("Rule.Source", "", "needs exactly one of CIDR, GroupID and GroupName")
	}
	switch {
	case r.CIDR != "":
		if _, err := netip.ParsePrefix(r.CIDR); err != nil {
			return goboto.Invalid("Rule.CIDR", r.CIDR, "is not an IPv4 or IPv6 CIDR range")
		}
		if r.GroupOwner != "" {
			return goboto.Invalid("Rule.GroupOwner", r.GroupOwner, "applies to group sources only")
		}
	case r.GroupID != "":
		if err := validID("Rule.GroupID", "sg", r.GroupID); err != nil {
			return err
		}
	default:
		if err := validGroupName("Rule.GroupName", r.GroupName); err != nil {
			return err
		}
	}
	if r.GroupOwner != "" && !isAccountID(r.GroupOwner) {
		return goboto.Invalid("Rule.GroupOwner", r.GroupOwner, "must be a 12-digit account ID")
	}
	return nil
}

func (r Rule) ports() string { return strconv.Itoa(r.FromPort) + "-" + strconv.Itoa(r.ToPort) }

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// protocolName names the protocols EC2 knows by name: tcp for 6, udp for
// 17, icmp for 1, icmpv6 for 58, all for -1.
func protocolName(p string) string {
	switch strings.ToLower(p) {
	case "6", "tcp":
		return "tcp"
	case "17", "udp":
		return "udp"
	case "1", "icmp":
		return "icmp"
	case "58", "icmpv6":
		return "icmpv6"
	case "-1", "all":
		return "all"
	}
	return p
}

// String phrases the rule as ParseRule reads it: "tcp 22 from 0.0.0.0/0",
// "tcp 8000-8080 from sg-0123456789abcdef0", "icmp 8:-1 from ::/0",
// "all from 111122223333/sg-0123456789abcdef0". A group name with spaces
// in it, which EC2 allows, is written as it is and does not parse back.
func (r Rule) String() string {
	var b strings.Builder
	b.WriteString(r.Protocol)
	switch r.Protocol {
	case "tcp", "udp":
		b.WriteString(" " + strconv.Itoa(r.FromPort))
		if r.ToPort != r.FromPort {
			b.WriteString("-" + strconv.Itoa(r.ToPort))
		}
	case "icmp", "icmpv6":
		if r.FromPort != -1 || r.ToPort != -1 {
			b.WriteString(" " + strconv.Itoa(r.FromPort) + ":" + strconv.Itoa(r.ToPort))
		}
	}
	b.WriteString(" from ")
	if r.GroupOwner != "" {
		b.WriteString(r.GroupOwner + "/")
	}
	b.WriteString(r.CIDR + r.GroupID + r.GroupName)
	return b.String()
}

// ParseRule reads a rule as boto users wrote it: a protocol, ports, "from"
// and a source. An outbound rule is written the same way, its
// destination after "from".
//
//	tcp 22 from 0.0.0.0/0
//	tcp 8000-8080 from sg-0123456789abcdef0
//	udp 53 from 2001:db8::/32
//	icmp from 10.0.0.0/8            every type
//	icmp 8 from 10.0.0.0/8          echo request, every code
//	icmp 3:4 from 10.0.0.0/8        type 3, code 4
//	all from default                every protocol, from the group "default"
//	tcp 5432 from 444455556666/sg-0123456789abcdef0   another account's group
//
// Protocols are tcp, udp, icmp, icmpv6, all (or -1) and IP protocol
// numbers. The result is validated as Rule.Validate does; a malformed
// rule is a *goboto.ValidationError.
func ParseRule(s string) (Rule, error) {
	fields := strings.Fields(s)
	bad := func(rule string) (Rule, error) { return Rule{}, goboto.Invalid("Rule", s, rule) }
	if len(fields) < 3 {
		return bad(`must read "<protocol> [ports] from <source>"`)
	}
	r := Rule{Protocol: protocolName(strings.ToLower(fields[0]))}
	rest := fields[1:]
	if !strings.EqualFold(rest[0], "from") {
		ports := rest[0]
		rest = rest[1:]
		var err error
		switch r.Protocol {
		case "tcp", "udp":
			lo, hi, ok := strings.Cut(ports, "-")
			if !ok {
				hi = lo
			}
			r.FromPort, err = strconv.Atoi(lo)
			if err == nil {
				r.ToPort, err = strconv.Atoi(hi)
			}
		case "icmp", "icmpv6":
			typ, code, ok := strings.Cut(ports, ":")
			r.FromPort, err = strconv.Atoi(typ)
			r.ToPort = -1
			if err == nil && ok {
				r.ToPort, err = strconv.Atoi(code)
			}
		default:
			return bad("takes no ports for protocol " + fields[0])
		}
		if err != nil {
			return bad("has a malformed port range " + strconv.Quote(ports))
		}
	} else {
		switch r.Protocol {
		case "tcp", "udp":
			return bad("needs a port or port range for " + r.Protocol)
		case "icmp", "icmpv6":
			r.FromPort, r.ToPort = -1, -1
		}
	}
	if len(rest) != 2 || !strings.EqualFold(rest[0], "from") {
		return bad(`must read "<protocol> [ports] from <source>"`)
	}
	src := rest[1]
	if owner, group, ok := strings.Cut(src, "/"); ok && isAccountID(owner) && !strings.Contains(group, "/") {
		r.GroupOwner, src = owner, group
	}
	_, addrErr := netip.ParseAddr(src)
	switch {
	case r.GroupOwner == "" && (strings.Contains(src, "/") || addrErr == nil):
		r.CIDR = src // a bare address fails Validate, which says why
	case strings.HasPrefix(src, "sg-"):
		r.GroupID = src
	default:
		r.GroupName = src
	}
	if err := r.Validate(); err != nil {
		return Rule{}, err
	}
	return r, nil
}

// ipPermission converts r, which must be valid, into the v2 client's form.
func (r Rule) ipPermission() types.IpPermission {
	p := types.IpPermission{IpProtocol: aws.String(r.Protocol)}
	switch r.Protocol {
	case "all":
		p.IpProtocol = aws.String("-1")
	case "tcp", "udp", "icmp", "icmpv6":
		p.FromPort, p.ToPort = aws.Int32(int32(r.FromPort)), aws.Int32(int32(r.ToPort))
	}
	switch {
	case r.CIDR != "" && strings.Contains(r.CIDR, ":"):
		p.Ipv6Ranges = []types.Ipv6Range{{CidrIpv6: aws.String(r.CIDR)}}
	case r.CIDR != "":
		p.IpRanges = []types.IpRange{{CidrIp: aws.String(r.CIDR)}}
	default:
		pair := types.UserIdGroupPair{}
		if r.GroupID != "" {
			pair.GroupId = aws.String(r.GroupID)
		} else {
			pair.GroupName = aws.String(r.GroupName)
		}
		if r.GroupOwner != "" {
			pair.UserId = aws.String(r.GroupOwner)
		}
		p.UserIdGroupPairs = []types.UserIdGroupPair{pair}
	}
	return p
}

// rulesFromV2 flattens EC2's permissions into one Rule per source. A
// source group owned by owner (the group's own account) gets no
// GroupOwner, so listed rules compare equal to the ones authorized.
func rulesFromV2(ps []types.IpPermission, owner string) []Rule {
	var out []Rule
	for _, p := range ps {
		base := Rule{Protocol: protocolName(aws.ToString(p.IpProtocol))}
		switch base.Protocol {
		case "tcp", "udp", "icmp", "icmpv6":
			base.FromPort, base.ToPort = int(aws.ToInt32(p.FromPort)), int(aws.ToInt32(p.ToPort))
		}
		for _, rg := range p.IpRanges {
			r := base
			r.CIDR = aws.ToString(rg.CidrIp)
			out = append(out, r)
		}
		for _, rg := range p.Ipv6Ranges {
			r := base
			r.CIDR = aws.ToString(rg.CidrIpv6)
			out = append(out, r)
		}
		for _, g := range p.UserIdGroupPairs {
			r := base
			r.GroupID = aws.ToString(g.GroupId)
			if r.GroupID == "" {
				r.GroupName = aws.ToString(g.GroupName)
			}
			if u := aws.ToString(g.UserId); u != owner {
				r.GroupOwner = u
			}
			out = append(out, r)
		}
	}
	return out
}
