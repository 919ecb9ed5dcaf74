package sqstest

import "time"

// maxInFlight is how many messages of one queue may be in flight
// (received and neither deleted nor visible again): "approximately
// 120,000" for standard queues (Developer Guide, "Amazon SQS standard
// queue quotas", Messages per queue (in flight): "If you reach this
// quota while using short polling, Amazon SQS returns the OverLimit
// error message. If you use long polling, Amazon SQS returns no error
// messages") and 120,000 for FIFO queues ("Amazon SQS FIFO queue
// quotas": "FIFO queues support a maximum of 120,000 in-flight messages
// ... If this limit is reached, Amazon SQS does not return an error";
// 20,000 before 2024).
const maxInFlight = 120000

// room is how many of max messages a receive may take from q at now
// without passing maxInFlight, and whether q is at the limit.
func (q *queue) room(now time.Time, max int) (int, bool) {
	inFlight := 0
	for _, m := range q.messages {
		if m.receives > 0 && m.visibleAt.After(now) {
			inFlight++
		}
	}
	left := maxInFlight - inFlight
	if left <= 0 {
		return 0, true
	}
	return min(max, left), false
}

// retainedFrom is when m's retention period began.
func (m *message) retainedFrom() time.Time {
	if !m.enqueued.IsZero() {
		return m.enqueued
	}
	return m.sent
}

// errInFlightLimit is ReceiveMessage's answer on a standard queue at its
// in-flight limit with short polling: OverLimit ("ReceiveMessage returns
// this error if the maximum number of in flight messages is reached",
// the model's OverLimit documentation).
func errInFlightLimit() error {
	return errOverLimit("Too many messages in flight: the queue has reached its limit of 120,000 in-flight messages.")
}
