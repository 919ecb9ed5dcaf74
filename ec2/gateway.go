package ec2

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto/internal/core"
)

// InternetGateway is a handle on an internet gateway, which gives a VPC's
// public subnets a way out. Conn.InternetGateway makes one that knows
// only its ID; Refresh, CreateInternetGateway and InternetGateways fill in
// the rest.
type InternetGateway struct {
	conn *Conn

	ID      string
	OwnerID string
	// VPCID is the VPC the gateway is attached to, "" when detached; a
	// gateway is attached to at most one VPC.
	VPCID string
	Tags  Tags
}

// InternetGateway returns a handle on the gateway id ("igw-..."). It does
// no I/O.
func (c *Conn) InternetGateway(id string) *InternetGateway { return &InternetGateway{conn: c, ID: id} }

// Conn returns the connection the gateway belongs to.
func (g *InternetGateway) Conn() *Conn { return g.conn }

// String returns "InternetGateway:<id>".
func (g *InternetGateway) String() string { return "InternetGateway:" + g.ID }

func (g *InternetGateway) set(x types.InternetGateway) {
	*g = InternetGateway{conn: g.conn, ID: aws.ToString(x.InternetGatewayId), OwnerID: aws.ToString(x.OwnerId),
		Tags: tagsFromV2(x.Tags)}
	for _, a := range x.Attachments {
		if a.State != types.AttachmentStatusDetached && a.State != types.AttachmentStatusDetaching {
			g.VPCID = aws.ToString(a.VpcId)
		}
	}
}

func (g *InternetGateway) check() error {
	return g.conn.ready(validID("InternetGatewayId", "igw", g.ID))
}

// CreateInternetGateway makes a detached internet gateway
// (CreateInternetGateway); Attach attaches it to a VPC.
func (c *Conn) CreateInternetGateway(ctx context.Context) (*InternetGateway, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	out, err := client.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})
	if err != nil {
		return nil, core.Error(err)
	}
	g := c.InternetGateway("")
	if out.InternetGateway != nil {
		g.set(*out.InternetGateway)
	}
	return g, nil
}

// InternetGateways lists the gateways that match f, every gateway when f
// is empty (DescribeInternetGateways), fetching pages as the loop needs
// them; PageSize is 5-1000. Filters include attachment.vpc-id,
// attachment.state, internet-gateway-id and tag:<key>.
func (c *Conn) InternetGateways(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*InternetGateway, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeInternetGateways", lo: 5, hi: 1000}, opts)
	if err != nil {
		return fail[*InternetGateway](err)
	}
	return func(yield func(*InternetGateway, error) bool) {
		p := ec2.NewDescribeInternetGatewaysPaginator(client, &ec2.DescribeInternetGatewaysInput{Filters: f.v2(), MaxResults: o.maxResults()})
		each(ctx, yield, p, func(o *ec2.DescribeInternetGatewaysOutput) []types.InternetGateway { return o.InternetGateways },
			func(x types.InternetGateway) *InternetGateway { g := c.InternetGateway(""); g.set(x); return g })
	}
}

// Refresh reads the gateway's current description into g
// (DescribeInternetGateways). An unknown ID fails with
// InvalidInternetGatewayID.NotFound.
func (g *InternetGateway) Refresh(ctx context.Context) error {
	if err := g.check(); err != nil {
		return err
	}
	out, err := g.conn.client.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{g.ID}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.InternetGateways {
		if aws.ToString(x.InternetGatewayId) == g.ID {
			g.set(x)
			return nil
		}
	}
	return notFound(out.ResultMetadata, "DescribeInternetGateways", "InvalidInternetGatewayID.NotFound", "internetGateway", g.ID)
}

// Attach attaches the gateway to vpcID (AttachInternetGateway) and sets
// g.VPCID. A gateway attached elsewhere, or a VPC that has a gateway,
// fails with Resource.AlreadyAssociated.
func (g *InternetGateway) Attach(ctx context.Context, vpcID string) error {
	if err := g.check(); err != nil {
		return err
	}
	if err := validID("VpcId", "vpc", vpcID); err != nil {
		return err
	}
	_, err := g.conn.client.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{
		InternetGatewayId: aws.String(g.ID), VpcId: aws.String(vpcID)})
	if err != nil {
		return core.Error(err)
	}
	g.VPCID = vpcID
	return nil
}

// Detach detaches the gateway from vpcID (DetachInternetGateway); routes
// to it become blackholes. A gateway not attached to vpcID fails with
// Gateway.NotAttached.
func (g *InternetGateway) Detach(ctx context.Context, vpcID string) error {
	if err := g.check(); err != nil {
		return err
	}
	if err := validID("VpcId", "vpc", vpcID); err != nil {
		return err
	}
	_, err := g.conn.client.DetachInternetGateway(ctx, &ec2.DetachInternetGatewayInput{
		InternetGatewayId: aws.String(g.ID), VpcId: aws.String(vpcID)})
	if err != nil {
		return core.Error(err)
	}
	g.VPCID = ""
	return nil
}

// Delete deletes the gateway (DeleteInternetGateway). An attached gateway
// fails with DependencyViolation; Detach it first.
func (g *InternetGateway) Delete(ctx context.Context) error {
	if err := g.check(); err != nil {
		return err
	}
	_, err := g.conn.client.DeleteInternetGateway(ctx, &ec2.DeleteInternetGatewayInput{InternetGatewayId: aws.String(g.ID)})
	return core.Error(err)
}

// AddTag sets the tag key to value on the gateway (CreateTags) and in
// g.Tags.
func (g *InternetGateway) AddTag(ctx context.Context, key, value string) error {
	if err := g.check(); err != nil {
		return err
	}
	return addTag(ctx, g.conn, g.ID, &g.Tags, key, value)
}

// RemoveTag removes the tag key from the gateway (DeleteTags) and g.Tags.
func (g *InternetGateway) RemoveTag(ctx context.Context, key string) error {
	if err := g.check(); err != nil {
		return err
	}
	return removeTag(ctx, g.conn, g.ID, &g.Tags, key)
}
