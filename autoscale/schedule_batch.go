package autoscale

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/goboto/goboto"
)

// scheduleBatchMax is how many actions one batch call takes (API
// Reference, BatchPutScheduledUpdateGroupAction and
// BatchDeleteScheduledAction: "up to 50").
const scheduleBatchMax = 50

// NamedSchedule is one scheduled action of a batch: its name and
// settings.
type NamedSchedule struct {
	Name string
	ScheduleOptions
}

// BatchError lists the items of a batch call that did not succeed, each
// with its index in the caller's slice. The rest succeeded.
type BatchError struct {
	Operation string // BatchPutScheduledUpdateGroupAction, BatchDeleteScheduledAction
	Failed    []BatchFailure
}

// BatchFailure is one item that did not succeed.
type BatchFailure struct {
	Index int    // in the slice given to the call
	Name  string // the scheduled action's name
	// Code and Message are AutoScaling's answer for this item.
	Code, Message string
	// Err is set when AutoScaling gave no answer for the item: the
	// call's own error.
	Err error
}

func (f BatchFailure) String() string {
	if f.Err != nil {
		return fmt.Sprintf("item %d (%s): %v", f.Index, f.Name, f.Err)
	}
	return fmt.Sprintf("item %d (%s): %s: %s", f.Index, f.Name, f.Code, f.Message)
}

func (e *BatchError) Error() string {
	if e == nil || len(e.Failed) == 0 {
		return "autoscale: batch: no failures"
	}
	return fmt.Sprintf("autoscale: %s: %d items failed; first %s", e.Operation, len(e.Failed), e.Failed[0])
}

// Unwrap returns the distinct call errors behind the failures, so
// errors.As finds a *goboto.APIError.
func (e *BatchError) Unwrap() []error {
	if e == nil {
		return nil
	}
	var out []error
	for _, f := range e.Failed {
		if f.Err != nil && (len(out) == 0 || !errors.Is(out[len(out)-1], f.Err)) {
			out = append(out, f.Err)
		}
	}
	return out
}

// ScheduleBatch makes or replaces several scheduled actions of the group
// (BatchPutScheduledUpdateGroupAction, 50 a call). Every action is
// checked first, as Schedule checks one, and nothing is sent when one is
// wrong. Actions AutoScaling refuses are a *BatchError; the others are
// made.
func (g *Group) ScheduleBatch(ctx context.Context, actions []NamedSchedule) error {
	client, err := g.api()
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	reqs := make([]types.ScheduledUpdateGroupActionRequest, len(actions))
	for i, a := range actions {
		field := "ScheduledUpdateGroupActions[" + strconv.Itoa(i) + "]"
		if err := checkName(field+".ScheduledActionName", a.Name); err != nil {
			return err
		}
		if seen[a.Name] {
			return goboto.Invalid(field+".ScheduledActionName", a.Name, "appears twice in the batch")
		}
		seen[a.Name] = true
		if err := checkSchedule(a.ScheduleOptions); err != nil {
			var ve *goboto.ValidationError
			if errors.As(err, &ve) {
				ve.Field = field + "." + ve.Field
			}
			return err
		}
		o := a.ScheduleOptions
		reqs[i] = types.ScheduledUpdateGroupActionRequest{ScheduledActionName: aws.String(a.Name), Recurrence: schedString(o.Recurrence),
			TimeZone: schedString(o.TimeZone), StartTime: schedTime(o.StartTime), EndTime: schedTime(o.EndTime),
			MinSize: schedInt32(o.Min), MaxSize: schedInt32(o.Max), DesiredCapacity: schedInt32(o.Desired)}
	}
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = a.Name
	}
	return inBatches("BatchPutScheduledUpdateGroupAction", names, func(start, end int) ([]types.FailedScheduledUpdateGroupActionRequest, error) {
		out, err := client.BatchPutScheduledUpdateGroupAction(ctx, &autoscaling.BatchPutScheduledUpdateGroupActionInput{
			AutoScalingGroupName: aws.String(g.Name), ScheduledUpdateGroupActions: reqs[start:end]})
		if err != nil {
			return nil, err
		}
		return out.FailedScheduledUpdateGroupActions, nil
	})
}

// DeleteScheduledActions deletes the group's scheduled actions called
// names (BatchDeleteScheduledAction, 50 a call). Those AutoScaling could
// not delete are a *BatchError.
func (g *Group) DeleteScheduledActions(ctx context.Context, names ...string) error {
	client, err := g.api()
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return goboto.Invalid("ScheduledActionNames", "", "is empty")
	}
	for i, n := range names {
		if err := checkName("ScheduledActionNames["+strconv.Itoa(i)+"]", n); err != nil {
			return err
		}
	}
	return inBatches("BatchDeleteScheduledAction", names, func(start, end int) ([]types.FailedScheduledUpdateGroupActionRequest, error) {
		out, err := client.BatchDeleteScheduledAction(ctx, &autoscaling.BatchDeleteScheduledActionInput{
			AutoScalingGroupName: aws.String(g.Name), ScheduledActionNames: names[start:end]})
		if err != nil {
			return nil, err
		}
		return out.FailedScheduledActions, nil
	})
}

// inBatches sends names in calls of at most scheduleBatchMax (send
// makes the call for names[start:end]) and gathers what failed into a
// *BatchError for op: every item of a call that failed, with the call's
// error, and each item an answer names, at its index. It is nil when
// nothing failed.
func inBatches(op string, names []string, send func(start, end int) ([]types.FailedScheduledUpdateGroupActionRequest, error)) error {
	be := &BatchError{Operation: op}
	for start := 0; start < len(names); start += scheduleBatchMax {
		end := min(start+scheduleBatchMax, len(names))
		failed, err := send(start, end)
		if err != nil {
			err = convert(err)
			for i := start; i < end; i++ {
				be.Failed = append(be.Failed, BatchFailure{Index: i, Name: names[i], Err: err})
			}
			continue
		}
		for _, f := range failed {
			be.Failed = append(be.Failed, failureOf(names[start:end], start, f))
		}
	}
	if len(be.Failed) > 0 {
		return be
	}
	return nil
}

// failureOf places a failure AutoScaling names by action name at its
// index in the caller's slice: offset plus its place in chunk.
func failureOf(chunk []string, offset int, f types.FailedScheduledUpdateGroupActionRequest) BatchFailure {
	name := aws.ToString(f.ScheduledActionName)
	out := BatchFailure{Index: -1, Name: name, Code: aws.ToString(f.ErrorCode), Message: aws.ToString(f.ErrorMessage)}
	for i, n := range chunk {
		if n == name {
			out.Index = offset + i
			break
		}
	}
	return out
}
