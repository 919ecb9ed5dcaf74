package autoscale

import (
	"context"
	"encoding/base64"
	"iter"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/goboto/goboto"
)

// NotFoundLaunchConfiguration is the code of the *goboto.APIError
// LaunchConfiguration.Refresh returns for a configuration
// DescribeLaunchConfigurations does not list.
const NotFoundLaunchConfiguration = "LaunchConfigurationNotFound"

// maxUserData is the most user data a launch configuration takes, in
// base64 characters (the model's XmlStringUserData).
const maxUserData = 21847

// LaunchConfiguration is a launch configuration, kept for
// compatibility: AWS refuses to create them in accounts made since
// 2024-10-01, where groups launch from EC2 launch templates. Conn.
// LaunchConfiguration makes one with no I/O; exported fields are the
// last answer seen.
type LaunchConfiguration struct {
	conn *Conn

	Name           string
	ARN            string
	ImageID        string
	InstanceType   string
	KeyName        string
	SecurityGroups []string
	// UserData is decoded from the base64 AWS keeps.
	UserData        []byte
	InstanceProfile string
	BlockDevices    BlockDeviceMapping
	// Monitoring is detailed (one-minute) monitoring.
	Monitoring        bool
	EBSOptimized      bool
	AssociatePublicIP *bool
	SpotPrice         string
	CreatedTime       time.Time
}

// LaunchConfigOptions are the settings of Conn.CreateLaunchConfiguration.
type LaunchConfigOptions struct {
	// Name: 1-255 characters, no colon.
	Name         string
	ImageID      string
	InstanceType string
	KeyName      string
	// SecurityGroups are group IDs (sg-...) or, in a default VPC, names.
	SecurityGroups []string
	// UserData is sent base64-encoded, as AWS requires; at most 21847
	// characters once encoded.
	UserData        []byte
	InstanceProfile string
	BlockDevices    BlockDeviceMapping
	// Monitoring turns on detailed monitoring; AWS's default is on, so
	// nil leaves it on.
	Monitoring        *bool
	EBSOptimized      bool
	AssociatePublicIP *bool
	// SpotPrice, when set, launches Spot Instances at up to this hourly
	// price ("0.05").
	SpotPrice string
}

func (o LaunchConfigOptions) validate() error {
	if err := checkName("LaunchConfigurationName", o.Name); err != nil {
		return err
	}
	switch {
	case o.ImageID == "":
		return goboto.Invalid("ImageId", "", "is required")
	case !strings.HasPrefix(o.ImageID, "ami-"):
		return goboto.Invalid("ImageId", o.ImageID, "is not an AMI ID (ami-...)")
	case o.InstanceType == "":
		return goboto.Invalid("InstanceType", "", "is required")
	case base64.StdEncoding.EncodedLen(len(o.UserData)) > maxUserData:
		return goboto.Invalid("UserData", "", "is longer than 21847 characters once base64-encoded")
	case len(o.SpotPrice) > 255:
		return goboto.Invalid("SpotPrice", o.SpotPrice, "is longer than 255 characters")
	}
	for _, sg := range o.SecurityGroups {
		if sg == "" {
			return goboto.Invalid("SecurityGroups", "", "holds an empty group")
		}
	}
	return validBlockDevices(o.BlockDevices)
}

// CreateLaunchConfiguration creates a launch configuration
// (CreateLaunchConfiguration) and returns its handle, filled in from
// what was asked. A name in use is AlreadyExists.
func (c *Conn) CreateLaunchConfiguration(ctx context.Context, o LaunchConfigOptions) (*LaunchConfiguration, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	if err := o.validate(); err != nil {
		return nil, err
	}
	in := &autoscaling.CreateLaunchConfigurationInput{
		LaunchConfigurationName: aws.String(o.Name), ImageId: aws.String(o.ImageID), InstanceType: aws.String(o.InstanceType),
		SecurityGroups: o.SecurityGroups, BlockDeviceMappings: blockDevicesV2(o.BlockDevices), AssociatePublicIpAddress: o.AssociatePublicIP,
	}
	if o.KeyName != "" {
		in.KeyName = aws.String(o.KeyName)
	}
	if len(o.UserData) > 0 {
		in.UserData = aws.String(base64.StdEncoding.EncodeToString(o.UserData))
	}
	if o.InstanceProfile != "" {
		in.IamInstanceProfile = aws.String(o.InstanceProfile)
	}
	if o.Monitoring != nil {
		in.InstanceMonitoring = &types.InstanceMonitoring{Enabled: o.Monitoring}
	}
	if o.EBSOptimized {
		in.EbsOptimized = aws.Bool(true)
	}
	if o.SpotPrice != "" {
		in.SpotPrice = aws.String(o.SpotPrice)
	}
	if _, err := client.CreateLaunchConfiguration(ctx, in); err != nil {
		return nil, convert(err)
	}
	return &LaunchConfiguration{conn: c, Name: o.Name, ImageID: o.ImageID, InstanceType: o.InstanceType, KeyName: o.KeyName,
		SecurityGroups: o.SecurityGroups, UserData: o.UserData, InstanceProfile: o.InstanceProfile, BlockDevices: o.BlockDevices,
		Monitoring: o.Monitoring == nil || *o.Monitoring, EBSOptimized: o.EBSOptimized, AssociatePublicIP: o.AssociatePublicIP,
		SpotPrice: o.SpotPrice}, nil
}

