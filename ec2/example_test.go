package ec2_test

import (
	"context"
	"fmt"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/regions"
)

func ExampleConn_Regions() {
	srv, err := ec2test.New(ec2test.WithRegions(
		ec2test.RegionInfo{Name: "us-east-1"},
		ec2test.RegionInfo{Name: "ap-east-1", OptInStatus: ec2test.NotOptedIn},
	))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()

	conn := ec2.New(srv.Config("")) // or ec2.New(cfg) with cfg from config.LoadDefaultConfig
	for r, err := range conn.Regions(context.Background(), ec2.AllRegions()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(r.Name, r.Endpoint, r.OptInStatus)
	}
	// Output:
	// ap-east-1 ec2.ap-east-1.amazonaws.com not-opted-in
	// us-east-1 ec2.us-east-1.amazonaws.com opt-in-not-required
}

func ExampleConn_RefreshCatalog() {
	srv, err := ec2test.New() // the aws partition, two regions not opted in
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()

	cfg := srv.Config("")
	cat := regions.NewCatalog()
	if err := ec2.New(cfg).RefreshCatalog(context.Background(), cat); err != nil {
		fmt.Println(err)
		return
	}
	set, err := regions.NewServiceSet(cfg, regions.EC2, ec2.NewConn, regions.WithCatalog(cat))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, kept := set.Conn("il-central-1")
	fmt.Println(set.Len(), "EC2 connections; il-central-1:", kept)
	// Output:
	// 32 EC2 connections; il-central-1: false
}
