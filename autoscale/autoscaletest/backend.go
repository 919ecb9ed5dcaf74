package autoscaletest

import (
	"maps"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// Backend is AutoScaling's state and request handling, separate from any
// server so that several services can share one fake server
// (fakes/localcloud). It is safe for concurrent use.
type Backend struct {
	regions fake.Scoped[region]
	clock   func() time.Time
	ops     map[string]op
	// launchTime is how long an instance stays Pending (see WithLaunchTime).
	launchTime time.Duration

	mu       sync.Mutex
	ec2      *ec2test.Backend // where groups launch; SetEC2 replaces it
	alarmSrc AlarmSource      // CloudWatch's alarms; SetAlarms replaces it
	cwCall   CloudWatchCall   // where target tracking alarms go; SetCloudWatch replaces it
}

// op serves one operation: it reads its input from r and returns its
// output struct (nil for none) or an error.
type op func(r *fake.Request) (any, error)

// region is one account's AutoScaling state in one region.
type region struct {
	mu            sync.Mutex
	account, name string
	groups        map[string]*group        // by name
	launchConfigs map[string]*launchConfig // by name
	// activities are every group's scaling activities, oldest first;
	// a deleted group's stay, for IncludeDeletedGroups.
	activities []*activity
	seq        int // numbers activities and tokens, for stable order
}

// options are autoscaletest's own settings.
type options struct {
	ec2        *ec2test.Backend
	launchTime time.Duration
	set        bool // launchTime was given
}

// WithEC2 makes groups launch into e rather than an EC2 backend of the
// fake's own: the local cloud passes its EC2 fake, so a group's
// instances are the ones DescribeInstances lists.
func WithEC2(e *ec2test.Backend) fakes.Option {
	return fake.ServiceOption(func(o *options) { o.ec2 = e })
}

// WithLaunchTime sets how long a launched instance stays Pending: it
// moves on (to InService, or Pending:Wait under a launch lifecycle hook)
// at the first request at least d after its launch on the fake's clock,
// once EC2 reports it running. The default, DefaultLaunchTime, is short
// but not zero, so a waiter's first look after a launch sees it Pending.
// Terminations take the same time to finish.
func WithLaunchTime(d time.Duration) fakes.Option {
	return fake.ServiceOption(func(o *options) { o.launchTime, o.set = d, true })
}

// DefaultLaunchTime is how long an instance stays Pending without
// WithLaunchTime.
const DefaultLaunchTime = time.Second

// NewBackend returns an empty AutoScaling, ready to be mounted with
// Service. Of opts it heeds fakes.WithClock, WithEC2, WithLaunchTime,
// WithAlarms and WithCloudWatch; without WithEC2 it makes an EC2 backend of its own from
// opts (ec2test.NewBackend).
func NewBackend(opts ...fakes.Option) (*Backend, error) {
	s := fake.Apply(opts...)
	var o options
	fake.ApplyService(s, &o)
	var ao alarmOptions
	fake.ApplyService(s, &ao)
	var co cloudWatchOptions
	fake.ApplyService(s, &co)
	b := &Backend{clock: s.Clock, ec2: o.ec2, launchTime: DefaultLaunchTime, alarmSrc: ao.alarms, cwCall: co.call}
	if o.set {
		b.launchTime = max(o.launchTime, 0)
	}
	if b.clock == nil {
		b.clock = time.Now
	}
	if b.ec2 == nil {
		e, err := ec2test.NewBackend(opts...)
		if err != nil {
			return nil, err
		}
		b.ec2 = e
	}
	b.regions.New = func(account, name string) *region {
		return &region{account: account, name: name, groups: map[string]*group{}, launchConfigs: map[string]*launchConfig{}}
	}
	b.ops = map[string]op{}
	for _, part := range []map[string]op{b.groupOps(), b.instanceOps(), b.launchConfigOps(), b.activityOps(),
		b.tagOps(), b.hookOps(), b.policyOps(), b.scheduleOps()} {
		maps.Copy(b.ops, part)
	}
	return b, nil
}

// EC2 returns the EC2 backend groups launch into.
func (b *Backend) EC2() *ec2test.Backend {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ec2
}

// SetEC2 replaces the EC2 backend groups launch into, for a local cloud
// that wires backends after making them. Instances already launched stay
// where they are.
func (b *Backend) SetEC2(e *ec2test.Backend) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.ec2 = e
}

