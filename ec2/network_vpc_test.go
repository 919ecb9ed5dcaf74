package ec2_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

// newVPC makes a VPC of 10.0.0.0/16 with a public subnet in us-east-1a
// and a private one in us-east-1b.
func newVPC(t *testing.T, conn *ec2.Conn) (*ec2.VPC, *ec2.Subnet, *ec2.Subnet) {
	t.Helper()
	v, err := conn.CreateVPC(t.Context(), ec2.VPCOptions{CIDR: "10.0.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	subs, err := v.CreateSubnets(t.Context(), ec2.SubnetOptions{CIDR: "10.0.0.0/24", Zone: "us-east-1a", Tags: ec2.Tags{"tier": "public"}},
		ec2.SubnetOptions{CIDR: "10.0.1.0/28", Zone: "us-east-1b"})
	if err != nil {
		t.Fatal(err)
	}
	return v, subs[0], subs[1]
}

// TestSubnetLifecycle: CreateSubnet answers pending and Wait sees
// available (EC2's subnet-available waiter), Update turns on public
// addresses (ModifySubnetAttribute MapPublicIpOnLaunch), and Delete
// removes it.
func TestSubnetLifecycle(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	v, pub, _ := newVPC(t, conn)
	if pub.State != ec2.SubnetPending || pub.VPCID != v.ID || pub.Zone != "us-east-1a" || pub.Tags["tier"] != "public" {
		t.Errorf("CreateSubnet = %+v", pub)
	}
	if err := pub.Wait(ctx, ec2.SubnetAvailable, goboto.Interval(1)); err != nil {
		t.Fatal(err)
	}
	if pub.AvailableIPs != 251 || pub.MapPublicIPOnLaunch || pub.DefaultForZone {
		t.Errorf("after Wait: %+v", pub)
	}
	if err := pub.Update(ctx, ec2.SubnetAttributesToUpdate{MapPublicIPOnLaunch: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	h := conn.Subnet(pub.ID)
	if err := h.Refresh(ctx); err != nil || !h.MapPublicIPOnLaunch {
		t.Errorf("after Update: %+v, %v", h, err)
	}
	wantInvalid(t, h.Update(ctx, ec2.SubnetAttributesToUpdate{}), "SubnetAttributesToUpdate")
	if err := h.AddTag(ctx, "Name", "web"); err != nil {
		t.Fatal(err)
	}
	var names []string
	for s, err := range conn.Subnets(ctx, ec2.Filter{}.Tag("Name", "web")) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, s.ID)
	}
	if diff := cmp.Diff([]string{pub.ID}, names); diff != "" {
		t.Errorf("Subnets by tag (-want +got):\n%s", diff)
	}
	if err := h.RemoveTag(ctx, "Name"); err != nil {
		t.Fatal(err)
	}
	if err := h.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	wantAPIError(t, h.Refresh(ctx), "InvalidSubnetID.NotFound")
	wantAPIError(t, h.Delete(ctx), "InvalidSubnetID.NotFound")
	wantInvalid(t, h.Wait(ctx, "gone"), "State")
}

// TestInstancesInSubnets: an instance launched into a subnet takes its
// VPC, zone and a private address from its block (the fifth address:
// AWS reserves the first four, Amazon VPC User Guide, "Subnet CIDR
// blocks"); one launched without a subnet goes into its zone's default
// subnet; DescribeInstances filters by vpc-id and subnet-id; a subnet in
// use cannot be deleted (DependencyViolation).
func TestInstancesInSubnets(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	v, _, private := newVPC(t, conn)
	res, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, SubnetID: private.ID})
	if err != nil {
		t.Fatal(err)
	}
	inst := res.Instances[0]
	if got := [4]string{inst.VPCID, inst.SubnetID, inst.Placement, inst.PrivateIP}; got != [4]string{v.ID, private.ID, "us-east-1b", "10.0.1.4"} {
		t.Errorf("instance placement = %v", got)
	}
	def, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, Zone: "us-east-1c"})
	if err != nil {
		t.Fatal(err)
	}
	dv, err := conn.DefaultVPC(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := def.Instances[0]; d.VPCID != dv.ID || d.PrivateIP != "172.31.32.4" {
		t.Errorf("default-subnet instance: vpc %s ip %s, want %s 172.31.32.4", d.VPCID, d.PrivateIP, dv.ID)
	}
	ids := func(f ec2.Filter) []string {
		var out []string
		for i, err := range conn.Instances(ctx, f) {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, i.ID)
		}
		return out
	}
	if diff := cmp.Diff([]string{inst.ID}, ids(ec2.Filter{"vpc-id": {v.ID}})); diff != "" {
		t.Errorf("vpc-id (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{inst.ID}, ids(ec2.Filter{"subnet-id": {private.ID}})); diff != "" {
		t.Errorf("subnet-id (-want +got):\n%s", diff)
	}
	if err := private.Refresh(ctx); err != nil || private.AvailableIPs != 10 {
		t.Errorf("a /28 with one instance: %d available, want 16-5-1 = 10 (%v)", private.AvailableIPs, err)
	}
	wantAPIError(t, private.Delete(ctx), "DependencyViolation")
	// The VPC's own groups, not the default VPC's.
	g, err := v.DefaultSecurityGroup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(inst.SecurityGroups) != 1 || inst.SecurityGroups[0].ID != g.ID {
		t.Errorf("instance groups %+v, want the VPC's default group %s", inst.SecurityGroups, g.ID)
	}
	_, err = conn.RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, SubnetID: "subnet-0123456789abcdef0"})
	wantAPIError(t, err, "InvalidSubnetID.NotFound")
}

