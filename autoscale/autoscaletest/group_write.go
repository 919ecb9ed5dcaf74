package autoscaletest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// tagIn is the model's Tag.
type tagIn struct {
	ResourceId        string
	ResourceType      string
	Key               string
	Value             string
	PropagateAtLaunch *bool
}

// hookSpec is the model's LifecycleHookSpecification.
type hookSpec struct {
	LifecycleHookName     string
	LifecycleTransition   string
	NotificationMetadata  string
	HeartbeatTimeout      *int32
	DefaultResult         string
	NotificationTargetARN string
	RoleARN               string
}

type createGroupInput struct {
	AutoScalingGroupName             string
	LaunchConfigurationName          string
	LaunchTemplate                   *templateRef
	MixedInstancesPolicy             any
	InstanceId                       any
	MinSize                          *int32
	MaxSize                          *int32
	DesiredCapacity                  *int32
	DefaultCooldown                  *int32
	AvailabilityZones                []string
	AvailabilityZoneIds              any
	LoadBalancerNames                []string
	TargetGroupARNs                  []string
	HealthCheckType                  string
	HealthCheckGracePeriod           *int32
	PlacementGroup                   any
	VPCZoneIdentifier                string
	TerminationPolicies              []string
	NewInstancesProtectedFromScaleIn *bool
	CapacityRebalance                any
	LifecycleHookSpecificationList   []hookSpec
	DeletionProtection               any
	Tags                             []tagIn
	ServiceLinkedRoleARN             any
	MaxInstanceLifetime              any
	Context                          any
	DesiredCapacityType              any
	DefaultInstanceWarmup            *int32
	TrafficSources                   any
	InstanceMaintenancePolicy        any
	AvailabilityZoneDistribution     any
	AvailabilityZoneImpairmentPolicy any
	SkipZonalShiftValidation         any
	CapacityReservationSpecification any
	InstanceLifecyclePolicy          any
	Operator                         any
}

// terminationPolicies are the policies the fake applies (API
// Reference, DescribeTerminationPolicyTypes). A Lambda function's ARN,
// a custom policy, is refused as unsupported.
var terminationPolicies = []string{"AllocationStrategy", "ClosestToNextInstanceHour", "Default", "NewestInstance",
	"OldestInstance", "OldestLaunchConfiguration", "OldestLaunchTemplate"}

func checkTerminationPolicies(ps []string) error {
	for _, p := range ps {
		if strings.HasPrefix(p, "arn:") {
			return errUnsupported("a custom termination policy (Lambda function " + p + ")")
		}
		if !slices.Contains(terminationPolicies, p) {
			return errValidation("Termination policy %s is not supported. Valid termination policies are: %s", p, strings.Join(terminationPolicies, ", "))
		}
	}
	return nil
}

// checkHealthCheck accepts EC2 and ELB. With ELB the fake checks only
// EC2's status: there is no load balancer fake to report on instances.
func checkHealthCheck(t string) error {
	switch t {
	case "", "EC2", "ELB":
		return nil
	case "VPC_LATTICE", "EBS":
		return errUnsupported("HealthCheckType " + t)
	}
	return errValidation("Invalid health check type: %s. Valid types are EC2, ELB, VPC_LATTICE and EBS.", t)
}

// checkSizes is AWS's rule for min, max and desired.
func checkSizes(min, max, desired int) error {
	if min > max {
		return errValidation("Max bound, %d, must be greater than or equal to min bound, %d", max, min)
	}
	if desired < min || desired > max {
		return errDesired(desired, min, max)
	}
	return nil
}

// errDesired is AWS's answer to a desired capacity outside min-max.
func errDesired(desired, min, max int) error {
	return errValidation("Desired capacity:%d must be between the specified min size:%d and max size:%d", desired, min, max)
}

// checkWarmup is the rule for DefaultInstanceWarmup: 0 to 3600 seconds,
// or -1 to leave it (or turn it) off (User Guide, "Set the default
// instance warmup for an Auto Scaling group": "specify a value, in
// seconds, from 0 to 3600. After it's enabled, a value of -1 will turn
// this setting off"). It returns the group's new setting, nil for none.
func checkWarmup(v *int32) (*int, error) {
	switch {
	case *v == -1:
		return nil, nil
	case *v < 0 || *v > 3600:
		return nil, errValidation("DefaultInstanceWarmup %d is invalid: it must be between 0 and 3600 seconds, or -1 to turn it off.", *v)
	}
	return ptr(int(*v)), nil
}

