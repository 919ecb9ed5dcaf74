package autoscaletest

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// Lifecycle transitions (API Reference, PutLifecycleHook).
const (
	transLaunch    = "autoscaling:EC2_INSTANCE_LAUNCHING"
	transTerminate = "autoscaling:EC2_INSTANCE_TERMINATING"
)

// maxHooks is AWS's limit of lifecycle hooks per group (User Guide,
// "Auto Scaling service quotas": 50).
const maxHooks = 50

// hook is one lifecycle hook of a group.
type hook struct {
	name, transition string
	metadata         string
	heartbeat        int    // seconds, 30-7200
	defaultResult    string // CONTINUE or ABANDON
}

// globalTimeout is the longest a lifecycle action may last, whatever
// the heartbeats: 100 times the heartbeat timeout or 48 hours, whichever
// is less (User Guide, "Amazon EC2 Auto Scaling lifecycle hooks").
func (h *hook) globalTimeout() int { return min(100*h.heartbeat, 172800) }

// wait is one lifecycle action in progress: an instance held by a hook.
type wait struct {
	hook    string
	token   string
	started time.Time
	beat    time.Time // the last heartbeat, or the start
	result  string    // "" until completed or timed out
}

// newHook checks a hook's settings as PutLifecycleHook does.
func newHook(name, transition, role, target, metadata, result string, heartbeat *int32) (*hook, error) {
	if err := checkName("LifecycleHookName", name); err != nil {
		return nil, err
	}
	h := &hook{name: name, heartbeat: 3600, defaultResult: "ABANDON"}
	if err := h.apply(transition, role, target, metadata, result, heartbeat); err != nil {
		return nil, err
	}
	if h.transition == "" {
		return nil, errValidation("1 validation error detected: Value null at 'lifecycleTransition' failed to satisfy constraint: Member must not be null")
	}
	return h, nil
}

// apply sets the settings given, keeping the others.
func (h *hook) apply(transition, role, target, metadata, result string, heartbeat *int32) error {
	if transition != "" && transition != transLaunch && transition != transTerminate {
		return errValidation("Invalid Lifecycle Transition: %s. Valid transitions are %s and %s.", transition, transLaunch, transTerminate)
	}
	if heartbeat != nil && (*heartbeat < 30 || *heartbeat > 7200) {
		return errValidation("Heartbeat timeout %d is invalid: it must be between 30 and 7200 seconds.", *heartbeat)
	}
	if result != "" && result != "CONTINUE" && result != "ABANDON" {
		return errValidation("Invalid value for DefaultResult: %s. Valid values are CONTINUE and ABANDON.", result)
	}
	if len(metadata) > 4000 {
		return errValidation("1 validation error detected: Value at 'notificationMetadata' failed to satisfy constraint: Member must have length less than or equal to 4000")
	}
	if target != "" || role != "" {
		// Notifications would go to SNS or SQS through IAM; the fake has
		// neither link, and does not pretend to notify.
		return errUnsupported("lifecycle hook notifications (NotificationTargetARN, RoleARN)")
	}
	if transition != "" {
		h.transition = transition
	}
	if heartbeat != nil {
		h.heartbeat = int(*heartbeat)
	}
	if result != "" {
		h.defaultResult = result
	}
	if metadata != "" {
		h.metadata = metadata
	}
	return nil
}

// hooksFor are g's hooks on transition, by name.
func (g *group) hooksFor(transition string) []*hook {
	var out []*hook
	for _, n := range slices.Sorted(maps.Keys(g.hooks)) {
		if g.hooks[n].transition == transition {
			out = append(out, g.hooks[n])
		}
	}
	return out
}

// newWaits starts a lifecycle action for each of g's hooks on
// transition.
func (g *group) newWaits(st *region, transition string, now time.Time) []*wait {
	var out []*wait
	for _, h := range g.hooksFor(transition) {
		out = append(out, &wait{hook: h.name, token: newUUID(), started: now, beat: now})
	}
	return out
}

