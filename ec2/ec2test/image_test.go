package ec2test_test

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

func imageIDs(t *testing.T, c *awsec2.Client, in *awsec2.DescribeImagesInput) []string {
	t.Helper()
	out, err := c.DescribeImages(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, img := range out.Images {
		ids = append(ids, aws.ToString(img.ImageId))
	}
	return ids
}

// TestEBSBackedImage is boto's EBS-backed AMI walkthrough: snapshot a
// volume, register an image whose root is the snapshot, and launch it.
func TestEBSBackedImage(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithManualTransitions())
	c := cclient(t, srv)
	ctx := t.Context()
	vol := createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(10)})
	snap, err := c.CreateSnapshot(ctx, &awsec2.CreateSnapshotInput{VolumeId: aws.String(vol)})
	if err != nil {
		t.Fatal(err)
	}
	srv.Settle()
	reg, err := c.RegisterImage(ctx, &awsec2.RegisterImageInput{Name: aws.String("my-ebs-image"), Architecture: types.ArchitectureValuesX8664,
		RootDeviceName: aws.String("/dev/sda1"), BlockDeviceMappings: []types.BlockDeviceMapping{
			{DeviceName: aws.String("/dev/sda1"), Ebs: &types.EbsBlockDevice{SnapshotId: snap.SnapshotId}},
			{DeviceName: aws.String("/dev/sdb"), VirtualName: aws.String("ephemeral0")},
		}})
	if err != nil {
		t.Fatal(err)
	}
	ami := aws.ToString(reg.ImageId)
	_, err = c.RunInstances(ctx, &awsec2.RunInstancesInput{ImageId: aws.String(ami), MinCount: aws.Int32(1), MaxCount: aws.Int32(1)})
	checkAPIError(t, err, "InvalidAMIID.Unavailable", ami)
	srv.Step()
	out, err := c.DescribeImages(ctx, &awsec2.DescribeImagesInput{ImageIds: []string{ami}})
	if err != nil {
		t.Fatal(err)
	}
	img := out.Images[0]
	got := []any{string(img.State), string(img.RootDeviceType), aws.ToString(img.RootDeviceName), aws.ToString(img.OwnerId),
		aws.ToString(img.BlockDeviceMappings[0].Ebs.SnapshotId), aws.ToInt32(img.BlockDeviceMappings[0].Ebs.VolumeSize),
		aws.ToString(img.BlockDeviceMappings[1].VirtualName), aws.ToBool(img.Public)}
	want := []any{"available", "ebs", "/dev/sda1", fake.TestAccountID, aws.ToString(snap.SnapshotId), int32(10), "ephemeral0", false}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("image (-want +got):\n%s", diff)
	}
	id := run(t, c, &awsec2.RunInstancesInput{ImageId: aws.String(ami)})[0]
	srv.Step()
	inst := srv.Instances(fake.TestAccountID, "us-east-1")[0]
	if inst.ID != id || inst.State != "running" || inst.Volumes["/dev/sda1"] == "" {
		t.Errorf("instance of the new image: %+v", inst)
	}
	for _, v := range srv.Volumes(fake.TestAccountID, "us-east-1") {
		if v.ID == inst.Volumes["/dev/sda1"] && (v.SnapshotID != aws.ToString(snap.SnapshotId) || v.Size != 10) {
			t.Errorf("root volume %+v", v)
		}
	}

	_, err = c.RegisterImage(ctx, &awsec2.RegisterImageInput{Name: aws.String("my-ebs-image"), RootDeviceName: aws.String("/dev/sda1"),
		BlockDeviceMappings: []types.BlockDeviceMapping{{DeviceName: aws.String("/dev/sda1"), Ebs: &types.EbsBlockDevice{SnapshotId: snap.SnapshotId}}}})
	checkAPIError(t, err, "InvalidAMIName.Duplicate", ami)
	_, err = c.RegisterImage(ctx, &awsec2.RegisterImageInput{Name: aws.String("no-root")})
	checkAPIError(t, err, "InvalidParameterValue", "root device")

	// An instance-store image from an S3 manifest.
	s3img, err := c.RegisterImage(ctx, &awsec2.RegisterImageInput{Name: aws.String("s3-image"), ImageLocation: aws.String("my-bucket/image.manifest.xml")})
	if err != nil {
		t.Fatal(err)
	}
	srv.Settle()
	got2 := imageIDs(t, c, &awsec2.DescribeImagesInput{Owners: []string{"self"}, Filters: []types.Filter{filter("root-device-type", "instance-store")}})
	if diff := cmp.Diff([]string{aws.ToString(s3img.ImageId)}, got2); diff != "" {
		t.Errorf("instance-store images (-want +got):\n%s", diff)
	}
	if _, err := c.DeregisterImage(ctx, &awsec2.DeregisterImageInput{ImageId: s3img.ImageId}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeImages(ctx, &awsec2.DescribeImagesInput{ImageIds: []string{aws.ToString(s3img.ImageId)}})
	checkAPIError(t, err, "InvalidAMIID.NotFound", aws.ToString(s3img.ImageId))
}

