package autoscale

import (
	"context"
	"iter"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/goboto/goboto"
)

// NotFoundInstance is the code of the *goboto.APIError Instance.Refresh
// returns for an instance in no group: DescribeAutoScalingInstances
// answers it with an empty list.
const NotFoundInstance = "AutoScalingInstanceNotFound"

// LifecycleState is where an instance is in its group's lifecycle.
type LifecycleState string

// The lifecycle states. Pending:Wait and Terminating:Wait hold an
// instance for a lifecycle hook until it is completed or times out.
const (
	InstancePending            LifecycleState = "Pending"
	InstancePendingWait        LifecycleState = "Pending:Wait"
	InstancePendingProceed     LifecycleState = "Pending:Proceed"
	InstanceQuarantined        LifecycleState = "Quarantined"
	InstanceInService          LifecycleState = "InService"
	InstanceTerminating        LifecycleState = "Terminating"
	InstanceTerminatingWait    LifecycleState = "Terminating:Wait"
	InstanceTerminatingProceed LifecycleState = "Terminating:Proceed"
	InstanceTerminated         LifecycleState = "Terminated"
	InstanceDetaching          LifecycleState = "Detaching"
	InstanceDetached           LifecycleState = "Detached"
	InstanceEnteringStandby    LifecycleState = "EnteringStandby"
	InstanceStandby            LifecycleState = "Standby"
)

// Health is an instance's health status as its group sees it.
type Health string

// The health statuses.
const (
	Healthy   Health = "Healthy"
	Unhealthy Health = "Unhealthy"
)

// Instance is an EC2 instance in an Auto Scaling group. ID is the EC2
// instance ID: with goboto's ec2 package, ec2conn.Instance(inst.ID) is
// the EC2 handle (autoscale/asec2.Instances yields those for a whole
// group). Conn.Instance makes one with no I/O; exported fields are the
// last answer seen.
type Instance struct {
	conn *Conn

	ID             string
	GroupName      string
	Zone           string
	LifecycleState LifecycleState
	Health         Health
	// Protected is ProtectedFromScaleIn.
	Protected               bool
	InstanceType            string
	LaunchTemplate          *LaunchTemplate
	LaunchConfigurationName string
}

// Instance returns a handle to the group member whose EC2 instance ID is
// id, without looking it up.
func (c *Conn) Instance(id string) *Instance { return &Instance{conn: c, ID: id} }

// Conn returns the connection the instance was found by.
func (i *Instance) Conn() *Conn {
	if i == nil {
		return nil
	}
	return i.conn
}

// String returns "Instance:<id>", with the lifecycle state when known.
func (i *Instance) String() string {
	if i == nil {
		return "Instance:<nil>"
	}
	if i.LifecycleState == "" {
		return "Instance:" + i.ID
	}
	return "Instance:" + i.ID + "[" + string(i.LifecycleState) + "]"
}

func (i *Instance) api() (*autoscaling.Client, error) {
	if i == nil {
		return nil, goboto.Invalid("Instance", "", "is nil: make handles with Conn.Instance")
	}
	client, err := i.conn.api()
	if err != nil {
		return nil, err
	}
	return client, checkInstanceID("InstanceId", i.ID)
}

// checkInstanceID refuses what cannot be an EC2 instance ID.
func checkInstanceID(field, id string) error {
	if !strings.HasPrefix(id, "i-") || len(id) > 19 {
		return goboto.Invalid(field, id, "is not an EC2 instance ID (i-...)")
	}
	return nil
}

func checkInstanceIDs(ids []string) error {
	if len(ids) == 0 {
		return goboto.Invalid("InstanceIds", "", "is empty")
	}
	if len(ids) > 20 {
		// Attach, Detach, EnterStandby, ExitStandby and
		// SetInstanceProtection take at most 20 instances.
		return goboto.Invalid("InstanceIds", strconv.Itoa(len(ids)), "more than 20 instances in one call")
	}
	for _, id := range ids {
		if err := checkInstanceID("InstanceIds", id); err != nil {
			return err
		}
	}
	return nil
}

func (c *Conn) memberFrom(group string, x types.Instance) *Instance {
	return &Instance{conn: c, ID: aws.ToString(x.InstanceId), GroupName: group, Zone: aws.ToString(x.AvailabilityZone),
		LifecycleState: LifecycleState(x.LifecycleState), Health: Health(aws.ToString(x.HealthStatus)),
		Protected: aws.ToBool(x.ProtectedFromScaleIn), InstanceType: aws.ToString(x.InstanceType),
		LaunchTemplate: templateFrom(x.LaunchTemplate), LaunchConfigurationName: aws.ToString(x.LaunchConfigurationName)}
}

func (c *Conn) instanceFrom(x types.AutoScalingInstanceDetails) *Instance {
	return &Instance{conn: c, ID: aws.ToString(x.InstanceId), GroupName: aws.ToString(x.AutoScalingGroupName),
		Zone: aws.ToString(x.AvailabilityZone), LifecycleState: LifecycleState(aws.ToString(x.LifecycleState)),
		Health: Health(aws.ToString(x.HealthStatus)), Protected: aws.ToBool(x.ProtectedFromScaleIn),
		InstanceType: aws.ToString(x.InstanceType), LaunchTemplate: templateFrom(x.LaunchTemplate),
		LaunchConfigurationName: aws.ToString(x.LaunchConfigurationName)}
}

