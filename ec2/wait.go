package ec2

import (
	"context"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// waitDefaults follow EC2's own waiters: 15 s between polls, 40 polls, so
// 10 minutes. The first look happens at once (goboto.WaitOptions).
var waitDefaults = goboto.WaitOptions{Timeout: 10 * time.Minute, Interval: 15 * time.Second}

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

// wait polls w until it reaches w.want, fails (*goboto.StateError), or
// time runs out (*goboto.WaitTimeoutError).
func (w waiter) wait(ctx context.Context, opts []goboto.WaitOption) error {
	return core.Wait{
		Service: "EC2", Resource: w.resource, ID: w.id,
		Poll: w.poll, Want: w.want, Failure: w.failure, Gone: w.gone, RetryNotFound: w.retryNotFound,
		Options: goboto.ApplyWait(waitDefaults, opts...),
	}.Run(ctx)
}

// strs converts typed states to the strings core.Wait compares.
func strs[S ~string](ss []S) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}
