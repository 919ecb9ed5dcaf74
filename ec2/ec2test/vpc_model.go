package ec2test

import (
	"net/netip"
	"slices"
)

// The VPC world of one account and region lives in its netScope, under
// the scope's lock, next to the security groups that belong to its VPCs.
//
// Where it differs from EC2:
//
//   - VPCs and subnets are available at once: CreateVpc and CreateSubnet
//     answer "pending", as EC2 does, and every later look says
//     "available".
//   - IPv4 only: one CIDR block per VPC, no IPv6 blocks, no secondary
//     blocks (AssociateVpcCidrBlock is not served).
//   - Routes go to the VPC ("local") or to an internet gateway; NAT
//     gateways, peering, endpoints and the rest are not served.
//   - The default subnets follow the region's zones when the account's
//     state for the region is first made (its first request there); zones
//     set with SetZones later get none.
//   - A subnet's available address count is its size less AWS's five
//     reserved addresses and the private addresses of its instances that
//     are not terminated; the fake has no network interfaces of its own.

// vpcRes is one VPC.
type vpcRes struct {
	id, owner    string
	cidr         netip.Prefix
	cidrAssoc    string // vpc-cidr-assoc-..., the block's association
	isDefault    bool
	dnsSupport   bool
	dnsHostnames bool
	dhcpOptions  string // dopt-...
}

// subnetRes is one subnet of a VPC.
type subnetRes struct {
	id, vpcID, owner  string
	zone, zoneID      string
	cidr              netip.Prefix
	defaultForAz      bool
	mapPublicOnLaunch bool
}

// igwRes is one internet gateway, attached to at most one VPC.
type igwRes struct {
	id, owner, vpcID string
}

// rtbRes is one route table. The main table of a VPC has the main
// association; others are associated with subnets.
type rtbRes struct {
	id, vpcID, owner string
	mainAssoc        string // rtbassoc-... when this is its VPC's main table
	clientToken      string // CreateRouteTable ClientToken, for retries
	routes           []routeRes
	assocs           []rtbAssoc // subnet associations, in order made
}

// routeRes is one route: a destination and where it goes, "local" or an
// internet gateway's ID.
type routeRes struct {
	dest    netip.Prefix
	target  string
	origin  string // CreateRouteTable (the local route) or CreateRoute
	blocked bool   // the gateway was detached or deleted: a blackhole
}

type rtbAssoc struct{ id, subnetID string }

// reservedPerSubnet is what AWS keeps of every subnet's IPv4 addresses:
// the network address, the router, DNS, one for future use, and the
// broadcast address (Amazon VPC User Guide, "Subnet CIDR blocks").
const reservedPerSubnet = 5

// defaultVPCBlock is every default VPC's block (Amazon VPC User Guide,
// "Default VPCs": "IPv4 CIDR block of 172.31.0.0/16"), and each default
// subnet is a /20 of it.
func defaultVPCBlock() netip.Prefix {
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{172, 31, 0, 0}), 16)
}

// addDefaultVPC gives a new scope what every AWS account has in every
// region: a default VPC with DNS support and host names, a default subnet
// per Availability Zone (the /20s of 172.31.0.0/16 in order, public
// addresses on launch), an internet gateway attached to it and a main
// route table sending 0.0.0.0/0 to that gateway. zones are the region's.
func (sc *netScope) addDefaultVPC(zones []ZoneInfo) {
	block := defaultVPCBlock()
	v := sc.addVPC(block, true)
	v.dnsHostnames = true
	gw := &igwRes{id: newID("igw"), owner: sc.account, vpcID: v.id}
	sc.igws = append(sc.igws, gw)
	main := sc.mainTable(v.id)
	main.routes = append(main.routes, routeRes{dest: netip.MustParsePrefix("0.0.0.0/0"), target: gw.id, origin: "CreateRoute"})
	n := 0
	for _, z := range zones {
		if z.Type != "availability-zone" || n == 16 {
			continue
		}
		base := block.Addr().As4()
		base[2] = byte(n * 16)
		sc.subnets = append(sc.subnets, &subnetRes{id: newID("subnet"), vpcID: v.id, owner: sc.account,
			zone: z.Name, zoneID: z.ID, cidr: netip.PrefixFrom(netip.AddrFrom4(base), 20),
			defaultForAz: true, mapPublicOnLaunch: true})
		n++
	}
}

