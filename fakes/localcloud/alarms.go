package localcloud

import (
	"fmt"
	"strings"
	"sync"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
)

// alarmActions routes CloudWatch alarm actions to the services their
// ARNs name. It is the hook the local cloud's fakes plug into, as the
// AutoScaling fake will for its scaling policies
// (arn:aws:autoscaling:...:scalingPolicy:...).
type alarmActions struct {
	mu       sync.Mutex
	handlers map[string]cloudwatchtest.ActionHandler // by the ARN's service
}

// HandleAlarmActions sends the CloudWatch alarm actions whose ARNs name
// service ("autoscaling", "sns", "automate" for EC2's stop, terminate
// and reboot, ...) to h, or stops sending them when h is nil. Each
// action runs once per change of state, on the request that found the
// change, and an Auto Scaling policy again each minute the alarm stays
// in that state (cloudwatchtest.AlarmAction.Repeat); h's error is
// recorded in the alarm's history as a failed action.
//
// An action whose service has no handler is recorded as failed, "the
// local cloud runs no <service> actions", as AWS records an action whose
// target it cannot reach; nothing else happens. The AutoScaling fake
// handles "autoscaling", executing the scaling policy the ARN names
// (autoscaletest.Backend.AlarmAction); a test may handle any service to
// see what its alarms do, replacing that.
//
// CloudWatch().SetActionHandler replaces this routing altogether.
func (c *Cloud) HandleAlarmActions(service string, h cloudwatchtest.ActionHandler) {
	c.actions.mu.Lock()
	defer c.actions.mu.Unlock()
	if h == nil {
		delete(c.actions.handlers, service)
		return
	}
	if c.actions.handlers == nil {
		c.actions.handlers = map[string]cloudwatchtest.ActionHandler{}
	}
	c.actions.handlers[service] = h
}

// runAlarmAction is the CloudWatch fake's ActionHandler.
func (c *Cloud) runAlarmAction(a cloudwatchtest.AlarmAction) error {
	// arn:<partition>:<service>:<region>:<account>:<resource>
	parts := strings.SplitN(a.Action, ":", 6)
	if len(parts) < 6 {
		return fmt.Errorf("%q is not an ARN", a.Action)
	}
	service := parts[2]
	c.actions.mu.Lock()
	h := c.actions.handlers[service]
	c.actions.mu.Unlock()
	if h == nil {
		return fmt.Errorf("the local cloud runs no %s actions", service)
	}
	return h(a)
}
