package rds

import (
	"context"

	"github.com/goboto/goboto"
)

// The states of a DB security group's rule (an IPRange or
// EC2SecurityGroup Status), as RDS reports them. RuleRevoked is also what
// WaitAuthorized and WaitRevoked call a rule the group does not list.
const (
	RuleAuthorizing = "authorizing"
	RuleAuthorized  = "authorized"
	RuleRevoking    = "revoking"
	RuleRevoked     = "revoked"
)

// WaitAuthorized polls the group (DescribeDBSecurityGroups, through
// Refresh) until the rule admitting in is authorized. Authorize answers
// while the rule is still authorizing; RDS applies it shortly after, and
// AWS offers no waiter for it. The wait fails with a *goboto.StateError when the
// rule is being revoked or the group does not list it (RuleRevoked: call
// Authorize first), and with a
// *goboto.WaitTimeoutError when time runs out. in is matched by every field it
// sets, so EC2Group(name, owner) finds the rule whatever ID RDS gave it.
// Progress reports the rule's status after each poll.
func (g *DBSecurityGroup) WaitAuthorized(ctx context.Context, in Ingress, opts ...goboto.WaitOption) error {
	return g.waitRule(ctx, in, RuleAuthorized, []string{RuleRevoking, RuleRevoked}, opts)
}

// WaitRevoked polls the group (DescribeDBSecurityGroups, through Refresh)
// until the rule admitting in is gone: revoked, or no longer listed, or
// the group itself deleted. Revoke answers while the rule is still
// revoking. The wait fails with a *goboto.StateError when the rule is being
// authorized again.
func (g *DBSecurityGroup) WaitRevoked(ctx context.Context, in Ingress, opts ...goboto.WaitOption) error {
	return g.waitRule(ctx, in, RuleRevoked, []string{RuleAuthorizing, RuleAuthorized}, opts)
}

func (g *DBSecurityGroup) waitRule(ctx context.Context, in Ingress, want string, failure []string, opts []goboto.WaitOption) error {
	if err := validExisting("DBSecurityGroupName", g.Name); err != nil {
		return err
	}
	if err := in.check(); err != nil {
		return err
	}
	w := waiter{resource: "ingress", id: in.String() + " to DB security group " + g.Name, want: want, failure: failure,
		poll: func(ctx context.Context) (string, error) {
			if err := g.Refresh(ctx); err != nil {
				return "", err
			}
			return g.ruleStatus(in), nil
		},
	}
	if want == RuleRevoked {
		// A deleted group admits nothing.
		w.gone = RuleRevoked
	}
	return w.wait(ctx, opts)
}

// ruleStatus returns the status of g's rule for in, RuleRevoked when g
// lists none.
func (g *DBSecurityGroup) ruleStatus(in Ingress) string {
	if in.CIDR != "" {
		for _, r := range g.IPRanges {
			if r.CIDR == in.CIDR {
				return r.Status
			}
		}
		return RuleRevoked
	}
	for _, s := range g.EC2SecurityGroups {
		if matchField(in.EC2GroupName, s.Name) && matchField(in.EC2GroupID, s.ID) && matchField(in.EC2GroupOwner, s.OwnerID) {
			return s.Status
		}
	}
	return RuleRevoked
}

// matchField reports whether a rule's field has the value asked for; an
// empty ask matches anything.
func matchField(ask, have string) bool { return ask == "" || ask == have }

// String names the source in admits: its CIDR range, or "EC2 security
// group <name or ID> of <owner>".
func (in Ingress) String() string {
	if in.CIDR != "" {
		return in.CIDR
	}
	s := "EC2 security group " + in.EC2GroupName
	if in.EC2GroupName == "" {
		s += in.EC2GroupID
	}
	if in.EC2GroupOwner != "" {
		s += " of " + in.EC2GroupOwner
	}
	return s
}
