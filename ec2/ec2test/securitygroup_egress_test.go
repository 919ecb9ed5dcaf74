package ec2test_test

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

// egressOf describes group id's outbound rules, one string per
// destination, sorted.
func egressOf(t *testing.T, c *awsec2.Client, id string) []string {
	t.Helper()
	out, err := c.DescribeSecurityGroups(t.Context(), &awsec2.DescribeSecurityGroupsInput{GroupIds: []string{id}})
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, p := range out.SecurityGroups[0].IpPermissionsEgress {
		head := aws.ToString(p.IpProtocol)
		if p.FromPort != nil {
			head += fmt.Sprintf(" %d-%d", aws.ToInt32(p.FromPort), aws.ToInt32(p.ToPort))
		}
		for _, r := range p.IpRanges {
			rules = append(rules, head+" to "+aws.ToString(r.CidrIp))
		}
		for _, r := range p.Ipv6Ranges {
			rules = append(rules, head+" to "+aws.ToString(r.CidrIpv6))
		}
		for _, g := range p.UserIdGroupPairs {
			rules = append(rules, head+" to "+aws.ToString(g.GroupId))
		}
	}
	slices.Sort(rules)
	return rules
}

func TestSecurityGroupEgress(t *testing.T) {
	srv := ec2test.Start(t)
	c := netClient(srv)
	ctx := t.Context()
	out, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("web"), Description: aws.String("web")})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(out.GroupId)
	other, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("db"), Description: aws.String("db")})
	if err != nil {
		t.Fatal(err)
	}
	dbID := aws.ToString(other.GroupId)
	allOut := types.IpPermission{IpProtocol: aws.String("-1"), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}
	https := types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
		IpRanges:   []types.IpRange{{CidrIp: aws.String("10.0.0.0/8")}},
		Ipv6Ranges: []types.Ipv6Range{{CidrIpv6: aws.String("2001:db8::/32")}}}
	postgres := types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(5432), ToPort: aws.Int32(5432),
		UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String(dbID)}}}
	var got [][]string
	got = append(got, egressOf(t, c, id))

	auth, err := c.AuthorizeSecurityGroupEgress(ctx, &awsec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(id),
		IpPermissions: []types.IpPermission{https, postgres}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range auth.SecurityGroupRules {
		if !aws.ToBool(r.IsEgress) || aws.ToString(r.GroupId) != id {
			t.Errorf("authorized rule %s: egress %v group %s", aws.ToString(r.SecurityGroupRuleId), aws.ToBool(r.IsEgress), aws.ToString(r.GroupId))
		}
	}
	if len(auth.SecurityGroupRules) != 3 {
		t.Errorf("%d rules authorized; want 3", len(auth.SecurityGroupRules))
	}
	got = append(got, egressOf(t, c, id))

	_, err = c.AuthorizeSecurityGroupEgress(ctx, &awsec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(id),
		IpPermissions: []types.IpPermission{allOut}})
	checkAPIError(t, err, "InvalidPermission.Duplicate", "0.0.0.0/0")

	// The default rule goes like any other.
	if _, err := c.RevokeSecurityGroupEgress(ctx, &awsec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(id),
		IpPermissions: []types.IpPermission{allOut}}); err != nil {
		t.Fatal(err)
	}
	got = append(got, egressOf(t, c, id))
	_, err = c.RevokeSecurityGroupEgress(ctx, &awsec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(id),
		IpPermissions: []types.IpPermission{allOut}})
	checkAPIError(t, err, "InvalidPermission.NotFound", "")

	// Ingress and egress are apart: the HTTPS rule is no inbound rule.
	_, err = c.RevokeSecurityGroupIngress(ctx, &awsec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(id),
		IpPermissions: []types.IpPermission{https}})
	checkAPIError(t, err, "InvalidPermission.NotFound", "")

	// A partly known revoke removes what it knows and lists the rest.
	rev, err := c.RevokeSecurityGroupEgress(ctx, &awsec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(id),
		IpPermissions: []types.IpPermission{postgres, allOut}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rev.UnknownIpPermissions) != 1 || aws.ToString(rev.UnknownIpPermissions[0].IpProtocol) != "-1" {
		t.Errorf("unknown permissions %+v; want the all-traffic rule", rev.UnknownIpPermissions)
	}
	got = append(got, egressOf(t, c, id))

	want := [][]string{
		{"-1 to 0.0.0.0/0"},
		{"-1 to 0.0.0.0/0", "tcp 443-443 to 10.0.0.0/8", "tcp 443-443 to 2001:db8::/32", "tcp 5432-5432 to " + dbID},
		{"tcp 443-443 to 10.0.0.0/8", "tcp 443-443 to 2001:db8::/32", "tcp 5432-5432 to " + dbID},
		{"tcp 443-443 to 10.0.0.0/8", "tcp 443-443 to 2001:db8::/32"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("egress rules (-want +got):\n%s", diff)
	}
}

