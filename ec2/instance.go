package ec2

import (
	"context"
	"encoding/base64"
	"fmt"
	"iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// InstanceState is an instance's state, as EC2 names it.
type InstanceState string

// EC2's instance states.
const (
	InstancePending      InstanceState = "pending"
	InstanceRunning      InstanceState = "running"
	InstanceStopping     InstanceState = "stopping"
	InstanceStopped      InstanceState = "stopped"
	InstanceShuttingDown InstanceState = "shutting-down"
	InstanceTerminated   InstanceState = "terminated"
)

// Instance is a handle on an EC2 instance. Conn.Instance makes one that
// knows only its ID; Refresh, RunInstances and Instances fill in the
// other fields, a snapshot of the instance as EC2 last described it.
// Methods that change the instance update the fields their answer tells
// about (State after Stop, Monitoring after Monitor, ...).
//
// A handle is not safe for concurrent use while a method updates it; give
// each goroutine its own (Conn.Instance is cheap).
type Instance struct {
	conn *Conn

	ID                 string
	ReservationID      string // set by RunInstances, Instances and Reservations
	State              InstanceState
	StateReason        string // why the state last changed, when EC2 says
	Type               string // "t3.micro", ...
	ImageID            string
	Placement          string // the availability zone, as boto calls it
	PublicDNS          string
	PrivateDNS         string
	PublicIP           string
	PrivateIP          string
	LaunchTime         time.Time
	KeyName            string
	Monitoring         string // disabled, disabling, enabled, pending
	Architecture       string
	Platform           string // "windows", or "" for Linux/UNIX
	RootDeviceType     string // ebs or instance-store
	RootDeviceName     string
	VirtualizationType string
	VPCID              string
	SubnetID           string
	EBSOptimized       bool
	SecurityGroups     []GroupRef
	BlockDevices       map[string]AttachedDevice // by device name
	Tags               Tags
	ProductCodes       []ProductCode // its image's, and those of Marketplace volumes attached to it
}

// GroupRef names a security group an instance or reservation is in.
type GroupRef struct {
	ID   string
	Name string
}

// Instance returns a handle on the instance id. It does no I/O and does
// not check that the instance exists; its methods check the ID's shape
// before sending anything.
func (c *Conn) Instance(id string) *Instance { return &Instance{conn: c, ID: id} }

// Conn returns the connection the instance belongs to.
func (i *Instance) Conn() *Conn { return i.conn }

// String returns "Instance:<id>", as boto prints instances.
func (i *Instance) String() string { return "Instance:" + i.ID }

func (c *Conn) instanceFromV2(v types.Instance, reservation string) *Instance {
	i := &Instance{conn: c}
	i.set(v)
	i.ReservationID = reservation
	return i
}

// set copies v's fields into i.
func (i *Instance) set(v types.Instance) {
	res := i.ReservationID
	*i = Instance{conn: i.conn, ReservationID: res,
		ID:                 aws.ToString(v.InstanceId),
		Type:               string(v.InstanceType),
		ImageID:            aws.ToString(v.ImageId),
		PublicDNS:          aws.ToString(v.PublicDnsName),
		PrivateDNS:         aws.ToString(v.PrivateDnsName),
		PublicIP:           aws.ToString(v.PublicIpAddress),
		PrivateIP:          aws.ToString(v.PrivateIpAddress),
		LaunchTime:         aws.ToTime(v.LaunchTime),
		KeyName:            aws.ToString(v.KeyName),
		Architecture:       string(v.Architecture),
		Platform:           string(v.Platform),
		RootDeviceType:     string(v.RootDeviceType),
		RootDeviceName:     aws.ToString(v.RootDeviceName),
		VirtualizationType: string(v.VirtualizationType),
		VPCID:              aws.ToString(v.VpcId),
		SubnetID:           aws.ToString(v.SubnetId),
		EBSOptimized:       aws.ToBool(v.EbsOptimized),
		BlockDevices:       attachedDevicesFromV2(v.BlockDeviceMappings),
		Tags:               tagsFromV2(v.Tags),
		ProductCodes:       productCodesFromV2(v.ProductCodes),
	}
	if v.State != nil {
		i.State = InstanceState(v.State.Name)
	}
	if v.StateReason != nil {
		i.StateReason = aws.ToString(v.StateReason.Message)
	}
	if v.Placement != nil {
		i.Placement = aws.ToString(v.Placement.AvailabilityZone)
	}
	if v.Monitoring != nil {
		i.Monitoring = string(v.Monitoring.State)
	}
	for _, g := range v.SecurityGroups {
		i.SecurityGroups = append(i.SecurityGroups, GroupRef{ID: aws.ToString(g.GroupId), Name: aws.ToString(g.GroupName)})
	}
}

// check refuses a handle that cannot be sent: an ID not shaped like an
// instance ID, or no connection.
func (i *Instance) check() error {
	return i.conn.ready(validInstanceID(i.ID))
}

// Refresh reads the instance's current description into i
// (DescribeInstances). An unknown ID fails with
// InvalidInstanceID.NotFound, for which goboto.IsNotFound is true.
func (i *Instance) Refresh(ctx context.Context) error {
	if err := i.check(); err != nil {
		return err
	}
	out, err := i.conn.client.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{i.ID}})
	if err != nil {
		return core.Error(err)
	}
	for _, r := range out.Reservations {
		for _, v := range r.Instances {
			if aws.ToString(v.InstanceId) == i.ID {
				i.ReservationID = aws.ToString(r.ReservationId)
				i.set(v)
				return nil
			}
		}
	}
	return notFound(out.ResultMetadata, "DescribeInstances", "InvalidInstanceID.NotFound", "instance", i.ID)
}

