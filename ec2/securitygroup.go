package ec2

import (
	"context"
	"iter"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// SecurityGroup is a handle on a security group, and after Refresh or a
// listing a snapshot of it. A handle does no I/O by itself.
type SecurityGroup struct {
	conn *Conn

	ID          string // "sg-...", empty when the handle names the group
	Name        string
	Description string
	VPCID       string
	OwnerID     string
	Rules       []Rule // inbound permissions, one per source
	EgressRules []Rule // outbound permissions, one per destination
	Tags        Tags
}

// SecurityGroup returns a handle on a group given by ID ("sg-...") or by
// name (the default VPC's groups). It does no I/O.
func (c *Conn) SecurityGroup(idOrName string) *SecurityGroup {
	if strings.HasPrefix(idOrName, "sg-") {
		return &SecurityGroup{conn: c, ID: idOrName}
	}
	return &SecurityGroup{conn: c, Name: idOrName}
}

// Conn returns the connection the group belongs to.
func (g *SecurityGroup) Conn() *Conn { return g.conn }

// String returns "SecurityGroup:<name or ID>", as boto prints groups.
func (g *SecurityGroup) String() string {
	if g.Name != "" {
		return "SecurityGroup:" + g.Name
	}
	return "SecurityGroup:" + g.ID
}

// validGroupName checks a group name as EC2 does: 1-255 ASCII characters,
// not starting with "sg-".
func validGroupName(field, name string) error {
	switch {
	case name == "":
		return goboto.Invalid(field, "", "is required")
	case len(name) > 255:
		return goboto.Invalid(field, name, "longer than 255 characters")
	case strings.HasPrefix(strings.ToLower(name), "sg-"):
		return goboto.Invalid(field, name, `must not start with "sg-"`)
	}
	if !printableASCII(name) {
		return goboto.Invalid(field, name, "must be printable ASCII")
	}
	return nil
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// CreateSecurityGroup makes a group in vpcID, or in the default VPC when
// vpcID is empty, and returns a handle with its ID (CreateSecurityGroup);
// its VPCID is the one given, so empty for the default VPC until Refresh.
// A group of that name already in the VPC fails with InvalidGroup.Duplicate.
func (c *Conn) CreateSecurityGroup(ctx context.Context, name, description, vpcID string) (*SecurityGroup, error) {
	if err := validGroupName("GroupName", name); err != nil {
		return nil, err
	}
	switch {
	case description == "":
		return nil, goboto.Invalid("GroupDescription", "", "is required")
	case len(description) > 255:
		return nil, goboto.Invalid("GroupDescription", description, "longer than 255 characters")
	case !printableASCII(description):
		return nil, goboto.Invalid("GroupDescription", description, "must be printable ASCII")
	}
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	in := &ec2.CreateSecurityGroupInput{GroupName: aws.String(name), Description: aws.String(description)}
	if vpcID != "" {
		if err := validID("VpcId", "vpc", vpcID); err != nil {
			return nil, err
		}
		in.VpcId = aws.String(vpcID)
	}
	out, err := client.CreateSecurityGroup(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	return &SecurityGroup{conn: c, ID: aws.ToString(out.GroupId), Name: name, Description: description, VPCID: vpcID,
		Tags: tagsFromV2(out.Tags)}, nil
}

// SecurityGroups lists the groups that match f, fetching pages as the
// caller ranges (DescribeSecurityGroups; PageSize, 5-1000, sets their
// size). Filters include group-name, group-id, description, vpc-id,
// ip-permission.cidr and tag:<key>.
func (c *Conn) SecurityGroups(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*SecurityGroup, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeSecurityGroups", lo: 5, hi: 1000}, opts)
	if err != nil {
		return fail[*SecurityGroup](err)
	}
	return func(yield func(*SecurityGroup, error) bool) {
		p := ec2.NewDescribeSecurityGroupsPaginator(client, &ec2.DescribeSecurityGroupsInput{Filters: f.v2(), MaxResults: o.maxResults()})
		each(ctx, yield, p, func(o *ec2.DescribeSecurityGroupsOutput) []types.SecurityGroup { return o.SecurityGroups },
			func(x types.SecurityGroup) *SecurityGroup { g := &SecurityGroup{conn: c}; g.set(x); return g })
	}
}

func (g *SecurityGroup) set(sg types.SecurityGroup) {
	g.ID = aws.ToString(sg.GroupId)
	g.Name = aws.ToString(sg.GroupName)
	g.Description = aws.ToString(sg.Description)
	g.VPCID = aws.ToString(sg.VpcId)
	g.OwnerID = aws.ToString(sg.OwnerId)
	g.Rules = rulesFromV2(sg.IpPermissions, g.OwnerID)
	g.EgressRules = rulesFromV2(sg.IpPermissionsEgress, g.OwnerID)
	g.Tags = tagsFromV2(sg.Tags)
}

// target names the group in a request: by ID when known, else by name.
// A handle without a connection is refused too.
func (g *SecurityGroup) target() (id, name *string, err error) {
	switch {
	case g.ID != "":
		if err := validID("GroupId", "sg", g.ID); err != nil {
			return nil, nil, err
		}
		id = aws.String(g.ID)
	case g.Name != "":
		if err := validGroupName("GroupName", g.Name); err != nil {
			return nil, nil, err
		}
		name = aws.String(g.Name)
	default:
		return nil, nil, goboto.Invalid("SecurityGroup", "", "needs an ID or a name")
	}
	if _, err := g.conn.api(); err != nil {
		return nil, nil, err
	}
	return id, name, nil
}

// Refresh reloads the group's description, rules and tags
// (DescribeSecurityGroups). A missing group fails with
// InvalidGroup.NotFound.
func (g *SecurityGroup) Refresh(ctx context.Context) error {
	id, name, err := g.target()
	if err != nil {
		return err
	}
	in := &ec2.DescribeSecurityGroupsInput{}
	if id != nil {
		in.GroupIds = []string{*id}
	} else {
		in.GroupNames = []string{*name}
	}
	out, err := g.conn.client.DescribeSecurityGroups(ctx, in)
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.SecurityGroups {
		if id != nil && aws.ToString(x.GroupId) == *id || id == nil && aws.ToString(x.GroupName) == *name {
			g.set(x)
			return nil
		}
	}
	return core.NotFound(out.ResultMetadata, "EC2", "DescribeSecurityGroups", "InvalidGroup.NotFound",
		"The security group '"+aws.ToString(id)+aws.ToString(name)+"' does not exist")
}

// Delete deletes the group (DeleteSecurityGroup). The default group cannot
// be deleted (CannotDelete), nor one another group's rules refer to or an
// instance uses (DependencyViolation; InvalidGroup.InUse in EC2-Classic).
func (g *SecurityGroup) Delete(ctx context.Context) error {
	id, name, err := g.target()
	if err != nil {
		return err
	}
	_, err = g.conn.client.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: id, GroupName: name})
	return core.Error(err)
}

// permissions validates rules and converts them; at least one is needed.
func permissions(rules []Rule) ([]types.IpPermission, error) {
	if len(rules) == 0 {
		return nil, goboto.Invalid("Rules", "", "needs at least one rule")
	}
	out := make([]types.IpPermission, 0, len(rules))
	for _, r := range rules {
		if err := r.Validate(); err != nil {
			return nil, err
		}
		out = append(out, r.ipPermission())
	}
	return out, nil
}

// Authorize adds inbound rules to the group, all or none
// (AuthorizeSecurityGroupIngress). A rule the group has already fails with
// InvalidPermission.Duplicate. The handle's Rules are not updated; call
// Refresh to see them.
//
//	err := g.Authorize(ctx, ec2.TCP(22).From("0.0.0.0/0"))
func (g *SecurityGroup) Authorize(ctx context.Context, rules ...Rule) error {
	id, name, err := g.target()
	if err != nil {
		return err
	}
	perms, err := permissions(rules)
	if err != nil {
		return err
	}
	_, err = g.conn.client.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: id, GroupName: name, IpPermissions: perms,
	})
	return core.Error(err)
}

// Revoke removes inbound rules from the group
// (RevokeSecurityGroupIngress). When the group has none of them EC2
// answers InvalidPermission.NotFound; when it has only some, the others
// are removed and the call succeeds.
func (g *SecurityGroup) Revoke(ctx context.Context, rules ...Rule) error {
	id, name, err := g.target()
	if err != nil {
		return err
	}
	perms, err := permissions(rules)
	if err != nil {
		return err
	}
	_, err = g.conn.client.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{
		GroupId: id, GroupName: name, IpPermissions: perms,
	})
	return core.Error(err)
}
