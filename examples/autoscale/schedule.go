package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
)

// 7. A scheduled action at a set time, a few minutes ahead (AutoScaling
// refuses a time in the past), sets the desired capacity to 2; it is
// watched firing and the group growing.
func scheduled(ctx context.Context, w *walk, _ options) error {
	g := w.group
	at := w.now().Truncate(time.Minute).Add(3 * time.Minute)
	w.call("a, err := g.Schedule(ctx, \"rush-hour\", autoscale.ScheduleOptions{StartTime: %s, Desired: new(2)})   // in %v",
		at.Format("15:04 MST"), at.Sub(w.now()))
	a, err := g.Schedule(ctx, "rush-hour", autoscale.ScheduleOptions{StartTime: at, Desired: new(2)})
	if err != nil {
		return err
	}
	w.call("for a, err := range g.ScheduledActions(ctx)")
	for s, err := range g.ScheduledActions(ctx) {
		if err != nil {
			return err
		}
		w.result("%s at %s, desired %d", s.Name, s.StartTime.UTC().Format("15:04 MST"), *s.Desired)
	}
	w.call("g.Refresh(ctx)   // until the action has run")
	// Each look moves the local clock 20 s.
	err = w.poll(ctx, 20*time.Second, func(ctx context.Context) (string, bool, error) {
		if err := g.Refresh(ctx); err != nil {
			return "", false, err
		}
		return fmt.Sprintf("desired %d", g.Desired), g.Desired == 2, nil
	})
	if err != nil {
		return err
	}
	if err := showCause(ctx, w); err != nil {
		return err
	}
	// A one-off action is gone once it has run; a Recurrence (a cron
	// expression, in TimeZone) would run again.
	w.call("a.Refresh(ctx)")
	if err := a.Refresh(ctx); !goboto.IsNotFound(err) {
		return errors.Join(errors.New("the scheduled action is still there after running"), err)
	} else {
		w.result("%s", notFound(err))
	}
	w.call("g.Wait(ctx, autoscale.GroupStable, goboto.Progress(...))")
	if err := g.Wait(ctx, autoscale.GroupStable, w.waitOptions(time.Second)...); err != nil {
		return err
	}
	showInstances(w, g)
	return nil
}

// 8. A launch lifecycle hook holds each new instance in Pending:Wait
// until it is completed (after a bootstrap, say), its heartbeat
// timeout passes, or a heartbeat restarts that timeout.
func hook(ctx context.Context, w *walk, _ options) error {
	g := w.group
	w.call("h, err := g.PutLifecycleHook(ctx, \"bootstrap\", autoscale.HookOptions{Transition: autoscale.TransitionLaunching,")
	w.call("    HeartbeatTimeout: 5 * time.Minute, DefaultResult: autoscale.HookAbandon})")
	h, err := g.PutLifecycleHook(ctx, "bootstrap", autoscale.HookOptions{Transition: autoscale.TransitionLaunching,
		HeartbeatTimeout: 5 * time.Minute, DefaultResult: autoscale.HookAbandon})
	if err != nil {
		return err
	}
	w.call("g.SetDesiredCapacity(ctx, 3)")
	if err := g.SetDesiredCapacity(ctx, 3); err != nil {
		return err
	}
	w.call("g.Refresh(ctx)   // until an instance waits for the hook")
	var held *autoscale.Instance
	err = w.poll(ctx, time.Second, func(ctx context.Context) (string, bool, error) {
		if err := g.Refresh(ctx); err != nil {
			return "", false, err
		}
		counts := map[autoscale.LifecycleState]int{}
		for _, i := range g.Instances {
			counts[i.LifecycleState]++
			if i.LifecycleState == autoscale.InstancePendingWait {
				held = i
			}
		}
		var parts []string
		for _, s := range slices.Sorted(maps.Keys(counts)) {
			parts = append(parts, fmt.Sprintf("%s %d", s, counts[s]))
		}
		return strings.Join(parts, ", "), held != nil, nil
	})
	if err != nil {
		return err
	}
	w.result("held: %s", held)

	// Two minutes on, it still waits: the hook's timeout is five.
	w.call("// two minutes pass")
	if err := w.pass(ctx, 2*time.Minute); err != nil {
		return err
	}
	w.call("held.Refresh(ctx)")
	if err := held.Refresh(ctx); err != nil {
		return err
	}
	w.result("%s", held)
	w.call("h.RecordHeartbeat(ctx, autoscale.LifecycleAction{InstanceID: held.ID})   // five more minutes")
	if err := h.RecordHeartbeat(ctx, autoscale.LifecycleAction{InstanceID: held.ID}); err != nil {
		return err
	}
	w.call("h.Complete(ctx, autoscale.LifecycleAction{InstanceID: held.ID}, autoscale.HookContinue)")
	if err := h.Complete(ctx, autoscale.LifecycleAction{InstanceID: held.ID}, autoscale.HookContinue); err != nil {
		return err
	}
	w.call("g.Wait(ctx, autoscale.GroupStable, goboto.Progress(...))")
	if err := g.Wait(ctx, autoscale.GroupStable, w.waitOptions(time.Second)...); err != nil {
		return err
	}
	showInstances(w, g)
	w.call("h.Delete(ctx)")
	return h.Delete(ctx)
}

// 9. Everything made is undone, last made first: the alarms; the group,
// emptied by boto's shutdown_instances, deleted and waited for; the
// template; the network.
func teardown(ctx context.Context, w *walk, _ options) error {
	return w.undo(ctx)
}
