package ec2test_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto/ec2/ec2test"
)

// TestDeleteSecurityGroupInUse: EC2 API Reference, DeleteSecurityGroup:
// "If you attempt to delete a security group that is associated with an
// instance or network interface, is referenced by another security group
// in the same VPC, or has a VPC association, the operation fails with
// DependencyViolation." Once the instance is terminated and the other
// group's rule is gone, the group can be deleted.
func TestDeleteSecurityGroupInUse(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	w := newVPCWorld(t, c)
	mk := func(name string) *string {
		out, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String(name), Description: aws.String(name), VpcId: &w.vpc})
		if err != nil {
			t.Fatal(err)
		}
		return out.GroupId
	}
	web, db := mk("web"), mk("db")
	if _, err := c.AuthorizeSecurityGroupIngress(ctx, &awsec2.AuthorizeSecurityGroupIngressInput{GroupId: db,
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(5432), ToPort: aws.Int32(5432),
			UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: web}}}}}); err != nil {
		t.Fatal(err)
	}
	ids := run(t, c, &awsec2.RunInstancesInput{SubnetId: &w.subnet, SecurityGroupIds: []string{*db}})
	del := func(g *string) error {
		_, err := c.DeleteSecurityGroup(ctx, &awsec2.DeleteSecurityGroupInput{GroupId: g})
		return err
	}
	described(t, c, &awsec2.DescribeInstancesInput{InstanceIds: ids}) // the launch settles: running
	before := srv.Digest()
	checkAPIError(t, del(web), "DependencyViolation", *web) // db's rule names it
	checkAPIError(t, del(db), "DependencyViolation", *db)   // the instance uses it
	if srv.Digest() != before {
		t.Error("a refused DeleteSecurityGroup changed the state")
	}
	if _, err := c.TerminateInstances(ctx, &awsec2.TerminateInstancesInput{InstanceIds: ids}); err != nil {
		t.Fatal(err)
	}
	if err := del(db); err != nil {
		t.Fatalf("deleting a group only a terminated instance used: %v", err)
	}
	if err := del(web); err != nil {
		t.Fatalf("deleting a group no rule names any more: %v", err)
	}
}

