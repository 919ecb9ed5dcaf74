package suite

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/google/go-cmp/cmp"

	goec2 "github.com/goboto/goboto/ec2"
)

// Route tables: a new table holds the VPC's local route; a route to a
// destination the table has is RouteAlreadyExists, and replacing or
// deleting one it lacks is InvalidRoute.NotFound; a subnet has one table
// (Resource.AlreadyAssociated) and moves with
// ReplaceRouteTableAssociation; the main table, and a table with
// subnets, cannot be deleted (DependencyViolation); a route whose
// gateway is detached is a blackhole (EC2 API Reference, Route, State:
// "blackhole (for example, the specified gateway isn't attached to the
// VPC)"; "Error codes" for the codes; Amazon VPC User Guide, "Route
// tables": "You cannot delete the main route table").
func testRouteTables(t *testing.T, env Env) {
	ctx := t.Context()
	v := newVPC(t, env, "10.50.0.0/16")
	s := newSubnet(t, env, v, "10.50.1.0/24", "us-east-1b")
	g := newGateway(t, env)
	must(t, env, "AttachInternetGateway", g.Attach(ctx, v.ID))

	rt, err := v.CreateRouteTable(ctx)
	must(t, env, "CreateRouteTable", err)
	cleanup(t, rt.Delete)
	local := goec2.Route{Destination: "10.50.0.0/16", GatewayID: "local", State: "active", Origin: "CreateRouteTable"}
	if rt.VPCID != v.ID || rt.Main || !strings.HasPrefix(rt.ID, "rtb-") {
		t.Errorf("%s: CreateRouteTable = %+v, want a non-main table of %s", env.Name, *rt, v.ID)
	}
	if diff := cmp.Diff([]goec2.Route{local}, rt.Routes); diff != "" {
		t.Errorf("%s: a new table's routes (-want +got):\n%s", env.Name, diff)
	}

	must(t, env, "CreateRoute", rt.CreateRoute(ctx, "0.0.0.0/0", g.ID))
	wantCode(t, env, "CreateRoute again", rt.CreateRoute(ctx, "0.0.0.0/0", g.ID), "RouteAlreadyExists")
	// Not InvalidRoute.NotFound: EC2 answers "InvalidParameterValue: There
	// is no route defined for '0.0.0.0/0' in the route table. Use
	// CreateRoute instead." (as AWS answered Terraform and the CLI).
	wantCode(t, env, "ReplaceRoute without a route", rt.ReplaceRoute(ctx, "192.168.0.0/16", g.ID), "InvalidParameterValue")
	wantOK(t, env, "ReplaceRoute", rt.ReplaceRoute(ctx, "0.0.0.0/0", g.ID))
	must(t, env, "RouteTable.Refresh", rt.Refresh(ctx))
	internet := goec2.Route{Destination: "0.0.0.0/0", GatewayID: g.ID, State: "active", Origin: "CreateRoute"}
	if diff := cmp.Diff([]goec2.Route{local, internet}, rt.Routes, sortRoutes()); diff != "" {
		t.Errorf("%s: routes after CreateRoute (-want +got):\n%s", env.Name, diff)
	}
	byGateway := collect(t, env, "RouteTables(route.gateway-id)", env.Conn.RouteTables(ctx, goec2.Filter{"route.gateway-id": {g.ID}}))
	if len(byGateway) != 1 || byGateway[0].ID != rt.ID {
		t.Errorf("%s: RouteTables by route.gateway-id = %v, want %s", env.Name, byGateway, rt.ID)
	}

	assoc, err := rt.Associate(ctx, s.ID)
	must(t, env, "AssociateRouteTable", err)
	if !strings.HasPrefix(assoc, "rtbassoc-") {
		t.Errorf("%s: association ID %q, want rtbassoc-", env.Name, assoc)
	}
	bySubnet := collect(t, env, "RouteTables(association.subnet-id)", env.Conn.RouteTables(ctx, goec2.Filter{"association.subnet-id": {s.ID}}))
	if len(bySubnet) != 1 || bySubnet[0].ID != rt.ID ||
		!slices.Contains(bySubnet[0].Associations, goec2.RouteTableAssociation{ID: assoc, SubnetID: s.ID}) {
		t.Errorf("%s: RouteTables by association.subnet-id = %+v, want %s associated as %s", env.Name, bySubnet, rt.ID, assoc)
	}
	rt2, err := v.CreateRouteTable(ctx)
	must(t, env, "CreateRouteTable", err)
	cleanup(t, rt2.Delete)
	wantCode(t, env, "DeleteRouteTable with a subnet", rt.Delete(ctx), "DependencyViolation")
	moved, err := rt2.ReplaceAssociation(ctx, assoc)
	must(t, env, "ReplaceRouteTableAssociation", err)
	must(t, env, "RouteTable.Refresh", rt2.Refresh(ctx))
	if len(rt2.Associations) != 1 || rt2.Associations[0].SubnetID != s.ID || rt2.Associations[0].ID != moved {
		t.Errorf("%s: after ReplaceRouteTableAssociation the new table's associations are %+v, want %s as %s", env.Name, rt2.Associations, s.ID, moved)
	}
	// A subnet has one table: EC2 answers "Resource.AlreadyAssociated: the
	// specified association for route table rtb-... conflicts with an
	// existing association" (as AWS answered Terraform).
	if again, err := rt.Associate(ctx, s.ID); env.Diff.AssociateAnswersExisting {
		if err != nil || again != moved {
			t.Errorf("%s: AssociateRouteTable with a subnet that has a table (AssociateAnswersExisting) = %q, %v; want %s", env.Name, again, err, moved)
		}
	} else {
		wantCode(t, env, "AssociateRouteTable with a subnet that has a table", err, "Resource.AlreadyAssociated")
	}
	wantOK(t, env, "DisassociateRouteTable", env.Conn.DisassociateRouteTable(ctx, moved))
	if left := collect(t, env, "RouteTables(association.subnet-id)",
		env.Conn.RouteTables(ctx, goec2.Filter{"association.subnet-id": {s.ID}})); len(left) != 0 {
		t.Errorf("%s: after DisassociateRouteTable the subnet is still associated with %v", env.Name, left)
	}

	must(t, env, "DetachInternetGateway", g.Detach(ctx, v.ID))
	must(t, env, "RouteTable.Refresh", rt.Refresh(ctx))
	i := slices.IndexFunc(rt.Routes, func(r goec2.Route) bool { return r.Destination == "0.0.0.0/0" })
	switch {
	case i < 0:
		t.Errorf("%s: the route to the detached gateway is gone: %+v", env.Name, rt.Routes)
	case env.Diff.NoBlackholes && rt.Routes[i].State != "active":
		t.Errorf("%s: NoBlackholes is set but the route to the detached gateway is %q", env.Name, rt.Routes[i].State)
	case !env.Diff.NoBlackholes && rt.Routes[i].State != "blackhole":
		t.Errorf("%s: the route to the detached gateway is %q, want blackhole", env.Name, rt.Routes[i].State)
	}
	wantOK(t, env, "DeleteRoute", rt.DeleteRoute(ctx, "0.0.0.0/0"))
	wantCode(t, env, "DeleteRoute again", rt.DeleteRoute(ctx, "0.0.0.0/0"), "InvalidRoute.NotFound")
	wantOK(t, env, "DeleteRouteTable", rt.Delete(ctx))
	_, err = env.Conn.Client().DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{rt.ID}})
	wantCode(t, env, "DescribeRouteTables after DeleteRouteTable", err, "InvalidRouteTableID.NotFound")
	_, err = env.Conn.Client().DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: aws.String(rt.ID)})
	wantCode(t, env, "DeleteRouteTable again", err, "InvalidRouteTableID.NotFound")

	main, err := v.MainRouteTable(ctx)
	must(t, env, "MainRouteTable", err)
	if err := main.Delete(ctx); env.Diff.DeletesMainRouteTable {
		wantOK(t, env, "DeleteRouteTable main (DeletesMainRouteTable)", err)
	} else {
		wantCode(t, env, "DeleteRouteTable main", err, "DependencyViolation")
	}
}

func sortRoutes() cmp.Option {
	return cmp.Transformer("sorted", func(rs []goec2.Route) []goec2.Route {
		out := slices.Clone(rs)
		slices.SortFunc(out, func(a, b goec2.Route) int { return strings.Compare(a.Destination, b.Destination) })
		return out
	})
}
