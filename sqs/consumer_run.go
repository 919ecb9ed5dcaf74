package sqs

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto"
)

// Consume receives the queue's messages and hands each to h, with
// o.Workers handlers running at once, until ctx ends or a receive fails
// in a way retrying cannot mend (the queue is gone, access is denied).
//
// Messages are received in batches with long polls (ReceiveMessage),
// only as many as there are idle workers. A handler that returns nil
// acks its message, which is then deleted in a batch with others
// (DeleteMessageBatch); one that returns an error, or panics, nacks it,
// and the message is hidden for o.Backoff (ChangeMessageVisibility) and
// received again later. A message is deleted only after its handler
// succeeded, so each is handled at least once and none is lost: a
// message whose delete fails is received again. While handlers run, a
// heartbeat hides their messages again before their visibility timeout
// runs out (ChangeMessageVisibilityBatch).
//
// On a FIFO queue the messages of one group that one receive answers
// are handled one after the other, in order; after a nack the rest of
// that group's messages are not handled but made visible again, to come
// back after the nacked one.
//
// When ctx ends, Consume shuts down gracefully: it sends no new
// receive; it lets a long poll under way finish rather than cancel it,
// since a cancelled ReceiveMessage may have taken messages whose answer
// is then lost, leaving them hidden for their whole visibility timeout
// (aws-sdk-go-v2#2068), and makes what that poll received visible again
// at once, unhandled (ChangeMessageVisibilityBatch to 0); it waits for
// the handlers running; and it deletes the acks left. It then returns
// nil, or the error that ended it. o.ShutdownTimeout bounds all that.
//
// Every goroutine Consume starts has ended when it returns.
func (q *Queue) Consume(ctx context.Context, h Handler, o ConsumeOptions) error {
	if h == nil {
		return goboto.Invalid("Handler", "", "is nil")
	}
	o, err := o.withDefaults()
	if err != nil {
		return err
	}
	client, err := q.api()
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	c := &consumer{q: q, client: client, h: h, o: o,
		acks: make(chan *Message, o.Workers), held: map[*Message]time.Time{}}
	return c.run(ctx)
}

// consumer is one Consume call's state.
type consumer struct {
	q      *Queue
	client *sqs.Client
	h      Handler
	o      ConsumeOptions

	ctx   context.Context // Consume's: when it ends, shutdown begins
	stop  <-chan struct{} // closed when shutdown begins
	hard  context.Context // the calls' and handlers' context: ends ShutdownTimeout after stop
	acks  chan *Message   // acked messages for the deleter
	fatal atomic.Pointer[error]

	bgDone chan struct{} // closed to stop the heartbeat and progress reports

	mu   sync.Mutex
	held map[*Message]time.Time // received and not yet deleted or released: when last hidden

	stats struct {
		polls, received, acked, nacked, deleted, extended, returned, errors, running atomic.Int64
	}
}

func (c *consumer) run(ctx context.Context) error {
	hard, cancelHard := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelHard()
	stopCh := make(chan struct{})
	var once sync.Once
	var deadline *time.Timer
	var deadlineMu sync.Mutex
	shutdown := func() {
		once.Do(func() {
			close(stopCh)
			// The shutdown's own deadline.
			deadlineMu.Lock()
			deadline = time.AfterFunc(c.o.ShutdownTimeout, cancelHard)
			deadlineMu.Unlock()
		})
	}
	defer func() {
		deadlineMu.Lock()
		if deadline != nil {
			deadline.Stop()
		}
		deadlineMu.Unlock()
	}()
	c.ctx, c.stop, c.hard = ctx, stopCh, hard
	stopWatch := context.AfterFunc(ctx, shutdown)
	defer stopWatch()

	var pollers, handlers, background sync.WaitGroup
	c.startBackground(&background)
	var deleter sync.WaitGroup
	deleter.Add(1)
	go func() { defer deleter.Done(); c.deleteAcks() }()
	for _, size := range c.shares() {
		pollers.Add(1)
		go func() {
			defer pollers.Done()
			c.poll(make(workers, size), &handlers, shutdown)
		}()
	}
	pollers.Wait()
	handlers.Wait()
	close(c.acks)
	deleter.Wait()
	c.endBackground()
	background.Wait()
	if c.o.Progress != nil {
		c.o.Progress(c.Stats())
	}
	if p := c.fatal.Load(); p != nil {
		return *p
	}
	if hard.Err() != nil {
		return fmt.Errorf("sqs: Consume: the shutdown took longer than ShutdownTimeout (%s); messages not deleted or released come back after their visibility timeout", c.o.ShutdownTimeout)
	}
	return nil
}

// workers are one poller's share of the workers: a token in the
// channel for each running handler.
type workers chan struct{}

// shares splits the workers among the pollers, each receiving for up
// to MaxMessages of them, so that there are as few receives as keep
// every worker busy.
func (c *consumer) shares() []int {
	p := (c.o.Workers + c.o.MaxMessages - 1) / c.o.MaxMessages
	out := make([]int, p)
	for i := range out {
		out[i] = c.o.Workers / p
		if i < c.o.Workers%p {
			out[i]++
		}
	}
	return out
}

