package ec2

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// VPCState is a VPC's state, as EC2 names it.
type VPCState string

// EC2's VPC states.
const (
	VPCPending   VPCState = "pending"
	VPCAvailable VPCState = "available"
)

// VPC is a handle on a virtual private cloud. Conn.VPC makes one that
// knows only its ID; Refresh, CreateVPC, VPCs and DefaultVPC fill in the
// rest, a snapshot of the VPC as EC2 last described it.
type VPC struct {
	conn *Conn

	ID   string
	CIDR string // its primary IPv4 block, "10.0.0.0/16"
	// CIDRBlocks are all its associated IPv4 blocks, the primary one
	// first; a VPC can have secondary blocks (AssociateVpcCidrBlock).
	CIDRBlocks    []string
	State         VPCState
	IsDefault     bool // the region's default VPC
	OwnerID       string
	DHCPOptionsID string
	Tenancy       string // "default" or "dedicated"
	Tags          Tags
}

// VPC returns a handle on the VPC id ("vpc-..."). It does no I/O.
func (c *Conn) VPC(id string) *VPC { return &VPC{conn: c, ID: id} }

// Conn returns the connection the VPC belongs to.
func (v *VPC) Conn() *Conn { return v.conn }

// String returns "VPC:<id>".
func (v *VPC) String() string { return "VPC:" + v.ID }

func (v *VPC) set(x types.Vpc) {
	*v = VPC{conn: v.conn,
		ID: aws.ToString(x.VpcId), CIDR: aws.ToString(x.CidrBlock), State: VPCState(x.State),
		IsDefault: aws.ToBool(x.IsDefault), OwnerID: aws.ToString(x.OwnerId),
		DHCPOptionsID: aws.ToString(x.DhcpOptionsId), Tenancy: string(x.InstanceTenancy), Tags: tagsFromV2(x.Tags),
	}
	if v.CIDR != "" {
		v.CIDRBlocks = []string{v.CIDR}
	}
	for _, a := range x.CidrBlockAssociationSet {
		b := aws.ToString(a.CidrBlock)
		if a.CidrBlockState != nil && a.CidrBlockState.State == types.VpcCidrBlockStateCodeAssociated && b != v.CIDR {
			v.CIDRBlocks = append(v.CIDRBlocks, b)
		}
	}
}

func (v *VPC) check() error { return v.conn.ready(validID("VpcId", "vpc", v.ID)) }

// VPCOptions describe a CreateVPC call. CIDR is required.
type VPCOptions struct {
	// CIDR is the VPC's IPv4 block: a /16 to a /28, given by its network
	// address ("10.0.0.0/16").
	CIDR string
	Tags Tags // put on the VPC as it is created
}

// CreateVPC makes a VPC (CreateVpc) with its main route table and default
// security group, and returns it, usually pending; Wait waits for it to
// be available. The block is checked before anything is sent; more VPCs
// than the region's quota (five by default) fail with VpcLimitExceeded.
func (c *Conn) CreateVPC(ctx context.Context, o VPCOptions) (*VPC, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	if _, err := parseBlock("CIDR", o.CIDR); err != nil {
		return nil, err
	}
	if err := validTags("Tags", o.Tags); err != nil {
		return nil, err
	}
	in := &ec2.CreateVpcInput{CidrBlock: aws.String(o.CIDR)}
	if len(o.Tags) > 0 {
		in.TagSpecifications = []types.TagSpecification{{ResourceType: types.ResourceTypeVpc, Tags: o.Tags.v2()}}
	}
	out, err := client.CreateVpc(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	v := c.VPC("")
	if out.Vpc != nil {
		v.set(*out.Vpc)
	}
	return v, nil
}

// VPCs lists the VPCs that match f, every VPC when f is empty
// (DescribeVpcs), fetching pages as the loop needs them; PageSize is
// 5-1000. Filters include vpc-id, cidr, is-default, state, owner-id and
// tag:<key>.
func (c *Conn) VPCs(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*VPC, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeVpcs", lo: 5, hi: 1000}, opts)
	if err != nil {
		return fail[*VPC](err)
	}
	return func(yield func(*VPC, error) bool) {
		p := ec2.NewDescribeVpcsPaginator(client, &ec2.DescribeVpcsInput{Filters: f.v2(), MaxResults: o.maxResults()})
		each(ctx, yield, p, func(o *ec2.DescribeVpcsOutput) []types.Vpc { return o.Vpcs },
			func(x types.Vpc) *VPC { v := c.VPC(""); v.set(x); return v })
	}
}

// DefaultVPC returns the region's default VPC (DescribeVpcs, is-default).
// Every account has one per region unless it was deleted; then the error
// is a *goboto.APIError for which goboto.IsNotFound is true.
func (c *Conn) DefaultVPC(ctx context.Context) (*VPC, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	out, err := client.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: Filter{"is-default": {"true"}}.v2()})
	if err != nil {
		return nil, core.Error(err)
	}
	for _, x := range out.Vpcs {
		if aws.ToBool(x.IsDefault) {
			v := c.VPC("")
			v.set(x)
			return v, nil
		}
	}
	return nil, core.NotFound(out.ResultMetadata, "EC2", "DescribeVpcs", "InvalidVpcID.NotFound",
		"The account has no default VPC in "+c.region)
}

