package rdstest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/rds/rdstest"
)

// defaultSubnets are the standalone default VPC's subnets of the first
// account in the default region.
func defaultSubnets() []rdstest.Subnet {
	return rdstest.StandaloneDefaultSubnets(fake.DefaultCredentials()[0].AccountID, fake.DefaultRegion)
}

type groupView struct {
	Name, Description, VPC, Status, ARN string
	Subnets                             []string // id@zone Status
}

func viewGroup(g types.DBSubnetGroup) groupView {
	v := groupView{aws.ToString(g.DBSubnetGroupName), aws.ToString(g.DBSubnetGroupDescription), aws.ToString(g.VpcId),
		aws.ToString(g.SubnetGroupStatus), aws.ToString(g.DBSubnetGroupArn), nil}
	for _, s := range g.Subnets {
		v.Subnets = append(v.Subnets, aws.ToString(s.SubnetIdentifier)+"@"+aws.ToString(s.SubnetAvailabilityZone.Name)+" "+aws.ToString(s.SubnetStatus))
	}
	return v
}

// TestDBSubnetGroupLifecycle pins CreateDBSubnetGroup, Describe, Modify
// and Delete (RDS API Reference): names are kept in lower case, the
// group reports its VPC and each subnet's zone and "Active" status, and
// an instance placed in the group reports the group in
// DescribeDBInstances' DBSubnetGroup.
func TestDBSubnetGroupLifecycle(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	ctx := t.Context()
	sn := defaultSubnets()
	acct := fake.DefaultCredentials()[0].AccountID
	out, err := c.CreateDBSubnetGroup(ctx, &awsrds.CreateDBSubnetGroupInput{DBSubnetGroupName: aws.String("App-Private"),
		DBSubnetGroupDescription: aws.String("app"), SubnetIds: []string{sn[0].ID, sn[1].ID}})
	if err != nil {
		t.Fatal(err)
	}
	want := groupView{"app-private", "app", sn[0].VPCID, "Complete", "arn:aws:rds:us-east-1:" + acct + ":subgrp:app-private",
		[]string{sn[0].ID + "@us-east-1a Active", sn[1].ID + "@us-east-1b Active"}}
	if diff := cmp.Diff(want, viewGroup(*out.DBSubnetGroup)); diff != "" {
		t.Errorf("CreateDBSubnetGroup (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(sn[0].VPCID, "vpc-") || len(sn[0].VPCID) != len("vpc-")+17 {
		t.Errorf("default VPC ID %q is not shaped vpc-<17 hex>", sn[0].VPCID)
	}

	createInstance(t, c, "in-group", func(in *awsrds.CreateDBInstanceInput) {
		in.DBSubnetGroupName = aws.String("app-private")
		in.AvailabilityZone = aws.String("us-east-1b")
		in.VpcSecurityGroupIds = []string{"sg-0123456789abcdef0"}
	})
	di, err := c.DescribeDBInstances(ctx, &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("in-group")})
	if err != nil {
		t.Fatal(err)
	}
	inst := di.DBInstances[0]
	if diff := cmp.Diff(want, viewGroup(*inst.DBSubnetGroup)); diff != "" {
		t.Errorf("instance's DBSubnetGroup (-want +got):\n%s", diff)
	}
	if got := aws.ToString(inst.VpcSecurityGroups[0].VpcSecurityGroupId); got != "sg-0123456789abcdef0" || aws.ToString(inst.AvailabilityZone) != "us-east-1b" {
		t.Errorf("instance VPC groups %v zone %s", got, aws.ToString(inst.AvailabilityZone))
	}

	// Modify may add subnets, but not drop the one the instance runs in.
	_, err = c.ModifyDBSubnetGroup(ctx, &awsrds.ModifyDBSubnetGroupInput{DBSubnetGroupName: aws.String("app-private"), SubnetIds: []string{sn[0].ID, sn[2].ID}})
	if code(err) != "SubnetAlreadyInUse" {
		t.Errorf("dropping the instance's subnet: %v; want SubnetAlreadyInUse", err)
	}
	mod, err := c.ModifyDBSubnetGroup(ctx, &awsrds.ModifyDBSubnetGroupInput{DBSubnetGroupName: aws.String("app-private"),
		DBSubnetGroupDescription: aws.String("three zones"), SubnetIds: []string{sn[0].ID, sn[1].ID, sn[2].ID}})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(mod.DBSubnetGroup.Subnets); got != 3 || aws.ToString(mod.DBSubnetGroup.DBSubnetGroupDescription) != "three zones" {
		t.Errorf("modified group has %d subnets, description %q", got, aws.ToString(mod.DBSubnetGroup.DBSubnetGroupDescription))
	}

	// RDS API Reference, DeleteDBSubnetGroup: InvalidDBSubnetGroupStateFault
	// while an instance uses it.
	_, err = c.DeleteDBSubnetGroup(ctx, &awsrds.DeleteDBSubnetGroupInput{DBSubnetGroupName: aws.String("app-private")})
	if code(err) != "InvalidDBSubnetGroupStateFault" {
		t.Errorf("deleting a group in use: %v", err)
	}
	if _, err := c.DeleteDBInstance(ctx, &awsrds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String("in-group"), SkipFinalSnapshot: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	srv.Settle()
	if _, err := c.DeleteDBSubnetGroup(ctx, &awsrds.DeleteDBSubnetGroupInput{DBSubnetGroupName: aws.String("APP-private")}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeDBSubnetGroups(ctx, &awsrds.DescribeDBSubnetGroupsInput{DBSubnetGroupName: aws.String("app-private")})
	if code(err) != "DBSubnetGroupNotFoundFault" || status(err) != 404 {
		t.Errorf("describing a deleted group: %v (status %d)", err, status(err))
	}
}

// TestDefaultSubnetGroup: an instance created without DBSubnetGroupName
// goes into the default VPC, whose "default" DB subnet group appears with
// it and covers every default subnet.
func TestDefaultSubnetGroup(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	ctx := t.Context()
	list, err := c.DescribeDBSubnetGroups(ctx, &awsrds.DescribeDBSubnetGroupsInput{})
	if err != nil || len(list.DBSubnetGroups) != 0 {
		t.Fatalf("a new account's subnet groups: %v, %v", list, err)
	}
	createInstance(t, c, "plain", func(in *awsrds.CreateDBInstanceInput) { in.MultiAZ = aws.Bool(true) })
	list, err = c.DescribeDBSubnetGroups(ctx, &awsrds.DescribeDBSubnetGroupsInput{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range list.DBSubnetGroups {
		names = append(names, aws.ToString(g.DBSubnetGroupName))
	}
	if diff := cmp.Diff([]string{"default"}, names); diff != "" {
		t.Fatalf("groups (-want +got):\n%s", diff)
	}
	if got := len(list.DBSubnetGroups[0].Subnets); got != 3 {
		t.Errorf("default group has %d subnets; want one per zone, 3", got)
	}
	di, err := c.DescribeDBInstances(ctx, &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("plain")})
	if err != nil {
		t.Fatal(err)
	}
	inst := di.DBInstances[0]
	if aws.ToString(inst.DBSubnetGroup.DBSubnetGroupName) != "default" || aws.ToString(inst.AvailabilityZone) != "us-east-1a" ||
		aws.ToString(inst.SecondaryAvailabilityZone) != "us-east-1b" {
		t.Errorf("instance group %s zone %s standby %s", aws.ToString(inst.DBSubnetGroup.DBSubnetGroupName),
			aws.ToString(inst.AvailabilityZone), aws.ToString(inst.SecondaryAvailabilityZone))
	}
}

// TestDBSubnetGroupRefusals pins the error of each bad request, and that
// a refused request leaves nothing behind (not even the "default" group).
func TestDBSubnetGroupRefusals(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	ctx := t.Context()
	sn := defaultSubnets()
	create := func(name string, ids ...string) error {
		_, err := c.CreateDBSubnetGroup(ctx, &awsrds.CreateDBSubnetGroupInput{DBSubnetGroupName: aws.String(name),
			DBSubnetGroupDescription: aws.String("d"), SubnetIds: ids})
		return err
	}
	if err := create("taken", sn[0].ID, sn[1].ID); err != nil {
		t.Fatal(err)
	}
	many := make([]string, 21)
	for i := range many {
		many[i] = sn[i%3].ID
	}
	for _, tc := range []struct {
		name string
		err  error
		code string
	}{
		// RDS User Guide, "Working with a DB instance in a VPC": subnets
		// in at least two Availability Zones.
		{"one zone", create("one-zone", sn[0].ID), "DBSubnetGroupDoesNotCoverEnoughAZs"},
		{"one zone twice", create("one-zone", sn[0].ID, sn[0].ID), "DBSubnetGroupDoesNotCoverEnoughAZs"},
		{"unknown subnet", create("ghost", sn[0].ID, "subnet-0123456789abcdef0"), "InvalidSubnet"},
		{"exists", create("TAKEN", sn[0].ID, sn[1].ID), "DBSubnetGroupAlreadyExists"},
		{"named default", create("default", sn[0].ID, sn[1].ID), "InvalidParameterValue"},
		{"bad name", create("1st", sn[0].ID, sn[1].ID), "InvalidParameterValue"},
		// RDS User Guide, Quotas: 20 subnets per DB subnet group.
		{"21 subnets", create("many", many...), "DBSubnetQuotaExceededFault"},
		{"modify missing", func() error {
			_, err := c.ModifyDBSubnetGroup(ctx, &awsrds.ModifyDBSubnetGroupInput{DBSubnetGroupName: aws.String("nope"), SubnetIds: []string{sn[0].ID, sn[1].ID}})
			return err
		}(), "DBSubnetGroupNotFoundFault"},
		{"modify to one zone", func() error {
			_, err := c.ModifyDBSubnetGroup(ctx, &awsrds.ModifyDBSubnetGroupInput{DBSubnetGroupName: aws.String("taken"), SubnetIds: []string{sn[2].ID}})
			return err
		}(), "DBSubnetGroupDoesNotCoverEnoughAZs"},
		{"delete missing", func() error {
			_, err := c.DeleteDBSubnetGroup(ctx, &awsrds.DeleteDBSubnetGroupInput{DBSubnetGroupName: aws.String("nope")})
			return err
		}(), "DBSubnetGroupNotFoundFault"},
		{"instance in missing group", func() error {
			in := mysqlInput("lost")
			in.DBSubnetGroupName = aws.String("nope")
			_, err := c.CreateDBInstance(ctx, in)
			return err
		}(), "DBSubnetGroupNotFoundFault"},
		{"instance in a zone the group lacks", func() error {
			in := mysqlInput("lost")
			in.DBSubnetGroupName, in.AvailabilityZone = aws.String("taken"), aws.String("us-east-1c")
			_, err := c.CreateDBInstance(ctx, in)
			return err
		}(), "InvalidParameterCombination"},
		{"instance refused late", func() error {
			in := mysqlInput("lost")
			in.Tags = []types.Tag{{Key: aws.String("aws:reserved"), Value: aws.String("x")}}
			_, err := c.CreateDBInstance(ctx, in)
			return err
		}(), "InvalidParameterValue"},
		{"describe filters", func() error {
			_, err := c.DescribeDBSubnetGroups(ctx, &awsrds.DescribeDBSubnetGroupsInput{Filters: []types.Filter{{Name: aws.String("vpc-id"), Values: []string{"v"}}}})
			return err
		}(), "InvalidParameterCombination"},
	} {
		if got := code(tc.err); got != tc.code {
			t.Errorf("%s: %v; want %s", tc.name, tc.err, tc.code)
		}
	}
	acct := fake.DefaultCredentials()[0].AccountID
	var names []string
	for _, g := range srv.DBSubnetGroups(acct, fake.DefaultRegion) {
		names = append(names, g.Name)
	}
	if diff := cmp.Diff([]string{"taken"}, names); diff != "" {
		t.Errorf("groups after refusals (-want +got):\n%s", diff)
	}
}

// TestDBSubnetGroupQuota: RDS User Guide, Quotas: 50 DB subnet groups an
// account and region.
func TestDBSubnetGroupQuota(t *testing.T) {
	srv := rdstest.Start(t)
	acct, region := fake.DefaultCredentials()[0].AccountID, fake.DefaultRegion
	sn := defaultSubnets()
	for i := range 50 {
		if _, err := srv.AddDBSubnetGroup(acct, region, fmt.Sprintf("g%d", i), "d", []string{sn[0].ID, sn[1].ID}, nil); err != nil {
			t.Fatal(err)
		}
	}
	_, err := client(t, srv).CreateDBSubnetGroup(t.Context(), &awsrds.CreateDBSubnetGroupInput{DBSubnetGroupName: aws.String("g50"),
		DBSubnetGroupDescription: aws.String("d"), SubnetIds: []string{sn[0].ID, sn[1].ID}})
	if code(err) != "DBSubnetGroupQuotaExceeded" {
		t.Errorf("the 51st group: %v", err)
	}
}

// TestWithSubnets: a subnet lookup wired in (as a local cloud wires its
// EC2 fake) decides which subnets exist and which VPC and zone each is in.
func TestWithSubnets(t *testing.T) {
	known := map[string]rdstest.Subnet{
		"subnet-a": {ID: "subnet-a", VPCID: "vpc-1", AvailabilityZone: "us-east-1a"},
		"subnet-b": {ID: "subnet-b", VPCID: "vpc-1", AvailabilityZone: "us-east-1b"},
		"subnet-x": {ID: "subnet-x", VPCID: "vpc-2", AvailabilityZone: "us-east-1c"},
	}
	lookup := func(account, region, id string) (rdstest.Subnet, bool) { s, ok := known[id]; return s, ok }
	none := func(account, region string) []rdstest.Subnet { return nil }
	srv := rdstest.Start(t, rdstest.WithSubnets(lookup, none))
	c := client(t, srv)
	ctx := t.Context()
	create := func(name string, ids ...string) error {
		_, err := c.CreateDBSubnetGroup(ctx, &awsrds.CreateDBSubnetGroupInput{DBSubnetGroupName: aws.String(name),
			DBSubnetGroupDescription: aws.String("d"), SubnetIds: ids})
		return err
	}
	if err := create("ok", "subnet-a", "subnet-b"); err != nil {
		t.Fatal(err)
	}
	if got := code(create("two-vpcs", "subnet-a", "subnet-x")); got != "InvalidSubnet" {
		t.Errorf("subnets of two VPCs: %s", got)
	}
	if got := code(create("standalone", defaultSubnets()[0].ID, defaultSubnets()[1].ID)); got != "InvalidSubnet" {
		t.Errorf("the standalone default subnets still exist: %s", got)
	}
	// Without a default VPC an instance needs a DB subnet group.
	_, err := c.CreateDBInstance(ctx, mysqlInput("no-default"))
	if code(err) != "InvalidParameterCombination" {
		t.Errorf("an instance without a group and without a default VPC: %v", err)
	}
	createInstance(t, c, "in-ok", func(in *awsrds.CreateDBInstanceInput) { in.DBSubnetGroupName = aws.String("ok") })
}