// LaunchConfiguration returns a handle to the launch configuration
// called name, without looking it up.
func (c *Conn) LaunchConfiguration(name string) *LaunchConfiguration {
	return &LaunchConfiguration{conn: c, Name: name}
}

// Conn returns the connection the launch configuration was made by.
func (l *LaunchConfiguration) Conn() *Conn {
	if l == nil {
		return nil
	}
	return l.conn
}

// String returns "LaunchConfiguration:<name>".
func (l *LaunchConfiguration) String() string {
	if l == nil {
		return "LaunchConfiguration:<nil>"
	}
	return "LaunchConfiguration:" + l.Name
}

func (l *LaunchConfiguration) api() (*autoscaling.Client, error) {
	if l == nil {
		return nil, goboto.Invalid("LaunchConfiguration", "", "is nil: make handles with Conn.LaunchConfiguration")
	}
	client, err := l.conn.api()
	if err != nil {
		return nil, err
	}
	return client, checkName("LaunchConfigurationName", l.Name)
}

func (c *Conn) launchConfigFrom(x types.LaunchConfiguration) *LaunchConfiguration {
	l := &LaunchConfiguration{conn: c, Name: aws.ToString(x.LaunchConfigurationName), ARN: aws.ToString(x.LaunchConfigurationARN),
		ImageID: aws.ToString(x.ImageId), InstanceType: aws.ToString(x.InstanceType), KeyName: aws.ToString(x.KeyName),
		SecurityGroups: x.SecurityGroups, InstanceProfile: aws.ToString(x.IamInstanceProfile),
		BlockDevices: blockDevicesFrom(x.BlockDeviceMappings), EBSOptimized: aws.ToBool(x.EbsOptimized),
		AssociatePublicIP: x.AssociatePublicIpAddress, SpotPrice: aws.ToString(x.SpotPrice), CreatedTime: aws.ToTime(x.CreatedTime)}
	if x.InstanceMonitoring != nil {
		l.Monitoring = aws.ToBool(x.InstanceMonitoring.Enabled)
	}
	if s := aws.ToString(x.UserData); s != "" {
		// AWS keeps user data as it was sent; data not sent by goboto
		// may not be base64, and is then kept as it is.
		if b, err := base64.StdEncoding.DecodeString(s); err == nil {
			l.UserData = b
		} else {
			l.UserData = []byte(s)
		}
	}
	return l
}

// Refresh reads the launch configuration again
// (DescribeLaunchConfigurations by name). One that does not exist is a
// *goboto.APIError with code NotFoundLaunchConfiguration.
func (l *LaunchConfiguration) Refresh(ctx context.Context) error {
	client, err := l.api()
	if err != nil {
		return err
	}
	return describeOne(ctx, client.DescribeLaunchConfigurations,
		&autoscaling.DescribeLaunchConfigurationsInput{LaunchConfigurationNames: []string{l.Name}},
		func(out *autoscaling.DescribeLaunchConfigurationsOutput) ([]types.LaunchConfiguration, middleware.Metadata) {
			return out.LaunchConfigurations, out.ResultMetadata
		},
		func(x types.LaunchConfiguration) *string { return x.LaunchConfigurationName }, l.Name,
		func(x types.LaunchConfiguration) { *l = *l.conn.launchConfigFrom(x) },
		notFound{"DescribeLaunchConfigurations", NotFoundLaunchConfiguration, "Launch configuration " + l.Name + " does not exist"})
}

// Delete deletes the launch configuration (DeleteLaunchConfiguration).
// One a group uses is refused by AWS with ResourceInUse.
func (l *LaunchConfiguration) Delete(ctx context.Context) error {
	client, err := l.api()
	if err != nil {
		return err
	}
	_, err = client.DeleteLaunchConfiguration(ctx, &autoscaling.DeleteLaunchConfigurationInput{LaunchConfigurationName: aws.String(l.Name)})
	return convert(err)
}

// LaunchConfigurations lists the region's launch configurations
// (DescribeLaunchConfigurations), lazily, a page of PageSize (at most
// 100) at a time. It takes Names.
func (c *Conn) LaunchConfigurations(ctx context.Context, opts ...ListOption) iter.Seq2[*LaunchConfiguration, error] {
	return paged(ctx, c.api, listing{max: 100, takes: []string{takesNames}}, opts,
		func(client *autoscaling.Client, o ListOptions) (pager[*autoscaling.DescribeLaunchConfigurationsOutput], error) {
			return autoscaling.NewDescribeLaunchConfigurationsPaginator(client, &autoscaling.DescribeLaunchConfigurationsInput{
				LaunchConfigurationNames: o.Names, MaxRecords: o.maxRecords()}), nil
		},
		func(out *autoscaling.DescribeLaunchConfigurationsOutput) []types.LaunchConfiguration {
			return out.LaunchConfigurations
		},
		c.launchConfigFrom)
}
