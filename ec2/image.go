package ec2

import (
	"context"
	"iter"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// EC2's image states.
const (
	ImagePending      = "pending"
	ImageAvailable    = "available"
	ImageFailed       = "failed"
	ImageDeregistered = "deregistered"
)

// Image is a handle on an AMI. Conn.Image makes one that knows only its
// ID; Refresh and Images fill in the rest. Like Instance, a handle is not
// safe for concurrent use while a method updates it.
type Image struct {
	conn *Conn

	ID                 string
	Name               string
	Description        string
	State              string // pending, available, failed, deregistered, ...
	OwnerID            string
	OwnerAlias         string // "amazon", ...
	Public             bool
	Architecture       string
	RootDeviceType     string // ebs or instance-store
	RootDeviceName     string
	VirtualizationType string // hvm or paravirtual
	Location           string // the S3 manifest path of an instance-store image
	KernelID           string
	RamdiskID          string
	CreationDate       time.Time
	BlockDevices       BlockDeviceMapping
	Tags               Tags
}

// Image returns a handle on the image id. It does no I/O.
func (c *Conn) Image(id string) *Image { return &Image{conn: c, ID: id} }

// Conn returns the connection the image belongs to.
func (m *Image) Conn() *Conn { return m.conn }

// String returns "Image:<id>", as boto prints images.
func (m *Image) String() string { return "Image:" + m.ID }

func (m *Image) set(x types.Image) {
	*m = Image{conn: m.conn,
		ID:                 aws.ToString(x.ImageId),
		Name:               aws.ToString(x.Name),
		Description:        aws.ToString(x.Description),
		State:              string(x.State),
		OwnerID:            aws.ToString(x.OwnerId),
		OwnerAlias:         aws.ToString(x.ImageOwnerAlias),
		Public:             aws.ToBool(x.Public),
		Architecture:       string(x.Architecture),
		RootDeviceType:     string(x.RootDeviceType),
		RootDeviceName:     aws.ToString(x.RootDeviceName),
		VirtualizationType: string(x.VirtualizationType),
		Location:           aws.ToString(x.ImageLocation),
		KernelID:           aws.ToString(x.KernelId),
		RamdiskID:          aws.ToString(x.RamdiskId),
		BlockDevices:       blockDevicesFromV2(x.BlockDeviceMappings),
		Tags:               tagsFromV2(x.Tags),
	}
	// EC2 writes CreationDate as an ISO 8601 string, with milliseconds.
	if t, err := time.Parse(time.RFC3339, aws.ToString(x.CreationDate)); err == nil {
		m.CreationDate = t
	}
}

// blockDevicesFromV2 converts an image's launch mapping back.
func blockDevicesFromV2(ms []types.BlockDeviceMapping) BlockDeviceMapping {
	if len(ms) == 0 {
		return nil
	}
	out := make(BlockDeviceMapping, len(ms))
	for _, x := range ms {
		var d BlockDevice
		switch {
		case x.Ebs != nil:
			d.EBS = &EBS{
				SnapshotID:          aws.ToString(x.Ebs.SnapshotId),
				Size:                aws.ToInt32(x.Ebs.VolumeSize),
				Type:                string(x.Ebs.VolumeType),
				IOPS:                aws.ToInt32(x.Ebs.Iops),
				Throughput:          aws.ToInt32(x.Ebs.Throughput),
				Encrypted:           aws.ToBool(x.Ebs.Encrypted),
				KMSKeyID:            aws.ToString(x.Ebs.KmsKeyId),
				DeleteOnTermination: aws.ToBool(x.Ebs.DeleteOnTermination),
			}
		case x.VirtualName != nil:
			d.Ephemeral = aws.ToString(x.VirtualName)
		case x.NoDevice != nil:
			d.NoDevice = true
		}
		out[aws.ToString(x.DeviceName)] = d
	}
	return out
}

// Refresh reads the image's current description into m (DescribeImages).
// An unknown ID, or another account's image not shared with this one,
// fails with InvalidAMIID.NotFound.
func (m *Image) Refresh(ctx context.Context) error {
	if err := validImageID(m.ID); err != nil {
		return err
	}
	out, err := m.conn.client.DescribeImages(ctx, &ec2.DescribeImagesInput{ImageIds: []string{m.ID}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.Images {
		if aws.ToString(x.ImageId) == m.ID {
			m.set(x)
			return nil
		}
	}
	return notFound("DescribeImages", "InvalidAMIID.NotFound", "image", m.ID)
}

// Run launches instances of the image (RunInstances): opts with ImageID
// set to m.ID.
func (m *Image) Run(ctx context.Context, opts RunOptions) (*Reservation, error) {
	opts.ImageID = m.ID
	return m.conn.RunInstances(ctx, opts)
}

// Deregister deregisters the image (DeregisterImage). The snapshots of an
// EBS-backed image stay; delete them separately.
func (m *Image) Deregister(ctx context.Context) error {
	if err := validImageID(m.ID); err != nil {
		return err
	}
	_, err := m.conn.client.DeregisterImage(ctx, &ec2.DeregisterImageInput{ImageId: aws.String(m.ID)})
	return core.Error(err)
}

// Wait polls the image (DescribeImages, through Refresh) until it is in
// state, usually available. Waiting for available fails with a
// *goboto.StateError when the image fails or is deregistered, and a
// *goboto.WaitTimeoutError when time runs out.
func (m *Image) Wait(ctx context.Context, state string, opts ...goboto.WaitOption) error {
	if err := validImageID(m.ID); err != nil {
		return err
	}
	w := waiter{resource: "image", id: m.ID, want: state, retryNotFound: true,
		poll: func(ctx context.Context) (string, error) {
			if err := m.Refresh(ctx); err != nil {
				return "", err
			}
			return m.State, nil
		},
	}
	switch state {
	case ImageAvailable:
		w.failure = []string{ImageFailed, ImageDeregistered}
	case ImagePending, ImageFailed, ImageDeregistered:
	default:
		return goboto.Invalid("State", state, "is not an image state")
	}
	return w.wait(ctx, opts)
}

// Share lets the grantees launch the image (ModifyImageAttribute,
// launchPermission add). Sharing with AllUsers makes it public.
func (m *Image) Share(ctx context.Context, gs ...Grantee) error {
	return m.modifyPermission(ctx, true, gs)
}

// Unshare withdraws what Share granted (ModifyImageAttribute,
// launchPermission remove).
func (m *Image) Unshare(ctx context.Context, gs ...Grantee) error {
	return m.modifyPermission(ctx, false, gs)
}

func (m *Image) modifyPermission(ctx context.Context, add bool, gs []Grantee) error {
	if err := validImageID(m.ID); err != nil {
		return err
	}
	accounts, groups, err := grantees(gs)
	if err != nil {
		return err
	}
	var perms []types.LaunchPermission
	for _, a := range accounts {
		perms = append(perms, types.LaunchPermission{UserId: aws.String(a)})
	}
	for _, g := range groups {
		perms = append(perms, types.LaunchPermission{Group: types.PermissionGroup(g)})
	}
	mods := &types.LaunchPermissionModifications{}
	if add {
		mods.Add = perms
	} else {
		mods.Remove = perms
	}
	_, err = m.conn.client.ModifyImageAttribute(ctx, &ec2.ModifyImageAttributeInput{
		ImageId: aws.String(m.ID), LaunchPermission: mods,
	})
	return core.Error(err)
}

// Permissions reports who may launch the image besides its owner
// (DescribeImageAttribute, launchPermission).
func (m *Image) Permissions(ctx context.Context) (*Permissions, error) {
	if err := validImageID(m.ID); err != nil {
		return nil, err
	}
	out, err := m.conn.client.DescribeImageAttribute(ctx, &ec2.DescribeImageAttributeInput{
		ImageId: aws.String(m.ID), Attribute: types.ImageAttributeNameLaunchPermission,
	})
	if err != nil {
		return nil, core.Error(err)
	}
	p := &Permissions{}
	for _, lp := range out.LaunchPermissions {
		if id := aws.ToString(lp.UserId); id != "" {
			p.Accounts = append(p.Accounts, id)
		}
		if lp.Group == types.PermissionGroupAll {
			p.Public = true
		}
	}
	slices.Sort(p.Accounts)
	return p, nil
}

// ResetPermissions makes the image private again (ResetImageAttribute,
// launchPermission).
func (m *Image) ResetPermissions(ctx context.Context) error {
	if err := validImageID(m.ID); err != nil {
		return err
	}
	_, err := m.conn.client.ResetImageAttribute(ctx, &ec2.ResetImageAttributeInput{
		ImageId: aws.String(m.ID), Attribute: types.ResetImageAttributeNameLaunchPermission,
	})
	return core.Error(err)
}

// ImageOption changes Images: Owners, ExecutableBy, PageSize.
type ImageOption interface {
	applyImages(*ec2.DescribeImagesInput)
}

func (o OwnerFilter) applyImages(in *ec2.DescribeImagesInput) { in.Owners = append(in.Owners, o...) }

func (n PageSize) applyImages(in *ec2.DescribeImagesInput) { in.MaxResults = aws.Int32(int32(n)) }

type executableBy []string

func (e executableBy) applyImages(in *ec2.DescribeImagesInput) {
	in.ExecutableUsers = append(in.ExecutableUsers, e...)
}

// ExecutableBy limits Images to images the given accounts may launch:
// IDs, "self", "all".
func ExecutableBy(accounts ...string) ImageOption { return executableBy(slices.Clone(accounts)) }

// Images lists the images that match f and opts (DescribeImages),
// fetching pages as the loop needs them (PageSize sets their size);
// breaking out of the loop stops fetching. An error is yielded once,
// last.
//
// Without Owners or ExecutableBy EC2 lists every image the account may
// launch, public ones included, of which AWS regions hold very many;
// Owners("self") lists the account's own.
func (c *Conn) Images(ctx context.Context, f Filter, opts ...ImageOption) iter.Seq2[*Image, error] {
	return func(yield func(*Image, error) bool) {
		in := &ec2.DescribeImagesInput{Filters: f.v2()}
		for _, o := range opts {
			if o != nil {
				o.applyImages(in)
			}
		}
		if in.MaxResults != nil {
			if _, err := maxResults(*in.MaxResults, 1000); err != nil {
				yield(nil, err)
				return
			}
		}
		p := ec2.NewDescribeImagesPaginator(c.client, in)
		each(ctx, yield, p, func(o *ec2.DescribeImagesOutput) []types.Image { return o.Images },
			func(x types.Image) *Image { m := c.Image(""); m.set(x); return m })
	}
}

// AddTag sets the tag key to value on the image (CreateTags) and in
// m.Tags.
func (m *Image) AddTag(ctx context.Context, key, value string) error {
	if err := validImageID(m.ID); err != nil {
		return err
	}
	return addTag(ctx, m.conn, m.ID, &m.Tags, key, value)
}

// RemoveTag removes the tag key from the image (DeleteTags) and m.Tags.
func (m *Image) RemoveTag(ctx context.Context, key string) error {
	if err := validImageID(m.ID); err != nil {
		return err
	}
	return removeTag(ctx, m.conn, m.ID, &m.Tags, key)
}
