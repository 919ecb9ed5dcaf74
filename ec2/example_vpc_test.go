package ec2_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

func ExampleConn_DefaultVPC() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config("us-east-1"))

	v, err := conn.DefaultVPC(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.CIDR)
	for s, err := range conn.Subnets(ctx, ec2.Filter{"vpc-id": {v.ID}}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(s.Zone, s.CIDR, s.AvailableIPs)
	}
	// Output:
	// 172.31.0.0/16
	// us-east-1a 172.31.0.0/20 4091
	// us-east-1b 172.31.16.0/20 4091
	// us-east-1c 172.31.32.0/20 4091
}

// A VPC with a public subnet, routed to the internet through a gateway,
// and a private one; an instance launched into the public subnet.
func ExampleConn_CreateVPC() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config("us-east-1"))

	vpc, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/16", Tags: ec2.Tags{"Name": "lab"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := vpc.Wait(ctx, ec2.VPCAvailable); err != nil {
		fmt.Println(err)
		return
	}
	subs, err := vpc.CreateSubnets(ctx,
		ec2.SubnetOptions{CIDR: "10.0.0.0/24", Zone: "us-east-1a"},
		ec2.SubnetOptions{CIDR: "10.0.1.0/24", Zone: "us-east-1b"})
	if err != nil {
		fmt.Println(err)
		return
	}
	public := subs[0]
	on := true
	if err := public.Update(ctx, ec2.SubnetAttributesToUpdate{MapPublicIPOnLaunch: &on}); err != nil {
		fmt.Println(err)
		return
	}
	gw, err := conn.CreateInternetGateway(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := gw.Attach(ctx, vpc.ID); err != nil {
		fmt.Println(err)
		return
	}
	rt, err := vpc.CreateRouteTable(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := rt.CreateRoute(ctx, "0.0.0.0/0", gw.ID); err != nil {
		fmt.Println(err)
		return
	}
	if _, err := rt.Associate(ctx, public.ID); err != nil {
		fmt.Println(err)
		return
	}
	res, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, SubnetID: public.ID})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Instances[0].Placement, res.Instances[0].PrivateIP)
	// Output:
	// us-east-1a 10.0.0.4
}

// Subnet blocks are checked before anything is sent: inside the VPC's
// block, and apart from each other.
func ExampleVPC_CreateSubnets() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config("us-east-1"))

	vpc, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.0.0.0/16"})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = vpc.CreateSubnets(ctx, ec2.SubnetOptions{CIDR: "10.0.0.0/24"}, ec2.SubnetOptions{CIDR: "10.0.0.0/25"})
	var ve *goboto.ValidationError
	fmt.Println(errors.As(err, &ve), ve.Field)
	_, err = vpc.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "192.168.0.0/24"})
	fmt.Println(errors.As(err, &ve), ve.Field)
	// Output:
	// true CIDR
	// true CIDR
}

func ExampleConn_SecurityGroupRules() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config("us-east-1"))

	web, err := conn.CreateSecurityGroup(ctx, "web", "web servers", "")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := web.Authorize(ctx, ec2.TCP(443).From("0.0.0.0/0")); err != nil {
		fmt.Println(err)
		return
	}
	for r, err := range conn.SecurityGroupRules(ctx, ec2.Filter{"group-id": {web.ID}}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(r.ID[:4], r.Egress, r.Rule)
	}
	// Output:
	// sgr- false tcp 443 from 0.0.0.0/0
	// sgr- true all from 0.0.0.0/0
}
