package suite

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	goec2 "github.com/goboto/goboto/ec2"
)

// newGroup makes a security group in vpcID ("" for the default VPC) and
// deletes it when t ends.
func newGroup(t *testing.T, env Env, name, vpcID string) *goec2.SecurityGroup {
	t.Helper()
	g, err := env.Conn.CreateSecurityGroup(t.Context(), name, "goboto suite "+name, vpcID)
	must(t, env, "CreateSecurityGroup "+name, err)
	cleanup(t, g.Delete)
	return g
}

// Security groups in a VPC: a new group allows all outbound traffic
// (Amazon VPC User Guide, "Security group rules": a new group "has an
// outbound rule that allows all outbound traffic"); names are unique in
// a VPC (InvalidGroup.Duplicate), rules in a group
// (InvalidPermission.Duplicate), and revoking a rule the group lacks is
// InvalidPermission.NotFound (EC2 API Reference, "Error codes"); each
// rule has its own sgr- ID (DescribeSecurityGroupRules); a group another
// group's rules name cannot be deleted, nor a VPC with groups of its own
// (DependencyViolation), and a deleted group is InvalidGroup.NotFound.
func testSecurityGroups(t *testing.T, env Env) {
	ctx := t.Context()
	v := newVPC(t, env, "10.60.0.0/16")
	name := env.Names()
	web := newGroup(t, env, name, v.ID)
	db := newGroup(t, env, env.Names(), v.ID)
	if !strings.HasPrefix(web.ID, "sg-") {
		t.Errorf("%s: CreateSecurityGroup ID %q, want sg-", env.Name, web.ID)
	}
	h := env.Conn.SecurityGroup(web.ID)
	must(t, env, "SecurityGroup.Refresh", h.Refresh(ctx))
	allOut := goec2.AllTraffic().To("0.0.0.0/0")
	if diff := cmp.Diff([]goec2.Rule{allOut}, h.EgressRules, cmpopts.IgnoreUnexported(goec2.Rule{})); diff != "" ||
		len(h.Rules) != 0 || h.VPCID != v.ID || h.OwnerID != env.Account || h.Name != name {
		t.Errorf("%s: new group %+v (-want +got egress):\n%s", env.Name, *h, diff)
	}

	_, err := env.Conn.CreateSecurityGroup(ctx, name, "again", v.ID)
	wantCode(t, env, "CreateSecurityGroup with a name in use in the VPC", err, "InvalidGroup.Duplicate")
	elsewhere := newGroup(t, env, name, "")
	wantOK(t, env, "DeleteSecurityGroup in the default VPC", elsewhere.Delete(ctx))

	ssh := goec2.TCP(22).From("10.0.0.0/8")
	https := goec2.TCP(443).FromGroup(db)
	must(t, env, "AuthorizeSecurityGroupIngress", web.Authorize(ctx, ssh, https))
	wantCode(t, env, "AuthorizeSecurityGroupIngress again", web.Authorize(ctx, ssh), "InvalidPermission.Duplicate")
	must(t, env, "SecurityGroup.Refresh", h.Refresh(ctx))
	want := []goec2.Rule{ssh, https}
	want[1].GroupOwner = env.Account
	byString := cmpopts.SortSlices(func(a, b goec2.Rule) bool { return a.String() < b.String() })
	if diff := cmp.Diff(want, h.Rules, byString, cmpopts.IgnoreUnexported(goec2.Rule{}), cmpopts.IgnoreFields(goec2.Rule{}, "GroupOwner")); diff != "" {
		t.Errorf("%s: rules after AuthorizeSecurityGroupIngress (-want +got):\n%s", env.Name, diff)
	}

	rules := collect(t, env, "SecurityGroupRules(group-id)", env.Conn.SecurityGroupRules(ctx, goec2.Filter{"group-id": {web.ID}}))
	var in, out int
	for _, r := range rules {
		owner := env.Account
		if env.Diff.RulesWithoutOwner {
			owner = ""
		}
		if !strings.HasPrefix(r.ID, "sgr-") || r.GroupID != web.ID || r.GroupOwnerID != owner {
			t.Errorf("%s: rule %+v, want an sgr- ID of group %s owned by %s", env.Name, *r, web.ID, env.Account)
		}
		if r.Egress {
			out++
		} else {
			in++
		}
	}
	if in != 2 || out != 1 {
		t.Errorf("%s: SecurityGroupRules lists %d inbound and %d outbound rules, want 2 and 1", env.Name, in, out)
	}
	if i := slices.IndexFunc(rules, func(r *goec2.SecurityGroupRule) bool { return !r.Egress && r.Rule.CIDR == "10.0.0.0/8" }); i >= 0 {
		one := env.Conn.SecurityGroupRule(rules[i].ID)
		wantOK(t, env, "SecurityGroupRule.Refresh", one.Refresh(ctx))
		if one.Rule.Protocol != "tcp" || one.Rule.FromPort != 22 || one.Rule.ToPort != 22 || one.Rule.CIDR != "10.0.0.0/8" {
			t.Errorf("%s: SecurityGroupRule.Refresh = %+v, want tcp 22 from 10.0.0.0/8", env.Name, one.Rule)
		}
	} else {
		t.Errorf("%s: SecurityGroupRules has no rule from 10.0.0.0/8: %+v", env.Name, rules)
	}

	if err := db.Delete(ctx); env.Diff.DeletesGroupInUse {
		wantOK(t, env, "DeleteSecurityGroup named by another group's rule (DeletesGroupInUse)", err)
		wantOK(t, env, "RevokeSecurityGroupIngress", web.Revoke(ctx, ssh))
	} else {
		wantCode(t, env, "DeleteSecurityGroup named by another group's rule", err, "DependencyViolation")
		wantOK(t, env, "RevokeSecurityGroupIngress", web.Revoke(ctx, ssh, https))
		wantOK(t, env, "DeleteSecurityGroup", db.Delete(ctx))
	}
	wantCode(t, env, "RevokeSecurityGroupIngress again", web.Revoke(ctx, ssh), "InvalidPermission.NotFound")
	_, err = env.Conn.Client().DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{db.ID}})
	wantCode(t, env, "DescribeSecurityGroups after DeleteSecurityGroup", err, "InvalidGroup.NotFound")
	if err := v.Delete(ctx); env.Diff.DeletesVPCInUse {
		wantOK(t, env, "DeleteVpc with a security group (DeletesVPCInUse)", err)
	} else {
		wantCode(t, env, "DeleteVpc with a security group", err, "DependencyViolation")
	}
}
