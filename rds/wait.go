package rds

import (
	"context"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// waitDefaults follow RDS's own waiters: 30 s between polls, 60 polls, so
// 30 minutes, since instances take minutes to create. The first look
// happens at once (goboto.WaitOptions).
var waitDefaults = goboto.WaitOptions{Timeout: 30 * time.Minute, Interval: 30 * time.Second}

// waiter describes one wait: how to read the state, which state is
// wanted and which states end the wait in failure.
type waiter struct {
	resource, id, want string
	poll               func(ctx context.Context) (string, error)
	failure            []string
	gone               string // the state a not-found answer means, if any
}

// wait polls w until it reaches w.want, fails (*goboto.StateError), or
// time runs out (*goboto.WaitTimeoutError).
func (w waiter) wait(ctx context.Context, opts []goboto.WaitOption) error {
	return core.Wait{
		Service: "RDS", Resource: w.resource, ID: w.id,
		Poll: w.poll, Want: w.want, Failure: w.failure, Gone: w.gone,
		Options: goboto.ApplyWait(waitDefaults, opts...),
	}.Run(ctx)
}