// checkNumbers checks the numbers CreateAutoScalingGroup and
// UpdateAutoScalingGroup share: sizes and periods not
// negative, then the default instance warmup, whose setting it returns
// (nil for none).
func checkNumbers(min, max, desired, cooldown, grace, warmup *int32) (*int, error) {
	for _, c := range []struct {
		m string
		v *int32
	}{{"MinSize", min}, {"MaxSize", max}, {"DesiredCapacity", desired}, {"DefaultCooldown", cooldown}, {"HealthCheckGracePeriod", grace}} {
		if err := checkNonNegative(c.m, c.v); err != nil {
			return nil, err
		}
	}
	if warmup == nil {
		return nil, nil
	}
	return checkWarmup(warmup)
}

func checkNonNegative(member string, v *int32) error {
	if v != nil && *v < 0 {
		return errValidation("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value greater than or equal to 0", *v, lowerFirst(member))
	}
	return nil
}

// checkTags checks tags given for group (an empty ResourceId is the
// group) and returns them by key.
func checkTags(tags []tagIn, group string) (map[string]groupTag, error) {
	out := map[string]groupTag{}
	for _, t := range tags {
		if t.ResourceId != "" && t.ResourceId != group {
			return nil, errValidation("The tag's ResourceId %s is not the group %s being created.", t.ResourceId, group)
		}
		if err := checkTag(t); err != nil {
			return nil, err
		}
		out[t.Key] = groupTag{value: t.Value, propagate: deref(t.PropagateAtLaunch)}
	}
	return out, nil
}

// checkTag is AWS's rule for one tag: a key of 1-128 characters not
// starting aws:, a value of at most 256 (API Reference, Tag).
func checkTag(t tagIn) error {
	switch {
	case t.ResourceType != "" && t.ResourceType != "auto-scaling-group":
		return errValidation("Invalid resource type %s: tags go on auto-scaling-group resources.", t.ResourceType)
	case t.Key == "" || len(t.Key) > 128:
		return errValidation("1 validation error detected: Value '%s' at 'tags.member.key' failed to satisfy constraint: Member must have length between 1 and 128", t.Key)
	case len(t.Value) > 256:
		return errValidation("1 validation error detected: Value at 'tags.member.value' failed to satisfy constraint: Member must have length less than or equal to 256")
	case strings.HasPrefix(strings.ToLower(t.Key), "aws:"):
		return errValidation("Tag keys starting with 'aws:' are reserved for internal use")
	}
	return nil
}

// maxTags is AWS's limit of tags per group (User Guide, "Tag Auto
// Scaling groups and instances": 50).
const maxTags = 50

// launchSource checks a group's launch configuration or template.
func (b *Backend) launchSource(st *region, r *fake.Request, lcName string, lt *templateRef) (*templateRef, error) {
	switch {
	case lcName != "" && lt != nil:
		return nil, errValidation("Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.")
	case lcName != "":
		if _, ok := st.launchConfigs[lcName]; !ok {
			return nil, errValidation("Launch configuration name not found - Launch configuration %s not found", lcName)
		}
		return nil, nil
	case lt != nil:
		id, name, _, err := b.resolveTemplate(st.account, st.name, r.Now, *lt)
		if err != nil {
			return nil, err
		}
		return &templateRef{LaunchTemplateId: id, LaunchTemplateName: name, Version: lt.Version}, nil
	}
	return nil, errValidation("Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.")
}

