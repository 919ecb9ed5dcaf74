package ec2_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
)

// wantAPIError fails t unless err is a *goboto.APIError with code.
func wantAPIError(t *testing.T, err error, code string) {
	t.Helper()
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != code {
		t.Errorf("err = %v, want APIError %s", err, code)
	}
}

// wantInvalid fails t unless err is a *goboto.ValidationError on field.
func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) || ve.Field != field {
		t.Errorf("err = %v, want a ValidationError on %s", err, field)
	}
}

// TestDefaultVPC: every region of an account has a default VPC of
// 172.31.0.0/16 (Amazon VPC User Guide, "Default VPCs") with DNS support
// and host names on, a main route table and a default security group.
func TestDefaultVPC(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	v, err := conn.DefaultVPC(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := [3]any{v.CIDR, v.IsDefault, v.State}; got != [3]any{"172.31.0.0/16", true, ec2.VPCAvailable} {
		t.Errorf("default VPC = %v", got)
	}
	attrs, err := v.Attributes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ec2.VPCAttributes{DNSSupport: true, DNSHostnames: true}, attrs); diff != "" {
		t.Errorf("attributes (-want +got):\n%s", diff)
	}
	g, err := v.DefaultSecurityGroup(ctx)
	if err != nil || g.Name != "default" || g.VPCID != v.ID {
		t.Errorf("DefaultSecurityGroup = %+v, %v", g, err)
	}
	main, err := v.MainRouteTable(ctx)
	if err != nil || !main.Main || len(main.Routes) != 2 || main.Routes[1].Destination != "0.0.0.0/0" {
		t.Errorf("MainRouteTable = %+v, %v", main, err)
	}
	var zones []string
	for s, err := range conn.Subnets(ctx, ec2.Filter{"vpc-id": {v.ID}, "default-for-az": {"true"}}) {
		if err != nil {
			t.Fatal(err)
		}
		if !s.MapPublicIPOnLaunch || s.AvailableIPs != 4091 {
			t.Errorf("default subnet %+v", s)
		}
		zones = append(zones, s.Zone)
	}
	if diff := cmp.Diff([]string{"us-east-1a", "us-east-1b", "us-east-1c"}, zones); diff != "" {
		t.Errorf("one default subnet per zone (-want +got):\n%s", diff)
	}

	// Once deleted, DefaultVPC says so with a not-found error.
	for s, err := range conn.Subnets(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Delete(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for gw, err := range conn.InternetGateways(ctx, ec2.Filter{"attachment.vpc-id": {v.ID}}) {
		if err != nil {
			t.Fatal(err)
		}
		if err := gw.Detach(ctx, v.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := v.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.DefaultVPC(ctx); !goboto.IsNotFound(err) {
		t.Errorf("DefaultVPC after deleting it: %v, want not found", err)
	}
}

// TestVPCLifecycle: CreateVpc answers pending, Wait sees available,
// Update changes DNS host names (EC2 API Reference, ModifyVpcAttribute),
// and Delete removes it (then Refresh is InvalidVpcID.NotFound).
func TestVPCLifecycle(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	v, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/16", Tags: ec2.Tags{"Name": "lab"}})
	if err != nil {
		t.Fatal(err)
	}
	if v.State != ec2.VPCPending || v.ID == "" || v.Tags["Name"] != "lab" {
		t.Errorf("CreateVPC = %+v", v)
	}
	if err := v.Wait(ctx, ec2.VPCAvailable, goboto.Interval(1)); err != nil {
		t.Fatal(err)
	}
	if err := v.Update(ctx, ec2.VPCAttributesToUpdate{DNSHostnames: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	attrs, err := v.Attributes(ctx)
	if err != nil || !attrs.DNSHostnames || !attrs.DNSSupport {
		t.Errorf("Attributes = %+v, %v", attrs, err)
	}
	var found []string
	for x, err := range conn.VPCs(ctx, ec2.Filter{}.Tag("Name", "lab"), ec2.PageSize(5)) {
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, x.ID)
	}
	if diff := cmp.Diff([]string{v.ID}, found); diff != "" {
		t.Errorf("VPCs by tag (-want +got):\n%s", diff)
	}
	if err := v.AddTag(ctx, "env", "test"); err != nil {
		t.Fatal(err)
	}
	if err := v.RemoveTag(ctx, "env"); err != nil {
		t.Fatal(err)
	}
	if err := v.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	err = v.Refresh(ctx)
	wantAPIError(t, err, "InvalidVpcID.NotFound")
	if !goboto.IsNotFound(err) {
		t.Error("IsNotFound is false for a deleted VPC")
	}
	wantAPIError(t, v.Wait(ctx, ec2.VPCAvailable), "InvalidVpcID.NotFound")
}

// TestVPCBadInput: blocks are checked before anything is sent: IPv4
// dotted-quad notation, the block's own network address, /16 to /28
// (Amazon VPC User Guide, "VPC CIDR blocks"), and subnets inside their
// VPC's block and apart from each other ("Subnet CIDR blocks").
func TestVPCBadInput(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	v, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	srv.ResetCalls()
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"no block", func() error { _, err := conn.CreateVPC(ctx, ec2.VPCOptions{}); return err }, "CIDR"},
		{"not a block", func() error { _, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0"}); return err }, "CIDR"},
		{"IPv6", func() error { _, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "2001:db8::/56"}); return err }, "CIDR"},
		{"host bits set", func() error { _, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.1/16"}); return err }, "CIDR"},
		{"/8 too big", func() error { _, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/8"}); return err }, "CIDR"},
		{"/29 too small", func() error { _, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/29"}); return err }, "CIDR"},
		{"subnet outside", func() error { _, err := v.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.1.0.0/24"}); return err }, "CIDR"},
		{"subnet too small", func() error { _, err := v.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.0.0.0/29"}); return err }, "CIDR"},
		{"subnets overlapping", func() error {
			_, err := v.CreateSubnets(ctx, ec2.SubnetOptions{CIDR: "10.0.0.0/24"}, ec2.SubnetOptions{CIDR: "10.0.0.128/25"})
			return err
		}, "CIDR"},
		{"subnet in another region's zone", func() error {
			_, err := v.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.0.0.0/24", Zone: "eu-west-1a"})
			return err
		}, "Zone"},
		{"no subnets", func() error { _, err := v.CreateSubnets(ctx); return err }, "Subnets"},
		{"malformed VPC", func() error { return conn.VPC("vpc-nope").Refresh(ctx) }, "VpcId"},
		{"unknown state", func() error { return v.Wait(ctx, "gone") }, "State"},
		{"empty update", func() error { return v.Update(ctx, ec2.VPCAttributesToUpdate{}) }, "VPCAttributesToUpdate"},
		{"launch into a malformed subnet", func() error {
			_, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: "ami-12345678", SubnetID: "sub-1"})
			return err
		}, "SubnetID"},
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

// TestVPCErrorsFromEC2: what only EC2 knows comes back as its own codes
// (EC2 API Reference, "Error codes for the Amazon EC2 API"): a subnet
// overlapping one made earlier (InvalidSubnet.Conflict), a subnet outside
// a VPC the handle does not know the block of (InvalidSubnet.Range), and
// deleting a VPC in use (DependencyViolation).
func TestVPCErrorsFromEC2(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	v, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.0.0.0/24", Zone: "us-east-1a"}); err != nil {
		t.Fatal(err)
	}
	_, err = v.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.0.0.0/25"})
	wantAPIError(t, err, "InvalidSubnet.Conflict")
	_, err = conn.VPC(v.ID).CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.5.0.0/24"})
	wantAPIError(t, err, "InvalidSubnet.Range")
	// A block inside any of the VPC's blocks passes the local check (a
	// VPC may have secondary blocks, Amazon VPC User Guide, "Add IPv4 CIDR
	// blocks to a VPC"); the fake's VPCs have one, so EC2's check refuses.
	secondary := conn.VPC(v.ID)
	secondary.CIDRBlocks = []string{"10.0.0.0/16", "10.6.0.0/16"}
	_, err = secondary.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.6.0.0/24"})
	wantAPIError(t, err, "InvalidSubnet.Range")
	_, err = secondary.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.7.0.0/24"})
	wantInvalid(t, err, "CIDR")
	if diff := cmp.Diff([]string{"10.0.0.0/16"}, v.CIDRBlocks); diff != "" {
		t.Errorf("CIDRBlocks (-want +got):\n%s", diff)
	}
	wantAPIError(t, v.Delete(ctx), "DependencyViolation")
	_, err = conn.VPC("vpc-0123456789abcdef0").CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.0.0.0/24"})
	wantAPIError(t, err, "InvalidVpcID.NotFound")
	// A failure part-way returns the subnets made before it.
	made, err := v.CreateSubnets(ctx, ec2.SubnetOptions{CIDR: "10.0.1.0/24"}, ec2.SubnetOptions{CIDR: "10.0.0.0/26"})
	wantAPIError(t, err, "InvalidSubnet.Conflict")
	if len(made) != 1 || made[0].CIDR != "10.0.1.0/24" {
		t.Errorf("made before the failure: %v", made)
	}
}

// TestVPCUpdateOrder: EC2 takes one attribute per ModifyVpcAttribute and
// refuses DNS host names without DNS support (EC2 API Reference,
// ModifyVpcAttribute), so Update turns support on before host names and
// off after them.
func TestVPCUpdateOrder(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	v, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	off, on := aws.Bool(false), aws.Bool(true)
	for _, tt := range []struct {
		u    ec2.VPCAttributesToUpdate
		want ec2.VPCAttributes
	}{
		{ec2.VPCAttributesToUpdate{DNSSupport: off}, ec2.VPCAttributes{}},
		{ec2.VPCAttributesToUpdate{DNSSupport: on, DNSHostnames: on}, ec2.VPCAttributes{DNSSupport: true, DNSHostnames: true}},
		{ec2.VPCAttributesToUpdate{DNSSupport: off, DNSHostnames: off}, ec2.VPCAttributes{}},
	} {
		srv.ResetCalls()
		if err := v.Update(ctx, tt.u); err != nil {
			t.Fatalf("Update(%+v): %v", tt.u, err)
		}
		if n := len(srv.Calls()); n != countSet(tt.u) {
			t.Errorf("Update(%+v) sent %d calls, want one per attribute", tt.u, n)
		}
		got, err := v.Attributes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("after Update(%+v) (-want +got):\n%s", tt.u, diff)
		}
	}
	wantAPIError(t, v.Update(ctx, ec2.VPCAttributesToUpdate{DNSHostnames: on}), "InvalidParameterValue")
}

func countSet(u ec2.VPCAttributesToUpdate) int {
	n := 0
	for _, p := range []*bool{u.DNSSupport, u.DNSHostnames} {
		if p != nil {
			n++
		}
	}
	return n
}
