package ec2test

import (
	"net/netip"
	"slices"
)

// launchSubnet is the subnet a launch goes into, as the network family
// resolved it before the compute lock was taken.
type launchSubnet struct {
	id, vpcID, zone string
	cidr            netip.Prefix
	public          bool // MapPublicIpOnLaunch
}

// launchPlacement resolves where a launch goes and with which groups. EC2
// User Guide, "Launch an instance": with a SubnetId the instance goes into
// that subnet (and zone, which must agree with a Placement zone); without
// one, into the default subnet of the zone (zone, or the region's first
// zone when ""), in the default VPC. Security groups named by ID must
// belong to the subnet's VPC; names are the default VPC's, and with
// neither the VPC's default group is used. The caller holds no lock.
func (s *Backend) launchPlacement(account, region, subnetID, zone string, ids, names []string) (*launchSubnet, []groupRef, error) {
	if zone == "" && subnetID == "" {
		if zs := s.Zones(region); len(zs) > 0 {
			zone = zs[0].Name
		}
	}
	sc := s.network.scopes.Get(account, region)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	var x *subnetRes
	switch {
	case subnetID != "":
		var err error
		if x, err = sc.subnet(subnetID); err != nil {
			return nil, nil, err
		}
		if zone != "" && zone != x.zone {
			return nil, nil, invalidValue("Value (" + zone + ") for parameter availabilityZone is invalid. Subnet '" +
				x.id + "' is in the availability zone " + x.zone)
		}
	case sc.vpcID == "":
		return nil, nil, noDefaultVPC()
	default:
		if x = sc.defaultSubnet(zone); x == nil {
			return nil, nil, invalidValue("No default subnet for availability zone: '" + zone + "'.")
		}
	}
	if len(names) > 0 && x.vpcID != sc.vpcID {
		return nil, nil, ec2Error("InvalidParameterCombination", "The parameter groupName cannot be used with the parameter subnet")
	}
	var refs []groupRef
	for _, id := range ids {
		g, err := sc.group(id, "")
		if err != nil {
			return nil, nil, err
		}
		if g.vpcID != x.vpcID {
			return nil, nil, ec2Error("InvalidParameter", "Security group %s and subnet %s belong to different networks.", g.id, x.id)
		}
		refs = append(refs, groupRef{g.id, g.name})
	}
	for _, n := range names {
		g, err := sc.group("", n)
		if err != nil {
			return nil, nil, err
		}
		refs = append(refs, groupRef{g.id, g.name})
	}
	if len(refs) == 0 {
		g := sc.defaultGroupOf(x.vpcID)
		refs = append(refs, groupRef{g.id, g.name})
	}
	return &launchSubnet{id: x.id, vpcID: x.vpcID, zone: x.zone, cidr: x.cidr, public: x.mapPublicOnLaunch}, refs, nil
}

// freeAddresses returns n private addresses of sub that no instance of st
// holds, lowest first, skipping the four reserved at the start of the
// block and the broadcast address at its end (Amazon VPC User Guide,
// "Subnet CIDR blocks"); nil when there are not enough. The compute lock
// must be held.
func (st *computeStore) freeAddresses(sub *launchSubnet, n int) []string {
	used := map[string]bool{}
	for _, inst := range st.instances {
		if inst.subnetID == sub.id && inst.state != "terminated" {
			used[inst.privateIP] = true
		}
	}
	size := 1 << (32 - sub.cidr.Bits())
	out := make([]string, 0, n)
	a := sub.cidr.Addr()
	for i := 0; i < size-1 && len(out) < n; i++ {
		if i >= 4 && !used[a.String()] {
			out = append(out, a.String())
		}
		a = a.Next()
	}
	if len(out) < n {
		return nil
	}
	return slices.Clip(out)
}
