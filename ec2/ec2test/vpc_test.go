package ec2test_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

// TestDefaultVPC: Amazon VPC User Guide, "Default VPCs": every region of
// an account has a default VPC with an IPv4 block of 172.31.0.0/16, a
// default /20 subnet in each Availability Zone that gives instances
// public addresses, an internet gateway attached, a main route table
// sending 0.0.0.0/0 to it, a default security group, and DNS support and
// host names enabled.
func TestDefaultVPC(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	vpcs, err := c.DescribeVpcs(ctx, &awsec2.DescribeVpcsInput{Filters: []types.Filter{filter("is-default", "true")}})
	if err != nil || len(vpcs.Vpcs) != 1 {
		t.Fatalf("DescribeVpcs is-default: %v %v", vpcs, err)
	}
	v := vpcs.Vpcs[0]
	if got := [3]string{aws.ToString(v.CidrBlock), string(v.State), aws.ToString(v.OwnerId)}; got != [3]string{"172.31.0.0/16", "available", "111122223333"} {
		t.Errorf("default VPC = %v", got)
	}
	subs, err := c.DescribeSubnets(ctx, &awsec2.DescribeSubnetsInput{Filters: []types.Filter{filter("vpc-id", *v.VpcId)}})
	if err != nil {
		t.Fatal(err)
	}
	type sub struct {
		Zone, CIDR    string
		Default, Maps bool
		Free          int32
	}
	var got []sub
	for _, s := range subs.Subnets {
		got = append(got, sub{*s.AvailabilityZone, *s.CidrBlock, *s.DefaultForAz, *s.MapPublicIpOnLaunch, *s.AvailableIpAddressCount})
	}
	// A /20 has 4096 addresses; AWS reserves 5 of each subnet.
	want := []sub{{"us-east-1a", "172.31.0.0/20", true, true, 4091}, {"us-east-1b", "172.31.16.0/20", true, true, 4091},
		{"us-east-1c", "172.31.32.0/20", true, true, 4091}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("default subnets (-want +got):\n%s", diff)
	}
	igws, err := c.DescribeInternetGateways(ctx, &awsec2.DescribeInternetGatewaysInput{Filters: []types.Filter{filter("attachment.vpc-id", *v.VpcId)}})
	if err != nil || len(igws.InternetGateways) != 1 {
		t.Fatalf("the default VPC's gateway: %v %v", igws, err)
	}
	igw := *igws.InternetGateways[0].InternetGatewayId
	rtbs, err := c.DescribeRouteTables(ctx, &awsec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("vpc-id", *v.VpcId),
		filter("association.main", "true")}})
	if err != nil || len(rtbs.RouteTables) != 1 {
		t.Fatalf("the default VPC's main table: %v %v", rtbs, err)
	}
	var routes [][3]string
	for _, r := range rtbs.RouteTables[0].Routes {
		routes = append(routes, [3]string{*r.DestinationCidrBlock, *r.GatewayId, string(r.State)})
	}
	if diff := cmp.Diff([][3]string{{"172.31.0.0/16", "local", "active"}, {"0.0.0.0/0", igw, "active"}}, routes); diff != "" {
		t.Errorf("main routes (-want +got):\n%s", diff)
	}
	for attr, want := range map[types.VpcAttributeName]bool{types.VpcAttributeNameEnableDnsSupport: true, types.VpcAttributeNameEnableDnsHostnames: true} {
		out, err := c.DescribeVpcAttribute(ctx, &awsec2.DescribeVpcAttributeInput{VpcId: v.VpcId, Attribute: attr})
		if err != nil {
			t.Fatal(err)
		}
		v := out.EnableDnsSupport
		if attr == types.VpcAttributeNameEnableDnsHostnames {
			v = out.EnableDnsHostnames
		}
		if v == nil || aws.ToBool(v.Value) != want {
			t.Errorf("%s = %v, want %v", attr, v, want)
		}
	}
	groups, err := c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{GroupNames: []string{"default"}})
	if err != nil || aws.ToString(groups.SecurityGroups[0].VpcId) != *v.VpcId {
		t.Errorf("the default group is not the default VPC's: %v %v", groups, err)
	}
}

