package ec2

import (
	"context"
	"iter"
	"net/netip"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// RouteTable is a handle on a VPC's route table. Conn.RouteTable makes one
// that knows only its ID; Refresh, VPC.CreateRouteTable,
// VPC.MainRouteTable and RouteTables fill in the rest.
type RouteTable struct {
	conn *Conn

	ID      string
	VPCID   string
	OwnerID string
	// Main is whether this is its VPC's main table, which serves every
	// subnet not associated with another table.
	Main         bool
	Routes       []Route
	Associations []RouteTableAssociation
	Tags         Tags
}

// Route is one route of a table.
type Route struct {
	Destination string // an IPv4 block, "0.0.0.0/0"
	// GatewayID is where the route goes: "local" for the VPC's own block,
	// or a gateway's ID ("igw-...").
	GatewayID string
	State     string // "active", or "blackhole" when its target is gone
	Origin    string // "CreateRouteTable" (the local route) or "CreateRoute"
}

// RouteTableAssociation ties a table to a subnet, or marks the main table
// of its VPC.
type RouteTableAssociation struct {
	ID       string // "rtbassoc-..."
	SubnetID string // "" for the main association
	Main     bool
}

// RouteTable returns a handle on the route table id ("rtb-..."). It does
// no I/O.
func (c *Conn) RouteTable(id string) *RouteTable { return &RouteTable{conn: c, ID: id} }

// Conn returns the connection the table belongs to.
func (t *RouteTable) Conn() *Conn { return t.conn }

// String returns "RouteTable:<id>".
func (t *RouteTable) String() string { return "RouteTable:" + t.ID }

func (t *RouteTable) set(x types.RouteTable) {
	*t = RouteTable{conn: t.conn, ID: aws.ToString(x.RouteTableId), VPCID: aws.ToString(x.VpcId),
		OwnerID: aws.ToString(x.OwnerId), Tags: tagsFromV2(x.Tags)}
	for _, r := range x.Routes {
		t.Routes = append(t.Routes, Route{Destination: aws.ToString(r.DestinationCidrBlock), GatewayID: aws.ToString(r.GatewayId),
			State: string(r.State), Origin: string(r.Origin)})
	}
	for _, a := range x.Associations {
		main := aws.ToBool(a.Main)
		t.Main = t.Main || main
		t.Associations = append(t.Associations, RouteTableAssociation{ID: aws.ToString(a.RouteTableAssociationId),
			SubnetID: aws.ToString(a.SubnetId), Main: main})
	}
}

func (t *RouteTable) check() error { return t.conn.ready(validID("RouteTableId", "rtb", t.ID)) }

// CreateRouteTable makes a route table in the VPC (CreateRouteTable),
// holding the VPC's local route.
func (v *VPC) CreateRouteTable(ctx context.Context) (*RouteTable, error) {
	if err := v.check(); err != nil {
		return nil, err
	}
	out, err := v.conn.client.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: aws.String(v.ID)})
	if err != nil {
		return nil, core.Error(err)
	}
	t := v.conn.RouteTable("")
	if out.RouteTable != nil {
		t.set(*out.RouteTable)
	}
	return t, nil
}

// MainRouteTable returns the VPC's main route table (DescribeRouteTables,
// by vpc-id and association.main).
func (v *VPC) MainRouteTable(ctx context.Context) (*RouteTable, error) {
	if err := v.check(); err != nil {
		return nil, err
	}
	out, err := v.conn.client.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{
		Filters: Filter{"vpc-id": {v.ID}, "association.main": {"true"}}.v2()})
	if err != nil {
		return nil, core.Error(err)
	}
	for _, x := range out.RouteTables {
		t := v.conn.RouteTable("")
		t.set(x)
		if t.Main && t.VPCID == v.ID {
			return t, nil
		}
	}
	return nil, core.NotFound(out.ResultMetadata, "EC2", "DescribeRouteTables", "InvalidRouteTableID.NotFound",
		"The VPC '"+v.ID+"' has no main route table")
}

