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

// wait runs w, which describes the resource, its states and how to poll
// it, as an EC2 wait: EC2's default pace with the caller's opts over it.
// It fails with *goboto.StateError or *goboto.WaitTimeoutError.
func wait(ctx context.Context, w core.Wait, opts []goboto.WaitOption) error {
	w.Service = "EC2"
	w.Options = goboto.ApplyWait(waitDefaults, opts...)
	return w.Run(ctx)
}

// strs converts typed states to the strings core.Wait compares.
func strs[S ~string](ss []S) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}