// addVPC makes a VPC with its default security group and its main route
// table (which holds the local route), as CreateVpc does.
func (sc *netScope) addVPC(cidr netip.Prefix, isDefault bool) *vpcRes {
	v := &vpcRes{id: newID("vpc"), owner: sc.account, cidr: cidr, cidrAssoc: newID("vpc-cidr-assoc"),
		isDefault: isDefault, dnsSupport: true, dhcpOptions: sc.dhcpOptions}
	sc.vpcs = append(sc.vpcs, v)
	if isDefault {
		sc.vpcID = v.id // before its default group, which GroupName can then name
	}
	sc.addDefaultGroup(v.id)
	sc.rtbs = append(sc.rtbs, &rtbRes{id: newID("rtb"), vpcID: v.id, owner: sc.account, mainAssoc: newID("rtbassoc"),
		routes: []routeRes{{dest: cidr, target: "local", origin: "CreateRouteTable"}}})
	return v
}

// vpc finds a VPC by ID: a malformed ID is InvalidVpcID.Malformed, an
// unknown one InvalidVpcID.NotFound. The caller holds sc.mu.
func (sc *netScope) vpc(id string) (*vpcRes, error) {
	if id == "" {
		return nil, missing("VpcId")
	}
	if err := checkIDs("InvalidVpcID.Malformed", "vpc", id); err != nil {
		return nil, err
	}
	if i := slices.IndexFunc(sc.vpcs, func(v *vpcRes) bool { return v.id == id }); i >= 0 {
		return sc.vpcs[i], nil
	}
	return nil, ec2Error("InvalidVpcID.NotFound", "The vpc ID '%s' does not exist", id)
}

// subnet finds a subnet by ID (InvalidSubnetID.Malformed,
// InvalidSubnetID.NotFound). The caller holds sc.mu.
func (sc *netScope) subnet(id string) (*subnetRes, error) {
	if id == "" {
		return nil, missing("SubnetId")
	}
	if err := checkIDs("InvalidSubnetID.Malformed", "subnet", id); err != nil {
		return nil, err
	}
	if i := slices.IndexFunc(sc.subnets, func(s *subnetRes) bool { return s.id == id }); i >= 0 {
		return sc.subnets[i], nil
	}
	return nil, ec2Error("InvalidSubnetID.NotFound", "The subnet ID '%s' does not exist", id)
}

// igw finds an internet gateway by ID (InvalidInternetGatewayID.NotFound).
// The caller holds sc.mu.
func (sc *netScope) igw(id string) (*igwRes, error) {
	if id == "" {
		return nil, missing("InternetGatewayId")
	}
	if err := checkIDs("InvalidInternetGatewayId.Malformed", "igw", id); err != nil {
		return nil, err
	}
	if i := slices.IndexFunc(sc.igws, func(g *igwRes) bool { return g.id == id }); i >= 0 {
		return sc.igws[i], nil
	}
	return nil, ec2Error("InvalidInternetGatewayID.NotFound", "The internetGateway ID '%s' does not exist", id)
}

// rtb finds a route table by ID (InvalidRouteTableID.NotFound). The
// caller holds sc.mu.
func (sc *netScope) rtb(id string) (*rtbRes, error) {
	if id == "" {
		return nil, missing("RouteTableId")
	}
	if err := checkIDs("InvalidRouteTableId.Malformed", "rtb", id); err != nil {
		return nil, err
	}
	if i := slices.IndexFunc(sc.rtbs, func(t *rtbRes) bool { return t.id == id }); i >= 0 {
		return sc.rtbs[i], nil
	}
	return nil, ec2Error("InvalidRouteTableID.NotFound", "The routeTable ID '%s' does not exist", id)
}

// mainTable returns vpcID's main route table. Every VPC has one.
func (sc *netScope) mainTable(vpcID string) *rtbRes {
	for _, t := range sc.rtbs {
		if t.vpcID == vpcID && t.mainAssoc != "" {
			return t
		}
	}
	return nil
}

// defaultSubnet returns the default subnet of zone in the default VPC,
// nil when there is none.
func (sc *netScope) defaultSubnet(zone string) *subnetRes {
	for _, s := range sc.subnets {
		if s.defaultForAz && s.zone == zone && s.vpcID == sc.vpcID {
			return s
		}
	}
	return nil
}

// defaultGroupOf returns the "default" security group of vpcID.
func (sc *netScope) defaultGroupOf(vpcID string) *secGroup {
	for _, g := range sc.groups {
		if g.vpcID == vpcID && g.name == "default" {
			return g
		}
	}
	return nil
}

// parseCIDR reads an IPv4 CIDR block, which must be its own network
// address ("10.0.0.0/16", not "10.0.0.1/16"), as EC2 requires.
func parseCIDR(s string) (netip.Prefix, bool) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() || p.Masked() != p {
		return netip.Prefix{}, false
	}
	return p, true
}