// TestVPCErrors pins what EC2 answers for bad VPC and subnet requests
// (EC2 API Reference, "Error codes for the Amazon EC2 API"; Amazon VPC
// User Guide, "VPC CIDR blocks" and "Subnet CIDR blocks": blocks from /16
// to /28, subnets inside their VPC and not overlapping each other), each
// leaving the state unchanged.
func TestVPCErrors(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	vpc, err := c.CreateVpc(ctx, &awsec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	if err != nil {
		t.Fatal(err)
	}
	if vpc.Vpc.State != types.VpcStatePending {
		t.Errorf("CreateVpc state = %s, want pending", vpc.Vpc.State)
	}
	id := vpc.Vpc.VpcId
	if _, err := c.CreateSubnet(ctx, &awsec2.CreateSubnetInput{VpcId: id, CidrBlock: aws.String("10.0.1.0/24")}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		call       func() error
		code, text string
	}{
		{"vpc block too big", func() error {
			_, err := c.CreateVpc(ctx, &awsec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/8")})
			return err
		}, "InvalidVpc.Range", "10.0.0.0/8"},
		{"vpc block not a block", func() error {
			_, err := c.CreateVpc(ctx, &awsec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.1/16")})
			return err
		}, "InvalidParameterValue", "10.0.0.1/16"},
		{"subnet outside its VPC", func() error {
			_, err := c.CreateSubnet(ctx, &awsec2.CreateSubnetInput{VpcId: id, CidrBlock: aws.String("10.1.0.0/24")})
			return err
		}, "InvalidSubnet.Range", "10.1.0.0/24"},
		{"subnet too small", func() error {
			_, err := c.CreateSubnet(ctx, &awsec2.CreateSubnetInput{VpcId: id, CidrBlock: aws.String("10.0.2.0/29")})
			return err
		}, "InvalidSubnet.Range", "10.0.2.0/29"},
		{"subnet overlapping another", func() error {
			_, err := c.CreateSubnet(ctx, &awsec2.CreateSubnetInput{VpcId: id, CidrBlock: aws.String("10.0.0.0/20")})
			return err
		}, "InvalidSubnet.Conflict", "10.0.0.0/20"},
		{"subnet in an unknown zone", func() error {
			_, err := c.CreateSubnet(ctx, &awsec2.CreateSubnetInput{VpcId: id, CidrBlock: aws.String("10.0.9.0/24"),
				AvailabilityZone: aws.String("us-east-1z")})
			return err
		}, "InvalidParameterValue", "us-east-1z"},
		{"unknown VPC", func() error {
			_, err := c.CreateSubnet(ctx, &awsec2.CreateSubnetInput{VpcId: aws.String("vpc-0123456789abcdef0"), CidrBlock: aws.String("10.0.9.0/24")})
			return err
		}, "InvalidVpcID.NotFound", "vpc-0123456789abcdef0"},
		{"malformed subnet", func() error {
			_, err := c.DeleteSubnet(ctx, &awsec2.DeleteSubnetInput{SubnetId: aws.String("subnet-x")})
			return err
		}, "InvalidSubnetID.Malformed", "subnet-x"},
		{"unknown subnet", func() error {
			_, err := c.DescribeSubnets(ctx, &awsec2.DescribeSubnetsInput{SubnetIds: []string{"subnet-0123456789abcdef0"}})
			return err
		}, "InvalidSubnetID.NotFound", "subnet-0123456789abcdef0"},
		{"VPC with a subnet", func() error {
			_, err := c.DeleteVpc(ctx, &awsec2.DeleteVpcInput{VpcId: id})
			return err
		}, "DependencyViolation", *id},
		{"two attributes at once", func() error {
			_, err := c.ModifyVpcAttribute(ctx, &awsec2.ModifyVpcAttributeInput{VpcId: id,
				EnableDnsSupport: &types.AttributeBooleanValue{Value: aws.Bool(true)}, EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}})
			return err
		}, "InvalidParameterCombination", ""},
		{"the sixth VPC", func() error {
			for _, b := range []string{"10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"} {
				if _, err := c.CreateVpc(ctx, &awsec2.CreateVpcInput{CidrBlock: aws.String(b)}); err != nil {
					return err
				}
			}
			_, err := c.CreateVpc(ctx, &awsec2.CreateVpcInput{CidrBlock: aws.String("10.4.0.0/16")})
			return err
		}, "VpcLimitExceeded", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.Digest()
			checkAPIError(t, tt.call(), tt.code, tt.text)
			if tt.code != "VpcLimitExceeded" && srv.Digest() != before {
				t.Error("a refused request changed the state")
			}
		})
	}
}

// TestDeleteVPC: a VPC without subnets, gateways, other tables or groups
// goes with its main route table and default group (EC2 API Reference,
// DeleteVpc: "you must ... delete or detach all resources associated
// with the VPC"); DescribeVpcs then answers InvalidVpcID.NotFound.
func TestDeleteVPC(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	vpc, err := c.CreateVpc(ctx, &awsec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	if err != nil {
		t.Fatal(err)
	}
	id := vpc.Vpc.VpcId
	g, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("app"), Description: aws.String("app"), VpcId: id})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.DeleteVpc(ctx, &awsec2.DeleteVpcInput{VpcId: id})
	checkAPIError(t, err, "DependencyViolation", *id)
	if _, err := c.DeleteSecurityGroup(ctx, &awsec2.DeleteSecurityGroupInput{GroupId: g.GroupId}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteVpc(ctx, &awsec2.DeleteVpcInput{VpcId: id}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeVpcs(ctx, &awsec2.DescribeVpcsInput{VpcIds: []string{*id}})
	checkAPIError(t, err, "InvalidVpcID.NotFound", *id)
	rtbs, err := c.DescribeRouteTables(ctx, &awsec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("vpc-id", *id)}})
	if err != nil || len(rtbs.RouteTables) != 0 {
		t.Errorf("route tables of the deleted VPC: %v %v", rtbs, err)
	}
	groups, err := c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{Filters: []types.Filter{filter("vpc-id", *id)}})
	if err != nil || len(groups.SecurityGroups) != 0 {
		t.Errorf("groups of the deleted VPC: %v %v", groups, err)
	}
}