// Refresh reads the instance again (DescribeAutoScalingInstances). An
// instance in no group is a *goboto.APIError with code NotFoundInstance.
func (i *Instance) Refresh(ctx context.Context) error {
	client, err := i.api()
	if err != nil {
		return err
	}
	return describeOne(ctx, client.DescribeAutoScalingInstances,
		&autoscaling.DescribeAutoScalingInstancesInput{InstanceIds: []string{i.ID}},
		func(out *autoscaling.DescribeAutoScalingInstancesOutput) ([]types.AutoScalingInstanceDetails, middleware.Metadata) {
			return out.AutoScalingInstances, out.ResultMetadata
		},
		func(x types.AutoScalingInstanceDetails) *string { return x.InstanceId }, i.ID,
		func(x types.AutoScalingInstanceDetails) { *i = *i.conn.instanceFrom(x) },
		notFound{"DescribeAutoScalingInstances", NotFoundInstance, "Instance " + i.ID + " is in no Auto Scaling group"})
}

// Instances lists the instances of every group in the region
// (DescribeAutoScalingInstances), lazily, a page of PageSize (at most
// 50) at a time. It takes InstanceIDs. A group's own instances are in
// Group.Instances after a Refresh.
func (c *Conn) Instances(ctx context.Context, opts ...ListOption) iter.Seq2[*Instance, error] {
	return paged(ctx, c.api, listing{max: 50, takes: []string{takesInstanceIDs}}, opts,
		func(client *autoscaling.Client, o ListOptions) (pager[*autoscaling.DescribeAutoScalingInstancesOutput], error) {
			return autoscaling.NewDescribeAutoScalingInstancesPaginator(client, &autoscaling.DescribeAutoScalingInstancesInput{
				InstanceIds: o.InstanceIDs, MaxRecords: o.maxRecords()}), nil
		},
		func(out *autoscaling.DescribeAutoScalingInstancesOutput) []types.AutoScalingInstanceDetails {
			return out.AutoScalingInstances
		},
		c.instanceFrom)
}

// InstanceOptions are the settings of the calls that take an instance
// out of service.
type InstanceOptions struct {
	// DecrementDesired lowers the group's desired capacity by each
	// instance taken out, so no replacement is launched
	// (ShouldDecrementDesiredCapacity).
	DecrementDesired bool
	// RespectGracePeriod makes SetHealth leave an instance within its
	// health check grace period as it is (ShouldRespectGracePeriod).
	RespectGracePeriod bool
}

// InstanceOption changes InstanceOptions.
type InstanceOption func(*InstanceOptions)

// DecrementDesired lowers the group's desired capacity for each instance
// terminated, detached or put in standby, instead of replacing it.
func DecrementDesired() InstanceOption { return func(o *InstanceOptions) { o.DecrementDesired = true } }

// RespectGracePeriod makes SetHealth honour the group's health check
// grace period.
func RespectGracePeriod() InstanceOption {
	return func(o *InstanceOptions) { o.RespectGracePeriod = true }
}

// outOptions are the options of op, a call that takes instances out of
// service, which takes DecrementDesired alone.
func outOptions(opts []InstanceOption, op string) (InstanceOptions, error) {
	o := applyOpts(opts)
	if o.RespectGracePeriod {
		return o, goboto.Invalid("ShouldRespectGracePeriod", "true", "is not taken by "+op)
	}
	return o, nil
}

// SetHealth sets the instance's health status (SetInstanceHealth). An
// Unhealthy instance is replaced by its group. It takes
// RespectGracePeriod.
func (i *Instance) SetHealth(ctx context.Context, h Health, opts ...InstanceOption) error {
	client, err := i.api()
	if err != nil {
		return err
	}
	if h != Healthy && h != Unhealthy {
		return goboto.Invalid("HealthStatus", string(h), "must be Healthy or Unhealthy")
	}
	o := applyOpts(opts)
	if o.DecrementDesired {
		return goboto.Invalid("ShouldDecrementDesiredCapacity", "true", "is not taken by SetInstanceHealth")
	}
	in := &autoscaling.SetInstanceHealthInput{InstanceId: aws.String(i.ID), HealthStatus: aws.String(string(h))}
	if o.RespectGracePeriod {
		in.ShouldRespectGracePeriod = aws.Bool(true)
	}
	if _, err := client.SetInstanceHealth(ctx, in); err != nil {
		return convert(err)
	}
	i.Health = h
	return nil
}

// Terminate terminates the instance through its group
// (TerminateInstanceInAutoScalingGroup) and returns the activity doing
// it. Without DecrementDesired the group launches a replacement.
func (i *Instance) Terminate(ctx context.Context, opts ...InstanceOption) (*Activity, error) {
	client, err := i.api()
	if err != nil {
		return nil, err
	}
	o, err := outOptions(opts, "TerminateInstanceInAutoScalingGroup")
	if err != nil {
		return nil, err
	}
	out, err := client.TerminateInstanceInAutoScalingGroup(ctx, &autoscaling.TerminateInstanceInAutoScalingGroupInput{
		InstanceId: aws.String(i.ID), ShouldDecrementDesiredCapacity: aws.Bool(o.DecrementDesired)})
	if err != nil {
		return nil, convert(err)
	}
	if out.Activity == nil {
		return nil, nil
	}
	return i.conn.activityFrom(*out.Activity), nil
}
