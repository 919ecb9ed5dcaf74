package ec2

import (
	"context"
	"iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// ImageState is an image's state, as EC2 names it.
type ImageState string

// EC2's image states.
const (
	ImagePending      ImageState = "pending"
	ImageAvailable    ImageState = "available"
	ImageFailed       ImageState = "failed"
	ImageDeregistered ImageState = "deregistered"
)

// Image is a handle on an AMI. Conn.Image makes one that knows only its
// ID; Refresh and Images fill in the rest. Like Instance, a handle is not
// safe for concurrent use while a method updates it.
type Image struct {
	conn *Conn

	ID                 string
	Name               string
	Description        string
	State              ImageState
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
	// ProductCodes are the image's AWS Marketplace (or DevPay) codes,
	// which pass to its instances' root volumes.
	ProductCodes []ProductCode
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
		State:              ImageState(x.State),
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
		ProductCodes:       productCodesFromV2(x.ProductCodes),
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
	if err := m.check(); err != nil {
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
	return notFound(out.ResultMetadata, "DescribeImages", "InvalidAMIID.NotFound", "image", m.ID)
}

// Run launches instances of the image (RunInstances): opts with ImageID
// set to m.ID. When m has been described (Refresh, Images), an instance
// type of goboto's catalog that does not run m.Architecture is refused
// before anything is sent.
func (m *Image) Run(ctx context.Context, opts RunOptions) (*Reservation, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	opts.ImageID = m.ID
	// A handle that has been described knows its architecture, so a type
	// that cannot run it is refused before anything is sent.
	if err := checkLaunchType("InstanceType", opts.InstanceType, m.Architecture, opts.BlockDevices); err != nil {
		return nil, err
	}
	return m.conn.RunInstances(ctx, opts)
}

// Deregister deregisters the image (DeregisterImage). The snapshots of an
// EBS-backed image stay; delete them separately.
func (m *Image) Deregister(ctx context.Context) error {
	if err := m.check(); err != nil {
		return err
	}
	_, err := m.conn.client.DeregisterImage(ctx, &ec2.DeregisterImageInput{ImageId: aws.String(m.ID)})
	return core.Error(err)
}

// Wait polls the image (DescribeImages, through Refresh) until it is in
// state, usually available. Waiting for available fails with a
// *goboto.StateError when the image fails or is deregistered, and a
// *goboto.WaitTimeoutError when time runs out.
func (m *Image) Wait(ctx context.Context, state ImageState, opts ...goboto.WaitOption) error {
	if err := m.check(); err != nil {
		return err
	}
	w := core.Wait{Resource: "image", ID: m.ID, Want: string(state), RetryNotFound: true,
		Poll: func(ctx context.Context) (string, error) {
			if err := m.Refresh(ctx); err != nil {
				return "", err
			}
			return string(m.State), nil
		},
	}
	switch state {
	case ImageAvailable:
		w.Failure = strs([]ImageState{ImageFailed, ImageDeregistered})
	case ImagePending, ImageFailed, ImageDeregistered:
	default:
		return goboto.Invalid("State", string(state), "is not an image state")
	}
	return wait(ctx, w, opts)
}

// Share lets the audience launch the image (ModifyImageAttribute,
// launchPermission add). Sharing with goboto.Everyone() makes it public.
func (m *Image) Share(ctx context.Context, a goboto.Audience) error {
	return m.modifyPermission(ctx, true, a)
}

// Unshare withdraws what Share granted (ModifyImageAttribute,
// launchPermission remove).
func (m *Image) Unshare(ctx context.Context, a goboto.Audience) error {
	return m.modifyPermission(ctx, false, a)
}

func (m *Image) modifyPermission(ctx context.Context, add bool, a goboto.Audience) error {
	if err := m.check(); err != nil {
		return err
	}
	return launchPermissions().modify(ctx, add, a, func(ctx context.Context, add, remove []types.LaunchPermission) error {
		_, err := m.conn.client.ModifyImageAttribute(ctx, &ec2.ModifyImageAttributeInput{
			ImageId: aws.String(m.ID), LaunchPermission: &types.LaunchPermissionModifications{Add: add, Remove: remove},
		})
		return err
	})
}

// Permissions reports who may launch the image besides its owner
// (DescribeImageAttribute, launchPermission); a zero Audience when
// nobody may.
func (m *Image) Permissions(ctx context.Context) (goboto.Audience, error) {
	if err := m.check(); err != nil {
		return goboto.Audience{}, err
	}
	out, err := m.conn.client.DescribeImageAttribute(ctx, &ec2.DescribeImageAttributeInput{
		ImageId: aws.String(m.ID), Attribute: types.ImageAttributeNameLaunchPermission,
	})
	if err != nil {
		return goboto.Audience{}, core.Error(err)
	}
	return launchPermissions().audience(out.LaunchPermissions), nil
}

// ResetPermissions makes the image private again (ResetImageAttribute,
// launchPermission).
func (m *Image) ResetPermissions(ctx context.Context) error {
	if err := m.check(); err != nil {
		return err
	}
	_, err := m.conn.client.ResetImageAttribute(ctx, &ec2.ResetImageAttributeInput{
		ImageId: aws.String(m.ID), Attribute: types.ResetImageAttributeNameLaunchPermission,
	})
	return core.Error(err)
}

// Images lists the images that match f and opts (DescribeImages),
// fetching pages as the loop needs them; breaking out of the loop stops
// fetching. An error is yielded once, last. It takes Owners, ExecutableBy
// and PageSize, 5-1000.
//
// Without Owners or ExecutableBy EC2 lists every image the account may
// launch, public ones included, of which AWS regions hold very many;
// Owners("self") lists the account's own.
func (c *Conn) Images(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*Image, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeImages", lo: 5, hi: 1000, owners: true, executableBy: true}, opts)
	if err != nil {
		return fail[*Image](err)
	}
	return func(yield func(*Image, error) bool) {
		in := &ec2.DescribeImagesInput{Filters: f.v2(), Owners: o.Owners, ExecutableUsers: o.ExecutableBy,
			MaxResults: o.maxResults()}
		p := ec2.NewDescribeImagesPaginator(client, in)
		each(ctx, yield, p, func(o *ec2.DescribeImagesOutput) []types.Image { return o.Images },
			func(x types.Image) *Image { m := c.Image(""); m.set(x); return m })
	}
}

// AddTag sets the tag key to value on the image (CreateTags) and in
// m.Tags.
func (m *Image) AddTag(ctx context.Context, key, value string) error {
	if err := m.check(); err != nil {
		return err
	}
	return addTag(ctx, m.conn, m.ID, &m.Tags, key, value)
}

// RemoveTag removes the tag key from the image (DeleteTags) and m.Tags.
func (m *Image) RemoveTag(ctx context.Context, key string) error {
	if err := m.check(); err != nil {
		return err
	}
	return removeTag(ctx, m.conn, m.ID, &m.Tags, key)
}
