package ec2test_test

import (
	"regexp"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// cclient is a client of the first test account in us-east-1 that keeps
// the SDK's default retries. RunInstances and CreateVolume carry
// idempotency tokens, so a retry never launches or creates twice.
func cclient(t *testing.T, srv *ec2test.Server) *awsec2.Client {
	return awsec2.NewFromConfig(srv.Config(""))
}

// otherClient signs as the second test account.
func otherClient(t *testing.T, srv *ec2test.Server, region string) *awsec2.Client {
	return awsec2.NewFromConfig(srv.ConfigFor(fake.DefaultCredentials()[1], region))
}

func createSnapshot(t *testing.T, c *awsec2.Client, size int32) string {
	t.Helper()
	vol := createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(size)})
	out, err := c.CreateSnapshot(t.Context(), &awsec2.CreateSnapshotInput{VolumeId: aws.String(vol), Description: aws.String("nightly")})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.SnapshotId)
}

func snapshotIDs(t *testing.T, c *awsec2.Client, in *awsec2.DescribeSnapshotsInput) []string {
	t.Helper()
	out, err := c.DescribeSnapshots(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range out.Snapshots {
		ids = append(ids, aws.ToString(s.SnapshotId))
	}
	return ids
}

func TestSnapshotLifecycle(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithManualTransitions())
	c := cclient(t, srv)
	ctx := t.Context()
	vol := createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(5)})
	srv.Step()
	out, err := c.CreateSnapshot(ctx, &awsec2.CreateSnapshotInput{VolumeId: aws.String(vol), Description: aws.String("before upgrade"),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeSnapshot,
			Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("db")}}}}})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(out.SnapshotId)
	if !regexp.MustCompile(`^snap-[0-9a-f]{17}$`).MatchString(id) {
		t.Errorf("snapshot ID %q", id)
	}
	progress := func() string {
		d, err := c.DescribeSnapshots(ctx, &awsec2.DescribeSnapshotsInput{SnapshotIds: []string{id}})
		if err != nil {
			t.Fatal(err)
		}
		s := d.Snapshots[0]
		return string(s.State) + " " + aws.ToString(s.Progress)
	}
	got := []string{string(out.State) + " " + aws.ToString(out.Progress), progress()}
	for range ec2test.SnapshotSteps {
		srv.Step()
		got = append(got, progress())
	}
	want := []string{"pending 0%", "pending 0%", "pending 25%", "pending 50%", "pending 75%", "completed 100%"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("snapshot progress (-want +got):\n%s", diff)
	}
	d, err := c.DescribeSnapshots(ctx, &awsec2.DescribeSnapshotsInput{SnapshotIds: []string{id}})
	if err != nil {
		t.Fatal(err)
	}
	s := d.Snapshots[0]
	gotFields := []any{aws.ToString(s.VolumeId), aws.ToInt32(s.VolumeSize), aws.ToString(s.OwnerId), aws.ToString(s.Description), aws.ToString(s.Tags[0].Value)}
	if diff := cmp.Diff([]any{vol, int32(5), "111122223333", "before upgrade", "db"}, gotFields); diff != "" {
		t.Errorf("snapshot (-want +got):\n%s", diff)
	}

	// A volume from the snapshot: at least the snapshot's size.
	_, err = c.CreateVolume(ctx, &awsec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), SnapshotId: aws.String(id), Size: aws.Int32(4)})
	checkAPIError(t, err, "InvalidParameterValue", "smaller")
	restored, err := c.CreateVolume(ctx, &awsec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), SnapshotId: aws.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToInt32(restored.Size) != 5 || aws.ToString(restored.SnapshotId) != id {
		t.Errorf("restored volume size %d snapshot %s", aws.ToInt32(restored.Size), aws.ToString(restored.SnapshotId))
	}

	if _, err := c.DeleteSnapshot(ctx, &awsec2.DeleteSnapshotInput{SnapshotId: aws.String(id)}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeSnapshots(ctx, &awsec2.DescribeSnapshotsInput{SnapshotIds: []string{id}})
	checkAPIError(t, err, "InvalidSnapshot.NotFound", id)
	_, err = c.DeleteSnapshot(ctx, &awsec2.DeleteSnapshotInput{SnapshotId: aws.String("snap-1")})
	checkAPIError(t, err, "InvalidSnapshotID.Malformed", "snap-1")
}

