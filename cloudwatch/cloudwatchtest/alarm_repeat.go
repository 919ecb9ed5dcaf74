package cloudwatchtest

import (
	"slices"
	"strings"
	"time"
)

// Auto Scaling actions are the one kind an alarm repeats. CloudWatch User
// Guide, "Alarm actions": "Except for Auto Scaling actions, the actions
// happen only on state transitions, and are not performed again if the
// condition persists for hours or days." How often is in AWS's knowledge
// center ("Why doesn't my CloudWatch alarm's state change invoke my
// Amazon EC2 Auto Scaling policy?"): "an alarm invokes an Auto Scaling
// action once each minute when the alarm remains in a new state,
// regardless of the configured time period."
//
// So an alarm that changed state runs that state's Auto Scaling actions
// again at each evaluation at least a minute after they last fell due,
// while it stays in the state. Evaluations are lazy and a tick the clock
// jumped over is not replayed, so neither are its repeats: however many
// minutes went by, one repeat runs, at the latest tick. The fake does not
// know what the alarm's state was in the skipped minutes (it would have
// evaluated its data then), and running several at one instant would
// have a step policy scale several times at once, which AWS, invoking a
// minute apart, never does; the AutoScaling fake moves its groups to the
// action's time first, so cooldowns that ended in between have ended.
//
// Each repeat is recorded in the alarm's history as an Action item, as
// the first run is. Whether AWS writes a history item for every repeat
// is not documented; the fake writes one so that a test can see each
// run and whether it failed.

// scalingRepeat is how often an alarm repeats its Auto Scaling actions.
const scalingRepeat = time.Minute

// isScalingPolicy reports whether an action's ARN names an Auto Scaling
// policy: an EC2 Auto Scaling policy
// (arn:aws:autoscaling:<region>:<account>:scalingPolicy:<id>:autoScalingGroupName/...)
// or an Application Auto Scaling one, which shares the service name and
// resource type.
func isScalingPolicy(arn string) bool {
	parts := strings.SplitN(arn, ":", 6)
	return len(parts) == 6 && parts[2] == "autoscaling" && strings.HasPrefix(parts[5], "scalingPolicy:")
}

// repeatScaling returns the Auto Scaling actions of a's current state
// when a minute has passed since they last fell due, for an evaluation at
// tick that left the state unchanged. The caller holds reg.mu.
func (reg *region) repeatScaling(account, region string, a *alarm, points []evalPoint, tick time.Time) []AlarmAction {
	if a.scalingRan.IsZero() || tick.Sub(a.scalingRan) < scalingRepeat {
		return nil
	}
	// Due even while actions are disabled, so enabling them resumes the
	// minutely cadence rather than running at once.
	a.scalingRan = tick
	if !a.actionsEnabled {
		return nil
	}
	var out []AlarmAction
	for _, arn := range a.actions(a.state) {
		if isScalingPolicy(arn) {
			out = append(out, AlarmAction{Account: account, Region: region, AlarmName: a.name(), AlarmARN: a.arn,
				OldState: a.state, NewState: a.state, Action: arn, Reason: a.reason, ReasonData: a.reasonData, Time: tick, Repeat: true,
				Dimensions: a.dimensions()})
		}
	}
	// A step policy takes its step from the alarm's latest datapoint, so
	// a repeat carries this evaluation's data; with none (ignore keeping
	// the state) it carries the state's own.
	if len(out) > 0 && slices.ContainsFunc(points, func(p evalPoint) bool { return p.present }) {
		data := a.reasonDataFor(points, tick)
		for i := range out {
			out[i].ReasonData = data
		}
	}
	return out
}
