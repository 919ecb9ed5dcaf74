package ec2

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/goboto/goboto/internal/core"
)

// Waiting defaults follow EC2's own waiters (15 s between polls, 40 polls,
// so 10 minutes), with the first poll sooner: most resources in a test or
// a fake settle within seconds.
const (
	defaultWaitInterval = 15 * time.Second
	defaultWaitTimeout  = 10 * time.Minute
	firstWaitInterval   = 2 * time.Second
)

// WaitOption changes how Instance.WaitUntil, Volume.Wait,
// Volume.WaitModification, Snapshot.Wait and Image.Wait poll: Timeout,
// Interval, Progress.
type WaitOption func(*waitConfig)

type waitConfig struct {
	timeout  time.Duration
	interval time.Duration
	progress func(state string, elapsed time.Duration)
}

// Timeout sets how long a wait may last before it fails with a
// *WaitTimeoutError (10 minutes by default). The context's own deadline
// applies too, whichever comes first.
func Timeout(d time.Duration) WaitOption { return func(c *waitConfig) { c.timeout = d } }

// Interval sets the longest pause between two polls (15 seconds by
// default). The first pause is shorter, at most 2 seconds, and each
// following one grows by half until it reaches d.
func Interval(d time.Duration) WaitOption { return func(c *waitConfig) { c.interval = d } }

// Progress calls fn after every poll with the state the resource is in and
// the time waited so far. fn runs on the waiting goroutine; a slow fn
// delays the next poll.
func Progress(fn func(state string, elapsed time.Duration)) WaitOption {
	return func(c *waitConfig) { c.progress = fn }
}

// WaitTimeoutError reports a wait that ran out of time, its own Timeout or
// the context's deadline, before the resource reached the wanted state.
// errors.Is(err, context.DeadlineExceeded) is true for it.
type WaitTimeoutError struct {
	Resource string // "instance", "volume", "volume modification", "snapshot", "image"
	ID       string
	Want     string // the state waited for
	State    string // the last state seen; "" if no poll succeeded
	Elapsed  time.Duration
}

func (e *WaitTimeoutError) Error() string {
	return fmt.Sprintf("ec2: %s %s not %s after %s (last state %q)",
		e.Resource, e.ID, e.Want, e.Elapsed.Round(time.Millisecond), e.State)
}

// Unwrap returns context.DeadlineExceeded.
func (e *WaitTimeoutError) Unwrap() error { return context.DeadlineExceeded }

// StateError reports a wait that cannot succeed any more because the
// resource reached a state it will not leave for the wanted one: an
// instance waited for to run that terminated, a snapshot in error.
type StateError struct {
	Resource string
	ID       string
	Want     string
	State    string
}

func (e *StateError) Error() string {
	return fmt.Sprintf("ec2: %s %s is %s while waiting for %s", e.Resource, e.ID, e.State, e.Want)
}

// waiter describes one wait: how to read the state, which state is
// wanted and which states end the wait in failure.
type waiter struct {
	resource, id, want string
	poll               func(ctx context.Context) (string, error) // current state
	failure            []string
	// gone is the state of a resource that no longer exists ("deleted"
	// for a volume), when a not-found answer means that.
	gone string
	// retryNotFound retries not-found answers instead of failing, as EC2's
	// InstanceRunning waiter does for an instance too new to describe.
	retryNotFound bool
}

// wait polls w until it reaches w.want, fails, or time runs out.
func (w waiter) wait(ctx context.Context, opts []WaitOption) error {
	cfg := waitConfig{timeout: defaultWaitTimeout, interval: defaultWaitInterval}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	err := core.Wait{
		Poll: w.poll, Want: w.want, Failure: w.failure, Gone: w.gone, RetryNotFound: w.retryNotFound,
		Timeout: cfg.timeout, Interval: cfg.interval, First: firstWaitInterval, Progress: cfg.progress,
	}.Run(ctx)
	var timedOut *core.WaitTimedOut
	var failed *core.WaitFailed
	switch {
	case errors.As(err, &timedOut):
		return &WaitTimeoutError{Resource: w.resource, ID: w.id, Want: w.want, State: timedOut.State, Elapsed: timedOut.Elapsed}
	case errors.As(err, &failed):
		return &StateError{Resource: w.resource, ID: w.id, Want: w.want, State: failed.State}
	}
	return err
}
