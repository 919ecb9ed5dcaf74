package ec2

import (
	"context"
	"iter"
	"net/netip"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// SubnetState is a subnet's state, as EC2 names it.
type SubnetState string

// EC2's subnet states.
const (
	SubnetPending   SubnetState = "pending"
	SubnetAvailable SubnetState = "available"
)

// Subnet is a handle on a subnet of a VPC. Conn.Subnet makes one that
// knows only its ID; Refresh, VPC.CreateSubnet and Subnets fill in the
// rest.
type Subnet struct {
	conn *Conn

	ID     string
	VPCID  string
	CIDR   string // "10.0.1.0/24"
	Zone   string
	ZoneID string
	State  SubnetState
	// AvailableIPs is how many IPv4 addresses are free: the block's
	// size less the five AWS reserves and those in use.
	AvailableIPs int
	// DefaultForZone is whether this is its zone's default subnet, where
	// launches without a subnet go.
	DefaultForZone bool
	// MapPublicIPOnLaunch is whether instances launched here get a
	// public IPv4 address.
	MapPublicIPOnLaunch bool
	OwnerID             string
	ARN                 string
	Tags                Tags
}

// Subnet returns a handle on the subnet id ("subnet-..."). It does no
// I/O.
func (c *Conn) Subnet(id string) *Subnet { return &Subnet{conn: c, ID: id} }

// Conn returns the connection the subnet belongs to.
func (s *Subnet) Conn() *Conn { return s.conn }

// String returns "Subnet:<id>".
func (s *Subnet) String() string { return "Subnet:" + s.ID }

func (s *Subnet) set(x types.Subnet) {
	*s = Subnet{conn: s.conn,
		ID: aws.ToString(x.SubnetId), VPCID: aws.ToString(x.VpcId), CIDR: aws.ToString(x.CidrBlock),
		Zone: aws.ToString(x.AvailabilityZone), ZoneID: aws.ToString(x.AvailabilityZoneId), State: SubnetState(x.State),
		AvailableIPs: int(aws.ToInt32(x.AvailableIpAddressCount)), DefaultForZone: aws.ToBool(x.DefaultForAz),
		MapPublicIPOnLaunch: aws.ToBool(x.MapPublicIpOnLaunch), OwnerID: aws.ToString(x.OwnerId),
		ARN: aws.ToString(x.SubnetArn), Tags: tagsFromV2(x.Tags),
	}
}

func (s *Subnet) check() error { return s.conn.ready(validID("SubnetId", "subnet", s.ID)) }

// SubnetOptions describe one subnet for VPC.CreateSubnet. CIDR is
// required.
type SubnetOptions struct {
	// CIDR is the subnet's IPv4 block: a /16 to a /28 inside the VPC's
	// block, overlapping no other subnet of the VPC.
	CIDR string
	// Zone is the subnet's Availability Zone; EC2 picks one when "".
	Zone string
	Tags Tags // put on the subnet as it is created
}

// CreateSubnet makes a subnet of the VPC (CreateSubnet) and returns it,
// usually pending; Subnet.Wait waits for it. The block is checked before
// anything is sent, against the VPC's blocks when the handle knows them
// (after Refresh, CreateVPC, VPCs or DefaultVPC). EC2 answers
// InvalidSubnet.Range for a block outside the VPC and
// InvalidSubnet.Conflict for one overlapping another subnet.
func (v *VPC) CreateSubnet(ctx context.Context, o SubnetOptions) (*Subnet, error) {
	subs, err := v.CreateSubnets(ctx, o)
	if err != nil {
		return nil, err
	}
	return subs[0], nil
}

// CreateSubnets makes several subnets of the VPC, one CreateSubnet call
// each, in order. Every block is checked before anything is sent: each
// as CreateSubnet checks it, and against the others, which must not
// overlap. A failure stops there and returns the subnets made so far
// with the error.
func (v *VPC) CreateSubnets(ctx context.Context, opts ...SubnetOptions) ([]*Subnet, error) {
	if err := v.check(); err != nil {
		return nil, err
	}
	if len(opts) == 0 {
		return nil, goboto.Invalid("Subnets", "", "needs at least one subnet")
	}
	var vpcBlocks []netip.Prefix
	for _, b := range v.CIDRBlocks {
		if p, err := netip.ParsePrefix(b); err == nil {
			vpcBlocks = append(vpcBlocks, p)
		}
	}
	blocks := make([]netip.Prefix, 0, len(opts))
	for _, o := range opts {
		p, err := parseBlock("CIDR", o.CIDR)
		if err != nil {
			return nil, err
		}
		if len(vpcBlocks) > 0 && !slices.ContainsFunc(vpcBlocks, func(b netip.Prefix) bool { return within(p, b) }) {
			return nil, goboto.Invalid("CIDR", o.CIDR, "is not inside the VPC's blocks "+strings.Join(v.CIDRBlocks, ", "))
		}
		for i, q := range blocks {
			if p.Overlaps(q) {
				return nil, goboto.Invalid("CIDR", o.CIDR, "overlaps "+opts[i].CIDR)
			}
		}
		blocks = append(blocks, p)
		if err := validZone("Zone", v.conn.region, o.Zone); err != nil {
			return nil, err
		}
		if err := validTags("Tags", o.Tags); err != nil {
			return nil, err
		}
	}
	var out []*Subnet
	for _, o := range opts {
		in := &ec2.CreateSubnetInput{VpcId: aws.String(v.ID), CidrBlock: aws.String(o.CIDR)}
		if o.Zone != "" {
			in.AvailabilityZone = aws.String(o.Zone)
		}
		if len(o.Tags) > 0 {
			in.TagSpecifications = []types.TagSpecification{{ResourceType: types.ResourceTypeSubnet, Tags: o.Tags.v2()}}
		}
		res, err := v.conn.client.CreateSubnet(ctx, in)
		if err != nil {
			return out, core.Error(err)
		}
		s := v.conn.Subnet("")
		if res.Subnet != nil {
			s.set(*res.Subnet)
		}
		out = append(out, s)
	}
	return out, nil
}

// Subnets lists the subnets that match f, every subnet when f is empty
// (DescribeSubnets), fetching pages as the loop needs them; PageSize is
// 5-1000. Filters include vpc-id, subnet-id, availability-zone,
// cidr-block, default-for-az, map-public-ip-on-launch and tag:<key>.
func (c *Conn) Subnets(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*Subnet, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeSubnets", lo: 5, hi: 1000}, opts)
	if err != nil {
		return fail[*Subnet](err)
	}
	return func(yield func(*Subnet, error) bool) {
		p := ec2.NewDescribeSubnetsPaginator(client, &ec2.DescribeSubnetsInput{Filters: f.v2(), MaxResults: o.maxResults()})
		each(ctx, yield, p, func(o *ec2.DescribeSubnetsOutput) []types.Subnet { return o.Subnets },
			func(x types.Subnet) *Subnet { s := c.Subnet(""); s.set(x); return s })
	}
}

// Refresh reads the subnet's current description into s
// (DescribeSubnets). An unknown ID fails with InvalidSubnetID.NotFound.
func (s *Subnet) Refresh(ctx context.Context) error {
	if err := s.check(); err != nil {
		return err
	}
	out, err := s.conn.client.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{s.ID}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.Subnets {
		if aws.ToString(x.SubnetId) == s.ID {
			s.set(x)
			return nil
		}
	}
	return notFound(out.ResultMetadata, "DescribeSubnets", "InvalidSubnetID.NotFound", "subnet", s.ID)
}

// Wait polls the subnet (DescribeSubnets, through Refresh) until it is in
// state, as EC2's subnet-available waiter does. A subnet EC2 does not
// know fails at once with InvalidSubnetID.NotFound.
func (s *Subnet) Wait(ctx context.Context, state SubnetState, opts ...goboto.WaitOption) error {
	if err := s.check(); err != nil {
		return err
	}
	if state != SubnetPending && state != SubnetAvailable {
		return goboto.Invalid("State", string(state), "is not a subnet state")
	}
	return wait(ctx, core.Wait{Resource: "subnet", ID: s.ID, Want: string(state),
		Poll: func(ctx context.Context) (string, error) {
			if err := s.Refresh(ctx); err != nil {
				return "", err
			}
			return string(s.State), nil
		},
	}, opts)
}

// Delete deletes the subnet (DeleteSubnet). A subnet with instances or
// network interfaces fails with DependencyViolation.
func (s *Subnet) Delete(ctx context.Context) error {
	if err := s.check(); err != nil {
		return err
	}
	_, err := s.conn.client.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(s.ID)})
	return core.Error(err)
}

