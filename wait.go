package goboto

import (
	"context"
	"fmt"
	"time"
)

// WaitOptions are the settings of one wait. Every waiter in every service
// takes them as WaitOption values; a service fills in its own defaults
// (EC2's 15-second polls, RDS's 30-second ones) before applying them.
type WaitOptions struct {
	// Timeout bounds the whole wait; the context's deadline applies too,
	// whichever comes first.
	Timeout time.Duration
	// Interval is the longest pause between two polls. The first look
	// happens at once; the pauses after it start short and grow by half
	// until they reach Interval.
	Interval time.Duration
	// Progress, when set, is called after every poll with the state seen
	// and the time waited so far. It runs on the waiting goroutine, so a
	// slow Progress delays the next poll.
	Progress func(state string, elapsed time.Duration)
}

// WaitOption changes WaitOptions.
type WaitOption func(*WaitOptions)

// Timeout sets how long a wait may last before it fails with a
// *WaitTimeoutError.
func Timeout(d time.Duration) WaitOption { return func(o *WaitOptions) { o.Timeout = d } }

// Interval sets the longest pause between two polls.
func Interval(d time.Duration) WaitOption { return func(o *WaitOptions) { o.Interval = d } }

// Progress calls fn after every poll with the state the resource is in
// and the time waited so far.
func Progress(fn func(state string, elapsed time.Duration)) WaitOption {
	return func(o *WaitOptions) { o.Progress = fn }
}

// ApplyWait folds opts over defaults.
func ApplyWait(defaults WaitOptions, opts ...WaitOption) WaitOptions {
	for _, fn := range opts {
		if fn != nil {
			fn(&defaults)
		}
	}
	return defaults
}

// WaitTimeoutError reports a wait that ran out of time, its own Timeout or
// the context's deadline, before the resource reached the wanted state.
// errors.Is(err, context.DeadlineExceeded) is true for it.
type WaitTimeoutError struct {
	Service  string // "EC2", "RDS", "S3", ...
	Resource string // "instance", "DB snapshot", "bucket", ...
	ID       string
	Want     string // the state waited for
	State    string // the last state seen; "" if no poll succeeded
	Elapsed  time.Duration
}

func (e *WaitTimeoutError) Error() string {
	return fmt.Sprintf("%s: %s %s not %s after %s (last state %q)",
		e.Service, e.Resource, e.ID, e.Want, e.Elapsed.Round(time.Millisecond), e.State)
}

// Unwrap returns context.DeadlineExceeded.
func (e *WaitTimeoutError) Unwrap() error { return context.DeadlineExceeded }

// StateError reports a wait that cannot succeed any more: the resource
// reached a state it will not leave for the wanted one, such as an
// instance waited for to run that terminated, or a snapshot in error.
type StateError struct {
	Service  string
	Resource string
	ID       string
	Want     string
	State    string
}

func (e *StateError) Error() string {
	return fmt.Sprintf("%s: %s %s is %s while waiting for %s", e.Service, e.Resource, e.ID, e.State, e.Want)
}
