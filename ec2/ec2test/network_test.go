package ec2test_test

import (
	"errors"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// netClient is a plain aws-sdk-go-v2 client of srv, signing as the first
// test account, or as cred when given.
func netClient(srv *ec2test.Server, cred ...fake.Credential) *awsec2.Client {
	cfg := srv.Config("")
	if len(cred) > 0 {
		cfg = srv.ConfigFor(cred[0], cfg.Region)
	}
	return awsec2.NewFromConfig(cfg)
}

// netCode fails t unless err carries the EC2 error code.
func netCode(t *testing.T, err error, code string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != code {
		t.Fatalf("err = %v; want %s", err, code)
	}
}

func netGroupNames(t *testing.T, c *awsec2.Client, in *awsec2.DescribeSecurityGroupsInput) []string {
	t.Helper()
	var out []string
	p := awsec2.NewDescribeSecurityGroupsPaginator(c, in)
	for p.HasMorePages() {
		page, err := p.NextPage(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range page.SecurityGroups {
			out = append(out, aws.ToString(g.GroupName))
		}
	}
	slices.Sort(out)
	return out
}

func TestDefaultSecurityGroup(t *testing.T) {
	srv := ec2test.Start(t)
	c := netClient(srv)
	out, err := c.DescribeSecurityGroups(t.Context(), &awsec2.DescribeSecurityGroupsInput{GroupNames: []string{"default"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.SecurityGroups) != 1 {
		t.Fatalf("%d default groups", len(out.SecurityGroups))
	}
	g := out.SecurityGroups[0]
	id := aws.ToString(g.GroupId)
	want := types.SecurityGroup{
		GroupId: g.GroupId, GroupName: aws.String("default"), Description: aws.String("default VPC security group"),
		OwnerId: aws.String(fake.TestAccountID), VpcId: g.VpcId, Tags: []types.Tag{},
		SecurityGroupArn: aws.String("arn:aws:ec2:us-east-1:" + fake.TestAccountID + ":security-group/" + id),
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("-1"),
			UserIdGroupPairs: []types.UserIdGroupPair{{UserId: aws.String(fake.TestAccountID), GroupId: g.GroupId, GroupName: aws.String("default")}},
			IpRanges:         []types.IpRange{}, Ipv6Ranges: []types.Ipv6Range{}, PrefixListIds: []types.PrefixListId{}}},
		IpPermissionsEgress: []types.IpPermission{{IpProtocol: aws.String("-1"),
			IpRanges:         []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}},
			UserIdGroupPairs: []types.UserIdGroupPair{}, Ipv6Ranges: []types.Ipv6Range{}, PrefixListIds: []types.PrefixListId{}}},
	}
	if diff := cmp.Diff(want, g, cmpNoSmithy); diff != "" {
		t.Errorf("default group (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(id, "sg-") || !strings.HasPrefix(aws.ToString(g.VpcId), "vpc-") {
		t.Errorf("IDs %s %s", id, aws.ToString(g.VpcId))
	}
	// Every account and region has its own.
	other, err := netClient(srv, fake.DefaultCredentials()[1]).DescribeSecurityGroups(t.Context(), &awsec2.DescribeSecurityGroupsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(other.SecurityGroups) != 1 || aws.ToString(other.SecurityGroups[0].GroupId) == id {
		t.Errorf("other account's groups: %+v", other.SecurityGroups)
	}
}

var cmpNoSmithy = cmp.FilterPath(func(p cmp.Path) bool {
	return strings.Contains(p.String(), "noSmithyDocumentSerde")
}, cmp.Ignore())

func TestSecurityGroupErrorsAndPaging(t *testing.T) {
	srv := ec2test.Start(t)
	c := netClient(srv)
	ctx := t.Context()
	for _, n := range []string{"a", "b", "c", "d", "e", "f"} {
		if _, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String(n), Description: aws.String(n)}); err != nil {
			t.Fatal(err)
		}
	}
	got := netGroupNames(t, c, &awsec2.DescribeSecurityGroupsInput{MaxResults: aws.Int32(5)})
	if diff := cmp.Diff([]string{"a", "b", "c", "d", "default", "e", "f"}, got); diff != "" {
		t.Errorf("paged groups (-want +got):\n%s", diff)
	}
	pages := 0
	for _, c := range srv.Calls() {
		if c.Operation == "DescribeSecurityGroups" {
			pages++
		}
	}
	if pages != 2 {
		t.Errorf("%d pages; want 2", pages)
	}

	_, err := c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{MaxResults: aws.Int32(3)})
	netCode(t, err, "InvalidParameterValue")
	_, err = c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{GroupNames: []string{"nope"}})
	netCode(t, err, "InvalidGroup.NotFound")
	_, err = c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{GroupIds: []string{"sg-nothex"}})
	netCode(t, err, "InvalidGroupId.Malformed")
	_, err = c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{GroupIds: []string{"sg-0123456789abcdef0"}})
	netCode(t, err, "InvalidGroup.NotFound")
	_, err = c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("a"), Description: aws.String("again")})
	netCode(t, err, "InvalidGroup.Duplicate")
	_, err = c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("sg-x"), Description: aws.String("x")})
	netCode(t, err, "InvalidParameterValue")
	_, err = c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("z"), Description: aws.String("z"), VpcId: aws.String("vpc-0123456789abcdef0")})
	netCode(t, err, "InvalidVpcID.NotFound")
	_, err = c.DeleteSecurityGroup(ctx, &awsec2.DeleteSecurityGroupInput{GroupName: aws.String("default")})
	netCode(t, err, "CannotDelete")
	_, err = c.DeleteSecurityGroup(ctx, &awsec2.DeleteSecurityGroupInput{GroupId: aws.String("sg-0123456789abcdef0")})
	netCode(t, err, "InvalidGroup.NotFound")
	_, err = c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{Filters: []types.Filter{{Name: aws.String("unicorn"), Values: []string{"x"}}}})
	netCode(t, err, "InvalidParameterValue")

	tcp := func(from, to int32, cidrs ...string) types.IpPermission {
		p := types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(from), ToPort: aws.Int32(to)}
		for _, c := range cidrs {
			if strings.Contains(c, ":") {
				p.Ipv6Ranges = append(p.Ipv6Ranges, types.Ipv6Range{CidrIpv6: aws.String(c)})
			} else {
				p.IpRanges = append(p.IpRanges, types.IpRange{CidrIp: aws.String(c)})
			}
		}
		return p
	}
	for _, tt := range []struct {
		perm types.IpPermission
		code string
	}{
		{tcp(22, 22, "10.0.0.0/33"), "InvalidParameterValue"},
		{tcp(22, 22, "2001:db8::/32x"), "InvalidParameterValue"},
		{tcp(80, 22, "10.0.0.0/8"), "InvalidParameterValue"},
		{tcp(0, 70000, "10.0.0.0/8"), "InvalidParameterValue"},
		{types.IpPermission{IpProtocol: aws.String("tcp"), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/8")}}}, "InvalidParameterValue"},
		{types.IpPermission{IpProtocol: aws.String("sctp!"), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/8")}}}, "InvalidParameterValue"},
		{types.IpPermission{IpProtocol: aws.String("icmp"), FromPort: aws.Int32(-1), ToPort: aws.Int32(3), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/8")}}}, "InvalidParameterValue"},
		{types.IpPermission{IpProtocol: aws.String("-1"), UserIdGroupPairs: []types.UserIdGroupPair{{GroupName: aws.String("ghost")}}}, "InvalidGroup.NotFound"},
		{tcp(22, 22), "MissingParameter"},
	} {
		_, err := c.AuthorizeSecurityGroupIngress(ctx, &awsec2.AuthorizeSecurityGroupIngressInput{GroupName: aws.String("a"), IpPermissions: []types.IpPermission{tt.perm}})
		netCode(t, err, tt.code)
	}

	// One request, three rules; EC2 answers each with a rule ID.
	out, err := c.AuthorizeSecurityGroupIngress(ctx, &awsec2.AuthorizeSecurityGroupIngressInput{GroupName: aws.String("a"),
		IpPermissions: []types.IpPermission{tcp(22, 22, "10.0.0.0/8", "192.0.2.0/24", "2001:db8::/32")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.SecurityGroupRules) != 3 || !strings.HasPrefix(aws.ToString(out.SecurityGroupRules[2].SecurityGroupRuleId), "sgr-") ||
		aws.ToString(out.SecurityGroupRules[2].CidrIpv6) != "2001:db8::/32" || aws.ToInt32(out.SecurityGroupRules[0].FromPort) != 22 {
		t.Errorf("rules = %+v", out.SecurityGroupRules)
	}
	_, err = c.AuthorizeSecurityGroupIngress(ctx, &awsec2.AuthorizeSecurityGroupIngressInput{GroupName: aws.String("a"),
		IpPermissions: []types.IpPermission{tcp(22, 22, "172.16.0.0/12", "10.0.0.0/8")}})
	netCode(t, err, "InvalidPermission.Duplicate")

	// Revoking a rule the group has and one it has not: the second is unknown.
	rv, err := c.RevokeSecurityGroupIngress(ctx, &awsec2.RevokeSecurityGroupIngressInput{GroupName: aws.String("a"),
		IpPermissions: []types.IpPermission{tcp(22, 22, "10.0.0.0/8", "172.16.0.0/12")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rv.UnknownIpPermissions) != 1 || aws.ToString(rv.UnknownIpPermissions[0].IpRanges[0].CidrIp) != "172.16.0.0/12" {
		t.Errorf("unknown = %+v", rv.UnknownIpPermissions)
	}
	_, err = c.RevokeSecurityGroupIngress(ctx, &awsec2.RevokeSecurityGroupIngressInput{GroupName: aws.String("a"),
		IpPermissions: []types.IpPermission{tcp(22, 22, "10.0.0.0/8")}})
	netCode(t, err, "InvalidPermission.NotFound")

	for _, tt := range []struct {
		filters []types.Filter
		want    []string
	}{
		{[]types.Filter{{Name: aws.String("ip-permission.cidr"), Values: []string{"192.0.2.*"}}}, []string{"a"}},
		{[]types.Filter{{Name: aws.String("ip-permission.ipv6-cidr"), Values: []string{"2001:db8::/32"}}}, []string{"a"}},
		{[]types.Filter{{Name: aws.String("group-name"), Values: []string{"a", "b"}}, {Name: aws.String("description"), Values: []string{"b"}}}, []string{"b"}},
		{[]types.Filter{{Name: aws.String("owner-id"), Values: []string{fake.OtherAccountID}}}, nil},
	} {
		if diff := cmp.Diff(tt.want, netGroupNames(t, c, &awsec2.DescribeSecurityGroupsInput{Filters: tt.filters})); diff != "" {
			t.Errorf("filters %v (-want +got):\n%s", tt.filters, diff)
		}
	}
}

func TestSecurityGroupTags(t *testing.T) {
	srv := ec2test.Start(t)
	c := netClient(srv)
	ctx := t.Context()
	out, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("tagged"), Description: aws.String("t"),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeSecurityGroup, Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("prod")}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Tags) != 1 {
		t.Errorf("CreateSecurityGroup tags = %+v", out.Tags)
	}
	if _, err := c.CreateTags(ctx, &awsec2.CreateTagsInput{Resources: []string{aws.ToString(out.GroupId)}, Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("web")}}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		filters []types.Filter
		want    []string
	}{
		{[]types.Filter{{Name: aws.String("tag:env"), Values: []string{"prod"}}}, []string{"tagged"}},
		{[]types.Filter{{Name: aws.String("tag:team"), Values: []string{"w*"}}}, []string{"tagged"}},
		{[]types.Filter{{Name: aws.String("tag-key"), Values: []string{"env"}}}, []string{"tagged"}},
		{[]types.Filter{{Name: aws.String("tag:env"), Values: []string{"dev"}}}, nil},
	} {
		if diff := cmp.Diff(tt.want, netGroupNames(t, c, &awsec2.DescribeSecurityGroupsInput{Filters: tt.filters})); diff != "" {
			t.Errorf("filters %v (-want +got):\n%s", tt.filters, diff)
		}
	}
}

// TestSecurityGroupBoto2 drives the group actions as boto 2.49 does: SigV2,
// API version 2014-10-01, and both the IpPermissions.N and the older flat
// form of a rule.
func TestSecurityGroupBoto2(t *testing.T) {
	srv := ec2test.Start(t)
	host := "ec2.us-east-1.amazonaws.com"
	call := func(action string, kv ...string) (int, string) {
		p := url.Values{"Action": {action}, "Version": {"2014-10-01"}}
		for i := 0; i < len(kv); i += 2 {
			p.Set(kv[i], kv[i+1])
		}
		return ec2test.RawSigV2(t, srv, host, p)
	}
	for _, tt := range []struct {
		action string
		kv     []string
		status int
		want   string
	}{
		{"CreateSecurityGroup", []string{"GroupName", "web", "GroupDescription", "web"}, 200, "<groupId>sg-"},
		{"AuthorizeSecurityGroupIngress", []string{"GroupName", "web", "IpPermissions.1.IpProtocol", "tcp", "IpPermissions.1.FromPort", "22",
			"IpPermissions.1.ToPort", "22", "IpPermissions.1.IpRanges.1.CidrIp", "0.0.0.0/0"}, 200, "<return>true</return>"},
		{"AuthorizeSecurityGroupIngress", []string{"GroupName", "web", "IpProtocol", "tcp", "FromPort", "22", "ToPort", "22", "CidrIp", "0.0.0.0/0"},
			400, "<Code>InvalidPermission.Duplicate</Code>"},
		{"AuthorizeSecurityGroupIngress", []string{"GroupName", "web", "IpProtocol", "tcp", "FromPort", "80", "ToPort", "80", "CidrIp", "192.0.2.0/24"}, 200, "<return>true</return>"},
		{"AuthorizeSecurityGroupIngress", []string{"GroupName", "web", "IpPermissions.1.IpProtocol", "udp", "IpPermissions.1.FromPort", "53",
			"IpPermissions.1.ToPort", "53", "IpPermissions.1.Groups.1.GroupName", "default"}, 200, "<return>true</return>"},
		{"DescribeSecurityGroups", []string{"GroupName.1", "web"}, 200, `<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2014-10-01/">`},
		{"RevokeSecurityGroupIngress", []string{"GroupName", "web", "IpProtocol", "tcp", "FromPort", "80", "ToPort", "80", "CidrIp", "192.0.2.0/24"}, 200, "<return>true</return>"},
		{"RevokeSecurityGroupIngress", []string{"GroupName", "web", "IpProtocol", "tcp", "FromPort", "80", "ToPort", "80", "CidrIp", "192.0.2.0/24"},
			400, "<Code>InvalidPermission.NotFound</Code>"},
		{"DeleteSecurityGroup", []string{"GroupName", "default"}, 400, "<Code>CannotDelete</Code>"},
		{"DeleteSecurityGroup", []string{"GroupName", "web"}, 200, "<return>true</return>"},
		{"DeleteSecurityGroup", []string{"GroupName", "web"}, 400, "<Code>InvalidGroup.NotFound</Code>"},
	} {
		status, body := call(tt.action, tt.kv...)
		if status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s %v: %d %s; want %d and %s", tt.action, tt.kv, status, body, tt.status, tt.want)
		}
		if tt.action == "DescribeSecurityGroups" {
			for _, s := range []string{"<cidrIp>0.0.0.0/0</cidrIp>", "<cidrIp>192.0.2.0/24</cidrIp>", "<groupName>default</groupName>", "<ipProtocol>udp</ipProtocol>"} {
				if !strings.Contains(body, s) {
					t.Errorf("DescribeSecurityGroups lacks %s: %s", s, body)
				}
			}
		}
	}
}

// TestSecurityGroupsConcurrent runs creates, rules and listings at once,
// for the race detector.
func TestSecurityGroupsConcurrent(t *testing.T) {
	srv := ec2test.Start(t)
	c := netClient(srv)
	ctx := t.Context()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			name := string(rune('a' + i))
			if _, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String(name), Description: aws.String(name)}); err != nil {
				t.Error(err)
				return
			}
			for port := range int32(5) {
				if _, err := c.AuthorizeSecurityGroupIngress(ctx, &awsec2.AuthorizeSecurityGroupIngressInput{GroupName: aws.String(name),
					IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port),
						IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/8")}}}}}); err != nil {
					t.Error(err)
				}
				if _, err := c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if got := netGroupNames(t, c, &awsec2.DescribeSecurityGroupsInput{}); len(got) != 5 {
		t.Errorf("groups = %v", got)
	}
}
