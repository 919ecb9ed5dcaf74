package core

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/goboto/goboto"
)

// firstPause is the pause after the first look when the caller's Interval
// is longer: most resources in a test or a fake settle within a second or
// two, and the first look itself happens at once.
const firstPause = 2 * time.Second

// Wait is one wait on a resource's state, the polling loop behind every
// service's waiters. Services describe the resource and pass the caller's
// goboto.WaitOption values, folded over their own defaults.
type Wait struct {
	// Service, Resource and ID name what is waited on in errors:
	// "EC2", "instance", "i-0123...".
	Service, Resource, ID string
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
	// Options are the timeout, interval and progress callback.
	Options goboto.WaitOptions
}

// Run looks at once, then polls until the resource is in w.Want (nil),
// reaches a failure state (*goboto.StateError), or time runs out
// (*goboto.WaitTimeoutError). A cancelled ctx returns its error; a poll's
// other errors are returned as they are. A non-positive Timeout or
// Interval is a *goboto.ValidationError, returned before any poll.
func (w Wait) Run(ctx context.Context) error {
	o := w.Options
	if o.Timeout <= 0 {
		return goboto.Invalid("Timeout", o.Timeout.String(), "must be positive")
	}
	if o.Interval <= 0 {
		return goboto.Invalid("Interval", o.Interval.String(), "must be positive")
	}
	start := time.Now()
	wctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	pause := min(firstPause, o.Interval)
	state := ""
	timedOut := func() error {
		return &goboto.WaitTimeoutError{Service: w.Service, Resource: w.Resource, ID: w.ID,
			Want: w.Want, State: state, Elapsed: time.Since(start)}
	}
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
		if o.Progress != nil {
			o.Progress(state, time.Since(start))
		}
		if state == w.Want {
			return nil
		}
		if slices.Contains(w.Failure, state) {
			return &goboto.StateError{Service: w.Service, Resource: w.Resource, ID: w.ID, Want: w.Want, State: state}
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
		pause = min(pause+pause/2, o.Interval)
	}
}
