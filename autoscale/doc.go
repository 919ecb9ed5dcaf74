// Package autoscale is goboto's Amazon EC2 Auto Scaling connection, in
// the style boto users know from boto.ec2.autoscale: a connection per
// region and group handles that know their connection and do no I/O
// until a method asks. It wraps aws-sdk-go-v2's AutoScaling client,
// reachable through Conn.Client for what goboto does not wrap;
// WithClientOptions passes aws-sdk-go-v2's per-client options to it.
//
// Every method that calls AutoScaling takes a context first and names
// the action in its doc comment. Input AutoScaling would refuse is a
// *goboto.ValidationError before anything is sent.
//
//	g, err := conn.CreateGroup(ctx, autoscale.GroupOptions{
//		Name:           "web",
//		LaunchTemplate: &autoscale.LaunchTemplate{Name: "web", Version: autoscale.VersionLatest},
//		Subnets:        []string{"subnet-0a...", "subnet-0b..."},
//		Min:            0, Max: 4, Desired: new(2),
//	})
//	err = g.Wait(ctx, autoscale.GroupStable, goboto.Progress(show))
//	...
//	err = g.ShutdownInstances(ctx) // min = max = desired = 0, then wait
//	err = g.Delete(ctx)
//
// # Groups
//
// CreateGroup launches from an EC2 launch template (by ID or name, at
// $Latest, $Default or a version number) or, for compatibility, a
// launch configuration: AWS refuses new launch configurations in
// accounts made since 2024-10-01. It checks the sizes (0 <= Min <=
// Desired <= Max), the name (1-255 characters, no colon), that the group
// has subnets or zones, and that a template version can exist. Whether a
// well-formed version does exist only EC2 knows: GroupOptions.Templates
// takes a TemplateChecker, and autoscale/asec2.Templates makes one from
// an ec2 connection; without one AWS answers ValidationError.
//
// Group.Update applies AWS's resize rules before sending, against the
// sizes the handle last saw: with no new desired capacity, a new Min
// above it raises it and a new Max below it lowers it.
// SetDesiredCapacity takes HonorCooldown. Suspend and Resume take the
// Process constants; Delete takes ForceDelete.
//
// # Instances
//
// A group's instances are in Group.Instances after Refresh, with their
// LifecycleState and Health; Conn.Instances lists those of every group.
// Instance.ID is the EC2 instance ID, so with goboto's ec2 package
// ec2conn.Instance(inst.ID) is the EC2 handle, and asec2.Instances
// yields a whole group's. Package autoscale itself does not import ec2,
// so that using it does not compile the EC2 client. A launch
// configuration's autoscale.BlockDeviceMapping is nonetheless the same
// type as ec2.BlockDeviceMapping, so an ec2 mapping is passed as it is.
//
// # Policies, schedules and hooks
//
// Group.PutPolicy makes simple, step and target tracking policies from
// PolicyOptions, checking what each type takes before sending (a
// cooldown only on simple policies, an adjustment type where required,
// steps that neither overlap nor leave a gap); Policy.Execute runs one,
// with HonorPolicyCooldown or, for a step policy, Breach(value,
// threshold). Group.Schedule makes a scheduled action whose Recurrence
// is five-field Unix cron, read locally by the same parser the fake
// fires it with, in an IANA TimeZone; ScheduleBatch and
// DeleteScheduledActions send up to 50 a call and report refusals as a
// *BatchError by index. Group.PutLifecycleHook checks the heartbeat
// timeout (30-7,200 s) and results; Hook.Complete and
// Hook.RecordHeartbeat name the held instance by ID or token.
//
// # Waiting
//
// aws-sdk-go-v2's GroupInService waiter compares InService instances
// with MinSize, so a group of min 0 passes at once. Group.Wait with
// GroupStable waits until exactly Desired instances are InService, all
// are Healthy, none is launching or terminating, and no scaling activity
// is in progress; GroupEmpty until no instance is left; GroupDeleted
// until the group is gone. Each look is reported to goboto.Progress as a
// summary ("desired 2: InService 1, Pending 1").
//
// # Errors
//
// AutoScaling's errors are *goboto.APIError with AWS's code:
// ValidationError (input AWS refuses, including a group or template that
// does not exist in most calls), AlreadyExists, ResourceInUse,
// ScalingActivityInProgress, LimitExceeded, ResourceContention.
// errors.As still finds aws-sdk-go-v2's typed faults
// (types.AlreadyExistsFault, ...). AutoScaling answers a Describe of a
// missing name with an empty list, so Refresh reports one with goboto's
// codes NotFoundGroup, NotFoundInstance, NotFoundLaunchConfiguration,
// NotFoundPolicy, NotFoundScheduledAction and NotFoundLifecycleHook,
// for which goboto.IsNotFound is true.
//
// # Retrying
//
// Calls are retried by the connection's retryer (goboto's policy unless
// the aws.Config has its own or goboto.WithRetry replaces it), which
// treats Throttling as a throttle. ResourceContention and
// ScalingActivityInProgress are not retried: the caller decides whether
// to wait and try again.
package autoscale
