package ec2

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/blockdevice"
	"github.com/goboto/goboto/internal/core"
)

// Single-valued instance attributes, for Instance.Attribute and
// Instance.ModifyAttribute. Boolean ones read and take "true" or "false".
const (
	AttrInstanceType                      = "instanceType"
	AttrKernel                            = "kernel"
	AttrRamdisk                           = "ramdisk"
	AttrUserData                          = "userData"
	AttrDisableAPITermination             = "disableApiTermination"
	AttrDisableAPIStop                    = "disableApiStop"
	AttrInstanceInitiatedShutdownBehavior = "instanceInitiatedShutdownBehavior"
	AttrRootDeviceName                    = "rootDeviceName"
	AttrSourceDestCheck                   = "sourceDestCheck"
	AttrEBSOptimized                      = "ebsOptimized"
	AttrSriovNetSupport                   = "sriovNetSupport"
	AttrENASupport                        = "enaSupport"
)

// Attribute returns one single-valued attribute of the instance
// (DescribeInstanceAttribute): one of the Attr constants. User data comes
// back decoded; booleans as "true" or "false"; an attribute that is not
// set as "". Device mappings and groups are in Instance.BlockDevices and
// Instance.SecurityGroups after Refresh.
func (i *Instance) Attribute(ctx context.Context, name string) (string, error) {
	if err := i.check(); err != nil {
		return "", err
	}
	if err := validAttrName(name, false); err != nil {
		return "", err
	}
	out, err := i.conn.client.DescribeInstanceAttribute(ctx, &ec2.DescribeInstanceAttributeInput{
		InstanceId: aws.String(i.ID), Attribute: types.InstanceAttributeName(name),
	})
	if err != nil {
		return "", core.Error(err)
	}
	str := func(v *types.AttributeValue) string {
		if v == nil {
			return ""
		}
		return aws.ToString(v.Value)
	}
	boolean := func(v *types.AttributeBooleanValue) string {
		if v == nil || v.Value == nil {
			return ""
		}
		return strconv.FormatBool(*v.Value)
	}
	switch name {
	case AttrInstanceType:
		return str(out.InstanceType), nil
	case AttrKernel:
		return str(out.KernelId), nil
	case AttrRamdisk:
		return str(out.RamdiskId), nil
	case AttrUserData:
		b, err := base64.StdEncoding.DecodeString(str(out.UserData))
		if err != nil {
			return "", fmt.Errorf("EC2 DescribeInstanceAttribute: decode userData: %w", err)
		}
		return string(b), nil
	case AttrDisableAPITermination:
		return boolean(out.DisableApiTermination), nil
	case AttrDisableAPIStop:
		return boolean(out.DisableApiStop), nil
	case AttrInstanceInitiatedShutdownBehavior:
		return str(out.InstanceInitiatedShutdownBehavior), nil
	case AttrRootDeviceName:
		return str(out.RootDeviceName), nil
	case AttrSourceDestCheck:
		return boolean(out.SourceDestCheck), nil
	case AttrEBSOptimized:
		return boolean(out.EbsOptimized), nil
	case AttrSriovNetSupport:
		return str(out.SriovNetSupport), nil
	default: // AttrENASupport
		return boolean(out.EnaSupport), nil
	}
}

// validAttrName checks name is a single-valued attribute; modify
// additionally refuses the read-only rootDeviceName.
func validAttrName(name string, modify bool) error {
	switch name {
	case AttrInstanceType, AttrKernel, AttrRamdisk, AttrUserData, AttrDisableAPITermination,
		AttrDisableAPIStop, AttrInstanceInitiatedShutdownBehavior, AttrSourceDestCheck,
		AttrEBSOptimized, AttrSriovNetSupport, AttrENASupport:
		return nil
	case AttrRootDeviceName:
		if !modify {
			return nil
		}
		return goboto.Invalid("Attribute", name, "cannot be modified")
	}
	return goboto.Invalid("Attribute", name, "is not a single-valued instance attribute (see the Attr constants)")
}

