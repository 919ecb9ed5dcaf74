package autoscaletest

import (
	"fmt"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // scheduled actions' zones do not depend on the host

	"github.com/goboto/goboto/autoscale/internal/cron"
	"github.com/goboto/goboto/internal/fake"
)

// scheduledAction is one scheduled action of a group. Its region's lock
// guards it.
type scheduledAction struct {
	name, arn, group string
	start, end       time.Time // zero when not given
	recurrence       string
	schedule         *cron.Schedule // nil for a one-off action
	zone             string
	loc              *time.Location
	minSize, maxSize *int64
	desired          *int64
	next             time.Time // when it runs next
}

type scheduledUpdateGroupActionRequest struct {
	ScheduledActionName string
	StartTime           *time.Time
	EndTime             *time.Time
	Recurrence          *string
	MinSize             *int64
	MaxSize             *int64
	DesiredCapacity     *int64
	TimeZone            *string
}

type putScheduledUpdateGroupActionInput struct {
	AutoScalingGroupName string
	ScheduledActionName  string
	Time                 any // deprecated for StartTime
	StartTime            *time.Time
	EndTime              *time.Time
	Recurrence           *string
	MinSize              *int64
	MaxSize              *int64
	DesiredCapacity      *int64
	TimeZone             *string
}

type scheduledUpdateGroupAction struct {
	AutoScalingGroupName string
	ScheduledActionName  string
	ScheduledActionARN   string
	Time                 *time.Time
	StartTime            *time.Time
	EndTime              *time.Time
	Recurrence           *string
	MinSize              *int64
	MaxSize              *int64
	DesiredCapacity      *int64
	TimeZone             *string
}

type describeScheduledActionsInput struct {
	AutoScalingGroupName *string
	ScheduledActionNames []string
	StartTime            *time.Time
	EndTime              *time.Time
	NextToken            *string
	MaxRecords           *int64
}

type describeScheduledActionsOutput struct {
	ScheduledUpdateGroupActions []scheduledUpdateGroupAction
	NextToken                   *string
}

type deleteScheduledActionInput struct {
	AutoScalingGroupName string
	ScheduledActionName  string
}

type batchPutScheduledUpdateGroupActionInput struct {
	AutoScalingGroupName        string
	ScheduledUpdateGroupActions []scheduledUpdateGroupActionRequest
}

type failedScheduledUpdateGroupActionRequest struct {
	ScheduledActionName string
	ErrorCode           *string
	ErrorMessage        *string
}

type batchPutScheduledUpdateGroupActionOutput struct {
	FailedScheduledUpdateGroupActions []failedScheduledUpdateGroupActionRequest
}

type batchDeleteScheduledActionInput struct {
	AutoScalingGroupName string
	ScheduledActionNames []string
}

type batchDeleteScheduledActionOutput struct {
	FailedScheduledActions []failedScheduledUpdateGroupActionRequest
}

// maxScheduled is AutoScaling's quota of scheduled actions per group
// (User Guide, "Auto Scaling quotas": "Scheduled actions per Auto
// Scaling group: 125"); a batch takes at most 50 (the model's
// BatchPutScheduledUpdateGroupAction documentation).
const (
	maxScheduled = 125
	maxBatch     = 50
)

// scheduleOps are the scheduled action operations.
func (b *Backend) scheduleOps() map[string]op {
	return map[string]op{
		"PutScheduledUpdateGroupAction":      b.putScheduledUpdateGroupAction,
		"DescribeScheduledActions":           b.describeScheduledActions,
		"DeleteScheduledAction":              b.deleteScheduledAction,
		"BatchPutScheduledUpdateGroupAction": b.batchPutScheduledUpdateGroupAction,
		"BatchDeleteScheduledAction":         b.batchDeleteScheduledAction,
	}
}

func (b *Backend) putScheduledUpdateGroupAction(r *fake.Request) (any, error) {
	var in putScheduledUpdateGroupActionInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.Time != nil {
		return nil, errUnsupported("PutScheduledUpdateGroupAction's Time (deprecated; use StartTime)")
	}
	return b.inPolicyGroup(r, in.AutoScalingGroupName, func(st *region, g *group) (any, error) {
		req := scheduledUpdateGroupActionRequest{ScheduledActionName: in.ScheduledActionName, StartTime: in.StartTime, EndTime: in.EndTime,
			Recurrence: in.Recurrence, MinSize: in.MinSize, MaxSize: in.MaxSize, DesiredCapacity: in.DesiredCapacity, TimeZone: in.TimeZone}
		return nil, putScheduled(r, g, req)
	})
}

