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

// TestTagsGoWithTheirResource tags a resource, deletes it, and checks
// that DescribeTags listed its tags before and not after, in the owner's
// account and, for shared snapshots and images, in the account it was
// shared with.
func TestTagsGoWithTheirResource(t *testing.T) {
	srv := ec2test.Start(t)
	c, other := cclient(t, srv), otherClient(t, srv, "us-east-1")
	ctx := t.Context()
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		create func() string
		shared bool // shared with the other account, which tags it too
		delete func(id string)
	}{
		{"volume", func() string {
			return createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(1)})
		}, false, func(id string) {
			must(c.DeleteVolume(ctx, &awsec2.DeleteVolumeInput{VolumeId: aws.String(id)}))
		}},
		{"shared snapshot", func() string {
			id := createSnapshot(t, c, 1)
			must(c.ModifySnapshotAttribute(ctx, &awsec2.ModifySnapshotAttributeInput{SnapshotId: aws.String(id),
				Attribute: types.SnapshotAttributeNameCreateVolumePermission, CreateVolumePermission: &types.CreateVolumePermissionModifications{
					Add: []types.CreateVolumePermission{{Group: types.PermissionGroupAll}}}}))
			return id
		}, true, func(id string) {
			must(c.DeleteSnapshot(ctx, &awsec2.DeleteSnapshotInput{SnapshotId: aws.String(id)}))
		}},
		{"shared image", func() string {
			inst := run(t, c, nil)[0]
			out, err := c.CreateImage(ctx, &awsec2.CreateImageInput{InstanceId: aws.String(inst), Name: aws.String("tagged-image")})
			must(out, err)
			must(c.ModifyImageAttribute(ctx, &awsec2.ModifyImageAttributeInput{ImageId: out.ImageId,
				LaunchPermission: &types.LaunchPermissionModifications{Add: []types.LaunchPermission{{Group: types.PermissionGroupAll}}}}))
			return aws.ToString(out.ImageId)
		}, true, func(id string) {
			must(c.DeregisterImage(ctx, &awsec2.DeregisterImageInput{ImageId: aws.String(id)}))
		}},
		{"key pair", func() string {
			out, err := c.CreateKeyPair(ctx, &awsec2.CreateKeyPairInput{KeyName: aws.String("tagged"), KeyType: types.KeyTypeEd25519})
			must(out, err)
			return aws.ToString(out.KeyPairId)
		}, false, func(id string) {
			must(c.DeleteKeyPair(ctx, &awsec2.DeleteKeyPairInput{KeyPairId: aws.String(id)}))
		}},
		{"security group", func() string {
			out, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("tagged-sg"),
				Description: aws.String("tags go with it")})
			must(out, err)
			return aws.ToString(out.GroupId)
		}, false, func(id string) {
			must(c.DeleteSecurityGroup(ctx, &awsec2.DeleteSecurityGroupInput{GroupId: aws.String(id)}))
		}},
		{"address", func() string {
			out, err := c.AllocateAddress(ctx, &awsec2.AllocateAddressInput{})
			must(out, err)
			return aws.ToString(out.AllocationId)
		}, false, func(id string) {
			must(c.ReleaseAddress(ctx, &awsec2.ReleaseAddressInput{AllocationId: aws.String(id)}))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := tt.create()
			clients := []*awsec2.Client{c}
			if tt.shared {
				clients = append(clients, other)
			}
			for _, cl := range clients {
				must(cl.CreateTags(ctx, &awsec2.CreateTagsInput{Resources: []string{id},
					Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(tt.name)}}}))
			}
			var got []bool
			for _, cl := range clients {
				got = append(got, tagged(t, cl)[id])
			}
			tt.delete(id)
			for _, cl := range clients {
				got = append(got, tagged(t, cl)[id])
			}
			want := append(slices.Repeat([]bool{true}, len(clients)), slices.Repeat([]bool{false}, len(clients))...)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("tags of %s listed [before..., after...] (-want +got):\n%s", id, diff)
			}
		})
	}
}