func TestSecurityGroupEgressErrors(t *testing.T) {
	srv := ec2test.Start(t)
	c := netClient(srv)
	ctx := t.Context()
	out, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("web"), Description: aws.String("web")})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(out.GroupId)
	perm := func(proto string, from, to int32, cidr string) []types.IpPermission {
		return []types.IpPermission{{IpProtocol: aws.String(proto), FromPort: aws.Int32(from), ToPort: aws.Int32(to),
			IpRanges: []types.IpRange{{CidrIp: aws.String(cidr)}}}}
	}
	tests := []struct {
		name           string
		group          string
		perms          []types.IpPermission
		code, contains string
	}{
		{"unknown group", "sg-0123456789abcdef0", perm("tcp", 80, 80, "0.0.0.0/0"), "InvalidGroup.NotFound", "sg-0123456789abcdef0"},
		{"malformed group", "sg-zz", perm("tcp", 80, 80, "0.0.0.0/0"), "InvalidGroupId.Malformed", "sg-zz"},
		{"bad ports", id, perm("tcp", 90, 80, "0.0.0.0/0"), "InvalidParameterValue", "90-80"},
		{"bad CIDR", id, perm("tcp", 80, 80, "10.0.0.0/33"), "InvalidParameterValue", "10.0.0.0/33"},
		{"no rules", id, nil, "MissingParameter", "IpPermissions"},
		{"unknown protocol", id, perm("tcpx", 80, 80, "0.0.0.0/0"), "InvalidParameterValue", "tcpx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.AuthorizeSecurityGroupEgress(ctx, &awsec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(tt.group), IpPermissions: tt.perms})
			checkAPIError(t, err, tt.code, tt.contains)
		})
	}
	if diff := cmp.Diff([]string{"-1 to 0.0.0.0/0"}, egressOf(t, c, id)); diff != "" {
		t.Errorf("refused rules changed the group (-want +got):\n%s", diff)
	}
}

func TestSecurityGroupEgressFilters(t *testing.T) {
	srv := ec2test.Start(t)
	c := netClient(srv)
	ctx := t.Context()
	for _, n := range []string{"open", "closed"} {
		out, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String(n), Description: aws.String(n)})
		if err != nil {
			t.Fatal(err)
		}
		if n == "closed" {
			_, err = c.RevokeSecurityGroupEgress(ctx, &awsec2.RevokeSecurityGroupEgressInput{GroupId: out.GroupId,
				IpPermissions: []types.IpPermission{{IpProtocol: aws.String("-1"), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}})
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		filter, value string
		want          []string
	}{
		{"egress.ip-permission.cidr", "0.0.0.0/0", []string{"default", "open"}},
		{"egress.ip-permission.protocol", "-1", []string{"default", "open"}},
		{"ip-permission.cidr", "0.0.0.0/0", nil},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			got := netGroupNames(t, c, &awsec2.DescribeSecurityGroupsInput{Filters: []types.Filter{{Name: aws.String(tt.filter), Values: []string{tt.value}}}})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("groups (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSecurityGroupEgressWireShapes compares the answers of
// AuthorizeSecurityGroupEgress and RevokeSecurityGroupEgress with golden
// files.
func TestSecurityGroupEgressWireShapes(t *testing.T) {
	srv := ec2test.Start(t)
	host := "ec2.us-east-1.amazonaws.com"
	ruleIDs := regexp.MustCompile(`\bsgr-[0-9a-f]{17}\b`)
	call := func(params url.Values, want int) string {
		t.Helper()
		params.Set("Version", "2016-11-15")
		status, body := ec2test.RawSigV2(t, srv, host, params)
		if status != want {
			t.Fatalf("%s: %d %s", params.Get("Action"), status, body)
		}
		return ruleIDs.ReplaceAllString(normalize(body), "sgr-ID")
	}
	// The group's ID is read before call blanks it.
	_, created := ec2test.RawSigV2(t, srv, host, url.Values{"Action": {"CreateSecurityGroup"}, "Version": {"2016-11-15"},
		"GroupName": {"web"}, "GroupDescription": {"web"}})
	m := regexp.MustCompile(`<groupId>(sg-[0-9a-f]+)</groupId>`).FindStringSubmatch(created)
	if m == nil {
		t.Fatalf("CreateSecurityGroup: %s", created)
	}
	id := m[1]
	perm := url.Values{"GroupId": {id}, "IpPermissions.1.IpProtocol": {"tcp"}, "IpPermissions.1.FromPort": {"443"},
		"IpPermissions.1.ToPort": {"443"}, "IpPermissions.1.IpRanges.1.CidrIp": {"10.0.0.0/8"}}
	with := func(action string) url.Values {
		p := url.Values{"Action": {action}}
		for k, v := range perm {
			p[k] = v
		}
		return p
	}
	golden(t, "authorize_security_group_egress.xml", call(with("AuthorizeSecurityGroupEgress"), 200))
	golden(t, "authorize_security_group_egress_duplicate.xml", call(with("AuthorizeSecurityGroupEgress"), 400))
	golden(t, "revoke_security_group_egress.xml", call(with("RevokeSecurityGroupEgress"), 200))
}
