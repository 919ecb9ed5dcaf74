package ec2_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

// netConn starts a fake EC2 and connects to it as the first test account.
func netConn(t *testing.T) (*ec2test.Server, *ec2.Conn) {
	t.Helper()
	srv := ec2test.Start(t)
	return srv, ec2.New(srv.Config(""))
}

// netWantCode fails t unless err is an *goboto.APIError with code.
func netWantCode(t *testing.T, err error, code string) {
	t.Helper()
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != code {
		t.Fatalf("err = %v; want EC2 error %s", err, code)
	}
	if ae.Service != "EC2" || ae.RequestID == "" {
		t.Errorf("err = %+v; want Service EC2 and a request ID", ae)
	}
}

// netWantInvalid fails t unless err is a *goboto.ValidationError naming field
// and srv received no request.
func netWantInvalid(t *testing.T, srv *ec2test.Server, err error, field string) {
	t.Helper()
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v; want *goboto.ValidationError for %s", err, field)
	}
	if ve.Field != field {
		t.Errorf("ValidationError.Field = %q; want %q (%v)", ve.Field, field, err)
	}
	if calls := srv.Calls(); len(calls) != 0 {
		t.Errorf("a request was sent: %+v", calls)
	}
}

// netRuleOpts compares Rules by their exported fields.
var netRuleOpts = cmpopts.IgnoreUnexported(ec2.Rule{})

func netSortRules(rs []ec2.Rule) []ec2.Rule {
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b ec2.Rule) int { return strings.Compare(a.String(), b.String()) })
	return rs
}

func TestSecurityGroupLifecycle(t *testing.T) {
	ctx := t.Context()
	_, conn := netConn(t)
	web, err := conn.CreateSecurityGroup(ctx, "web", "web servers", "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(web.ID, "sg-") {
		t.Errorf("ID = %q; want sg-...", web.ID)
	}
	_, err = conn.CreateSecurityGroup(ctx, "web", "again", "")
	netWantCode(t, err, "InvalidGroup.Duplicate")

	lb, err := conn.CreateSecurityGroup(ctx, "lb", "load balancers", "")
	if err != nil {
		t.Fatal(err)
	}
	def := conn.SecurityGroup("default")
	if err := def.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	ssh, _ := ec2.ParseRule("tcp 22 from 0.0.0.0/0")
	rules := []ec2.Rule{
		ssh,
		ec2.TCP(8000, 8080).FromGroup(lb),
		ec2.ICMP(8).From("2001:db8::/32"),
		ec2.UDP(53).From("10.0.0.0/8"),
		ec2.AllTraffic().FromGroupID("default"),
	}
	if err := web.Authorize(ctx, rules...); err != nil {
		t.Fatal(err)
	}
	netWantCode(t, web.Authorize(ctx, ssh), "InvalidPermission.Duplicate")

	got := conn.SecurityGroup(web.ID)
	if err := got.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	// A group named in a rule is listed by ID.
	want := slices.Clone(rules)
	want[4] = ec2.AllTraffic().FromGroupID(def.ID)
	if diff := cmp.Diff(netSortRules(want), netSortRules(got.Rules), netRuleOpts); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]ec2.Rule{ec2.AllTraffic().From("0.0.0.0/0")}, got.EgressRules, netRuleOpts); diff != "" {
		t.Errorf("egress rules (-want +got):\n%s", diff)
	}
	if got.Name != "web" || got.Description != "web servers" || got.VPCID == "" || got.OwnerID == "" {
		t.Errorf("group = %+v", got)
	}

	// Rules read back revoke as they are.
	if err := web.Revoke(ctx, got.Rules[0]); err != nil {
		t.Fatal(err)
	}
	netWantCode(t, web.Revoke(ctx, got.Rules[0]), "InvalidPermission.NotFound")
	if err := got.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if len(got.Rules) != len(rules)-1 {
		t.Errorf("after Revoke: %d rules; want %d", len(got.Rules), len(rules)-1)
	}

	netWantCode(t, lb.Delete(ctx), "DependencyViolation")
	netWantCode(t, def.Delete(ctx), "CannotDelete")
	if err := web.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := lb.Delete(ctx); err != nil {
		t.Fatalf("delete lb once web is gone: %v", err)
	}
	netWantCode(t, web.Refresh(ctx), "InvalidGroup.NotFound")
	netWantCode(t, conn.SecurityGroup("lb").Delete(ctx), "InvalidGroup.NotFound")
}

func TestSecurityGroupByName(t *testing.T) {
	ctx := t.Context()
	_, conn := netConn(t)
	if _, err := conn.CreateSecurityGroup(ctx, "db", "databases", ""); err != nil {
		t.Fatal(err)
	}
	g := conn.SecurityGroup("db") // no ID: requests name the group
	if err := g.Authorize(ctx, ec2.TCP(5432).From("10.1.0.0/16")); err != nil {
		t.Fatal(err)
	}
	if err := g.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	want := []ec2.Rule{ec2.TCP(5432).From("10.1.0.0/16")}
	if diff := cmp.Diff(want, g.Rules, netRuleOpts); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(g.ID, "sg-") || g.String() != "SecurityGroup:db" {
		t.Errorf("after Refresh: ID %q, String %q", g.ID, g.String())
	}
}

