package suite

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	goec2 "github.com/goboto/goboto/ec2"
)

// tagKey is the tag every resource the suite makes carries, its value
// one of env.Names, so that a test finds its own resources in an account
// other packages share.
const tagKey = "goboto-suite"

// newVPC makes a VPC of block tagged with a fresh name, waits for it to
// be available, and deletes it when t ends.
func newVPC(t *testing.T, env Env, block string) *goec2.VPC {
	t.Helper()
	v, err := env.Conn.CreateVPC(t.Context(), goec2.VPCOptions{CIDR: block, Tags: goec2.Tags{tagKey: env.Names()}})
	must(t, env, "CreateVPC "+block, err)
	cleanup(t, v.Delete)
	must(t, env, "VPC.Wait", v.Wait(t.Context(), goec2.VPCAvailable, poll()...))
	return v
}

// newSubnet makes a subnet of v and deletes it when t ends.
func newSubnet(t *testing.T, env Env, v *goec2.VPC, block, zone string) *goec2.Subnet {
	t.Helper()
	s, err := v.CreateSubnet(t.Context(), goec2.SubnetOptions{CIDR: block, Zone: zone, Tags: goec2.Tags{tagKey: env.Names()}})
	must(t, env, "CreateSubnet "+block, err)
	cleanup(t, s.Delete)
	must(t, env, "Subnet.Wait", s.Wait(t.Context(), goec2.SubnetAvailable, poll()...))
	return s
}

// newGateway makes an internet gateway and deletes it, detached from
// whatever it is attached to, when t ends.
func newGateway(t *testing.T, env Env) *goec2.InternetGateway {
	t.Helper()
	g, err := env.Conn.CreateInternetGateway(t.Context())
	must(t, env, "CreateInternetGateway", err)
	cleanup(t, func(ctx context.Context) error {
		h := env.Conn.InternetGateway(g.ID)
		if h.Refresh(ctx) == nil && h.VPCID != "" {
			_ = h.Detach(ctx, h.VPCID)
		}
		return h.Delete(ctx)
	})
	return g
}

// VPCs: CreateVpc takes a /16 to a /28 and answers InvalidVpc.Range for
// any other size (Amazon VPC User Guide, "VPC CIDR blocks": "The allowed
// block size is between a /16 netmask (65,536 IP addresses) and /28
// netmask (16 IP addresses)"; EC2 API Reference, "Error codes":
// InvalidVpc.Range, "The specified CIDR block range is not valid"). A new
// VPC has a main route table holding its local route and a "default"
// security group (User Guide, "Route tables": "a main route table";
// "Default security groups for your VPCs"), and once deleted it is
// InvalidVpcID.NotFound ("The specified VPC does not exist").
func testVPCs(t *testing.T, env Env) {
	ctx := t.Context()
	client := env.Conn.Client()
	v, err := env.Conn.CreateVPC(ctx, goec2.VPCOptions{CIDR: "10.20.0.0/16", Tags: goec2.Tags{tagKey: env.Names()}})
	must(t, env, "CreateVPC", err)
	cleanup(t, v.Delete)
	// EC2 API Reference, CreateVpc example response: <state>pending</state>.
	wantState := goec2.VPCPending
	if env.Diff.CreatedAvailable {
		wantState = goec2.VPCAvailable
	}
	if v.State != wantState || v.CIDR != "10.20.0.0/16" || v.IsDefault || !strings.HasPrefix(v.ID, "vpc-") {
		t.Errorf("%s: CreateVPC = %+v, want a %s non-default VPC of 10.20.0.0/16", env.Name, *v, wantState)
	}
	must(t, env, "VPC.Wait", v.Wait(ctx, goec2.VPCAvailable, poll()...))
	h := env.Conn.VPC(v.ID)
	must(t, env, "VPC.Refresh", h.Refresh(ctx))
	want := goec2.VPC{ID: v.ID, CIDR: "10.20.0.0/16", CIDRBlocks: []string{"10.20.0.0/16"}, State: goec2.VPCAvailable,
		OwnerID: env.Account, Tenancy: "default", Tags: v.Tags}
	got := *h
	got.DHCPOptionsID = ""
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(goec2.VPC{})); diff != "" {
		t.Errorf("%s: VPC.Refresh (-want +got):\n%s", env.Name, diff)
	}
	listed := collect(t, env, "VPCs(tag)", env.Conn.VPCs(ctx, goec2.Filter{}.Tag(tagKey, v.Tags[tagKey])))
	if len(listed) != 1 || listed[0].ID != v.ID {
		t.Errorf("%s: VPCs by tag found %v, want just %s", env.Name, listed, v.ID)
	}
	listed = collect(t, env, "VPCs(cidr, tag)", env.Conn.VPCs(ctx, goec2.Filter{"cidr": {"10.20.0.0/16"}}.Tag(tagKey, "*")))
	if !slices.ContainsFunc(listed, func(x *goec2.VPC) bool { return x.ID == v.ID }) {
		t.Errorf("%s: VPCs by cidr found %v, want %s among them", env.Name, listed, v.ID)
	}

	main, err := v.MainRouteTable(ctx)
	must(t, env, "MainRouteTable", err)
	local := []goec2.Route{{Destination: "10.20.0.0/16", GatewayID: "local", State: "active", Origin: "CreateRouteTable"}}
	if diff := cmp.Diff(local, main.Routes); diff != "" || !main.Main || main.VPCID != v.ID {
		t.Errorf("%s: main route table %+v (-want +got routes):\n%s", env.Name, *main, diff)
	}
	sg, err := v.DefaultSecurityGroup(ctx)
	if err != nil || sg.Name != "default" {
		t.Errorf("%s: DefaultSecurityGroup = %+v, %v", env.Name, sg, err)
	}

	for _, block := range []string{"10.0.0.0/15", "10.0.0.0/29", "10.0.0.0/8"} {
		_, err := createVPC(t, env, block)
		wantCode(t, env, "CreateVpc "+block, err, "InvalidVpc.Range")
	}
	small, err := createVPC(t, env, "10.21.0.0/28")
	wantOK(t, env, "CreateVpc 10.21.0.0/28", err)
	if err == nil {
		wantOK(t, env, "DeleteVpc /28", env.Conn.VPC(aws.ToString(small.Vpc.VpcId)).Delete(ctx))
	}

	wantOK(t, env, "DeleteVpc", v.Delete(ctx))
	_, err = client.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{v.ID}})
	wantCode(t, env, "DescribeVpcs after DeleteVpc", err, "InvalidVpcID.NotFound")
	wantCode(t, env, "DeleteVpc again", v.Delete(ctx), "InvalidVpcID.NotFound")
}

