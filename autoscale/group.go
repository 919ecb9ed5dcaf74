package autoscale

import (
	"context"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/goboto/goboto"
)

// NotFoundGroup is the code of the *goboto.APIError Group.Refresh
// returns for a group DescribeAutoScalingGroups does not list: AWS
// answers such a Describe with an empty list, not an error, so goboto
// names the case (goboto.IsNotFound is true for it).
const NotFoundGroup = "AutoScalingGroupNotFound"

// Group is an Auto Scaling group. It is cheap to make (Conn.Group) and
// does no I/O until a method asks; exported fields are the last answer
// seen (DescribeAutoScalingGroups), filled by Refresh, CreateGroup and
// Conn.Groups.
type Group struct {
	conn *Conn
	Name string

	ARN string
	// LaunchTemplate is the template the group launches from, or nil for
	// a group on a launch configuration (LaunchConfigurationName) or a
	// mixed instances policy.
	LaunchTemplate          *LaunchTemplate
	LaunchConfigurationName string
	Min, Max, Desired       int
	// Instances are the group's instances as the last Describe listed
	// them, with their lifecycle state and health.
	Instances []*Instance
	// Zones are the group's Availability Zones; Subnets its VPC subnets
	// (VPCZoneIdentifier), empty when it launches into zones' default
	// subnets.
	Zones, Subnets         []string
	HealthCheckType        HealthCheck
	HealthCheckGracePeriod time.Duration
	DefaultCooldown        time.Duration
	// DefaultInstanceWarmup is the group's default instance warmup, nil
	// when it has none.
	DefaultInstanceWarmup *time.Duration
	TerminationPolicies   []TerminationPolicy
	LoadBalancerNames     []string
	TargetGroupARNs       []string
	Tags                  []Tag
	SuspendedProcesses    []SuspendedProcess
	// NewInstancesProtected is NewInstancesProtectedFromScaleIn.
	NewInstancesProtected bool
	// Status is "Delete in progress" while a deletion runs, else "".
	Status      string
	CreatedTime time.Time

	// loaded says the capacity fields come from AWS, so Update and
	// SetDesiredCapacity can check the resize rules against them.
	loaded bool
}

// HealthCheck is how a group decides an instance is healthy
// (HealthCheckType).
type HealthCheck string

// The health check types. EC2 status checks are always on; the others
// add to them.
const (
	HealthCheckEC2        HealthCheck = "EC2"
	HealthCheckELB        HealthCheck = "ELB"
	HealthCheckVPCLattice HealthCheck = "VPC_LATTICE"
	HealthCheckEBS        HealthCheck = "EBS"
)

// TerminationPolicy chooses which instance a scale-in terminates. A
// Lambda function's ARN is a custom policy.
type TerminationPolicy string

// The termination policies AWS defines.
const (
	TerminateDefault                   TerminationPolicy = "Default"
	TerminateAllocationStrategy        TerminationPolicy = "AllocationStrategy"
	TerminateOldestLaunchTemplate      TerminationPolicy = "OldestLaunchTemplate"
	TerminateOldestLaunchConfiguration TerminationPolicy = "OldestLaunchConfiguration"
	TerminateClosestToNextInstanceHour TerminationPolicy = "ClosestToNextInstanceHour"
	TerminateNewestInstance            TerminationPolicy = "NewestInstance"
	TerminateOldestInstance            TerminationPolicy = "OldestInstance"
)

// SuspendedProcess is a process suspended on a group, with AWS's reason
// ("User suspended at 2026-12-06T15:00:00Z").
type SuspendedProcess struct {
	Process Process
	Reason  string
}

// Group returns a handle to the group called name, without looking it up.
func (c *Conn) Group(name string) *Group { return &Group{conn: c, Name: name} }

// Conn returns the connection the group was made by.
func (g *Group) Conn() *Conn {
	if g == nil {
		return nil
	}
	return g.conn
}

// String returns "Group:<name>".
func (g *Group) String() string {
	if g == nil {
		return "Group:<nil>"
	}
	return "Group:" + g.Name
}

// api returns the client to send with, or a *goboto.ValidationError for
// a handle not made by a Conn or one with no name.
func (g *Group) api() (*autoscaling.Client, error) {
	if g == nil {
		return nil, goboto.Invalid("Group", "", "is nil: make handles with Conn.Group")
	}
	client, err := g.conn.api()
	if err != nil {
		return nil, err
	}
	if g.Name == "" {
		return nil, goboto.Invalid("AutoScalingGroupName", "", "is empty")
	}
	return client, nil
}

// namedAPI is api with the name checked as AutoScaling names are
// (checkName), for the calls that take the group by name alone.
func (g *Group) namedAPI() (*autoscaling.Client, error) {
	client, err := g.api()
	if err != nil {
		return nil, err
	}
	return client, checkName("AutoScalingGroupName", g.Name)
}

// Refresh reads the group again (DescribeAutoScalingGroups by name). A
// group that does not exist is a *goboto.APIError with code
// NotFoundGroup, for which goboto.IsNotFound is true.
func (g *Group) Refresh(ctx context.Context) error {
	client, err := g.namedAPI()
	if err != nil {
		return err
	}
	return describeOne(ctx, client.DescribeAutoScalingGroups,
		&autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{g.Name}},
		func(out *autoscaling.DescribeAutoScalingGroupsOutput) ([]types.AutoScalingGroup, middleware.Metadata) {
			return out.AutoScalingGroups, out.ResultMetadata
		},
		func(x types.AutoScalingGroup) *string { return x.AutoScalingGroupName }, g.Name, g.fill,
		notFound{"DescribeAutoScalingGroups", NotFoundGroup, "Auto Scaling group " + g.Name + " does not exist"})
}