// RouteTables lists the route tables that match f, every table when f is
// empty (DescribeRouteTables), fetching pages as the loop needs them;
// PageSize is 5-100. Filters include vpc-id, route-table-id,
// association.subnet-id, association.main, route.gateway-id and
// tag:<key>.
func (c *Conn) RouteTables(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*RouteTable, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeRouteTables", lo: 5, hi: 100}, opts)
	if err != nil {
		return fail[*RouteTable](err)
	}
	return func(yield func(*RouteTable, error) bool) {
		p := ec2.NewDescribeRouteTablesPaginator(client, &ec2.DescribeRouteTablesInput{Filters: f.v2(), MaxResults: o.maxResults()})
		each(ctx, yield, p, func(o *ec2.DescribeRouteTablesOutput) []types.RouteTable { return o.RouteTables },
			func(x types.RouteTable) *RouteTable { t := c.RouteTable(""); t.set(x); return t })
	}
}

// Refresh reads the table's current routes and associations into t
// (DescribeRouteTables). An unknown ID fails with
// InvalidRouteTableID.NotFound.
func (t *RouteTable) Refresh(ctx context.Context) error {
	if err := t.check(); err != nil {
		return err
	}
	out, err := t.conn.client.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{t.ID}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.RouteTables {
		if aws.ToString(x.RouteTableId) == t.ID {
			t.set(x)
			return nil
		}
	}
	return notFound(out.ResultMetadata, "DescribeRouteTables", "InvalidRouteTableID.NotFound", "routeTable", t.ID)
}

// Delete deletes the table (DeleteRouteTable). The main table, or one
// associated with subnets, fails with DependencyViolation.
func (t *RouteTable) Delete(ctx context.Context) error {
	if err := t.check(); err != nil {
		return err
	}
	_, err := t.conn.client.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: aws.String(t.ID)})
	return core.Error(err)
}

// validDestination checks a route's destination: an IPv4 block, /0 to
// /32, given by its network address.
func validDestination(dest string) error {
	p, err := netip.ParsePrefix(dest)
	switch {
	case dest == "":
		return goboto.Invalid("Destination", "", "is required")
	case err != nil || !p.Addr().Is4():
		return goboto.Invalid("Destination", dest, "is not an IPv4 CIDR block")
	case p.Masked() != p:
		return goboto.Invalid("Destination", dest, "is not a block's network address (want "+p.Masked().String()+")")
	}
	return nil
}

// validGateway checks a route's target: an internet gateway ("igw-...")
// or virtual private gateway ("vgw-...") ID.
func validGateway(id string) error {
	if strings.HasPrefix(id, "vgw-") {
		return validID("GatewayId", "vgw", id)
	}
	return validID("GatewayId", "igw", id)
}

// local refuses a change to the VPC's local route, which EC2 does not let
// CreateRoute, ReplaceRoute or DeleteRoute touch, when the handle's routes
// (after Refresh) show dest is it.
func (t *RouteTable) local(dest string) error {
	for _, r := range t.Routes {
		if r.Destination == dest && r.GatewayID == "local" {
			return goboto.Invalid("Destination", dest, "is the VPC's local route, which cannot be changed")
		}
	}
	return nil
}

// CreateRoute adds a route from dest to gatewayID (CreateRoute), e.g.
// "0.0.0.0/0" to an internet gateway attached to the table's VPC. A
// destination the table routes already fails with RouteAlreadyExists.
// The handle's Routes are not updated; Refresh shows the route.
func (t *RouteTable) CreateRoute(ctx context.Context, dest, gatewayID string) error {
	if err := t.routeCheck(dest, gatewayID); err != nil {
		return err
	}
	_, err := t.conn.client.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(t.ID),
		DestinationCidrBlock: aws.String(dest), GatewayId: aws.String(gatewayID)})
	return core.Error(err)
}

