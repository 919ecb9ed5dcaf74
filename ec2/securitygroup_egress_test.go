package ec2_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2"
)

func TestSecurityGroupEgressRules(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	web, err := conn.CreateSecurityGroup(ctx, "web", "web servers", "")
	if err != nil {
		t.Fatal(err)
	}
	db, err := conn.CreateSecurityGroup(ctx, "db", "databases", "")
	if err != nil {
		t.Fatal(err)
	}
	everything := ec2.AllTraffic().To("0.0.0.0/0")
	rules := []ec2.Rule{
		ec2.TCP(443).To("0.0.0.0/0"),
		ec2.TCP(5432).ToGroup(db),
		ec2.UDP(53).To("2001:db8::/32"),
		ec2.ICMP(8).ToGroupID(db.ID),
	}
	if err := web.AuthorizeEgress(ctx, rules...); err != nil {
		t.Fatal(err)
	}
	netWantCode(t, web.AuthorizeEgress(ctx, rules[0]), "InvalidPermission.Duplicate")
	netWantCode(t, web.AuthorizeEgress(ctx, everything), "InvalidPermission.Duplicate")

	egress := func() []ec2.Rule {
		t.Helper()
		g := conn.SecurityGroup(web.ID)
		if err := g.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		if len(g.Rules) != 0 {
			t.Errorf("inbound rules %v; want none", g.Rules)
		}
		return netSortRules(g.EgressRules)
	}
	if diff := cmp.Diff(netSortRules(append(slices.Clone(rules), everything)), egress(), netRuleOpts); diff != "" {
		t.Errorf("egress rules (-want +got):\n%s", diff)
	}

	// Revoking the default rule leaves only what was authorized.
	if err := web.RevokeEgress(ctx, everything); err != nil {
		t.Fatal(err)
	}
	netWantCode(t, web.RevokeEgress(ctx, everything), "InvalidPermission.NotFound")
	if diff := cmp.Diff(netSortRules(rules), egress(), netRuleOpts); diff != "" {
		t.Errorf("egress rules without the default (-want +got):\n%s", diff)
	}

	// A handle that knows only the name learns the ID first: the egress
	// actions take no group name.
	srv.ResetCalls()
	byName := conn.SecurityGroup("web")
	if err := byName.RevokeEgress(ctx, rules[1:]...); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"DescribeSecurityGroups", "RevokeSecurityGroupEgress"}, ops(srv)); diff != "" {
		t.Errorf("operations (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(rules[:1], egress(), netRuleOpts); diff != "" {
		t.Errorf("egress rules after revoking by name (-want +got):\n%s", diff)
	}
}

func TestSecurityGroupEgressValidation(t *testing.T) {
	conn, rec := recordingConn(t)
	ctx := t.Context()
	g := conn.SecurityGroup("sg-0123456789abcdef0")
	tests := []struct {
		name  string
		g     *ec2.SecurityGroup
		rules []ec2.Rule
		field string
	}{
		{"no rules", g, nil, "Rules"},
		{"bad ports", g, []ec2.Rule{ec2.TCP(90, 80).To("0.0.0.0/0")}, "Rule.Ports"},
		{"bad CIDR", g, []ec2.Rule{ec2.TCP(80).To("10.0.0.0/33")}, "Rule.CIDR"},
		{"no destination", g, []ec2.Rule{ec2.TCP(80).To("")}, "Rule.Source"},
		{"nil group", g, []ec2.Rule{ec2.TCP(80).ToGroup(nil)}, "Rule.Group"},
		{"bad group ID", conn.SecurityGroup("sg-zz"), []ec2.Rule{ec2.TCP(80).To("0.0.0.0/0")}, "GroupId"},
		{"unnamed handle", &ec2.SecurityGroup{}, []ec2.Rule{ec2.TCP(80).To("0.0.0.0/0")}, "SecurityGroup"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantValidation(t, tt.g.AuthorizeEgress(ctx, tt.rules...), tt.field)
			wantValidation(t, tt.g.RevokeEgress(ctx, tt.rules...), tt.field)
		})
	}
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests sent; want none", n)
	}
}
