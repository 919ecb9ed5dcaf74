package ec2test_test

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

// TestInstanceFilterValues pins filters the fake evaluates beyond the
// common ones, each as the EC2 API Reference, DescribeInstances, describes
// it, and the escapes of the Filter data type: "\*" is a literal asterisk.
func TestInstanceFilterValues(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	a := run(t, c, &awsec2.RunInstancesInput{MinCount: aws.Int32(2), MaxCount: aws.Int32(2)})
	b := run(t, c, &awsec2.RunInstancesInput{ImageId: aws.String(ec2test.DefaultInstanceStoreImage),
		Placement: &types.Placement{AvailabilityZone: aws.String("us-east-1c")}})
	all := append(slices.Clone(a), b...)
	for id, name := range map[string]string{a[0]: "web*1", a[1]: "web-1"} {
		if _, err := c.CreateTags(ctx, &awsec2.CreateTagsInput{Resources: []string{id},
			Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(name)}}}); err != nil {
			t.Fatal(err)
		}
	}
	zones, err := c.DescribeAvailabilityZones(ctx, &awsec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1c"}})
	if err != nil {
		t.Fatal(err)
	}
	zoneC := aws.ToString(zones.AvailabilityZones[0].ZoneId)
	subs, err := c.DescribeSubnets(ctx, &awsec2.DescribeSubnetsInput{Filters: []types.Filter{filter("availability-zone", "us-east-1c"),
		filter("default-for-az", "true")}})
	if err != nil || len(subs.Subnets) != 1 {
		t.Fatalf("the default subnet of us-east-1c: %v %v", subs, err)
	}
	subnetC, defaultVPC := aws.ToString(subs.Subnets[0].SubnetId), aws.ToString(subs.Subnets[0].VpcId)
	tests := []struct {
		name string
		fs   []types.Filter
		want []string
	}{
		{"availability-zone-id", []types.Filter{filter("availability-zone-id", zoneC)}, b},
		{"ebs-optimized", []types.Filter{filter("ebs-optimized", "false")}, all},
		{"hypervisor", []types.Filter{filter("hypervisor", "nitro")}, nil},
		{"virtualization-type", []types.Filter{filter("virtualization-type", "hvm")}, all},
		{"launch-time", []types.Filter{filter("launch-time", "20*Z")}, all},
		{"root volume kept", []types.Filter{filter("block-device-mapping.delete-on-termination", "false")}, nil},
		{"root volume deleted", []types.Filter{filter("block-device-mapping.delete-on-termination", "true")}, a},
		{"attach-time", []types.Filter{filter("block-device-mapping.attach-time", "*")}, a},
		{"never a kernel", []types.Filter{filter("kernel-id", "*")}, nil},
		{"never Spot", []types.Filter{filter("instance-lifecycle", "spot")}, nil},
		{"tenancy", []types.Filter{filter("tenancy", "default")}, all},
		{"source-dest-check", []types.Filter{filter("source-dest-check", "true")}, all},
		// Instances launched without a subnet go into the default
		// subnet of their zone (EC2 User Guide, "Default VPCs").
		{"vpc-id", []types.Filter{filter("vpc-id", defaultVPC)}, all},
		{"subnet-id", []types.Filter{filter("subnet-id", subnetC)}, b},
		{"no other vpc", []types.Filter{filter("vpc-id", "vpc-0123456789abcdef0")}, nil},
		{"platform-details", []types.Filter{filter("platform-details", "Linux/UNIX")}, all},
		{"usage-operation", []types.Filter{filter("usage-operation", "RunInstances")}, all},
		// The primary network interface and the option blocks, at EC2's
		// defaults (EC2 API Reference, DescribeInstances, Filters).
		{"network-interface.subnet-id", []types.Filter{filter("network-interface.subnet-id", subnetC)}, b},
		{"network-interface.vpc-id", []types.Filter{filter("network-interface.vpc-id", defaultVPC)}, all},
		{"network-interface.addresses.primary", []types.Filter{filter("network-interface.addresses.primary", "true")}, all},
		{"network-interface.attachment.device-index", []types.Filter{filter("network-interface.attachment.device-index", "0")}, all},
		{"network-interface.status", []types.Filter{filter("network-interface.status", "in-use")}, all},
		{"network-interface.association.ip-owner-id", []types.Filter{filter("network-interface.association.ip-owner-id", "amazon")}, all},
		{"network-interface.mac-address", []types.Filter{filter("network-interface.mac-address", "??:??:??:??:??:??")}, all},
		{"network-interface.ipv6-address", []types.Filter{filter("network-interface.ipv6-address", "*")}, nil},
		{"metadata-options.http-tokens", []types.Filter{filter("metadata-options.http-tokens", "optional")}, all},
		{"metadata-options.http-put-response-hop-limit", []types.Filter{filter("metadata-options.http-put-response-hop-limit", "1")}, all},
		{"hibernation-options.configured", []types.Filter{filter("hibernation-options.configured", "true")}, nil},
		{"current-instance-boot-mode", []types.Filter{filter("current-instance-boot-mode", "legacy-bios")}, all},
		{"never an instance profile", []types.Filter{filter("iam-instance-profile.arn", "*")}, nil},
		{`escaped backslash is literal`, []types.Filter{filter("private-dns-name-options.hostname-type", `ip\-name`)}, nil},
		{"star is a wildcard", []types.Filter{filter("tag:Name", "web*1")}, a},
		{`escaped star is literal`, []types.Filter{filter("tag:Name", `web\*1`)}, a[:1]},
		{`escaped question mark is literal`, []types.Filter{filter("tag:Name", `web\?1`)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, filteredIDs(t, c, tt.fs...)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	// The Elastic IP behind an instance's address: its allocation and
	// association IDs select it (EC2 API Reference, DescribeInstances
	// filters network-interface.association.allocation-id and
	// .association-id, and the addresses.association forms); no interface
	// denies IGW traffic, EC2's default.
	alloc, err := c.AllocateAddress(ctx, &awsec2.AllocateAddressInput{Domain: types.DomainTypeVpc})
	if err != nil {
		t.Fatal(err)
	}
	assoc, err := c.AssociateAddress(ctx, &awsec2.AssociateAddressInput{AllocationId: alloc.AllocationId, InstanceId: aws.String(a[0])})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		f    types.Filter
		want []string
	}{
		{"allocation", filter("network-interface.association.allocation-id", aws.ToString(alloc.AllocationId)), a[:1]},
		{"association", filter("network-interface.association.association-id", aws.ToString(assoc.AssociationId)), a[:1]},
		{"address allocation", filter("network-interface.addresses.association.allocation-id", aws.ToString(alloc.AllocationId)), a[:1]},
		{"address association", filter("network-interface.addresses.association.association-id", aws.ToString(assoc.AssociationId)), a[:1]},
		{"another allocation", filter("network-interface.association.allocation-id", "eipalloc-0123456789abcdef0"), nil},
		{"deny-all-igw-traffic true", filter("network-interface.deny-all-igw-traffic", "true"), nil},
		{"deny-all-igw-traffic false", filter("network-interface.deny-all-igw-traffic", "false"), all},
	} {
		if diff := cmp.Diff(tt.want, filteredIDs(t, c, tt.f)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}

	// A name EC2 does not document is InvalidParameterValue, as on EC2.
	_, err = c.DescribeInstances(ctx, &awsec2.DescribeInstancesInput{Filters: []types.Filter{filter("no-such-filter", "x")}})
	checkAPIError(t, err, "InvalidParameterValue", "no-such-filter")
}

// TestVolumeFilterValues: DescribeVolumes's multi-attach-enabled and
// availability-zone-id (EC2 API Reference, DescribeVolumes, Filters).
func TestVolumeFilterValues(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	plain := createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(10)})
	multi := createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(10), VolumeType: types.VolumeTypeIo2, Iops: aws.Int32(1000),
		MultiAttachEnabled: aws.Bool(true)})
	for _, tt := range []struct {
		f    types.Filter
		want []string
	}{
		{filter("multi-attach-enabled", "true"), []string{multi}},
		{filter("multi-attach-enabled", "false"), []string{plain}},
		{filter("availability-zone-id", "use1-az1"), slices.Sorted(slices.Values([]string{plain, multi}))},
		{filter("fast-restored", "true"), nil},
	} {
		out, err := c.DescribeVolumes(t.Context(), &awsec2.DescribeVolumesInput{Filters: []types.Filter{tt.f}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range out.Volumes {
			got = append(got, aws.ToString(v.VolumeId))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s=%v (-want +got):\n%s", aws.ToString(tt.f.Name), tt.f.Values, diff)
		}
	}
}
