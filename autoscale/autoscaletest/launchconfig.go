package autoscaletest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// maxLaunchConfigs is AWS's default quota of launch configurations per
// region (Amazon EC2 Auto Scaling User Guide, "Auto Scaling service
// quotas": 200).
const maxLaunchConfigs = 200

// launchConfig is one launch configuration.
type launchConfig struct {
	name, arn string
	created   time.Time
	in        createLaunchConfigInput // as created; what launches read
}

// blockDeviceMapping is the model's BlockDeviceMapping.
type blockDeviceMapping struct {
	VirtualName string
	DeviceName  string
	Ebs         *ebs
	NoDevice    *bool
}

type ebs struct {
	SnapshotId          string
	VolumeSize          *int32
	VolumeType          string
	DeleteOnTermination *bool
	Iops                *int32
	Encrypted           *bool
	Throughput          *int32
}

type instanceMonitoring struct {
	Enabled *bool
}

type createLaunchConfigInput struct {
	LaunchConfigurationName      string
	ImageId                      string
	KeyName                      string
	SecurityGroups               []string
	ClassicLinkVPCId             any
	ClassicLinkVPCSecurityGroups any
	UserData                     string
	InstanceId                   any
	InstanceType                 string
	KernelId                     any
	RamdiskId                    any
	BlockDeviceMappings          []blockDeviceMapping
	InstanceMonitoring           *instanceMonitoring
	SpotPrice                    any
	IamInstanceProfile           string
	EbsOptimized                 *bool
	AssociatePublicIpAddress     any
	PlacementTenancy             any
	MetadataOptions              any

	// boto 2.49's create_launch_configuration sends these top-level
	// parameters, which are no members of the API (the model has them
	// only inside BlockDeviceMappings' Ebs), on every request: always
	// DeleteOnTermination, VolumeType and Iops when set. AutoScaling
	// answered boto's tutorial all the same, so it reads past them, and
	// so does the fake: they configure nothing.
	DeleteOnTermination *bool
	VolumeType          string
	Iops                *int32
}

// launchConfigOut is the model's LaunchConfiguration.
type launchConfigOut struct {
	LaunchConfigurationName      string
	LaunchConfigurationARN       string
	ImageId                      string
	KeyName                      string
	SecurityGroups               []string
	ClassicLinkVPCSecurityGroups []string
	UserData                     string
	InstanceType                 string
	KernelId                     string
	RamdiskId                    string
	BlockDeviceMappings          []blockDeviceMapping
	InstanceMonitoring           *instanceMonitoring
	IamInstanceProfile           *string
	CreatedTime                  time.Time
	EbsOptimized                 bool
}

// launchConfigOps are the launch configuration operations.
func (b *Backend) launchConfigOps() map[string]op {
	return map[string]op{
		"CreateLaunchConfiguration":    b.createLaunchConfig,
		"DescribeLaunchConfigurations": b.describeLaunchConfigs,
		"DeleteLaunchConfiguration":    b.deleteLaunchConfig,
	}
}