// createGroup answers CreateAutoScalingGroup. The group starts
// launching at once: its first activities are in this request's answer
// time.
func (b *Backend) createGroup(r *fake.Request) (any, error) {
	var in createGroupInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	if err := checkName("AutoScalingGroupName", in.AutoScalingGroupName); err != nil {
		return nil, err
	}
	if in.MinSize == nil || in.MaxSize == nil {
		return nil, errValidation("1 validation error detected: Value null at 'minSize' or 'maxSize' failed to satisfy constraint: Member must not be null")
	}
	warmup, err := checkNumbers(in.MinSize, in.MaxSize, in.DesiredCapacity, in.DefaultCooldown, in.HealthCheckGracePeriod, in.DefaultInstanceWarmup)
	if err != nil {
		return nil, err
	}
	min, max := int(*in.MinSize), int(*in.MaxSize)
	desired := min
	if in.DesiredCapacity != nil {
		desired = int(*in.DesiredCapacity)
	}
	if err := checkSizes(min, max, desired); err != nil {
		return nil, err
	}
	if err := checkHealthCheck(in.HealthCheckType); err != nil {
		return nil, err
	}
	if err := checkTerminationPolicies(in.TerminationPolicies); err != nil {
		return nil, err
	}
	tags, err := checkTags(in.Tags, in.AutoScalingGroupName)
	if err != nil {
		return nil, err
	}
	if len(tags) > maxTags {
		return nil, errLimitExceeded("The number of tags exceeds the limit of %d.", maxTags)
	}
	hooks := map[string]*hook{}
	for _, s := range in.LifecycleHookSpecificationList {
		h, err := newHook(s.LifecycleHookName, s.LifecycleTransition, s.RoleARN, s.NotificationTargetARN, s.NotificationMetadata, s.DefaultResult, s.HeartbeatTimeout)
		if err != nil {
			return nil, err
		}
		hooks[h.name] = h
	}
	zones, subnets, subnetZone, err := b.placement(r.Account(), r.Region, in.AvailabilityZones, in.VPCZoneIdentifier)
	if err != nil {
		return nil, err
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.groups[in.AutoScalingGroupName]; ok {
		return nil, errAlreadyExists("AutoScalingGroup by this name already exists - A group with the name %s already exists", in.AutoScalingGroupName)
	}
	if len(st.groups) >= maxGroups {
		return nil, errLimitExceeded("You have reached your quota of %d Auto Scaling groups for this account in this Region.", maxGroups)
	}
	lt, err := b.launchSource(st, r, in.LaunchConfigurationName, in.LaunchTemplate)
	if err != nil {
		return nil, err
	}
	g := &group{name: in.AutoScalingGroupName, arn: groupARN(r.Account(), r.Region, in.AutoScalingGroupName), created: r.Now,
		min: min, max: max, defaultCooldown: 300, warmup: warmup, launchConfig: in.LaunchConfigurationName, template: lt,
		zones: zones, subnets: subnets, subnetZone: subnetZone, healthCheck: cmpOr(in.HealthCheckType, "EC2"),
		grace: int(deref(in.HealthCheckGracePeriod)), termination: in.TerminationPolicies,
		loadBalancers: in.LoadBalancerNames, targetGroups: in.TargetGroupARNs, tags: tags,
		protectNew: deref(in.NewInstancesProtectedFromScaleIn), suspended: map[string]string{}, hooks: hooks,
		policies: map[string]*policy{}, scheduled: map[string]*scheduledAction{}}
	if in.DefaultCooldown != nil {
		g.defaultCooldown = int(*in.DefaultCooldown)
	}
	if len(g.termination) == 0 {
		g.termination = []string{"Default"}
	}
	st.groups[g.name] = g
	if desired > 0 {
		g.cause = fmt.Sprintf("At %s a user request created an AutoScalingGroup changing the desired capacity from 0 to %d.", awsTime(r.Now), desired)
	}
	g.desired = desired
	b.reconcile(st, g, r.Now)
	return nil, nil
}

type updateGroupInput struct {
	AutoScalingGroupName             string
	LaunchConfigurationName          string
	LaunchTemplate                   *templateRef
	MixedInstancesPolicy             any
	MinSize                          *int32
	MaxSize                          *int32
	DesiredCapacity                  *int32
	DefaultCooldown                  *int32
	AvailabilityZones                []string
	AvailabilityZoneIds              any
	HealthCheckType                  string
	HealthCheckGracePeriod           *int32
	PlacementGroup                   any
	VPCZoneIdentifier                *string
	TerminationPolicies              []string
	NewInstancesProtectedFromScaleIn *bool
	ServiceLinkedRoleARN             any
	MaxInstanceLifetime              any
	CapacityRebalance                any
	Context                          any
	DesiredCapacityType              any
	DefaultInstanceWarmup            *int32
	InstanceMaintenancePolicy        any
	AvailabilityZoneDistribution     any
	AvailabilityZoneImpairmentPolicy any
	SkipZonalShiftValidation         any
	CapacityReservationSpecification any
	InstanceLifecyclePolicy          any
	DeletionProtection               any
}

// updateGroup answers UpdateAutoScalingGroup with AWS's resize rules
// (API Reference, UpdateAutoScalingGroup): a new MinSize above the
// desired capacity raises it to MinSize, a new MaxSize below it lowers
// it to MaxSize, and an explicit DesiredCapacity outside the new range
// is a ValidationError.
func (b *Backend) updateGroup(r *fake.Request) (any, error) {
	var in updateGroupInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	warmup, err := checkNumbers(in.MinSize, in.MaxSize, in.DesiredCapacity, in.DefaultCooldown, in.HealthCheckGracePeriod, in.DefaultInstanceWarmup)
	if err != nil {
		return nil, err
	}
	if err := checkHealthCheck(in.HealthCheckType); err != nil {
		return nil, err
	}
	if err := checkTerminationPolicies(in.TerminationPolicies); err != nil {
		return nil, err
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	g, err := findGroup(st, in.AutoScalingGroupName)
	st.mu.Unlock()
	if err != nil {
		return nil, err
	}
	var zones, subnets []string
	var subnetZone map[string]string
	if len(in.AvailabilityZones) > 0 || in.VPCZoneIdentifier != nil {
		vzi := strings.Join(g.subnets, ",")
		if in.VPCZoneIdentifier != nil {
			vzi = *in.VPCZoneIdentifier
		}
		azs := in.AvailabilityZones
		if len(azs) == 0 && in.VPCZoneIdentifier == nil {
			azs = g.zones
		}
		if zones, subnets, subnetZone, err = b.placement(r.Account(), r.Region, azs, vzi); err != nil {
			return nil, err
		}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if g, err = findGroup(st, in.AutoScalingGroupName); err != nil {
		return nil, err
	}
	if g.deleting {
		// "ValidationError: The AutoScaling group may not be modified
		// while it is pending delete" (kubernetes/kops#844, #1001).
		return nil, errValidation("The AutoScaling group may not be modified while it is pending delete")
	}
	var lt *templateRef
	if in.LaunchConfigurationName != "" || in.LaunchTemplate != nil {
		if lt, err = b.launchSource(st, r, in.LaunchConfigurationName, in.LaunchTemplate); err != nil {
			return nil, err
		}
	}
	min, max := g.min, g.max
	if in.MinSize != nil {
		min = int(*in.MinSize)
	}
	if in.MaxSize != nil {
		max = int(*in.MaxSize)
	}
	desired := g.desired
	if in.DesiredCapacity != nil {
		desired = int(*in.DesiredCapacity)
	} else {
		desired = clamp(desired, min, max)
	}
	if err := checkSizes(min, max, desired); err != nil {
		return nil, err
	}
	// Everything is checked: change the group.
	if in.LaunchConfigurationName != "" || in.LaunchTemplate != nil {
		g.launchConfig, g.template = in.LaunchConfigurationName, lt
	}
	if zones != nil {
		g.zones, g.subnets, g.subnetZone = zones, subnets, subnetZone
	}
	if in.DefaultCooldown != nil {
		g.defaultCooldown = int(*in.DefaultCooldown)
	}
	if in.DefaultInstanceWarmup != nil {
		g.warmup = warmup
	}
	if in.HealthCheckType != "" {
		g.healthCheck = in.HealthCheckType
	}
	if in.HealthCheckGracePeriod != nil {
		g.grace = int(*in.HealthCheckGracePeriod)
	}
	if len(in.TerminationPolicies) > 0 {
		g.termination = in.TerminationPolicies
	}
	if in.NewInstancesProtectedFromScaleIn != nil {
		g.protectNew = *in.NewInstancesProtectedFromScaleIn
	}
	g.min, g.max = min, max
	if desired != g.desired {
		g.cause = fmt.Sprintf("At %s a user request update of AutoScalingGroup constraints to min: %d, max: %d, desired: %d changing the desired capacity from %d to %d.",
			awsTime(r.Now), min, max, desired, g.desired, desired)
		g.desired = desired
		g.lastScaled = r.Now
	}
	b.reconcile(st, g, r.Now)
	return nil, nil
}

func clamp(n, lo, hi int) int { return max(lo, min(n, hi)) }

type setDesiredCapacityInput struct {
	AutoScalingGroupName string
	DesiredCapacity      *int32
	HonorCooldown        *bool
}

// setDesiredCapacity answers SetDesiredCapacity; HonorCooldown refuses
// it with ScalingActivityInProgress while the group scales or cools
// down (API Reference, SetDesiredCapacity).
func (b *Backend) setDesiredCapacity(r *fake.Request) (any, error) {
	var in setDesiredCapacityInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	if in.DesiredCapacity == nil {
		return nil, errValidation("1 validation error detected: Value null at 'desiredCapacity' failed to satisfy constraint: Member must not be null")
	}
	return b.inGroup(r, in.AutoScalingGroupName, func(st *region, g *group) (any, error) {
		return nil, b.setDesired(st, g, int(*in.DesiredCapacity), "a user request explicitly set group desired capacity", r.Now, deref(in.HonorCooldown))
	})
}

type deleteGroupInput struct {
	AutoScalingGroupName string
	ForceDelete          *bool
}

// deleteGroup answers DeleteAutoScalingGroup. A group with instances is
// ResourceInUse, and one with activities in progress
// ScalingActivityInProgress, unless ForceDelete: then its instances are
// terminated and the group, "Delete in progress", disappears once they
// are gone (API Reference, DeleteAutoScalingGroup).
func (b *Backend) deleteGroup(r *fake.Request) (any, error) {
	var in deleteGroupInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	return b.inGroup(r, in.AutoScalingGroupName, func(st *region, g *group) (any, error) {
		if g.deleting {
			return nil, nil
		}
		if !deref(in.ForceDelete) {
			for _, m := range g.members {
				if m.lifecycle == lcInService || m.lifecycle == lcStandby || m.lifecycle == lcPending || m.lifecycle == lcPendingWait {
					return nil, errResourceInUse("You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.")
				}
			}
			if g.busy() {
				return nil, errScalingActivityInProgress("You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.")
			}
			b.removeGroup(st, g, r.Now)
			return nil, nil
		}
		g.deleting = true
		g.desired, g.min, g.max = 0, 0, 0
		for _, m := range g.members {
			if m.lifecycle == lcTerminating {
				continue
			}
			// ForceDelete "deletes any outstanding lifecycle actions": no
			// hook holds these terminations.
			m.waits = nil
			b.startTerminate(st, g, m, fmt.Sprintf("At %s a user request force deleted the AutoScalingGroup %s, terminating instance %s.", awsTime(r.Now), g.name, m.id), r.Now, false)
		}
		b.finishDelete(st, g, r.Now)
		return nil, nil
	})
}

// finishDelete removes a group being deleted once its instances are
// gone.
func (b *Backend) finishDelete(st *region, g *group, now time.Time) {
	if g.deleting && len(g.members) == 0 {
		b.removeGroup(st, g, now)
	}
}

// removeGroup forgets g; its activities stay, marked deleted, for
// DescribeScalingActivities' IncludeDeletedGroups. Its target tracking
// policies' alarms go with it, as AutoScaling deletes the alarms it
// manages "when no longer needed" (User Guide, "Target tracking scaling
// policies"): a CloudWatch that fails to delete them leaves them there,
// as the group is gone either way.
func (b *Backend) removeGroup(st *region, g *group, now time.Time) {
	for _, p := range g.policies {
		if p.target != nil {
			_ = b.deleteTrackingAlarms(st.account, st.name, now, p.alarms)
		}
	}
	delete(st.groups, g.name)
	for _, a := range st.activities {
		if a.groupARN == g.arn {
			a.deleted = true
		}
	}
}
