package rds

import (
	"context"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// IngressState is the state of a DB security group's rule (an IPRange
// or EC2SecurityGroup Status), as RDS reports it and WaitIngress waits
// for it.
type IngressState string

// The states of a rule. IngressRevoked is also what WaitIngress calls a
// rule the group does not list.
const (
	IngressAuthorizing IngressState = "authorizing"
	IngressAuthorized  IngressState = "authorized"
	IngressRevoking    IngressState = "revoking"
	IngressRevoked     IngressState = "revoked"
)

// WaitIngress polls the group (DescribeDBSecurityGroups, through Refresh)
// until the rule admitting in is in state, IngressAuthorized or
// IngressRevoked. Authorize and Revoke answer while the rule is still
// authorizing or revoking; RDS applies it shortly after, and AWS offers
// no waiter for it. in is matched by every field it sets, so
// EC2Group(name, owner) finds the rule whatever ID RDS gave it.
//
// Waiting for IngressAuthorized fails with a *goboto.StateError when the
// rule is being revoked or the group does not list it (IngressRevoked:
// call Authorize first). IngressRevoked is reached when the rule is
// revoked, no longer listed, or the group itself deleted, and fails when
// the rule is being authorized again. A wait that runs out of time is a
// *goboto.WaitTimeoutError. Progress reports the rule's status after each
// poll.
func (g *DBSecurityGroup) WaitIngress(ctx context.Context, in Ingress, state IngressState, opts ...goboto.WaitOption) error {
	if err := validExisting("DBSecurityGroupName", g.Name); err != nil {
		return err
	}
	if err := in.check(); err != nil {
		return err
	}
	var failure []IngressState
	switch state {
	case IngressAuthorized:
		failure = []IngressState{IngressRevoking, IngressRevoked}
	case IngressRevoked:
		failure = []IngressState{IngressAuthorizing, IngressAuthorized}
	default:
		return goboto.Invalid("State", string(state), "is not authorized or revoked, the states a rule settles in")
	}
	if _, err := g.conn.api(); err != nil {
		return err
	}
	w := core.Wait{Resource: "ingress", ID: in.String() + " to DB security group " + g.Name, Want: string(state),
		Poll: func(ctx context.Context) (string, error) {
			if err := g.Refresh(ctx); err != nil {
				return "", err
			}
			return string(g.ruleStatus(in)), nil
		},
	}
	for _, f := range failure {
		w.Failure = append(w.Failure, string(f))
	}
	if state == IngressRevoked {
		// A deleted group admits nothing.
		w.Gone = string(IngressRevoked)
	}
	return wait(ctx, w, opts)
}

// ruleStatus returns the status of g's rule for in, IngressRevoked when g
// lists none.
func (g *DBSecurityGroup) ruleStatus(in Ingress) IngressState {
	if in.CIDR != "" {
		for _, r := range g.IPRanges {
			if r.CIDR == in.CIDR {
				return r.Status
			}
		}
		return IngressRevoked
	}
	for _, s := range g.EC2SecurityGroups {
		if matchField(in.EC2GroupName, s.Name) && matchField(in.EC2GroupID, s.ID) && matchField(in.EC2GroupOwner, s.OwnerID) {
			return s.Status
		}
	}
	return IngressRevoked
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
