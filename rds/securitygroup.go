package rds

import (
	"context"
	"iter"
	"net/netip"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// DBSecurityGroup is a handle on a DB security group, boto's
// DBSecurityGroup: a firewall for DB instances outside a VPC that admits
// CIDR ranges and EC2 security groups. Accounts created since 2013 have a
// default VPC and use VPC security groups instead
// (InstanceOptions.VPCSecurityGroupIDs); AWS no longer offers DB security
// groups to them. A handle is not safe for concurrent use while a method
// updates it.
type DBSecurityGroup struct {
	conn *Conn

	Name              string
	Description       string
	OwnerID           string
	VPCID             string
	ARN               string
	IPRanges          []IPRange
	EC2SecurityGroups []EC2SecurityGroup
}

// IPRange is a CIDR range a DB security group admits, with its status:
// IngressAuthorizing, IngressAuthorized, IngressRevoking or
// IngressRevoked.
type IPRange struct {
	CIDR   string
	Status IngressState
}

// EC2SecurityGroup is an EC2 security group a DB security group admits,
// with its status as for IPRange.
type EC2SecurityGroup struct {
	Name    string
	ID      string
	OwnerID string
	Status  IngressState
}

// DBSecurityGroup returns a handle on the DB security group name. It does
// no I/O.
func (c *Conn) DBSecurityGroup(name string) *DBSecurityGroup {
	return &DBSecurityGroup{conn: c, Name: name}
}

// Conn returns the connection the group belongs to.
func (g *DBSecurityGroup) Conn() *Conn { return g.conn }

// String returns "DBSecurityGroup:<name>", as boto prints them.
func (g *DBSecurityGroup) String() string { return "DBSecurityGroup:" + g.Name }

func (g *DBSecurityGroup) set(x types.DBSecurityGroup) {
	*g = DBSecurityGroup{conn: g.conn,
		Name:        aws.ToString(x.DBSecurityGroupName),
		Description: aws.ToString(x.DBSecurityGroupDescription),
		OwnerID:     aws.ToString(x.OwnerId),
		VPCID:       aws.ToString(x.VpcId),
		ARN:         aws.ToString(x.DBSecurityGroupArn),
	}
	for _, r := range x.IPRanges {
		g.IPRanges = append(g.IPRanges, IPRange{CIDR: aws.ToString(r.CIDRIP), Status: IngressState(aws.ToString(r.Status))})
	}
	for _, s := range x.EC2SecurityGroups {
		g.EC2SecurityGroups = append(g.EC2SecurityGroups, EC2SecurityGroup{
			Name: aws.ToString(s.EC2SecurityGroupName), ID: aws.ToString(s.EC2SecurityGroupId),
			OwnerID: aws.ToString(s.EC2SecurityGroupOwnerId), Status: IngressState(aws.ToString(s.Status))})
	}
}

// DBSecurityGroupOptions describe a new DB security group for
// CreateDBSecurityGroup.
type DBSecurityGroupOptions struct {
	Name        string // DBSecurityGroupName, required
	Description string // required
	Tags        Tags
}

// CreateDBSecurityGroup creates an empty DB security group
// (CreateDBSecurityGroup).
func (c *Conn) CreateDBSecurityGroup(ctx context.Context, o DBSecurityGroupOptions) (*DBSecurityGroup, error) {
	if err := ValidSecurityGroupName(o.Name); err != nil {
		return nil, err
	}
	if o.Description == "" {
		return nil, goboto.Invalid("DBSecurityGroupDescription", "", "is required")
	}
	if err := validTags("Tags", o.Tags); err != nil {
		return nil, err
	}
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	out, err := client.CreateDBSecurityGroup(ctx, &rds.CreateDBSecurityGroupInput{
		DBSecurityGroupName: aws.String(o.Name), DBSecurityGroupDescription: aws.String(o.Description), Tags: o.Tags.v2()})
	if err != nil {
		return nil, core.Error(err)
	}
	g := c.DBSecurityGroup(o.Name)
	if out.DBSecurityGroup != nil {
		g.set(*out.DBSecurityGroup)
	}
	return g, nil
}

// DBSecurityGroups lists the account's DB security groups
// (DescribeDBSecurityGroups), fetching pages as the loop needs them. An
// error is yielded once, last. It takes PageSize.
func (c *Conn) DBSecurityGroups(ctx context.Context, opts ...ListOption) iter.Seq2[*DBSecurityGroup, error] {
	return func(yield func(*DBSecurityGroup, error) bool) {
		o, client, err := c.listClient("DBSecurityGroups", takes{}, opts)
		if err != nil {
			yield(nil, err)
			return
		}
		p := rds.NewDescribeDBSecurityGroupsPaginator(client, &rds.DescribeDBSecurityGroupsInput{MaxRecords: o.maxRecords()})
		each(ctx, yield, p, func(o *rds.DescribeDBSecurityGroupsOutput) []types.DBSecurityGroup { return o.DBSecurityGroups },
			func(x types.DBSecurityGroup) *DBSecurityGroup { g := c.DBSecurityGroup(""); g.set(x); return g })
	}
}

// Refresh reads the group's current description and rules
// (DescribeDBSecurityGroups). A group RDS does not know is a
// *goboto.APIError DBSecurityGroupNotFound, for which goboto.IsNotFound
// is true.
func (g *DBSecurityGroup) Refresh(ctx context.Context) error {
	if err := validExisting("DBSecurityGroupName", g.Name); err != nil {
		return err
	}
	client, err := g.conn.api()
	if err != nil {
		return err
	}
	out, err := client.DescribeDBSecurityGroups(ctx, &rds.DescribeDBSecurityGroupsInput{DBSecurityGroupName: aws.String(g.Name)})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.DBSecurityGroups {
		if strings.EqualFold(aws.ToString(x.DBSecurityGroupName), g.Name) {
			g.set(x)
			return nil
		}
	}
	return core.NotFound(out.ResultMetadata, "RDS", "DescribeDBSecurityGroups", "DBSecurityGroupNotFound",
		"DBSecurityGroup "+g.Name+" not found.")
}

// Delete deletes the group (DeleteDBSecurityGroup). RDS refuses while an
// instance uses it.
func (g *DBSecurityGroup) Delete(ctx context.Context) error {
	if err := validExisting("DBSecurityGroupName", g.Name); err != nil {
		return err
	}
	client, err := g.conn.api()
	if err != nil {
		return err
	}
	_, err = client.DeleteDBSecurityGroup(ctx, &rds.DeleteDBSecurityGroupInput{DBSecurityGroupName: aws.String(g.Name)})
	return core.Error(err)
}

// Ingress is one source a DB security group admits: a CIDR range, or an
// EC2 security group by name and owner account (or by ID).
type Ingress struct {
	CIDR          string
	EC2GroupName  string
	EC2GroupID    string
	EC2GroupOwner string // account ID; required with EC2GroupName
}

// CIDR admits a range of addresses, such as "203.0.113.0/24".
func CIDR(cidr string) Ingress { return Ingress{CIDR: cidr} }

// EC2Group admits the instances of an EC2 security group, named as boto
// named them: by name and owning account.
func EC2Group(name, ownerID string) Ingress {
	return Ingress{EC2GroupName: name, EC2GroupOwner: ownerID}
}

func (in Ingress) check() error {
	if in.CIDR != "" {
		if in.EC2GroupName != "" || in.EC2GroupID != "" || in.EC2GroupOwner != "" {
			return goboto.Invalid("CIDRIP", in.CIDR, "cannot be given with an EC2 security group")
		}
		p, err := netip.ParsePrefix(in.CIDR)
		if err != nil || !p.Addr().Is4() {
			return goboto.Invalid("CIDRIP", in.CIDR, "is not an IPv4 CIDR range")
		}
		if p.Masked() != p {
			return goboto.Invalid("CIDRIP", in.CIDR, "has host bits set; use "+p.Masked().String())
		}
		return nil
	}
	if in.EC2GroupName == "" && in.EC2GroupID == "" {
		return goboto.Invalid("CIDRIP", "", "or an EC2 security group is required")
	}
	if in.EC2GroupName != "" && in.EC2GroupOwner == "" {
		return goboto.Invalid("EC2SecurityGroupOwnerId", "", "is required with EC2SecurityGroupName")
	}
	if in.EC2GroupOwner != "" && !goboto.IsAccountID(in.EC2GroupOwner) {
		return goboto.Invalid("EC2SecurityGroupOwnerId", in.EC2GroupOwner, "is not a 12-digit account ID")
	}
	return nil
}

// Authorize admits in (AuthorizeDBSecurityGroupIngress). The new rule
// starts "authorizing" and becomes "authorized" shortly after;
// WaitIngress(ctx, in, IngressAuthorized) waits for that.
func (g *DBSecurityGroup) Authorize(ctx context.Context, in Ingress) error {
	if err := validExisting("DBSecurityGroupName", g.Name); err != nil {
		return err
	}
	if err := in.check(); err != nil {
		return err
	}
	client, err := g.conn.api()
	if err != nil {
		return err
	}
	out, err := client.AuthorizeDBSecurityGroupIngress(ctx, &rds.AuthorizeDBSecurityGroupIngressInput{
		DBSecurityGroupName:     aws.String(g.Name),
		CIDRIP:                  optionalString(in.CIDR),
		EC2SecurityGroupName:    optionalString(in.EC2GroupName),
		EC2SecurityGroupId:      optionalString(in.EC2GroupID),
		EC2SecurityGroupOwnerId: optionalString(in.EC2GroupOwner),
	})
	if err != nil {
		return core.Error(err)
	}
	if out.DBSecurityGroup != nil {
		g.set(*out.DBSecurityGroup)
	}
	return nil
}

// Revoke withdraws what Authorize admitted (RevokeDBSecurityGroupIngress).
// The rule is "revoking" until RDS removes it; WaitIngress(ctx, in,
// IngressRevoked) waits for that.
func (g *DBSecurityGroup) Revoke(ctx context.Context, in Ingress) error {
	if err := validExisting("DBSecurityGroupName", g.Name); err != nil {
		return err
	}
	if err := in.check(); err != nil {
		return err
	}
	client, err := g.conn.api()
	if err != nil {
		return err
	}
	out, err := client.RevokeDBSecurityGroupIngress(ctx, &rds.RevokeDBSecurityGroupIngressInput{
		DBSecurityGroupName:     aws.String(g.Name),
		CIDRIP:                  optionalString(in.CIDR),
		EC2SecurityGroupName:    optionalString(in.EC2GroupName),
		EC2SecurityGroupId:      optionalString(in.EC2GroupID),
		EC2SecurityGroupOwnerId: optionalString(in.EC2GroupOwner),
	})
	if err != nil {
		return core.Error(err)
	}
	if out.DBSecurityGroup != nil {
		g.set(*out.DBSecurityGroup)
	}
	return nil
}
