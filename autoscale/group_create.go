package autoscale

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/goboto/goboto"
)

// LaunchTemplate names an EC2 launch template and the version of it a
// group launches: by ID or by name (one, not both), and Version
// "$Latest", "$Default" or a version number ("3"); "" means "$Default".
// The template itself is EC2's (ec2.Conn.CreateLaunchTemplate).
type LaunchTemplate struct {
	ID, Name string
	Version  string
}

// The symbolic versions of a launch template.
const (
	VersionLatest  = "$Latest"
	VersionDefault = "$Default"
)

func templateFrom(x *types.LaunchTemplateSpecification) *LaunchTemplate {
	if x == nil {
		return nil
	}
	return &LaunchTemplate{ID: aws.ToString(x.LaunchTemplateId), Name: aws.ToString(x.LaunchTemplateName), Version: aws.ToString(x.Version)}
}

// check refuses a template named both or neither way, or a version that
// no template can have.
func (t *LaunchTemplate) check(field string) error {
	switch {
	case t.ID == "" && t.Name == "":
		return goboto.Invalid(field, "", "needs an ID or a Name")
	case t.ID != "" && t.Name != "":
		return goboto.Invalid(field, t.ID+" "+t.Name, "takes an ID or a Name, not both")
	case t.ID != "" && !strings.HasPrefix(t.ID, "lt-"):
		return goboto.Invalid(field+".ID", t.ID, "is not a launch template ID (lt-...)")
	case t.Name != "" && (len(t.Name) < 3 || len(t.Name) > 128):
		// EC2's LaunchTemplateName is 3-128 characters.
		return goboto.Invalid(field+".Name", t.Name, "must be 3-128 characters")
	}
	return checkVersion(field+".Version", t.Version)
}