// Stats returns the running totals.
func (c *consumer) Stats() ConsumeStats {
	s := &c.stats
	return ConsumeStats{Polls: s.polls.Load(), Received: s.received.Load(), Acked: s.acked.Load(), Nacked: s.nacked.Load(),
		Deleted: s.deleted.Load(), Extended: s.extended.Load(), Returned: s.returned.Load(), Errors: s.errors.Load(),
		Running: s.running.Load()}
}

func (c *consumer) event(e Event) {
	if e.Kind == EventError {
		c.stats.errors.Add(1)
	}
	if c.o.OnEvent != nil {
		c.o.OnEvent(e)
	}
}

func (c *consumer) stopping() bool {
	// ctx's own error first: it is set as ctx is cancelled, while stop
	// is closed by a goroutine context.AfterFunc starts.
	if c.ctx.Err() != nil {
		return true
	}
	select {
	case <-c.stop:
		return true
	default:
		return false
	}
}

// sleep waits d or until shutdown begins, and reports whether the
// wait ran its course.
func (c *consumer) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-c.stop:
		return false
	}
}

// fill is how long a poller with half its workers idle waits for the
// rest before it receives: with quick handlers they are idle within it,
// and one receive of 10 costs SQS and the network what one of 1 does.
// It is a deadline, not a polling interval: the wait is on the workers'
// tokens, which a handler gives back as it returns, so it ends as soon
// as the last worker is idle, and a poller whose workers are all idle
// does not wait at all. SQS has no say in it.
const fill = 5 * time.Millisecond

// poll receives for its idle workers until shutdown: once half of them
// are idle and the rest have had fill to become so.
func (c *consumer) poll(w workers, handlers *sync.WaitGroup, shutdown func()) {
	pause := 50 * time.Millisecond
	for {
		n := 0
		for n < (cap(w)+1)/2 {
			select {
			case w <- struct{}{}:
				n++
			case <-c.stop:
				c.release(w, n)
				return
			}
		}
		if n < cap(w) {
			t := time.NewTimer(fill)
		more:
			for n < cap(w) {
				select {
				case w <- struct{}{}:
					n++
				case <-t.C:
					break more
				case <-c.stop:
					break more
				}
			}
			t.Stop()
		}
		if c.stopping() {
			c.release(w, n)
			return
		}
		msgs, err := c.receive(n)
		c.release(w, n-len(msgs))
		if err != nil {
			c.event(Event{Kind: EventError, Op: "ReceiveMessage", Err: err})
			if fatal(err) {
				c.fatal.CompareAndSwap(nil, &err)
				shutdown()
				return
			}
			// Throttled, or SQS or the network failing after the
			// retryer gave up: wait and poll again.
			if !c.sleep(pause) {
				return
			}
			pause = min(2*pause, 5*time.Second)
			continue
		}
		pause = 50 * time.Millisecond
		if len(msgs) == 0 {
			continue
		}
		if c.stopping() {
			c.returnUnstarted(msgs)
			c.release(w, len(msgs))
			return
		}
		for _, run := range c.runs(msgs) {
			handlers.Add(1)
			c.stats.running.Add(int64(len(run)))
			go func() {
				defer handlers.Done()
				c.handleRun(w, run)
			}()
		}
	}
}

func (c *consumer) release(w workers, n int) {
	for range n {
		<-w
	}
}

// fatal reports whether a receive error will not mend by retrying.
func fatal(err error) bool {
	var ve *goboto.ValidationError
	if errors.As(err, &ve) || goboto.IsNotFound(err) {
		return true
	}
	var ae *goboto.APIError
	if !errors.As(err, &ae) || goboto.IsThrottled(err) {
		return false
	}
	switch ae.Code {
	case "OverLimit", "RequestThrottled", "KmsThrottled":
		return false
	}
	return ae.StatusCode >= 400 && ae.StatusCode < 500 && ae.StatusCode != http.StatusRequestTimeout
}

