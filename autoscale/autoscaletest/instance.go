package autoscaletest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// instanceOps are the operations on a group's instances: describe,
// health, terminate, attach, detach, standby, protection.
func (b *Backend) instanceOps() map[string]op {
	return map[string]op{
		"DescribeAutoScalingInstances":        b.describeInstances,
		"SetInstanceHealth":                   b.setInstanceHealth,
		"TerminateInstanceInAutoScalingGroup": b.terminateInGroup,
		"AttachInstances":                     b.attachInstances,
		"DetachInstances":                     b.detachInstances,
		"EnterStandby":                        b.enterStandby,
		"ExitStandby":                         b.exitStandby,
		"SetInstanceProtection":               b.setInstanceProtection,
	}
}

// findMember finds instance id in any of st's groups.
func findMember(st *region, id string) (*group, *member) {
	for _, g := range st.groups {
		if m := g.member(id); m != nil {
			return g, m
		}
	}
	return nil, nil
}

func errNoInstance(ids ...string) error {
	return errValidation("Instance Id not found - No managed instance found for instance ID: %s", strings.Join(ids, ", "))
}

type autoScalingInstanceOut struct {
	InstanceId              string
	InstanceType            string
	AutoScalingGroupName    string
	AvailabilityZone        string
	LifecycleState          string
	HealthStatus            string
	LaunchConfigurationName *string
	LaunchTemplate          *templateOut
	ProtectedFromScaleIn    bool
}

type describeInstancesInput struct {
	InstanceIds []string
	MaxRecords  *int32
	NextToken   string
}

type describeInstancesOutput struct {
	AutoScalingInstances []autoScalingInstanceOut
	NextToken            *string
}

// describeInstances answers DescribeAutoScalingInstances, by instance
// ID, 50 a page at most (API Reference: MaxRecords, "The maximum value is
// 50").
func (b *Backend) describeInstances(r *fake.Request) (any, error) {
	var in describeInstancesInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	var all []autoScalingInstanceOut
	for _, g := range st.groups {
		for _, m := range g.members {
			if len(in.InstanceIds) > 0 && !slices.Contains(in.InstanceIds, m.id) {
				continue
			}
			o := m.out()
			// DescribeAutoScalingInstances writes health in capitals
			// (API Reference example: "HealthStatus": "HEALTHY").
			all = append(all, autoScalingInstanceOut{InstanceId: o.InstanceId, InstanceType: o.InstanceType, AutoScalingGroupName: g.name,
				AvailabilityZone: o.AvailabilityZone, LifecycleState: o.LifecycleState, HealthStatus: strings.ToUpper(o.HealthStatus),
				LaunchConfigurationName: o.LaunchConfigurationName, LaunchTemplate: o.LaunchTemplate, ProtectedFromScaleIn: o.ProtectedFromScaleIn})
		}
	}
	slices.SortFunc(all, func(a, b autoScalingInstanceOut) int { return strings.Compare(a.InstanceId, b.InstanceId) })
	pg, next, err := page(all, func(o autoScalingInstanceOut) string { return o.InstanceId }, in.NextToken, in.MaxRecords, 50, 50)
	if err != nil {
		return nil, err
	}
	return &describeInstancesOutput{AutoScalingInstances: orEmptyOf(pg), NextToken: next}, nil
}