// TestSnapshotSharing is the shared-snapshot walkthrough: the owner shares
// with the other account, then with everyone, and takes both back; the
// other account sees and restores the snapshot only while it is shared.
func TestSnapshotSharing(t *testing.T) {
	srv := ec2test.Start(t)
	owner, other := cclient(t, srv), otherClient(t, srv, "us-east-1")
	ctx := t.Context()
	id := createSnapshot(t, owner, 3)
	restore := func() error {
		_, err := other.CreateVolume(ctx, &awsec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), SnapshotId: aws.String(id)})
		return err
	}
	modify := func(c *awsec2.Client, mods types.CreateVolumePermissionModifications) error {
		_, err := c.ModifySnapshotAttribute(ctx, &awsec2.ModifySnapshotAttributeInput{SnapshotId: aws.String(id),
			Attribute: types.SnapshotAttributeNameCreateVolumePermission, CreateVolumePermission: &mods})
		return err
	}
	perms := func() []string {
		out, err := owner.DescribeSnapshotAttribute(ctx, &awsec2.DescribeSnapshotAttributeInput{SnapshotId: aws.String(id),
			Attribute: types.SnapshotAttributeNameCreateVolumePermission})
		if err != nil {
			t.Fatal(err)
		}
		var ps []string
		for _, p := range out.CreateVolumePermissions {
			ps = append(ps, string(p.Group)+aws.ToString(p.UserId))
		}
		return ps
	}
	user := []types.CreateVolumePermission{{UserId: aws.String(fake.OtherAccountID)}}
	all := []types.CreateVolumePermission{{Group: types.PermissionGroupAll}}

	checkAPIError(t, restore(), "InvalidSnapshot.NotFound", id)
	_, err := other.DescribeSnapshots(ctx, &awsec2.DescribeSnapshotsInput{SnapshotIds: []string{id}})
	checkAPIError(t, err, "InvalidSnapshot.NotFound", id)
	checkAPIError(t, modify(other, types.CreateVolumePermissionModifications{Add: user}), "InvalidSnapshot.NotFound", id)

	if err := modify(owner, types.CreateVolumePermissionModifications{Add: user}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{fake.OtherAccountID}, perms()); diff != "" {
		t.Errorf("permissions (-want +got):\n%s", diff)
	}
	if err := restore(); err != nil {
		t.Errorf("restore of a shared snapshot: %v", err)
	}
	if got := snapshotIDs(t, other, &awsec2.DescribeSnapshotsInput{RestorableByUserIds: []string{"self"}}); !slices.Contains(got, id) {
		t.Errorf("RestorableBy self = %v, want %s in it", got, id)
	}
	if got := snapshotIDs(t, other, &awsec2.DescribeSnapshotsInput{OwnerIds: []string{"self"}}); len(got) != 0 {
		t.Errorf("other's own snapshots = %v", got)
	}
	if got := snapshotIDs(t, other, &awsec2.DescribeSnapshotsInput{OwnerIds: []string{fake.TestAccountID}}); !cmp.Equal(got, []string{id}) {
		t.Errorf("other's view of the owner's snapshots = %v", got)
	}
	// Only the owner changes permissions.
	checkAPIError(t, modify(other, types.CreateVolumePermissionModifications{Remove: user}), "OperationNotPermitted", id)
	_, err = other.DeleteSnapshot(ctx, &awsec2.DeleteSnapshotInput{SnapshotId: aws.String(id)})
	checkAPIError(t, err, "OperationNotPermitted", id)

	if err := modify(owner, types.CreateVolumePermissionModifications{Add: all, Remove: user}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"all"}, perms()); diff != "" {
		t.Errorf("permissions (-want +got):\n%s", diff)
	}
	if err := restore(); err != nil {
		t.Errorf("restore of a public snapshot: %v", err)
	}
	if _, err := owner.ResetSnapshotAttribute(ctx, &awsec2.ResetSnapshotAttributeInput{SnapshotId: aws.String(id),
		Attribute: types.SnapshotAttributeNameCreateVolumePermission}); err != nil {
		t.Fatal(err)
	}
	if got := perms(); len(got) != 0 {
		t.Errorf("permissions after reset: %v", got)
	}
	checkAPIError(t, restore(), "InvalidSnapshot.NotFound", id)

	// Other regions do not see it, shared or not.
	if err := modify(owner, types.CreateVolumePermissionModifications{Add: all}); err != nil {
		t.Fatal(err)
	}
	if got := snapshotIDs(t, otherClient(t, srv, "eu-west-1"), &awsec2.DescribeSnapshotsInput{}); len(got) != 0 {
		t.Errorf("eu-west-1 sees %v", got)
	}
	if diff := cmp.Diff([]ec2test.SnapshotInfo{{ID: id, Owner: fake.TestAccountID, VolumeID: srv.Snapshots(fake.TestAccountID, "us-east-1")[0].VolumeID,
		State: "completed", Progress: "100%", Size: 3, Public: true}}, srv.Snapshots(fake.TestAccountID, "us-east-1")); diff != "" {
		t.Errorf("Snapshots (-want +got):\n%s", diff)
	}
}

