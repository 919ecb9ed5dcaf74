package sqs

import (
	"context"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto"
)

// Handler handles one received message. Returning nil acks it: the
// message is deleted, in a batch with others. Returning an error nacks
// it: it is hidden for the consumer's Backoff and then received again,
// unless the queue's redrive policy moves it to a dead-letter queue
// first. ctx ends only when the consumer's ShutdownTimeout runs out.
type Handler func(ctx context.Context, m *Message) error

// Backoff says how long a nacked message stays hidden before it is
// received again, from how many times it has been received
// (ApproximateReceiveCount, 1 the first time).
type Backoff func(receives int) time.Duration

// ExponentialBackoff hides a nacked message for base the first time,
// twice that the second, and so on, up to max.
func ExponentialBackoff(base, max time.Duration) Backoff {
	return func(receives int) time.Duration {
		d := base
		for i := 1; i < receives && d < max; i++ {
			d *= 2
		}
		return min(d, max)
	}
}

// ConsumeOptions are Consume's settings. The zero value runs 10
// handlers over receives of up to 10 messages with 20-second long
// polls, a 30-second visibility timeout kept alive for slow handlers,
// and nacked messages hidden for 1 s, 2 s, 4 s, ... up to 15 minutes.
type ConsumeOptions struct {
	// Workers is how many handlers run at once (1-10,000); 0 means 10.
	// Messages are received only for idle workers, so none waits in
	// memory for one.
	Workers int
	// MaxMessages is the most one ReceiveMessage asks for (1-10); 0
	// means 10.
	MaxMessages int
	// WaitTime is each receive's long poll, whole seconds from 1 to 20;
	// 0 means 20 s.
	WaitTime time.Duration
	// VisibilityTimeout is how long a received message stays hidden,
	// whole seconds up to 12 hours, set on each receive; 0 means 30 s.
	VisibilityTimeout time.Duration
	// Heartbeat is how often messages held by the consumer are looked
	// at: one held for a Heartbeat or more since it was received or
	// last extended is hidden for VisibilityTimeout again, in batches
	// (ChangeMessageVisibilityBatch). 0 means a third of
	// VisibilityTimeout; it must be less than VisibilityTimeout.
	Heartbeat time.Duration
	// Backoff says how long a nacked message stays hidden; nil means
	// ExponentialBackoff(time.Second, 15*time.Minute). Its answer is
	// rounded up to whole seconds and capped at 12 hours.
	Backoff Backoff
	// AckDelay is the longest an ack waits for others to share its
	// DeleteMessageBatch; 0 means 50 ms.
	AckDelay time.Duration
	// ShutdownTimeout bounds the graceful shutdown that begins when
	// Consume's ctx ends; 0 means WaitTime plus VisibilityTimeout. When
	// it runs out, the handlers' ctx and the calls under way are
	// cancelled; Consume still waits for the handlers to return, so a
	// handler should heed its ctx.
	ShutdownTimeout time.Duration
	// Attributes and System name the message and system attributes to
	// receive, as in ReceiveOptions. ApproximateReceiveCount, and
	// MessageGroupId on a FIFO queue, are always received.
	Attributes []string
	System     []types.MessageSystemAttributeName
	// OnEvent, if set, is called for each thing the consumer does, from
	// several goroutines at once: it must be safe for concurrent use,
	// and quick, since the consumer waits for it.
	OnEvent func(Event)
	// Progress, if set, is called with the running totals every
	// ProgressInterval (0 means a second) and once more when Consume
	// returns, from one goroutine.
	Progress         func(ConsumeStats)
	ProgressInterval time.Duration
}

// EventKind says what an Event reports.
type EventKind int

// The events of a consumer.
const (
	// EventPoll: a ReceiveMessage is about to be sent.
	EventPoll EventKind = iota + 1
	// EventReceived: Messages were received.
	EventReceived
	// EventAcked: the handler returned nil for the message, after
	// Elapsed.
	EventAcked
	// EventNacked: the handler returned Err for the message, after Elapsed,
	// and the message was hidden for the backoff (or an EventError said
	// why not).
	EventNacked
	// EventDeleted: acked Messages were deleted.
	EventDeleted
	// EventExtended: held Messages were hidden for another
	// VisibilityTimeout by the heartbeat.
	EventExtended
	// EventReturned: Messages received but not started were made
	// visible again at once, during shutdown or behind a nacked message
	// of their FIFO group.
	EventReturned
	// EventError: the call Op failed with Err for Messages (none for a
	// receive). A delete that failed leaves its message to be received
	// again; so does a heartbeat that failed, once the message's
	// visibility timeout has passed.
	EventError
)