// putScheduled checks one action as PutScheduledUpdateGroupAction does
// and makes or replaces it.
func putScheduled(r *fake.Request, g *group, in scheduledUpdateGroupActionRequest) error {
	if err := checkLength("scheduledActionName", in.ScheduledActionName, 255); err != nil {
		return err
	}
	now := r.Now
	a := &scheduledAction{name: in.ScheduledActionName, group: g.name, minSize: in.MinSize, maxSize: in.MaxSize, desired: in.DesiredCapacity, loc: time.UTC}
	if in.MinSize == nil && in.MaxSize == nil && in.DesiredCapacity == nil {
		return errValidation("At least one of MinSize, MaxSize or DesiredCapacity must be specified.")
	}
	for _, v := range []*int64{in.MinSize, in.MaxSize, in.DesiredCapacity} {
		if v != nil && *v < 0 {
			return errValidation("MinSize, MaxSize and DesiredCapacity must not be negative.")
		}
	}
	// AWS checks DesiredCapacity against MinSize first: MinSize 2,
	// MaxSize 0 and DesiredCapacity 0 were refused with "ValidationError:
	// Desired capacity must be greater than or equal to min size"
	// (buildkite/terraform-buildkite-elastic-ci-stack-for-aws#139, #146).
	if d := in.DesiredCapacity; d != nil && in.MinSize != nil && *d < *in.MinSize {
		return errValidation("Desired capacity must be greater than or equal to min size")
	}
	if in.MinSize != nil && in.MaxSize != nil && *in.MinSize > *in.MaxSize {
		return errValidation("The scheduled action's MinSize %d is greater than its MaxSize %d.", *in.MinSize, *in.MaxSize)
	}
	if d := in.DesiredCapacity; d != nil && in.MaxSize != nil && *d > *in.MaxSize {
		return errValidation("The scheduled action's DesiredCapacity %d is outside its MinSize and MaxSize.", *d)
	}
	if in.StartTime != nil {
		a.start = in.StartTime.UTC()
		if a.start.Before(now) {
			// Sourced: the answer quoted by terraform users and the console.
			return errValidation("Given start time is in the past")
		}
	}
	if in.EndTime != nil {
		a.end = in.EndTime.UTC()
		if a.end.Before(now) {
			return errValidation("Given end time is in the past")
		}
		if !a.start.IsZero() && !a.end.After(a.start) {
			return errValidation("Start time should be before end time")
		}
	}
	if in.Recurrence != nil {
		a.recurrence = *in.Recurrence
		s, err := cron.Parse(a.recurrence)
		if err != nil {
			return errValidation("Given recurrence string is not valid: %s", strings.TrimPrefix(err.Error(), "recurrence "))
		}
		a.schedule = s
	} else if in.StartTime == nil {
		return errValidation("Either Recurrence or StartTime must be specified.")
	}
	if in.TimeZone != nil {
		if in.Recurrence == nil {
			return errValidation("TimeZone is only supported together with Recurrence.")
		}
		loc, err := cron.Location(*in.TimeZone)
		if err != nil || *in.TimeZone == "" {
			return errValidation("Invalid time zone: %s", *in.TimeZone)
		}
		a.zone, a.loc = *in.TimeZone, loc
	}
	// The first run: StartTime, else the recurrence's next time.
	switch {
	case !a.start.IsZero():
		a.next = a.start
	default:
		a.next = a.schedule.Next(now, a.loc)
		if a.next.IsZero() {
			return errValidation("Given recurrence string is not valid: %s never falls due", a.recurrence)
		}
	}
	if g.scheduled == nil {
		g.scheduled = map[string]*scheduledAction{}
	}
	old := g.scheduled[a.name]
	if old == nil && len(g.scheduled) >= maxScheduled {
		return errLimitExceeded("Maximum number of scheduled actions (%d) reached for AutoScalingGroup %s.", maxScheduled, g.name)
	}
	if old != nil {
		a.arn = old.arn
	} else {
		a.arn = fmt.Sprintf("arn:%s:autoscaling:%s:%s:scheduledUpdateGroupAction:%s:autoScalingGroupName/%s:scheduledActionName/%s",
			policyPartition(r.Region), r.Region, r.Account(), policyUUID(), g.name, a.name)
	}
	g.scheduled[a.name] = a
	return nil
}

