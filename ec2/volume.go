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

// VolumeState is a volume's state, as EC2 names it.
type VolumeState string

// EC2's volume states.
const (
	VolumeCreating  VolumeState = "creating"
	VolumeAvailable VolumeState = "available"
	VolumeInUse     VolumeState = "in-use"
	VolumeDeleting  VolumeState = "deleting"
	VolumeDeleted   VolumeState = "deleted"
	VolumeError     VolumeState = "error"
)

// Volume is a handle on an EBS volume. Conn.Volume makes one that knows
// only its ID; Refresh, CreateVolume and Volumes fill in the rest, a
// snapshot of the volume as EC2 last described it. Like Instance, a
// handle is not safe for concurrent use while a method updates it.
type Volume struct {
	conn *Conn

	ID         string
	Size       int32 // GiB
	Zone       string
	SnapshotID string // the snapshot it was created from, if any
	State      VolumeState
	Type       string // gp2, gp3, io1, io2, st1, sc1, standard
	IOPS       int32
	Throughput int32
	Encrypted  bool
	KMSKeyID   string
	CreateTime time.Time
	Attachment *VolumeAttachment // nil when not attached
	// MultiAttach is whether the volume (io1 or io2) can be attached to
	// several instances at once.
	MultiAttach bool
	Tags        Tags
	// ProductCodes are the volume's product codes, nil until
	// LoadProductCodes reads them (DescribeVolumes does not report them),
	// or as inherited from a snapshot whose codes were loaded.
	ProductCodes []ProductCode

	loaded     bool // fields come from EC2, so Tags is known
	codesKnown bool // ProductCodes has been read
}

// VolumeAttachment is where a volume is attached.
type VolumeAttachment struct {
	InstanceID          string
	Device              string
	State               string // attaching, attached, detaching, detached, busy
	AttachTime          time.Time
	DeleteOnTermination bool
}

// Volume returns a handle on the volume id. It does no I/O.
func (c *Conn) Volume(id string) *Volume { return &Volume{conn: c, ID: id} }

// Conn returns the connection the volume belongs to.
func (v *Volume) Conn() *Conn { return v.conn }

// String returns "Volume:<id>", as boto prints volumes.
func (v *Volume) String() string { return "Volume:" + v.ID }

func (v *Volume) set(x types.Volume) {
	// A volume's product codes never change, so a Refresh keeps them.
	codes, known := v.ProductCodes, v.codesKnown && v.ID == aws.ToString(x.VolumeId)
	*v = Volume{conn: v.conn, loaded: true, ProductCodes: codes, codesKnown: known,
		ID:         aws.ToString(x.VolumeId),
		Size:       aws.ToInt32(x.Size),
		Zone:       aws.ToString(x.AvailabilityZone),
		SnapshotID: aws.ToString(x.SnapshotId),
		State:      VolumeState(x.State),
		Type:       string(x.VolumeType),
		IOPS:       aws.ToInt32(x.Iops),
		Throughput: aws.ToInt32(x.Throughput),
		Encrypted:  aws.ToBool(x.Encrypted),
		KMSKeyID:   aws.ToString(x.KmsKeyId),
		CreateTime: aws.ToTime(x.CreateTime),
		Tags:       tagsFromV2(x.Tags),

		MultiAttach: aws.ToBool(x.MultiAttachEnabled),
	}
	// A Multi-Attach volume can have several; the handle keeps the first
	// that is not detached.
	for _, a := range x.Attachments {
		if att := attachmentFromV2(a); att != nil {
			v.Attachment = att
			break
		}
	}
}

func attachmentFromV2(a types.VolumeAttachment) *VolumeAttachment {
	if a.State == types.VolumeAttachmentStateDetached {
		return nil
	}
	return &VolumeAttachment{
		InstanceID:          aws.ToString(a.InstanceId),
		Device:              aws.ToString(a.Device),
		State:               string(a.State),
		AttachTime:          aws.ToTime(a.AttachTime),
		DeleteOnTermination: aws.ToBool(a.DeleteOnTermination),
	}
}

// VolumeOptions describe a CreateVolume call. Zone is required, and Size
// or SnapshotID (Size 0 means the snapshot's size). Size, IOPS and
// Throughput are checked against Type as for EBS in a
// BlockDeviceMapping.
type VolumeOptions struct {
	Size       int32 // GiB
	Zone       string
	SnapshotID string
	Type       string // gp2, gp3, io1, io2, st1, sc1, standard; "" for EC2's default
	IOPS       int32
	Throughput int32 // MiB/s, gp3 only
	Encrypted  bool
	KMSKeyID   string
	Tags       Tags // put on the volume as it is created
}

