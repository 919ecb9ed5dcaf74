package rds

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/goboto/goboto/internal/core"
)

// Waiting defaults follow RDS's own waiters (30 s between polls, 60
// polls, so 30 minutes: instances take minutes to create), with the
// first poll sooner: a fake settles within a second.
const (
	defaultWaitInterval = 30 * time.Second
	defaultWaitTimeout  = 30 * time.Minute
	firstWaitInterval   = 2 * time.Second
)

// WaitOption changes how DBInstance.Wait, DBSnapshot.Wait and
// DBSecurityGroup's WaitAuthorized and WaitRevoked poll: Timeout,
// Interval, Progress.
type WaitOption func(*waitConfig)

type waitConfig struct {
	timeout  time.Duration
	interval time.Duration
	progress func(state string, elapsed time.Duration)
}

// Timeout sets how long a wait may last before it fails with a
// *WaitTimeoutError (30 minutes by default). The context's own deadline
// applies too, whichever comes first.
func Timeout(d time.Duration) WaitOption { return func(c *waitConfig) { c.timeout = d } }

// Interval sets the longest pause between two polls (30 seconds by
// default). The first pause is shorter, at most 2 seconds, and each
// following one grows by half until it reaches d.
func Interval(d time.Duration) WaitOption { return func(c *waitConfig) { c.interval = d } }

// Progress calls fn after every poll with the status the resource is in
// ("creating", "backing-up", ...) and the time waited so far. fn runs on
// the waiting goroutine; a slow fn delays the next poll.
func Progress(fn func(state string, elapsed time.Duration)) WaitOption {
	return func(c *waitConfig) { c.progress = fn }
}

// WaitTimeoutError reports a wait that ran out of time, its own Timeout or
// the context's deadline, before the resource reached the wanted state.
// errors.Is(err, context.DeadlineExceeded) is true for it.
type WaitTimeoutError struct {
	Resource string // "DB instance", "DB snapshot", "ingress"
	ID       string // for ingress, "<source> to DB security group <name>"
	Want     string // the state waited for
	State    string // the last state seen; "" if no poll succeeded
	Elapsed  time.Duration
}

func (e *WaitTimeoutError) Error() string {
	return fmt.Sprintf("rds: %s %s not %s after %s (last state %q)",
		e.Resource, e.ID, e.Want, e.Elapsed.Round(time.Millisecond), e.State)
}

// Unwrap returns context.DeadlineExceeded.
func (e *WaitTimeoutError) Unwrap() error { return context.DeadlineExceeded }

// StateError reports a wait that cannot succeed any more because the
// resource reached a state it will not leave for the wanted one: an
// instance waited for to be available that failed or is being deleted.
type StateError struct {
	Resource string
	ID       string
	Want     string
	State    string
}

func (e *StateError) Error() string {
	return fmt.Sprintf("rds: %s %s is %s while waiting for %s", e.Resource, e.ID, e.State, e.Want)
}

// waiter describes one wait: how to read the state, which state is
// wanted and which states end the wait in failure.
type waiter struct {
	resource, id, want string
	poll               func(ctx context.Context) (string, error)
	failure            []string
	gone               string // the state a not-found answer means, if any
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
		Poll: w.poll, Want: w.want, Failure: w.failure, Gone: w.gone,
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