func (a *scheduledAction) wire() scheduledUpdateGroupAction {
	out := scheduledUpdateGroupAction{AutoScalingGroupName: a.group, ScheduledActionName: a.name, ScheduledActionARN: a.arn,
		MinSize: a.minSize, MaxSize: a.maxSize, DesiredCapacity: a.desired}
	// AWS reports the next run as Time and StartTime.
	next := a.next
	out.Time, out.StartTime = &next, &next
	if !a.end.IsZero() {
		end := a.end
		out.EndTime = &end
	}
	if a.recurrence != "" {
		out.Recurrence = &a.recurrence
	}
	if a.zone != "" {
		out.TimeZone = &a.zone
	}
	return out
}

func (b *Backend) describeScheduledActions(r *fake.Request) (any, error) {
	var in describeScheduledActionsInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	limit, err := maxRecords(in.MaxRecords)
	if err != nil {
		return nil, err
	}
	return b.inGroups(r, in.AutoScalingGroupName, func(groups map[string]*group) (any, error) {
		var all []*scheduledAction
		for _, g := range groups {
			for _, a := range g.scheduled {
				switch {
				case len(in.ScheduledActionNames) > 0 && !slices.Contains(in.ScheduledActionNames, a.name):
				case in.StartTime != nil && a.next.Before(*in.StartTime):
				case in.EndTime != nil && a.next.After(*in.EndTime):
				default:
					all = append(all, a)
				}
			}
		}
		pg, next, err := pageFrom(all, func(a *scheduledAction) string { return a.group + "\x00" + a.name }, "scheduled", in.NextToken, limit)
		if err != nil {
			return nil, err
		}
		out := &describeScheduledActionsOutput{ScheduledUpdateGroupActions: []scheduledUpdateGroupAction{}, NextToken: next}
		for _, a := range pg {
			out.ScheduledUpdateGroupActions = append(out.ScheduledUpdateGroupActions, a.wire())
		}
		return out, nil
	})
}

func (b *Backend) deleteScheduledAction(r *fake.Request) (any, error) {
	var in deleteScheduledActionInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	return b.inPolicyGroup(r, in.AutoScalingGroupName, func(st *region, g *group) (any, error) {
		if g.scheduled[in.ScheduledActionName] == nil {
			return nil, errValidation("Scheduled Update Group Action name not found - Could not find scheduled action %s for AutoScalingGroup %s", in.ScheduledActionName, g.name)
		}
		delete(g.scheduled, in.ScheduledActionName)
		return nil, nil
	})
}

func (b *Backend) batchPutScheduledUpdateGroupAction(r *fake.Request) (any, error) {
	var in batchPutScheduledUpdateGroupActionInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := checkBatch("scheduledUpdateGroupActions", len(in.ScheduledUpdateGroupActions)); err != nil {
		return nil, err
	}
	return b.inPolicyGroup(r, in.AutoScalingGroupName, func(st *region, g *group) (any, error) {
		out := &batchPutScheduledUpdateGroupActionOutput{FailedScheduledUpdateGroupActions: []failedScheduledUpdateGroupActionRequest{}}
		for _, req := range in.ScheduledUpdateGroupActions {
			if err := putScheduled(r, g, req); err != nil {
				out.FailedScheduledUpdateGroupActions = append(out.FailedScheduledUpdateGroupActions, failed(req.ScheduledActionName, err))
			}
		}
		return out, nil
	})
}

func (b *Backend) batchDeleteScheduledAction(r *fake.Request) (any, error) {
	var in batchDeleteScheduledActionInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := checkBatch("scheduledActionNames", len(in.ScheduledActionNames)); err != nil {
		return nil, err
	}
	return b.inPolicyGroup(r, in.AutoScalingGroupName, func(st *region, g *group) (any, error) {
		out := &batchDeleteScheduledActionOutput{FailedScheduledActions: []failedScheduledUpdateGroupActionRequest{}}
		for _, name := range in.ScheduledActionNames {
			if g.scheduled[name] == nil {
				out.FailedScheduledActions = append(out.FailedScheduledActions, failed(name,
					errValidation("Could not find scheduled action %s for AutoScalingGroup %s", name, g.name)))
				continue
			}
			delete(g.scheduled, name)
		}
		return out, nil
	})
}

