// Package autoscaletest is an in-process fake of Amazon EC2 Auto Scaling
// for tests: an HTTP server speaking AutoScaling's Query protocol (API
// version 2011-01-01), checking SigV4 signatures, with groups that
// launch and terminate real instances in an EC2 fake (ec2/ec2test). In
// fakes/localcloud it shares the EC2 fake's state and runs the scaling
// policies CloudWatch alarms name; standalone it brings its own EC2
// backend.
//
// Groups launch through EC2's own RunInstances, from their launch
// template (checked in EC2 when the group is made; a version given as
// $Latest, $Default or a number) or launch configuration, into their
// subnets or zones, balanced across zones, tagged with the tags that
// propagate at launch and aws:autoscaling:groupName. A launch EC2
// refuses is a Failed activity carrying EC2's message. They terminate
// through TerminateInstances, by the group's termination policies
// (engine.go's chooseVictims says how the fake reads each), never an
// instance protected from scale in.
//
// Time is the fake's clock (fakes.WithClock), and it moves the groups
// only when a request arrives: an instance is Pending until the first
// request at least WithLaunchTime (DefaultLaunchTime) after its launch
// at which EC2 reports it running, then Pending:Wait while launch
// lifecycle hooks hold it, then InService. Terminations take as long.
// Lifecycle actions end with CompleteLifecycleAction or at their
// heartbeat timeout (RecordLifecycleActionHeartbeat restarts it, within
// the global timeout). Instances EC2 reports stopped or terminated
// (after the health check grace period) or SetInstanceHealth marks
// Unhealthy are replaced. A group whose zones are out of balance (its
// zones changed, or instances were attached or taken into standby)
// launches in the emptiest zones and, once those instances are in
// service, terminates from the fullest (AZRebalance), going no further
// over its maximum than AWS's margin of 10 percent or one instance,
// whichever is greater, and so in steps when the margin is smaller than
// the move. Every change is a
// scaling activity with AWS's Description and Cause wording. Suspended
// processes stop what they name: Launch, Terminate, HealthCheck,
// ReplaceUnhealthy, AZRebalance (and AlarmNotification, ScheduledActions
// for policies and scheduled actions); there are no load balancers to
// add to, so AddToLoadBalancer suspends nothing the fake does.
//
// Scaling policies (simple, step, target tracking) each get an ARN of
// their own. ExecutePolicy, and a CloudWatch alarm through AlarmAction
// (the local cloud routes alarm actions naming a policy there), change
// the desired capacity within min and max: a simple policy by its
// adjustment type, honouring its cooldown (its own, else the group's
// default) and any activity in progress; a step policy by the step the
// metric's distance from the threshold falls in, with instance warmup:
// instances launching or in service for less than the warmup (the
// policy's EstimatedInstanceWarmup, else the group's
// DefaultInstanceWarmup, else its DefaultCooldown) are left out of the
// capacity a scale-out step applies to, so repeated breaches in one step
// make one scaling activity and a larger step adds only the difference,
// and they hold back the policy's scale-in until they are warm. The
// fake does not record a WaitingForInstanceWarmup activity status.
//
// A target tracking policy tracks through CloudWatch, as on AWS: the
// fake makes its two alarms in the CloudWatch that WithCloudWatch or
// SetCloudWatch links (the local cloud links its CloudWatch fake),
// TargetTracking-<group>-AlarmHigh-<uuid> (the metric above the target
// for 3 one-minute datapoints) and, unless DisableScaleIn,
// TargetTracking-<group>-AlarmLow-<uuid> (below 90% of it for 15), with
// the policy as their action and "DO NOT EDIT OR DELETE" in their
// description. A predefined metric is the group's AWS/EC2 aggregate
// (ASGAverageCPUUtilization is CPUUtilization's Average under
// AutoScalingGroupName), a customized one is watched as given;
// ALBRequestCountPerTarget is refused, as there are no load balancers
// to attach a target group. Updating the policy puts its alarms back
// under the same names (repairing any a user edited or deleted), makes
// or deletes AlarmLow as DisableScaleIn changes, and deleting the
// policy or its group deletes them. When an alarm fires, the policy
// sets the desired capacity to ceil(capacity × metric / target) with
// the alarm's last datapoint as the metric, within min and max:
// scaling out, instances still warming up are left out of the
// capacity, and scaling in waits until none is warming up. Without a
// linked CloudWatch, PutScalingPolicy refuses target tracking with
// InvalidAction and keeps nothing, rather than keep a policy that could
// never scale. DescribePolicies also lists the CloudWatch alarms whose
// actions name a policy, read through WithAlarms or SetAlarms (the local
// cloud's CloudWatch). Scheduled
// actions run on the clock in the order they fall due, a recurrence
// (five-field cron,
// autoscale/internal/cron) read in its IANA time zone (time/tzdata is
// embedded); one-off actions and those past their EndTime are then
// gone. Policies and ScheduledActions let a test look without a client.
//
// Load balancer names and target group ARNs are stored and described,
// not looked up: there is no ELB fake. Health check type ELB is
// accepted and checks EC2's state only. Warm pools, instance refresh,
// traffic sources, notifications, metrics collection, predictive
// scaling, LaunchInstances, mixed instances policies, lifecycle hook
// notification targets and other members typed any in the inputs answer
// InvalidAction and change nothing.
//
// AWS's default quotas are enforced: 500 groups and 200 launch
// configurations a region, 50 lifecycle hooks and 50 tags a group.
// Groups(account, region) and GroupInstances(account, region, group)
// let a test look without a client.
package autoscaletest
