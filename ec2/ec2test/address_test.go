package ec2test_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

func TestAddresses(t *testing.T) {
	srv := ec2test.Start(t)
	c := netClient(srv)
	ctx := t.Context()
	a, err := c.AllocateAddress(ctx, &awsec2.AllocateAddressInput{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Domain != types.DomainTypeVpc || !strings.HasPrefix(aws.ToString(a.AllocationId), "eipalloc-") ||
		aws.ToString(a.PublicIp) != "203.0.113.10" || aws.ToString(a.NetworkBorderGroup) != "us-east-1" {
		t.Errorf("allocated %+v", a)
	}
	std, err := c.AllocateAddress(ctx, &awsec2.AllocateAddressInput{Domain: types.DomainTypeStandard})
	if err != nil || std.Domain != types.DomainTypeStandard {
		t.Errorf("standard: %v %+v", err, std)
	}
	// Another account has its own addresses.
	other := netClient(srv, fake.DefaultCredentials()[1])
	if out, err := other.DescribeAddresses(ctx, &awsec2.DescribeAddressesInput{}); err != nil || len(out.Addresses) != 0 {
		t.Errorf("other account sees %v %+v", err, out)
	}

	const i1, i2 = "i-0123456789abcdef0", "i-89abcdef"
	_, err = c.AssociateAddress(ctx, &awsec2.AssociateAddressInput{AllocationId: a.AllocationId, InstanceId: aws.String("i-xyz")})
	netCode(t, err, "InvalidInstanceID.Malformed")
	_, err = c.AssociateAddress(ctx, &awsec2.AssociateAddressInput{AllocationId: a.AllocationId})
	netCode(t, err, "MissingParameter")
	_, err = c.AssociateAddress(ctx, &awsec2.AssociateAddressInput{AllocationId: aws.String("eipalloc-0123456789abcdef0"), InstanceId: aws.String(i1)})
	netCode(t, err, "InvalidAllocationID.NotFound")
	as, err := c.AssociateAddress(ctx, &awsec2.AssociateAddressInput{AllocationId: a.AllocationId, InstanceId: aws.String(i1)})
	if err != nil || !strings.HasPrefix(aws.ToString(as.AssociationId), "eipassoc-") {
		t.Fatalf("associate: %v %+v", err, as)
	}
	_, err = c.AssociateAddress(ctx, &awsec2.AssociateAddressInput{AllocationId: a.AllocationId, InstanceId: aws.String(i2)})
	netCode(t, err, "Resource.AlreadyAssociated")
	as2, err := c.AssociateAddress(ctx, &awsec2.AssociateAddressInput{AllocationId: a.AllocationId, InstanceId: aws.String(i2), AllowReassociation: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.DescribeAddresses(ctx, &awsec2.DescribeAddressesInput{PublicIps: []string{aws.ToString(a.PublicIp)}})
	if err != nil || len(d.Addresses) != 1 || aws.ToString(d.Addresses[0].InstanceId) != i2 ||
		aws.ToString(d.Addresses[0].AssociationId) != aws.ToString(as2.AssociationId) {
		t.Errorf("after reassociation: %v %+v", err, d)
	}
	_, err = c.ReleaseAddress(ctx, &awsec2.ReleaseAddressInput{AllocationId: a.AllocationId})
	netCode(t, err, "InvalidIPAddress.InUse")

	for _, tt := range []struct {
		f    types.Filter
		want int
	}{
		{types.Filter{Name: aws.String("instance-id"), Values: []string{i2}}, 1},
		{types.Filter{Name: aws.String("domain"), Values: []string{"standard"}}, 1},
		{types.Filter{Name: aws.String("public-ip"), Values: []string{"203.0.113.*"}}, 2},
		{types.Filter{Name: aws.String("association-id"), Values: []string{aws.ToString(as.AssociationId)}}, 0},
	} {
		out, err := c.DescribeAddresses(ctx, &awsec2.DescribeAddressesInput{Filters: []types.Filter{tt.f}})
		if err != nil || len(out.Addresses) != tt.want {
			t.Errorf("filter %s=%v: %v, %d addresses; want %d", aws.ToString(tt.f.Name), tt.f.Values, err, len(out.Addresses), tt.want)
		}
	}
	_, err = c.DescribeAddresses(ctx, &awsec2.DescribeAddressesInput{PublicIps: []string{"198.51.100.250"}})
	netCode(t, err, "InvalidAddress.NotFound")
	_, err = c.DescribeAddresses(ctx, &awsec2.DescribeAddressesInput{AllocationIds: []string{"eipalloc-nothex"}})
	// EC2 API Reference, error codes: there is no
	// InvalidAllocationID.Malformed; InvalidAllocationID.NotFound, "the
	// specified allocation ID ... cannot be found".
	netCode(t, err, "InvalidAllocationID.NotFound")
	_, err = c.DisassociateAddress(ctx, &awsec2.DisassociateAddressInput{AssociationId: as.AssociationId})
	netCode(t, err, "InvalidAssociationID.NotFound")
	if _, err := c.DisassociateAddress(ctx, &awsec2.DisassociateAddressInput{PublicIp: a.PublicIp}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReleaseAddress(ctx, &awsec2.ReleaseAddressInput{PublicIp: a.PublicIp}); err != nil {
		t.Fatal(err)
	}
	_, err = c.ReleaseAddress(ctx, &awsec2.ReleaseAddressInput{AllocationId: a.AllocationId})
	netCode(t, err, "InvalidAllocationID.NotFound")
}

// TestAddressesBoto2 allocates and associates as boto 2 does.
func TestAddressesBoto2(t *testing.T) {
	srv := ec2test.Start(t)
	call := func(kv ...string) (int, string) {
		p := url.Values{"Version": {"2014-10-01"}}
		for i := 0; i < len(kv); i += 2 {
			p.Set(kv[i], kv[i+1])
		}
		return ec2test.RawSigV2(t, srv, "ec2.eu-west-1.amazonaws.com", p)
	}
	status, body := call("Action", "AllocateAddress", "Domain", "vpc")
	if status != 200 || !strings.Contains(body, "<publicIp>203.0.113.10</publicIp>") || !strings.Contains(body, "<domain>vpc</domain>") {
		t.Fatalf("AllocateAddress: %d %s", status, body)
	}
	alloc := body[strings.Index(body, "<allocationId>")+len("<allocationId>") : strings.Index(body, "</allocationId>")]
	status, body = call("Action", "AssociateAddress", "AllocationId", alloc, "InstanceId", "i-0123456789abcdef0")
	if status != 200 || !strings.Contains(body, "<associationId>eipassoc-") {
		t.Errorf("AssociateAddress: %d %s", status, body)
	}
	status, body = call("Action", "DescribeAddresses", "PublicIp.1", "203.0.113.10")
	if status != 200 || !strings.Contains(body, "<instanceId>i-0123456789abcdef0</instanceId>") || !strings.Contains(body, "<networkBorderGroup>eu-west-1</networkBorderGroup>") {
		t.Errorf("DescribeAddresses: %d %s", status, body)
	}
	status, body = call("Action", "ReleaseAddress", "AllocationId", alloc)
	if status != 400 || !strings.Contains(body, "<Code>InvalidIPAddress.InUse</Code>") {
		t.Errorf("ReleaseAddress in use: %d %s", status, body)
	}
}
