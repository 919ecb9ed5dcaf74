package localcloud_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"

	"github.com/goboto/goboto/ec2/ec2test"
)

// webGroup makes the launch configuration "web" and a group "web" on it
// in us-east-1a, of min 1, desired 1 and max max; edit changes the
// group's input before it is sent.
func webGroup(ctx context.Context, t *testing.T, client *autoscaling.Client, max int32, edit ...func(*autoscaling.CreateAutoScalingGroupInput)) {
	t.Helper()
	if _, err := client.CreateLaunchConfiguration(ctx, &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: aws.String("web"),
		ImageId: aws.String(ec2test.DefaultEBSImage), InstanceType: aws.String("t3.micro")}); err != nil {
		t.Fatal(err)
	}
	in := &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String("web"),
		LaunchConfigurationName: aws.String("web"), AvailabilityZones: []string{"us-east-1a"},
		MinSize: aws.Int32(1), MaxSize: aws.Int32(max), DesiredCapacity: aws.Int32(1)}
	for _, fn := range edit {
		fn(in)
	}
	if _, err := client.CreateAutoScalingGroup(ctx, in); err != nil {
		t.Fatal(err)
	}
}

// webDesired is group "web"'s desired capacity.
func webDesired(ctx context.Context, t *testing.T, client *autoscaling.Client) int32 {
	t.Helper()
	out, err := client.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{"web"}})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToInt32(out.AutoScalingGroups[0].DesiredCapacity)
}