// settleWaits times out m's lifecycle actions that are overdue (with
// their hook's DefaultResult) and, once none is left, lets m go on: a
// launch into service, or abandoned and terminated; a termination to
// EC2.
func (b *Backend) settleWaits(st *region, g *group, m *member, now time.Time) {
	for _, w := range m.waits {
		h := g.hooks[w.hook]
		if w.result != "" {
			continue
		}
		if h == nil { // the hook was deleted: its action ends
			w.result = "CONTINUE"
			continue
		}
		deadline := w.beat.Add(time.Duration(h.heartbeat) * time.Second)
		if global := w.started.Add(time.Duration(h.globalTimeout()) * time.Second); global.Before(deadline) {
			deadline = global
		}
		if !now.Before(deadline) {
			w.result = h.defaultResult
		}
	}
	abandon := false
	for _, w := range m.waits {
		switch w.result {
		case "":
			return
		case "ABANDON":
			abandon = true
		}
	}
	switch m.lifecycle {
	case lcPendingWait:
		if abandon {
			m.activity.finish("Cancelled", "Instance failed to complete user's Lifecycle Action: Lifecycle Action was abandoned: Lifecycle Action Completed with ABANDON Result", now)
			m.activity = nil
			m.abandoned = true
			b.startTerminate(st, g, m, fmt.Sprintf("At %s an instance was taken out of service in response to a launch lifecycle action that was abandoned.", awsTime(now)), now, false)
			return
		}
		b.putInService(g, m, now)
	case lcTerminatingWait:
		m.activity.status, m.activity.progress = "InProgress", 70
		b.terminateNow(st, m, now)
	}
}

// hookOps are the lifecycle hook operations.
func (b *Backend) hookOps() map[string]op {
	return map[string]op{
		"PutLifecycleHook":               b.putHook,
		"DescribeLifecycleHooks":         b.describeHooks,
		"DeleteLifecycleHook":            b.deleteHook,
		"CompleteLifecycleAction":        b.completeLifecycleAction,
		"RecordLifecycleActionHeartbeat": b.recordHeartbeat,
	}
}

type putHookInput struct {
	LifecycleHookName     string
	AutoScalingGroupName  string
	LifecycleTransition   string
	RoleARN               string
	NotificationTargetARN string
	NotificationMetadata  string
	HeartbeatTimeout      *int32
	DefaultResult         string
}

type empty struct{}

// putHook answers PutLifecycleHook: it creates a hook, or changes the
// settings given of an existing one.
func (b *Backend) putHook(r *fake.Request) (any, error) {
	var in putHookInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	return b.inGroup(r, in.AutoScalingGroupName, func(st *region, g *group) (any, error) {
		if h, ok := g.hooks[in.LifecycleHookName]; ok {
			c := *h
			if err := c.apply(in.LifecycleTransition, in.RoleARN, in.NotificationTargetARN, in.NotificationMetadata, in.DefaultResult, in.HeartbeatTimeout); err != nil {
				return nil, err
			}
			*h = c
			return &empty{}, nil
		}
		h, err := newHook(in.LifecycleHookName, in.LifecycleTransition, in.RoleARN, in.NotificationTargetARN, in.NotificationMetadata, in.DefaultResult, in.HeartbeatTimeout)
		if err != nil {
			return nil, err
		}
		if len(g.hooks) >= maxHooks {
			return nil, errLimitExceeded("Maximum number of lifecycle hooks (%d) reached for AutoScalingGroup %s.", maxHooks, g.name)
		}
		g.hooks[h.name] = h
		return &empty{}, nil
	})
}

type lifecycleHookOut struct {
	LifecycleHookName    string
	AutoScalingGroupName string
	LifecycleTransition  string
	NotificationMetadata *string
	HeartbeatTimeout     int32
	GlobalTimeout        int32
	DefaultResult        string
}

type describeHooksInput struct {
	AutoScalingGroupName string
	LifecycleHookNames   []string
}

type describeHooksOutput struct {
	LifecycleHooks []lifecycleHookOut
}

// describeHooks answers DescribeLifecycleHooks, by name.
func (b *Backend) describeHooks(r *fake.Request) (any, error) {
	var in describeHooksInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	return b.inGroup(r, in.AutoScalingGroupName, func(st *region, g *group) (any, error) {
		out := &describeHooksOutput{LifecycleHooks: []lifecycleHookOut{}}
		for _, n := range slices.Sorted(maps.Keys(g.hooks)) {
			if len(in.LifecycleHookNames) > 0 && !slices.Contains(in.LifecycleHookNames, n) {
				continue
			}
			h := g.hooks[n]
			o := lifecycleHookOut{LifecycleHookName: h.name, AutoScalingGroupName: g.name, LifecycleTransition: h.transition,
				HeartbeatTimeout: int32(h.heartbeat), GlobalTimeout: int32(h.globalTimeout()), DefaultResult: h.defaultResult}
			if h.metadata != "" {
				o.NotificationMetadata = ptr(h.metadata)
			}
			out.LifecycleHooks = append(out.LifecycleHooks, o)
		}
		return out, nil
	})
}

