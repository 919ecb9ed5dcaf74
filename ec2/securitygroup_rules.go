package ec2

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto/internal/core"
)

// SecurityGroupRule is one rule of a security group with its own ID
// ("sgr-..."), as DescribeSecurityGroupRules lists it: where
// SecurityGroup.Rules groups a group's permissions, each rule here stands
// alone. Conn.SecurityGroupRule makes a handle that knows only its ID;
// Refresh and SecurityGroupRules fill in the rest.
type SecurityGroupRule struct {
	conn *Conn

	ID           string
	GroupID      string
	GroupOwnerID string
	// Egress is whether it is an outbound rule; Rule's source is then its
	// destination.
	Egress      bool
	Rule        Rule
	Description string
	Tags        Tags
}

// SecurityGroupRule returns a handle on the rule id ("sgr-..."). It does
// no I/O.
func (c *Conn) SecurityGroupRule(id string) *SecurityGroupRule {
	return &SecurityGroupRule{conn: c, ID: id}
}

// Conn returns the connection the rule belongs to.
func (r *SecurityGroupRule) Conn() *Conn { return r.conn }

// String returns "SecurityGroupRule:<id>".
func (r *SecurityGroupRule) String() string { return "SecurityGroupRule:" + r.ID }

func (r *SecurityGroupRule) set(x types.SecurityGroupRule) {
	*r = SecurityGroupRule{conn: r.conn, ID: aws.ToString(x.SecurityGroupRuleId), GroupID: aws.ToString(x.GroupId),
		GroupOwnerID: aws.ToString(x.GroupOwnerId), Egress: aws.ToBool(x.IsEgress),
		Description: aws.ToString(x.Description), Tags: tagsFromV2(x.Tags)}
	// The rule's flat form is an IpPermission with one source;
	// rulesFromV2 reads it as SecurityGroup.Rules are read.
	p := types.IpPermission{IpProtocol: x.IpProtocol, FromPort: x.FromPort, ToPort: x.ToPort}
	switch {
	case x.CidrIpv4 != nil:
		p.IpRanges = []types.IpRange{{CidrIp: x.CidrIpv4}}
	case x.CidrIpv6 != nil:
		p.Ipv6Ranges = []types.Ipv6Range{{CidrIpv6: x.CidrIpv6}}
	case x.ReferencedGroupInfo != nil:
		p.UserIdGroupPairs = []types.UserIdGroupPair{{GroupId: x.ReferencedGroupInfo.GroupId, UserId: x.ReferencedGroupInfo.UserId}}
	}
	if rules := rulesFromV2([]types.IpPermission{p}, r.GroupOwnerID); len(rules) == 1 {
		r.Rule = rules[0]
	} else {
		r.Rule = Rule{Protocol: protocolName(aws.ToString(x.IpProtocol))}
	}
}

func (r *SecurityGroupRule) check() error {
	return r.conn.ready(validID("SecurityGroupRuleId", "sgr", r.ID))
}

// SecurityGroupRules lists the rules that match f, every rule of every
// group when f is empty (DescribeSecurityGroupRules), fetching pages as
// the loop needs them; PageSize is 5-1000. Filters are group-id,
// security-group-rule-id and tag:<key>.
//
//	for r, err := range conn.SecurityGroupRules(ctx, ec2.Filter{"group-id": {g.ID}}) { ... }
func (c *Conn) SecurityGroupRules(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*SecurityGroupRule, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeSecurityGroupRules", lo: 5, hi: 1000}, opts)
	if err != nil {
		return fail[*SecurityGroupRule](err)
	}
	return func(yield func(*SecurityGroupRule, error) bool) {
		p := ec2.NewDescribeSecurityGroupRulesPaginator(client, &ec2.DescribeSecurityGroupRulesInput{Filters: f.v2(), MaxResults: o.maxResults()})
		each(ctx, yield, p, func(o *ec2.DescribeSecurityGroupRulesOutput) []types.SecurityGroupRule { return o.SecurityGroupRules },
			func(x types.SecurityGroupRule) *SecurityGroupRule { r := c.SecurityGroupRule(""); r.set(x); return r })
	}
}

// Refresh reads the rule's current description into r
// (DescribeSecurityGroupRules). An unknown ID fails with
// InvalidSecurityGroupRuleId.NotFound.
func (r *SecurityGroupRule) Refresh(ctx context.Context) error {
	if err := r.check(); err != nil {
		return err
	}
	out, err := r.conn.client.DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{SecurityGroupRuleIds: []string{r.ID}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.SecurityGroupRules {
		if aws.ToString(x.SecurityGroupRuleId) == r.ID {
			r.set(x)
			return nil
		}
	}
	return core.NotFound(out.ResultMetadata, "EC2", "DescribeSecurityGroupRules", "InvalidSecurityGroupRuleId.NotFound",
		"The security group rule ID '"+r.ID+"' does not exist")
}
