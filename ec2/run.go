package ec2

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// MaxUserData is the most user data an instance takes, in bytes before
// base64 encoding.
const MaxUserData = 16 * 1024

// RunOptions describe a RunInstances call. Only ImageID is required, and
// not even that when Template gives it.
type RunOptions struct {
	ImageID string

	// Template, when set, is the launch template to start from (by its
	// ID, or its name when the handle has no ID), at TemplateVersion: a
	// number, LatestVersion, or the template's default when "". Every
	// other field set here overrides the template's; lists (security
	// groups, block devices, tags) as a whole. A version number past the
	// handle's LatestVersion, when that is known, is refused before
	// anything is sent.
	Template        *LaunchTemplate
	TemplateVersion string

	// Count is how many instances to launch, 1 when 0. MinCount, when
	// set, lets EC2 launch fewer, down to MinCount, if capacity is short;
	// otherwise it is Count, all or nothing.
	Count    int
	MinCount int

	KeyName          string
	SecurityGroups   []string // names, for EC2-Classic and default-VPC launches
	SecurityGroupIDs []string
	InstanceType     string // "t3.micro", ...; EC2's default when ""
	Zone             string // the availability zone, in the connection's region
	// SubnetID is the subnet to launch into (and so its VPC and zone);
	// without it, EC2 uses the default subnet of Zone, or of a zone it
	// picks, in the default VPC. Instances take private addresses from
	// the subnet's block.
	SubnetID string

	UserData     []byte // sent base64-encoded; at most MaxUserData bytes
	BlockDevices BlockDeviceMapping
	Monitoring   bool // detailed CloudWatch monitoring
	EBSOptimized bool

	// ClientToken makes the launch idempotent: EC2 answers a repeated
	// call with the same token with the first call's reservation instead
	// of launching again, and a call that reuses the token with other
	// options with IdempotentParameterMismatch. Tokens are per account
	// and region. When empty, RunInstances makes one up, once, so that
	// its own retries never launch twice. At most 64 ASCII characters.
	ClientToken string

	// Tags are put on each instance as it launches.
	Tags Tags
}

