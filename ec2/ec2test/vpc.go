package ec2test

import (
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"

	"github.com/goboto/goboto/internal/fake"
)

// maxVPCs is EC2's default quota of VPCs per region (Amazon VPC User
// Guide, "Amazon VPC quotas": VPCs per Region, 5).
const maxVPCs = 5

type vpcCidrAssocItem struct {
	CidrBlock     string `xml:"cidrBlock"`
	AssociationID string `xml:"associationId"`
	State         struct {
		State string `xml:"state"`
	} `xml:"cidrBlockState"`
}

type vpcItem struct {
	VpcID           string             `xml:"vpcId"`
	OwnerID         string             `xml:"ownerId"`
	State           string             `xml:"state"`
	CidrBlock       string             `xml:"cidrBlock"`
	CidrAssocs      []vpcCidrAssocItem `xml:"cidrBlockAssociationSet>item"`
	DhcpOptionsID   string             `xml:"dhcpOptionsId"`
	InstanceTenancy string             `xml:"instanceTenancy"`
	IsDefault       bool               `xml:"isDefault"`
	Tags            *netTagSet         `xml:"tagSet"`
}

// vpcXML renders v in state.
func vpcXML(v vpcRes, state string, tags map[string]string) vpcItem {
	a := vpcCidrAssocItem{CidrBlock: v.cidr.String(), AssociationID: v.cidrAssoc}
	a.State.State = "associated"
	return vpcItem{VpcID: v.id, OwnerID: v.owner, State: state, CidrBlock: v.cidr.String(),
		CidrAssocs: []vpcCidrAssocItem{a}, DhcpOptionsID: v.dhcpOptions, InstanceTenancy: "default",
		IsDefault: v.isDefault, Tags: netTags(tags)}
}

type createVpcResponse struct {
	XMLName xml.Name `xml:"CreateVpcResponse"`
	netEnvelope
	Vpc vpcItem `xml:"vpc"`
}

// CreateVpc: CidrBlock, a /16 to /28 IPv4 block (InvalidVpc.Range
// otherwise), TagSpecification. The VPC gets its default security group
// and main route table; it answers pending, as EC2 does, and is
// available from then on.
func (s *Backend) createVpc(w http.ResponseWriter, r *fake.Request) error {
	raw := r.Params.Get("CidrBlock")
	if raw == "" {
		return missing("CidrBlock")
	}
	cidr, ok := parseCIDR(raw)
	if !ok {
		return invalidValue("Value (" + raw + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.")
	}
	// Amazon VPC User Guide, "VPC CIDR blocks": "The allowed block size
	// is between a /16 netmask (65,536 IP addresses) and /28 netmask (16
	// IP addresses)."
	if cidr.Bits() < 16 || cidr.Bits() > 28 {
		return ec2Error("InvalidVpc.Range", "The CIDR '%s' is invalid.", raw)
	}
	sc := s.scope(r)
	sc.mu.Lock()
	if len(sc.vpcs) >= maxVPCs {
		sc.mu.Unlock()
		return ec2Error("VpcLimitExceeded", "The maximum number of VPCs has been reached.")
	}
	v := sc.addVPC(cidr, false)
	snap := *v
	sc.mu.Unlock()
	tags := tagSpecs(r.Params, "vpc")
	s.setNetTags(r, v.id, tags)
	return writeNet(w, r, &createVpcResponse{Vpc: vpcXML(snap, "pending", tags)})
}

type describeVpcsResponse struct {
	XMLName xml.Name `xml:"DescribeVpcsResponse"`
	netEnvelope
	Vpcs      []vpcItem `xml:"vpcSet>item"`
	NextToken string    `xml:"nextToken,omitempty"`
}

var vpcFilterNames = []string{"cidr", "cidr-block-association.cidr-block", "cidr-block-association.association-id",
	"cidr-block-association.state", "dhcp-options-id", "is-default", "owner-id", "state", "vpc-id",
	// VPCs have no IPv6 blocks here: these match nothing.
	"ipv6-cidr-block-association.ipv6-cidr-block", "ipv6-cidr-block-association.ipv6-pool",
	"ipv6-cidr-block-association.association-id", "ipv6-cidr-block-association.state"}

// DescribeVpcs: VpcId.N, Filter.N, MaxResults (5-1000), NextToken.
func (s *Backend) describeVpcs(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, vpcFilterNames...)
	if err != nil {
		return err
	}
	ids := list(r.Params, "VpcId")
	sc := s.scope(r)
	sc.mu.Lock()
	var picked []vpcRes
	for _, id := range ids {
		v, err := sc.vpc(id)
		if err != nil {
			sc.mu.Unlock()
			return err
		}
		picked = append(picked, *v)
	}
	if len(ids) == 0 {
		for _, v := range sc.vpcs {
			picked = append(picked, *v)
		}
	}
	sc.mu.Unlock()
	var items []vpcItem
	for _, v := range picked {
		tags := s.tagsOf(r.Account(), r.Region, v.id)
		if matchResource(fs, tags, func(name string) []string { return vpcField(v, name) }) {
			items = append(items, vpcXML(v, "available", tags))
		}
	}
	items, next, err := page(r.Params, items, 5, 1000)
	if err != nil {
		return err
	}
	return writeNet(w, r, &describeVpcsResponse{Vpcs: items, NextToken: next})
}