// TestInternetGatewayLifecycle: EC2 API Reference, AttachInternetGateway,
// DetachInternetGateway and DeleteInternetGateway, with the errors the
// error-codes page gives: Resource.AlreadyAssociated (a gateway attaches
// to one VPC at a time), Gateway.NotAttached and DependencyViolation.
func TestInternetGatewayLifecycle(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	v, _, _ := newVPC(t, conn)
	gw, err := conn.CreateInternetGateway(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if gw.VPCID != "" || gw.OwnerID == "" {
		t.Errorf("CreateInternetGateway = %+v", gw)
	}
	wantAPIError(t, gw.Detach(ctx, v.ID), "Gateway.NotAttached")
	if err := gw.Attach(ctx, v.ID); err != nil {
		t.Fatal(err)
	}
	h := conn.InternetGateway(gw.ID)
	if err := h.Refresh(ctx); err != nil || h.VPCID != v.ID {
		t.Errorf("after Attach: %+v, %v", h, err)
	}
	dv, err := conn.DefaultVPC(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantAPIError(t, gw.Attach(ctx, dv.ID), "Resource.AlreadyAssociated")
	wantAPIError(t, gw.Delete(ctx), "DependencyViolation")
	wantAPIError(t, v.Delete(ctx), "DependencyViolation")
	var attached []string
	for g, err := range conn.InternetGateways(ctx, ec2.Filter{"attachment.vpc-id": {v.ID}}) {
		if err != nil {
			t.Fatal(err)
		}
		attached = append(attached, g.ID)
	}
	if diff := cmp.Diff([]string{gw.ID}, attached); diff != "" {
		t.Errorf("InternetGateways attached to the VPC (-want +got):\n%s", diff)
	}
	if err := gw.AddTag(ctx, "Name", "edge"); err != nil {
		t.Fatal(err)
	}
	if err := gw.RemoveTag(ctx, "Name"); err != nil {
		t.Fatal(err)
	}
	if err := gw.Detach(ctx, v.ID); err != nil {
		t.Fatal(err)
	}
	if err := gw.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	wantAPIError(t, h.Refresh(ctx), "InvalidInternetGatewayID.NotFound")
	wantInvalid(t, gw.Attach(ctx, "vpc"), "VpcId")
	wantInvalid(t, gw.Detach(ctx, ""), "VpcId")
}

// TestRouteTableLifecycle: a public subnet's table routes 0.0.0.0/0 to
// an internet gateway (Amazon VPC User Guide, "Route tables"): the local
// route cannot be changed (caught locally once the handle knows its
// routes, and by EC2), a subnet has one table at a time, and the main
// association can move to another table (ReplaceRouteTableAssociation).
func TestRouteTableLifecycle(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	v, pub, _ := newVPC(t, conn)
	gw, err := conn.CreateInternetGateway(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := gw.Attach(ctx, v.ID); err != nil {
		t.Fatal(err)
	}
	rt, err := v.CreateRouteTable(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rt.Main || rt.VPCID != v.ID || len(rt.Routes) != 1 || rt.Routes[0].GatewayID != "local" {
		t.Errorf("CreateRouteTable = %+v", rt)
	}
	wantInvalid(t, rt.DeleteRoute(ctx, "10.0.0.0/16"), "Destination")
	wantInvalid(t, rt.ReplaceRoute(ctx, "10.0.0.0/16", gw.ID), "Destination")
	wantAPIError(t, conn.RouteTable(rt.ID).DeleteRoute(ctx, "10.0.0.0/16"), "InvalidParameterValue")
	if err := rt.CreateRoute(ctx, "0.0.0.0/0", gw.ID); err != nil {
		t.Fatal(err)
	}
	wantAPIError(t, rt.CreateRoute(ctx, "0.0.0.0/0", gw.ID), "RouteAlreadyExists")
	wantAPIError(t, rt.ReplaceRoute(ctx, "192.0.2.0/24", gw.ID), "InvalidParameterValue")
	if err := rt.ReplaceRoute(ctx, "0.0.0.0/0", gw.ID); err != nil {
		t.Fatal(err)
	}
	assoc, err := rt.Associate(ctx, pub.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, err = rt.Associate(ctx, pub.ID)
	wantAPIError(t, err, "Resource.AlreadyAssociated")
	if err := rt.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	want := []ec2.Route{{Destination: "10.0.0.0/16", GatewayID: "local", State: "active", Origin: "CreateRouteTable"},
		{Destination: "0.0.0.0/0", GatewayID: gw.ID, State: "active", Origin: "CreateRoute"}}
	if diff := cmp.Diff(want, rt.Routes); diff != "" {
		t.Errorf("routes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]ec2.RouteTableAssociation{{ID: assoc, SubnetID: pub.ID}}, rt.Associations); diff != "" {
		t.Errorf("associations (-want +got):\n%s", diff)
	}
	wantAPIError(t, rt.Delete(ctx), "DependencyViolation")
	var tables []string
	for x, err := range conn.RouteTables(ctx, ec2.Filter{"association.subnet-id": {pub.ID}}, ec2.PageSize(5)) {
		if err != nil {
			t.Fatal(err)
		}
		tables = append(tables, x.ID)
	}
	if diff := cmp.Diff([]string{rt.ID}, tables); diff != "" {
		t.Errorf("RouteTables of the subnet (-want +got):\n%s", diff)
	}
	if err := conn.DisassociateRouteTable(ctx, assoc); err != nil {
		t.Fatal(err)
	}
	wantAPIError(t, conn.DisassociateRouteTable(ctx, assoc), "InvalidAssociationID.NotFound")
	wantInvalid(t, conn.DisassociateRouteTable(ctx, "assoc-1"), "AssociationId")

	// The main association moves to rt; the old main table can go then.
	main, err := v.MainRouteTable(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantAPIError(t, conn.DisassociateRouteTable(ctx, main.Associations[0].ID), "InvalidParameterValue")
	if _, err := rt.ReplaceAssociation(ctx, main.Associations[0].ID); err != nil {
		t.Fatal(err)
	}
	now, err := v.MainRouteTable(ctx)
	if err != nil || now.ID != rt.ID {
		t.Errorf("main table after ReplaceAssociation = %v, %v; want %s", now, err, rt.ID)
	}
	if err := main.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := rt.AddTag(ctx, "Name", "public"); err != nil {
		t.Fatal(err)
	}
	if err := rt.RemoveTag(ctx, "Name"); err != nil {
		t.Fatal(err)
	}
	if err := rt.DeleteRoute(ctx, "0.0.0.0/0"); err != nil {
		t.Fatal(err)
	}
	wantAPIError(t, rt.DeleteRoute(ctx, "0.0.0.0/0"), "InvalidRoute.NotFound")
	wantAPIError(t, main.Refresh(ctx), "InvalidRouteTableID.NotFound")
	for _, err := range []error{rt.CreateRoute(ctx, "0.0.0.1/0", gw.ID), rt.CreateRoute(ctx, "", gw.ID)} {
		wantInvalid(t, err, "Destination")
	}
	wantInvalid(t, rt.CreateRoute(ctx, "0.0.0.0/0", "nat-1"), "GatewayId")
	_, err = rt.Associate(ctx, "subnet")
	wantInvalid(t, err, "SubnetId")
	_, err = rt.ReplaceAssociation(ctx, "")
	wantInvalid(t, err, "AssociationId")
}

// TestSecurityGroupRules: each rule has its own sgr- ID
// (DescribeSecurityGroupRules), rules are listed as Rule values, and a
// group made with a VPCID belongs to that VPC.
func TestSecurityGroupRules(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	v, _, _ := newVPC(t, conn)
	g, err := conn.CreateSecurityGroup(ctx, "web", "web servers", v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Refresh(ctx); err != nil || g.VPCID != v.ID {
		t.Errorf("group VPC = %q, %v; want %s", g.VPCID, err, v.ID)
	}
	if err := g.Authorize(ctx, ec2.TCP(443).From("0.0.0.0/0")); err != nil {
		t.Fatal(err)
	}
	type got struct {
		Egress bool
		Rule   string
	}
	var rules []got
	var first *ec2.SecurityGroupRule
	for r, err := range conn.SecurityGroupRules(ctx, ec2.Filter{"group-id": {g.ID}}, ec2.PageSize(5)) {
		if err != nil {
			t.Fatal(err)
		}
		if r.GroupID != g.ID || len(r.ID) < 5 || r.ID[:4] != "sgr-" {
			t.Errorf("rule %+v", r)
		}
		if first == nil {
			first = r
		}
		rules = append(rules, got{r.Egress, r.Rule.String()})
	}
	want := []got{{false, "tcp 443 from 0.0.0.0/0"}, {true, "all from 0.0.0.0/0"}}
	if diff := cmp.Diff(want, rules); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	h := conn.SecurityGroupRule(first.ID)
	if err := h.Refresh(ctx); err != nil || h.Rule != first.Rule {
		t.Errorf("Refresh = %+v, %v", h, err)
	}
	wantAPIError(t, conn.SecurityGroupRule("sgr-0123456789abcdef0").Refresh(ctx), "InvalidSecurityGroupRuleId.NotFound")
	wantInvalid(t, conn.SecurityGroupRule("rule").Refresh(ctx), "SecurityGroupRuleId")
}
