package suite

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// The common error codes: a well-formed ID of nothing the account has is
// <Resource>.NotFound, and an ID not shaped like one is .Malformed (EC2
// API Reference, "Error codes": "InvalidInstanceID.NotFound: The
// specified instance does not exist", "InvalidInstanceID.Malformed: The
// specified instance ID is malformed", and likewise for volumes,
// snapshots, groups, VPCs, subnets, gateways, route tables, images and
// key pairs). The calls go through the raw client: goboto checks ID
// shapes before sending.
func testNotFound(t *testing.T, env Env) {
	ctx := t.Context()
	c := env.Conn.Client()
	const hex = "0123456789abcdef0"
	for _, tc := range []struct {
		what, code string
		call       func(ctx context.Context) error
	}{
		{"DescribeInstances", "InvalidInstanceID.NotFound", func(ctx context.Context) error {
			_, err := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{"i-" + hex}})
			return err
		}},
		{"TerminateInstances", "InvalidInstanceID.NotFound", func(ctx context.Context) error {
			_, err := c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{"i-" + hex}})
			return err
		}},
		{"DescribeVolumes", "InvalidVolume.NotFound", func(ctx context.Context) error {
			_, err := c.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{VolumeIds: []string{"vol-" + hex}})
			return err
		}},
		{"DeleteVolume", "InvalidVolume.NotFound", func(ctx context.Context) error {
			_, err := c.DeleteVolume(ctx, &ec2.DeleteVolumeInput{VolumeId: aws.String("vol-" + hex)})
			return err
		}},
		{"DescribeSnapshots", "InvalidSnapshot.NotFound", func(ctx context.Context) error {
			_, err := c.DescribeSnapshots(ctx, &ec2.DescribeSnapshotsInput{SnapshotIds: []string{"snap-" + hex}})
			return err
		}},
		{"DeleteSnapshot", "InvalidSnapshot.NotFound", func(ctx context.Context) error {
			_, err := c.DeleteSnapshot(ctx, &ec2.DeleteSnapshotInput{SnapshotId: aws.String("snap-" + hex)})
			return err
		}},
		{"DescribeSecurityGroups", "InvalidGroup.NotFound", func(ctx context.Context) error {
			_, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{"sg-" + hex}})
			return err
		}},
		{"DescribeVpcs", "InvalidVpcID.NotFound", func(ctx context.Context) error {
			_, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{"vpc-" + hex}})
			return err
		}},
		{"CreateSubnet in no VPC", "InvalidVpcID.NotFound", func(ctx context.Context) error {
			_, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String("vpc-" + hex), CidrBlock: aws.String("10.0.0.0/24")})
			return err
		}},
		{"DescribeSubnets", "InvalidSubnetID.NotFound", func(ctx context.Context) error {
			_, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{"subnet-" + hex}})
			return err
		}},
		{"DescribeInternetGateways", "InvalidInternetGatewayID.NotFound", func(ctx context.Context) error {
			_, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{"igw-" + hex}})
			return err
		}},
		{"DescribeRouteTables", "InvalidRouteTableID.NotFound", func(ctx context.Context) error {
			_, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{"rtb-" + hex}})
			return err
		}},
		{"DescribeImages", "InvalidAMIID.NotFound", func(ctx context.Context) error {
			_, err := c.DescribeImages(ctx, &ec2.DescribeImagesInput{ImageIds: []string{"ami-" + hex}})
			return err
		}},
		{"DescribeKeyPairs", "InvalidKeyPair.NotFound", func(ctx context.Context) error {
			_, err := c.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{KeyNames: []string{env.Names()}})
			return err
		}},
	} {
		wantCode(t, env, tc.what+" of nothing", tc.call(ctx), tc.code)
	}

	_, err := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{"i-not-an-id"}})
	want := "InvalidInstanceID.Malformed"
	if env.Diff.MalformedIsNotFound {
		want = "InvalidInstanceID.NotFound"
	}
	wantCode(t, env, "DescribeInstances i-not-an-id", err, want)
}
