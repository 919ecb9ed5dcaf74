package ec2test_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// The fake's answers to what the ec2 client does not send: these go
// through aws-sdk-go-v2 directly.
func TestInstanceTypeStatusTemplateWire(t *testing.T) {
	srv := ec2test.Start(t)
	c := awsec2.NewFromConfig(srv.Config("us-east-1"))
	ctx := t.Context()

	// EC2 API Reference, DescribeInstanceTypes: an InstanceType.N EC2
	// does not have is InvalidInstanceType.
	_, err := c.DescribeInstanceTypes(ctx, &awsec2.DescribeInstanceTypesInput{InstanceTypes: []types.InstanceType{"t3.micro", "t9.huge"}})
	netCode(t, err, "InvalidInstanceType")
	out, err := c.DescribeInstanceTypes(ctx, &awsec2.DescribeInstanceTypesInput{InstanceTypes: []types.InstanceType{"d3.2xlarge"}})
	if err != nil {
		t.Fatal(err)
	}
	st := out.InstanceTypes[0].InstanceStorageInfo
	if got := []int64{aws.ToInt64(st.TotalSizeInGB), int64(aws.ToInt32(st.Disks[0].Count)), aws.ToInt64(st.Disks[0].SizeInGB)}; !cmp.Equal(got, []int64{12000, 6, 2000}) ||
		st.Disks[0].Type != types.DiskTypeHdd {
		t.Errorf("d3.2xlarge storage: %v %s", got, st.Disks[0].Type)
	}

	// DescribeInstanceStatus: "You cannot specify this parameter
	// [MaxResults] and the instance IDs parameter in the same request."
	ids := run(t, c, &awsec2.RunInstancesInput{InstanceType: types.InstanceTypeT3Micro})
	_, err = c.DescribeInstanceStatus(ctx, &awsec2.DescribeInstanceStatusInput{InstanceIds: ids, MaxResults: aws.Int32(5)})
	netCode(t, err, "InvalidParameterCombination")
	if srv.SetInstanceStatus(fake.TestAccountID, "us-east-1", "i-0123456789abcdef0", ec2test.StatusOK, "") {
		t.Error("SetInstanceStatus set an instance the fake does not hold")
	}

	// ModifyInstanceAttribute's instanceType is checked against the
	// catalog and the instance's architecture.
	if _, err := c.StopInstances(ctx, &awsec2.StopInstancesInput{InstanceIds: ids}); err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"m9.large", "t4g.small"} {
		_, err = c.ModifyInstanceAttribute(ctx, &awsec2.ModifyInstanceAttributeInput{InstanceId: aws.String(ids[0]),
			InstanceType: &types.AttributeValue{Value: aws.String(typ)}})
		netCode(t, err, "InvalidParameterValue")
	}

	// DescribeVolumeAttribute: autoEnableIO is false, and an attribute
	// EC2 does not have is InvalidParameterValue.
	vol, err := c.CreateVolume(ctx, &awsec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	attr, err := c.DescribeVolumeAttribute(ctx, &awsec2.DescribeVolumeAttributeInput{VolumeId: vol.VolumeId, Attribute: types.VolumeAttributeNameAutoEnableIO})
	if err != nil || attr.AutoEnableIO == nil || aws.ToBool(attr.AutoEnableIO.Value) {
		t.Errorf("autoEnableIO: %+v, %v", attr, err)
	}
	_, err = c.DescribeVolumeAttribute(ctx, &awsec2.DescribeVolumeAttributeInput{VolumeId: vol.VolumeId, Attribute: "colour"})
	netCode(t, err, "InvalidParameterValue")

	// DescribeLaunchTemplateVersions without a template takes $Latest and
	// $Default of every template, and nothing else.
	for _, name := range []string{"a-one", "b-two"} {
		if _, err := c.CreateLaunchTemplate(ctx, &awsec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String(name),
			LaunchTemplateData: &types.RequestLaunchTemplateData{InstanceType: types.InstanceTypeT3Nano}}); err != nil {
			t.Fatal(err)
		}
	}
	vers, err := c.DescribeLaunchTemplateVersions(ctx, &awsec2.DescribeLaunchTemplateVersionsInput{Versions: []string{"$Latest"}})
	if err != nil || len(vers.LaunchTemplateVersions) != 2 {
		t.Errorf("$Latest of every template: %+v, %v", vers, err)
	}
	_, err = c.DescribeLaunchTemplateVersions(ctx, &awsec2.DescribeLaunchTemplateVersionsInput{Versions: []string{"1"}})
	netCode(t, err, "MissingParameter")
	// Names follow EC2's pattern, and a template's tags only instances and
	// volumes.
	_, err = c.CreateLaunchTemplate(ctx, &awsec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String("no spaces"),
		LaunchTemplateData: &types.RequestLaunchTemplateData{InstanceType: types.InstanceTypeT3Nano}})
	netCode(t, err, "InvalidLaunchTemplateName.MalformedException")
	_, err = c.CreateLaunchTemplate(ctx, &awsec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String("c-three"),
		LaunchTemplateData: &types.RequestLaunchTemplateData{TagSpecifications: []types.LaunchTemplateTagSpecificationRequest{
			{ResourceType: types.ResourceTypeNetworkInterface, Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}}}})
	netCode(t, err, "InvalidParameter")
	// A LaunchTemplateData member the fake does not honour is refused by
	// name, never dropped.
	_, err = c.CreateLaunchTemplate(ctx, &awsec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String("d-four"),
		LaunchTemplateData: &types.RequestLaunchTemplateData{InstanceType: types.InstanceTypeT3Nano,
			IamInstanceProfile: &types.LaunchTemplateIamInstanceProfileSpecificationRequest{Name: aws.String("role")}}})
	netCode(t, err, "InvalidParameter")
	// RunInstances overrides a template's security groups as a whole.
	tmpl, err := c.CreateLaunchTemplate(ctx, &awsec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String("e-five"),
		LaunchTemplateData: &types.RequestLaunchTemplateData{ImageId: aws.String(ec2test.DefaultEBSImage),
			SecurityGroups: []string{"nope"}}})
	if err != nil {
		t.Fatal(err)
	}
	spec := &types.LaunchTemplateSpecification{LaunchTemplateId: tmpl.LaunchTemplate.LaunchTemplateId}
	_, err = c.RunInstances(ctx, &awsec2.RunInstancesInput{LaunchTemplate: spec, MinCount: aws.Int32(1), MaxCount: aws.Int32(1)})
	netCode(t, err, "InvalidGroup.NotFound")
	if _, err := c.RunInstances(ctx, &awsec2.RunInstancesInput{LaunchTemplate: spec, MinCount: aws.Int32(1), MaxCount: aws.Int32(1),
		SecurityGroups: []string{"default"}}); err != nil {
		t.Errorf("the group given at launch: %v", err)
	}
}