// Service returns the AutoScaling service for a fake server: the Query
// protocol, routed by the SigV4 scope's "autoscaling", Version
// 2011-01-01, or autoscaling.<region> host names.
func (b *Backend) Service() fake.Service {
	return fake.Service{
		Name:          "autoscaling",
		Protocol:      fake.Query,
		XMLNamespace:  xmlNamespace,
		QueryVersions: []string{apiVersion},
		HostPrefix:    "autoscaling",
		Handle:        b.handle,
	}
}

// Reset forgets every group, launch configuration and activity. Instances already
// launched stay in the EC2 backend.
func (b *Backend) Reset() { b.regions.Reset() }

// operations are every operation of AutoScaling's API (2011-01-01).
var operations = []string{"AttachInstances", "AttachLoadBalancerTargetGroups", "AttachLoadBalancers",
	"AttachTrafficSources", "BatchDeleteScheduledAction", "BatchPutScheduledUpdateGroupAction", "CancelInstanceRefresh",
	"CompleteLifecycleAction", "CreateAutoScalingGroup", "CreateLaunchConfiguration", "CreateOrUpdateTags",
	"DeleteAutoScalingGroup", "DeleteLaunchConfiguration", "DeleteLifecycleHook", "DeleteNotificationConfiguration",
	"DeletePolicy", "DeleteScheduledAction", "DeleteTags", "DeleteWarmPool", "DescribeAccountLimits",
	"DescribeAdjustmentTypes", "DescribeAutoScalingGroups", "DescribeAutoScalingInstances",
	"DescribeAutoScalingNotificationTypes", "DescribeInstanceRefreshes", "DescribeLaunchConfigurations",
	"DescribeLifecycleHookTypes", "DescribeLifecycleHooks", "DescribeLoadBalancerTargetGroups", "DescribeLoadBalancers",
	"DescribeMetricCollectionTypes", "DescribeNotificationConfigurations", "DescribePolicies",
	"DescribeScalingActivities", "DescribeScalingProcessTypes", "DescribeScheduledActions", "DescribeTags",
	"DescribeTerminationPolicyTypes", "DescribeTrafficSources", "DescribeWarmPool", "DetachInstances",
	"DetachLoadBalancerTargetGroups", "DetachLoadBalancers", "DetachTrafficSources", "DisableMetricsCollection",
	"EnableMetricsCollection", "EnterStandby", "ExecutePolicy", "ExitStandby", "GetPredictiveScalingForecast",
	"LaunchInstances", "PutLifecycleHook", "PutNotificationConfiguration", "PutScalingPolicy",
	"PutScheduledUpdateGroupAction", "PutWarmPool", "RecordLifecycleActionHeartbeat", "ResumeProcesses",
	"RollbackInstanceRefresh", "SetDesiredCapacity", "SetInstanceHealth", "SetInstanceProtection",
	"StartInstanceRefresh", "SuspendProcesses", "TerminateInstanceInAutoScalingGroup", "UpdateAutoScalingGroup"}

// handle serves one authenticated request. Time moves the groups first
// (launches finishing, scheduled actions, hook timeouts: advance), so
// every answer reflects the fake's clock.
func (b *Backend) handle(w http.ResponseWriter, r *fake.Request) error {
	h, ok := b.ops[r.Operation]
	if !ok {
		if slices.Contains(operations, r.Operation) {
			return errUnsupported(r.Operation)
		}
		return errInvalidAction(r.Operation)
	}
	b.advance(r.Account(), r.Region, r.Now)
	out, err := h(r)
	if err != nil {
		return err
	}
	return writeOutput(w, r, out)
}
