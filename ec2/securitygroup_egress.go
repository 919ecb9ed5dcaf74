package ec2

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto/internal/core"
)

// To allows the traffic out to an IPv4 or IPv6 range, for
// SecurityGroup.AuthorizeEgress and RevokeEgress. An outbound Rule is
// the same Rule as an inbound one; its CIDR or group is where the traffic
// goes rather than where it comes from.
//
//	err := g.AuthorizeEgress(ctx, ec2.TCP(443).To("0.0.0.0/0"))
func (t Traffic) To(cidr string) Rule { return t.From(cidr) }

// ToGroup allows the traffic out to the members of g.
func (t Traffic) ToGroup(g *SecurityGroup) Rule { return t.FromGroup(g) }

// ToGroupID allows the traffic out to the members of a group given by ID
// ("sg-...").
func (t Traffic) ToGroupID(idOrName string) Rule { return t.FromGroupID(idOrName) }

// AuthorizeEgress adds outbound rules to the group, all or none
// (AuthorizeSecurityGroupEgress). A rule the group has already fails with
// InvalidPermission.Duplicate; a new group already allows all traffic to
// 0.0.0.0/0 until that rule is revoked. The handle's EgressRules are not
// updated; call Refresh to see them.
func (g *SecurityGroup) AuthorizeEgress(ctx context.Context, rules ...Rule) error {
	id, perms, err := g.egressRequest(ctx, rules)
	if err != nil {
		return err
	}
	_, err = g.conn.client.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{
		GroupId: id, IpPermissions: perms,
	})
	return core.Error(err)
}

// RevokeEgress removes outbound rules from the group
// (RevokeSecurityGroupEgress). When the group has none of them EC2
// answers InvalidPermission.NotFound; when it has only some, the others
// are removed and the call succeeds. Revoking AllTraffic().To("0.0.0.0/0")
// removes the rule every new group starts with.
func (g *SecurityGroup) RevokeEgress(ctx context.Context, rules ...Rule) error {
	id, perms, err := g.egressRequest(ctx, rules)
	if err != nil {
		return err
	}
	_, err = g.conn.client.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{
		GroupId: id, IpPermissions: perms,
	})
	return core.Error(err)
}

// egressRequest checks the handle and rules of an egress call, before
// anything is sent, and then returns the group's ID, which the egress
// actions require: a handle that knows only the group's name is refreshed
// first (DescribeSecurityGroups) to learn it.
func (g *SecurityGroup) egressRequest(ctx context.Context, rules []Rule) (*string, []types.IpPermission, error) {
	id, _, err := g.target()
	if err != nil {
		return nil, nil, err
	}
	perms, err := permissions(rules)
	if err != nil {
		return nil, nil, err
	}
	if id != nil {
		return id, perms, nil
	}
	if err := g.Refresh(ctx); err != nil {
		return nil, nil, err
	}
	return aws.String(g.ID), perms, nil
}