// Groups lists the region's groups (DescribeAutoScalingGroups), lazily,
// a page of PageSize (at most 100) at a time. It takes Names (at most
// 50) and Tags (WithTag: the tag:<key> and tag-key filters).
func (c *Conn) Groups(ctx context.Context, opts ...ListOption) iter.Seq2[*Group, error] {
	return paged(ctx, c.api, listing{max: 100, takes: []string{takesNames, takesTags}}, opts,
		func(client *autoscaling.Client, o ListOptions) (pager[*autoscaling.DescribeAutoScalingGroupsOutput], error) {
			return autoscaling.NewDescribeAutoScalingGroupsPaginator(client, &autoscaling.DescribeAutoScalingGroupsInput{
				AutoScalingGroupNames: o.Names, Filters: tagFilters(o.Tags), MaxRecords: o.maxRecords()}), nil
		},
		func(out *autoscaling.DescribeAutoScalingGroupsOutput) []types.AutoScalingGroup {
			return out.AutoScalingGroups
		},
		c.groupFrom)
}

// tagFilters turns ListOptions.Tags into DescribeAutoScalingGroups's
// filters, in key order so a request is the same for the same options.
func tagFilters(tags map[string][]string) []types.Filter {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var fs []types.Filter
	for _, k := range keys {
		if len(tags[k]) == 0 {
			fs = append(fs, types.Filter{Name: aws.String("tag-key"), Values: []string{k}})
			continue
		}
		fs = append(fs, types.Filter{Name: aws.String("tag:" + k), Values: tags[k]})
	}
	return fs
}

func (c *Conn) groupFrom(x types.AutoScalingGroup) *Group {
	g := &Group{conn: c}
	g.fill(x)
	return g
}

func (g *Group) fill(x types.AutoScalingGroup) {
	*g = Group{
		conn: g.conn, Name: aws.ToString(x.AutoScalingGroupName), ARN: aws.ToString(x.AutoScalingGroupARN),
		LaunchTemplate: templateFrom(x.LaunchTemplate), LaunchConfigurationName: aws.ToString(x.LaunchConfigurationName),
		Min: int(aws.ToInt32(x.MinSize)), Max: int(aws.ToInt32(x.MaxSize)), Desired: int(aws.ToInt32(x.DesiredCapacity)),
		Zones: x.AvailabilityZones, HealthCheckType: HealthCheck(aws.ToString(x.HealthCheckType)),
		HealthCheckGracePeriod: seconds(x.HealthCheckGracePeriod), DefaultCooldown: seconds(x.DefaultCooldown),
		LoadBalancerNames: x.LoadBalancerNames, TargetGroupARNs: x.TargetGroupARNs,
		NewInstancesProtected: aws.ToBool(x.NewInstancesProtectedFromScaleIn),
		Status:                aws.ToString(x.Status), CreatedTime: aws.ToTime(x.CreatedTime), loaded: true,
	}
	if x.DefaultInstanceWarmup != nil {
		w := seconds(x.DefaultInstanceWarmup)
		g.DefaultInstanceWarmup = &w
	}
	if s := aws.ToString(x.VPCZoneIdentifier); s != "" {
		g.Subnets = strings.Split(s, ",")
	}
	for _, p := range x.TerminationPolicies {
		g.TerminationPolicies = append(g.TerminationPolicies, TerminationPolicy(p))
	}
	for _, t := range x.Tags {
		g.Tags = append(g.Tags, tagFrom(t))
	}
	for _, p := range x.SuspendedProcesses {
		g.SuspendedProcesses = append(g.SuspendedProcesses,
			SuspendedProcess{Process: Process(aws.ToString(p.ProcessName)), Reason: aws.ToString(p.SuspensionReason)})
	}
	for _, i := range x.Instances {
		g.Instances = append(g.Instances, g.conn.memberFrom(g.Name, i))
	}
}

func seconds(n *int32) time.Duration { return time.Duration(aws.ToInt32(n)) * time.Second }

// DeleteOptions are the settings of Group.Delete.
type DeleteOptions struct {
	// Force deletes the group with its instances, terminating them,
	// and with any lifecycle actions outstanding (ForceDelete).
	Force bool
}

// DeleteOption changes DeleteOptions.
type DeleteOption func(*DeleteOptions)

// ForceDelete deletes a group that still has instances, terminating
// them (ForceDelete).
func ForceDelete() DeleteOption { return func(o *DeleteOptions) { o.Force = true } }

// Delete deletes the group (DeleteAutoScalingGroup). A group with
// instances, or with a scaling activity in progress, is refused by AWS
// (ResourceInUse, ScalingActivityInProgress) unless ForceDelete is
// given; ShutdownInstances empties a group first. The deletion runs on:
// Wait(ctx, GroupDeleted) waits for its end.
func (g *Group) Delete(ctx context.Context, opts ...DeleteOption) error {
	client, err := g.namedAPI()
	if err != nil {
		return err
	}
	o := applyOpts(opts)
	in := &autoscaling.DeleteAutoScalingGroupInput{AutoScalingGroupName: aws.String(g.Name)}
	if o.Force {
		in.ForceDelete = aws.Bool(true)
	}
	_, err = client.DeleteAutoScalingGroup(ctx, in)
	return convert(err)
}