func orEmptyOf[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

type setInstanceHealthInput struct {
	InstanceId               string
	HealthStatus             string
	ShouldRespectGracePeriod *bool
}

// setInstanceHealth answers SetInstanceHealth. An instance marked
// Unhealthy is replaced (unless ReplaceUnhealthy is suspended). By
// default the call respects the group's health check grace period: an
// instance still in it is left as it is (API Reference,
// SetInstanceHealth: ShouldRespectGracePeriod).
func (b *Backend) setInstanceHealth(r *fake.Request) (any, error) {
	var in setInstanceHealthInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	if in.HealthStatus != "Healthy" && in.HealthStatus != "Unhealthy" {
		return nil, errValidation("Valid values for HealthStatus are Healthy and Unhealthy; %q is not one.", in.HealthStatus)
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	g, m := findMember(st, in.InstanceId)
	if m == nil {
		return nil, errNoInstance(in.InstanceId)
	}
	respect := in.ShouldRespectGracePeriod == nil || *in.ShouldRespectGracePeriod
	inGrace := m.lifecycle != lcInService || r.Now.Before(m.inService.Add(time.Duration(g.grace)*time.Second))
	if respect && inGrace && g.grace > 0 {
		return nil, nil
	}
	m.health = in.HealthStatus
	if m.health == "Unhealthy" {
		m.healthCause = "a user health-check"
	}
	b.reconcile(st, g, r.Now)
	return nil, nil
}

type activityOut struct {
	ActivityId            string
	AutoScalingGroupName  string
	Description           string
	Cause                 string
	StartTime             time.Time
	EndTime               *time.Time
	StatusCode            string
	StatusMessage         *string
	Progress              int32
	Details               string
	AutoScalingGroupState *string
	AutoScalingGroupARN   string
}

func (a *activity) out() activityOut {
	o := activityOut{ActivityId: a.id, AutoScalingGroupName: a.group, Description: a.description, Cause: a.cause,
		StartTime: a.start, StatusCode: a.status, Progress: int32(a.progress), Details: a.details, AutoScalingGroupARN: a.groupARN}
	if !a.end.IsZero() {
		o.EndTime = ptr(a.end)
	}
	if a.message != "" {
		o.StatusMessage = ptr(a.message)
	}
	if a.deleted {
		o.AutoScalingGroupState = ptr("Deleted")
	}
	return o
}

type terminateInGroupInput struct {
	InstanceId                     string
	ShouldDecrementDesiredCapacity *bool
}

type activityOutput struct {
	Activity activityOut
}

// terminateInGroup answers TerminateInstanceInAutoScalingGroup: the
// instance terminates (through any termination hook); with
// ShouldDecrementDesiredCapacity the desired capacity drops by one,
// else a replacement launches.
func (b *Backend) terminateInGroup(r *fake.Request) (any, error) {
	var in terminateInGroupInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	if err := requireDecrement(in.ShouldDecrementDesiredCapacity); err != nil {
		return nil, err
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	g, m := findMember(st, in.InstanceId)
	if m == nil {
		return nil, errNoInstance(in.InstanceId)
	}
	if m.lifecycle == lcTerminating || m.lifecycle == lcTerminatingWait {
		// "ScalingActivityInProgress: Activity 0145aa55-f1bb-3172-7086-
		// 6def24ae52f0 is in progress." (kubernetes/kops#6900, from
		// TerminateInstanceInAutoScalingGroup).
		id := st.blockingActivity(g)
		if m.activity != nil {
			id = m.activity.id
		}
		return nil, errScalingActivityInProgress("Activity %s is in progress.", id)
	}
	cause := fmt.Sprintf("At %s instance %s was taken out of service in response to a user request.", awsTime(r.Now), m.id)
	if *in.ShouldDecrementDesiredCapacity {
		if g.desired-1 < g.min {
			// AWS's words, quoted in buildkite/elastic-ci-stack-for-aws#1261,
			// hashicorp/nomad-autoscaler#1290 and aws/aws-cli#47.
			return nil, errValidation("Currently, desiredSize equals minSize (%d). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.", g.min)
		}
		cause = fmt.Sprintf("At %s instance %s was taken out of service in response to a user request, shrinking the capacity from %d to %d.",
			awsTime(r.Now), m.id, g.desired, g.desired-1)
		g.desired--
	}
	b.startTerminate(st, g, m, cause, r.Now, true)
	a := m.activity.out()
	b.reconcile(st, g, r.Now)
	return &activityOutput{Activity: a}, nil
}

type instancesInput struct {
	InstanceIds                    []string
	AutoScalingGroupName           string
	ShouldDecrementDesiredCapacity *bool
}

type activitiesOutput struct {
	Activities []activityOut
}

// maxInstancesPerCall is what AttachInstances, DetachInstances,
// EnterStandby and ExitStandby take at once (API Reference: "You can
// specify up to 20 instances").
const maxInstancesPerCall = 20

func checkIDs(ids []string) error {
	if len(ids) > maxInstancesPerCall {
		return errValidation("The number of instance IDs (%d) exceeds the limit of %d.", len(ids), maxInstancesPerCall)
	}
	return nil
}

// requireDecrement is the rule of the calls that must say whether the
// desired capacity drops with the instances they take away.
func requireDecrement(p *bool) error {
	if p == nil {
		return errValidation("1 validation error detected: Value null at 'shouldDecrementDesiredCapacity' failed to satisfy constraint: Member must not be null")
	}
	return nil
}

// decodeInstances reads the input of AttachInstances and ExitStandby
// (decrement false: ShouldDecrementDesiredCapacity is not theirs), or of
// DetachInstances and EnterStandby (decrement true: it is required),
// with at most maxInstancesPerCall instances.
func decodeInstances(r *fake.Request, decrement bool) (instancesInput, error) {
	var in instancesInput
	if err := decodeIn(r, &in); err != nil {
		return in, err
	}
	if !decrement && in.ShouldDecrementDesiredCapacity != nil {
		return in, errValidation("Unknown parameter ShouldDecrementDesiredCapacity.")
	}
	if err := checkIDs(in.InstanceIds); err != nil {
		return in, err
	}
	if decrement {
		return in, requireDecrement(in.ShouldDecrementDesiredCapacity)
	}
	return in, nil
}

// withMembers runs fn, under the region's lock, on the group name and its
// instances ids, each in one of states (any state when none are given).
func (b *Backend) withMembers(r *fake.Request, name string, ids, states []string, fn func(st *region, g *group, ms []*member) (any, error)) (any, error) {
	return b.inGroup(r, name, func(st *region, g *group) (any, error) {
		ms, err := g.members2(ids, states...)
		if err != nil {
			return nil, err
		}
		return fn(st, g, ms)
	})
}

// members returns g's instances ids, each in one of states.
func (g *group) members2(ids []string, states ...string) ([]*member, error) {
	var out []*member
	for _, id := range ids {
		m := g.member(id)
		if m == nil {
			return nil, errValidation("The instance %s is not part of Auto Scaling group %s.", id, g.name)
		}
		if len(states) > 0 && !slices.Contains(states, m.lifecycle) {
			return nil, errValidation("The instance %s is not in %s.", id, strings.Join(states, " or "))
		}
		out = append(out, m)
	}
	return out, nil
}

// attachInstances answers AttachInstances: running instances in the
// group's zones (and subnets' VPC) join it, and the desired capacity
// grows by their number; past MaxSize is a ValidationError (API
// Reference, AttachInstances).
func (b *Backend) attachInstances(r *fake.Request) (any, error) {
	in, err := decodeInstances(r, false)
	if err != nil {
		return nil, err
	}
	ec2 := b.ec2Instances(r.Account(), r.Region, r.Now)
	return b.inGroup(r, in.AutoScalingGroupName, func(st *region, g *group) (any, error) {
		vpc := ""
		if len(g.subnets) > 0 {
			for _, e := range ec2 {
				if e.SubnetID == g.subnets[0] {
					vpc = e.VpcID
				}
			}
		}
		ids := slices.Compact(slices.Sorted(slices.Values(in.InstanceIds)))
		for _, id := range ids {
			e, ok := ec2[id]
			switch {
			case !ok:
				return nil, errValidation("Instance %s is not valid: it does not exist.", id)
			case e.State != "running":
				return nil, errValidation("Instance %s is not in correct state: %s. Instances must be running to be attached.", id, e.State)
			case !slices.Contains(g.zones, e.Zone):
				return nil, errValidation("The Availability Zone %s of instance %s is not one of the group's.", e.Zone, id)
			case len(g.subnets) > 0 && vpc != "" && e.VpcID != vpc:
				return nil, errValidation("The instance %s is not in the VPC of the group's subnets.", id)
			}
			if og, _ := findMember(st, id); og != nil {
				return nil, errValidation("The instance %s is already part of Auto Scaling group %s.", id, og.name)
			}
		}
		if g.desired+len(ids) > g.max {
			return nil, errDesired(g.desired+len(ids), g.min, g.max)
		}
		for _, id := range ids {
			e := ec2[id]
			cause := fmt.Sprintf("At %s an instance was added in response to a user request. Instance %s was attached, changing the desired capacity from %d to %d.",
				awsTime(r.Now), id, g.desired, g.desired+1)
			g.desired++
			m := &member{id: id, zone: e.Zone, subnet: e.SubnetID, instanceType: e.Type, imageID: e.ImageID, lifecycle: lcPending,
				health: "Healthy", protected: g.protectNew, launched: r.Now, until: r.Now}
			m.activity = st.record(g, "Attaching an existing EC2 instance: "+id, cause, "InProgress", r.Now)
			g.members = append(g.members, m)
			b.tagAttached(st, g, id, r.Now)
		}
		return nil, nil
	})
}

// detachInstances answers DetachInstances: the instances leave the
// group (and keep running); without ShouldDecrementDesiredCapacity
// replacements launch.
func (b *Backend) detachInstances(r *fake.Request) (any, error) {
	return b.takeOut(r, []string{lcInService, lcStandby}, "detached", "Detaching EC2 instance: ", nil, func(g *group, m *member, a *activity) {
		a.details = details(m.subnet, m.zone)
		g.members = slices.DeleteFunc(g.members, func(x *member) bool { return x == m })
	})
}

// enterStandby answers EnterStandby: InService instances leave service
// but stay in the group; without ShouldDecrementDesiredCapacity
// replacements launch.
func (b *Backend) enterStandby(r *fake.Request) (any, error) {
	return b.takeOut(r, []string{lcInService}, "moved to standby", "Moving EC2 instance to Standby: ", errStandbyBelowMin, func(_ *group, m *member, _ *activity) {
		m.lifecycle = lcStandby
	})
}

// errStandbyBelowMin is AWS's refusal of EnterStandby with
// ShouldDecrementDesiredCapacity below the group's min size, as the aws
// CLI printed it in 2025: "AutoScalingGroup terraform-2025... has
// min-size=1, max-size=1, and desired-size=1. To place into standby 1
// instance, please update the AutoScalingGroup sizes appropriately."
// (an older quote reads "1 instances"; the newer is followed).
func errStandbyBelowMin(g *group, n int) error {
	noun := "instances"
	if n == 1 {
		noun = "instance"
	}
	return errValidation("AutoScalingGroup %s has min-size=%d, max-size=%d, and desired-size=%d. To place into standby %d %s, please update the AutoScalingGroup sizes appropriately.",
		g.name, g.min, g.max, g.desired, n, noun)
}

// takeOut is DetachInstances and EnterStandby: the instances, each in
// one of states, are taken out of service, each a Successful activity
// ("<description><id>") whose cause says they were <verb> "in response
// to a user request", and with ShouldDecrementDesiredCapacity how the
// capacity shrank for each one in service (one in Standby no longer
// counts), never below MinSize (refused with belowMin's error, else
// errDesired's); then done finishes each, and the group
// launches any replacements.
func (b *Backend) takeOut(r *fake.Request, states []string, verb, description string, belowMin func(g *group, n int) error, done func(g *group, m *member, a *activity)) (any, error) {
	in, err := decodeInstances(r, true)
	if err != nil {
		return nil, err
	}
	return b.withMembers(r, in.AutoScalingGroupName, in.InstanceIds, states, func(st *region, g *group, ms []*member) (any, error) {
		dec := *in.ShouldDecrementDesiredCapacity
		if dec && g.desired-len(ms) < g.min {
			if belowMin != nil {
				return nil, belowMin(g, len(ms))
			}
			return nil, errDesired(g.desired-len(ms), g.min, g.max)
		}
		out := &activitiesOutput{Activities: []activityOut{}}
		for _, m := range ms {
			cause := fmt.Sprintf("At %s instance %s was %s in response to a user request.", awsTime(r.Now), m.id, verb)
			if dec && m.lifecycle != lcStandby {
				cause = fmt.Sprintf("At %s instance %s was %s in response to a user request, shrinking the capacity from %d to %d.", awsTime(r.Now), m.id, verb, g.desired, g.desired-1)
				g.desired--
			}
			a := st.record(g, description+m.id, cause, "Successful", r.Now)
			done(g, m, a)
			out.Activities = append(out.Activities, a.out())
		}
		b.reconcile(st, g, r.Now)
		return out, nil
	})
}

// exitStandby answers ExitStandby: Standby instances come back
// (Pending, then InService), and the desired capacity grows by their
// number; past MaxSize is a ValidationError.
func (b *Backend) exitStandby(r *fake.Request) (any, error) {
	in, err := decodeInstances(r, false)
	if err != nil {
		return nil, err
	}
	return b.withMembers(r, in.AutoScalingGroupName, in.InstanceIds, []string{lcStandby}, func(st *region, g *group, ms []*member) (any, error) {
		if g.desired+len(ms) > g.max {
			return nil, errDesired(g.desired+len(ms), g.min, g.max)
		}
		out := &activitiesOutput{Activities: []activityOut{}}
		for _, m := range ms {
			cause := fmt.Sprintf("At %s instance %s was moved out of standby in response to a user request, increasing the capacity from %d to %d.",
				awsTime(r.Now), m.id, g.desired, g.desired+1)
			g.desired++
			m.lifecycle, m.until = lcPending, r.Now.Add(b.launchTime)
			m.activity = st.record(g, "Moving EC2 instance out of Standby: "+m.id, cause, "InProgress", r.Now)
			out.Activities = append(out.Activities, m.activity.out())
		}
		return out, nil
	})
}

type setProtectionInput struct {
	InstanceIds          []string
	AutoScalingGroupName string
	ProtectedFromScaleIn *bool
}

// maxProtectionIDs is how many instances SetInstanceProtection takes at
// once (API Reference, SetInstanceProtection: "You can specify up to 50
// instances per Auto Scaling group"); more is LimitExceeded.
const maxProtectionIDs = 50

// setInstanceProtection answers SetInstanceProtection.
func (b *Backend) setInstanceProtection(r *fake.Request) (any, error) {
	var in setProtectionInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	if in.ProtectedFromScaleIn == nil || len(in.InstanceIds) == 0 {
		return nil, errValidation("1 validation error detected: Value null at 'instanceIds' or 'protectedFromScaleIn' failed to satisfy constraint: Member must not be null")
	}
	if len(in.InstanceIds) > maxProtectionIDs {
		return nil, errLimitExceeded("The number of instance IDs (%d) exceeds the limit of %d.", len(in.InstanceIds), maxProtectionIDs)
	}
	return b.withMembers(r, in.AutoScalingGroupName, in.InstanceIds, nil, func(_ *region, _ *group, ms []*member) (any, error) {
		for _, m := range ms {
			m.protected = *in.ProtectedFromScaleIn
		}
		return &empty{}, nil
	})
}