// checkVersion refuses a version string no template can have: versions
// are $Latest, $Default or a positive number (EC2 numbers versions from 1).
func checkVersion(field, v string) error {
	switch v {
	case "", VersionLatest, VersionDefault:
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 || strconv.FormatInt(n, 10) != v {
		return goboto.Invalid(field, v, "must be $Latest, $Default or a version number from 1")
	}
	return nil
}

func (t *LaunchTemplate) v2() *types.LaunchTemplateSpecification {
	s := &types.LaunchTemplateSpecification{Version: aws.String(t.Version)}
	if t.Version == "" {
		s.Version = nil
	}
	if t.ID != "" {
		s.LaunchTemplateId = aws.String(t.ID)
	} else {
		s.LaunchTemplateName = aws.String(t.Name)
	}
	return s
}

// TemplateChecker tells whether a launch template's version exists,
// which only EC2 knows (DescribeLaunchTemplateVersions). Package
// autoscale does not import goboto's ec2; autoscale/asec2.Templates
// makes one from an ec2.Conn. CheckTemplate returns nil when t's
// version exists, a *goboto.ValidationError when it does not, or the
// error EC2 answered.
type TemplateChecker interface {
	CheckTemplate(ctx context.Context, t LaunchTemplate) error
}

// GroupOptions are the settings of Conn.CreateGroup.
type GroupOptions struct {
	// Name is the group's name: 1-255 characters, no colon.
	Name string
	// LaunchTemplate or LaunchConfiguration (the name of one), exactly
	// one, is what the group launches.
	LaunchTemplate      *LaunchTemplate
	LaunchConfiguration string
	// Templates, when set, checks before anything is sent that
	// LaunchTemplate's version exists (asec2.Templates(ec2conn)); without
	// it a missing version is AWS's ValidationError.
	Templates TemplateChecker
	// Zones (AvailabilityZones) or Subnets (VPCZoneIdentifier), or
	// both, say where instances launch; at least one is needed.
	Zones, Subnets []string
	// Min and Max bound the group's size; Desired is the size wanted,
	// Min when nil.
	Min, Max int
	Desired  *int
	// HealthCheckType is EC2 when "". HealthCheckGracePeriod is how long
	// a new instance's failed health checks are ignored (whole seconds;
	// 0 is AWS's default of 0 or, in the console, 300 s).
	HealthCheckType        HealthCheck
	HealthCheckGracePeriod time.Duration
	// DefaultCooldown is the pause after a scaling activity before
	// simple scaling may scale again (whole seconds; 0 means AWS's 300 s).
	DefaultCooldown time.Duration
	// DefaultInstanceWarmup, when not nil, is how long a new instance
	// in service still warms up: step and target tracking policies leave
	// it out of the capacity they scale out from, and do not scale in
	// until it is warm. Whole seconds, 0 to 1 hour; AWS recommends
	// setting it, even to 0. When nil, a policy's EstimatedInstanceWarmup
	// or else DefaultCooldown serves.
	DefaultInstanceWarmup *time.Duration
	TerminationPolicies   []TerminationPolicy
	LoadBalancerNames     []string
	TargetGroupARNs       []string
	// Tags are set on the group; those with PropagateAtLaunch are also
	// set on the instances it launches.
	Tags []Tag
	// NewInstancesProtected protects new instances from scale-in
	// (NewInstancesProtectedFromScaleIn).
	NewInstancesProtected bool
}

// maxTags is the most tags a group may have (AWS's quota of 50 per
// resource).
const maxTags = 50

// validate checks o before anything is sent.
func (o GroupOptions) validate() error {
	if err := checkName("AutoScalingGroupName", o.Name); err != nil {
		return err
	}
	switch {
	case o.LaunchTemplate == nil && o.LaunchConfiguration == "":
		return goboto.Invalid("LaunchTemplate", "", "a group needs a LaunchTemplate or a LaunchConfiguration")
	case o.LaunchTemplate != nil && o.LaunchConfiguration != "":
		return goboto.Invalid("LaunchConfigurationName", o.LaunchConfiguration, "a group takes a LaunchTemplate or a LaunchConfiguration, not both")
	case o.LaunchTemplate != nil:
		if err := o.LaunchTemplate.check("LaunchTemplate"); err != nil {
			return err
		}
	default:
		if err := checkName("LaunchConfigurationName", o.LaunchConfiguration); err != nil {
			return err
		}
	}
	if len(o.Zones) == 0 && len(o.Subnets) == 0 {
		return goboto.Invalid("Subnets", "", "a group needs Subnets or Zones to launch into")
	}
	for _, z := range o.Zones {
		if z == "" {
			return goboto.Invalid("Zones", z, "holds an empty zone name")
		}
	}
	for _, s := range o.Subnets {
		if !strings.HasPrefix(s, "subnet-") || strings.Contains(s, ",") {
			return goboto.Invalid("Subnets", s, "is not a subnet ID (subnet-...)")
		}
	}
	desired := o.Min
	if o.Desired != nil {
		desired = *o.Desired
	}
	if err := checkSizes(o.Min, o.Max, desired); err != nil {
		return err
	}
	if err := checkHealth(o.HealthCheckType); err != nil {
		return err
	}
	if err := checkSeconds("HealthCheckGracePeriod", o.HealthCheckGracePeriod); err != nil {
		return err
	}
	if err := checkSeconds("DefaultCooldown", o.DefaultCooldown); err != nil {
		return err
	}
	if o.DefaultInstanceWarmup != nil {
		if err := checkWarmup(*o.DefaultInstanceWarmup); err != nil {
			return err
		}
	}
	for _, p := range o.TerminationPolicies {
		if p == "" {
			return goboto.Invalid("TerminationPolicies", "", "holds an empty policy")
		}
	}
	return checkTags(o.Tags)
}

// checkSizes applies AWS's rule that 0 <= min <= desired <= max.
func checkSizes(min, max, desired int) error {
	itoa := strconv.Itoa
	switch {
	case min < 0:
		return goboto.Invalid("MinSize", itoa(min), "is negative")
	case max < 0:
		return goboto.Invalid("MaxSize", itoa(max), "is negative")
	case min > max:
		return goboto.Invalid("MinSize", itoa(min), "is above MaxSize "+itoa(max))
	case desired < min || desired > max:
		return goboto.Invalid("DesiredCapacity", itoa(desired), "is outside MinSize-MaxSize "+itoa(min)+"-"+itoa(max))
	}
	return nil
}

func checkHealth(h HealthCheck) error {
	switch h {
	case "", HealthCheckEC2, HealthCheckELB, HealthCheckVPCLattice, HealthCheckEBS:
		return nil
	}
	return goboto.Invalid("HealthCheckType", string(h), "must be EC2, ELB, VPC_LATTICE or EBS")
}

// checkSeconds refuses a negative duration or one that is not whole
// seconds, which AutoScaling's integer seconds cannot carry.
func checkSeconds(field string, d time.Duration) error {
	if d < 0 || d%time.Second != 0 || d > time.Duration(1<<31-1)*time.Second {
		return goboto.Invalid(field, d.String(), "must be whole seconds, 0 or more")
	}
	return nil
}

// maxWarmup is the longest default instance warmup (User Guide, "Set
// the default instance warmup for an Auto Scaling group": "specify a
// value, in seconds, from 0 to 3600").
const maxWarmup = time.Hour

// checkWarmup refuses a DefaultInstanceWarmup AWS cannot take.
func checkWarmup(d time.Duration) error {
	if d < 0 || d%time.Second != 0 || d > maxWarmup {
		return goboto.Invalid("DefaultInstanceWarmup", d.String(), "must be whole seconds from 0 to 1h")
	}
	return nil
}

func secs(d time.Duration) *int32 { return aws.Int32(int32(d / time.Second)) }

// CreateGroup creates an Auto Scaling group (CreateAutoScalingGroup) and
// returns its handle, filled in from what was asked and AWS's defaults
// (its ARN, creation time, instances, the zones of its subnets and the
// other name of its template come with a Refresh). AutoScaling then launches Desired
// instances: Wait(ctx, GroupStable) waits for them. A name in use is
// AlreadyExists; too many groups is LimitExceeded.
func (c *Conn) CreateGroup(ctx context.Context, o GroupOptions) (*Group, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	if err := o.validate(); err != nil {
		return nil, err
	}
	if o.Templates != nil && o.LaunchTemplate != nil {
		if err := o.Templates.CheckTemplate(ctx, *o.LaunchTemplate); err != nil {
			return nil, err
		}
	}
	desired := o.Min
	if o.Desired != nil {
		desired = *o.Desired
	}
	in := &autoscaling.CreateAutoScalingGroupInput{
		AutoScalingGroupName: aws.String(o.Name),
		MinSize:              aws.Int32(int32(o.Min)), MaxSize: aws.Int32(int32(o.Max)), DesiredCapacity: aws.Int32(int32(desired)),
		AvailabilityZones: o.Zones, LoadBalancerNames: o.LoadBalancerNames, TargetGroupARNs: o.TargetGroupARNs,
	}
	if o.LaunchTemplate != nil {
		in.LaunchTemplate = o.LaunchTemplate.v2()
	} else {
		in.LaunchConfigurationName = aws.String(o.LaunchConfiguration)
	}
	if len(o.Subnets) > 0 {
		in.VPCZoneIdentifier = aws.String(strings.Join(o.Subnets, ","))
	}
	if o.HealthCheckType != "" {
		in.HealthCheckType = aws.String(string(o.HealthCheckType))
	}
	if o.HealthCheckGracePeriod > 0 {
		in.HealthCheckGracePeriod = secs(o.HealthCheckGracePeriod)
	}
	if o.DefaultCooldown > 0 {
		in.DefaultCooldown = secs(o.DefaultCooldown)
	}
	if o.DefaultInstanceWarmup != nil {
		in.DefaultInstanceWarmup = secs(*o.DefaultInstanceWarmup)
	}
	for _, p := range o.TerminationPolicies {
		in.TerminationPolicies = append(in.TerminationPolicies, string(p))
	}
	for _, t := range o.Tags {
		in.Tags = append(in.Tags, t.v2(o.Name))
	}
	if o.NewInstancesProtected {
		in.NewInstancesProtectedFromScaleIn = aws.Bool(true)
	}
	if _, err := client.CreateAutoScalingGroup(ctx, in); err != nil {
		return nil, convert(err)
	}
	g := &Group{
		conn: c, Name: o.Name, LaunchConfigurationName: o.LaunchConfiguration,
		Min: o.Min, Max: o.Max, Desired: desired, Zones: o.Zones, Subnets: o.Subnets,
		HealthCheckType: o.HealthCheckType, HealthCheckGracePeriod: o.HealthCheckGracePeriod, DefaultCooldown: o.DefaultCooldown,
		TerminationPolicies: o.TerminationPolicies, LoadBalancerNames: o.LoadBalancerNames, TargetGroupARNs: o.TargetGroupARNs,
		NewInstancesProtected: o.NewInstancesProtected, loaded: true,
	}
	for _, t := range o.Tags {
		t.Group = o.Name // as DescribeAutoScalingGroups will name it
		g.Tags = append(g.Tags, t)
	}
	if g.HealthCheckType == "" {
		g.HealthCheckType = HealthCheckEC2
	}
	if g.DefaultCooldown == 0 {
		g.DefaultCooldown = 300 * time.Second
	}
	if o.DefaultInstanceWarmup != nil {
		w := *o.DefaultInstanceWarmup
		g.DefaultInstanceWarmup = &w
	}
	if o.LaunchTemplate != nil {
		t := *o.LaunchTemplate
		g.LaunchTemplate = &t
	}
	return g, nil
}