// SubnetAttributesToUpdate names the attributes Subnet.Update changes;
// nil fields are left as they are.
type SubnetAttributesToUpdate struct {
	// MapPublicIPOnLaunch is whether instances launched into the subnet
	// get a public IPv4 address.
	MapPublicIPOnLaunch *bool
}

// Update changes the subnet's attributes (ModifySubnetAttribute) and, on
// success, the handle's fields. An Update that names nothing is refused
// before anything is sent.
func (s *Subnet) Update(ctx context.Context, u SubnetAttributesToUpdate) error {
	if err := s.check(); err != nil {
		return err
	}
	if u.MapPublicIPOnLaunch == nil {
		return goboto.Invalid("SubnetAttributesToUpdate", "", "names no attribute")
	}
	_, err := s.conn.client.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{SubnetId: aws.String(s.ID),
		MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(*u.MapPublicIPOnLaunch)}})
	if err != nil {
		return core.Error(err)
	}
	s.MapPublicIPOnLaunch = *u.MapPublicIPOnLaunch
	return nil
}

// AddTag sets the tag key to value on the subnet (CreateTags) and in
// s.Tags.
func (s *Subnet) AddTag(ctx context.Context, key, value string) error {
	if err := s.check(); err != nil {
		return err
	}
	return addTag(ctx, s.conn, s.ID, &s.Tags, key, value)
}

// RemoveTag removes the tag key from the subnet (DeleteTags) and s.Tags.
func (s *Subnet) RemoveTag(ctx context.Context, key string) error {
	if err := s.check(); err != nil {
		return err
	}
	return removeTag(ctx, s.conn, s.ID, &s.Tags, key)
}
