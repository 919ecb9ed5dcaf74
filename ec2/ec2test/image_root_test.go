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

// TestImageRootDeleteOnTermination checks that an image's root
// DeleteOnTermination, as registered (true when left out), is what
// DescribeImages reports and what instances of the image get: a root
// registered with false outlives its instance.
func TestImageRootDeleteOnTermination(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	snap := createSnapshot(t, c, 8)
	tests := []struct {
		name     string
		dot      *bool
		wantDOT  bool
		wantLeft int
	}{
		{"left out", nil, true, 0},
		{"true", aws.Bool(true), true, 0},
		{"false", aws.Bool(false), false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, err := c.RegisterImage(ctx, &awsec2.RegisterImageInput{Name: aws.String("root-" + tt.name), RootDeviceName: aws.String("/dev/sda1"),
				BlockDeviceMappings: []types.BlockDeviceMapping{{DeviceName: aws.String("/dev/sda1"),
					Ebs: &types.EbsBlockDevice{SnapshotId: aws.String(snap), DeleteOnTermination: tt.dot}}}})
			if err != nil {
				t.Fatal(err)
			}
			out, err := c.DescribeImages(ctx, &awsec2.DescribeImagesInput{ImageIds: []string{aws.ToString(reg.ImageId)}})
			if err != nil {
				t.Fatal(err)
			}
			id := run(t, c, &awsec2.RunInstancesInput{ImageId: reg.ImageId})[0]
			inst := describe(t, c, id)[0]
			got := []bool{aws.ToBool(out.Images[0].BlockDeviceMappings[0].Ebs.DeleteOnTermination),
				aws.ToBool(inst.BlockDeviceMappings[0].Ebs.DeleteOnTermination)}
			if diff := cmp.Diff([]bool{tt.wantDOT, tt.wantDOT}, got); diff != "" {
				t.Errorf("image, instance DeleteOnTermination (-want +got):\n%s", diff)
			}
			root := aws.ToString(inst.BlockDeviceMappings[0].Ebs.VolumeId)
			if _, err := c.TerminateInstances(ctx, &awsec2.TerminateInstancesInput{InstanceIds: []string{id}}); err != nil {
				t.Fatal(err)
			}
			describe(t, c, id) // lets the termination finish
			left := 0
			for _, v := range srv.Volumes(fake.TestAccountID, "us-east-1") {
				if v.ID == root {
					left++
					if v.State != "available" {
						t.Errorf("kept root volume is %s", v.State)
					}
				}
			}
			if left != tt.wantLeft {
				t.Errorf("%d root volumes left after termination, want %d", left, tt.wantLeft)
			}
		})
	}
}