// createVPC makes a VPC of block through the raw client, so that blocks
// goboto refuses locally reach the backend, and deletes it when t ends.
func createVPC(t *testing.T, env Env, block string) (*ec2.CreateVpcOutput, error) {
	out, err := env.Conn.Client().CreateVpc(t.Context(), &ec2.CreateVpcInput{CidrBlock: aws.String(block)})
	if err == nil {
		cleanup(t, env.Conn.VPC(aws.ToString(out.Vpc.VpcId)).Delete)
		return out, nil
	}
	return nil, err
}

// Subnets: a subnet's block is a /16 to a /28 inside its VPC's, and
// overlaps no other subnet of the VPC (Amazon VPC User Guide, "Subnet
// CIDR blocks"; EC2 API Reference, "Error codes": InvalidSubnet.Range,
// "The CIDR block you've specified for the subnet is not valid", and
// InvalidSubnet.Conflict, "The specified CIDR block conflicts with that
// of another subnet in your VPC"). Five of its addresses are AWS's ("The
// first four IP addresses and the last IP address in each subnet CIDR
// block are not available"), and a VPC with a subnet cannot be deleted
// (DependencyViolation: "The specified object has dependent resources").
func testSubnets(t *testing.T, env Env) {
	ctx := t.Context()
	client := env.Conn.Client()
	v := newVPC(t, env, "10.30.0.0/16")
	s := newSubnet(t, env, v, "10.30.1.0/24", "us-east-1a")
	h := env.Conn.Subnet(s.ID)
	must(t, env, "Subnet.Refresh", h.Refresh(ctx))
	if h.VPCID != v.ID || h.CIDR != "10.30.1.0/24" || h.Zone != "us-east-1a" || h.ZoneID == "" || h.State != goec2.SubnetAvailable ||
		h.AvailableIPs != 256-5 || h.DefaultForZone || h.MapPublicIPOnLaunch || h.OwnerID != env.Account {
		t.Errorf("%s: Subnet.Refresh = %+v, want an available non-default subnet of 10.30.1.0/24 in us-east-1a with 251 addresses", env.Name, *h)
	}
	if !strings.Contains(h.ARN, ":subnet/"+s.ID) {
		t.Errorf("%s: subnet ARN %q does not end in subnet/%s", env.Name, h.ARN, s.ID)
	}

	create := func(block string) error {
		out, err := client.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(v.ID), CidrBlock: aws.String(block)})
		if err == nil {
			cleanup(t, env.Conn.Subnet(aws.ToString(out.Subnet.SubnetId)).Delete)
		}
		return err
	}
	for _, tc := range []struct{ block, code string }{
		{"10.31.0.0/24", "InvalidSubnet.Range"},      // outside the VPC
		{"10.30.1.128/25", "InvalidSubnet.Conflict"}, // inside the first
		{"10.30.0.0/20", "InvalidSubnet.Conflict"},   // around the first
	} {
		wantCode(t, env, "CreateSubnet "+tc.block, create(tc.block), tc.code)
	}
	wantBlocks := []string{"10.30.1.0/24", "10.30.2.0/28"}
	if err := create("10.30.3.0/29"); env.Diff.AcceptsAnySubnetSize {
		wantOK(t, env, "CreateSubnet 10.30.3.0/29 (AcceptsAnySubnetSize)", err)
		wantBlocks = append(wantBlocks, "10.30.3.0/29")
	} else {
		wantCode(t, env, "CreateSubnet 10.30.3.0/29", err, "InvalidSubnet.Range")
	}
	wantOK(t, env, "CreateSubnet 10.30.2.0/28", create("10.30.2.0/28"))
	subs := collect(t, env, "Subnets(vpc-id)", env.Conn.Subnets(ctx, goec2.Filter{"vpc-id": {v.ID}}))
	var blocks []string
	for _, x := range subs {
		blocks = append(blocks, x.CIDR)
	}
	slices.Sort(blocks)
	if diff := cmp.Diff(wantBlocks, blocks); diff != "" {
		t.Errorf("%s: Subnets of the VPC (-want +got):\n%s", env.Name, diff)
	}

	wantOK(t, env, "Subnet.Update", h.Update(ctx, goec2.SubnetAttributesToUpdate{MapPublicIPOnLaunch: aws.Bool(true)}))
	must(t, env, "Subnet.Refresh", h.Refresh(ctx))
	if !h.MapPublicIPOnLaunch {
		t.Errorf("%s: MapPublicIpOnLaunch is off after ModifySubnetAttribute turned it on", env.Name)
	}

	wantCode(t, env, "DeleteVpc with subnets", v.Delete(ctx), "DependencyViolation")
	wantOK(t, env, "DeleteSubnet", s.Delete(ctx))
	_, err := client.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{s.ID}})
	wantCode(t, env, "DescribeSubnets after DeleteSubnet", err, "InvalidSubnetID.NotFound")
	wantCode(t, env, "DeleteSubnet again", s.Delete(ctx), "InvalidSubnetID.NotFound")
}

