package autoscale

import (
	"context"
	"iter"
	"regexp"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/goboto/goboto"
)

// NotFoundLifecycleHook is the code of the *goboto.APIError Hook.Refresh returns for
// a lifecycle hook DescribeLifecycleHooks does not list (AWS answers an empty list, not an
// error); goboto.IsNotFound is true for it.
const NotFoundLifecycleHook = "LifecycleHookNotFound"

// LifecycleTransition is the move a lifecycle hook holds an instance in.
type LifecycleTransition string

// The transitions a hook can hold: launching instances wait in
// Pending:Wait, terminating ones in Terminating:Wait.
const (
	TransitionLaunching   LifecycleTransition = "autoscaling:EC2_INSTANCE_LAUNCHING"
	TransitionTerminating LifecycleTransition = "autoscaling:EC2_INSTANCE_TERMINATING"
)

// HookResult is how a lifecycle action ends.
type HookResult string

// A launching instance that CONTINUEs goes into service and one that
// ABANDONs is terminated; for a terminating instance both terminate it.
const (
	HookContinue HookResult = "CONTINUE"
	HookAbandon  HookResult = "ABANDON"
)

// HookOptions are the settings of a lifecycle hook.
type HookOptions struct {
	// Transition is required for a new hook.
	Transition LifecycleTransition
	// HeartbeatTimeout is how long an instance waits before
	// DefaultResult applies: 30 s to 2 h, whole seconds; 0 for
	// AutoScaling's default of one hour.
	HeartbeatTimeout time.Duration
	// DefaultResult applies when the timeout passes; "" is ABANDON.
	DefaultResult HookResult
	// NotificationTargetARN and RoleARN send the hook's notices to an
	// SQS queue or SNS topic; both or neither.
	NotificationTargetARN, RoleARN string
	// NotificationMetadata goes with each notice: printable ASCII, up to
	// 4,000 characters.
	NotificationMetadata string
}

// Hook is a lifecycle hook of a group. Exported fields are the last
// answer seen (DescribeLifecycleHooks).
type Hook struct {
	group *Group
	Name  string
	HookOptions
	// GlobalTimeout is the longest an instance can wait, however many
	// heartbeats (48 h or 100 × HeartbeatTimeout, the smaller).
	GlobalTimeout time.Duration
}

// LifecycleHook returns a handle to the group's lifecycle hook called
// name, without looking it up.
func (g *Group) LifecycleHook(name string) *Hook { return &Hook{group: g, Name: name} }

// Group returns the group the hook belongs to.
func (h *Hook) Group() *Group {
	if h == nil {
		return nil
	}
	return h.group
}

// Conn returns the connection the hook's group was made by.
func (h *Hook) Conn() *Conn { return h.Group().Conn() }

// hookName is the model's AsciiStringMaxLen255 pattern for hook names.
var hookName = regexp.MustCompile(`^[A-Za-z0-9\-_/]{1,255}$`)

func checkHookName(name string) error {
	if !hookName.MatchString(name) {
		return goboto.Invalid("LifecycleHookName", name, "is not 1-255 letters, digits, '-', '_' or '/'")
	}
	return nil
}

// printableASCII is the model's AnyPrintableAsciiStringMaxLen4000.
var printableASCII = regexp.MustCompile(`^[\t\n\r\x20-\x7e]+$`)

