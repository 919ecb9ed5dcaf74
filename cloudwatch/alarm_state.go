package cloudwatch

import (
	"context"
	"encoding/json"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// SetState sets the alarm's state for testing (SetAlarmState): the new
// state's actions run if the state changes, and the next evaluation sets
// the state the data says. reason is text of up to 1,023 bytes;
// reasonData, JSON of up to 4,000 bytes or "", is what an Auto Scaling
// action reads.
func (a *Alarm) SetState(ctx context.Context, state AlarmState, reason, reasonData string) error {
	client, err := a.api()
	if err != nil {
		return err
	}
	switch state {
	case AlarmOK, AlarmAlarm, AlarmInsufficientData:
	default:
		return goboto.Invalid("StateValue", string(state), "must be OK, ALARM or INSUFFICIENT_DATA")
	}
	if len(reason) > 1023 {
		return goboto.Invalid("StateReason", reason, "is longer than 1023 bytes")
	}
	in := &cloudwatch.SetAlarmStateInput{AlarmName: aws.String(a.Name), StateValue: types.StateValue(state), StateReason: aws.String(reason)}
	if reasonData != "" {
		if len(reasonData) > 4000 {
			return goboto.Invalid("StateReasonData", reasonData, "is longer than 4000 bytes")
		}
		if !json.Valid([]byte(reasonData)) {
			return goboto.Invalid("StateReasonData", reasonData, "is not JSON")
		}
		in.StateReasonData = aws.String(reasonData)
	}
	if _, err := client.SetAlarmState(ctx, in); err != nil {
		return convert(err)
	}
	return nil
}

// EnableActions enables the alarm's actions (EnableAlarmActions).
func (a *Alarm) EnableActions(ctx context.Context) error { return a.setActions(ctx, true) }

// DisableActions disables the alarm's actions (DisableAlarmActions): its
// state still changes, and no action runs.
func (a *Alarm) DisableActions(ctx context.Context) error { return a.setActions(ctx, false) }

func (a *Alarm) setActions(ctx context.Context, on bool) error {
	if _, err := a.api(); err != nil {
		return err
	}
	err := a.conn.eachChunk(ctx, []string{a.Name}, func(client *cloudwatch.Client, names []string) error {
		if on {
			_, err := client.EnableAlarmActions(ctx, &cloudwatch.EnableAlarmActionsInput{AlarmNames: names})
			return err
		}
		_, err := client.DisableAlarmActions(ctx, &cloudwatch.DisableAlarmActionsInput{AlarmNames: names})
		return err
	})
	if err == nil {
		a.ActionsEnabled = on
	}
	return err
}

// alarmWaitDefaults are the v2 model's AlarmExists waiter: a look every
// 5 seconds, 40 times.
func alarmWaitDefaults() goboto.WaitOptions {
	return goboto.WaitOptions{Interval: 5 * time.Second, Timeout: 200 * time.Second}
}

// Wait polls the alarm (DescribeAlarms, through Refresh) until it exists
// (AlarmExists) or is in state (AlarmOK, AlarmAlarm,
// AlarmInsufficientData). The first look happens at once; then, unless
// opts say otherwise, one every 5 seconds for up to 200, as the model's
// AlarmExists waiter. Waiting for a state, an alarm that does not exist
// ends the wait with its not-found error; running out of time is a
// *goboto.WaitTimeoutError. Progress sees each state polled.
func (a *Alarm) Wait(ctx context.Context, state AlarmState, opts ...goboto.WaitOption) error {
	if _, err := a.api(); err != nil {
		return err
	}
	switch state {
	case AlarmExists, AlarmOK, AlarmAlarm, AlarmInsufficientData:
	default:
		return goboto.Invalid("State", string(state), "must be AlarmExists, AlarmOK, AlarmAlarm or AlarmInsufficientData")
	}
	return core.Wait{
		Service: "CloudWatch", Resource: "alarm", ID: a.Name, Want: string(state),
		RetryNotFound: state == AlarmExists,
		Options:       goboto.ApplyWait(alarmWaitDefaults(), opts...),
		Poll: func(ctx context.Context) (string, error) {
			if err := a.Refresh(ctx); err != nil {
				return "", err
			}
			if state == AlarmExists {
				return string(AlarmExists), nil
			}
			return string(a.State), nil
		},
	}.Run(ctx)
}