// Internet gateways: a gateway is attached to at most one VPC and a VPC
// has at most one gateway (Resource.AlreadyAssociated, "The specified
// resource is already in use"); detaching from a VPC it is not attached
// to is Gateway.NotAttached ("An internet gateway is not attached to a
// VPC"); an attached gateway cannot be deleted, nor its VPC
// (DependencyViolation; EC2 API Reference, DeleteInternetGateway: "You
// must detach the internet gateway from the VPC before you can delete
// it"). All from the EC2 API Reference, "Error codes".
func testInternetGateways(t *testing.T, env Env) {
	ctx := t.Context()
	a := newVPC(t, env, "10.40.0.0/16")
	b := newVPC(t, env, "10.41.0.0/16")
	g := newGateway(t, env)
	if !strings.HasPrefix(g.ID, "igw-") || g.VPCID != "" {
		t.Errorf("%s: CreateInternetGateway = %+v, want a detached igw-", env.Name, *g)
	}
	must(t, env, "AttachInternetGateway", g.Attach(ctx, a.ID))
	h := env.Conn.InternetGateway(g.ID)
	must(t, env, "InternetGateway.Refresh", h.Refresh(ctx))
	if h.VPCID != a.ID || h.OwnerID != env.Account {
		t.Errorf("%s: attached gateway %+v, want VPC %s, owner %s", env.Name, *h, a.ID, env.Account)
	}
	listed := collect(t, env, "InternetGateways(attachment.vpc-id)", env.Conn.InternetGateways(ctx, goec2.Filter{"attachment.vpc-id": {a.ID}}))
	if len(listed) != 1 || listed[0].ID != g.ID {
		t.Errorf("%s: InternetGateways of the VPC = %v, want %s", env.Name, listed, g.ID)
	}

	wantCode(t, env, "AttachInternetGateway to a second VPC", g.Attach(ctx, b.ID), "Resource.AlreadyAssociated")
	g2 := newGateway(t, env)
	err := g2.Attach(ctx, a.ID)
	if env.Diff.SecondGatewayAttaches {
		wantOK(t, env, "AttachInternetGateway to a VPC that has one (SecondGatewayAttaches)", err)
		wantOK(t, env, "DetachInternetGateway", g2.Detach(ctx, a.ID))
	} else {
		wantCode(t, env, "AttachInternetGateway to a VPC that has one", err, "Resource.AlreadyAssociated")
	}
	wantCode(t, env, "DeleteInternetGateway attached", g.Delete(ctx), "DependencyViolation")
	wantCode(t, env, "DetachInternetGateway from another VPC", g.Detach(ctx, b.ID), "Gateway.NotAttached")
	wantOK(t, env, "DetachInternetGateway", g.Detach(ctx, a.ID))
	wantCode(t, env, "DetachInternetGateway again", g.Detach(ctx, a.ID), "Gateway.NotAttached")
	wantOK(t, env, "DeleteInternetGateway", g.Delete(ctx))
	_, err = env.Conn.Client().DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{g.ID}})
	wantCode(t, env, "DescribeInternetGateways after DeleteInternetGateway", err, "InvalidInternetGatewayID.NotFound")
	wantOK(t, env, "DeleteVpc after detaching", a.Delete(ctx))

	must(t, env, "AttachInternetGateway", g2.Attach(ctx, b.ID))
	if err := b.Delete(ctx); env.Diff.DeletesVPCInUse {
		wantOK(t, env, "DeleteVpc with a gateway (DeletesVPCInUse)", err)
	} else {
		wantCode(t, env, "DeleteVpc with a gateway", err, "DependencyViolation")
	}
}
