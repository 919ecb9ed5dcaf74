package autoscaletest

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

type filter struct {
	Name   string
	Values []string
}

type suspendedProcess struct {
	ProcessName      string
	SuspensionReason string
}

type tagDescription struct {
	ResourceId        string
	ResourceType      string
	Key               string
	Value             string
	PropagateAtLaunch bool
}

// instanceOut is the model's Instance.
type instanceOut struct {
	InstanceId              string
	InstanceType            string
	AvailabilityZone        string
	LifecycleState          string
	HealthStatus            string
	LaunchConfigurationName *string
	LaunchTemplate          *templateOut
	ProtectedFromScaleIn    bool
}

// groupOut is the model's AutoScalingGroup.
type groupOut struct {
	AutoScalingGroupName             string
	AutoScalingGroupARN              string
	LaunchConfigurationName          *string
	LaunchTemplate                   *templateOut
	MinSize                          int32
	MaxSize                          int32
	DesiredCapacity                  int32
	DefaultCooldown                  int32
	DefaultInstanceWarmup            *int32
	AvailabilityZones                []string
	LoadBalancerNames                []string
	TargetGroupARNs                  []string
	HealthCheckType                  string
	HealthCheckGracePeriod           int32
	Instances                        []instanceOut
	CreatedTime                      time.Time
	SuspendedProcesses               []suspendedProcess
	VPCZoneIdentifier                *string
	EnabledMetrics                   []struct{}
	Status                           *string
	Tags                             []tagDescription
	TerminationPolicies              []string
	NewInstancesProtectedFromScaleIn bool
	ServiceLinkedRoleARN             string
}

func (m *member) out() instanceOut {
	o := instanceOut{InstanceId: m.id, InstanceType: m.instanceType, AvailabilityZone: m.zone, LifecycleState: m.lifecycle,
		HealthStatus: m.health, LaunchTemplate: m.template.out(), ProtectedFromScaleIn: m.protected}
	if m.template == nil && m.launchConfig != "" {
		o.LaunchConfigurationName = ptr(m.launchConfig)
	}
	return o
}

func (g *group) tagList() []tagDescription {
	out := []tagDescription{}
	for _, k := range slices.Sorted(maps.Keys(g.tags)) {
		t := g.tags[k]
		out = append(out, tagDescription{ResourceId: g.name, ResourceType: "auto-scaling-group", Key: k, Value: t.value, PropagateAtLaunch: t.propagate})
	}
	return out
}