// PutLifecycleHook makes or changes the group's lifecycle hook called
// name (PutLifecycleHook). The heartbeat timeout (30-7,200 s), result
// and transition are checked first; nothing is sent when one is wrong.
// AutoScaling answers nothing, so the defaults it fills in and
// GlobalTimeout are what Refresh reads.
func (g *Group) PutLifecycleHook(ctx context.Context, name string, o HookOptions) (*Hook, error) {
	client, err := g.api()
	if err != nil {
		return nil, err
	}
	if err := checkHookName(name); err != nil {
		return nil, err
	}
	in := &autoscaling.PutLifecycleHookInput{AutoScalingGroupName: aws.String(g.Name), LifecycleHookName: aws.String(name)}
	switch o.Transition {
	case "":
	case TransitionLaunching, TransitionTerminating:
		in.LifecycleTransition = aws.String(string(o.Transition))
	default:
		return nil, goboto.Invalid("LifecycleTransition", string(o.Transition), "is not autoscaling:EC2_INSTANCE_LAUNCHING or autoscaling:EC2_INSTANCE_TERMINATING")
	}
	if o.HeartbeatTimeout != 0 {
		t := o.HeartbeatTimeout
		if t < 30*time.Second || t > 7200*time.Second || t%time.Second != 0 {
			return nil, goboto.Invalid("HeartbeatTimeout", t.String(), "is not whole seconds in 30-7200")
		}
		in.HeartbeatTimeout = aws.Int32(int32(t / time.Second))
	}
	if o.DefaultResult != "" {
		if err := checkResult("DefaultResult", o.DefaultResult); err != nil {
			return nil, err
		}
		in.DefaultResult = aws.String(string(o.DefaultResult))
	}
	if (o.NotificationTargetARN == "") != (o.RoleARN == "") {
		return nil, goboto.Invalid("RoleARN", o.RoleARN, "and NotificationTargetARN go together")
	}
	for _, f := range []struct{ name, v string }{{"NotificationTargetARN", o.NotificationTargetARN}, {"RoleARN", o.RoleARN}} {
		if len(f.v) > 255 {
			return nil, goboto.Invalid(f.name, f.v, "is longer than 255 characters")
		}
	}
	if o.NotificationMetadata != "" && (len(o.NotificationMetadata) > 4000 || !printableASCII.MatchString(o.NotificationMetadata)) {
		return nil, goboto.Invalid("NotificationMetadata", o.NotificationMetadata, "is not 1-4000 characters of printable ASCII")
	}
	in.NotificationTargetARN = schedString(o.NotificationTargetARN)
	in.RoleARN = schedString(o.RoleARN)
	in.NotificationMetadata = schedString(o.NotificationMetadata)
	if _, err := client.PutLifecycleHook(ctx, in); err != nil {
		return nil, convert(err)
	}
	return &Hook{group: g, Name: name, HookOptions: o}, nil
}

func checkResult(field string, r HookResult) error {
	if r != HookContinue && r != HookAbandon {
		return goboto.Invalid(field, string(r), "is not CONTINUE or ABANDON")
	}
	return nil
}

// LifecycleHooks lists the group's lifecycle hooks
// (DescribeLifecycleHooks, which answers them all at once).
func (g *Group) LifecycleHooks(ctx context.Context) iter.Seq2[*Hook, error] {
	return func(yield func(*Hook, error) bool) {
		client, err := g.api()
		if err != nil {
			yield(nil, err)
			return
		}
		out, err := client.DescribeLifecycleHooks(ctx, &autoscaling.DescribeLifecycleHooksInput{AutoScalingGroupName: aws.String(g.Name)})
		if err != nil {
			yield(nil, convert(err))
			return
		}
		for _, x := range out.LifecycleHooks {
			h := &Hook{group: g, Name: aws.ToString(x.LifecycleHookName)}
			h.fill(x)
			if !yield(h, nil) {
				return
			}
		}
	}
}

// Refresh reads the hook again (DescribeLifecycleHooks). A hook that
// does not exist is a *goboto.APIError for which goboto.IsNotFound is
// true.
func (h *Hook) Refresh(ctx context.Context) error {
	client, err := h.api()
	if err != nil {
		return err
	}
	return describeOne(ctx, client.DescribeLifecycleHooks,
		&autoscaling.DescribeLifecycleHooksInput{AutoScalingGroupName: aws.String(h.group.Name), LifecycleHookNames: []string{h.Name}},
		func(out *autoscaling.DescribeLifecycleHooksOutput) ([]types.LifecycleHook, middleware.Metadata) {
			return out.LifecycleHooks, out.ResultMetadata
		},
		func(x types.LifecycleHook) *string { return x.LifecycleHookName }, h.Name, h.fill,
		notFound{"DescribeLifecycleHooks", NotFoundLifecycleHook, "Lifecycle hook " + h.Name + " of group " + h.group.Name + " does not exist"})
}

