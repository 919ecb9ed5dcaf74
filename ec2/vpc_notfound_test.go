package ec2_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
)

// TestVPCWorldNotFound calls every VPC-world verb on IDs EC2 does not
// know. Each answer is a *goboto.APIError with EC2's not-found code for
// the resource (EC2 API Reference, "Error codes for the Amazon EC2 API":
// "The specified ... does not exist"), the operation that answered, its
// HTTP status (400 when EC2 refused the ID, 200 when a filtered Describe
// came back without the resource, which goboto reports with the code
// EC2 would give the ID) and request ID, and goboto.IsNotFound is true.
func TestVPCWorldNotFound(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	const (
		vpcID    = "vpc-0123456789abcdef0"
		subnetID = "subnet-0123456789abcdef0"
		igwID    = "igw-0123456789abcdef0"
		rtbID    = "rtb-0123456789abcdef0"
	)
	real, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	rt, err := real.CreateRouteTable(ctx)
	if err != nil {
		t.Fatal(err)
	}
	gw, err := conn.CreateInternetGateway(ctx)
	if err != nil {
		t.Fatal(err)
	}
	vpc, subnet, igw, table := conn.VPC(vpcID), conn.Subnet(subnetID), conn.InternetGateway(igwID), conn.RouteTable(rtbID)
	on := true
	tests := []struct {
		name     string
		call     func() error
		op, code string
		status   int
	}{
		{"VPC.Refresh", func() error { return vpc.Refresh(ctx) }, "DescribeVpcs", "InvalidVpcID.NotFound", 400},
		{"VPC.Wait", func() error { return vpc.Wait(ctx, ec2.VPCAvailable) }, "DescribeVpcs", "InvalidVpcID.NotFound", 400},
		{"VPC.Delete", func() error { return vpc.Delete(ctx) }, "DeleteVpc", "InvalidVpcID.NotFound", 400},
		{"VPC.Attributes", func() error { _, err := vpc.Attributes(ctx); return err }, "DescribeVpcAttribute", "InvalidVpcID.NotFound", 400},
		{"VPC.Update", func() error { return vpc.Update(ctx, ec2.VPCAttributesToUpdate{DNSHostnames: &on}) }, "ModifyVpcAttribute", "InvalidVpcID.NotFound", 400},
		{"VPC.DefaultSecurityGroup", func() error { _, err := vpc.DefaultSecurityGroup(ctx); return err }, "DescribeSecurityGroups", "InvalidGroup.NotFound", 200},
		{"VPC.MainRouteTable", func() error { _, err := vpc.MainRouteTable(ctx); return err }, "DescribeRouteTables", "InvalidRouteTableID.NotFound", 200},
		{"VPC.CreateRouteTable", func() error { _, err := vpc.CreateRouteTable(ctx); return err }, "CreateRouteTable", "InvalidVpcID.NotFound", 400},
		{"VPC.AddTag", func() error { return vpc.AddTag(ctx, "k", "v") }, "CreateTags", "InvalidVpcID.NotFound", 400},
		{"Subnet.Refresh", func() error { return subnet.Refresh(ctx) }, "DescribeSubnets", "InvalidSubnetID.NotFound", 400},
		{"Subnet.Wait", func() error { return subnet.Wait(ctx, ec2.SubnetAvailable) }, "DescribeSubnets", "InvalidSubnetID.NotFound", 400},
		{"Subnet.Update", func() error {
			return subnet.Update(ctx, ec2.SubnetAttributesToUpdate{MapPublicIPOnLaunch: &on})
		}, "ModifySubnetAttribute", "InvalidSubnetID.NotFound", 400},
		{"Subnet.Delete", func() error { return subnet.Delete(ctx) }, "DeleteSubnet", "InvalidSubnetID.NotFound", 400},
		{"InternetGateway.Refresh", func() error { return igw.Refresh(ctx) }, "DescribeInternetGateways", "InvalidInternetGatewayID.NotFound", 400},
		{"InternetGateway.Attach", func() error { return igw.Attach(ctx, real.ID) }, "AttachInternetGateway", "InvalidInternetGatewayID.NotFound", 400},
		{"InternetGateway.Attach to an unknown VPC", func() error { return gw.Attach(ctx, vpcID) }, "AttachInternetGateway", "InvalidVpcID.NotFound", 400},
		{"InternetGateway.Detach", func() error { return igw.Detach(ctx, real.ID) }, "DetachInternetGateway", "InvalidInternetGatewayID.NotFound", 400},
		{"InternetGateway.Delete", func() error { return igw.Delete(ctx) }, "DeleteInternetGateway", "InvalidInternetGatewayID.NotFound", 400},
		{"RouteTable.Refresh", func() error { return table.Refresh(ctx) }, "DescribeRouteTables", "InvalidRouteTableID.NotFound", 400},
		{"RouteTable.Delete", func() error { return table.Delete(ctx) }, "DeleteRouteTable", "InvalidRouteTableID.NotFound", 400},
		{"RouteTable.CreateRoute", func() error { return table.CreateRoute(ctx, "0.0.0.0/0", gw.ID) }, "CreateRoute", "InvalidRouteTableID.NotFound", 400},
		{"RouteTable.Associate", func() error { _, err := table.Associate(ctx, subnetID); return err }, "AssociateRouteTable", "InvalidRouteTableID.NotFound", 400},
		{"RouteTable.Associate an unknown subnet", func() error { _, err := rt.Associate(ctx, subnetID); return err }, "AssociateRouteTable", "InvalidSubnetID.NotFound", 400},
		{"RouteTable.ReplaceAssociation", func() error {
			_, err := rt.ReplaceAssociation(ctx, "rtbassoc-0123456789abcdef0")
			return err
		}, "ReplaceRouteTableAssociation", "InvalidAssociationID.NotFound", 400},
		// The fake serves no virtual private gateways; EC2 answers the
		// same for one it does not know.
		{"RouteTable.CreateRoute to an unknown gateway", func() error {
			return rt.CreateRoute(ctx, "0.0.0.0/0", "vgw-0123456789abcdef0")
		}, "CreateRoute", "InvalidGatewayID.NotFound", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var ae *goboto.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v (%T); want *goboto.APIError", err, err)
			}
			if ae.Service != "EC2" || ae.Operation != tt.op || ae.Code != tt.code || ae.StatusCode != tt.status || ae.RequestID == "" {
				t.Errorf("err = %+v; want EC2 %s %s, status %d, a request ID", ae, tt.op, tt.code, tt.status)
			}
			if !goboto.IsNotFound(err) {
				t.Error("IsNotFound is false")
			}
		})
	}
}

