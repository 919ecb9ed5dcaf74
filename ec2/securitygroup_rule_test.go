package ec2_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
)

func TestParseRule(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want ec2.Rule
		str  string // String(), when it differs from in
	}{
		{in: "tcp 22 from 0.0.0.0/0", want: ec2.TCP(22).From("0.0.0.0/0")},
		{in: "TCP 8000-8080 FROM sg-0123456789abcdef0", want: ec2.TCP(8000, 8080).FromGroupID("sg-0123456789abcdef0"), str: "tcp 8000-8080 from sg-0123456789abcdef0"},
		{in: "udp 53 from 2001:db8::/32", want: ec2.UDP(53).From("2001:db8::/32")},
		{in: "tcp 0-65535 from 10.0.0.0/8", want: ec2.TCP().From("10.0.0.0/8")},
		{in: "tcp 22-22 from 10.0.0.0/8", want: ec2.TCP(22).From("10.0.0.0/8"), str: "tcp 22 from 10.0.0.0/8"},
		{in: "6 22 from 10.0.0.0/8", want: ec2.TCP(22).From("10.0.0.0/8"), str: "tcp 22 from 10.0.0.0/8"},
		{in: "icmp from 10.0.0.0/8", want: ec2.ICMP().From("10.0.0.0/8")},
		{in: "icmp 8 from 10.0.0.0/8", want: ec2.ICMP(8).From("10.0.0.0/8"), str: "icmp 8:-1 from 10.0.0.0/8"},
		{in: "icmp 3:4 from 10.0.0.0/8", want: ec2.ICMP(3, 4).From("10.0.0.0/8")},
		{in: "icmpv6 from ::/0", want: ec2.ICMPv6().From("::/0")},
		{in: "all from default", want: ec2.AllTraffic().FromGroupID("default")},
		{in: "-1 from web", want: ec2.AllTraffic().FromGroupID("web"), str: "all from web"},
		{in: "47 from 192.0.2.0/24", want: ec2.Rule{Protocol: "47", CIDR: "192.0.2.0/24"}},
		{in: "tcp 5432 from 444455556666/sg-0123456789abcdef0", want: ec2.Rule{Protocol: "tcp", FromPort: 5432, ToPort: 5432, GroupID: "sg-0123456789abcdef0", GroupOwner: "444455556666"}},
		{in: "  tcp   22   from   0.0.0.0/0  ", want: ec2.TCP(22).From("0.0.0.0/0"), str: "tcp 22 from 0.0.0.0/0"},
	} {
		got, err := ec2.ParseRule(tt.in)
		if err != nil {
			t.Errorf("ParseRule(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, netRuleOpts); diff != "" {
			t.Errorf("ParseRule(%q) (-want +got):\n%s", tt.in, diff)
		}
		str := tt.str
		if str == "" {
			str = tt.in
		}
		if got.String() != str {
			t.Errorf("ParseRule(%q).String() = %q; want %q", tt.in, got.String(), str)
		}
	}
}

func TestParseRuleErrors(t *testing.T) {
	for _, tt := range []struct{ in, field string }{
		{"", "Rule"},
		{"tcp 22", "Rule"},
		{"tcp 22 0.0.0.0/0", "Rule"},
		{"tcp from 0.0.0.0/0", "Rule"},
		{"tcp 22 to 0.0.0.0/0", "Rule"},
		{"tcp 22 from 0.0.0.0/0 extra", "Rule"},
		{"tcp x from 0.0.0.0/0", "Rule"},
		{"tcp 22-x from 0.0.0.0/0", "Rule"},
		{"all 22 from 0.0.0.0/0", "Rule"},
		{"47 22 from 0.0.0.0/0", "Rule"},
		{"tcp 65536 from 0.0.0.0/0", "Rule.Ports"},
		{"tcp -1 from 0.0.0.0/0", "Rule"},
		{"udp 90-80 from 0.0.0.0/0", "Rule.Ports"},
		{"icmp 256 from 0.0.0.0/0", "Rule.Ports"},
		{"icmp -1:3 from 0.0.0.0/0", "Rule.Ports"},
		{"sctp 22 from 0.0.0.0/0", "Rule"},
		{"sctp from 0.0.0.0/0", "Rule.Protocol"},
		{"256 from 0.0.0.0/0", "Rule.Protocol"},
		{"tcp 22 from 0.0.0.0/40", "Rule.CIDR"},
		{"tcp 22 from 10.0.0.1", "Rule.CIDR"},
		{"tcp 22 from 2001:db8::/200", "Rule.CIDR"},
		{"tcp 22 from sg-zz", "Rule.GroupID"},
		{"tcp 22 from sg-web", "Rule.GroupID"},
		{"tcp 22 from 44445555666/sg-0123456789abcdef0", "Rule.CIDR"},
	} {
		_, err := ec2.ParseRule(tt.in)
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("ParseRule(%q) = %v; want *goboto.ValidationError", tt.in, err)
			continue
		}
		if ve.Field != tt.field {
			t.Errorf("ParseRule(%q): field %q; want %q (%v)", tt.in, ve.Field, tt.field, err)
		}
	}
}

// FuzzParseRule checks that ParseRule never panics, that what it accepts
// is valid, and that String phrases a rule so it parses back the same.
func FuzzParseRule(f *testing.F) {
	for _, s := range []string{
		"tcp 22 from 0.0.0.0/0", "udp 1-2 from ::/0", "icmp 3:4 from 10.0.0.0/8", "all from default",
		"tcp 5432 from 444455556666/sg-0123456789abcdef0", "47 from 192.0.2.0/24", "icmpv6 from sg-01234567",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ec2.ParseRule(s)
		if err != nil {
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("ParseRule(%q) error %T, not a ValidationError", s, err)
			}
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("ParseRule(%q) = %+v, which fails Validate: %v", s, r, err)
		}
		again, err := ec2.ParseRule(r.String())
		if err != nil {
			t.Fatalf("ParseRule(%q).String() = %q, which does not parse: %v", s, r.String(), err)
		}
		if diff := cmp.Diff(r, again, netRuleOpts); diff != "" {
			t.Fatalf("round trip of %q via %q (-first +second):\n%s", s, r.String(), diff)
		}
	})
}
