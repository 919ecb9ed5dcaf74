package cloudwatchtest

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// transition sets an alarm's state, reason and data at now. A change of
// state is recorded in the history ("Alarm updated from OK to ALARM") and
// yields the new state's actions while the alarm's actions are enabled.
// The caller holds reg.mu.
func (reg *region) transition(account, region string, a *alarm, state, reason, data string, now time.Time) []AlarmAction {
	old, oldReason, oldData := a.state, a.reason, a.reasonData
	a.reason, a.reasonData, a.stateUpdated = reason, data, now
	if state == old {
		return nil
	}
	a.state, a.transitioned, a.scalingRan = state, now, now
	stateDoc := func(value, reason, data string) map[string]any {
		m := map[string]any{"stateValue": value, "stateReason": reason}
		if data != "" {
			m["stateReasonData"] = json.RawMessage(data)
		}
		return m
	}
	reg.record(a.name(), now, "StateUpdate", "Alarm updated from "+old+" to "+state, map[string]any{
		"version": "1.0", "oldState": stateDoc(old, oldReason, oldData), "newState": stateDoc(state, reason, data)})
	if !a.actionsEnabled {
		return nil
	}
	var out []AlarmAction
	for _, arn := range a.actions(state) {
		out = append(out, AlarmAction{Account: account, Region: region, AlarmName: a.name(), AlarmARN: a.arn,
			OldState: old, NewState: state, Action: arn, Reason: reason, ReasonData: data, Time: now, Dimensions: a.dimensions()})
	}
	return out
}

// setAlarmState sets an alarm's state for testing; the next evaluation
// sets it back to what the data says (API Reference, SetAlarmState:
// "Metric alarms returns to their actual state quickly").
func (b *Backend) setAlarmState(r *fake.Request) error {
	var in setAlarmStateInput
	if err := decodeInput(r, &in); err != nil {
		return err
	}
	switch {
	case in.AlarmName == "":
		return errMissingParameter("AlarmName")
	case in.StateValue == "":
		return errMissingParameter("StateValue")
	case in.StateReason == nil:
		return errMissingParameter("StateReason")
	}
	if err := checkAlarmName("alarmName", in.AlarmName); err != nil {
		return err
	}
	if !slices.Contains(stateValues, in.StateValue) {
		return errValidation(in.StateValue, "stateValue", "Member must satisfy enum value set: [OK, ALARM, INSUFFICIENT_DATA]")
	}
	if len(*in.StateReason) > 1023 {
		return errValidation(*in.StateReason, "stateReason", "Member must have length less than or equal to 1023")
	}
	data := ""
	if in.StateReasonData != nil {
		data = *in.StateReasonData
		if len(data) > 4000 {
			return errValidation(data, "stateReasonData", "Member must have length less than or equal to 4000")
		}
		if !json.Valid([]byte(data)) {
			return errInvalidFormat("Data was not syntactically valid JSON")
		}
	}
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	a := reg.alarms[in.AlarmName]
	if a == nil {
		reg.mu.Unlock()
		return errResourceNotFound("Alarm %s not found", in.AlarmName)
	}
	pending := reg.transition(r.Account(), r.Region, a, in.StateValue, *in.StateReason, data, r.Now)
	reg.mu.Unlock()
	b.deliver(pending)
	return nil
}

// checkAlarmNames checks EnableAlarmActions', DisableAlarmActions' and
// DeleteAlarms' AlarmNames: required, at most 100.
func checkAlarmNames(names []string) error {
	if len(names) == 0 {
		return errMissingParameter("AlarmNames")
	}
	if len(names) > 100 {
		return errValidation("["+strings.Join(names, ", ")+"]", "alarmNames", "Member must have length less than or equal to 100")
	}
	for _, n := range names {
		if err := checkAlarmName("alarmNames.member", n); err != nil {
			return err
		}
	}
	return nil
}

// setActionsEnabled serves EnableAlarmActions and DisableAlarmActions,
// which the model gives no errors: names of no alarm are passed over.
func (b *Backend) setActionsEnabled(r *fake.Request, on bool) error {
	var in alarmNamesInput
	if err := decodeInput(r, &in); err != nil {
		return err
	}
	if err := checkAlarmNames(in.AlarmNames); err != nil {
		return err
	}
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	defer reg.mu.Unlock()
	for _, n := range in.AlarmNames {
		if a := reg.alarms[n]; a != nil {
			a.actionsEnabled = on
		}
	}
	return nil
}

// deleteAlarms deletes the named alarms. "If you specify any incorrect
// alarm names, the alarms you specify with correct names are still
// deleted" (API Reference, DeleteAlarms), and the names of no alarm are
// answered with ResourceNotFound, one of its modelled errors.
func (b *Backend) deleteAlarms(r *fake.Request) error {
	var in alarmNamesInput
	if err := decodeInput(r, &in); err != nil {
		return err
	}
	if err := checkAlarmNames(in.AlarmNames); err != nil {
		return err
	}
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	defer reg.mu.Unlock()
	var missing []string
	for _, n := range in.AlarmNames {
		a := reg.alarms[n]
		if a == nil {
			if !slices.Contains(missing, n) {
				missing = append(missing, n)
			}
			continue
		}
		reg.record(n, r.Now, "ConfigurationUpdate", `Alarm "`+n+`" deleted`,
			map[string]any{"version": "1.0", "type": "Delete", "deletedAlarm": a.output()})
		delete(reg.alarms, n)
	}
	if len(missing) > 0 {
		return errResourceNotFound("%d alarm(s) not found: %s", len(missing), strings.Join(missing, ", "))
	}
	return nil
}