// Refresh reads the VPC's current description into v (DescribeVpcs). An
// unknown ID fails with InvalidVpcID.NotFound.
func (v *VPC) Refresh(ctx context.Context) error {
	if err := v.check(); err != nil {
		return err
	}
	out, err := v.conn.client.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{v.ID}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.Vpcs {
		if aws.ToString(x.VpcId) == v.ID {
			v.set(x)
			return nil
		}
	}
	return notFound(out.ResultMetadata, "DescribeVpcs", "InvalidVpcID.NotFound", "vpc", v.ID)
}

// Wait polls the VPC (DescribeVpcs, through Refresh) until it is in
// state, as EC2's vpc-available waiter does. A VPC EC2 does not know
// fails at once with InvalidVpcID.NotFound; time running out gives a
// *goboto.WaitTimeoutError.
func (v *VPC) Wait(ctx context.Context, state VPCState, opts ...goboto.WaitOption) error {
	if err := v.check(); err != nil {
		return err
	}
	if state != VPCPending && state != VPCAvailable {
		return goboto.Invalid("State", string(state), "is not a VPC state")
	}
	return wait(ctx, core.Wait{Resource: "vpc", ID: v.ID, Want: string(state),
		Poll: func(ctx context.Context) (string, error) {
			if err := v.Refresh(ctx); err != nil {
				return "", err
			}
			return string(v.State), nil
		},
	}, opts)
}

// Delete deletes the VPC (DeleteVpc) with its main route table and
// default security group. A VPC with subnets, an attached internet
// gateway, other route tables or security groups fails with
// DependencyViolation.
func (v *VPC) Delete(ctx context.Context) error {
	if err := v.check(); err != nil {
		return err
	}
	_, err := v.conn.client.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(v.ID)})
	return core.Error(err)
}

// AddTag sets the tag key to value on the VPC (CreateTags) and in v.Tags.
func (v *VPC) AddTag(ctx context.Context, key, value string) error {
	if err := v.check(); err != nil {
		return err
	}
	return addTag(ctx, v.conn, v.ID, &v.Tags, key, value)
}

// RemoveTag removes the tag key from the VPC (DeleteTags) and v.Tags.
func (v *VPC) RemoveTag(ctx context.Context, key string) error {
	if err := v.check(); err != nil {
		return err
	}
	return removeTag(ctx, v.conn, v.ID, &v.Tags, key)
}

// DefaultSecurityGroup returns the VPC's "default" security group
// (DescribeSecurityGroups, by vpc-id and group-name).
func (v *VPC) DefaultSecurityGroup(ctx context.Context) (*SecurityGroup, error) {
	if err := v.check(); err != nil {
		return nil, err
	}
	out, err := v.conn.client.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{
		Filters: Filter{"vpc-id": {v.ID}, "group-name": {"default"}}.v2()})
	if err != nil {
		return nil, core.Error(err)
	}
	for _, x := range out.SecurityGroups {
		if aws.ToString(x.VpcId) == v.ID && aws.ToString(x.GroupName) == "default" {
			g := &SecurityGroup{conn: v.conn}
			g.set(x)
			return g, nil
		}
	}
	return nil, core.NotFound(out.ResultMetadata, "EC2", "DescribeSecurityGroups", "InvalidGroup.NotFound",
		"The VPC '"+v.ID+"' has no default security group")
}