func vpcField(v vpcRes, name string) []string {
	switch name {
	case "cidr", "cidr-block-association.cidr-block":
		return []string{v.cidr.String()}
	case "cidr-block-association.association-id":
		return []string{v.cidrAssoc}
	case "cidr-block-association.state":
		return []string{"associated"}
	case "dhcp-options-id":
		return []string{v.dhcpOptions}
	case "is-default":
		return []string{strconv.FormatBool(v.isDefault)}
	case "owner-id":
		return []string{v.owner}
	case "state":
		return []string{"available"}
	case "vpc-id":
		return []string{v.id}
	}
	return nil
}

// DeleteVpc: VpcId. A VPC with subnets, an attached internet gateway,
// route tables other than its main one or security groups other than its
// default one answers DependencyViolation; otherwise it goes with its
// main route table and default group. The default VPC may be deleted too;
// actions that need it then answer VPCIdNotSpecified.
func (s *Backend) deleteVpc(w http.ResponseWriter, r *fake.Request) error {
	var dropped []string
	defer s.dropTagsLater(r, &dropped)
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	v, err := sc.vpc(r.Params.Get("VpcId"))
	if err != nil {
		return err
	}
	main, group := sc.mainTable(v.id), sc.defaultGroupOf(v.id)
	inUse := slices.ContainsFunc(sc.subnets, func(x *subnetRes) bool { return x.vpcID == v.id }) ||
		slices.ContainsFunc(sc.igws, func(x *igwRes) bool { return x.vpcID == v.id }) ||
		slices.ContainsFunc(sc.rtbs, func(x *rtbRes) bool { return x.vpcID == v.id && x != main }) ||
		slices.ContainsFunc(sc.groups, func(x *secGroup) bool { return x.vpcID == v.id && x != group })
	if inUse {
		return ec2Error("DependencyViolation", "The vpc '%s' has dependencies and cannot be deleted.", v.id)
	}
	sc.vpcs = slices.DeleteFunc(sc.vpcs, func(x *vpcRes) bool { return x == v })
	sc.rtbs = slices.DeleteFunc(sc.rtbs, func(x *rtbRes) bool { return x == main })
	dropped = append(dropped, v.id, main.id)
	if group != nil {
		sc.removeGroup(group)
		dropped = append(dropped, group.id)
	}
	if sc.vpcID == v.id {
		sc.vpcID = ""
	}
	return writeReturn(w, r)
}

type vpcAttrValue struct {
	Value bool `xml:"value"`
}

type describeVpcAttributeResponse struct {
	XMLName xml.Name `xml:"DescribeVpcAttributeResponse"`
	netEnvelope
	VpcID        string        `xml:"vpcId"`
	DNSSupport   *vpcAttrValue `xml:"enableDnsSupport,omitempty"`
	DNSHostnames *vpcAttrValue `xml:"enableDnsHostnames,omitempty"`
	UsageMetrics *vpcAttrValue `xml:"enableNetworkAddressUsageMetrics,omitempty"`
}

// DescribeVpcAttribute: VpcId and Attribute, one of enableDnsSupport,
// enableDnsHostnames and enableNetworkAddressUsageMetrics (always false:
// the fake keeps no usage metrics, and ModifyVpcAttribute does not take
// it).
func (s *Backend) describeVpcAttribute(w http.ResponseWriter, r *fake.Request) error {
	attr := r.Params.Get("Attribute")
	if attr == "" {
		return missing("Attribute")
	}
	sc := s.scope(r)
	sc.mu.Lock()
	v, err := sc.vpc(r.Params.Get("VpcId"))
	if err != nil {
		sc.mu.Unlock()
		return err
	}
	resp := &describeVpcAttributeResponse{VpcID: v.id}
	switch attr {
	case "enableDnsSupport":
		resp.DNSSupport = &vpcAttrValue{v.dnsSupport}
	case "enableDnsHostnames":
		resp.DNSHostnames = &vpcAttrValue{v.dnsHostnames}
	case "enableNetworkAddressUsageMetrics":
		resp.UsageMetrics = &vpcAttrValue{false}
	default:
		sc.mu.Unlock()
		return invalidValue("Value (" + attr + ") for parameter attribute is invalid. Unknown attribute.")
	}
	sc.mu.Unlock()
	return writeNet(w, r, resp)
}

// ModifyVpcAttribute: VpcId and one of EnableDnsSupport.Value and
// EnableDnsHostnames.Value; EC2 API Reference, ModifyVpcAttribute: "You
// can only enable DNS hostnames if you've enabled DNS support", and one
// attribute per request.
func (s *Backend) modifyVpcAttribute(w http.ResponseWriter, r *fake.Request) error {
	support, hosts := r.Params.Has("EnableDnsSupport.Value"), r.Params.Has("EnableDnsHostnames.Value")
	switch {
	case support && hosts:
		return ec2Error("InvalidParameterCombination", "Only one attribute can be modified at a time")
	case !support && !hosts:
		return missing("EnableDnsSupport or EnableDnsHostnames")
	}
	name := "EnableDnsSupport"
	if hosts {
		name = "EnableDnsHostnames"
	}
	on, err := boolValue(r, name)
	if err != nil {
		return err
	}
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	v, err := sc.vpc(r.Params.Get("VpcId"))
	if err != nil {
		return err
	}
	if hosts && on && !v.dnsSupport {
		return invalidValue("Cannot enable DNS hostnames for a VPC without DNS support.")
	}
	if support {
		v.dnsSupport = on
	} else {
		v.dnsHostnames = on
	}
	return writeReturn(w, r)
}
