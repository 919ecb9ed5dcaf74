package ec2test_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

// vpcWorld is a VPC with one subnet and a detached internet gateway.
type vpcWorld struct{ vpc, subnet, igw string }

func newVPCWorld(t *testing.T, c *awsec2.Client) vpcWorld {
	t.Helper()
	ctx := t.Context()
	vpc, err := c.CreateVpc(ctx, &awsec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := c.CreateSubnet(ctx, &awsec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String("10.0.1.0/28"),
		AvailabilityZone: aws.String("us-east-1b")})
	if err != nil {
		t.Fatal(err)
	}
	igw, err := c.CreateInternetGateway(ctx, &awsec2.CreateInternetGatewayInput{})
	if err != nil {
		t.Fatal(err)
	}
	return vpcWorld{*vpc.Vpc.VpcId, *sub.Subnet.SubnetId, *igw.InternetGateway.InternetGatewayId}
}

// TestInternetGateways: EC2 API Reference, AttachInternetGateway,
// DetachInternetGateway, DeleteInternetGateway, and the error codes page
// (Resource.AlreadyAssociated: "You also cannot attach an internet
// gateway to more than one VPC at a time"; Gateway.NotAttached;
// DependencyViolation). Routes to a detached gateway are blackholes.
func TestInternetGateways(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	w := newVPCWorld(t, c)
	attach := func(igw, vpc string) error {
		_, err := c.AttachInternetGateway(ctx, &awsec2.AttachInternetGatewayInput{InternetGatewayId: &igw, VpcId: &vpc})
		return err
	}
	detach := func(igw, vpc string) error {
		_, err := c.DetachInternetGateway(ctx, &awsec2.DetachInternetGatewayInput{InternetGatewayId: &igw, VpcId: &vpc})
		return err
	}
	checkAPIError(t, detach(w.igw, w.vpc), "Gateway.NotAttached", w.igw)
	if err := attach(w.igw, w.vpc); err != nil {
		t.Fatal(err)
	}
	vpcs, _ := c.DescribeVpcs(ctx, &awsec2.DescribeVpcsInput{Filters: []types.Filter{filter("is-default", "true")}})
	checkAPIError(t, attach(w.igw, *vpcs.Vpcs[0].VpcId), "Resource.AlreadyAssociated", w.igw)
	other, err := c.CreateInternetGateway(ctx, &awsec2.CreateInternetGatewayInput{})
	if err != nil {
		t.Fatal(err)
	}
	checkAPIError(t, attach(*other.InternetGateway.InternetGatewayId, w.vpc), "Resource.AlreadyAssociated", w.vpc)
	_, err = c.DeleteInternetGateway(ctx, &awsec2.DeleteInternetGatewayInput{InternetGatewayId: &w.igw})
	checkAPIError(t, err, "DependencyViolation", w.igw)

	rtbs, _ := c.DescribeRouteTables(ctx, &awsec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("vpc-id", w.vpc)}})
	main := rtbs.RouteTables[0].RouteTableId
	if _, err := c.CreateRoute(ctx, &awsec2.CreateRouteInput{RouteTableId: main, DestinationCidrBlock: aws.String("0.0.0.0/0"),
		GatewayId: &w.igw}); err != nil {
		t.Fatal(err)
	}
	state := func() string {
		out, err := c.DescribeRouteTables(ctx, &awsec2.DescribeRouteTablesInput{RouteTableIds: []string{*main},
			Filters: []types.Filter{filter("route.gateway-id", w.igw)}})
		if err != nil || len(out.RouteTables) != 1 {
			t.Fatalf("DescribeRouteTables: %v %v", out, err)
		}
		return string(out.RouteTables[0].Routes[1].State)
	}
	if got := state(); got != "active" {
		t.Errorf("route state = %s, want active", got)
	}
	if err := detach(w.igw, w.vpc); err != nil {
		t.Fatal(err)
	}
	if got := state(); got != "blackhole" {
		t.Errorf("route state after detaching = %s, want blackhole", got)
	}
	if _, err := c.DeleteInternetGateway(ctx, &awsec2.DeleteInternetGatewayInput{InternetGatewayId: &w.igw}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeInternetGateways(ctx, &awsec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{w.igw}})
	checkAPIError(t, err, "InvalidInternetGatewayID.NotFound", w.igw)
}

