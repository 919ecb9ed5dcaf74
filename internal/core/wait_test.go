package core

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
)

func TestWaitRun(t *testing.T) {
	notFound := &goboto.APIError{Code: "NotFound", StatusCode: 404}
	boom := errors.New("boom")
	// poll answers states in turn, then repeats the last.
	poll := func(answers ...any) func(context.Context) (string, error) {
		i := 0
		return func(context.Context) (string, error) {
			a := answers[min(i, len(answers)-1)]
			i++
			if err, ok := a.(error); ok {
				return "", err
			}
			return a.(string), nil
		}
	}
	for _, tt := range []struct {
		name    string
		w       Wait
		seen    []string // what Progress saw
		outcome string   // "ok", "failed:<state>", "timeout:<state>", "error"
	}{
		{"reaches want", Wait{Poll: poll("pending", "pending", "running"), Want: "running"},
			[]string{"pending", "pending", "running"}, "ok"},
		{"failure state", Wait{Poll: poll("pending", "terminated"), Want: "running", Failure: []string{"terminated"}},
			[]string{"pending", "terminated"}, "failed:terminated"},
		{"gone means deleted", Wait{Poll: poll("deleting", notFound), Want: "deleted", Gone: "deleted"},
			[]string{"deleting", "deleted"}, "ok"},
		{"not found retried", Wait{Poll: poll(notFound, "running"), Want: "running", RetryNotFound: true},
			[]string{"", "running"}, "ok"},
		{"not found fails", Wait{Poll: poll(notFound), Want: "running"}, nil, "error"},
		{"other error", Wait{Poll: poll("pending", boom), Want: "running"}, []string{"pending"}, "error"},
		{"times out", Wait{Poll: poll("pending"), Want: "running", Options: goboto.WaitOptions{Timeout: 20 * time.Millisecond}}, nil, "timeout:pending"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := tt.w
			if w.Options.Timeout == 0 {
				w.Options.Timeout = time.Minute
			}
			w.Options.Interval = time.Millisecond
			var seen []string
			w.Options.Progress = func(s string, _ time.Duration) { seen = append(seen, s) }
			err := w.Run(context.Background())
			var timedOut *goboto.WaitTimeoutError
			var failed *goboto.StateError
			got := "error"
			switch {
			case err == nil:
				got = "ok"
			case errors.As(err, &failed):
				got = "failed:" + failed.State
			case errors.As(err, &timedOut):
				got = "timeout:" + timedOut.State
			}
			if got != tt.outcome {
				t.Errorf("Run = %v (%s), want %s", err, got, tt.outcome)
			}
			if tt.outcome != "timeout:pending" {
				if diff := cmp.Diff(tt.seen, seen); diff != "" {
					t.Errorf("progress (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestWaitRunRefusesBadDurations(t *testing.T) {
	for _, w := range []Wait{{Options: goboto.WaitOptions{Timeout: 0, Interval: time.Second}}, {Options: goboto.WaitOptions{Timeout: time.Second, Interval: -1}}} {
		w.Poll = func(context.Context) (string, error) { t.Fatal("polled"); return "", nil }
		var ve *goboto.ValidationError
		if err := w.Run(context.Background()); !errors.As(err, &ve) {
			t.Errorf("Run(%+v) = %v, want a *goboto.ValidationError", w, err)
		}
	}
}

func TestWaitRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	w := Wait{Want: "running", Options: goboto.WaitOptions{Timeout: time.Minute, Interval: time.Millisecond},
		Poll: func(context.Context) (string, error) { cancel(); return "pending", nil }}
	if err := w.Run(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
}

// A resource already in the wanted state returns after one look, with no
// pause: the convention every waiter follows.
func TestWaitRunLooksAtOnce(t *testing.T) {
	polls := 0
	w := Wait{Service: "EC2", Resource: "volume", ID: "vol-1", Want: "available",
		Options: goboto.WaitOptions{Timeout: time.Hour, Interval: time.Hour},
		Poll:    func(context.Context) (string, error) { polls++; return "available", nil }}
	if err := w.Run(context.Background()); err != nil || polls != 1 {
		t.Errorf("Run = %v after %d polls, want nil after 1", err, polls)
	}
}

func TestWaitErrorsNameTheService(t *testing.T) {
	w := Wait{Service: "RDS", Resource: "DB instance", ID: "db1", Want: "available", Failure: []string{"failed"},
		Options: goboto.WaitOptions{Timeout: time.Minute, Interval: time.Millisecond},
		Poll:    func(context.Context) (string, error) { return "failed", nil }}
	err := w.Run(context.Background())
	var se *goboto.StateError
	if !errors.As(err, &se) {
		t.Fatalf("Run = %v, want *goboto.StateError", err)
	}
	want := &goboto.StateError{Service: "RDS", Resource: "DB instance", ID: "db1", Want: "available", State: "failed"}
	if diff := cmp.Diff(want, se); diff != "" {
		t.Errorf("StateError (-want +got):\n%s", diff)
	}
	if got := err.Error(); got != "RDS: DB instance db1 is failed while waiting for available" {
		t.Errorf("Error() = %q", got)
	}
}
