package rds_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/rdstest"
)

// TestWaitRule drives the fake one step per poll from the progress
// callback, so the statuses a wait reports are exactly the rule's way.
func TestWaitRule(t *testing.T) {
	const owner = "111122223333"
	web := rds.EC2Group("web", owner)
	cidr := rds.CIDR("203.0.113.0/24")
	authorize := func(in rds.Ingress) func(context.Context, *rds.DBSecurityGroup) error {
		return func(ctx context.Context, g *rds.DBSecurityGroup) error { return g.Authorize(ctx, in) }
	}
	revoke := func(in rds.Ingress) func(context.Context, *rds.DBSecurityGroup) error {
		return func(ctx context.Context, g *rds.DBSecurityGroup) error { return g.Revoke(ctx, in) }
	}
	tests := []struct {
		name string
		// before runs in turn, each settled before the next; last runs
		// just before the wait and is left in transition.
		before []func(context.Context, *rds.DBSecurityGroup) error
		last   func(context.Context, *rds.DBSecurityGroup) error
		revoke bool // wait for IngressRevoked instead of IngressAuthorized
		in     rds.Ingress
		states []rds.IngressState // what Progress saw
		err    string             // the wait's error; "" for none
	}{
		{name: "CIDR authorized", last: authorize(cidr), in: cidr,
			states: []rds.IngressState{rds.IngressAuthorizing, rds.IngressAuthorized}},
		{name: "EC2 group authorized", last: authorize(web), in: web,
			states: []rds.IngressState{rds.IngressAuthorizing, rds.IngressAuthorized}},
		{name: "EC2 group by ID", last: authorize(rds.Ingress{EC2GroupID: "sg-0123abcd"}), in: rds.Ingress{EC2GroupID: "sg-0123abcd"},
			states: []rds.IngressState{rds.IngressAuthorizing, rds.IngressAuthorized}},
		{name: "already authorized", before: fns(authorize(cidr)), in: cidr,
			states: []rds.IngressState{rds.IngressAuthorized}},
		{name: "one rule among others", before: fns(authorize(web)), last: authorize(cidr), in: cidr,
			states: []rds.IngressState{rds.IngressAuthorizing, rds.IngressAuthorized}},
		{name: "same group name, other owner", last: authorize(web), in: rds.EC2Group("web", "444455556666"),
			states: []rds.IngressState{rds.IngressRevoked},
			err:    "RDS: ingress EC2 security group web of 444455556666 to DB security group g is revoked while waiting for authorized"},
		{name: "never authorized", in: cidr, states: []rds.IngressState{rds.IngressRevoked},
			err: "RDS: ingress 203.0.113.0/24 to DB security group g is revoked while waiting for authorized"},
		{name: "revoked while waiting for authorized", before: fns(authorize(cidr)), last: revoke(cidr), in: cidr,
			states: []rds.IngressState{rds.IngressRevoking},
			err:    "RDS: ingress 203.0.113.0/24 to DB security group g is revoking while waiting for authorized"},
		{name: "CIDR revoked", before: fns(authorize(cidr)), last: revoke(cidr), revoke: true, in: cidr,
			states: []rds.IngressState{rds.IngressRevoking, rds.IngressRevoked}},
		{name: "EC2 group revoked", before: fns(authorize(web)), last: revoke(web), revoke: true, in: web,
			states: []rds.IngressState{rds.IngressRevoking, rds.IngressRevoked}},
		{name: "revoked, never there", revoke: true, in: cidr, states: []rds.IngressState{rds.IngressRevoked}},
		{name: "group deleted", before: fns(func(ctx context.Context, g *rds.DBSecurityGroup) error { return g.Delete(ctx) }),
			revoke: true, in: cidr, states: []rds.IngressState{rds.IngressRevoked}},
		{name: "authorized while waiting for revoked", last: authorize(web), revoke: true, in: web,
			states: []rds.IngressState{rds.IngressAuthorizing},
			err:    "RDS: ingress EC2 security group web of 111122223333 to DB security group g is authorizing while waiting for revoked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, conn := startFake(t, rdstest.WithManualTransitions())
			ctx := t.Context()
			g, err := conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: "g", Description: "waits"})
			if err != nil {
				t.Fatal(err)
			}
			for _, fn := range tt.before {
				if err := fn(ctx, g); err != nil {
					t.Fatal(err)
				}
				srv.Settle()
			}
			if tt.last != nil {
				if err := tt.last(ctx, g); err != nil {
					t.Fatal(err)
				}
			}
			var states []rds.IngressState
			step := goboto.Progress(func(s string, _ time.Duration) {
				states = append(states, rds.IngressState(s))
				srv.Step()
			})
			want := rds.IngressAuthorized
			if tt.revoke {
				want = rds.IngressRevoked
			}
			err = g.WaitIngress(ctx, tt.in, want, fast, step)
			if tt.err == "" && err != nil {
				t.Fatal(err)
			}
			if tt.err != "" {
				var se *goboto.StateError
				if !errors.As(err, &se) || err.Error() != tt.err {
					t.Fatalf("err = %v; want StateError %q", err, tt.err)
				}
			}
			if diff := cmp.Diff(tt.states, states); diff != "" {
				t.Errorf("progress (-want +got):\n%s", diff)
			}
		})
	}
}

