package ec2

import (
	"encoding/base64"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
)

// LaunchTemplateData are the launch parameters a launch template version
// holds: the RunOptions a launch from it starts with. Every field is
// optional; what a version leaves out, the launch gives (ImageID at the
// least, somewhere). Monitoring and EBSOptimized are sent only when true.
type LaunchTemplateData struct {
	ImageID          string
	InstanceType     string
	KeyName          string
	SecurityGroups   []string // names
	SecurityGroupIDs []string
	Zone             string
	UserData         []byte // sent base64-encoded; at most MaxUserData bytes
	BlockDevices     BlockDeviceMapping
	Monitoring       bool
	EBSOptimized     bool
	// Tags are put on each instance launched from the version.
	Tags Tags
}

// templateData checks d as RunOptions are checked and builds the request.
func (c *Conn) templateData(field string, d LaunchTemplateData) (*types.RequestLaunchTemplateData, error) {
	if d.ImageID != "" {
		if err := validImageID(d.ImageID); err != nil {
			return nil, err
		}
	}
	if err := validZone(field+".Zone", c.region, d.Zone); err != nil {
		return nil, err
	}
	if len(d.UserData) > MaxUserData {
		return nil, goboto.Invalid(field+".UserData", strconv.Itoa(len(d.UserData))+" bytes", "exceeds "+strconv.Itoa(MaxUserData)+" bytes")
	}
	if err := validBlockDevices(d.BlockDevices); err != nil {
		return nil, err
	}
	if err := checkLaunchType(field+".InstanceType", d.InstanceType, "", d.BlockDevices); err != nil {
		return nil, err
	}
	if err := validTags(field+".Tags", d.Tags); err != nil {
		return nil, err
	}
	out := &types.RequestLaunchTemplateData{SecurityGroups: d.SecurityGroups, SecurityGroupIds: d.SecurityGroupIDs}
	if d.ImageID != "" {
		out.ImageId = aws.String(d.ImageID)
	}
	if d.InstanceType != "" {
		out.InstanceType = types.InstanceType(d.InstanceType)
	}
	if d.KeyName != "" {
		out.KeyName = aws.String(d.KeyName)
	}
	if d.Zone != "" {
		out.Placement = &types.LaunchTemplatePlacementRequest{AvailabilityZone: aws.String(d.Zone)}
	}
	if len(d.UserData) > 0 {
		out.UserData = aws.String(base64.StdEncoding.EncodeToString(d.UserData))
	}
	for _, m := range blockDevicesV2(d.BlockDevices) {
		x := types.LaunchTemplateBlockDeviceMappingRequest{DeviceName: m.DeviceName, VirtualName: m.VirtualName, NoDevice: m.NoDevice}
		if e := m.Ebs; e != nil {
			x.Ebs = &types.LaunchTemplateEbsBlockDeviceRequest{SnapshotId: e.SnapshotId, VolumeSize: e.VolumeSize,
				VolumeType: e.VolumeType, Iops: e.Iops, Throughput: e.Throughput, Encrypted: e.Encrypted,
				DeleteOnTermination: e.DeleteOnTermination, KmsKeyId: e.KmsKeyId}
		}
		out.BlockDeviceMappings = append(out.BlockDeviceMappings, x)
	}
	if d.Monitoring {
		out.Monitoring = &types.LaunchTemplatesMonitoringRequest{Enabled: aws.Bool(true)}
	}
	if d.EBSOptimized {
		out.EbsOptimized = aws.Bool(true)
	}
	if len(d.Tags) > 0 {
		out.TagSpecifications = []types.LaunchTemplateTagSpecificationRequest{{ResourceType: types.ResourceTypeInstance, Tags: d.Tags.v2()}}
	}
	return out, nil
}

// templateDataFromV2 converts a version's data back.
func templateDataFromV2(x *types.ResponseLaunchTemplateData) LaunchTemplateData {
	if x == nil {
		return LaunchTemplateData{}
	}
	d := LaunchTemplateData{ImageID: aws.ToString(x.ImageId), InstanceType: string(x.InstanceType), KeyName: aws.ToString(x.KeyName),
		EBSOptimized: aws.ToBool(x.EbsOptimized)}
	if len(x.SecurityGroups) > 0 {
		d.SecurityGroups = x.SecurityGroups
	}
	if len(x.SecurityGroupIds) > 0 {
		d.SecurityGroupIDs = x.SecurityGroupIds
	}
	if x.Placement != nil {
		d.Zone = aws.ToString(x.Placement.AvailabilityZone)
	}
	if u := aws.ToString(x.UserData); u != "" {
		if b, err := base64.StdEncoding.DecodeString(u); err == nil {
			d.UserData = b
		}
	}
	if x.Monitoring != nil {
		d.Monitoring = aws.ToBool(x.Monitoring.Enabled)
	}
	var ms []types.BlockDeviceMapping
	for _, m := range x.BlockDeviceMappings {
		bdm := types.BlockDeviceMapping{DeviceName: m.DeviceName, VirtualName: m.VirtualName, NoDevice: m.NoDevice}
		if e := m.Ebs; e != nil {
			bdm.Ebs = &types.EbsBlockDevice{SnapshotId: e.SnapshotId, VolumeSize: e.VolumeSize, VolumeType: e.VolumeType,
				Iops: e.Iops, Throughput: e.Throughput, Encrypted: e.Encrypted, DeleteOnTermination: e.DeleteOnTermination,
				KmsKeyId: e.KmsKeyId}
		}
		ms = append(ms, bdm)
	}
	d.BlockDevices = blockDevicesFromV2(ms)
	for _, spec := range x.TagSpecifications {
		if spec.ResourceType == types.ResourceTypeInstance {
			d.Tags = tagsFromV2(spec.Tags)
		}
	}
	return d
}
