package autoscale_test

import (
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
		MinSize: num(2), MaxSize: num(6), DesiredCapacity: num(3)})
	if err != nil {
		t.Fatal(err)
	}
	once := scalingEpoch.Add(2 * time.Hour)
	if _, err := g.Schedule(ctx, "once", autoscale.ScheduleOptions{StartTime: once, DesiredCapacity: num(2)}); err != nil {
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
		"morning": {StartTime: mon, Recurrence: "0 9 * * MON-FRI", TimeZone: "Europe/Paris", MinSize: num(2), MaxSize: num(6), DesiredCapacity: num(3)},
		"once":    {StartTime: once, DesiredCapacity: num(2)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ScheduledActions (-want +got):\n%s", diff)
	}
	// API Reference, PutScheduledUpdateGroupAction, StartTime: "If you try
	// to schedule your action in the past, Amazon EC2 Auto Scaling returns
	// an error message."
	_, err = g.Schedule(ctx, "late", autoscale.ScheduleOptions{StartTime: scalingEpoch.Add(-time.Hour), DesiredCapacity: num(2)})
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