// TestDeleteDefaultVPC: the default VPC can be deleted once emptied; a
// launch or group that needs it then answers VPCIdNotSpecified (EC2 API
// Reference, error codes: "You have no default VPC in which to carry out
// the request").
func TestDeleteDefaultVPC(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	vpcs, err := c.DescribeVpcs(ctx, &awsec2.DescribeVpcsInput{Filters: []types.Filter{filter("is-default", "true")}})
	if err != nil {
		t.Fatal(err)
	}
	id := vpcs.Vpcs[0].VpcId
	subs, _ := c.DescribeSubnets(ctx, &awsec2.DescribeSubnetsInput{})
	for _, s := range subs.Subnets {
		if _, err := c.DeleteSubnet(ctx, &awsec2.DeleteSubnetInput{SubnetId: s.SubnetId}); err != nil {
			t.Fatal(err)
		}
	}
	igws, _ := c.DescribeInternetGateways(ctx, &awsec2.DescribeInternetGatewaysInput{})
	igw := igws.InternetGateways[0].InternetGatewayId
	_, err = c.DeleteVpc(ctx, &awsec2.DeleteVpcInput{VpcId: id})
	checkAPIError(t, err, "DependencyViolation", *id)
	_, err = c.DeleteInternetGateway(ctx, &awsec2.DeleteInternetGatewayInput{InternetGatewayId: igw})
	checkAPIError(t, err, "DependencyViolation", *igw)
	if _, err := c.DetachInternetGateway(ctx, &awsec2.DetachInternetGatewayInput{InternetGatewayId: igw, VpcId: id}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteVpc(ctx, &awsec2.DeleteVpcInput{VpcId: id}); err != nil {
		t.Fatal(err)
	}
	_, err = c.RunInstances(ctx, &awsec2.RunInstancesInput{ImageId: aws.String(ec2test.DefaultEBSImage), MinCount: aws.Int32(1), MaxCount: aws.Int32(1)})
	checkAPIError(t, err, "VPCIdNotSpecified", "")
	_, err = c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("g"), Description: aws.String("g")})
	checkAPIError(t, err, "VPCIdNotSpecified", "")
}