// ReplaceRoute points the route for dest at gatewayID instead
// (ReplaceRoute). A destination without a route fails with
// InvalidParameterValue ("There is no route defined for ...").
func (t *RouteTable) ReplaceRoute(ctx context.Context, dest, gatewayID string) error {
	if err := t.routeCheck(dest, gatewayID); err != nil {
		return err
	}
	_, err := t.conn.client.ReplaceRoute(ctx, &ec2.ReplaceRouteInput{RouteTableId: aws.String(t.ID),
		DestinationCidrBlock: aws.String(dest), GatewayId: aws.String(gatewayID)})
	return core.Error(err)
}

func (t *RouteTable) routeCheck(dest, gatewayID string) error {
	if err := t.check(); err != nil {
		return err
	}
	if err := validDestination(dest); err != nil {
		return err
	}
	if err := validGateway(gatewayID); err != nil {
		return err
	}
	return t.local(dest)
}

// DeleteRoute removes the route for dest (DeleteRoute). The local route
// cannot be removed.
func (t *RouteTable) DeleteRoute(ctx context.Context, dest string) error {
	if err := t.check(); err != nil {
		return err
	}
	if err := validDestination(dest); err != nil {
		return err
	}
	if err := t.local(dest); err != nil {
		return err
	}
	_, err := t.conn.client.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: aws.String(t.ID), DestinationCidrBlock: aws.String(dest)})
	return core.Error(err)
}

// Associate makes the table the one of subnetID (AssociateRouteTable),
// which must be in the same VPC, and returns the association's ID. A
// subnet associated with another table fails with
// Resource.AlreadyAssociated; ReplaceAssociation moves it, and
// Conn.DisassociateRouteTable ends it.
func (t *RouteTable) Associate(ctx context.Context, subnetID string) (string, error) {
	if err := t.check(); err != nil {
		return "", err
	}
	if err := validID("SubnetId", "subnet", subnetID); err != nil {
		return "", err
	}
	out, err := t.conn.client.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(t.ID), SubnetId: aws.String(subnetID)})
	if err != nil {
		return "", core.Error(err)
	}
	return aws.ToString(out.AssociationId), nil
}

// DisassociateRouteTable ends a subnet's route table association
// (DisassociateRouteTable); the subnet falls back to its VPC's main
// table. The main association cannot be ended; ReplaceAssociation moves
// it to another table.
func (c *Conn) DisassociateRouteTable(ctx context.Context, associationID string) error {
	client, err := c.api()
	if err != nil {
		return err
	}
	if err := validID("AssociationId", "rtbassoc", associationID); err != nil {
		return err
	}
	_, err = client.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: aws.String(associationID)})
	return core.Error(err)
}

// ReplaceAssociation moves an association to the table
// (ReplaceRouteTableAssociation): a subnet's, which makes this table the
// subnet's, or its VPC's main association, which makes this the main
// table. It returns the new association's ID.
func (t *RouteTable) ReplaceAssociation(ctx context.Context, associationID string) (string, error) {
	if err := t.check(); err != nil {
		return "", err
	}
	if err := validID("AssociationId", "rtbassoc", associationID); err != nil {
		return "", err
	}
	out, err := t.conn.client.ReplaceRouteTableAssociation(ctx, &ec2.ReplaceRouteTableAssociationInput{
		AssociationId: aws.String(associationID), RouteTableId: aws.String(t.ID)})
	if err != nil {
		return "", core.Error(err)
	}
	return aws.ToString(out.NewAssociationId), nil
}

// AddTag sets the tag key to value on the table (CreateTags) and in
// t.Tags.
func (t *RouteTable) AddTag(ctx context.Context, key, value string) error {
	if err := t.check(); err != nil {
		return err
	}
	return addTag(ctx, t.conn, t.ID, &t.Tags, key, value)
}

// RemoveTag removes the tag key from the table (DeleteTags) and t.Tags.
func (t *RouteTable) RemoveTag(ctx context.Context, key string) error {
	if err := t.check(); err != nil {
		return err
	}
	return removeTag(ctx, t.conn, t.ID, &t.Tags, key)
}