func TestSecurityGroupsFilter(t *testing.T) {
	ctx := t.Context()
	srv, conn := netConn(t)
	for _, n := range []string{"app-1", "app-2", "batch"} {
		g, err := conn.CreateSecurityGroup(ctx, n, "group "+n, "")
		if err != nil {
			t.Fatal(err)
		}
		if n == "app-2" {
			if err := g.Authorize(ctx, ec2.TCP(443).From("0.0.0.0/0")); err != nil {
				t.Fatal(err)
			}
		}
	}
	names := func(f ec2.Filter) []string {
		t.Helper()
		var out []string
		for g, err := range conn.SecurityGroups(ctx, f) {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, g.Name)
		}
		slices.Sort(out)
		return out
	}
	for _, tt := range []struct {
		f    ec2.Filter
		want []string
	}{
		{nil, []string{"app-1", "app-2", "batch", "default"}},
		{ec2.Filter{"group-name": {"app-*"}}, []string{"app-1", "app-2"}},
		{ec2.Filter{"description": {"group batch"}}, []string{"batch"}},
		{ec2.Filter{"ip-permission.to-port": {"443"}}, []string{"app-2"}},
		{ec2.Filter{"group-name": {"app-*"}, "ip-permission.cidr": {"0.0.0.0/0"}}, []string{"app-2"}},
		{ec2.Filter{"group-name": {"nope"}}, nil},
	} {
		if diff := cmp.Diff(tt.want, names(tt.f)); diff != "" {
			t.Errorf("SecurityGroups(%v) (-want +got):\n%s", tt.f, diff)
		}
	}
	// Stopping early is fine and sends nothing more.
	srv.ResetCalls()
	for range conn.SecurityGroups(ctx, nil) {
		break
	}
	if n := len(srv.Calls()); n != 1 {
		t.Errorf("%d calls; want 1", n)
	}
	for _, err := range conn.SecurityGroups(ctx, ec2.Filter{"no-such-filter": {"x"}}) {
		netWantCode(t, err, "InvalidParameterValue")
	}
}

func TestSecurityGroupValidation(t *testing.T) {
	long := strings.Repeat("x", 256)
	for _, tt := range []struct {
		name  string
		call  func(*ec2.Conn) error
		field string
	}{
		{"empty name", func(c *ec2.Conn) error { _, err := c.CreateSecurityGroup(t.Context(), "", "d", ""); return err }, "GroupName"},
		{"long name", func(c *ec2.Conn) error { _, err := c.CreateSecurityGroup(t.Context(), long, "d", ""); return err }, "GroupName"},
		{"sg- name", func(c *ec2.Conn) error { _, err := c.CreateSecurityGroup(t.Context(), "sg-web", "d", ""); return err }, "GroupName"},
		{"non-ASCII name", func(c *ec2.Conn) error { _, err := c.CreateSecurityGroup(t.Context(), "wéb", "d", ""); return err }, "GroupName"},
		{"no description", func(c *ec2.Conn) error { _, err := c.CreateSecurityGroup(t.Context(), "web", "", ""); return err }, "GroupDescription"},
		{"bad VPC", func(c *ec2.Conn) error {
			_, err := c.CreateSecurityGroup(t.Context(), "web", "d", "vpc-nothex!")
			return err
		}, "VpcId"},
		{"bad group ID", func(c *ec2.Conn) error { return c.SecurityGroup("sg-xyz").Delete(t.Context()) }, "GroupId"},
		{"empty handle", func(c *ec2.Conn) error { return c.SecurityGroup("").Refresh(t.Context()) }, "SecurityGroup"},
		{"no rules", func(c *ec2.Conn) error { return c.SecurityGroup("web").Authorize(t.Context()) }, "Rules"},
		{"port too high", func(c *ec2.Conn) error {
			return c.SecurityGroup("web").Authorize(t.Context(), ec2.TCP(70000).From("0.0.0.0/0"))
		}, "Rule.Ports"},
		{"ports reversed", func(c *ec2.Conn) error {
			return c.SecurityGroup("web").Revoke(t.Context(), ec2.UDP(90, 80).From("0.0.0.0/0"))
		}, "Rule.Ports"},
		{"three ports", func(c *ec2.Conn) error {
			return c.SecurityGroup("web").Authorize(t.Context(), ec2.TCP(1, 2, 3).From("0.0.0.0/0"))
		}, "Rule.Ports"},
		{"bad CIDR", func(c *ec2.Conn) error {
			return c.SecurityGroup("web").Authorize(t.Context(), ec2.TCP(22).From("10.0.0.0/33"))
		}, "Rule.CIDR"},
		{"bare address", func(c *ec2.Conn) error {
			return c.SecurityGroup("web").Authorize(t.Context(), ec2.TCP(22).From("10.0.0.1"))
		}, "Rule.CIDR"},
		{"bad source group", func(c *ec2.Conn) error {
			return c.SecurityGroup("web").Authorize(t.Context(), ec2.TCP(22).FromGroupID("sg-12"))
		}, "Rule.GroupID"},
		{"nil source group", func(c *ec2.Conn) error {
			return c.SecurityGroup("web").Authorize(t.Context(), ec2.TCP(22).FromGroup(nil))
		}, "Rule.Group"},
		{"no source", func(c *ec2.Conn) error {
			return c.SecurityGroup("web").Authorize(t.Context(), ec2.Rule{Protocol: "tcp", FromPort: 1, ToPort: 1})
		}, "Rule.Source"},
		{"unknown protocol", func(c *ec2.Conn) error {
			return c.SecurityGroup("web").Authorize(t.Context(), ec2.Rule{Protocol: "sctp", CIDR: "0.0.0.0/0"})
		}, "Rule.Protocol"},
		{"ICMP code without type", func(c *ec2.Conn) error {
			return c.SecurityGroup("web").Authorize(t.Context(), ec2.ICMP(-1, 4).From("0.0.0.0/0"))
		}, "Rule.Ports"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, conn := netConn(t)
			netWantInvalid(t, srv, tt.call(conn), tt.field)
		})
	}
}