func TestSnapshotAttributeErrors(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	id := createSnapshot(t, c, 1)
	tests := []struct {
		name           string
		in             awsec2.ModifySnapshotAttributeInput
		code, contains string
	}{
		{"bad group", awsec2.ModifySnapshotAttributeInput{CreateVolumePermission: &types.CreateVolumePermissionModifications{
			Add: []types.CreateVolumePermission{{Group: "friends"}}}}, "InvalidParameterValue", "friends"},
		{"bad account", awsec2.ModifySnapshotAttributeInput{CreateVolumePermission: &types.CreateVolumePermissionModifications{
			Add: []types.CreateVolumePermission{{UserId: aws.String("12")}}}}, "InvalidParameterValue", "12"},
		{"legacy shape", awsec2.ModifySnapshotAttributeInput{OperationType: types.OperationTypeAdd, UserIds: []string{"123456789012"},
			GroupNames: []string{"all"}}, "", ""},
		{"nothing", awsec2.ModifySnapshotAttributeInput{}, "MissingParameter", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.SnapshotId, in.Attribute = aws.String(id), types.SnapshotAttributeNameCreateVolumePermission
			_, err := c.ModifySnapshotAttribute(t.Context(), &in)
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			checkAPIError(t, err, tt.code, tt.contains)
		})
	}
	got := srv.Snapshots(fake.TestAccountID, "us-east-1")[0]
	if !got.Public || !cmp.Equal(got.SharedWith, []string{"123456789012"}) {
		t.Errorf("after the legacy shape: %+v", got)
	}
}

func TestCopySnapshot(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	id := createSnapshot(t, c, 2)
	eu := awsec2.NewFromConfig(srv.ConfigFor(fake.DefaultCredentials()[0], "eu-west-1"))
	out, err := eu.CopySnapshot(t.Context(), &awsec2.CopySnapshotInput{SourceRegion: aws.String("us-east-1"), SourceSnapshotId: aws.String(id),
		Description: aws.String("dr copy")})
	if err != nil {
		t.Fatal(err)
	}
	cp := aws.ToString(out.SnapshotId)
	if cp == id || !slices.Equal(snapshotIDs(t, eu, &awsec2.DescribeSnapshotsInput{}), []string{cp}) {
		t.Errorf("copy %s of %s; eu-west-1 has %v", cp, id, snapshotIDs(t, eu, &awsec2.DescribeSnapshotsInput{}))
	}
	if got := srv.Snapshots(fake.TestAccountID, "eu-west-1"); len(got) != 1 || got[0].Size != 2 {
		t.Errorf("eu-west-1 snapshots %+v", got)
	}
	_, err = eu.CopySnapshot(t.Context(), &awsec2.CopySnapshotInput{SourceRegion: aws.String("us-west-2"), SourceSnapshotId: aws.String(id)})
	checkAPIError(t, err, "InvalidSnapshot.NotFound", id)
	_, err = otherClient(t, srv, "eu-west-1").CopySnapshot(t.Context(), &awsec2.CopySnapshotInput{SourceRegion: aws.String("us-east-1"), SourceSnapshotId: aws.String(id)})
	checkAPIError(t, err, "InvalidSnapshot.NotFound", id)
}

func TestDescribeSnapshotsPagingAndFilters(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	var ids []string
	for i := range 7 {
		ids = append(ids, createSnapshot(t, c, int32(i+1)))
	}
	if _, err := c.CreateTags(t.Context(), &awsec2.CreateTagsInput{Resources: ids[:2], Tags: []types.Tag{{Key: aws.String("keep"), Value: aws.String("yes")}}}); err != nil {
		t.Fatal(err)
	}
	var got []string
	p := awsec2.NewDescribeSnapshotsPaginator(c, &awsec2.DescribeSnapshotsInput{OwnerIds: []string{"self"}, MaxResults: aws.Int32(5)})
	pages := 0
	for p.HasMorePages() {
		out, err := p.NextPage(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, s := range out.Snapshots {
			got = append(got, aws.ToString(s.SnapshotId))
		}
	}
	if diff := cmp.Diff(slices.Sorted(slices.Values(ids)), got); diff != "" || pages != 2 {
		t.Errorf("%d pages (-want +got):\n%s", pages, diff)
	}
	tagged := snapshotIDs(t, c, &awsec2.DescribeSnapshotsInput{Filters: []types.Filter{filter("tag:keep", "yes")}})
	if diff := cmp.Diff(slices.Sorted(slices.Values(ids[:2])), tagged); diff != "" {
		t.Errorf("tag filter (-want +got):\n%s", diff)
	}
	big := snapshotIDs(t, c, &awsec2.DescribeSnapshotsInput{Filters: []types.Filter{filter("volume-size", "7"), filter("status", "completed")}})
	if diff := cmp.Diff([]string{ids[6]}, big); diff != "" {
		t.Errorf("volume-size filter (-want +got):\n%s", diff)
	}
	if got := snapshotIDs(t, c, &awsec2.DescribeSnapshotsInput{OwnerIds: []string{"amazon"}}); len(got) != 0 {
		t.Errorf("amazon's snapshots: %v", got)
	}
}
