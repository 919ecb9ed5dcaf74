package suite

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds"
)

// ids returns the subnets' IDs, sorted.
func ids(subnets []rds.Subnet) []string {
	var out []string
	for _, s := range subnets {
		out = append(out, s.ID)
	}
	slices.Sort(out)
	return out
}

// newSubnetGroup creates a DB subnet group of subnets and deletes it when
// t ends.
func newSubnetGroup(t *testing.T, env Env, subnets []rds.Subnet) *rds.DBSubnetGroup {
	t.Helper()
	name := env.NewName()
	g, err := env.Conn.CreateDBSubnetGroup(t.Context(), rds.SubnetGroupOptions{Name: name, Description: "goboto conformance suite", Subnets: subnets})
	if err != nil {
		t.Fatalf("%s: CreateDBSubnetGroup: %v", env.Name, err)
	}
	cleanup(t, env.Conn.DBSubnetGroup(name).Delete)
	return g
}

// CreateDBSubnetGroup makes a group of subnets of one VPC (API
// Reference, CreateDBSubnetGroup; DBSubnetGroup: VpcId,
// SubnetGroupStatus, Subnets); an instance created in it runs in its VPC
// and one of its zones, and one created without a group goes into the
// default VPC's group "default" (User Guide, "Working with a DB instance
// in a VPC": "If you don't specify a DB subnet group ... Amazon RDS
// creates ... the default DB subnet group"). ModifyDBSubnetGroup replaces
// the subnets; DeleteDBSubnetGroup refuses while an instance uses the
// group (InvalidDBSubnetGroupStateFault).
func testSubnetGroups(t *testing.T, env Env) {
	vpc, subnets := env.Network(t)
	g := newSubnetGroup(t, env, subnets[:2])
	got := []any{g.Description, g.VPCID, g.Status, ids(g.Subnets)}
	want := []any{"goboto conformance suite", vpc, "Complete", ids(subnets[:2])}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: CreateDBSubnetGroup answered (-want +got):\n%s", env.Name, diff)
	}
	if !strings.HasPrefix(g.ARN, "arn:aws:rds:us-east-1:") || !strings.HasSuffix(g.ARN, ":subgrp:"+g.Name) {
		t.Errorf("%s: DBSubnetGroupArn %q", env.Name, g.ARN)
	}
	if zones := g.Zones(); !cmp.Equal(zones, []string{"us-east-1a", "us-east-1b"}) {
		t.Errorf("%s: group zones %v", env.Name, zones)
	}
	var listed bool
	for x, err := range env.Conn.DBSubnetGroups(t.Context(), rds.PageSize(20)) {
		if err != nil {
			t.Fatalf("%s: DBSubnetGroups: %v", env.Name, err)
		}
		listed = listed || x.Name == g.Name
	}
	if !listed {
		t.Errorf("%s: DBSubnetGroups does not list %s", env.Name, g.Name)
	}

	o := instanceOptions(env.NewName())
	o.SubnetGroup = g.Name
	db := newInstance(t, env, o)
	if db.SubnetGroup == nil || db.SubnetGroup.Name != g.Name || db.SubnetGroup.VPCID != vpc {
		t.Errorf("%s: instance in group %s reports subnet group %+v", env.Name, g.Name, db.SubnetGroup)
	}
	if !slices.Contains(g.Zones(), db.AvailabilityZone) {
		t.Errorf("%s: instance in zone %q, not one of the group's %v", env.Name, db.AvailabilityZone, g.Zones())
	}
	err := g.Delete(t.Context())
	accepted(t, env, "DeleteDBSubnetGroup of a group in use", err, "InvalidDBSubnetGroupStateFault", env.Diff.DeletesSubnetGroupInUse)

	plain := newInstance(t, env, instanceOptions(env.NewName()))
	switch {
	case env.Diff.NoDefaultSubnetGroup:
		if plain.SubnetGroup != nil {
			t.Errorf("%s: an instance without a group reports %+v; the difference says none", env.Name, plain.SubnetGroup)
		}
	case plain.SubnetGroup == nil || plain.SubnetGroup.Name != "default":
		t.Errorf("%s: an instance without a group reports subnet group %+v, want default", env.Name, plain.SubnetGroup)
	}

	m := newSubnetGroup(t, env, subnets[:2])
	err = m.Modify(t.Context(), rds.SubnetGroupChanges{Subnets: subnets, Description: "three zones"})
	if err != nil {
		t.Fatalf("%s: Modify: %v", env.Name, err)
	}
	err = m.Refresh(t.Context())
	if env.Diff.ModifyLosesSubnetGroup {
		wantCode(t, env, "Refresh after ModifyDBSubnetGroup (which the backend loses the group in)", err, "DBSubnetGroupNotFoundFault")
	} else {
		if err != nil {
			t.Fatalf("%s: Refresh after Modify: %v", env.Name, err)
		}
		if got, want := []any{m.Description, ids(m.Subnets)}, []any{"three zones", ids(subnets)}; !cmp.Equal(want, got) {
			t.Errorf("%s: after ModifyDBSubnetGroup %v, want %v", env.Name, got, want)
		}
		if err := m.Delete(t.Context()); err != nil {
			t.Fatalf("%s: Delete: %v", env.Name, err)
		}
	}
	wantCode(t, env, "Refresh of a deleted group", m.Refresh(t.Context()), "DBSubnetGroupNotFoundFault")
	wantCode(t, env, "Delete of a deleted group", m.Delete(t.Context()), "DBSubnetGroupNotFoundFault")
}