// checkBatch is the model's length rule for a batch of n scheduled
// actions or their names, member being the batch's wire name.
func checkBatch(member string, n int) error {
	if n == 0 || n > maxBatch {
		return errValidation("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length between 1 and %d", member, maxBatch)
	}
	return nil
}

func failed(name string, err error) failedScheduledUpdateGroupActionRequest {
	f := failedScheduledUpdateGroupActionRequest{ScheduledActionName: name}
	if fe, ok := err.(*fake.Error); ok {
		f.ErrorCode, f.ErrorMessage = &fe.Code, &fe.Message
	} else {
		msg := err.Error()
		f.ErrorMessage = &msg
	}
	return f
}

// maxFirings bounds how many runs one advance makes, so a clock moved
// years ahead over an every-minute action does not stall a request;
// actions still due after that skip to their next time after now.
const maxFirings = 1000

// runScheduled runs st's scheduled actions that are due at now, in the
// order they fall due, each at its own time: a recurring action then
// waits for its next time in its zone, and a one-off action, or one
// past its EndTime, is gone, as AutoScaling removes them (they no longer
// appear in DescribeScheduledActions). While a group's ScheduledActions
// process is suspended its actions are skipped, not held (User Guide,
// "Suspend and resume processes": scheduled actions that would have run
// during the suspension do not run). The region's lock is held.
func (b *Backend) runScheduled(st *region, now time.Time) {
	for range maxFirings {
		var g *group
		var a *scheduledAction
		for _, gg := range st.groups {
			for _, aa := range gg.scheduled {
				if !aa.next.After(now) && (a == nil || aa.next.Before(a.next) || aa.next.Equal(a.next) && aa.name < a.name) {
					g, a = gg, aa
				}
			}
		}
		if a == nil {
			return
		}
		if !g.isSuspended("ScheduledActions") {
			b.fireScheduled(st, g, a)
		}
		b.reschedule(g, a, a.next)
	}
	for _, g := range st.groups {
		for _, a := range g.scheduled {
			if !a.next.After(now) {
				b.reschedule(g, a, now)
			}
		}
	}
}

// reschedule sets a's next run after t, or removes it when it has none.
func (b *Backend) reschedule(g *group, a *scheduledAction, t time.Time) {
	if a.schedule == nil {
		delete(g.scheduled, a.name)
		return
	}
	a.next = a.schedule.Next(t, a.loc)
	if a.next.IsZero() || !a.end.IsZero() && a.next.After(a.end) {
		delete(g.scheduled, a.name)
	}
}

// fireScheduled applies a's sizes to g at a.next. A desired capacity not
// given is kept within the new bounds. The activity's cause is AWS's: "At
// <time> a scheduled action update of AutoScalingGroup constraints to min:
// 1, max: 4, desired: 3 changing the desired capacity from 1 to 3."
func (b *Backend) fireScheduled(st *region, g *group, a *scheduledAction) {
	newMin, newMax := g.min, g.max
	if a.minSize != nil {
		newMin = int(*a.minSize)
	}
	if a.maxSize != nil {
		newMax = int(*a.maxSize)
	}
	if newMin > newMax {
		// One bound moved past the other: AutoScaling fails the action
		// and changes nothing.
		return
	}
	desired := max(newMin, min(newMax, g.desired))
	if a.desired != nil {
		desired = int(*a.desired)
		if desired < newMin || desired > newMax {
			return
		}
	}
	from, oldMin, oldMax := g.desired, g.min, g.max
	g.min, g.max = newMin, newMax
	if desired == from {
		return
	}
	cause := fmt.Sprintf("a scheduled action update of AutoScalingGroup constraints to min: %d, max: %d, desired: %d", newMin, newMax, desired)
	// Scheduled actions are not held back by cooldowns (User Guide,
	// "Scaling cooldowns": cooldowns apply to simple scaling policies).
	// One the engine refuses changes nothing, as a failed action.
	if err := b.setDesired(st, g, desired, cause, a.next, false); err != nil {
		g.min, g.max = oldMin, oldMax
	}
}