// TestVPCWorldBadHandles: handles whose IDs have the wrong shape, and
// routes with bad destinations or targets, are refused before anything
// is sent, naming the field.
func TestVPCWorldBadHandles(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	rt := conn.RouteTable("rtb-0123456789abcdef0")
	srv.ResetCalls()
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"subnet", func() error { return conn.Subnet("sub-1").Refresh(ctx) }, "SubnetId"},
		{"gateway", func() error { return conn.InternetGateway("gw-1").Delete(ctx) }, "InternetGatewayId"},
		{"route table", func() error { return conn.RouteTable("rt-1").Refresh(ctx) }, "RouteTableId"},
		{"VPC of a route table", func() error { _, err := conn.VPC("vpc-xyz").CreateRouteTable(ctx); return err }, "VpcId"},
		{"VPC's default group", func() error { _, err := conn.VPC("").DefaultSecurityGroup(ctx); return err }, "VpcId"},
		{"route to a NAT gateway", func() error { return rt.ReplaceRoute(ctx, "0.0.0.0/0", "nat-0123456789abcdef0") }, "GatewayId"},
		{"route to an IPv6 block", func() error { return rt.CreateRoute(ctx, "::/0", "igw-0123456789abcdef0") }, "Destination"},
		{"route to an address", func() error { return rt.DeleteRoute(ctx, "10.0.0.1") }, "Destination"},
		{"association of another kind", func() error { return conn.DisassociateRouteTable(ctx, "eipassoc-12345678") }, "AssociationId"},
		{"subnet waited for an unknown state", func() error {
			return conn.Subnet("subnet-0123456789abcdef0").Wait(ctx, "deleted")
		}, "State"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantInvalid(t, tt.call(), tt.field)
		})
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("bad input sent %d requests", n)
	}
}

// TestVPCWaitProgress: the waiters report each state they see to
// goboto.Progress (EC2's vpc-available and subnet-available waiters
// poll DescribeVpcs and DescribeSubnets); the fake's VPCs and subnets are
// available from the first look after CreateVpc and CreateSubnet, which
// answer pending.
func TestVPCWaitProgress(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	v, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := v.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.0.0.0/24"})
	if err != nil {
		t.Fatal(err)
	}
	if v.State != ec2.VPCPending || s.State != ec2.SubnetPending {
		t.Errorf("created: VPC %s, subnet %s; want pending", v.State, s.State)
	}
	var seen []string
	progress := goboto.Progress(func(state string, _ time.Duration) { seen = append(seen, state) })
	if err := v.Wait(ctx, ec2.VPCAvailable, progress); err != nil {
		t.Fatal(err)
	}
	if err := s.Wait(ctx, ec2.SubnetAvailable, progress); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"available", "available"}, seen); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
	if v.State != ec2.VPCAvailable || s.State != ec2.SubnetAvailable || s.AvailableIPs != 251 {
		t.Errorf("after Wait: VPC %s, subnet %s with %d free", v.State, s.State, s.AvailableIPs)
	}
	// A state that never comes runs into the timeout.
	err = s.Wait(ctx, ec2.SubnetPending, goboto.Timeout(50*time.Millisecond), goboto.Interval(10*time.Millisecond))
	var te *goboto.WaitTimeoutError
	if !errors.As(err, &te) {
		t.Errorf("waiting for pending on an available subnet: %v; want *goboto.WaitTimeoutError", err)
	}
	if _, err := conn.VPC(v.ID).MainRouteTable(context.Background()); err != nil {
		t.Errorf("MainRouteTable of a handle that knows only the ID: %v", err)
	}
	if err := v.Update(ctx, ec2.VPCAttributesToUpdate{DNSSupport: aws.Bool(true)}); err != nil {
		t.Error(err)
	}
}
