package localcloud_test

import (
	"errors"
	"testing"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/rds"
)

// TestRDSSeesEC2Subnets checks that the local cloud's RDS takes the
// subnets its EC2 fake has: a DB subnet group on two subnets of a new VPC
// in two zones is made, and one naming a subnet EC2 does not have is
// refused (RDS API Reference, CreateDBSubnetGroup: InvalidSubnet).
func TestRDSSeesEC2Subnets(t *testing.T) {
	cloud := localcloud.Start(t)
	ctx := t.Context()
	conn := ec2.New(cloud.Config(""))
	vpc, err := conn.CreateVPC(ctx, ec2.VPCOptions{CIDR: "10.20.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := vpc.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.20.1.0/24", Zone: "us-east-1a"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := vpc.CreateSubnet(ctx, ec2.SubnetOptions{CIDR: "10.20.2.0/24", Zone: "us-east-1b"})
	if err != nil {
		t.Fatal(err)
	}
	db := rds.New(cloud.Config(""))
	g, err := db.CreateDBSubnetGroup(ctx, rds.SubnetGroupOptions{Name: "app", Description: "two zones",
		Subnets: []rds.Subnet{{ID: a.ID}, {ID: b.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	if g.VPCID != vpc.ID {
		t.Errorf("group's VPC %q, want %q", g.VPCID, vpc.ID)
	}
	_, err = db.CreateDBSubnetGroup(ctx, rds.SubnetGroupOptions{Name: "ghost", Description: "no such subnet",
		Subnets: []rds.Subnet{{ID: a.ID}, {ID: "subnet-0123456789abcdef0"}}})
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != "InvalidSubnet" {
		t.Errorf("a subnet EC2 does not have: %v, want InvalidSubnet", err)
	}
}