// RunInstances launches instances (RunInstances) and returns their
// reservation. The instances are usually pending; Instance.Wait
// waits for them to run.
//
// opts are checked before anything is sent: the image ID's shape, the
// counts, the zone's region, the user data's size, the block-device
// mapping (see BlockDeviceMapping) and the client token. The instance
// type is checked against goboto's catalog of common types (the one
// ec2test serves): a size its family does not have, and an instance-store
// device ("ephemeral2") the type does not have, are refused; a family the
// catalog does not hold is left to EC2.
func (c *Conn) RunInstances(ctx context.Context, opts RunOptions) (*Reservation, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	in, err := c.runInput(opts)
	if err != nil {
		return nil, err
	}
	out, err := client.RunInstances(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	v := types.Reservation{
		ReservationId: out.ReservationId, OwnerId: out.OwnerId, RequesterId: out.RequesterId,
		Groups: out.Groups, Instances: out.Instances,
	}
	return c.reservationFromV2(v), nil
}

// runInput checks opts and builds the request, client token included.
func (c *Conn) runInput(o RunOptions) (*ec2.RunInstancesInput, error) {
	if o.ImageID != "" || o.Template == nil {
		if err := validImageID(o.ImageID); err != nil {
			return nil, err
		}
	}
	var tmpl *types.LaunchTemplateSpecification
	switch {
	case o.Template != nil:
		if err := o.Template.refErr(); err != nil {
			return nil, err
		}
		if err := o.Template.validVersion("TemplateVersion", o.TemplateVersion); err != nil {
			return nil, err
		}
		tmpl = &types.LaunchTemplateSpecification{}
		if o.Template.ID != "" {
			tmpl.LaunchTemplateId = aws.String(o.Template.ID)
		} else {
			tmpl.LaunchTemplateName = aws.String(o.Template.Name)
		}
		if o.TemplateVersion != "" {
			tmpl.Version = aws.String(o.TemplateVersion)
		}
	case o.TemplateVersion != "":
		return nil, goboto.Invalid("TemplateVersion", o.TemplateVersion, "needs a Template")
	}
	count, minCount := o.Count, o.MinCount
	if count < 0 {
		return nil, goboto.Invalid("Count", strconv.Itoa(count), "must not be negative")
	}
	if count == 0 {
		count = 1
	}
	switch {
	case minCount < 0:
		return nil, goboto.Invalid("MinCount", strconv.Itoa(minCount), "must not be negative")
	case minCount == 0:
		minCount = count
	case minCount > count:
		return nil, goboto.Invalid("MinCount", strconv.Itoa(minCount), "must not exceed Count ("+strconv.Itoa(count)+")")
	}
	if err := validZone("Zone", c.region, o.Zone); err != nil {
		return nil, err
	}
	if o.SubnetID != "" {
		if err := validID("SubnetID", "subnet", o.SubnetID); err != nil {
			return nil, err
		}
	}
	if len(o.UserData) > MaxUserData {
		return nil, goboto.Invalid("UserData", strconv.Itoa(len(o.UserData))+" bytes", "exceeds "+strconv.Itoa(MaxUserData)+" bytes")
	}
	if err := validBlockDevices(o.BlockDevices); err != nil {
		return nil, err
	}
	if err := checkLaunchType("InstanceType", o.InstanceType, "", o.BlockDevices); err != nil {
		return nil, err
	}
	if err := validTags("Tags", o.Tags); err != nil {
		return nil, err
	}
	token := o.ClientToken
	if token == "" {
		token = newClientToken()
	} else if err := validClientToken(token); err != nil {
		return nil, err
	}
	in := &ec2.RunInstancesInput{
		LaunchTemplate:      tmpl,
		MinCount:            aws.Int32(int32(minCount)),
		MaxCount:            aws.Int32(int32(count)),
		SecurityGroups:      o.SecurityGroups,
		SecurityGroupIds:    o.SecurityGroupIDs,
		BlockDeviceMappings: blockDevicesV2(o.BlockDevices),
		ClientToken:         aws.String(token),
	}
	if o.ImageID != "" {
		in.ImageId = aws.String(o.ImageID)
	}
	if o.KeyName != "" {
		in.KeyName = aws.String(o.KeyName)
	}
	if o.InstanceType != "" {
		in.InstanceType = types.InstanceType(o.InstanceType)
	}
	if o.Zone != "" {
		in.Placement = &types.Placement{AvailabilityZone: aws.String(o.Zone)}
	}
	if o.SubnetID != "" {
		in.SubnetId = aws.String(o.SubnetID)
	}
	if len(o.UserData) > 0 {
		// The v2 client sends UserData as given; EC2 wants it base64.
		in.UserData = aws.String(base64.StdEncoding.EncodeToString(o.UserData))
	}
	if o.Monitoring {
		in.Monitoring = &types.RunInstancesMonitoringEnabled{Enabled: aws.Bool(true)}
	}
	if o.EBSOptimized {
		in.EbsOptimized = aws.Bool(true)
	}
	if len(o.Tags) > 0 {
		in.TagSpecifications = []types.TagSpecification{{ResourceType: types.ResourceTypeInstance, Tags: o.Tags.v2()}}
	}
	return in, nil
}

// newClientToken returns 32 random hex digits.
func newClientToken() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand, Go 1.24+)
	return hex.EncodeToString(b[:])
}

func validClientToken(t string) error { return validToken(t, 64) }

// validToken checks a client token of at most max printable ASCII
// characters.
func validToken(t string, max int) error {
	if len(t) > max {
		return goboto.Invalid("ClientToken", t, "is longer than "+strconv.Itoa(max)+" characters")
	}
	for i := 0; i < len(t); i++ {
		if t[i] < 0x20 || t[i] > 0x7e {
			return goboto.Invalid("ClientToken", t, "must be printable ASCII")
		}
	}
	return nil
}
