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

// wait runs w, which describes the resource, its states and how to poll
// it, as an RDS wait: RDS's default pace with the caller's opts over it.
// It fails with *goboto.StateError or *goboto.WaitTimeoutError.
func wait(ctx context.Context, w core.Wait, opts []goboto.WaitOption) error {
	w.Service = "RDS"
	w.Options = goboto.ApplyWait(waitDefaults, opts...)
	return w.Run(ctx)
}