func TestCreateImage(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	id := run(t, c, nil)[0]
	out, err := c.CreateImage(t.Context(), &awsec2.CreateImageInput{InstanceId: aws.String(id), Name: aws.String("web-backup")})
	if err != nil {
		t.Fatal(err)
	}
	snaps := srv.Snapshots(fake.TestAccountID, "us-east-1")
	root := srv.Instances(fake.TestAccountID, "us-east-1")[0].Volumes["/dev/xvda"]
	if len(snaps) != 1 || snaps[0].VolumeID != root || snaps[0].Size != 8 {
		t.Fatalf("snapshots %+v, want one of %s", snaps, root)
	}
	d, err := c.DescribeImages(t.Context(), &awsec2.DescribeImagesInput{ImageIds: []string{aws.ToString(out.ImageId)}})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(d.Images[0].BlockDeviceMappings[0].Ebs.SnapshotId); got != snaps[0].ID || d.Images[0].State != types.ImageStateAvailable {
		t.Errorf("image root snapshot %s state %s", got, d.Images[0].State)
	}
	srv.AddImage("us-east-1", ec2test.Image{ID: "ami-0aaaaaaaaaaaaaaaa", Owner: fake.TestAccountID, Name: "store", RootDeviceType: "instance-store"})
	storeID := run(t, c, &awsec2.RunInstancesInput{ImageId: aws.String("ami-0aaaaaaaaaaaaaaaa")})[0]
	_, err = c.CreateImage(t.Context(), &awsec2.CreateImageInput{InstanceId: aws.String(storeID), Name: aws.String("nope")})
	checkAPIError(t, err, "InvalidParameterValue", storeID)
	_, err = c.StopInstances(t.Context(), &awsec2.StopInstancesInput{InstanceIds: []string{storeID}})
	checkAPIError(t, err, "UnsupportedOperation", storeID)
}

func TestImageLaunchPermission(t *testing.T) {
	srv := ec2test.Start(t)
	owner, other := cclient(t, srv), otherClient(t, srv, "us-east-1")
	ctx := t.Context()
	id := run(t, owner, nil)[0]
	out, err := owner.CreateImage(ctx, &awsec2.CreateImageInput{InstanceId: aws.String(id), Name: aws.String("golden")})
	if err != nil {
		t.Fatal(err)
	}
	ami := aws.ToString(out.ImageId)
	launch := func() error {
		_, err := other.RunInstances(ctx, &awsec2.RunInstancesInput{ImageId: aws.String(ami), MinCount: aws.Int32(1), MaxCount: aws.Int32(1)})
		return err
	}
	modify := func(c *awsec2.Client, mods types.LaunchPermissionModifications) error {
		_, err := c.ModifyImageAttribute(ctx, &awsec2.ModifyImageAttributeInput{ImageId: aws.String(ami), LaunchPermission: &mods})
		return err
	}
	perms := func() []string {
		out, err := owner.DescribeImageAttribute(ctx, &awsec2.DescribeImageAttributeInput{ImageId: aws.String(ami),
			Attribute: types.ImageAttributeNameLaunchPermission})
		if err != nil {
			t.Fatal(err)
		}
		var ps []string
		for _, p := range out.LaunchPermissions {
			ps = append(ps, string(p.Group)+aws.ToString(p.UserId))
		}
		return ps
	}
	checkAPIError(t, launch(), "InvalidAMIID.NotFound", ami)
	if got := imageIDs(t, other, &awsec2.DescribeImagesInput{Owners: []string{fake.TestAccountID}}); len(got) != 0 {
		t.Errorf("other sees %v before sharing", got)
	}
	if err := modify(owner, types.LaunchPermissionModifications{Add: []types.LaunchPermission{{UserId: aws.String(fake.OtherAccountID)}}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{fake.OtherAccountID}, perms()); diff != "" {
		t.Errorf("launch permissions (-want +got):\n%s", diff)
	}
	if err := launch(); err != nil {
		t.Errorf("launch of a shared image: %v", err)
	}
	if got := imageIDs(t, other, &awsec2.DescribeImagesInput{ExecutableUsers: []string{"self"}}); !slices.Contains(got, ami) {
		t.Errorf("ExecutableBy self = %v", got)
	}
	checkAPIError(t, modify(other, types.LaunchPermissionModifications{Add: []types.LaunchPermission{{Group: types.PermissionGroupAll}}}),
		"OperationNotPermitted", ami)
	if err := modify(owner, types.LaunchPermissionModifications{Add: []types.LaunchPermission{{Group: types.PermissionGroupAll}},
		Remove: []types.LaunchPermission{{UserId: aws.String(fake.OtherAccountID)}}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"all"}, perms()); diff != "" {
		t.Errorf("launch permissions (-want +got):\n%s", diff)
	}
	if got := imageIDs(t, other, &awsec2.DescribeImagesInput{Filters: []types.Filter{filter("is-public", "true"), filter("owner-id", fake.TestAccountID)}}); !cmp.Equal(got, []string{ami}) {
		t.Errorf("public images of the owner: %v", got)
	}
	if _, err := owner.ResetImageAttribute(ctx, &awsec2.ResetImageAttributeInput{ImageId: aws.String(ami),
		Attribute: types.ResetImageAttributeNameLaunchPermission}); err != nil {
		t.Fatal(err)
	}
	checkAPIError(t, launch(), "InvalidAMIID.NotFound", ami)
	_, err = other.DeregisterImage(ctx, &awsec2.DeregisterImageInput{ImageId: aws.String(ami)})
	checkAPIError(t, err, "InvalidAMIID.NotFound", ami)
	if got := imageIDs(t, other, &awsec2.DescribeImagesInput{Owners: []string{"amazon"}}); !cmp.Equal(got, []string{ec2test.DefaultInstanceStoreImage, ec2test.DefaultEBSImage}) {
		t.Errorf("amazon's images: %v", got)
	}
}