// RDS refuses a group whose subnets cover one zone
// (DBSubnetGroupDoesNotCoverEnoughAZs: "Subnets in the DB subnet group
// should cover at least two Availability Zones"), a subnet it does not
// know (InvalidSubnet), and a name taken (DBSubnetGroupAlreadyExists)
// (API Reference, CreateDBSubnetGroup, Errors); goboto sends the first
// because it is not told the subnet's zone.
func testSubnetGroupErrors(t *testing.T, env Env) {
	_, subnets := env.Network(t)
	g := newSubnetGroup(t, env, subnets[:2])
	create := func(name string, subnets ...rds.Subnet) error {
		_, err := env.Conn.CreateDBSubnetGroup(t.Context(), rds.SubnetGroupOptions{Name: name, Description: "d", Subnets: subnets})
		if err == nil {
			cleanup(t, func(ctx context.Context) error { return env.Conn.DBSubnetGroup(name).Delete(ctx) })
		}
		return err
	}
	accepted(t, env, "CreateDBSubnetGroup of a taken name", create(g.Name, subnets[:2]...),
		"DBSubnetGroupAlreadyExists", env.Diff.RecreatesSubnetGroup)
	accepted(t, env, "CreateDBSubnetGroup of one zone", create(env.NewName(), rds.Subnet{ID: subnets[0].ID}),
		"DBSubnetGroupDoesNotCoverEnoughAZs", env.Diff.OneZoneSubnetGroups)
	want := "InvalidSubnet"
	if env.Diff.UnknownSubnetEC2Code {
		want = "InvalidSubnetID.NotFound"
	}
	wantCode(t, env, "CreateDBSubnetGroup with an unknown subnet",
		create(env.NewName(), subnets[0], rds.Subnet{ID: "subnet-0123456789abcdef0", AvailabilityZone: "us-east-1b"}), want)
	wantCode(t, env, "Refresh of a missing group", env.Conn.DBSubnetGroup(env.NewName()).Refresh(t.Context()), "DBSubnetGroupNotFoundFault")
	wantCode(t, env, "Delete of a missing group", env.Conn.DBSubnetGroup(env.NewName()).Delete(t.Context()), "DBSubnetGroupNotFoundFault")
}