// ModifyAttribute sets one single-valued attribute of the instance
// (ModifyInstanceAttribute): one of the Attr constants but
// AttrRootDeviceName. Booleans take "true" or "false"; user data is given
// plain and sent base64-encoded. Most attributes can only change while the
// instance is stopped (EC2 answers IncorrectInstanceState otherwise).
func (i *Instance) ModifyAttribute(ctx context.Context, name, value string) error {
	if err := i.check(); err != nil {
		return err
	}
	if err := validAttrName(name, true); err != nil {
		return err
	}
	in := &ec2.ModifyInstanceAttributeInput{InstanceId: aws.String(i.ID)}
	str := &types.AttributeValue{Value: aws.String(value)}
	var boolean *types.AttributeBooleanValue
	switch name {
	case AttrDisableAPITermination, AttrDisableAPIStop, AttrSourceDestCheck, AttrEBSOptimized, AttrENASupport:
		b, err := strconv.ParseBool(value)
		if err != nil {
			return goboto.Invalid(name, value, "must be true or false")
		}
		boolean = &types.AttributeBooleanValue{Value: aws.Bool(b)}
	case AttrUserData:
		if len(value) > MaxUserData {
			return goboto.Invalid("UserData", strconv.Itoa(len(value))+" bytes", "exceeds "+strconv.Itoa(MaxUserData)+" bytes")
		}
	}
	switch name {
	case AttrInstanceType:
		in.InstanceType = str
	case AttrKernel:
		in.Kernel = str
	case AttrRamdisk:
		in.Ramdisk = str
	case AttrUserData:
		in.UserData = &types.SecureBlobAttributeValue{Value: []byte(value)} // the client base64-encodes blobs
	case AttrInstanceInitiatedShutdownBehavior:
		if value != "stop" && value != "terminate" {
			return goboto.Invalid(name, value, "must be stop or terminate")
		}
		in.InstanceInitiatedShutdownBehavior = str
	case AttrSriovNetSupport:
		in.SriovNetSupport = str
	case AttrDisableAPITermination:
		in.DisableApiTermination = boolean
	case AttrDisableAPIStop:
		in.DisableApiStop = boolean
	case AttrSourceDestCheck:
		in.SourceDestCheck = boolean
	case AttrEBSOptimized:
		in.EbsOptimized = boolean
	case AttrENASupport:
		in.EnaSupport = boolean
	}
	_, err := i.conn.client.ModifyInstanceAttribute(ctx, in)
	return core.Error(err)
}

// DeleteVolumeOnTermination has the EBS volume attached as device deleted
// when the instance terminates (ModifyInstanceAttribute,
// blockDeviceMapping, DeleteOnTermination true). It works on a running
// instance, e.g. to have a data volume attached after launch cleaned up
// with it. BlockDevices is updated when it lists the device.
func (i *Instance) DeleteVolumeOnTermination(ctx context.Context, device string) error {
	return i.ModifyBlockDevices(ctx, BlockDeviceMapping{device: {EBS: &EBS{DeleteOnTermination: true}}})
}

// KeepVolumeOnTermination has the EBS volume attached as device outlive
// the instance (ModifyInstanceAttribute, blockDeviceMapping,
// DeleteOnTermination false).
func (i *Instance) KeepVolumeOnTermination(ctx context.Context, device string) error {
	return i.ModifyBlockDevices(ctx, BlockDeviceMapping{device: {EBS: &EBS{DeleteOnTermination: false}}})
}

// ModifyBlockDevices changes the block devices of a launched instance
// (ModifyInstanceAttribute, blockDeviceMapping). EC2 lets only two things
// change: an EBS device's DeleteOnTermination (give EBS with only
// DeleteOnTermination set) and removing a device mapping (NoDevice).
// Anything else in m is refused before sending.
func (i *Instance) ModifyBlockDevices(ctx context.Context, m BlockDeviceMapping) error {
	if err := i.check(); err != nil {
		return err
	}
	if len(m) == 0 {
		return goboto.Invalid("BlockDeviceMapping", "", "is empty")
	}
	specs := make([]types.InstanceBlockDeviceMappingSpecification, 0, len(m))
	for _, dev := range blockdevice.Devices(m) {
		d := m[dev]
		field := "BlockDeviceMapping[" + dev + "]"
		if err := validDeviceName(field, dev); err != nil {
			return err
		}
		spec := types.InstanceBlockDeviceMappingSpecification{DeviceName: aws.String(dev)}
		switch {
		case d.EBS != nil && !d.NoDevice && d.Ephemeral == "":
			if *d.EBS != (EBS{DeleteOnTermination: d.EBS.DeleteOnTermination}) {
				return goboto.Invalid(field+".EBS", "", "only DeleteOnTermination can change on a launched instance")
			}
			spec.Ebs = &types.EbsInstanceBlockDeviceSpecification{DeleteOnTermination: aws.Bool(d.EBS.DeleteOnTermination)}
		case d.NoDevice && d.EBS == nil && d.Ephemeral == "":
			spec.NoDevice = aws.String("")
		default:
			return goboto.Invalid(field, "", "must be EBS (DeleteOnTermination only) or NoDevice on a launched instance")
		}
		specs = append(specs, spec)
	}
	_, err := i.conn.client.ModifyInstanceAttribute(ctx, &ec2.ModifyInstanceAttributeInput{
		InstanceId: aws.String(i.ID), BlockDeviceMappings: specs,
	})
	if err != nil {
		return core.Error(err)
	}
	for _, dev := range blockdevice.Devices(m) {
		if d, ok := i.BlockDevices[dev]; ok && m[dev].EBS != nil {
			d.DeleteOnTermination = m[dev].EBS.DeleteOnTermination
			i.BlockDevices[dev] = d
		}
	}
	return nil
}
