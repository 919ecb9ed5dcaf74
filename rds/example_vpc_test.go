package rds_test

import (
	"context"
	"fmt"
	"log"

	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/rdstest"
)

// A DB subnet group across two zones of the default VPC, an instance in
// it, and a stop and start.
func ExampleConn_CreateDBSubnetGroup() {
	srv, err := rdstest.New()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	cfg := srv.Config("")
	conn := rds.New(cfg)
	ctx := context.Background()
	// Without an EC2 fake, rdstest's default VPC has one subnet a zone.
	var subnets []rds.Subnet
	for _, s := range rdstest.StandaloneDefaultSubnets(srv.Credentials()[0].AccountID, cfg.Region)[:2] {
		subnets = append(subnets, rds.Subnet{ID: s.ID, AvailabilityZone: s.AvailabilityZone})
	}
	g, err := conn.CreateDBSubnetGroup(ctx, rds.SubnetGroupOptions{Name: "private", Description: "app databases", Subnets: subnets})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Name, g.Zones())
	db, err := conn.CreateDBInstance(ctx, rds.InstanceOptions{ID: "app", Engine: rds.EnginePostgres, EngineVersion: "17",
		Class: "db.t4g.micro", AllocatedStorage: 20, MasterUsername: "app", MasterPassword: "correct-horse-battery",
		SubnetGroup: "private", VPCSecurityGroupIDs: []string{"sg-0123456789abcdef0"}})
	if err != nil {
		log.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceAvailable); err != nil {
		log.Fatal(err)
	}
	fmt.Println(db.EngineVersion, db.SubnetGroup.Name, db.AvailabilityZone)
	if err := db.Stop(ctx); err != nil {
		log.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceStopped); err != nil {
		log.Fatal(err)
	}
	fmt.Println(db.Status)
	if err := db.Start(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println(db.Status)
	// Output:
	// private [us-east-1a us-east-1b]
	// 17.6 private us-east-1a
	// stopped
	// starting
}

// EngineVersions lists what RDS offers; here PostgreSQL's default.
func ExampleConn_EngineVersions() {
	srv, err := rdstest.New()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	conn := rds.New(srv.Config(""))
	for v, err := range conn.EngineVersions(context.Background(), rds.EngineVersionFilter{Engine: "postgres", DefaultOnly: true}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(v.Version, v.Family)
	}
	// Output:
	// 17.6 postgres17
}