// TestRouteTables: EC2 API Reference, CreateRoute, ReplaceRoute,
// DeleteRoute, AssociateRouteTable, DisassociateRouteTable,
// ReplaceRouteTableAssociation and DeleteRouteTable; the local route
// cannot be removed or replaced, a route to a gateway of another VPC is
// refused, and a table in use cannot be deleted (DependencyViolation).
func TestRouteTables(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	w := newVPCWorld(t, c)
	if _, err := c.AttachInternetGateway(ctx, &awsec2.AttachInternetGatewayInput{InternetGatewayId: &w.igw, VpcId: &w.vpc}); err != nil {
		t.Fatal(err)
	}
	rt, err := c.CreateRouteTable(ctx, &awsec2.CreateRouteTableInput{VpcId: &w.vpc})
	if err != nil {
		t.Fatal(err)
	}
	id := rt.RouteTable.RouteTableId
	route := func(dest string) *awsec2.CreateRouteInput {
		return &awsec2.CreateRouteInput{RouteTableId: id, DestinationCidrBlock: &dest, GatewayId: &w.igw}
	}
	if _, err := c.CreateRoute(ctx, route("0.0.0.0/0")); err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateRoute(ctx, route("0.0.0.0/0"))
	checkAPIError(t, err, "RouteAlreadyExists", "0.0.0.0/0")
	_, err = c.CreateRoute(ctx, route("10.0.5.0/24"))
	checkAPIError(t, err, "InvalidParameterValue", "more specific")
	_, err = c.DeleteRoute(ctx, &awsec2.DeleteRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("10.0.0.0/16")})
	checkAPIError(t, err, "InvalidParameterValue", "local route")
	_, err = c.ReplaceRoute(ctx, &awsec2.ReplaceRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("10.0.0.0/16"), GatewayId: &w.igw})
	checkAPIError(t, err, "InvalidParameterValue", "local route")
	_, err = c.ReplaceRoute(ctx, &awsec2.ReplaceRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("192.0.2.0/24"), GatewayId: &w.igw})
	checkAPIError(t, err, "InvalidParameterValue", "There is no route defined for '192.0.2.0/24' in the route table. Use CreateRoute instead.")
	igws, _ := c.DescribeInternetGateways(ctx, &awsec2.DescribeInternetGatewaysInput{Filters: []types.Filter{filter("attachment.vpc-id", "vpc-*")}})
	for _, g := range igws.InternetGateways {
		if *g.InternetGatewayId != w.igw {
			_, err = c.CreateRoute(ctx, &awsec2.CreateRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("198.51.100.0/24"), GatewayId: g.InternetGatewayId})
			checkAPIError(t, err, "InvalidParameterValue", "different networks")
		}
	}

	assoc, err := c.AssociateRouteTable(ctx, &awsec2.AssociateRouteTableInput{RouteTableId: id, SubnetId: &w.subnet})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.AssociateRouteTable(ctx, &awsec2.AssociateRouteTableInput{RouteTableId: id, SubnetId: &w.subnet})
	checkAPIError(t, err, "Resource.AlreadyAssociated", *id)
	_, err = c.DeleteRouteTable(ctx, &awsec2.DeleteRouteTableInput{RouteTableId: id})
	checkAPIError(t, err, "DependencyViolation", *id)
	got, err := c.DescribeRouteTables(ctx, &awsec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("association.subnet-id", w.subnet)}})
	if err != nil || len(got.RouteTables) != 1 || *got.RouteTables[0].RouteTableId != *id {
		t.Fatalf("the subnet's table: %v %v", got, err)
	}
	if _, err := c.DisassociateRouteTable(ctx, &awsec2.DisassociateRouteTableInput{AssociationId: assoc.AssociationId}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DisassociateRouteTable(ctx, &awsec2.DisassociateRouteTableInput{AssociationId: assoc.AssociationId})
	checkAPIError(t, err, "InvalidAssociationID.NotFound", *assoc.AssociationId)

	// The main association moves to the new table, which is then the
	// VPC's main table and cannot be deleted; the old one can.
	mains, _ := c.DescribeRouteTables(ctx, &awsec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("vpc-id", w.vpc), filter("association.main", "true")}})
	oldMain := mains.RouteTables[0]
	_, err = c.DisassociateRouteTable(ctx, &awsec2.DisassociateRouteTableInput{AssociationId: oldMain.Associations[0].RouteTableAssociationId})
	checkAPIError(t, err, "InvalidParameterValue", "main route table")
	if _, err := c.ReplaceRouteTableAssociation(ctx, &awsec2.ReplaceRouteTableAssociationInput{
		AssociationId: oldMain.Associations[0].RouteTableAssociationId, RouteTableId: id}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DeleteRouteTable(ctx, &awsec2.DeleteRouteTableInput{RouteTableId: id})
	checkAPIError(t, err, "DependencyViolation", *id)
	if _, err := c.DeleteRouteTable(ctx, &awsec2.DeleteRouteTableInput{RouteTableId: oldMain.RouteTableId}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeRouteTables(ctx, &awsec2.DescribeRouteTablesInput{RouteTableIds: []string{*oldMain.RouteTableId}})
	checkAPIError(t, err, "InvalidRouteTableID.NotFound", *oldMain.RouteTableId)
}

// TestSubnetAddresses: an instance launched into a subnet takes the
// lowest free address of its block after the four AWS reserves at the
// start (Amazon VPC User Guide, "Subnet CIDR blocks": the network
// address, the router, DNS and one for future use; and the broadcast
// address at the end), the subnet's available count drops, a full subnet
// answers InsufficientFreeAddressesInSubnet, and a subnet with instances
// cannot be deleted until they are terminated.
func TestSubnetAddresses(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	w := newVPCWorld(t, c) // a /28: 16 addresses, 11 usable
	ids := run(t, c, &awsec2.RunInstancesInput{SubnetId: &w.subnet, MinCount: aws.Int32(2), MaxCount: aws.Int32(2)})
	var ips []string
	for _, inst := range described(t, c, &awsec2.DescribeInstancesInput{InstanceIds: ids}) {
		ips = append(ips, aws.ToString(inst.PrivateIpAddress))
		if aws.ToString(inst.SubnetId) != w.subnet || aws.ToString(inst.VpcId) != w.vpc || inst.PublicIpAddress != nil {
			t.Errorf("instance %s: subnet %v vpc %v public %v", *inst.InstanceId, inst.SubnetId, inst.VpcId, inst.PublicIpAddress)
		}
		if aws.ToString(inst.Placement.AvailabilityZone) != "us-east-1b" {
			t.Errorf("instance zone %v, want the subnet's", inst.Placement.AvailabilityZone)
		}
	}
	if diff := cmp.Diff([]string{"10.0.1.4", "10.0.1.5"}, ips); diff != "" {
		t.Errorf("private IPs (-want +got):\n%s", diff)
	}
	free := func() int32 {
		out, err := c.DescribeSubnets(ctx, &awsec2.DescribeSubnetsInput{SubnetIds: []string{w.subnet}})
		if err != nil {
			t.Fatal(err)
		}
		return *out.Subnets[0].AvailableIpAddressCount
	}
	if got := free(); got != 9 {
		t.Errorf("available addresses = %d, want 16-5-2 = 9", got)
	}
	_, err := c.RunInstances(ctx, &awsec2.RunInstancesInput{ImageId: aws.String(ec2test.DefaultEBSImage), SubnetId: &w.subnet,
		MinCount: aws.Int32(10), MaxCount: aws.Int32(10)})
	checkAPIError(t, err, "InsufficientFreeAddressesInSubnet", w.subnet)
	_, err = c.RunInstances(ctx, &awsec2.RunInstancesInput{ImageId: aws.String(ec2test.DefaultEBSImage), SubnetId: &w.subnet,
		MinCount: aws.Int32(1), MaxCount: aws.Int32(1), Placement: &types.Placement{AvailabilityZone: aws.String("us-east-1a")}})
	checkAPIError(t, err, "InvalidParameterValue", "us-east-1b")
	groups, _ := c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{GroupNames: []string{"default"}})
	_, err = c.RunInstances(ctx, &awsec2.RunInstancesInput{ImageId: aws.String(ec2test.DefaultEBSImage), SubnetId: &w.subnet,
		MinCount: aws.Int32(1), MaxCount: aws.Int32(1), SecurityGroupIds: []string{*groups.SecurityGroups[0].GroupId}})
	checkAPIError(t, err, "InvalidParameter", "different networks")
	_, err = c.DeleteSubnet(ctx, &awsec2.DeleteSubnetInput{SubnetId: &w.subnet})
	checkAPIError(t, err, "DependencyViolation", w.subnet)
	if _, err := c.TerminateInstances(ctx, &awsec2.TerminateInstancesInput{InstanceIds: ids}); err != nil {
		t.Fatal(err)
	}
	if got := free(); got != 11 {
		t.Errorf("available addresses after terminating = %d, want 11", got)
	}
	if _, err := c.DeleteSubnet(ctx, &awsec2.DeleteSubnetInput{SubnetId: &w.subnet}); err != nil {
		t.Fatal(err)
	}
}

