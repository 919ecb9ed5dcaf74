package rdstest

import (
	"fmt"
	"hash/fnv"
	"slices"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// Subnet is what RDS needs to know of an EC2 subnet.
type Subnet struct {
	ID               string // subnet-…
	VPCID            string // vpc-…
	AvailabilityZone string // us-east-1a, …
}

// SubnetLookup returns account's subnet id in region, and whether it
// exists. It is called with the fake's lock held and must not call back
// into rdstest.
type SubnetLookup func(account, region, id string) (Subnet, bool)

// DefaultSubnetsFunc returns the subnets of account's default VPC in
// region, one per zone, sorted by zone; none when it has no default VPC.
type DefaultSubnetsFunc func(account, region string) []Subnet

// WithSubnets tells rdstest which EC2 subnets exist, so that a local
// cloud can answer from its EC2 fake: DB subnet groups take only subnets
// lookup knows, and an instance created without a DB subnet group goes
// into the default VPC's subnets that defaults lists. Without it the
// fake uses StandaloneSubnet and StandaloneDefaultSubnets.
func WithSubnets(lookup SubnetLookup, defaults DefaultSubnetsFunc) fakes.Option {
	return fake.ServiceOption(func(o *options) { o.lookup, o.defaults = lookup, defaults })
}

// standaloneZones are the zone letters of every region when no EC2 fake
// is wired in, as in ec2test: <region>a to <region>c.
const standaloneZones = "abc"

// hexID returns prefix and 17 hex digits derived from parts, the shape of
// today's EC2 IDs (vpc-0123456789abcdef0).
func hexID(prefix string, parts ...string) string {
	h := fnv.New64a()
	for _, p := range parts {
		fmt.Fprintf(h, "%s/", p)
	}
	return fmt.Sprintf("%s0%016x", prefix, h.Sum64())
}

// StandaloneDefaultVPC is the ID of account's default VPC in region when
// no EC2 fake is wired in: "vpc-0" and 16 hex digits of an FNV-1a hash of
// "<account>/<region>/". Like AWS's default VPC it stands for
// 172.31.0.0/16.
func StandaloneDefaultVPC(account, region string) string { return hexID("vpc-", account, region) }

// StandaloneDefaultSubnets are the default VPC's subnets when no EC2 fake
// is wired in: one per zone <region>a to <region>c, as AWS makes one
// default subnet per zone (172.31.0.0/20, 172.31.16.0/20,
// 172.31.32.0/20), with IDs "subnet-0" and 16 hex digits of an FNV-1a
// hash of "<account>/<region>/<zone>/".
func StandaloneDefaultSubnets(account, region string) []Subnet {
	out := make([]Subnet, 0, len(standaloneZones))
	for _, z := range standaloneZones {
		zone := region + string(z)
		out = append(out, Subnet{ID: hexID("subnet-", account, region, zone), VPCID: StandaloneDefaultVPC(account, region), AvailabilityZone: zone})
	}
	return out
}

// StandaloneSubnet looks a subnet up among StandaloneDefaultSubnets: with
// no EC2 fake wired in, the default VPC's subnets are the only ones.
func StandaloneSubnet(account, region, id string) (Subnet, bool) {
	for _, s := range StandaloneDefaultSubnets(account, region) {
		if s.ID == id {
			return s, true
		}
	}
	return Subnet{}, false
}

// subnet looks a subnet of a up.
func (b *Backend) subnet(a *account, id string) (Subnet, bool) {
	return b.subnetLookup(a.id, a.region, id)
}

// defaultSubnets returns a's default VPC subnets.
func (b *Backend) defaultSubnets(a *account) []Subnet { return b.subnetDefaults(a.id, a.region) }

// zones returns the zones of a's region: those of its default subnets,
// or <region>a to <region>c when it has no default VPC.
func (b *Backend) zones(a *account) []string {
	var out []string
	for _, s := range b.defaultSubnets(a) {
		if !slices.Contains(out, s.AvailabilityZone) {
			out = append(out, s.AvailabilityZone)
		}
	}
	if len(out) == 0 {
		for _, z := range standaloneZones {
			out = append(out, a.region+string(z))
		}
	}
	slices.Sort(out)
	return out
}
