package ec2test

import (
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
)

// TestRefusedRequestsChangeNothing: a request the fake refuses, whether
// EC2 would refuse it too (DryRun, an unknown action) or the fake cannot
// honour it (tags for a resource type it does not tag), leaves every
// family's state as it was.
//
// EC2 API Reference, common errors: DryRunOperation, "the request would
// have succeeded, but the DryRun parameter was used"; InvalidAction, "the
// action or operation requested is not valid"; InvalidParameter, "a
// parameter specified in a request is not valid, is unsupported, or cannot
// be used".
func TestRefusedRequestsChangeNothing(t *testing.T) {
	srv := Start(t)
	c := awsec2.NewFromConfig(srv.Config(""))
	ctx := t.Context()
	run, err := c.RunInstances(ctx, &awsec2.RunInstancesInput{ImageId: aws.String(DefaultEBSImage), MinCount: aws.Int32(1), MaxCount: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	inst := run.Instances[0].InstanceId
	vol, err := c.CreateVolume(ctx, &awsec2.CreateVolumeInput{Size: aws.Int32(1), AvailabilityZone: aws.String("us-east-1a")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateKeyPair(ctx, &awsec2.CreateKeyPairInput{KeyName: aws.String("k")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RequestSpotInstances(ctx, &awsec2.RequestSpotInstancesInput{
		LaunchSpecification: &types.RequestSpotLaunchSpecification{ImageId: aws.String(DefaultEBSImage)}}); err != nil {
		t.Fatal(err)
	}
	srv.Settle()
	nameTag := []types.Tag{{Key: aws.String("Name"), Value: aws.String("x")}}
	tests := []struct {
		name string
		call func() error
		code string
	}{
		{"dry-run launch", func() error {
			_, err := c.RunInstances(ctx, &awsec2.RunInstancesInput{ImageId: aws.String(DefaultEBSImage), MinCount: aws.Int32(1),
				MaxCount: aws.Int32(1), DryRun: aws.Bool(true)})
			return err
		}, "DryRunOperation"},
		{"dry-run terminate", func() error {
			_, err := c.TerminateInstances(ctx, &awsec2.TerminateInstancesInput{InstanceIds: []string{*inst}, DryRun: aws.Bool(true)})
			return err
		}, "DryRunOperation"},
		{"dry-run delete volume", func() error {
			_, err := c.DeleteVolume(ctx, &awsec2.DeleteVolumeInput{VolumeId: vol.VolumeId, DryRun: aws.Bool(true)})
			return err
		}, "DryRunOperation"},
		{"launch tagging network interfaces", func() error {
			_, err := c.RunInstances(ctx, &awsec2.RunInstancesInput{ImageId: aws.String(DefaultEBSImage), MinCount: aws.Int32(1),
				MaxCount: aws.Int32(1), TagSpecifications: []types.TagSpecification{
					{ResourceType: types.ResourceTypeInstance, Tags: nameTag},
					{ResourceType: types.ResourceTypeNetworkInterface, Tags: nameTag}}})
			return err
		}, "InvalidParameter"},
		{"image tagging its snapshots", func() error {
			_, err := c.CreateImage(ctx, &awsec2.CreateImageInput{InstanceId: inst, Name: aws.String("img"),
				TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeSnapshot, Tags: nameTag}}})
			return err
		}, "InvalidParameter"},
		{"spot request tags", func() error {
			_, err := c.RequestSpotInstances(ctx, &awsec2.RequestSpotInstancesInput{
				LaunchSpecification: &types.RequestSpotLaunchSpecification{ImageId: aws.String(DefaultEBSImage)},
				TagSpecifications:   []types.TagSpecification{{ResourceType: types.ResourceTypeSpotInstancesRequest, Tags: nameTag}}})
			return err
		}, "InvalidParameter"},
		{"reserved tag key", func() error {
			_, err := c.CreateVolume(ctx, &awsec2.CreateVolumeInput{Size: aws.Int32(1), AvailabilityZone: aws.String("us-east-1a"),
				TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVolume,
					Tags: []types.Tag{{Key: aws.String("aws:x"), Value: aws.String("y")}}}}})
			return err
		}, "InvalidParameterValue"},
		{"unknown volume", func() error {
			_, err := c.DeleteVolume(ctx, &awsec2.DeleteVolumeInput{VolumeId: aws.String("vol-0123456789abcdef0")})
			return err
		}, "InvalidVolume.NotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.digest()
			err := tt.call()
			var apiErr smithy.APIError
			if !errors.As(err, &apiErr) || apiErr.ErrorCode() != tt.code {
				t.Errorf("err = %v; want %s", err, tt.code)
			}
			if after := srv.digest(); after != before {
				t.Errorf("state changed by a refused request")
			}
		})
	}
	t.Run("unknown action", func(t *testing.T) {
		before := srv.digest()
		if status, _ := RawSigV2(t, srv, "ec2.us-east-1.amazonaws.com", url.Values{"Action": {"FrobnicateInstances"}, "Version": {"2016-11-15"}}); status != http.StatusBadRequest {
			t.Errorf("status %d; want 400 InvalidAction", status)
		}
		if srv.digest() != before {
			t.Error("state changed by an unknown action")
		}
	})
	// The digest sees changes: without this, the checks above could not fail.
	t.Run("digest sees a change", func(t *testing.T) {
		before := srv.digest()
		if _, err := c.CreateTags(ctx, &awsec2.CreateTagsInput{Resources: []string{*vol.VolumeId}, Tags: nameTag}); err != nil {
			t.Fatal(err)
		}
		if srv.digest() == before {
			t.Error("digest unchanged after CreateTags")
		}
		before = srv.digest()
		srv.SetSpotPrice("us-east-1", "us-east-1a", "m1.small", 0.5)
		if srv.digest() == before {
			t.Error("digest unchanged after SetSpotPrice")
		}
	})
}
