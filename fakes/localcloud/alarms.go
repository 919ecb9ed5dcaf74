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
// service ("autoscaling", "sns", "automate" for EC2's stop, terminate,
// reboot and recover, ...) to h, or stops sending them when h is nil.
// Each action runs once per change of state, on the request that found
// the change, and an Auto Scaling policy again each minute the alarm
// stays in that state (cloudwatchtest.AlarmAction.Repeat); h's error is
// recorded in the alarm's history as a failed action.
//
// An action whose service has no handler is recorded as failed, "the
// local cloud runs no <service> actions", as AWS records an action whose
// target it cannot reach; nothing else happens. Three services are
// handled from the start, and a test may handle any service to see what
// its alarms do, replacing them:
//
//   - "autoscaling": the AutoScaling fake executes the scaling policy
//     the ARN names (autoscaletest.Backend.AlarmAction).
//   - "automate" (arn:aws:automate:<region>:ec2:stop, terminate, reboot,
//     recover) and "swf" (the older
//     arn:aws:swf:<region>:<account-id>:action/actions/AWS_EC2.InstanceId.Stop/1.0
//     and its kin): the EC2 fake stops, terminates or reboots the
//     instance the alarm's InstanceId dimension names, through EC2's own
//     StopInstances, TerminateInstances and RebootInstances, so EC2's
//     refusals (IncorrectInstanceState, InvalidInstanceID.NotFound, ...)
//     are the failures recorded. Recover mends only what AWS's recovery
//     mends: a running instance whose system status check EC2 reports
//     impaired (ec2test.Backend.SetInstanceStatus) has it set back to
//     ok; on any other instance the action fails, saying why. Other swf
//     actions are failed.
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