// receive asks for up to n messages. It runs on the hard context, not
// ctx: see Consume. A message whose MD5 does not match is nacked here
// and not returned.
func (c *consumer) receive(n int) ([]*Message, error) {
	c.stats.polls.Add(1)
	c.event(Event{Kind: EventPoll})
	sys := []types.MessageSystemAttributeName{types.MessageSystemAttributeNameApproximateReceiveCount}
	if c.q.isFIFO() {
		sys = append(sys, types.MessageSystemAttributeNameMessageGroupId)
	}
	for _, s := range c.o.System {
		if !slices.Contains(sys, s) {
			sys = append(sys, s)
		}
	}
	// The visibility timeout starts when SQS takes the messages, before
	// the answer arrives: the heartbeat counts from before the call.
	sent := time.Now()
	out, err := c.client.ReceiveMessage(c.hard, &sqs.ReceiveMessageInput{QueueUrl: aws.String(c.q.URL),
		MaxNumberOfMessages: int32(n), WaitTimeSeconds: int32(c.o.WaitTime / time.Second),
		VisibilityTimeout: int32(c.o.VisibilityTimeout / time.Second), MessageAttributeNames: c.q.offloadNames(c.o.Attributes),
		MessageSystemAttributeNames: sys}, noSDKChecksums)
	if err != nil {
		return nil, convert(err)
	}
	all := make([]*Message, len(out.Messages))
	errs := make([]error, len(out.Messages))
	c.mu.Lock()
	for i, x := range out.Messages {
		all[i], errs[i] = c.q.received(x)
		c.held[all[i]] = sent
	}
	c.mu.Unlock()
	msgs := make([]*Message, 0, len(all))
	var bad []*Message
	for i, m := range all {
		err := errs[i]
		if err == nil {
			// A body WithOffload stored is fetched here, so a handler sees
			// it as Receive would give it.
			err = c.q.fetch(c.hard, []*Message{m})
		}
		if err != nil {
			c.event(Event{Kind: EventError, Op: "ReceiveMessage", Messages: []*Message{m}, Err: err})
			bad = append(bad, m)
			continue
		}
		msgs = append(msgs, m)
	}
	c.stats.received.Add(int64(len(out.Messages)))
	if len(out.Messages) > 0 {
		c.event(Event{Kind: EventReceived, Messages: append(slices.Clone(msgs), bad...)})
	}
	for _, m := range bad {
		c.nack(m)
	}
	return msgs, nil
}

// runs splits received messages into what may run side by side: one
// message each on a standard queue; on a FIFO queue, each group's
// messages in order.
func (c *consumer) runs(msgs []*Message) [][]*Message {
	if !c.q.isFIFO() {
		out := make([][]*Message, len(msgs))
		for i, m := range msgs {
			out[i] = []*Message{m}
		}
		return out
	}
	var out [][]*Message
	at := map[string]int{}
	for _, m := range msgs {
		i, ok := at[m.GroupID]
		if !ok {
			i = len(out)
			at[m.GroupID] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], m)
	}
	return out
}

// handleRun handles run's messages in order, each holding a worker
// until it is done. After a nack, or once shutdown begins, the rest are
// returned unhandled.
func (c *consumer) handleRun(w workers, run []*Message) {
	for i, m := range run {
		if i > 0 && c.stopping() {
			c.abandon(w, run[i:])
			return
		}
		ok := c.handle(m)
		c.stats.running.Add(-1)
		<-w
		if !ok && i+1 < len(run) {
			c.abandon(w, run[i+1:])
			return
		}
	}
}

// abandon returns the rest of a run unhandled and frees their workers.
func (c *consumer) abandon(w workers, rest []*Message) {
	c.returnUnstarted(rest)
	c.stats.running.Add(-int64(len(rest)))
	c.release(w, len(rest))
}

// handle runs the handler for m and acks or nacks it; it reports
// whether the handler succeeded.
func (c *consumer) handle(m *Message) (ok bool) {
	start := time.Now()
	err := c.call(m)
	if err != nil {
		elapsed := time.Since(start)
		c.stats.nacked.Add(1)
		c.nack(m)
		c.event(Event{Kind: EventNacked, Messages: []*Message{m}, Elapsed: elapsed, Err: err})
		return false
	}
	c.stats.acked.Add(1)
	c.event(Event{Kind: EventAcked, Messages: []*Message{m}, Elapsed: time.Since(start)})
	c.acks <- m
	return true
}

// call runs the handler, turning a panic into an error.
func (c *consumer) call(m *Message) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("sqs: handler panicked: %v", r)
		}
	}()
	return c.h(c.hard, m)
}

// nack hides m for the backoff, so it comes back later.
func (c *consumer) nack(m *Message) {
	c.forget(m)
	if err := m.ChangeVisibility(c.hard, c.o.backoff(m)); err != nil {
		c.event(Event{Kind: EventError, Op: "ChangeMessageVisibility", Messages: []*Message{m}, Err: err})
	}
}

// returnUnstarted makes messages not handled visible again at once.
func (c *consumer) returnUnstarted(msgs []*Message) {
	for _, m := range msgs {
		c.forget(m)
	}
	err := c.q.ChangeVisibilityBatch(c.hard, msgs, 0)
	ok, failed := splitBatch(msgs, err)
	if len(failed) > 0 {
		c.event(Event{Kind: EventError, Op: "ChangeMessageVisibilityBatch", Messages: failed, Err: err})
	}
	if len(ok) > 0 {
		c.stats.returned.Add(int64(len(ok)))
		c.event(Event{Kind: EventReturned, Messages: ok})
	}
}

// splitBatch splits the messages of a batch call into those that
// succeeded and those that failed, by the call's error.
func splitBatch(msgs []*Message, err error) (ok, failed []*Message) {
	if err == nil {
		return msgs, nil
	}
	var be *BatchError
	if !errors.As(err, &be) {
		return nil, msgs
	}
	bad := make([]bool, len(msgs))
	for _, f := range be.Failed {
		bad[f.Index] = true
	}
	for i, m := range msgs {
		if bad[i] {
			failed = append(failed, m)
		} else {
			ok = append(ok, m)
		}
	}
	return ok, failed
}

// forget stops the heartbeat for m.
func (c *consumer) forget(msgs ...*Message) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range msgs {
		delete(c.held, m)
	}
}