// notFound is the error for an ID a Describe call answered without: EC2's
// own not-found code, with the call's HTTP status and request ID.
func notFound(meta middleware.Metadata, op, code, kind, id string) error {
	return core.NotFound(meta, "EC2", op, code, fmt.Sprintf("The %s ID '%s' does not exist", kind, id))
}

// stateFrom updates i.State from a state-change answer.
func (i *Instance) stateFrom(changes []types.InstanceStateChange) {
	for _, c := range changes {
		if aws.ToString(c.InstanceId) == i.ID && c.CurrentState != nil {
			i.State = InstanceState(c.CurrentState.Name)
		}
	}
}

// Start starts a stopped EBS-backed instance (StartInstances); State
// becomes pending.
func (i *Instance) Start(ctx context.Context) error {
	if err := i.check(); err != nil {
		return err
	}
	out, err := i.conn.client.StartInstances(ctx, &ec2.StartInstancesInput{InstanceIds: []string{i.ID}})
	if err != nil {
		return core.Error(err)
	}
	i.stateFrom(out.StartingInstances)
	return nil
}

// ForceOptions are the settings of Instance.Stop and Volume.Detach.
type ForceOptions struct {
	// Force skips the orderly way: for Stop the operating system's
	// shutdown, for Detach the instance's letting go of the volume, at
	// the risk of losing unwritten data.
	Force bool
}

// ForceOption changes ForceOptions.
type ForceOption func(*ForceOptions)

// Force sets ForceOptions.Force: inst.Stop(ctx, ec2.Force()).
func Force() ForceOption { return func(o *ForceOptions) { o.Force = true } }

func forceOptions(opts []ForceOption) ForceOptions {
	var o ForceOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	return o
}

// Stop stops an EBS-backed instance (StopInstances); State becomes
// stopping. Force skips the operating system's orderly shutdown, at the
// risk of losing unwritten data.
func (i *Instance) Stop(ctx context.Context, opts ...ForceOption) error {
	if err := i.check(); err != nil {
		return err
	}
	in := &ec2.StopInstancesInput{InstanceIds: []string{i.ID}}
	if forceOptions(opts).Force {
		in.Force = aws.Bool(true)
	}
	out, err := i.conn.client.StopInstances(ctx, in)
	if err != nil {
		return core.Error(err)
	}
	i.stateFrom(out.StoppingInstances)
	return nil
}

// Reboot asks the instance to reboot (RebootInstances). Its state does not
// change.
func (i *Instance) Reboot(ctx context.Context) error {
	if err := i.check(); err != nil {
		return err
	}
	_, err := i.conn.client.RebootInstances(ctx, &ec2.RebootInstancesInput{InstanceIds: []string{i.ID}})
	return core.Error(err)
}

// Terminate terminates the instance (TerminateInstances); State becomes
// shutting-down. Terminating a terminated instance succeeds.
func (i *Instance) Terminate(ctx context.Context) error {
	if err := i.check(); err != nil {
		return err
	}
	out, err := i.conn.client.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{i.ID}})
	if err != nil {
		return core.Error(err)
	}
	i.stateFrom(out.TerminatingInstances)
	return nil
}

