package sqs

import (
	"context"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// QueueState is a state Queue.Wait waits for.
type QueueState string

// The queue states Queue.Wait knows. SQS is eventually consistent about
// queues: CreateQueue says to wait a second before using a new queue,
// and DeleteQueue that a deletion takes up to 60 seconds.
const (
	QueueExists    QueueState = "exists"
	QueueNotExists QueueState = "not exists"
)

// waitDefaults are a look every second for up to 90 seconds: SQS has no
// waiters of its own, and a deletion takes up to 60 seconds.
func waitDefaults() goboto.WaitOptions {
	return goboto.WaitOptions{Interval: time.Second, Timeout: 90 * time.Second}
}

// Wait polls the queue (GetQueueAttributes, through Refresh) until it is
// in state: QueueExists or QueueNotExists. The first look happens at
// once; then, unless opts say otherwise, one every second for up to 90
// seconds. Running out of time is a *goboto.WaitTimeoutError; any other
// error SQS answers ends the wait with that error.
func (q *Queue) Wait(ctx context.Context, state QueueState, opts ...goboto.WaitOption) error {
	if _, err := q.api(); err != nil {
		return err
	}
	if state != QueueExists && state != QueueNotExists {
		return goboto.Invalid("State", string(state), "must be QueueExists or QueueNotExists")
	}
	return core.Wait{
		Service: "SQS", Resource: "queue", ID: q.URL, Want: string(state), Gone: string(QueueNotExists),
		Options: goboto.ApplyWait(waitDefaults(), opts...),
		Poll: func(ctx context.Context) (string, error) {
			if err := q.Refresh(ctx); err != nil {
				return "", err
			}
			return string(QueueExists), nil
		},
	}.Run(ctx)
}
