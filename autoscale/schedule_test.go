package autoscale_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
)

func testSchedule(t *testing.T, e *scalingEnv) {
	ctx := t.Context()
	g := e.group(t, 1, 4, 1)
	// 09:00 on weekdays in Paris is 08:00 UTC in December; 6 December
	// 2026 is a Sunday.
	morning, err := g.Schedule(ctx, "morning", autoscale.ScheduleOptions{Recurrence: "0 9 * * MON-FRI", TimeZone: "Europe/Paris",
		Min: num(2), Max: num(6), Desired: num(3)})
	if err != nil {
		t.Fatal(err)
	}
	once := scalingEpoch.Add(2 * time.Hour)
	if _, err := g.Schedule(ctx, "once", autoscale.ScheduleOptions{StartTime: once, Desired: num(2)}); err != nil {
		t.Fatal(err)
	}
	got := map[string]autoscale.ScheduleOptions{}
	for a, err := range g.ScheduledActions(ctx, autoscale.PageSize(1)) {
		if err != nil {
			t.Fatal(err)
		}
		if a.ARN == "" || a.Group() != g {
			t.Errorf("action %s: ARN %q, group %v", a.Name, a.ARN, a.Group())
		}
		got[a.Name] = a.ScheduleOptions
	}
	mon := time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)
	want := map[string]autoscale.ScheduleOptions{
		"morning": {StartTime: mon, Recurrence: "0 9 * * MON-FRI", TimeZone: "Europe/Paris", Min: num(2), Max: num(6), Desired: num(3)},
		"once":    {StartTime: once, Desired: num(2)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ScheduledActions (-want +got):\n%s", diff)
	}
	// API Reference, PutScheduledUpdateGroupAction, StartTime: "If you try
	// to schedule your action in the past, Amazon EC2 Auto Scaling returns
	// an error message."
	_, err = g.Schedule(ctx, "late", autoscale.ScheduleOptions{StartTime: scalingEpoch.Add(-time.Hour), Desired: num(2)})
	if apiCode(err) != "ValidationError" {
		t.Errorf("start in the past: %v, want ValidationError", err)
	}
	// The actions run on the fake's clock.
	e.clock.Set(once)
	if s := e.sizes(t, g); s != [3]int32{1, 4, 2} {
		t.Errorf("after the one-off action: %v, want [1 4 2]", s)
	}
	e.clock.Set(mon)
	if s := e.sizes(t, g); s != [3]int32{2, 6, 3} {
		t.Errorf("after Monday morning's action: %v, want [2 6 3]", s)
	}
	if err := morning.Refresh(ctx); err != nil || !morning.StartTime.Equal(mon.Add(24*time.Hour)) {
		t.Errorf("Refresh: %v, next run %s, want Tuesday 08:00 UTC", err, morning.StartTime)
	}
	once2 := g.ScheduledAction("once")
	if err := once2.Refresh(ctx); !goboto.IsNotFound(err) {
		t.Errorf("a one-off action that ran: %v, want not found", err)
	}
	if err := morning.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := morning.Delete(ctx); apiCode(err) != "ValidationError" {
		t.Errorf("deleting twice: %v, want ValidationError", err)
	}
}

func TestScheduleOnFake(t *testing.T) { testSchedule(t, scalingFake(t)) }

func TestScheduleBatch(t *testing.T) {
	e := scalingFake(t)
	ctx := t.Context()
	g := e.group(t, 1, 4, 1)
	// API Reference, BatchPutScheduledUpdateGroupAction: the actions
	// AutoScaling could not make come back with their error; the others
	// are made. The past start time is AutoScaling's to refuse.
	err := g.ScheduleBatch(ctx, []autoscale.NamedSchedule{
		{Name: "a", ScheduleOptions: autoscale.ScheduleOptions{Recurrence: "0 8 * * *", Desired: num(2)}},
		{Name: "late", ScheduleOptions: autoscale.ScheduleOptions{StartTime: scalingEpoch.Add(-time.Hour), Desired: num(2)}},
		{Name: "b", ScheduleOptions: autoscale.ScheduleOptions{Recurrence: "0 18 * * *", Desired: num(1)}},
	})
	var be *autoscale.BatchError
	if !errors.As(err, &be) || len(be.Failed) != 1 || be.Failed[0].Index != 1 || be.Failed[0].Code != "ValidationError" {
		t.Fatalf("ScheduleBatch: %v, want item 1 refused", err)
	}
	var names []string
	for a, err := range g.ScheduledActions(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, a.Name)
	}
	if diff := cmp.Diff([]string{"a", "b"}, names); diff != "" {
		t.Errorf("made (-want +got):\n%s", diff)
	}
	// Checked before anything is sent.
	err = g.ScheduleBatch(ctx, []autoscale.NamedSchedule{{Name: "x", ScheduleOptions: autoscale.ScheduleOptions{Recurrence: "0 8 * * *", Desired: num(1)}},
		{Name: "y", ScheduleOptions: autoscale.ScheduleOptions{Recurrence: "61 8 * * *", Desired: num(1)}}})
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) || ve.Field != "ScheduledUpdateGroupActions[1].Recurrence" {
		t.Errorf("a bad recurrence in the batch: %v", err)
	}
	err = g.DeleteScheduledActions(ctx, "a", "zz")
	if !errors.As(err, &be) || len(be.Failed) != 1 || be.Failed[0].Index != 1 || be.Failed[0].Name != "zz" {
		t.Errorf("DeleteScheduledActions: %v, want item 1 (zz) failed", err)
	}
	if err := g.ScheduledAction("a").Refresh(ctx); !goboto.IsNotFound(err) {
		t.Errorf("a after the batch delete: %v, want not found", err)
	}
}
