package suite

// Differences are the places a backend is known to answer otherwise than
// AutoScaling. Each flag says which answer matches AWS and on what
// evidence; moto's are from moto 5.2.1's moto/autoscaling/models.py and
// responses.py.
type Differences struct {
	// OverwritesOnCreate: CreateLaunchConfiguration and
	// CreateAutoScalingGroup with a name in use replace what had it.
	// AutoScaling refuses them with AlreadyExists (API Reference, both
	// operations' errors: AlreadyExists, "You already have an Auto
	// Scaling group or launch configuration with this name"). moto
	// differs (models.py: create_launch_configuration ends
	// self.launch_configurations[name] = launch_configuration, and
	// create_auto_scaling_group self.autoscaling_groups[name] = group,
	// with no check).
	OverwritesOnCreate bool
	// DeletesInUse: DeleteLaunchConfiguration deletes a configuration a
	// group still uses. AutoScaling refuses with ResourceInUse (API
	// Reference, DeleteLaunchConfiguration: "The launch configuration
	// must not be attached to an Auto Scaling group"; errors
	// ResourceInUse). moto differs (delete_launch_configuration:
	// self.launch_configurations.pop(launch_configuration_name, None)).
	DeletesInUse bool
	// DeleteIgnoresUnknown: DeleteLaunchConfiguration of a name that does
	// not exist succeeds. AutoScaling answers ValidationError, as it does
	// for every name it does not know (AWS General Reference, "Common
	// Errors": ValidationError; the CLI shows "Launch configuration name
	// not found"). moto differs (the same pop(name, None)).
	DeleteIgnoresUnknown bool
	// AcceptsMinOverMax: CreateAutoScalingGroup and UpdateAutoScalingGroup
	// take a MinSize above MaxSize. AutoScaling refuses with
	// ValidationError (API Reference, CreateAutoScalingGroup,
	// DesiredCapacity: "must be greater than or equal to the minimum
	// size of the group and less than or equal to the maximum size of the
	// group", which no value meets when min > max; the issue records
	// moto accepting MinSize 2 with MaxSize 1). moto differs (models.py
	// create_auto_scaling_group and FakeAutoScalingGroup.update compare
	// no sizes).
	AcceptsMinOverMax bool
	// AcceptsDesiredOutOfRange: CreateAutoScalingGroup,
	// UpdateAutoScalingGroup and SetDesiredCapacity take a desired
	// capacity above MaxSize. AutoScaling refuses with ValidationError
	// (API Reference, CreateAutoScalingGroup, DesiredCapacity, as above;
	// the error reads "Desired capacity:5 must be between the specified
	// min size:0 and max size:4"). moto differs
	// (FakeAutoScalingGroup.set_desired_capacity sets any value).
	AcceptsDesiredOutOfRange bool
	// AcceptsColonInName: CreateAutoScalingGroup takes a name with a
	// colon. AutoScaling refuses with ValidationError (API Reference,
	// CreateAutoScalingGroup, AutoScalingGroupName: "You cannot use a
	// colon (:) in the name"). moto differs (no check of the name).
	AcceptsColonInName bool
	// UnknownTemplateEC2Error: CreateAutoScalingGroup on a launch
	// template ID that does not exist answers EC2's
	// InvalidLaunchTemplateId.NotFound. AutoScaling answers its own
	// ValidationError ("You must use a valid fully-formed launch
	// template", as clients report it, e.g.
	// github.com/ryanmurakami/hbfl/issues/58); InvalidLaunchTemplateId is
	// not among CreateAutoScalingGroup's modelled errors (AlreadyExists,
	// LimitExceeded, ResourceContention, ServiceLinkedRoleFailure). moto
	// differs (models.py _set_launch_configuration calls
	// ec2_backend.get_launch_template, whose EC2 error passes through).
	UnknownTemplateEC2Error bool
	// AcceptsMissingTemplateVersion: CreateAutoScalingGroup takes version
	// "99" of a template that has one version. AutoScaling refuses a
	// version that does not exist with ValidationError (as above: the
	// template must be valid and fully formed; API Reference,
	// LaunchTemplateSpecification, Version "The version number, $Latest,
	// or $Default"). moto differs (_set_launch_configuration stores the
	// version as given and never reads it).
	AcceptsMissingTemplateVersion bool
	// InServiceAtOnce: a group's new instances are InService in the
	// answer to the call that launched them. AutoScaling launches them
	// Pending and makes them InService once EC2 runs them (User Guide,
	// "Amazon EC2 Auto Scaling instance lifecycle": instances launched
	// "start in the Pending state"; API Reference, Instance,
	// LifecycleState lists Pending first). moto differs (models.py
	// InstanceState.__init__: lifecycle_state: str = "InService").
	InServiceAtOnce bool
	// IgnoresCooldown: SetDesiredCapacity and ExecutePolicy with
	// HonorCooldown scale while the group's cooldown (or its scaling
	// activity) lasts. AutoScaling refuses with ScalingActivityInProgress
	// (API Reference, SetDesiredCapacity, HonorCooldown: "Indicates
	// whether Amazon EC2 Auto Scaling waits for the cooldown period to
	// complete before initiating a scaling activity"; errors
	// ScalingActivityInProgress; ExecutePolicy likewise). moto differs
	// (responses.py set_desired_capacity and execute_policy read no
	// HonorCooldown).
	IgnoresCooldown bool
	// IgnoresSuspendedLaunch: with Launch suspended, a raised desired
	// capacity launches instances. AutoScaling launches none until Launch
	// resumes (User Guide, "Suspend and resume Amazon EC2 Auto Scaling
	// processes": Launch "Adds instances to the Auto Scaling group when
	// the group scales out"). moto differs (set_desired_capacity never
	// reads suspended_processes).
	IgnoresSuspendedLaunch bool
	// MaxRecordsOver100Fails: DescribeAutoScalingGroups with MaxRecords
	// 101 fails with a server error. AutoScaling answers ValidationError
	// (API Reference, DescribeAutoScalingGroups, MaxRecords: "The
	// default value is 50 and the maximum value is 100"). moto differs
	// (responses.py describe_auto_scaling_groups: if max_records > 100:
	// raise ValueError, an HTTP 500).
	MaxRecordsOver100Fails bool
	// PropagateFilterCaseSensitive: DescribeTags' propagate-at-launch
	// filter with "true" matches no tag. AutoScaling matches the tags
	// that propagate (API Reference, Filter: "propagate-at-launch -
	// Accepts a Boolean value, which specifies whether tags propagate to
	// instances at launch"). moto differs (models.py describe_tags
	// compares str(t.get("PropagateAtLaunch", False)) with the values).
	PropagateFilterCaseSensitive bool
	// SamePolicyUUID: every scaling policy's ARN has the same UUID. In
	// AutoScaling each policy is a resource with an ID of its own (the
	// Service Authorization Reference's scalingPolicy ARN,
	// "scalingPolicy:${PolicyId}:autoScalingGroupName/..."; the issue
	// records moto giving every policy ARN the same UUID). moto differs
	// (models.py FakeScalingPolicy.arn: the literal
	// c322761b-3172-4d56-9a21-0ed9d6161d67).
	SamePolicyUUID bool
	// PutPolicyNoARN: PutScalingPolicy's answer has no PolicyARN (the
	// client reads none). AutoScaling answers the new policy's ARN (API
	// Reference, PutScalingPolicy, response PolicyARN "The Amazon
	// Resource Name (ARN) of the policy"; the model's PolicyARNType
	// member is PolicyARN). moto differs (responses.py
	// put_scaling_policy: ActionResult({"PolicyArn": policy.arn}), an
	// element the model does not have).
	PutPolicyNoARN bool
	// NoScheduledActionARN: DescribeScheduledActions lists actions
	// without a ScheduledActionARN. AutoScaling gives each its ARN (API
	// Reference, ScheduledUpdateGroupAction, ScheduledActionARN "The
	// Amazon Resource Name (ARN) of the scheduled action"). moto differs
	// (models.py FakeScheduledAction has no arn).
	NoScheduledActionARN bool
	// NeverFiresScheduled: scheduled actions never run. AutoScaling runs
	// them at their time (User Guide, "Scheduled scaling": "Amazon EC2
	// Auto Scaling ... performs the scaling action at the time specified
	// by the scheduled action"). moto differs (models.py stores
	// FakeScheduledAction and nothing reads its start_time; the issue
	// records it).
	NeverFiresScheduled bool
	// AcceptsPastSchedule: PutScheduledUpdateGroupAction takes a start
	// time in the past. AutoScaling refuses it (API Reference,
	// PutScheduledUpdateGroupAction: "If you try to schedule your action
	// in the past, Amazon EC2 Auto Scaling returns an error message").
	// moto differs (put_scheduled_update_group_action checks no time).
	AcceptsPastSchedule bool
	// AcceptsBadRecurrence: PutScheduledUpdateGroupAction takes a
	// recurrence with minute 61. AutoScaling refuses a recurrence that is
	// not a cron expression (API Reference, Recurrence: "five fields ...
	// [Minute] [Hour] [Day_of_Month] [Month_of_Year] [Day_of_Week]").
	// moto differs (the recurrence is stored as given).
	AcceptsBadRecurrence bool
	// IgnoresLifecycleHooks: a launch hook holds nothing (the instance is
	// InService at once) and CompleteLifecycleAction is not implemented.
	// AutoScaling puts the instance in Pending:Wait until the action
	// completes or times out (User Guide, "Amazon EC2 Auto Scaling
	// lifecycle hooks"). moto differs (hooks are stored only; responses.py
	// has no complete_lifecycle_action; the issue records it).
	IgnoresLifecycleHooks bool
	// AcceptsAnyHeartbeat: PutLifecycleHook takes a heartbeat timeout of
	// 10 s. AutoScaling refuses it (API Reference, PutLifecycleHook,
	// HeartbeatTimeout: "The range is from 30 to 7200 seconds"). moto
	// differs (LifecycleHook.__init__ stores timeout or 3600).
	AcceptsAnyHeartbeat bool
	// NoActivities: DescribeScalingActivities lists nothing, whatever
	// the group did. AutoScaling records each scaling activity (API
	// Reference, DescribeScalingActivities). moto differs (responses.py
	// describe_scaling_activities: result = {"Activities": []}).
	NoActivities bool
	// InstanceHealthMixedCase: DescribeAutoScalingInstances answers
	// HealthStatus "Healthy". AutoScaling answers it in capitals there,
	// unlike DescribeAutoScalingGroups' "Healthy" (API Reference,
	// DescribeAutoScalingInstances, example response: "HealthStatus":
	// "HEALTHY"). moto differs (both answers render
	// InstanceState.health_status, "Healthy").
	InstanceHealthMixedCase bool
	// KeepsUnhealthy: an instance set Unhealthy stays in the group,
	// Unhealthy, and nothing replaces it. AutoScaling terminates and
	// replaces it (API Reference, AutoScalingInstanceDetails,
	// HealthStatus: "Unhealthy means that the instance is unhealthy and
	// Amazon EC2 Auto Scaling should terminate and replace it"). moto
	// differs (models.py set_instance_health only sets health_status).
	KeepsUnhealthy bool
	// UnknownInstanceFails: TerminateInstanceInAutoScalingGroup of an
	// instance in no group fails with a server error. AutoScaling answers
	// ValidationError, its answer for every ID it does not know (AWS
	// General Reference, "Common Errors": ValidationError). moto differs
	// (models.py terminate_instance: next() over the groups' instances
	// raises StopIteration, an HTTP 500).
	UnknownInstanceFails bool
	// DeletesWithInstances: DeleteAutoScalingGroup without ForceDelete
	// deletes a group that has instances, terminating them. AutoScaling
	// refuses with ResourceInUse (API Reference, DeleteAutoScalingGroup:
	// "If the group has instances or scaling activities in progress, you
	// must specify the option to force the deletion in order for it to
	// succeed"). moto differs (delete_auto_scaling_group sets the desired
	// capacity to 0 and pops the group; it reads no ForceDelete).
	DeletesWithInstances bool
	// NoTargetTrackingAlarms: a target tracking policy has no alarms;
	// DescribePolicies lists none for it, and nothing would ever run it.
	// AutoScaling "creates and manages the CloudWatch alarms that invoke
	// scaling events" for it, TargetTracking-<group>-AlarmHigh-<id> and
	// TargetTracking-<group>-AlarmLow-<id> (User Guide, "Target tracking
	// scaling policies for Amazon EC2 Auto Scaling"; API Reference,
	// PutScalingPolicy, response Alarms "The CloudWatch alarms created
	// for the target tracking scaling policy"). moto differs (models.py
	// FakeScalingPolicy has no alarms and put_scaling_policy makes none;
	// responses.py answers only the ARN).
	NoTargetTrackingAlarms bool
}

// MotoDifferences are moto 5.2.1's.
func MotoDifferences() Differences {
	return Differences{OverwritesOnCreate: true, DeletesInUse: true, DeleteIgnoresUnknown: true, AcceptsMinOverMax: true,
		AcceptsDesiredOutOfRange: true, AcceptsColonInName: true, UnknownTemplateEC2Error: true, AcceptsMissingTemplateVersion: true, InServiceAtOnce: true, IgnoresCooldown: true,
		IgnoresSuspendedLaunch: true, MaxRecordsOver100Fails: true, PropagateFilterCaseSensitive: true, SamePolicyUUID: true, PutPolicyNoARN: true, NoScheduledActionARN: true,
		NeverFiresScheduled: true, AcceptsPastSchedule: true, AcceptsBadRecurrence: true, IgnoresLifecycleHooks: true,
		AcceptsAnyHeartbeat: true, NoActivities: true, InstanceHealthMixedCase: true, KeepsUnhealthy: true, UnknownInstanceFails: true, DeletesWithInstances: true,
		NoTargetTrackingAlarms: true}
}