// TestMapPublicIPOnLaunch: an instance in a subnet that maps public
// addresses gets one when it runs; ModifySubnetAttribute turns it on
// (EC2 API Reference, ModifySubnetAttribute, MapPublicIpOnLaunch).
func TestMapPublicIPOnLaunch(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	w := newVPCWorld(t, c)
	if _, err := c.ModifySubnetAttribute(t.Context(), &awsec2.ModifySubnetAttributeInput{SubnetId: &w.subnet,
		MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(true)}}); err != nil {
		t.Fatal(err)
	}
	ids := run(t, c, &awsec2.RunInstancesInput{SubnetId: &w.subnet})
	insts := described(t, c, &awsec2.DescribeInstancesInput{InstanceIds: ids})
	if insts[0].PublicIpAddress == nil {
		t.Error("no public address in a subnet that maps them")
	}
	out, err := c.DescribeSubnets(t.Context(), &awsec2.DescribeSubnetsInput{Filters: []types.Filter{filter("map-public-ip-on-launch", "true"),
		filter("vpc-id", w.vpc)}})
	if err != nil || len(out.Subnets) != 1 {
		t.Errorf("map-public-ip-on-launch filter: %v %v", out, err)
	}
}

// TestSecurityGroupRules: DescribeSecurityGroupRules lists each rule with
// its sgr- ID (EC2 API Reference, DescribeSecurityGroupRules; filters
// group-id and security-group-rule-id); an unknown ID is
// InvalidSecurityGroupRuleId.NotFound.
func TestSecurityGroupRules(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	w := newVPCWorld(t, c)
	g, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("web"), Description: aws.String("web"), VpcId: &w.vpc})
	if err != nil {
		t.Fatal(err)
	}
	auth, err := c.AuthorizeSecurityGroupIngress(ctx, &awsec2.AuthorizeSecurityGroupIngressInput{GroupId: g.GroupId,
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
			IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}})
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.DescribeSecurityGroupRules(ctx, &awsec2.DescribeSecurityGroupRulesInput{Filters: []types.Filter{filter("group-id", *g.GroupId)}})
	if err != nil {
		t.Fatal(err)
	}
	type rule struct {
		Egress   bool
		Proto    string
		From, To int32
		CIDR     string
	}
	var got []rule
	for _, r := range out.SecurityGroupRules {
		got = append(got, rule{*r.IsEgress, *r.IpProtocol, *r.FromPort, *r.ToPort, aws.ToString(r.CidrIpv4)})
	}
	if diff := cmp.Diff([]rule{{false, "tcp", 443, 443, "0.0.0.0/0"}, {true, "-1", -1, -1, "0.0.0.0/0"}}, got); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	one, err := c.DescribeSecurityGroupRules(ctx, &awsec2.DescribeSecurityGroupRulesInput{
		SecurityGroupRuleIds: []string{*auth.SecurityGroupRules[0].SecurityGroupRuleId}})
	if err != nil || len(one.SecurityGroupRules) != 1 || *one.SecurityGroupRules[0].GroupId != *g.GroupId {
		t.Errorf("by rule ID: %v %v", one, err)
	}
	_, err = c.DescribeSecurityGroupRules(ctx, &awsec2.DescribeSecurityGroupRulesInput{SecurityGroupRuleIds: []string{"sgr-0123456789abcdef0"}})
	checkAPIError(t, err, "InvalidSecurityGroupRuleId.NotFound", "sgr-0123456789abcdef0")
	// The VPC's own default group exists, and names are per VPC.
	if _, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("web"), Description: aws.String("web")}); err != nil {
		t.Errorf("a name used in another VPC: %v", err)
	}
	_, err = c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("web"), Description: aws.String("web"), VpcId: &w.vpc})
	checkAPIError(t, err, "InvalidGroup.Duplicate", "web")
	defaults, err := c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{Filters: []types.Filter{filter("vpc-id", w.vpc),
		filter("group-name", "default")}})
	if err != nil || len(defaults.SecurityGroups) != 1 {
		t.Errorf("the VPC's default group: %v %v", defaults, err)
	}
}