func fns(f ...func(context.Context, *rds.DBSecurityGroup) error) []func(context.Context, *rds.DBSecurityGroup) error {
	return f
}

func TestWaitRuleErrors(t *testing.T) {
	srv, conn := startFake(t, rdstest.WithManualTransitions())
	ctx := t.Context()
	g, err := conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: "slow", Description: "never settles"})
	if err != nil {
		t.Fatal(err)
	}
	cidr := rds.CIDR("198.51.100.0/24")
	if err := g.Authorize(ctx, cidr); err != nil {
		t.Fatal(err)
	}

	// Nothing steps the fake, so the rule stays authorizing; Progress
	// holds the wait past its timeout after the first poll, whatever the
	// machine's load, as TestWaitErrors does.
	const timeout = 300 * time.Millisecond
	hold := goboto.Progress(func(_ string, elapsed time.Duration) { time.Sleep(timeout - elapsed + 10*time.Millisecond) })
	err = g.WaitIngress(ctx, cidr, rds.IngressAuthorized, fast, goboto.Timeout(timeout), hold)
	var te *goboto.WaitTimeoutError
	if !errors.As(err, &te) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("WaitIngress = %v; want a *WaitTimeoutError", err)
	}
	got := []string{te.Resource, te.ID, te.Want, te.State}
	if diff := cmp.Diff([]string{"ingress", "198.51.100.0/24 to DB security group slow", "authorized", "authorizing"}, got); diff != "" {
		t.Errorf("timeout error (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(err.Error(), "RDS: ingress 198.51.100.0/24 to DB security group slow not authorized after ") {
		t.Errorf("timeout error text %q", err)
	}

	wantCode(t, conn.DBSecurityGroup("nosuch").WaitIngress(ctx, cidr, rds.IngressAuthorized, fast), "DBSecurityGroupNotFound")

	srv.ResetCalls()
	for _, tt := range []struct {
		g    *rds.DBSecurityGroup
		in   rds.Ingress
		opts []goboto.WaitOption
		want string
	}{
		{g, rds.CIDR("198.51.100.1/24"), nil, "CIDRIP: 198.51.100.1/24 has host bits set; use 198.51.100.0/24"},
		{g, rds.Ingress{}, nil, "CIDRIP: or an EC2 security group is required"},
		{g, rds.EC2Group("web", ""), nil, "EC2SecurityGroupOwnerId: is required with EC2SecurityGroupName"},
		{conn.DBSecurityGroup(""), cidr, nil, ""},
		{g, cidr, []goboto.WaitOption{goboto.Timeout(0)}, "Timeout: 0s must be positive"},
		{g, cidr, []goboto.WaitOption{goboto.Interval(-time.Second)}, "Interval: -1s must be positive"},
	} {
		wantInvalid(t, tt.g.WaitIngress(ctx, tt.in, rds.IngressAuthorized, tt.opts...), tt.want)
		wantInvalid(t, tt.g.WaitIngress(ctx, tt.in, rds.IngressRevoked, tt.opts...), tt.want)
	}
	if got := ops(srv); len(got) != 0 {
		t.Errorf("refused waits sent %q", got)
	}

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := g.WaitIngress(cctx, cidr, rds.IngressAuthorized, fast); !errors.Is(err, context.Canceled) {
		t.Errorf("WaitIngress on a cancelled context = %v; want context.Canceled", err)
	}

	// Settle finishes the authorization; the next wait needs one poll.
	srv.Settle()
	srv.ResetCalls()
	if err := g.WaitIngress(ctx, cidr, rds.IngressAuthorized, fast); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"DescribeDBSecurityGroups"}, ops(srv)); diff != "" {
		t.Errorf("calls after Settle (-want +got):\n%s", diff)
	}
}

func TestIngressString(t *testing.T) {
	got := []string{
		rds.CIDR("203.0.113.0/24").String(),
		rds.EC2Group("web", "111122223333").String(),
		rds.Ingress{EC2GroupID: "sg-0123abcd"}.String(),
		rds.Ingress{EC2GroupID: "sg-0123abcd", EC2GroupOwner: "111122223333"}.String(),
	}
	want := []string{
		"203.0.113.0/24",
		"EC2 security group web of 111122223333",
		"EC2 security group sg-0123abcd",
		"EC2 security group sg-0123abcd of 111122223333",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Ingress.String (-want +got):\n%s", diff)
	}
}
