package ec2test

import (
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

type subnetItem struct {
	SubnetID          string `xml:"subnetId"`
	SubnetArn         string `xml:"subnetArn"`
	State             string `xml:"state"`
	VpcID             string `xml:"vpcId"`
	OwnerID           string `xml:"ownerId"`
	CidrBlock         string `xml:"cidrBlock"`
	AvailableIPs      int    `xml:"availableIpAddressCount"`
	AvailabilityZone  string `xml:"availabilityZone"`
	AvailabilityZone2 string `xml:"availabilityZoneId"`
	DefaultForAz      bool   `xml:"defaultForAz"`
	MapPublicIP       bool   `xml:"mapPublicIpOnLaunch"`
	MapCustomerIP     bool   `xml:"mapCustomerOwnedIpOnLaunch"`
	AssignIPv6        bool   `xml:"assignIpv6AddressOnCreation"`
	EnableDNS64       bool   `xml:"enableDns64"`
	IPv6Native        bool   `xml:"ipv6Native"`
	PrivateDNSOptions struct {
		HostnameType     string `xml:"hostnameType"`
		EnableARecord    bool   `xml:"enableResourceNameDnsARecord"`
		EnableAAAARecord bool   `xml:"enableResourceNameDnsAAAARecord"`
	} `xml:"privateDnsNameOptionsOnLaunch"`
	Tags *netTagSet `xml:"tagSet"`
}

// available is how many addresses of x are free: its size less AWS's
// reserved five and the used ones.
func (x subnetRes) available(used int) int {
	return 1<<(32-x.cidr.Bits()) - reservedPerSubnet - used
}

func subnetXML(r *fake.Request, x subnetRes, state string, used int, tags map[string]string) subnetItem {
	it := subnetItem{SubnetID: x.id, SubnetArn: arnOf(r, "subnet", x.id), State: state, VpcID: x.vpcID,
		OwnerID: x.owner, CidrBlock: x.cidr.String(), AvailableIPs: x.available(used), AvailabilityZone: x.zone,
		AvailabilityZone2: x.zoneID, DefaultForAz: x.defaultForAz, MapPublicIP: x.mapPublicOnLaunch, Tags: netTags(tags)}
	it.PrivateDNSOptions.HostnameType = "ip-name"
	return it
}

// subnetUse counts, per subnet, the instances of account in region that
// hold one of its addresses: all but terminated ones. It takes the
// compute lock, so the caller must not hold a network lock.
func (s *Backend) subnetUse(account, region string) map[string]int {
	s.compute.mu.Lock()
	defer s.compute.mu.Unlock()
	if !s.compute.manual {
		s.compute.settle() // as every compute action does first (locked)
	}
	out := map[string]int{}
	st, ok := s.compute.stores.Lookup(account, region) // a look makes no store
	if !ok {
		return out
	}
	for _, inst := range st.instances {
		if inst.subnetID != "" && inst.state != "terminated" {
			out[inst.subnetID]++
		}
	}
	return out
}

type createSubnetResponse struct {
	XMLName xml.Name `xml:"CreateSubnetResponse"`
	netEnvelope
	Subnet subnetItem `xml:"subnet"`
}

// CreateSubnet: VpcId, CidrBlock, AvailabilityZone or AvailabilityZoneId
// (the region's first zone when neither), TagSpecification. Amazon VPC
// User Guide, "Subnet CIDR blocks": a subnet's block is a /16 to /28
// inside its VPC's (InvalidSubnet.Range) and must not overlap another
// subnet of the VPC (InvalidSubnet.Conflict).
func (s *Backend) createSubnet(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	raw := p.Get("CidrBlock")
	if raw == "" {
		return missing("CidrBlock")
	}
	cidr, ok := parseCIDR(raw)
	if !ok {
		return invalidValue("Value (" + raw + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.")
	}
	zone, err := s.subnetZone(r)
	if err != nil {
		return err
	}
	sc := s.scope(r)
	sc.mu.Lock()
	v, err := sc.vpc(p.Get("VpcId"))
	if err != nil {
		sc.mu.Unlock()
		return err
	}
	if cidr.Bits() < 16 || cidr.Bits() > 28 || !v.cidr.Contains(cidr.Addr()) || cidr.Bits() < v.cidr.Bits() {
		sc.mu.Unlock()
		return ec2Error("InvalidSubnet.Range", "The CIDR '%s' is invalid.", raw)
	}
	if slices.ContainsFunc(sc.subnets, func(x *subnetRes) bool { return x.vpcID == v.id && x.cidr.Overlaps(cidr) }) {
		sc.mu.Unlock()
		return ec2Error("InvalidSubnet.Conflict", "The CIDR '%s' conflicts with another subnet", raw)
	}
	x := &subnetRes{id: newID("subnet"), vpcID: v.id, owner: sc.account, zone: zone.Name, zoneID: zone.ID, cidr: cidr}
	sc.subnets = append(sc.subnets, x)
	snap := *x
	sc.mu.Unlock()
	tags := tagSpecs(p, "subnet")
	s.setNetTags(r, x.id, tags)
	return writeNet(w, r, &createSubnetResponse{Subnet: subnetXML(r, snap, "pending", 0, tags)})
}

// subnetZone is the zone CreateSubnet names, by name or ID.
func (s *Backend) subnetZone(r *fake.Request) (ZoneInfo, error) {
	name, id := r.Params.Get("AvailabilityZone"), r.Params.Get("AvailabilityZoneId")
	zones := s.Zones(r.Region)
	if len(zones) == 0 {
		return ZoneInfo{}, ec2Error("Unsupported", "The requested configuration is currently not supported.")
	}
	if name == "" && id == "" {
		return zones[0], nil
	}
	for _, z := range zones {
		if (name == "" || z.Name == name) && (id == "" || z.ID == id) {
			return z, nil
		}
	}
	names := make([]string, 0, len(zones))
	for _, z := range zones {
		names = append(names, z.Name)
	}
	what, param := name, "availabilityZone"
	if name == "" {
		what, param = id, "availabilityZoneId"
	}
	return ZoneInfo{}, invalidValue("Value (" + what + ") for parameter " + param + " is invalid. Subnets can currently only be created in the following availability zones: " + strings.Join(names, ", ") + ".")
}

type describeSubnetsResponse struct {
	XMLName xml.Name `xml:"DescribeSubnetsResponse"`
	netEnvelope
	Subnets   []subnetItem `xml:"subnetSet>item"`
	NextToken string       `xml:"nextToken,omitempty"`
}

var subnetFilterNames = []string{"availability-zone", "availability-zone-id", "available-ip-address-count",
	"cidr-block", "cidr", "cidrBlock", "default-for-az", "defaultForAz", "map-public-ip-on-launch", "owner-id",
	"state", "subnet-arn", "subnet-id", "vpc-id", "enable-dns64", "ipv6-native", "map-customer-owned-ip-on-launch",
	"private-dns-name-options-on-launch.hostname-type", "private-dns-name-options-on-launch.enable-resource-name-dns-a-record",
	"private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record",
	// What subnets never have here: these match nothing.
	"customer-owned-ipv4-pool", "enable-lni-at-device-index", "outpost-arn", "ipv6-cidr-block-association.ipv6-cidr-block",
	"ipv6-cidr-block-association.association-id", "ipv6-cidr-block-association.state"}

// DescribeSubnets: SubnetId.N, Filter.N, MaxResults (5-1000), NextToken.
func (s *Backend) describeSubnets(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, subnetFilterNames...)
	if err != nil {
		return err
	}
	used := s.subnetUse(r.Account(), r.Region)
	ids := list(r.Params, "SubnetId")
	sc := s.scope(r)
	sc.mu.Lock()
	var picked []subnetRes
	for _, id := range ids {
		x, err := sc.subnet(id)
		if err != nil {
			sc.mu.Unlock()
			return err
		}
		picked = append(picked, *x)
	}
	if len(ids) == 0 {
		for _, x := range sc.subnets {
			picked = append(picked, *x)
		}
	}
	sc.mu.Unlock()
	var items []subnetItem
	for _, x := range picked {
		tags := s.tagsOf(r.Account(), r.Region, x.id)
		if matchResource(fs, tags, func(name string) []string { return subnetField(r, x, used[x.id], name) }) {
			items = append(items, subnetXML(r, x, "available", used[x.id], tags))
		}
	}
	items, next, err := page(r.Params, items, 5, 1000)
	if err != nil {
		return err
	}
	return writeNet(w, r, &describeSubnetsResponse{Subnets: items, NextToken: next})
}

func subnetField(r *fake.Request, x subnetRes, used int, name string) []string {
	switch name {
	case "availability-zone":
		return []string{x.zone}
	case "availability-zone-id":
		return []string{x.zoneID}
	case "available-ip-address-count":
		return []string{strconv.Itoa(x.available(used))}
	case "cidr-block", "cidr", "cidrBlock":
		return []string{x.cidr.String()}
	case "default-for-az", "defaultForAz":
		return []string{strconv.FormatBool(x.defaultForAz)}
	case "map-public-ip-on-launch":
		return []string{strconv.FormatBool(x.mapPublicOnLaunch)}
	case "owner-id":
		return []string{x.owner}
	case "state":
		return []string{"available"}
	case "subnet-arn":
		return []string{arnOf(r, "subnet", x.id)}
	case "subnet-id":
		return []string{x.id}
	case "vpc-id":
		return []string{x.vpcID}
	case "enable-dns64", "ipv6-native", "map-customer-owned-ip-on-launch",
		"private-dns-name-options-on-launch.enable-resource-name-dns-a-record",
		"private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record":
		return []string{"false"}
	case "private-dns-name-options-on-launch.hostname-type":
		return []string{"ip-name"}
	}
	return nil
}

// DeleteSubnet: SubnetId. A subnet with instances that are not terminated
// answers DependencyViolation; its route-table association goes with it.
func (s *Backend) deleteSubnet(w http.ResponseWriter, r *fake.Request) error {
	used := s.subnetUse(r.Account(), r.Region)
	var dropped []string
	defer s.dropTagsLater(r, &dropped)
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	x, err := sc.subnet(r.Params.Get("SubnetId"))
	if err != nil {
		return err
	}
	if used[x.id] > 0 {
		return ec2Error("DependencyViolation", "The subnet '%s' has dependencies and cannot be deleted.", x.id)
	}
	sc.subnets = slices.DeleteFunc(sc.subnets, func(o *subnetRes) bool { return o == x })
	for _, t := range sc.rtbs {
		t.assocs = slices.DeleteFunc(t.assocs, func(a rtbAssoc) bool { return a.subnetID == x.id })
	}
	dropped = append(dropped, x.id)
	return writeReturn(w, r)
}

// ModifySubnetAttribute: SubnetId and MapPublicIpOnLaunch.Value.
func (s *Backend) modifySubnetAttribute(w http.ResponseWriter, r *fake.Request) error {
	var on, set bool
	if r.Params.Has("MapPublicIpOnLaunch.Value") {
		v, err := boolValue(r, "MapPublicIpOnLaunch")
		if err != nil {
			return err
		}
		on, set = v, true
	}
	if !set && !r.Params.Has("AssignIpv6AddressOnCreation.Value") {
		return missing("MapPublicIpOnLaunch")
	}
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	x, err := sc.subnet(r.Params.Get("SubnetId"))
	if err != nil {
		return err
	}
	if set {
		x.mapPublicOnLaunch = on
	}
	return writeReturn(w, r)
}
