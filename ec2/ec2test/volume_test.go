package ec2test_test

import (
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

func createVolume(t *testing.T, c *awsec2.Client, in *awsec2.CreateVolumeInput) string {
	t.Helper()
	if in.AvailabilityZone == nil {
		in.AvailabilityZone = aws.String("us-east-1a")
	}
	out, err := c.CreateVolume(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.VolumeId)
}

func volumeState(t *testing.T, c *awsec2.Client, id string) string {
	t.Helper()
	out, err := c.DescribeVolumes(t.Context(), &awsec2.DescribeVolumesInput{VolumeIds: []string{id}})
	if err != nil {
		t.Fatal(err)
	}
	v := out.Volumes[0]
	s := string(v.State)
	for _, a := range v.Attachments {
		s += "/" + string(a.State)
	}
	return s
}

func TestVolumeLifecycle(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithManualTransitions())
	c := cclient(t, srv)
	ctx := t.Context()
	inst := run(t, c, nil)[0]
	srv.Step()
	out, err := c.CreateVolume(ctx, &awsec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(20),
		VolumeType: types.VolumeTypeGp3, TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVolume,
			Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("data")}}}}})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(out.VolumeId)
	if !regexp.MustCompile(`^vol-[0-9a-f]{17}$`).MatchString(id) || aws.ToInt32(out.Iops) != 3000 || aws.ToInt32(out.Throughput) != 125 ||
		aws.ToInt32(out.Size) != 20 || out.State != types.VolumeStateCreating {
		t.Errorf("CreateVolume = %s size %d iops %d throughput %d state %s", id, aws.ToInt32(out.Size), aws.ToInt32(out.Iops),
			aws.ToInt32(out.Throughput), out.State)
	}
	var got []string
	got = append(got, volumeState(t, c, id))
	_, err = c.AttachVolume(ctx, &awsec2.AttachVolumeInput{VolumeId: aws.String(id), InstanceId: aws.String(inst), Device: aws.String("/dev/sdf")})
	checkAPIError(t, err, "IncorrectState", id)
	srv.Step()
	got = append(got, volumeState(t, c, id))
	att, err := c.AttachVolume(ctx, &awsec2.AttachVolumeInput{VolumeId: aws.String(id), InstanceId: aws.String(inst), Device: aws.String("/dev/sdf")})
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, string(att.State), volumeState(t, c, id))
	srv.Step()
	got = append(got, volumeState(t, c, id))
	_, err = c.AttachVolume(ctx, &awsec2.AttachVolumeInput{VolumeId: aws.String(id), InstanceId: aws.String(inst), Device: aws.String("/dev/sdg")})
	checkAPIError(t, err, "VolumeInUse", id)
	_, err = c.DeleteVolume(ctx, &awsec2.DeleteVolumeInput{VolumeId: aws.String(id)})
	checkAPIError(t, err, "VolumeInUse", id)
	det, err := c.DetachVolume(ctx, &awsec2.DetachVolumeInput{VolumeId: aws.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, string(det.State), volumeState(t, c, id))
	srv.Step()
	got = append(got, volumeState(t, c, id))
	want := []string{"creating", "available", "attaching", "in-use/attaching", "in-use/attached", "detaching", "in-use/detaching", "available"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("volume states (-want +got):\n%s", diff)
	}
	if _, err := c.DeleteVolume(ctx, &awsec2.DeleteVolumeInput{VolumeId: aws.String(id)}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeVolumes(ctx, &awsec2.DescribeVolumesInput{VolumeIds: []string{id}})
	checkAPIError(t, err, "InvalidVolume.NotFound", id)
}

func TestVolumeErrors(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	inst := run(t, c, nil)[0] // us-east-1a
	other := createVolume(t, c, &awsec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1b"), Size: aws.Int32(1)})
	tests := []struct {
		name           string
		in             awsec2.CreateVolumeInput
		code, contains string
	}{
		{"no size", awsec2.CreateVolumeInput{}, "MissingParameter", "size"},
		{"unknown zone", awsec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1q"), Size: aws.Int32(1)}, "InvalidParameterValue", "us-east-1q"},
		{"io1 without iops", awsec2.CreateVolumeInput{Size: aws.Int32(10), VolumeType: types.VolumeTypeIo1}, "MissingParameter", "iops"},
		{"gp2 with iops", awsec2.CreateVolumeInput{Size: aws.Int32(10), Iops: aws.Int32(500)}, "InvalidParameterCombination", "iops"},
		{"st1 too small", awsec2.CreateVolumeInput{Size: aws.Int32(10), VolumeType: types.VolumeTypeSt1}, "InvalidParameterValue", "125"},
		{"gp2 throughput", awsec2.CreateVolumeInput{Size: aws.Int32(10), Throughput: aws.Int32(200)}, "InvalidParameterCombination", "throughput"},
		// EC2 API Reference, CreateVolume: gp3 sizes 1-65,536 GiB, IOPS
		// 3,000-80,000, throughput 125-2000 MiB/s.
		{"gp3 too big", awsec2.CreateVolumeInput{Size: aws.Int32(65537), VolumeType: types.VolumeTypeGp3}, "InvalidParameterValue", "65536"},
		{"gp3 iops too high", awsec2.CreateVolumeInput{Size: aws.Int32(10), VolumeType: types.VolumeTypeGp3, Iops: aws.Int32(80001)},
			"InvalidParameterValue", "80000"},
		{"gp3 throughput too high", awsec2.CreateVolumeInput{Size: aws.Int32(10), VolumeType: types.VolumeTypeGp3,
			Throughput: aws.Int32(2001)}, "InvalidParameterValue", "2000"},
		{"unknown snapshot", awsec2.CreateVolumeInput{SnapshotId: aws.String("snap-00000000000000000")}, "InvalidSnapshot.NotFound", "snap-00000000000000000"},
		{"malformed snapshot", awsec2.CreateVolumeInput{SnapshotId: aws.String("snap-zz")}, "InvalidSnapshotID.Malformed", "snap-zz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			if in.AvailabilityZone == nil {
				in.AvailabilityZone = aws.String("us-east-1a")
			}
			_, err := c.CreateVolume(t.Context(), &in)
			checkAPIError(t, err, tt.code, tt.contains)
		})
	}
	_, err := c.AttachVolume(t.Context(), &awsec2.AttachVolumeInput{VolumeId: aws.String(other), InstanceId: aws.String(inst), Device: aws.String("/dev/sdf")})
	checkAPIError(t, err, "InvalidVolume.ZoneMismatch", other)
	_, err = c.DetachVolume(t.Context(), &awsec2.DetachVolumeInput{VolumeId: aws.String(other)})
	checkAPIError(t, err, "IncorrectState", other)
	_, err = c.DeleteVolume(t.Context(), &awsec2.DeleteVolumeInput{VolumeId: aws.String("vol-1")})
	checkAPIError(t, err, "InvalidVolumeID.Malformed", "vol-1")
	root := srv.Instances("111122223333", "us-east-1")[0].Volumes["/dev/xvda"]
	_, err = c.DetachVolume(t.Context(), &awsec2.DetachVolumeInput{VolumeId: aws.String(root)})
	checkAPIError(t, err, "OperationNotPermitted", root)
}

func TestDescribeVolumesFiltersAndPaging(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	inst := run(t, c, nil)[0]
	root := srv.Instances("111122223333", "us-east-1")[0].Volumes["/dev/xvda"]
	var small []string
	for range 6 {
		small = append(small, createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(1)}))
	}
	big := createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(500), VolumeType: types.VolumeTypeSt1, AvailabilityZone: aws.String("us-east-1b")})
	if _, err := c.CreateTags(t.Context(), &awsec2.CreateTagsInput{Resources: []string{big}, Tags: []types.Tag{{Key: aws.String("tier"), Value: aws.String("cold")}}}); err != nil {
		t.Fatal(err)
	}
	_, _ = c.CreateVolume(t.Context(), &awsec2.CreateVolumeInput{}) // refused: no zone; must not count
	tests := []struct {
		name string
		fs   []types.Filter
		want int
	}{
		{"attachment.instance-id", []types.Filter{filter("attachment.instance-id", inst)}, 1},
		{"status available", []types.Filter{filter("status", "available")}, 7},
		{"zone b", []types.Filter{filter("availability-zone", "us-east-1b")}, 1},
		{"size", []types.Filter{filter("size", "1")}, 6},
		{"tag", []types.Filter{filter("tag:tier", "cold")}, 1},
		{"volume-type", []types.Filter{filter("volume-type", "gp2")}, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.DescribeVolumes(t.Context(), &awsec2.DescribeVolumesInput{Filters: tt.fs})
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Volumes) != tt.want {
				t.Errorf("%d volumes, want %d", len(out.Volumes), tt.want)
			}
		})
	}
	seen := map[string]bool{}
	pages := 0
	p := awsec2.NewDescribeVolumesPaginator(c, &awsec2.DescribeVolumesInput{MaxResults: aws.Int32(5)})
	for p.HasMorePages() {
		out, err := p.NextPage(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, v := range out.Volumes {
			seen[aws.ToString(v.VolumeId)] = true
		}
	}
	want := map[string]bool{root: true, big: true}
	for _, id := range small {
		want[id] = true
	}
	if diff := cmp.Diff(want, seen); diff != "" || pages != 2 {
		t.Errorf("%d pages; volumes (-want +got):\n%s", pages, diff)
	}
}
