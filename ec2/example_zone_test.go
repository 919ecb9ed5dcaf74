package ec2_test

import (
	"context"
	"fmt"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

func ExampleRegionInfo_Connect() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()
	conn := ec2.New(srv.Config(""))

	region := conn.RegionInfo("eu-west-1")
	if err := region.Refresh(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(region, region.Endpoint, region.OptInStatus)
	eu, err := region.Connect() // same credentials and options, another region
	if err != nil {
		fmt.Println(err)
		return
	}
	for z, err := range eu.Zones(ctx, ec2.Filter{"state": {"available"}}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(z, z.ID)
	}
	// Output:
	// RegionInfo:eu-west-1 ec2.eu-west-1.amazonaws.com opt-in-not-required
	// Zone:eu-west-1a euw1-az1
	// Zone:eu-west-1b euw1-az2
	// Zone:eu-west-1c euw1-az3
}

func ExampleZone_Refresh() {
	srv, err := ec2test.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	conn := ec2.New(srv.Config(""))

	z := conn.Zone("us-east-1b")
	if err := z.Refresh(context.Background()); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(z.Name, z.ID, z.State, z.Type)
	// Output: us-east-1b use1-az2 available availability-zone
}
