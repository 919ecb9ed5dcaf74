package core

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/goboto/goboto"
)

// Wait is one wait on a resource's state, the polling loop behind every
// service's waiters (ec2's WaitUntil, rds's Wait, ...). The service keeps
// its own options and error types and turns Run's outcomes into them.
type Wait struct {
	// Poll reads the resource's current state.
	Poll func(ctx context.Context) (string, error)
	// Want is the state waited for; Failure lists the states the
	// resource will not leave for Want.
	Want    string
	Failure []string
	// Gone is the state a not-found answer means ("deleted"), if any.
	Gone string
	// RetryNotFound polls again after a not-found answer instead of
	// failing, for resources too new to describe.
	RetryNotFound bool
	// Timeout bounds the whole wait. Pauses between polls start at
	// First (capped by Interval) and grow by half up to Interval.
	Timeout, Interval, First time.Duration
	// Progress, if set, is called after every poll with the state seen
	// and the time waited so far.
	Progress func(state string, elapsed time.Duration)
}

// WaitTimedOut is the outcome of a wait that ran out of time, its own
// Timeout or the context's deadline: State is the last state seen.
type WaitTimedOut struct {
	State   string
	Elapsed time.Duration
}

func (e *WaitTimedOut) Error() string { return "wait timed out in state " + e.State }

// WaitFailed is the outcome of a wait whose resource reached one of the
// Failure states.
type WaitFailed struct{ State string }

func (e *WaitFailed) Error() string { return "wait failed in state " + e.State }

// Run polls until the resource is in w.Want (nil), reaches a failure
// state (*WaitFailed), or time runs out (*WaitTimedOut). A cancelled ctx
// returns its error; a poll's other errors are returned as they are.
// Non-positive Timeout or Interval is a *goboto.ValidationError.
func (w Wait) Run(ctx context.Context) error {
	if w.Timeout <= 0 {
		return goboto.Invalid("Timeout", w.Timeout.String(), "must be positive")
	}
	if w.Interval <= 0 {
		return goboto.Invalid("Interval", w.Interval.String(), "must be positive")
	}
	start := time.Now()
	wctx, cancel := context.WithTimeout(ctx, w.Timeout)
	defer cancel()
	pause := min(w.First, w.Interval)
	if pause <= 0 {
		pause = w.Interval
	}
	state := ""
	timedOut := func() error { return &WaitTimedOut{State: state, Elapsed: time.Since(start)} }
	for {
		s, err := w.Poll(wctx)
		switch {
		case err == nil:
			state = s
		case goboto.IsNotFound(err) && w.Gone != "":
			state = w.Gone
		case goboto.IsNotFound(err) && w.RetryNotFound:
		case wctx.Err() != nil && !errors.Is(ctx.Err(), context.Canceled):
			return timedOut() // a deadline cut the poll short
		default:
			return err
		}
		if w.Progress != nil {
			w.Progress(state, time.Since(start))
		}
		if state == w.Want {
			return nil
		}
		if slices.Contains(w.Failure, state) {
			return &WaitFailed{State: state}
		}
		t := time.NewTimer(pause)
		select {
		case <-wctx.Done():
			t.Stop()
			if errors.Is(ctx.Err(), context.Canceled) {
				return ctx.Err()
			}
			return timedOut()
		case <-t.C:
		}
		pause = min(pause+pause/2, w.Interval)
	}
}
