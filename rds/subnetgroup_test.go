package rds_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/rdstest"
)

// defaultSubnets are the fake's default VPC subnets for the first test
// account, as rds.Subnet values with their zones.
func defaultSubnets() []rds.Subnet {
	var out []rds.Subnet
	for _, s := range rdstest.StandaloneDefaultSubnets(fake.DefaultCredentials()[0].AccountID, fake.DefaultRegion) {
		out = append(out, rds.Subnet{ID: s.ID, AvailabilityZone: s.AvailabilityZone})
	}
	return out
}

func TestDBSubnetGroupLifecycle(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	sn := defaultSubnets()
	g, err := conn.CreateDBSubnetGroup(ctx, rds.SubnetGroupOptions{Name: "App", Description: "app", Subnets: sn[:2],
		Tags: rds.Tags{"team": "data"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []rds.Subnet{{ID: sn[0].ID, AvailabilityZone: sn[0].AvailabilityZone, Status: "Active"},
		{ID: sn[1].ID, AvailabilityZone: sn[1].AvailabilityZone, Status: "Active"}}
	if diff := cmp.Diff(want, g.Subnets); diff != "" {
		t.Errorf("subnets (-want +got):\n%s", diff)
	}
	if g.Name != "app" || g.Status != "Complete" || !strings.HasPrefix(g.VPCID, "vpc-") || !strings.HasSuffix(g.ARN, ":subgrp:app") {
		t.Errorf("group %+v", g)
	}
	if diff := cmp.Diff([]string{"us-east-1a", "us-east-1b"}, g.Zones()); diff != "" {
		t.Errorf("zones (-want +got):\n%s", diff)
	}

	db, err := conn.CreateDBInstance(ctx, func() rds.InstanceOptions {
		o := mysqlOptions("in-app")
		o.SubnetGroup, o.AvailabilityZone, o.VPCSecurityGroupIDs = "app", "us-east-1b", []string{"sg-0123456789abcdef0"}
		return o
	}())
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if db.SubnetGroup == nil || db.SubnetGroup.Name != "app" || db.SubnetGroup.VPCID != g.VPCID || len(db.SubnetGroup.Subnets) != 2 {
		t.Fatalf("instance's subnet group %+v", db.SubnetGroup)
	}
	if db.SubnetGroup.Conn() != conn {
		t.Error("the instance's subnet group handle has another connection")
	}
	if diff := cmp.Diff([]rds.GroupStatus{{Name: "sg-0123456789abcdef0", Status: "active"}}, db.VPCSecurityGroups); diff != "" {
		t.Errorf("VPC security groups (-want +got):\n%s", diff)
	}

	if err := g.Modify(ctx, rds.SubnetGroupChanges{Subnets: sn, Description: "all zones"}); err != nil {
		t.Fatal(err)
	}
	fresh := conn.DBSubnetGroup("APP")
	if err := fresh.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if len(fresh.Subnets) != 3 || fresh.Description != "all zones" {
		t.Errorf("after Modify: %+v", fresh)
	}
	var names []string
	for g, err := range conn.DBSubnetGroups(ctx, rds.PageSize(20)) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, g.Name)
	}
	if diff := cmp.Diff([]string{"app"}, names); diff != "" {
		t.Errorf("DBSubnetGroups (-want +got):\n%s", diff)
	}

	// RDS API Reference, DeleteDBSubnetGroup: InvalidDBSubnetGroupStateFault
	// while the group is in use.
	wantCode(t, g.Delete(ctx), "InvalidDBSubnetGroupStateFault")
	if err := db.Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true}); err != nil {
		t.Fatal(err)
	}
	if err := db.Wait(ctx, rds.InstanceDeleted, fast); err != nil {
		t.Fatal(err)
	}
	if err := g.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	err = g.Refresh(ctx)
	wantCode(t, err, "DBSubnetGroupNotFoundFault")
	if !goboto.IsNotFound(err) {
		t.Errorf("IsNotFound(%v) is false", err)
	}
	wantCode(t, g.Delete(ctx), "DBSubnetGroupNotFoundFault")
	_ = srv
}

// TestDBSubnetGroupRefusedLocally: bad input is a *goboto.ValidationError
// and nothing is sent.
func TestDBSubnetGroupRefusedLocally(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	sn := defaultSubnets()
	many := make([]rds.Subnet, 21)
	for i := range many {
		many[i] = rds.Subnet{ID: sn[i%3].ID}
	}
	for _, tc := range []struct {
		name string
		o    rds.SubnetGroupOptions
		text string
	}{
		// RDS User Guide, "Working with a DB instance in a VPC": at least
		// two Availability Zones; known here from the subnets' zones.
		{"one zone", rds.SubnetGroupOptions{Name: "a", Description: "d", Subnets: []rds.Subnet{sn[0], {ID: "subnet-0aaaaaaaaaaaaaaaa", AvailabilityZone: sn[0].AvailabilityZone}}},
			"SubnetIds: " + sn[0].ID + ",subnet-0aaaaaaaaaaaaaaaa covers only the Availability Zone us-east-1a; a DB subnet group needs subnets in at least two"},
		{"no subnets", rds.SubnetGroupOptions{Name: "a", Description: "d"}, ""},
		{"21 subnets", rds.SubnetGroupOptions{Name: "a", Description: "d", Subnets: many}, ""},
		{"not a subnet ID", rds.SubnetGroupOptions{Name: "a", Description: "d", Subnets: []rds.Subnet{{ID: "sn-1"}, sn[1]}}, ""},
		{"named default", rds.SubnetGroupOptions{Name: "Default", Description: "d", Subnets: sn}, ""},
		{"bad name", rds.SubnetGroupOptions{Name: "app/private", Description: "d", Subnets: sn}, ""},
		{"no description", rds.SubnetGroupOptions{Name: "a", Subnets: sn}, ""},
	} {
		_, err := conn.CreateDBSubnetGroup(ctx, tc.o)
		var ve *goboto.ValidationError
		if !errorsAs(err, &ve) {
			t.Errorf("%s: %v; want a ValidationError", tc.name, err)
			continue
		}
		if tc.text != "" && err.Error() != tc.text {
			t.Errorf("%s: %q; want %q", tc.name, err.Error(), tc.text)
		}
	}
	wantInvalid(t, conn.DBSubnetGroup("x").Modify(ctx, rds.SubnetGroupChanges{Subnets: sn[:1]}), "")
	_, err := conn.CreateDBInstance(ctx, func() rds.InstanceOptions {
		o := mysqlOptions("classic")
		o.SubnetGroup, o.SecurityGroups = "app", []string{"default"}
		return o
	}())
	wantInvalid(t, err, "")
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls reached the fake", n)
	}
	// Zones unknown: RDS judges, and answers its own error.
	_, err = conn.CreateDBSubnetGroup(ctx, rds.SubnetGroupOptions{Name: "a", Description: "d", Subnets: []rds.Subnet{{ID: sn[0].ID}}})
	wantCode(t, err, "DBSubnetGroupDoesNotCoverEnoughAZs")
}
