package ec2

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// RegisterOptions describe a RegisterImage call, by one of the two routes:
//
//   - EBS-backed: RootDeviceName and a BlockDevices entry for it that is
//     an EBS volume from a snapshot; more devices may follow.
//   - instance-store-backed: Location, the S3 path of the bundle's
//     manifest ("bucket/prefix/image.manifest.xml").
type RegisterOptions struct {
	Name               string // required: 3-128 characters
	Description        string
	Architecture       string // i386, x86_64, arm64; EC2's default (i386 for instance-store) when ""
	RootDeviceName     string
	BlockDevices       BlockDeviceMapping
	Location           string
	KernelID           string
	RamdiskID          string
	VirtualizationType string // hvm or paravirtual
	ENASupport         bool
	Tags               Tags
}

// validImageName checks an AMI name: 3-128 characters of letters, digits,
// ( ) [ ] space . / - ' @ _.
func validImageName(name string) error {
	if len(name) < 3 || len(name) > 128 {
		return goboto.Invalid("Name", name, "must be 3-128 characters")
	}
	for _, c := range name {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		switch c {
		case '(', ')', '[', ']', ' ', '.', '/', '-', '\'', '@', '_':
			ok = true
		}
		if !ok {
			return goboto.Invalid("Name", name, "may hold only letters, digits and ( ) [ ] . / - ' @ _ and spaces")
		}
	}
	return nil
}

// RegisterImage registers an AMI (RegisterImage) and returns a handle
// knowing its ID; Image.Wait waits for it to be available.
func (c *Conn) RegisterImage(ctx context.Context, o RegisterOptions) (*Image, error) {
	if err := validImageName(o.Name); err != nil {
		return nil, err
	}
	if len(o.Description) > 255 {
		return nil, goboto.Invalid("Description", o.Description, "is longer than 255 characters")
	}
	switch o.Architecture {
	case "", "i386", "x86_64", "arm64", "x86_64_mac", "arm64_mac":
	default:
		return nil, goboto.Invalid("Architecture", o.Architecture, "is not one of i386, x86_64, arm64, x86_64_mac, arm64_mac")
	}
	switch o.VirtualizationType {
	case "", "hvm", "paravirtual":
	default:
		return nil, goboto.Invalid("VirtualizationType", o.VirtualizationType, "must be hvm or paravirtual")
	}
	if err := validBlockDevices(o.BlockDevices); err != nil {
		return nil, err
	}
	if o.Location == "" {
		if o.RootDeviceName == "" {
			return nil, goboto.Invalid("RootDeviceName", "", "is required for an EBS-backed image (or give Location)")
		}
		if err := validDeviceName("RootDeviceName", o.RootDeviceName); err != nil {
			return nil, err
		}
		root, ok := o.BlockDevices[o.RootDeviceName]
		if !ok || root.EBS == nil || root.EBS.SnapshotID == "" {
			return nil, goboto.Invalid("BlockDevices["+o.RootDeviceName+"]", "", "must be an EBS volume from a snapshot, the image's root")
		}
	} else if o.RootDeviceName != "" {
		if err := validDeviceName("RootDeviceName", o.RootDeviceName); err != nil {
			return nil, err
		}
	}
	if err := validTags("Tags", o.Tags); err != nil {
		return nil, err
	}
	if o.KernelID != "" {
		if err := validID("KernelID", "aki", o.KernelID); err != nil {
			return nil, err
		}
	}
	if o.RamdiskID != "" {
		if err := validID("RamdiskID", "ari", o.RamdiskID); err != nil {
			return nil, err
		}
	}
	in := &ec2.RegisterImageInput{
		Name:                aws.String(o.Name),
		BlockDeviceMappings: blockDevicesV2(o.BlockDevices),
		Architecture:        types.ArchitectureValues(o.Architecture),
	}
	optional := func(p **string, v string) {
		if v != "" {
			*p = aws.String(v)
		}
	}
	optional(&in.Description, o.Description)
	optional(&in.RootDeviceName, o.RootDeviceName)
	optional(&in.ImageLocation, o.Location)
	optional(&in.KernelId, o.KernelID)
	optional(&in.RamdiskId, o.RamdiskID)
	optional(&in.VirtualizationType, o.VirtualizationType)
	if o.ENASupport {
		in.EnaSupport = aws.Bool(true)
	}
	if len(o.Tags) > 0 {
		in.TagSpecifications = []types.TagSpecification{{ResourceType: types.ResourceTypeImage, Tags: o.Tags.v2()}}
	}
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	out, err := client.RegisterImage(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	return c.Image(aws.ToString(out.ImageId)), nil
}

// ImageOptions describe an Instance.CreateImage.
type ImageOptions struct {
	Name        string // required: 3-128 characters
	Description string
	// NoReboot snapshots the volumes without stopping the instance first,
	// at the risk of an inconsistent file system.
	NoReboot bool
	// BlockDevices adds devices to, or with NoDevice removes them from,
	// the instance's own.
	BlockDevices BlockDeviceMapping
}

// CreateImage makes an EBS-backed AMI of the instance (CreateImage) and
// returns a handle knowing its ID. By default EC2 reboots the instance to
// get consistent snapshots.
func (i *Instance) CreateImage(ctx context.Context, o ImageOptions) (*Image, error) {
	if err := i.check(); err != nil {
		return nil, err
	}
	if err := validImageName(o.Name); err != nil {
		return nil, err
	}
	if len(o.Description) > 255 {
		return nil, goboto.Invalid("Description", o.Description, "is longer than 255 characters")
	}
	if err := validBlockDevices(o.BlockDevices); err != nil {
		return nil, err
	}
	in := &ec2.CreateImageInput{InstanceId: aws.String(i.ID), Name: aws.String(o.Name),
		BlockDeviceMappings: blockDevicesV2(o.BlockDevices)}
	if o.Description != "" {
		in.Description = aws.String(o.Description)
	}
	if o.NoReboot {
		in.NoReboot = aws.Bool(true)
	}
	out, err := i.conn.client.CreateImage(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	return i.conn.Image(aws.ToString(out.ImageId)), nil
}
