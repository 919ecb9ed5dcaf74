package autoscale_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
)

func testHooks(t *testing.T, e *scalingEnv) {
	ctx := t.Context()
	g := e.group(t, 0, 4, 0)
	launch, err := g.PutLifecycleHook(ctx, "launch", autoscale.HookOptions{Transition: autoscale.TransitionLaunching, HeartbeatTimeout: 5 * time.Minute,
		DefaultResult: autoscale.HookContinue, NotificationMetadata: "boot"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.PutLifecycleHook(ctx, "drain", autoscale.HookOptions{Transition: autoscale.TransitionTerminating}); err != nil {
		t.Fatal(err)
	}
	got := map[string]autoscale.HookOptions{}
	for h, err := range g.LifecycleHooks(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		got[h.Name] = h.HookOptions
	}
	// API Reference, PutLifecycleHook: HeartbeatTimeout defaults to 3600
	// seconds and DefaultResult to ABANDON.
	want := map[string]autoscale.HookOptions{
		"launch": {Transition: autoscale.TransitionLaunching, HeartbeatTimeout: 5 * time.Minute, DefaultResult: autoscale.HookContinue, NotificationMetadata: "boot"},
		"drain":  {Transition: autoscale.TransitionTerminating, HeartbeatTimeout: time.Hour, DefaultResult: autoscale.HookAbandon},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LifecycleHooks (-want +got):\n%s", diff)
	}
	fresh := g.LifecycleHook("launch")
	if err := fresh.Refresh(ctx); err != nil || fresh.HeartbeatTimeout != 5*time.Minute || fresh.GlobalTimeout == 0 {
		t.Errorf("Refresh: %v, %+v", err, fresh)
	}
	// A launch waits in Pending:Wait until completed.
	id := e.launchHeld(t, g)
	if err := launch.RecordHeartbeat(ctx, autoscale.LifecycleAction{InstanceID: id}); err != nil {
		t.Errorf("RecordHeartbeat: %v", err)
	}
	if err := launch.Complete(ctx, autoscale.LifecycleAction{InstanceID: id}, autoscale.HookContinue); err != nil {
		t.Errorf("Complete: %v", err)
	}
	if err := launch.Complete(ctx, autoscale.LifecycleAction{InstanceID: "i-0123456789abcdef0"}, autoscale.HookContinue); apiCode(err) != "ValidationError" {
		t.Errorf("completing an instance not held: %v, want ValidationError", err)
	}
	if err := launch.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := fresh.Refresh(ctx); !goboto.IsNotFound(err) {
		t.Errorf("Refresh of a deleted hook: %v, want not found", err)
	}
}

func TestHooksOnFake(t *testing.T) { testHooks(t, scalingFake(t)) }