// fill sets the handle's fields from a DescribeLifecycleHooks answer.
func (h *Hook) fill(x types.LifecycleHook) {
	h.HookOptions = HookOptions{Transition: LifecycleTransition(aws.ToString(x.LifecycleTransition)),
		HeartbeatTimeout: time.Duration(aws.ToInt32(x.HeartbeatTimeout)) * time.Second, DefaultResult: HookResult(aws.ToString(x.DefaultResult)),
		NotificationTargetARN: aws.ToString(x.NotificationTargetARN), RoleARN: aws.ToString(x.RoleARN),
		NotificationMetadata: aws.ToString(x.NotificationMetadata)}
	h.GlobalTimeout = time.Duration(aws.ToInt32(x.GlobalTimeout)) * time.Second
}

// Delete deletes the hook (DeleteLifecycleHook); instances it holds go
// on as its default result says.
func (h *Hook) Delete(ctx context.Context) error {
	client, err := h.api()
	if err != nil {
		return err
	}
	_, err = client.DeleteLifecycleHook(ctx, &autoscaling.DeleteLifecycleHookInput{AutoScalingGroupName: aws.String(h.group.Name), LifecycleHookName: aws.String(h.Name)})
	return convert(err)
}

// LifecycleAction names one instance a hook holds: by its instance ID or
// by the token AutoScaling put in the hook's notice; one of the two.
type LifecycleAction struct {
	InstanceID string
	Token      string
}

func (a LifecycleAction) check() error {
	switch {
	case (a.InstanceID == "") == (a.Token == ""):
		return goboto.Invalid("LifecycleAction", a.InstanceID+a.Token, "needs exactly one of InstanceID and Token")
	case a.Token != "" && len(a.Token) != 36:
		return goboto.Invalid("LifecycleActionToken", a.Token, "is not 36 characters")
	case len(a.InstanceID) > 19:
		return goboto.Invalid("InstanceId", a.InstanceID, "is longer than 19 characters")
	}
	return nil
}

// Complete ends the lifecycle action of an instance the hook holds with
// result (CompleteLifecycleAction).
func (h *Hook) Complete(ctx context.Context, a LifecycleAction, result HookResult) error {
	client, err := h.api()
	if err != nil {
		return err
	}
	if err := a.check(); err != nil {
		return err
	}
	if err := checkResult("LifecycleActionResult", result); err != nil {
		return err
	}
	_, err = client.CompleteLifecycleAction(ctx, &autoscaling.CompleteLifecycleActionInput{AutoScalingGroupName: aws.String(h.group.Name),
		LifecycleHookName: aws.String(h.Name), LifecycleActionResult: aws.String(string(result)),
		InstanceId: schedString(a.InstanceID), LifecycleActionToken: schedString(a.Token)})
	return convert(err)
}

// RecordHeartbeat restarts the heartbeat timeout of an instance the hook
// holds (RecordLifecycleActionHeartbeat), up to the global timeout.
func (h *Hook) RecordHeartbeat(ctx context.Context, a LifecycleAction) error {
	client, err := h.api()
	if err != nil {
		return err
	}
	if err := a.check(); err != nil {
		return err
	}
	_, err = client.RecordLifecycleActionHeartbeat(ctx, &autoscaling.RecordLifecycleActionHeartbeatInput{AutoScalingGroupName: aws.String(h.group.Name),
		LifecycleHookName: aws.String(h.Name), InstanceId: schedString(a.InstanceID), LifecycleActionToken: schedString(a.Token)})
	return convert(err)
}

func (h *Hook) api() (*autoscaling.Client, error) {
	if h == nil {
		return nil, goboto.Invalid("Hook", "", "is nil: make handles with Group.LifecycleHook")
	}
	client, err := h.group.api()
	if err != nil {
		return nil, err
	}
	return client, checkHookName(h.Name)
}