type deleteHookInput struct {
	LifecycleHookName    string
	AutoScalingGroupName string
}

// deleteHook answers DeleteLifecycleHook. Actions the hook holds end
// (as CONTINUE) at the next request.
func (b *Backend) deleteHook(r *fake.Request) (any, error) {
	var in deleteHookInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	return b.inGroup(r, in.AutoScalingGroupName, func(st *region, g *group) (any, error) {
		if err := g.hasHook(in.LifecycleHookName); err != nil {
			return nil, err
		}
		delete(g.hooks, in.LifecycleHookName)
		return &empty{}, nil
	})
}

// hasHook is AWS's answer when g has no lifecycle hook name.
func (g *group) hasHook(name string) error {
	if _, ok := g.hooks[name]; !ok {
		return errValidation("No Lifecycle Hook found with name %s for group %s", name, g.name)
	}
	return nil
}

type lifecycleActionInput struct {
	LifecycleHookName     string
	AutoScalingGroupName  string
	LifecycleActionToken  string
	LifecycleActionResult string
	InstanceId            string
}

// findWait finds the lifecycle action in progress that in names, by
// token or by instance.
func findWait(st *region, in lifecycleActionInput) (*group, *member, *wait, error) {
	g, err := findGroup(st, in.AutoScalingGroupName)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := g.hasHook(in.LifecycleHookName); err != nil {
		return nil, nil, nil, err
	}
	if in.LifecycleActionToken == "" && in.InstanceId == "" {
		return nil, nil, nil, errValidation("Either LifecycleActionToken or InstanceId must be specified.")
	}
	for _, m := range g.members {
		if in.InstanceId != "" && m.id != in.InstanceId {
			continue
		}
		for _, w := range m.waits {
			if w.hook == in.LifecycleHookName && w.result == "" && (in.LifecycleActionToken == "" || w.token == in.LifecycleActionToken) {
				return g, m, w, nil
			}
		}
	}
	if in.LifecycleActionToken != "" {
		return nil, nil, nil, errValidation("No active Lifecycle Action found with token %s", in.LifecycleActionToken)
	}
	return nil, nil, nil, errValidation("No active Lifecycle Action found with instance ID %s", in.InstanceId)
}

// completeLifecycleAction answers CompleteLifecycleAction: the action
// ends with the result given, and the instance goes on at once.
func (b *Backend) completeLifecycleAction(r *fake.Request) (any, error) {
	var in lifecycleActionInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	if in.LifecycleActionResult != "CONTINUE" && in.LifecycleActionResult != "ABANDON" {
		return nil, errValidation("Invalid value for LifecycleActionResult: %q. Valid values are CONTINUE and ABANDON.", in.LifecycleActionResult)
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	g, m, w, err := findWait(st, in)
	if err != nil {
		return nil, err
	}
	w.result = in.LifecycleActionResult
	b.settleWaits(st, g, m, r.Now)
	b.reconcile(st, g, r.Now)
	return &empty{}, nil
}

type heartbeatInput struct {
	LifecycleHookName    string
	AutoScalingGroupName string
	LifecycleActionToken string
	InstanceId           string
}

// recordHeartbeat answers RecordLifecycleActionHeartbeat: the action's
// heartbeat timeout starts again, within its global timeout.
func (b *Backend) recordHeartbeat(r *fake.Request) (any, error) {
	var in heartbeatInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	_, _, w, err := findWait(st, lifecycleActionInput{LifecycleHookName: in.LifecycleHookName, AutoScalingGroupName: in.AutoScalingGroupName,
		LifecycleActionToken: in.LifecycleActionToken, InstanceId: in.InstanceId})
	if err != nil {
		return nil, err
	}
	w.beat = r.Now
	return &empty{}, nil
}
