package rds_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds"
)

func TestDBSecurityGroup(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	g, err := conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: "web-db", Description: "web servers' database"})
	if err != nil {
		t.Fatal(err)
	}
	if g.Description != "web servers' database" || g.OwnerID == "" {
		t.Errorf("group %+v; want its description and owner", g)
	}
	_, err = conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: "web-db", Description: "again"})
	wantCode(t, err, "DBSecurityGroupAlreadyExists")

	if err := g.Authorize(ctx, rds.CIDR("203.0.113.0/24")); err != nil {
		t.Fatal(err)
	}
	if err := g.Authorize(ctx, rds.EC2Group("web", g.OwnerID)); err != nil {
		t.Fatal(err)
	}
	wantCode(t, g.Authorize(ctx, rds.CIDR("203.0.113.0/24")), "AuthorizationAlreadyExists")

	bare := conn.DBSecurityGroup("web-db")
	if err := bare.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	var cidrs, groups []string
	for _, r := range bare.IPRanges {
		cidrs = append(cidrs, r.CIDR)
		if r.Status != "authorizing" && r.Status != "authorized" {
			t.Errorf("range %s is %q", r.CIDR, r.Status)
		}
	}
	for _, s := range bare.EC2SecurityGroups {
		groups = append(groups, s.Name+"/"+s.OwnerID)
	}
	if diff := cmp.Diff([]string{"203.0.113.0/24"}, cidrs); diff != "" {
		t.Errorf("IP ranges (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"web/" + g.OwnerID}, groups); diff != "" {
		t.Errorf("EC2 groups (-want +got):\n%s", diff)
	}

	var names []string
	for x, err := range conn.DBSecurityGroups(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, x.Name)
	}
	found := false
	for _, n := range names {
		found = found || n == "web-db"
	}
	if !found {
		t.Errorf("DBSecurityGroups = %q; want web-db among them", names)
	}

	if err := g.Revoke(ctx, rds.CIDR("203.0.113.0/24")); err != nil {
		t.Fatal(err)
	}
	if err := g.Revoke(ctx, rds.EC2Group("web", g.OwnerID)); err != nil {
		t.Fatal(err)
	}
	wantCode(t, g.Revoke(ctx, rds.CIDR("198.51.100.0/24")), "AuthorizationNotFound")

	srv.ResetCalls()
	for _, tt := range []struct {
		in   rds.Ingress
		want string
	}{
		{rds.CIDR("203.0.113.1/24"), "CIDRIP: 203.0.113.1/24 has host bits set; use 203.0.113.0/24"},
		{rds.CIDR("not-a-cidr"), "CIDRIP: not-a-cidr is not an IPv4 CIDR range"},
		{rds.Ingress{}, "CIDRIP: or an EC2 security group is required"},
		{rds.EC2Group("web", ""), "EC2SecurityGroupOwnerId: is required with EC2SecurityGroupName"},
		{rds.EC2Group("web", "12"), "EC2SecurityGroupOwnerId: 12 is not a 12-digit account ID"},
		{rds.Ingress{CIDR: "10.0.0.0/8", EC2GroupName: "web"}, "CIDRIP: 10.0.0.0/8 cannot be given with an EC2 security group"},
	} {
		wantInvalid(t, g.Authorize(ctx, tt.in), tt.want)
	}
	_, err = conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: "default", Description: "mine"})
	wantInvalid(t, err, "DBSecurityGroupName: default is reserved by RDS")
	if got := ops(srv); len(got) != 0 {
		t.Errorf("refused calls sent %q", got)
	}

	if err := g.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	wantCode(t, g.Refresh(ctx), "DBSecurityGroupNotFound")
	wantCode(t, g.Delete(ctx), "DBSecurityGroupNotFound")
}

func TestInstanceWithDBSecurityGroup(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	if _, err := conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: "dbsg", Description: "d"}); err != nil {
		t.Fatal(err)
	}
	o := mysqlOptions("grouped")
	o.SecurityGroups = []string{"dbsg"}
	db, err := conn.CreateDBInstance(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(db.SecurityGroups) != 1 || db.SecurityGroups[0].Name != "dbsg" {
		t.Errorf("SecurityGroups = %+v; want dbsg", db.SecurityGroups)
	}
	wantCode(t, conn.DBSecurityGroup("dbsg").Delete(ctx), "InvalidDBSecurityGroupState")
	o = mysqlOptions("ungrouped")
	o.SecurityGroups = []string{"nosuch"}
	_, err = conn.CreateDBInstance(ctx, o)
	wantCode(t, err, "DBSecurityGroupNotFound")
}
