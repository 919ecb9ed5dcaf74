package ec2test_test

import (
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto/ec2/ec2test"
)

// TestTagsOnMissingResources checks that CreateTags and DeleteTags answer
// the resource's own not-found or malformed code, as EC2 does, for IDs
// that do not exist, belong to another account or have no known shape.
func TestTagsOnMissingResources(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	other := otherClient(t, srv, "us-east-1")
	otherInst := run(t, other, nil)[0]
	otherVol := createVolume(t, other, &awsec2.CreateVolumeInput{Size: aws.Int32(1)})
	otherSnap := createSnapshot(t, other, 1)
	otherSG, err := other.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("x"), Description: aws.String("x")})
	if err != nil {
		t.Fatal(err)
	}
	inst := run(t, c, nil)[0]
	tests := []struct {
		name, id, code string
	}{
		{"instance", "i-00000000000000000", "InvalidInstanceID.NotFound"},
		{"instance of another account", otherInst, "InvalidInstanceID.NotFound"},
		{"malformed instance", "i-xyz", "InvalidInstanceID.Malformed"},
		{"volume", "vol-00000000000000000", "InvalidVolume.NotFound"},
		{"volume of another account", otherVol, "InvalidVolume.NotFound"},
		{"malformed volume", "vol-xyz", "InvalidVolumeID.Malformed"},
		{"snapshot", "snap-00000000000000000", "InvalidSnapshot.NotFound"},
		{"snapshot of another account, not shared", otherSnap, "InvalidSnapshot.NotFound"},
		{"malformed snapshot", "snap-xyz", "InvalidSnapshotID.Malformed"},
		{"image", "ami-00000000000000000", "InvalidAMIID.NotFound"},
		{"malformed image", "ami-xyz", "InvalidAMIID.Malformed"},
		{"security group", "sg-00000000000000000", "InvalidGroup.NotFound"},
		{"security group of another account", aws.ToString(otherSG.GroupId), "InvalidGroup.NotFound"},
		{"malformed security group", "sg-xyz", "InvalidGroupId.Malformed"},
		{"address", "eipalloc-00000000000000000", "InvalidAllocationID.NotFound"},
		{"malformed address", "eipalloc-xyz", "InvalidAllocationID.NotFound"}, // EC2 lists no .Malformed for it
		{"key pair", "key-00000000000000000", "InvalidKeyPair.NotFound"},
		{"vpc", "vpc-00000000000000000", "InvalidVpcID.NotFound"},
		{"no prefix", "nonsense", "InvalidID"},
		{"unknown prefix", "foo-00000000000000000", "InvalidID"},
	}
	tag := []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// An existing instance first: nothing is tagged when one ID fails.
			_, err := c.CreateTags(ctx, &awsec2.CreateTagsInput{Resources: []string{inst, tt.id}, Tags: tag})
			checkAPIError(t, err, tt.code, "")
			_, err = c.DeleteTags(ctx, &awsec2.DeleteTagsInput{Resources: []string{tt.id}})
			checkAPIError(t, err, tt.code, "")
		})
	}
	out, err := c.DescribeTags(ctx, &awsec2.DescribeTagsInput{})
	if err != nil || len(out.Tags) != 0 {
		t.Errorf("tags after failed calls: %v, %v", out.Tags, err)
	}
}

// TestTagsOnNetworkAndSharedResources tags every kind of resource the
// caller can see, including the public default images and the network
// family's groups, addresses, key pairs and VPC, while other goroutines
// describe security groups (which read tags under the compute lock): the
// lookups must not deadlock.
func TestTagsOnNetworkAndSharedResources(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	groups, err := c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{})
	if err != nil || len(groups.SecurityGroups) == 0 {
		t.Fatalf("groups: %v, %v", groups, err)
	}
	addr, err := c.AllocateAddress(ctx, &awsec2.AllocateAddressInput{})
	if err != nil {
		t.Fatal(err)
	}
	key, err := c.CreateKeyPair(ctx, &awsec2.CreateKeyPairInput{KeyName: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{aws.ToString(groups.SecurityGroups[0].GroupId), aws.ToString(addr.AllocationId), aws.ToString(key.KeyPairId),
		aws.ToString(groups.SecurityGroups[0].VpcId), ec2test.DefaultEBSImage, run(t, c, nil)[0]}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 10 {
				if _, err := c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	for range 10 {
		if _, err := c.CreateTags(ctx, &awsec2.CreateTagsInput{Resources: ids,
			Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("ops")}}}); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	out, err := c.DescribeTags(ctx, &awsec2.DescribeTagsInput{Filters: []types.Filter{filter("key", "team")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Tags) != len(ids) {
		t.Errorf("%d resources tagged, want %d: %v", len(out.Tags), len(ids), out.Tags)
	}
	if _, err := c.DeleteTags(ctx, &awsec2.DeleteTagsInput{Resources: ids}); err != nil {
		t.Fatal(err)
	}
	// The public image's tags are the caller's own: another account sees none.
	if o, err := otherClient(t, srv, "us-east-1").DescribeTags(ctx, &awsec2.DescribeTagsInput{}); err != nil || len(o.Tags) != 0 {
		t.Errorf("other account: %v, %v", o, err)
	}
}