// Monitor turns on detailed CloudWatch monitoring (MonitorInstances) and
// sets Monitoring to the state EC2 answers.
func (i *Instance) Monitor(ctx context.Context) error {
	if err := i.check(); err != nil {
		return err
	}
	out, err := i.conn.client.MonitorInstances(ctx, &ec2.MonitorInstancesInput{InstanceIds: []string{i.ID}})
	if err != nil {
		return core.Error(err)
	}
	i.monitoringFrom(out.InstanceMonitorings)
	return nil
}

// Unmonitor turns detailed monitoring off (UnmonitorInstances).
func (i *Instance) Unmonitor(ctx context.Context) error {
	if err := i.check(); err != nil {
		return err
	}
	out, err := i.conn.client.UnmonitorInstances(ctx, &ec2.UnmonitorInstancesInput{InstanceIds: []string{i.ID}})
	if err != nil {
		return core.Error(err)
	}
	i.monitoringFrom(out.InstanceMonitorings)
	return nil
}

func (i *Instance) monitoringFrom(ms []types.InstanceMonitoring) {
	for _, m := range ms {
		if aws.ToString(m.InstanceId) == i.ID && m.Monitoring != nil {
			i.Monitoring = string(m.Monitoring.State)
		}
	}
}

// ConsoleOutput is an instance's console output, decoded.
type ConsoleOutput struct {
	InstanceID string
	Timestamp  time.Time
	Output     string
}

// ConsoleOutput returns the instance's most recent console output
// (GetConsoleOutput), decoded from the base64 EC2 sends. Output is empty
// while EC2 has nothing yet.
func (i *Instance) ConsoleOutput(ctx context.Context) (*ConsoleOutput, error) {
	if err := i.check(); err != nil {
		return nil, err
	}
	out, err := i.conn.client.GetConsoleOutput(ctx, &ec2.GetConsoleOutputInput{InstanceId: aws.String(i.ID)})
	if err != nil {
		return nil, core.Error(err)
	}
	text, err := base64.StdEncoding.DecodeString(aws.ToString(out.Output))
	if err != nil {
		return nil, fmt.Errorf("EC2 GetConsoleOutput: decode output: %w", err)
	}
	return &ConsoleOutput{InstanceID: aws.ToString(out.InstanceId), Timestamp: aws.ToTime(out.Timestamp), Output: string(text)}, nil
}

// Wait polls the instance (DescribeInstances, through Refresh) until it
// is in state, refreshing i as it goes. It fails with a *goboto.StateError
// when the instance reaches a state from which state cannot follow (as
// EC2's own waiters judge: waiting for running fails on shutting-down,
// terminated or stopping; for stopped on pending or terminated; for
// terminated on pending or stopping), and with a *goboto.WaitTimeoutError
// when time runs out. An instance too new to be described yet is polled
// again.
func (i *Instance) Wait(ctx context.Context, state InstanceState, opts ...goboto.WaitOption) error {
	if err := i.check(); err != nil {
		return err
	}
	var failure []InstanceState
	switch state {
	case InstanceRunning:
		failure = []InstanceState{InstanceShuttingDown, InstanceTerminated, InstanceStopping}
	case InstanceStopped:
		failure = []InstanceState{InstancePending, InstanceTerminated}
	case InstanceTerminated:
		failure = []InstanceState{InstancePending, InstanceStopping}
	case InstancePending, InstanceStopping, InstanceShuttingDown:
		failure = nil
	default:
		return goboto.Invalid("State", string(state), "is not an instance state")
	}
	return wait(ctx, core.Wait{
		Resource: "instance", ID: i.ID, Want: string(state), Failure: strs(failure), RetryNotFound: true,
		Poll: func(ctx context.Context) (string, error) {
			if err := i.Refresh(ctx); err != nil {
				return "", err
			}
			return string(i.State), nil
		},
	}, opts)
}

// Instances lists the instances that match f, every instance when f is
// empty (DescribeInstances). Pages are fetched as the loop needs them,
// following NextToken (PageSize sets the page size; EC2 counts instances,
// not reservations); breaking out of the loop stops fetching. An error
// is yielded once, last.
func (c *Conn) Instances(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*Instance, error] {
	return func(yield func(*Instance, error) bool) {
		for r, err := range c.Reservations(ctx, f, opts...) {
			if err != nil {
				yield(nil, err)
				return
			}
			for _, inst := range r.Instances {
				if !yield(inst, nil) {
					return
				}
			}
		}
	}
}
