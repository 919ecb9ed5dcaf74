package ec2test

import (
	"maps"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
)

// attachedByScan is what the attachment index must hold: every volume
// with an attachment, by instance, found the slow way.
func attachedByScan(st *computeStore) map[string][]string {
	out := map[string][]string{}
	for _, v := range st.volumes {
		if v.att != nil {
			out[v.att.instanceID] = append(out[v.att.instanceID], v.id)
		}
	}
	for _, ids := range out {
		slices.Sort(ids)
	}
	return out
}

func attachedByIndex(st *computeStore) map[string][]string {
	out := map[string][]string{}
	for inst, vols := range st.attached {
		out[inst] = slices.Sorted(maps.Keys(vols))
	}
	return out
}

// TestAttachmentIndex drives every path that attaches or frees a volume
// (launch, AttachVolume, DetachVolume, termination with and without
// delete-on-termination) and checks after each that the index
// DescribeInstances reads agrees with the volumes themselves.
func TestAttachmentIndex(t *testing.T) {
	srv := Start(t)
	c := awsec2.NewFromConfig(srv.Config(""))
	ctx := t.Context()
	check := func(step string) {
		t.Helper()
		srv.compute.mu.Lock()
		defer srv.compute.mu.Unlock()
		st := srv.compute.stores.Get(fake.TestAccountID, "us-east-1")
		if diff := cmp.Diff(attachedByScan(st), attachedByIndex(st)); diff != "" {
			t.Errorf("%s: index (-scan +index):\n%s", step, diff)
		}
	}
	run, err := c.RunInstances(ctx, &awsec2.RunInstancesInput{ImageId: aws.String(DefaultEBSImage), MinCount: aws.Int32(3), MaxCount: aws.Int32(3)})
	if err != nil {
		t.Fatal(err)
	}
	check("launch")
	ids := []string{aws.ToString(run.Instances[0].InstanceId), aws.ToString(run.Instances[1].InstanceId)}
	var vols []string
	for i, inst := range ids {
		v, err := c.CreateVolume(ctx, &awsec2.CreateVolumeInput{Size: aws.Int32(1), AvailabilityZone: aws.String("us-east-1a")})
		if err != nil {
			t.Fatal(err)
		}
		vols = append(vols, aws.ToString(v.VolumeId))
		if _, err := c.AttachVolume(ctx, &awsec2.AttachVolumeInput{VolumeId: v.VolumeId, InstanceId: aws.String(inst), Device: aws.String("/dev/sdf")}); err != nil {
			t.Fatal(err)
		}
		check("attach")
		if i == 0 {
			if _, err := c.ModifyInstanceAttribute(ctx, &awsec2.ModifyInstanceAttributeInput{InstanceId: aws.String(inst),
				BlockDeviceMappings: []types.InstanceBlockDeviceMappingSpecification{{DeviceName: aws.String("/dev/sdf"),
					Ebs: &types.EbsInstanceBlockDeviceSpecification{DeleteOnTermination: aws.Bool(true)}}}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := c.DetachVolume(ctx, &awsec2.DetachVolumeInput{VolumeId: aws.String(vols[1])}); err != nil {
		t.Fatal(err)
	}
	check("detach")
	if _, err := c.DescribeVolumes(ctx, &awsec2.DescribeVolumesInput{}); err != nil {
		t.Fatal(err)
	}
	check("detached")
	if _, err := c.TerminateInstances(ctx, &awsec2.TerminateInstancesInput{InstanceIds: ids}); err != nil {
		t.Fatal(err)
	}
	out, err := c.DescribeInstances(ctx, &awsec2.DescribeInstancesInput{InstanceIds: ids})
	if err != nil {
		t.Fatal(err)
	}
	check("terminated")
	for _, inst := range out.Reservations[0].Instances {
		if len(inst.BlockDeviceMappings) != 0 {
			t.Errorf("terminated %s still has devices %+v", aws.ToString(inst.InstanceId), inst.BlockDeviceMappings)
		}
	}
	// The volume switched to delete-on-termination went with its instance;
	// the detached one is still there.
	left, err := c.DescribeVolumes(ctx, &awsec2.DescribeVolumesInput{Filters: []types.Filter{{Name: aws.String("volume-id"), Values: vols}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(left.Volumes) != 1 || aws.ToString(left.Volumes[0].VolumeId) != vols[1] {
		t.Errorf("volumes left: %+v", left.Volumes)
	}
}
