package cloudwatchtest

import (
	"sync"
	"time"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// AlarmAction is one action CloudWatch runs for an alarm's change of
// state: one of the ARNs in the new state's OKActions, AlarmActions or
// InsufficientDataActions, while the alarm's actions are enabled; or an
// Auto Scaling policy among them run again a minute later (Repeat).
type AlarmAction struct {
	Account, Region string
	AlarmName       string
	AlarmARN        string
	OldState        string // "OK", "ALARM" or "INSUFFICIENT_DATA"
	NewState        string
	Action          string // the action's ARN, as the alarm lists it
	Reason          string // the new state's StateReason
	ReasonData      string // its StateReasonData (JSON), "" when none
	Time            time.Time
	// Dimensions are the alarm's metric's, by name: an EC2 action
	// (arn:aws:automate:<region>:ec2:stop and the like) acts on the
	// instance its InstanceId names, which PutMetricAlarm made sure the
	// alarm has.
	Dimensions map[string]string
	// Repeat is true for an Auto Scaling action run again because the
	// alarm stayed in NewState a minute longer; OldState is then NewState.
	Repeat bool
}

// ActionHandler runs an alarm action: the local cloud wires one to the
// services the ARNs name (the AutoScaling fake executes scaling
// policies). It is called once per state change for each enabled action
// of the new state, and again each minute the alarm stays in that state
// for each Auto Scaling policy among them (AlarmAction.Repeat), without
// the fake's locks held, so it may call back
// into CloudWatch. It runs on the goroutine of the request (or the
// Evaluate call) that found the change, before that request is answered,
// so it should be quick. Its error is recorded in the alarm's history as a
// failed action, as AWS records one it could not run; nil records a
// success.
type ActionHandler func(AlarmAction) error

// options are cloudwatchtest's own settings.
type options struct {
	alarmQuota int
	handler    ActionHandler
}

// WithAlarmQuota makes PutMetricAlarm refuse with LimitExceeded an alarm
// that would make more than n alarms in one account and region. AWS
// today sets no limit ("CloudWatch service quotas": "No limit on the
// total number of alarms per account"; once 5,000 per Region), so by
// default the fake sets none either; this lets a test meet
// LimitExceededFault, "The quota for alarms for this customer has
// already been reached."
func WithAlarmQuota(n int) fakes.Option {
	return fake.ServiceOption(func(o *options) { o.alarmQuota = max(n, 0) })
}

// WithActionHandler sends alarm actions to h (see ActionHandler). Without
// one, actions are recorded in the history as executed and go nowhere.
func WithActionHandler(h ActionHandler) fakes.Option {
	return fake.ServiceOption(func(o *options) { o.handler = h })
}

// alarmSettings hold the options and the handler, which SetActionHandler
// may replace while requests run.
type alarmSettings struct {
	options
	mu sync.Mutex
}

// SetActionHandler replaces the handler alarm actions go to (nil for
// none), for a local cloud that wires services together after making
// them.
func (b *Backend) SetActionHandler(h ActionHandler) {
	b.alarms.mu.Lock()
	defer b.alarms.mu.Unlock()
	b.alarms.handler = h
}

// ActionHandler returns the handler alarm actions go to, nil for none:
// the one WithActionHandler or SetActionHandler gave.
func (b *Backend) ActionHandler() ActionHandler { return b.actionHandler() }

func (b *Backend) actionHandler() ActionHandler {
	b.alarms.mu.Lock()
	defer b.alarms.mu.Unlock()
	return b.alarms.handler
}

// deliver runs pending actions, in order, and records each outcome in
// its alarm's history.
func (b *Backend) deliver(pending []AlarmAction) {
	if len(pending) == 0 {
		return
	}
	h := b.actionHandler()
	for _, a := range pending {
		var err error
		if h != nil {
			err = h(a)
		}
		summary := "Successfully executed action " + a.Action
		data := map[string]any{"actionState": "Succeeded", "notificationResource": a.Action, "stateUpdateTimestamp": jsonTime(a.Time)}
		if err != nil {
			summary = "Failed to execute action " + a.Action
			data["actionState"] = "Failed"
			data["error"] = err.Error()
		}
		reg := b.regions.Get(a.Account, a.Region)
		reg.mu.Lock()
		reg.record(a.AlarmName, a.Time, "Action", summary, data)
		reg.mu.Unlock()
	}
}