// CreateVolume creates an EBS volume (CreateVolume) and returns it,
// usually still creating; Volume.Wait waits for it to be available.
func (c *Conn) CreateVolume(ctx context.Context, o VolumeOptions) (*Volume, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	if o.Zone == "" {
		return nil, goboto.Invalid("Zone", "", "is required")
	}
	if err := validZone("Zone", c.region, o.Zone); err != nil {
		return nil, err
	}
	if o.SnapshotID != "" {
		if err := validSnapshotID(o.SnapshotID); err != nil {
			return nil, err
		}
	} else if o.Size == 0 {
		return nil, goboto.Invalid("Size", "", "is required for a volume without a snapshot")
	}
	if o.KMSKeyID != "" && !o.Encrypted {
		return nil, goboto.Invalid("KMSKeyID", o.KMSKeyID, "needs Encrypted")
	}
	if err := validVolumeShape("Volume", o.Type, o.Size, o.IOPS, o.Throughput); err != nil {
		return nil, err
	}
	if err := validTags("Tags", o.Tags); err != nil {
		return nil, err
	}
	in := &ec2.CreateVolumeInput{AvailabilityZone: aws.String(o.Zone)}
	if o.Size != 0 {
		in.Size = aws.Int32(o.Size)
	}
	if o.SnapshotID != "" {
		in.SnapshotId = aws.String(o.SnapshotID)
	}
	if o.Type != "" {
		in.VolumeType = types.VolumeType(o.Type)
	}
	if o.IOPS != 0 {
		in.Iops = aws.Int32(o.IOPS)
	}
	if o.Throughput != 0 {
		in.Throughput = aws.Int32(o.Throughput)
	}
	if o.Encrypted {
		in.Encrypted = aws.Bool(true)
	}
	if o.KMSKeyID != "" {
		in.KmsKeyId = aws.String(o.KMSKeyID)
	}
	if len(o.Tags) > 0 {
		in.TagSpecifications = []types.TagSpecification{{ResourceType: types.ResourceTypeVolume, Tags: o.Tags.v2()}}
	}
	out, err := client.CreateVolume(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	v := c.Volume("")
	v.set(types.Volume{
		VolumeId: out.VolumeId, Size: out.Size, AvailabilityZone: out.AvailabilityZone,
		SnapshotId: out.SnapshotId, State: out.State, VolumeType: out.VolumeType, Iops: out.Iops,
		Throughput: out.Throughput, Encrypted: out.Encrypted, KmsKeyId: out.KmsKeyId,
		CreateTime: out.CreateTime, Attachments: out.Attachments, Tags: out.Tags,
	})
	return v, nil
}

// Refresh reads the volume's current description into v
// (DescribeVolumes). An unknown ID fails with InvalidVolume.NotFound.
func (v *Volume) Refresh(ctx context.Context) error {
	if err := v.check(); err != nil {
		return err
	}
	out, err := v.conn.client.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{VolumeIds: []string{v.ID}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.Volumes {
		if aws.ToString(x.VolumeId) == v.ID {
			v.set(x)
			return nil
		}
	}
	return notFound(out.ResultMetadata, "DescribeVolumes", "InvalidVolume.NotFound", "volume", v.ID)
}

// Attach attaches the volume to instanceID as device, e.g. "/dev/sdf"
// (AttachVolume). Both must be in the same zone (else
// InvalidVolume.ZoneMismatch) and the volume available (else
// VolumeInUse or IncorrectState). Attachment is set from the answer,
// usually attaching.
//
// A volume with AWS Marketplace product codes can be attached only as
// the root device of a stopped instance; EC2 refuses it elsewhere with
// OperationNotPermitted. When v.ProductCodes is known (LoadProductCodes),
// a device that is not a root device name (/dev/sda1, /dev/xvda) is
// refused before anything is sent.
func (v *Volume) Attach(ctx context.Context, instanceID, device string) error {
	if err := v.check(); err != nil {
		return err
	}
	if err := validInstanceID(instanceID); err != nil {
		return err
	}
	if err := validDeviceName("Device", device); err != nil {
		return err
	}
	if err := v.checkMarketplaceAttach(device); err != nil {
		return err
	}
	out, err := v.conn.client.AttachVolume(ctx, &ec2.AttachVolumeInput{
		VolumeId: aws.String(v.ID), InstanceId: aws.String(instanceID), Device: aws.String(device),
	})
	if err != nil {
		return core.Error(err)
	}
	v.attachmentFrom(out.InstanceId, out.Device, out.State, out.AttachTime, out.DeleteOnTermination)
	return nil
}

// Detach detaches the volume from its instance (DetachVolume). Force
// detaches even if the instance does not let go, at the risk of losing
// data; use it only when a plain detach is stuck.
func (v *Volume) Detach(ctx context.Context, opts ...ForceOption) error {
	if err := v.check(); err != nil {
		return err
	}
	in := &ec2.DetachVolumeInput{VolumeId: aws.String(v.ID)}
	if forceOptions(opts).Force {
		in.Force = aws.Bool(true)
	}
	out, err := v.conn.client.DetachVolume(ctx, in)
	if err != nil {
		return core.Error(err)
	}
	v.attachmentFrom(out.InstanceId, out.Device, out.State, out.AttachTime, out.DeleteOnTermination)
	return nil
}

func (v *Volume) attachmentFrom(inst, dev *string, state types.VolumeAttachmentState, at *time.Time, dot *bool) {
	v.Attachment = attachmentFromV2(types.VolumeAttachment{
		InstanceId: inst, Device: dev, State: state, AttachTime: at, DeleteOnTermination: dot,
	})
}

// Delete deletes the volume (DeleteVolume). It must not be attached
// (VolumeInUse).
func (v *Volume) Delete(ctx context.Context) error {
	if err := v.check(); err != nil {
		return err
	}
	_, err := v.conn.client.DeleteVolume(ctx, &ec2.DeleteVolumeInput{VolumeId: aws.String(v.ID)})
	return core.Error(err)
}

// CreateSnapshot snapshots the volume (CreateSnapshot) and returns the
// snapshot, usually pending. The volume's Name tag, if it has one, is
// copied onto the snapshot, as boto users expect; a handle never refreshed
// is refreshed first (DescribeVolumes) to learn it.
func (v *Volume) CreateSnapshot(ctx context.Context, description string) (*Snapshot, error) {
	if err := v.check(); err != nil {
		return nil, err
	}
	if len(description) > 255 {
		return nil, goboto.Invalid("Description", description, "is longer than 255 characters")
	}
	if !v.loaded {
		if err := v.Refresh(ctx); err != nil {
			return nil, err
		}
	}
	in := &ec2.CreateSnapshotInput{VolumeId: aws.String(v.ID)}
	if description != "" {
		in.Description = aws.String(description)
	}
	if name, ok := v.Tags["Name"]; ok {
		in.TagSpecifications = []types.TagSpecification{{ResourceType: types.ResourceTypeSnapshot,
			Tags: Tags{"Name": name}.v2()}}
	}
	out, err := v.conn.client.CreateSnapshot(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	s := v.conn.Snapshot("")
	s.set(types.Snapshot{
		SnapshotId: out.SnapshotId, VolumeId: out.VolumeId, VolumeSize: out.VolumeSize, State: out.State,
		Progress: out.Progress, StartTime: out.StartTime, OwnerId: out.OwnerId, OwnerAlias: out.OwnerAlias,
		Description: out.Description, Encrypted: out.Encrypted, KmsKeyId: out.KmsKeyId, Tags: out.Tags,
	})
	// A snapshot has its volume's product codes.
	if v.codesKnown {
		s.ProductCodes, s.codesKnown = slices.Clone(v.ProductCodes), true
	}
	return s, nil
}

// Wait polls the volume (DescribeVolumes, through Refresh) until it is in
// state: available, in-use or deleted. A volume EC2 no longer knows
// counts as deleted. Waiting for available or in-use fails with a
// *goboto.StateError once the volume is deleted or in error; time running out
// gives a *goboto.WaitTimeoutError.
func (v *Volume) Wait(ctx context.Context, state VolumeState, opts ...goboto.WaitOption) error {
	if err := v.check(); err != nil {
		return err
	}
	w := core.Wait{Resource: "volume", ID: v.ID, Want: string(state), Gone: string(VolumeDeleted),
		Poll: func(ctx context.Context) (string, error) {
			if err := v.Refresh(ctx); err != nil {
				return "", err
			}
			return string(v.State), nil
		},
	}
	switch state {
	case VolumeAvailable, VolumeInUse:
		w.Failure = strs([]VolumeState{VolumeDeleted, VolumeError})
	case VolumeDeleted:
		w.Failure = strs([]VolumeState{VolumeError})
	case VolumeCreating, VolumeDeleting:
	default:
		return goboto.Invalid("State", string(state), "is not a volume state")
	}
	return wait(ctx, w, opts)
}

// Volumes lists the volumes that match f, every volume when f is empty
// (DescribeVolumes), fetching pages as the loop needs them; breaking out
// of the loop stops fetching. An error is yielded once, last. It takes
// PageSize, at least 5; EC2 answers at most 500 volumes a page, however
// many more are asked for.
func (c *Conn) Volumes(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*Volume, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeVolumes", lo: 5, hi: 500, capped: true}, opts)
	if err != nil {
		return fail[*Volume](err)
	}
	return func(yield func(*Volume, error) bool) {
		p := ec2.NewDescribeVolumesPaginator(client, &ec2.DescribeVolumesInput{Filters: f.v2(), MaxResults: o.maxResults()})
		each(ctx, yield, p, func(o *ec2.DescribeVolumesOutput) []types.Volume { return o.Volumes },
			func(x types.Volume) *Volume { v := c.Volume(""); v.set(x); return v })
	}
}

// AddTag sets the tag key to value on the volume (CreateTags) and in
// v.Tags.
func (v *Volume) AddTag(ctx context.Context, key, value string) error {
	if err := v.check(); err != nil {
		return err
	}
	return addTag(ctx, v.conn, v.ID, &v.Tags, key, value)
}

// RemoveTag removes the tag key from the volume (DeleteTags) and v.Tags.
func (v *Volume) RemoveTag(ctx context.Context, key string) error {
	if err := v.check(); err != nil {
		return err
	}
	return removeTag(ctx, v.conn, v.ID, &v.Tags, key)
}