func (g *group) out(account string, withInstances bool) groupOut {
	o := groupOut{AutoScalingGroupName: g.name, AutoScalingGroupARN: g.arn, LaunchTemplate: g.template.out(),
		MinSize: int32(g.min), MaxSize: int32(g.max), DesiredCapacity: int32(g.desired), DefaultCooldown: int32(g.defaultCooldown),
		AvailabilityZones: orEmpty(g.zones), LoadBalancerNames: orEmpty(g.loadBalancers), TargetGroupARNs: orEmpty(g.targetGroups),
		HealthCheckType: g.healthCheck, HealthCheckGracePeriod: int32(g.grace), CreatedTime: g.created,
		SuspendedProcesses: []suspendedProcess{}, EnabledMetrics: []struct{}{}, Tags: g.tagList(),
		TerminationPolicies: g.termination, NewInstancesProtectedFromScaleIn: g.protectNew,
		ServiceLinkedRoleARN: "arn:aws:iam::" + account + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"}
	if g.launchConfig != "" {
		o.LaunchConfigurationName = ptr(g.launchConfig)
	}
	if g.warmup != nil {
		o.DefaultInstanceWarmup = ptr(int32(*g.warmup))
	}
	if len(g.subnets) > 0 {
		o.VPCZoneIdentifier = ptr(strings.Join(g.subnets, ","))
	}
	if g.deleting {
		o.Status = ptr("Delete in progress")
	}
	for _, p := range slices.Sorted(maps.Keys(g.suspended)) {
		o.SuspendedProcesses = append(o.SuspendedProcesses, suspendedProcess{ProcessName: p, SuspensionReason: g.suspended[p]})
	}
	if withInstances {
		o.Instances = []instanceOut{}
		for _, m := range g.members {
			o.Instances = append(o.Instances, m.out())
		}
	}
	return o
}

type describeGroupsInput struct {
	AutoScalingGroupNames []string
	IncludeInstances      *bool
	NextToken             string
	MaxRecords            *int32
	Filters               []filter
}

type describeGroupsOutput struct {
	AutoScalingGroups []groupOut
	NextToken         *string
}

// matchGroup applies DescribeAutoScalingGroups' filters (API Reference,
// Filter): tag-key, tag-value, tag:<key>; values within a filter are
// ORed, filters ANDed.
func matchGroup(g *group, fs []filter) (bool, error) {
	for _, f := range fs {
		ok := false
		switch {
		case f.Name == "tag-key":
			for _, v := range f.Values {
				_, has := g.tags[v]
				ok = ok || has
			}
		case f.Name == "tag-value":
			for _, t := range g.tags {
				ok = ok || slices.Contains(f.Values, t.value)
			}
		case strings.HasPrefix(f.Name, "tag:"):
			t, has := g.tags[strings.TrimPrefix(f.Name, "tag:")]
			ok = has && slices.Contains(f.Values, t.value)
		default:
			return false, errValidation("Filter type %s is not correct. Allowed Filter types are: tag-key tag-value tag:<key>", f.Name)
		}
		if !ok {
			return false, nil
		}
	}
	return true, nil
}

// describeGroups answers DescribeAutoScalingGroups, by name, 50 a page
// unless MaxRecords (at most 100) says otherwise.
func (b *Backend) describeGroups(r *fake.Request) (any, error) {
	var in describeGroupsInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	var all []*group
	for _, g := range sortedGroups(st) {
		if len(in.AutoScalingGroupNames) > 0 && !slices.Contains(in.AutoScalingGroupNames, g.name) {
			continue
		}
		ok, err := matchGroup(g, in.Filters)
		if err != nil {
			return nil, err
		}
		if ok {
			all = append(all, g)
		}
	}
	pg, next, err := page(all, func(g *group) string { return g.name }, in.NextToken, in.MaxRecords, 50, 100)
	if err != nil {
		return nil, err
	}
	out := &describeGroupsOutput{AutoScalingGroups: []groupOut{}, NextToken: next}
	for _, g := range pg {
		out.AutoScalingGroups = append(out.AutoScalingGroups, g.out(r.Account(), in.IncludeInstances == nil || *in.IncludeInstances))
	}
	return out, nil
}

type processesInput struct {
	AutoScalingGroupName string
	ScalingProcesses     []string
}

// suspendProcesses answers SuspendProcesses; no process names means all
// of them (API Reference, SuspendProcesses).
func (b *Backend) suspendProcesses(r *fake.Request) (any, error) {
	return b.changeProcesses(r, true)
}

// resumeProcesses answers ResumeProcesses; no process names means all
// of them.
func (b *Backend) resumeProcesses(r *fake.Request) (any, error) {
	return b.changeProcesses(r, false)
}

func (b *Backend) changeProcesses(r *fake.Request, suspend bool) (any, error) {
	var in processesInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	for _, p := range in.ScalingProcesses {
		if !slices.Contains(processes, p) {
			return nil, errValidation("Process %s is not a valid scaling process. Valid processes are: %s", p, strings.Join(processes, ", "))
		}
	}
	names := in.ScalingProcesses
	if len(names) == 0 {
		names = processes
	}
	return b.inGroup(r, in.AutoScalingGroupName, func(st *region, g *group) (any, error) {
		if g.deleting {
			return nil, errResourceInUse("AutoScalingGroup %s is pending delete.", g.name)
		}
		for _, p := range names {
			if !suspend {
				delete(g.suspended, p)
			} else if _, ok := g.suspended[p]; !ok {
				g.suspended[p] = "User suspended at " + awsTime(r.Now)
			}
		}
		if !suspend {
			b.reconcile(st, g, r.Now)
		}
		return nil, nil
	})
}

type processType struct{ ProcessName string }

type describeProcessTypesOutput struct{ Processes []processType }

func (b *Backend) describeProcessTypes(r *fake.Request) (any, error) {
	if err := decodeIn(r, &struct{}{}); err != nil {
		return nil, err
	}
	out := &describeProcessTypesOutput{Processes: []processType{}}
	for _, p := range processes {
		out.Processes = append(out.Processes, processType{p})
	}
	return out, nil
}

type adjustmentType struct{ AdjustmentType string }

type describeAdjustmentTypesOutput struct{ AdjustmentTypes []adjustmentType }

// describeAdjustmentTypes answers DescribeAdjustmentTypes (API
// Reference: ChangeInCapacity, ExactCapacity, PercentChangeInCapacity).
func (b *Backend) describeAdjustmentTypes(r *fake.Request) (any, error) {
	if err := decodeIn(r, &struct{}{}); err != nil {
		return nil, err
	}
	return &describeAdjustmentTypesOutput{AdjustmentTypes: []adjustmentType{{"ChangeInCapacity"}, {"ExactCapacity"}, {"PercentChangeInCapacity"}}}, nil
}

type describeTerminationPolicyTypesOutput struct{ TerminationPolicyTypes []string }

func (b *Backend) describeTerminationPolicyTypes(r *fake.Request) (any, error) {
	if err := decodeIn(r, &struct{}{}); err != nil {
		return nil, err
	}
	return &describeTerminationPolicyTypesOutput{TerminationPolicyTypes: terminationPolicies}, nil
}

type describeLifecycleHookTypesOutput struct{ LifecycleHookTypes []string }

func (b *Backend) describeLifecycleHookTypes(r *fake.Request) (any, error) {
	if err := decodeIn(r, &struct{}{}); err != nil {
		return nil, err
	}
	return &describeLifecycleHookTypesOutput{LifecycleHookTypes: []string{transLaunch, transTerminate}}, nil
}

type describeAccountLimitsOutput struct {
	MaxNumberOfAutoScalingGroups    int32
	MaxNumberOfLaunchConfigurations int32
	NumberOfAutoScalingGroups       int32
	NumberOfLaunchConfigurations    int32
}

// describeAccountLimits answers DescribeAccountLimits with AWS's
// default quotas, which the fake enforces.
func (b *Backend) describeAccountLimits(r *fake.Request) (any, error) {
	if err := decodeIn(r, &struct{}{}); err != nil {
		return nil, err
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	return &describeAccountLimitsOutput{MaxNumberOfAutoScalingGroups: maxGroups, MaxNumberOfLaunchConfigurations: maxLaunchConfigs,
		NumberOfAutoScalingGroups: int32(len(st.groups)), NumberOfLaunchConfigurations: int32(len(st.launchConfigs))}, nil
}