// createLaunchConfig answers CreateLaunchConfiguration. The image is
// not looked up here: a missing one fails the group's launches, as a
// Failed activity carrying EC2's message.
func (b *Backend) createLaunchConfig(r *fake.Request) (any, error) {
	var in createLaunchConfigInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	if err := checkName("LaunchConfigurationName", in.LaunchConfigurationName); err != nil {
		return nil, err
	}
	// InstanceId (copy an instance's settings) is typed any and refused
	// above, so ImageId and InstanceType are required here, as AWS
	// requires them without it (API Reference, CreateLaunchConfiguration).
	if in.ImageId == "" || in.InstanceType == "" {
		return nil, errValidation("Valid requests must contain either the InstanceID parameter or both the ImageId and InstanceType parameters.")
	}
	for _, m := range in.BlockDeviceMappings {
		if m.DeviceName == "" {
			return nil, errValidation("1 validation error detected: Value null at 'blockDeviceMappings.member.deviceName' failed to satisfy constraint: Member must not be null")
		}
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.launchConfigs[in.LaunchConfigurationName]; ok {
		return nil, errAlreadyExists("Launch Configuration by this name already exists - A launch configuration already exists with the name %s", in.LaunchConfigurationName)
	}
	if len(st.launchConfigs) >= maxLaunchConfigs {
		return nil, errLimitExceeded("Max number of launch configurations reached (%d)", maxLaunchConfigs)
	}
	st.launchConfigs[in.LaunchConfigurationName] = &launchConfig{
		name: in.LaunchConfigurationName, created: r.Now, in: in,
		arn: fmt.Sprintf("arn:aws:autoscaling:%s:%s:launchConfiguration:%s:launchConfigurationName/%s", r.Region, r.Account(), newUUID(), in.LaunchConfigurationName),
	}
	return nil, nil
}

func (lc *launchConfig) out() launchConfigOut {
	in := lc.in
	o := launchConfigOut{LaunchConfigurationName: lc.name, LaunchConfigurationARN: lc.arn, ImageId: in.ImageId,
		KeyName: in.KeyName, SecurityGroups: orEmpty(in.SecurityGroups), ClassicLinkVPCSecurityGroups: []string{},
		UserData: in.UserData, InstanceType: in.InstanceType, BlockDeviceMappings: in.BlockDeviceMappings,
		InstanceMonitoring: &instanceMonitoring{Enabled: ptr(true)}, CreatedTime: lc.created, EbsOptimized: deref(in.EbsOptimized)}
	if o.BlockDeviceMappings == nil {
		o.BlockDeviceMappings = []blockDeviceMapping{}
	}
	// Detailed monitoring is on unless turned off (API Reference,
	// InstanceMonitoring: "The default value is true (enabled)").
	if in.InstanceMonitoring != nil && in.InstanceMonitoring.Enabled != nil {
		o.InstanceMonitoring.Enabled = in.InstanceMonitoring.Enabled
	}
	if in.IamInstanceProfile != "" {
		o.IamInstanceProfile = ptr(in.IamInstanceProfile)
	}
	return o
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

type describeLaunchConfigsInput struct {
	LaunchConfigurationNames []string
	NextToken                string
	MaxRecords               *int32
}

type describeLaunchConfigsOutput struct {
	LaunchConfigurations []launchConfigOut
	NextToken            *string
}

// describeLaunchConfigs answers DescribeLaunchConfigurations, in name
// order, 50 a page unless MaxRecords (at most 100) says otherwise.
func (b *Backend) describeLaunchConfigs(r *fake.Request) (any, error) {
	var in describeLaunchConfigsInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	var all []*launchConfig
	for _, lc := range st.launchConfigs {
		if len(in.LaunchConfigurationNames) == 0 || slices.Contains(in.LaunchConfigurationNames, lc.name) {
			all = append(all, lc)
		}
	}
	slices.SortFunc(all, func(a, b *launchConfig) int { return strings.Compare(a.name, b.name) })
	pg, next, err := page(all, func(lc *launchConfig) string { return lc.name }, in.NextToken, in.MaxRecords, 50, 100)
	if err != nil {
		return nil, err
	}
	out := &describeLaunchConfigsOutput{LaunchConfigurations: []launchConfigOut{}, NextToken: next}
	for _, lc := range pg {
		out.LaunchConfigurations = append(out.LaunchConfigurations, lc.out())
	}
	return out, nil
}

type deleteLaunchConfigInput struct {
	LaunchConfigurationName string
}

// deleteLaunchConfig answers DeleteLaunchConfiguration: ResourceInUse
// while a group (one being deleted too) uses it.
func (b *Backend) deleteLaunchConfig(r *fake.Request) (any, error) {
	var in deleteLaunchConfigInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.launchConfigs[in.LaunchConfigurationName]; !ok {
		return nil, errValidation("Launch configuration name not found - Launch configuration %s not found", in.LaunchConfigurationName)
	}
	for _, g := range sortedGroups(st) {
		if g.launchConfig == in.LaunchConfigurationName {
			return nil, errResourceInUse("Cannot delete launch configuration %s because it is attached to AutoScalingGroup %s", in.LaunchConfigurationName, g.name)
		}
	}
	delete(st.launchConfigs, in.LaunchConfigurationName)
	return nil, nil
}
