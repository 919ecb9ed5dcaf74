package ec2test

import (
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// vpcActions returns the actions of the VPC world: VPCs, subnets,
// internet gateways, route tables and security group rules. They run
// under the network scope's lock (vpc_model.go).
func (s *Backend) vpcActions() map[string]action {
	return map[string]action{
		"CreateVpc":                    s.createVpc,
		"DescribeVpcs":                 s.describeVpcs,
		"DeleteVpc":                    s.deleteVpc,
		"DescribeVpcAttribute":         s.describeVpcAttribute,
		"ModifyVpcAttribute":           s.modifyVpcAttribute,
		"CreateSubnet":                 s.createSubnet,
		"DescribeSubnets":              s.describeSubnets,
		"DeleteSubnet":                 s.deleteSubnet,
		"ModifySubnetAttribute":        s.modifySubnetAttribute,
		"CreateInternetGateway":        s.createInternetGateway,
		"DescribeInternetGateways":     s.describeInternetGateways,
		"AttachInternetGateway":        s.attachInternetGateway,
		"DetachInternetGateway":        s.detachInternetGateway,
		"DeleteInternetGateway":        s.deleteInternetGateway,
		"CreateRouteTable":             s.createRouteTable,
		"DescribeRouteTables":          s.describeRouteTables,
		"DeleteRouteTable":             s.deleteRouteTable,
		"CreateRoute":                  s.createRoute,
		"ReplaceRoute":                 s.replaceRoute,
		"DeleteRoute":                  s.deleteRoute,
		"AssociateRouteTable":          s.associateRouteTable,
		"DisassociateRouteTable":       s.disassociateRouteTable,
		"ReplaceRouteTableAssociation": s.replaceRouteTableAssociation,
		"DescribeSecurityGroupRules":   s.describeSecurityGroupRules,
	}
}

// vpcParamTable is the VPC world's part of paramTable.
func vpcParamTable() map[string][]string {
	describe := func(ps ...string) []string { return append(ps, "Filter.*", "MaxResults", "NextToken") }
	return map[string][]string{
		// Every VPC of the fake has default tenancy and no IPv6 block.
		"CreateVpc":            {"CidrBlock", "~InstanceTenancy=default", "~AmazonProvidedIpv6CidrBlock=false"},
		"DescribeVpcs":         describe("VpcId.N"),
		"DeleteVpc":            {"VpcId"},
		"DescribeVpcAttribute": {"VpcId", "Attribute"},
		"ModifyVpcAttribute":   {"VpcId", "EnableDnsSupport.Value", "EnableDnsHostnames.Value"},
		"CreateSubnet":         {"VpcId", "CidrBlock", "AvailabilityZone", "AvailabilityZoneId"},
		"DescribeSubnets":      describe("SubnetId.N"),
		"DeleteSubnet":         {"SubnetId"},
		// Subnets have no IPv6 block, so assigning IPv6 addresses can only
		// be off.
		"ModifySubnetAttribute":        {"SubnetId", "MapPublicIpOnLaunch.Value", "~AssignIpv6AddressOnCreation.Value=false"},
		"CreateInternetGateway":        {},
		"DescribeInternetGateways":     describe("InternetGatewayId.N"),
		"AttachInternetGateway":        {"InternetGatewayId", "VpcId"},
		"DetachInternetGateway":        {"InternetGatewayId", "VpcId"},
		"DeleteInternetGateway":        {"InternetGatewayId"},
		"CreateRouteTable":             {"VpcId", "ClientToken"},
		"DescribeRouteTables":          describe("RouteTableId.N"),
		"DeleteRouteTable":             {"RouteTableId"},
		"CreateRoute":                  {"RouteTableId", "DestinationCidrBlock", "GatewayId"},
		"ReplaceRoute":                 {"RouteTableId", "DestinationCidrBlock", "GatewayId"},
		"DeleteRoute":                  {"RouteTableId", "DestinationCidrBlock"},
		"AssociateRouteTable":          {"RouteTableId", "SubnetId"},
		"DisassociateRouteTable":       {"AssociationId"},
		"ReplaceRouteTableAssociation": {"AssociationId", "RouteTableId"},
		"DescribeSecurityGroupRules":   describe("SecurityGroupRuleId.N"),
	}
}

// noDefaultVPC is EC2's answer to a request that needs the default VPC
// after it was deleted (EC2 API Reference, error codes:
// VPCIdNotSpecified, "You have no default VPC in which to carry out the
// request").
func noDefaultVPC() error {
	return ec2Error("VPCIdNotSpecified", "No default VPC for this user.")
}

// boolValue reads an AttributeBooleanValue parameter (name.Value), which
// must be true or false.
func boolValue(r *fake.Request, name string) (bool, error) {
	v := r.Params.Get(name + ".Value")
	switch strings.ToLower(v) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, invalidValue("Invalid value '" + v + "' for " + name + ". Expected true or false.")
}

// arnOf is the ARN of an EC2 resource of the request's account and region.
func arnOf(r *fake.Request, kind, id string) string {
	return "arn:aws:ec2:" + r.Region + ":" + r.Account() + ":" + kind + "/" + id
}

// dropTagsLater drops the tags of ids once the handler has released its
// scope's lock: it is deferred before the unlock.
func (s *Backend) dropTagsLater(r *fake.Request, ids *[]string) {
	for _, id := range *ids {
		s.dropNetTags(r, id)
	}
}
