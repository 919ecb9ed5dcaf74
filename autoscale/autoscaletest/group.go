package autoscaletest

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// maxGroups is AWS's default quota of Auto Scaling groups per region
// (Amazon EC2 Auto Scaling User Guide, "Auto Scaling service quotas":
// 500).
const maxGroups = 500

// group is one Auto Scaling group. Its region's lock guards it.
type group struct {
	name, arn string
	created   time.Time
	min, max  int
	desired   int
	// defaultCooldown is the seconds after a scaling activity before a
	// simple policy or SetDesiredCapacity (HonorCooldown) may scale again.
	defaultCooldown int
	lastScaled      time.Time // when the last scaling activity ended
	// warmup is DefaultInstanceWarmup in seconds, nil when not set: how
	// long an instance in service still counts as warming up for step
	// policies (policy_exec.go).
	warmup *int

	policies  map[string]*policy          // by name (policy.go)
	scheduled map[string]*scheduledAction // by name (schedule.go)

	launchConfig string       // a launch configuration's name, or
	template     *templateRef // a launch template
	zones        []string     // Availability Zones, in the order given
	subnets      []string     // VPCZoneIdentifier's subnets, in order
	subnetZone   map[string]string
	healthCheck  string // "EC2" or "ELB"
	grace        int    // HealthCheckGracePeriod, seconds
	termination  []string
	// loadBalancers and targetGroups are stored and described only: there
	// is no ELB fake for them to name, so they are not looked up and
	// instances are not registered with them.
	loadBalancers, targetGroups []string
	tags                        map[string]groupTag // by key
	protectNew                  bool                // NewInstancesProtectedFromScaleIn
	suspended                   map[string]string   // process -> SuspensionReason
	members                     []*member           // instances, in launch or attach order
	hooks                       map[string]*hook    // lifecycle hooks by name
	deleting                    bool                // "Delete in progress": ForceDelete's instances are terminating
	// cause is the first sentence of the next launches' and
	// terminations' causes: the change of desired capacity they answer
	// ("At ... a user request ... changing the desired capacity from 0
	// to 2."), until they happen.
	cause   string
	retryAt time.Time // no launch before then, after a failed one
	// rebalancing are the instances AZRebalance launched, until they are
	// in service and the terminations they allow begin.
	rebalancing []*member
}

// templateRef is a group's launch template: the model's
// LaunchTemplateSpecification, Version as given ("" for none, which
// launches $Default).
type templateRef struct {
	LaunchTemplateId   string
	LaunchTemplateName string
	Version            string
}

// templateOut is a LaunchTemplateSpecification as AWS describes it: a
// Version only when one was given (moto's models.py notes AWS "will
// never show the version if it is not specified").
type templateOut struct {
	LaunchTemplateId   string
	LaunchTemplateName string
	Version            *string
}

func (t *templateRef) out() *templateOut {
	if t == nil {
		return nil
	}
	o := &templateOut{LaunchTemplateId: t.LaunchTemplateId, LaunchTemplateName: t.LaunchTemplateName}
	if t.Version != "" {
		o.Version = ptr(t.Version)
	}
	return o
}

type groupTag struct {
	value     string
	propagate bool
}

// processes are AutoScaling's scaling processes (API Reference,
// SuspendProcesses), in DescribeScalingProcessTypes' order.
var processes = []string{"AZRebalance", "AddToLoadBalancer", "AlarmNotification", "HealthCheck",
	"InstanceRefresh", "Launch", "ReplaceUnhealthy", "ScheduledActions", "Terminate"}

// isSuspended reports whether process (one of processes) is suspended
// for g: the engine, scheduled actions and alarm notifications check it
// before doing that thing.
func (g *group) isSuspended(process string) bool {
	_, ok := g.suspended[process]
	return ok
}

// live are g's members that count towards its capacity: launching,
// waiting on a launch hook, or in service.
func (g *group) live() []*member {
	var out []*member
	for _, m := range g.members {
		switch m.lifecycle {
		case lcPending, lcPendingWait, lcInService:
			out = append(out, m)
		}
	}
	return out
}

// member returns g's instance id, or nil.
func (g *group) member(id string) *member {
	for _, m := range g.members {
		if m.id == id {
			return m
		}
	}
	return nil
}

// busy reports whether g has an activity in progress: an instance
// launching, waiting on a hook, or terminating.
func (g *group) busy() bool {
	for _, m := range g.members {
		if m.lifecycle != lcInService && m.lifecycle != lcStandby {
			return true
		}
	}
	return false
}

// sortedGroups are st's groups by name.
func sortedGroups(st *region) []*group {
	return slices.SortedFunc(maps.Values(st.groups), func(a, b *group) int { return strings.Compare(a.name, b.name) })
}

// inGroup runs fn on r's account's group name in r's region, under
// the region's lock: how an operation on one group starts. A missing
// group is findGroup's ValidationError.
func (b *Backend) inGroup(r *fake.Request, name string, fn func(st *region, g *group) (any, error)) (any, error) {
	return b.inFound(r, name, findGroup, fn)
}

// inPolicyGroup is inGroup for the policy and scheduled action
// operations, whose missing group is policyGroup's error.
func (b *Backend) inPolicyGroup(r *fake.Request, name string, fn func(st *region, g *group) (any, error)) (any, error) {
	return b.inFound(r, name, policyGroup, fn)
}

func (b *Backend) inFound(r *fake.Request, name string, find func(*region, string) (*group, error), fn func(st *region, g *group) (any, error)) (any, error) {
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	g, err := find(st, name)
	if err != nil {
		return nil, err
	}
	return fn(st, g)
}

// findGroup returns st's group name, or AWS's ValidationError.
func findGroup(st *region, name string) (*group, error) {
	if g, ok := st.groups[name]; ok {
		return g, nil
	}
	// AWS quotes the name: "ValidationError: AutoScalingGroup name not
	// found - AutoScalingGroup 'kubernetes.master.eu-west-1a...' not
	// found" (kubernetes-retired/kube-deploy#99).
	return nil, errValidation("AutoScalingGroup name not found - AutoScalingGroup '%s' not found", name)
}

// groupOps are the group operations: create, describe, update, delete,
// desired capacity, processes.
func (b *Backend) groupOps() map[string]op {
	return map[string]op{
		"CreateAutoScalingGroup":         b.createGroup,
		"DescribeAutoScalingGroups":      b.describeGroups,
		"UpdateAutoScalingGroup":         b.updateGroup,
		"DeleteAutoScalingGroup":         b.deleteGroup,
		"SetDesiredCapacity":             b.setDesiredCapacity,
		"SuspendProcesses":               b.suspendProcesses,
		"ResumeProcesses":                b.resumeProcesses,
		"DescribeScalingProcessTypes":    b.describeProcessTypes,
		"DescribeAdjustmentTypes":        b.describeAdjustmentTypes,
		"DescribeTerminationPolicyTypes": b.describeTerminationPolicyTypes,
		"DescribeLifecycleHookTypes":     b.describeLifecycleHookTypes,
		"DescribeAccountLimits":          b.describeAccountLimits,
	}
}
