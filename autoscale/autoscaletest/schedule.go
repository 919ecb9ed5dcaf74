package autoscaletest

import "time"

// scheduledAction is one scheduled action of a group.
type scheduledAction struct {
	name, arn string
}

// scheduleOps are the scheduled action operations.
func (b *Backend) scheduleOps() map[string]op { return map[string]op{} }

// runScheduled runs st's scheduled actions that are due at now. The
// region's lock is held.
func (b *Backend) runScheduled(st *region, now time.Time) {}