var eventNames = [...]string{"", "Poll", "Received", "Acked", "Nacked", "Deleted", "Extended", "Returned", "Error"}

func (k EventKind) String() string {
	if k > 0 && int(k) < len(eventNames) {
		return eventNames[k]
	}
	return "EventKind(" + strconv.Itoa(int(k)) + ")"
}

// Event is one thing a consumer did.
type Event struct {
	Kind EventKind
	Op   string // the SQS operation of an EventError
	// Messages are the messages concerned: one for EventAcked and
	// EventNacked, none for EventPoll and a failed receive.
	Messages []*Message
	Elapsed  time.Duration // the handler's time, for EventAcked and EventNacked
	Err      error
}

// ConsumeStats are a consumer's running totals.
type ConsumeStats struct {
	Polls, Received, Acked, Nacked, Deleted, Extended, Returned, Errors int64
	// Running is how many handlers run now.
	Running int64
}

// consumeDefaults fills o's zero settings and checks the rest.
func (o ConsumeOptions) withDefaults() (ConsumeOptions, error) {
	if o.Workers == 0 {
		o.Workers = 10
	}
	if o.Workers < 1 || o.Workers > 10000 {
		return o, goboto.Invalid("Workers", strconv.Itoa(o.Workers), "out of range 1-10000")
	}
	if o.MaxMessages == 0 {
		o.MaxMessages = MaxReceive
	}
	if o.MaxMessages < 1 || o.MaxMessages > MaxReceive {
		return o, goboto.Invalid("MaxMessages", strconv.Itoa(o.MaxMessages), "out of range 1-10")
	}
	if o.WaitTime == 0 {
		o.WaitTime = MaxWaitTime
	}
	if _, err := seconds("WaitTime", o.WaitTime, MaxWaitTime); err != nil {
		return o, err
	}
	if o.VisibilityTimeout == 0 {
		o.VisibilityTimeout = 30 * time.Second
	}
	if _, err := seconds("VisibilityTimeout", o.VisibilityTimeout, MaxVisibility); err != nil {
		return o, err
	}
	if o.Heartbeat == 0 {
		o.Heartbeat = o.VisibilityTimeout / 3
	}
	if o.Heartbeat < 0 || o.Heartbeat >= o.VisibilityTimeout {
		return o, goboto.Invalid("Heartbeat", o.Heartbeat.String(), "must be positive and less than VisibilityTimeout")
	}
	if o.Backoff == nil {
		o.Backoff = ExponentialBackoff(time.Second, 15*time.Minute)
	}
	if o.AckDelay == 0 {
		o.AckDelay = 50 * time.Millisecond
	}
	if o.AckDelay < 0 {
		return o, goboto.Invalid("AckDelay", o.AckDelay.String(), "is negative")
	}
	if o.ShutdownTimeout == 0 {
		o.ShutdownTimeout = o.WaitTime + o.VisibilityTimeout
	}
	if o.ShutdownTimeout < 0 {
		return o, goboto.Invalid("ShutdownTimeout", o.ShutdownTimeout.String(), "is negative")
	}
	if o.ProgressInterval == 0 {
		o.ProgressInterval = time.Second
	}
	if o.ProgressInterval < 0 {
		return o, goboto.Invalid("ProgressInterval", o.ProgressInterval.String(), "is negative")
	}
	return o, nil
}

// backoff is o.Backoff's answer for m, whole seconds from 0 to 12 hours.
func (o ConsumeOptions) backoff(m *Message) time.Duration {
	n, _ := strconv.Atoi(m.System["ApproximateReceiveCount"])
	d := o.Backoff(max(n, 1))
	if d <= 0 {
		return 0
	}
	d = (d + time.Second - 1).Truncate(time.Second)
	return min(d, MaxVisibility)
}