// TestVPCTeardownOrder walks a VPC's teardown as AWS requires it
// (EC2 API Reference, DeleteVpc: "You must detach or delete all gateways
// and resources that are associated with the VPC before you can delete
// it ... delete all route tables associated with the VPC (except the
// default one)"). DeleteSubnet asks only that the subnet's instances be
// terminated, and DeleteRouteTable that the table have no subnets, so a
// subnet's association goes with the subnet. A gateway attached again
// brings its blackholed routes back.
func TestVPCTeardownOrder(t *testing.T) {
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
	if _, err := c.CreateRoute(ctx, &awsec2.CreateRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: &w.igw}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AssociateRouteTable(ctx, &awsec2.AssociateRouteTableInput{RouteTableId: id, SubnetId: &w.subnet}); err != nil {
		t.Fatal(err)
	}
	routeState := func() string {
		out, err := c.DescribeRouteTables(ctx, &awsec2.DescribeRouteTablesInput{RouteTableIds: []string{*id}})
		if err != nil {
			t.Fatal(err)
		}
		return string(out.RouteTables[0].Routes[1].State)
	}
	detach := func() error {
		_, err := c.DetachInternetGateway(ctx, &awsec2.DetachInternetGatewayInput{InternetGatewayId: &w.igw, VpcId: &w.vpc})
		return err
	}
	attach := func() error {
		_, err := c.AttachInternetGateway(ctx, &awsec2.AttachInternetGatewayInput{InternetGatewayId: &w.igw, VpcId: &w.vpc})
		return err
	}
	if err := detach(); err != nil {
		t.Fatal(err)
	}
	if got := routeState(); got != "blackhole" {
		t.Errorf("route after detaching = %s, want blackhole", got)
	}
	if err := attach(); err != nil {
		t.Fatal(err)
	}
	if got := routeState(); got != "active" {
		t.Errorf("route after attaching again = %s, want active", got)
	}

	deleteVPC := func() error {
		_, err := c.DeleteVpc(ctx, &awsec2.DeleteVpcInput{VpcId: &w.vpc})
		return err
	}
	checkAPIError(t, deleteVPC(), "DependencyViolation", w.vpc) // subnet, table, gateway
	if _, err := c.DeleteSubnet(ctx, &awsec2.DeleteSubnetInput{SubnetId: &w.subnet}); err != nil {
		t.Fatal(err)
	}
	out, err := c.DescribeRouteTables(ctx, &awsec2.DescribeRouteTablesInput{RouteTableIds: []string{*id}})
	if err != nil {
		t.Fatal(err)
	}
	if a := out.RouteTables[0].Associations; len(a) != 0 {
		t.Errorf("associations after the subnet went: %+v", a)
	}
	checkAPIError(t, deleteVPC(), "DependencyViolation", w.vpc) // table, gateway
	if _, err := c.DeleteRouteTable(ctx, &awsec2.DeleteRouteTableInput{RouteTableId: id}); err != nil {
		t.Fatalf("deleting the table once its subnet is gone: %v", err)
	}
	checkAPIError(t, deleteVPC(), "DependencyViolation", w.vpc) // gateway
	if err := detach(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteInternetGateway(ctx, &awsec2.DeleteInternetGatewayInput{InternetGatewayId: &w.igw}); err != nil {
		t.Fatal(err)
	}
	if err := deleteVPC(); err != nil {
		t.Fatal(err)
	}
}

// TestVPCNetworkErrors pins EC2's answers to requests that mix up
// networks or name what does not exist (EC2 API Reference, "Error codes
// for the Amazon EC2 API": the .Malformed codes for IDs of the wrong
// shape, InvalidGatewayID.NotFound, Gateway.NotAttached; and
// InvalidParameterValue for a table, subnet or gateway of different
// VPCs), each leaving the state unchanged.
func TestVPCNetworkErrors(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	w := newVPCWorld(t, c)
	rt, err := c.CreateRouteTable(ctx, &awsec2.CreateRouteTableInput{VpcId: &w.vpc, ClientToken: aws.String("rt-1")})
	if err != nil {
		t.Fatal(err)
	}
	id := *rt.RouteTable.RouteTableId
	vpcs, err := c.DescribeVpcs(ctx, &awsec2.DescribeVpcsInput{Filters: []types.Filter{filter("is-default", "true")}})
	if err != nil {
		t.Fatal(err)
	}
	def := *vpcs.Vpcs[0].VpcId
	subs, err := c.DescribeSubnets(ctx, &awsec2.DescribeSubnetsInput{Filters: []types.Filter{filter("vpc-id", def)}})
	if err != nil {
		t.Fatal(err)
	}
	defSubnet := *subs.Subnets[0].SubnetId
	mains, err := c.DescribeRouteTables(ctx, &awsec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("vpc-id", def), filter("association.main", "true")}})
	if err != nil {
		t.Fatal(err)
	}
	defMainAssoc := *mains.RouteTables[0].Associations[0].RouteTableAssociationId

	// A retry with the same token answers the same table, and makes none.
	again, err := c.CreateRouteTable(ctx, &awsec2.CreateRouteTableInput{VpcId: &w.vpc, ClientToken: aws.String("rt-1")})
	if err != nil || *again.RouteTable.RouteTableId != id {
		t.Errorf("CreateRouteTable retried with its token = %v, %v; want %s", again, err, id)
	}

	tests := []struct {
		name       string
		call       func() error
		code, text string
	}{
		{"malformed VPC", func() error {
			_, err := c.DescribeVpcs(ctx, &awsec2.DescribeVpcsInput{VpcIds: []string{"vpc-xyz"}})
			return err
		}, "InvalidVpcID.Malformed", "vpc-xyz"},
		{"malformed gateway", func() error {
			_, err := c.DeleteInternetGateway(ctx, &awsec2.DeleteInternetGatewayInput{InternetGatewayId: aws.String("igw-xyz")})
			return err
		}, "InvalidInternetGatewayId.Malformed", "igw-xyz"},
		{"malformed route table", func() error {
			_, err := c.DeleteRouteTable(ctx, &awsec2.DeleteRouteTableInput{RouteTableId: aws.String("rtb-xyz")})
			return err
		}, "InvalidRouteTableId.Malformed", "rtb-xyz"},
		{"route to an unknown gateway", func() error {
			_, err := c.CreateRoute(ctx, &awsec2.CreateRouteInput{RouteTableId: &id, DestinationCidrBlock: aws.String("0.0.0.0/0"),
				GatewayId: aws.String("igw-0123456789abcdef0")})
			return err
		}, "InvalidGatewayID.NotFound", "igw-0123456789abcdef0"},
		{"route to a detached gateway", func() error {
			_, err := c.CreateRoute(ctx, &awsec2.CreateRouteInput{RouteTableId: &id, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: &w.igw})
			return err
		}, "InvalidParameterValue", "different networks"},
		{"route table in an unknown VPC", func() error {
			_, err := c.CreateRouteTable(ctx, &awsec2.CreateRouteTableInput{VpcId: aws.String("vpc-0123456789abcdef0")})
			return err
		}, "InvalidVpcID.NotFound", "vpc-0123456789abcdef0"},
		{"token reused for another VPC", func() error {
			_, err := c.CreateRouteTable(ctx, &awsec2.CreateRouteTableInput{VpcId: &def, ClientToken: aws.String("rt-1")})
			return err
		}, "IdempotentParameterMismatch", ""},
		{"subnet of another VPC", func() error {
			_, err := c.AssociateRouteTable(ctx, &awsec2.AssociateRouteTableInput{RouteTableId: &id, SubnetId: &defSubnet})
			return err
		}, "InvalidParameterValue", "different networks"},
		{"association moved to another VPC's table", func() error {
			_, err := c.ReplaceRouteTableAssociation(ctx, &awsec2.ReplaceRouteTableAssociationInput{AssociationId: &defMainAssoc, RouteTableId: &id})
			return err
		}, "InvalidParameterValue", "different networks"},
		{"unknown association", func() error {
			_, err := c.ReplaceRouteTableAssociation(ctx, &awsec2.ReplaceRouteTableAssociationInput{
				AssociationId: aws.String("rtbassoc-0123456789abcdef0"), RouteTableId: &id})
			return err
		}, "InvalidAssociationID.NotFound", "rtbassoc-0123456789abcdef0"},
		{"detached from a VPC it is not attached to", func() error {
			if _, err := c.AttachInternetGateway(ctx, &awsec2.AttachInternetGatewayInput{InternetGatewayId: &w.igw, VpcId: &w.vpc}); err != nil {
				return err
			}
			defer c.DetachInternetGateway(ctx, &awsec2.DetachInternetGatewayInput{InternetGatewayId: &w.igw, VpcId: &w.vpc})
			_, err := c.DetachInternetGateway(ctx, &awsec2.DetachInternetGatewayInput{InternetGatewayId: &w.igw, VpcId: &def})
			return err
		}, "Gateway.NotAttached", w.igw},
		{"attached to an unknown VPC", func() error {
			_, err := c.AttachInternetGateway(ctx, &awsec2.AttachInternetGatewayInput{InternetGatewayId: &w.igw, VpcId: aws.String("vpc-0123456789abcdef0")})
			return err
		}, "InvalidVpcID.NotFound", "vpc-0123456789abcdef0"},
		{"attribute of an unknown subnet", func() error {
			_, err := c.ModifySubnetAttribute(ctx, &awsec2.ModifySubnetAttributeInput{SubnetId: aws.String("subnet-0123456789abcdef0"),
				MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(true)}})
			return err
		}, "InvalidSubnetID.NotFound", "subnet-0123456789abcdef0"},
		{"VPC with another route table", func() error {
			if _, err := c.DeleteSubnet(ctx, &awsec2.DeleteSubnetInput{SubnetId: &w.subnet}); err != nil {
				return err
			}
			_, err := c.DeleteVpc(ctx, &awsec2.DeleteVpcInput{VpcId: &w.vpc})
			return err
		}, "DependencyViolation", w.vpc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.Digest()
			checkAPIError(t, tt.call(), tt.code, tt.text)
			// The last case deletes the subnet on purpose before the
			// refused call; the others must change nothing (the
			// detach case attaches and detaches again around it).
			if tt.code != "DependencyViolation" && srv.Digest() != before {
				t.Error("a refused request changed the state")
			}
		})
	}
}
