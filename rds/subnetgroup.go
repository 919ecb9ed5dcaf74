package rds

import (
	"context"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// RDS User Guide, "Quotas in Amazon RDS": a DB subnet group holds at
// most 20 subnets; its name is at most 255 characters.
const (
	maxSubnetsPerGroup = 20
	maxSubnetGroupName = 255
)

// Subnet is an EC2 subnet of a DB subnet group. In SubnetGroupOptions
// only ID is required; give AvailabilityZone too (from ec2's Subnet, say)
// and goboto checks the group's zone coverage before sending.
type Subnet struct {
	ID               string // subnet-…
	AvailabilityZone string
	Status           string // "Active", as RDS reports it
}

// DBSubnetGroup is a handle on a DB subnet group: the subnets of one VPC,
// in at least two Availability Zones, that DB instances placed in the
// group run in. A handle is not safe for concurrent use while a method
// updates it.
type DBSubnetGroup struct {
	conn *Conn

	Name        string
	Description string
	VPCID       string
	Status      string // SubnetGroupStatus: "Complete"
	ARN         string
	Subnets     []Subnet
}

// DBSubnetGroup returns a handle on the DB subnet group name. It does no
// I/O.
func (c *Conn) DBSubnetGroup(name string) *DBSubnetGroup { return &DBSubnetGroup{conn: c, Name: name} }

// Conn returns the connection the group belongs to.
func (g *DBSubnetGroup) Conn() *Conn { return g.conn }

// String returns "DBSubnetGroup:<name>".
func (g *DBSubnetGroup) String() string { return "DBSubnetGroup:" + g.Name }

// Zones returns the Availability Zones of the group's subnets, sorted.
func (g *DBSubnetGroup) Zones() []string { return subnetZones(g.Subnets) }

func subnetZones(subnets []Subnet) []string {
	var out []string
	for _, s := range subnets {
		if s.AvailabilityZone != "" && !slices.Contains(out, s.AvailabilityZone) {
			out = append(out, s.AvailabilityZone)
		}
	}
	slices.Sort(out)
	return out
}

func (g *DBSubnetGroup) set(x types.DBSubnetGroup) {
	*g = DBSubnetGroup{conn: g.conn,
		Name:        aws.ToString(x.DBSubnetGroupName),
		Description: aws.ToString(x.DBSubnetGroupDescription),
		VPCID:       aws.ToString(x.VpcId),
		Status:      aws.ToString(x.SubnetGroupStatus),
		ARN:         aws.ToString(x.DBSubnetGroupArn),
	}
	for _, s := range x.Subnets {
		sn := Subnet{ID: aws.ToString(s.SubnetIdentifier), Status: aws.ToString(s.SubnetStatus)}
		if s.SubnetAvailabilityZone != nil {
			sn.AvailabilityZone = aws.ToString(s.SubnetAvailabilityZone.Name)
		}
		g.Subnets = append(g.Subnets, sn)
	}
}

// ValidSubnetGroupName reports whether name may name a new DB subnet
// group (RDS API Reference, CreateDBSubnetGroup): 1 to 255 letters,
// digits, periods, underscores, spaces or hyphens, starting with a
// letter, and not "default", which is RDS's own.
func ValidSubnetGroupName(name string) error {
	switch {
	case name == "":
		return goboto.Invalid("DBSubnetGroupName", "", "is required")
	case len(name) > maxSubnetGroupName:
		return goboto.Invalid("DBSubnetGroupName", name, "is longer than 255 characters")
	case !isLetter(name[0]):
		return goboto.Invalid("DBSubnetGroupName", name, "must start with a letter")
	case strings.EqualFold(name, "default"):
		return goboto.Invalid("DBSubnetGroupName", name, "is RDS's own default group and cannot be created")
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isLetter(c) && !(c >= '0' && c <= '9') && strings.IndexByte("._ -", c) < 0 {
			return goboto.Invalid("DBSubnetGroupName", name, "must contain only letters, digits, periods, underscores, spaces and hyphens")
		}
	}
	return nil
}

// checkSubnets refuses what RDS would refuse of a group's subnets before
// anything is sent: none, more than 20, an ID not shaped subnet-<hex>,
// and, when every subnet's zone is given, fewer than two zones (RDS User
// Guide, "Working with a DB instance in a VPC": a DB subnet group needs
// subnets in at least two Availability Zones).
func checkSubnets(subnets []Subnet) ([]string, error) {
	if len(subnets) == 0 {
		return nil, goboto.Invalid("SubnetIds", "", "is required: a DB subnet group needs subnets in at least two Availability Zones")
	}
	if len(subnets) > maxSubnetsPerGroup {
		return nil, goboto.Invalid("SubnetIds", strconv.Itoa(len(subnets))+" subnets", "exceeds RDS's 20 subnets a DB subnet group")
	}
	ids := make([]string, 0, len(subnets))
	known := true
	for _, s := range subnets {
		if !validSubnetID(s.ID) {
			return nil, goboto.Invalid("SubnetIds", s.ID, "is not a subnet ID (subnet-<hex>)")
		}
		ids = append(ids, s.ID)
		known = known && s.AvailabilityZone != ""
	}
	if zones := subnetZones(subnets); known && len(zones) < 2 {
		return nil, goboto.Invalid("SubnetIds", strings.Join(ids, ","),
			"covers only the Availability Zone "+strings.Join(zones, "")+"; a DB subnet group needs subnets in at least two")
	}
	return ids, nil
}

// validSubnetID reports whether id is shaped like an EC2 subnet ID:
// subnet- and 8 or 17 hex digits.
func validSubnetID(id string) bool {
	hex, ok := strings.CutPrefix(id, "subnet-")
	if !ok || len(hex) != 8 && len(hex) != 17 {
		return false
	}
	return strings.Trim(hex, "0123456789abcdef") == ""
}

// SubnetGroupOptions describe a new DB subnet group for
// CreateDBSubnetGroup.
type SubnetGroupOptions struct {
	Name        string   // DBSubnetGroupName, required; RDS keeps it in lower case
	Description string   // required
	Subnets     []Subnet // required: subnets of one VPC in at least two zones
	Tags        Tags
}

// CreateDBSubnetGroup creates a DB subnet group (CreateDBSubnetGroup).
// The name, the subnets' IDs and, where o gives their zones, their zone
// coverage are checked first, and a *goboto.ValidationError is returned
// without sending anything when one is broken. RDS itself answers
// DBSubnetGroupDoesNotCoverEnoughAZs, InvalidSubnet (a subnet it does
// not know, or subnets of different VPCs), DBSubnetGroupAlreadyExists and
// DBSubnetGroupQuotaExceeded (50 groups a region).
func (c *Conn) CreateDBSubnetGroup(ctx context.Context, o SubnetGroupOptions) (*DBSubnetGroup, error) {
	if err := ValidSubnetGroupName(o.Name); err != nil {
		return nil, err
	}
	if o.Description == "" {
		return nil, goboto.Invalid("DBSubnetGroupDescription", "", "is required")
	}
	ids, err := checkSubnets(o.Subnets)
	if err != nil {
		return nil, err
	}
	if err := validTags("Tags", o.Tags); err != nil {
		return nil, err
	}
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	out, err := client.CreateDBSubnetGroup(ctx, &rds.CreateDBSubnetGroupInput{DBSubnetGroupName: aws.String(o.Name),
		DBSubnetGroupDescription: aws.String(o.Description), SubnetIds: ids, Tags: o.Tags.v2()})
	if err != nil {
		return nil, core.Error(err)
	}
	g := c.DBSubnetGroup(o.Name)
	if out.DBSubnetGroup != nil {
		g.set(*out.DBSubnetGroup)
	}
	return g, nil
}

// DBSubnetGroups lists the account's DB subnet groups
// (DescribeDBSubnetGroups), fetching pages as the loop needs them. An
// error is yielded once, last. It takes PageSize.
func (c *Conn) DBSubnetGroups(ctx context.Context, opts ...ListOption) iter.Seq2[*DBSubnetGroup, error] {
	return func(yield func(*DBSubnetGroup, error) bool) {
		o, client, err := c.listClient("DBSubnetGroups", takes{}, opts)
		if err != nil {
			yield(nil, err)
			return
		}
		p := rds.NewDescribeDBSubnetGroupsPaginator(client, &rds.DescribeDBSubnetGroupsInput{MaxRecords: o.maxRecords()})
		each(ctx, yield, p, func(o *rds.DescribeDBSubnetGroupsOutput) []types.DBSubnetGroup { return o.DBSubnetGroups },
			func(x types.DBSubnetGroup) *DBSubnetGroup { g := c.DBSubnetGroup(""); g.set(x); return g })
	}
}

// Refresh reads the group's description, VPC and subnets
// (DescribeDBSubnetGroups). A group RDS does not know is a
// *goboto.APIError DBSubnetGroupNotFoundFault, for which
// goboto.IsNotFound is true.
func (g *DBSubnetGroup) Refresh(ctx context.Context) error {
	if err := validExisting("DBSubnetGroupName", g.Name); err != nil {
		return err
	}
	client, err := g.conn.api()
	if err != nil {
		return err
	}
	out, err := client.DescribeDBSubnetGroups(ctx, &rds.DescribeDBSubnetGroupsInput{DBSubnetGroupName: aws.String(g.Name)})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.DBSubnetGroups {
		if strings.EqualFold(aws.ToString(x.DBSubnetGroupName), g.Name) {
			g.set(x)
			return nil
		}
	}
	return core.NotFound(out.ResultMetadata, "RDS", "DescribeDBSubnetGroups", "DBSubnetGroupNotFoundFault",
		"DBSubnetGroup "+g.Name+" not found.")
}

// SubnetGroupChanges are a DB subnet group's new subnets, which replace
// the old ones, and optionally its new description.
type SubnetGroupChanges struct {
	Subnets     []Subnet // required, checked as SubnetGroupOptions' are
	Description string   // "" keeps the description
}

// Modify replaces the group's subnets (ModifyDBSubnetGroup). RDS refuses
// to drop a subnet an instance of the group runs in (SubnetAlreadyInUse).
func (g *DBSubnetGroup) Modify(ctx context.Context, o SubnetGroupChanges) error {
	if err := validExisting("DBSubnetGroupName", g.Name); err != nil {
		return err
	}
	ids, err := checkSubnets(o.Subnets)
	if err != nil {
		return err
	}
	client, err := g.conn.api()
	if err != nil {
		return err
	}
	out, err := client.ModifyDBSubnetGroup(ctx, &rds.ModifyDBSubnetGroupInput{DBSubnetGroupName: aws.String(g.Name),
		SubnetIds: ids, DBSubnetGroupDescription: optionalString(o.Description)})
	if err != nil {
		return core.Error(err)
	}
	if out.DBSubnetGroup != nil {
		g.set(*out.DBSubnetGroup)
	}
	return nil
}

// Delete deletes the group (DeleteDBSubnetGroup). RDS refuses while an
// instance uses it (InvalidDBSubnetGroupStateFault).
func (g *DBSubnetGroup) Delete(ctx context.Context) error {
	if err := validExisting("DBSubnetGroupName", g.Name); err != nil {
		return err
	}
	client, err := g.conn.api()
	if err != nil {
		return err
	}
	_, err = client.DeleteDBSubnetGroup(ctx, &rds.DeleteDBSubnetGroupInput{DBSubnetGroupName: aws.String(g.Name)})
	return core.Error(err)
}
