package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/s3store"
)

// Queues the tour creates; it deletes them all before it returns.
const (
	workQueue  = "sqs-tour-work"
	batchQueue = "sqs-tour-batch"
	fifoQueue  = "sqs-tour-orders.fifo"
	copyQueue  = "sqs-tour-restored"
	jobsQueue  = "sqs-tour-jobs"
	deadQueue  = "sqs-tour-jobs-dead"
)

// tourBucket names the bucket of step 5. Bucket names are global in S3,
// so on a real account it gets a random suffix.
func tourBucket(env *exenv.Env) string {
	if env.Local {
		return "goboto-sqs-tour"
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "goboto-sqs-tour-" + hex.EncodeToString(b[:])
}

// tour is what every step shares: the transcript, the connections and
// the cleanups to run at the end.
type tour struct {
	w        io.Writer
	env      *exenv.Env
	conn     *sqs.Conn
	cleanups []func(context.Context) error
}

func (t *tour) say(format string, args ...any) { fmt.Fprintf(t.w, format+"\n", args...) }
func (t *tour) call(format string, args ...any) {
	fmt.Fprintf(t.w, "> "+format+"\n", args...)
}
func (t *tour) result(format string, args ...any) {
	fmt.Fprintf(t.w, "    "+format+"\n", args...)
}

// later runs fn when the tour ends, last registered first.
func (t *tour) later(fn func(context.Context) error) { t.cleanups = append(t.cleanups, fn) }

// queue creates a queue and deletes it when the tour ends.
func (t *tour) queue(ctx context.Context, o sqs.QueueOptions) (*sqs.Queue, error) {
	q, err := t.conn.CreateQueue(ctx, o)
	if err != nil {
		return nil, err
	}
	t.later(q.Delete)
	return q, nil
}

func run(ctx context.Context, w io.Writer, env *exenv.Env) (err error) {
	t := &tour{w: w, env: env, conn: sqs.New(env.Config)}
	defer func() {
		for i := len(t.cleanups) - 1; i >= 0; i-- {
			if cerr := t.cleanups[i](context.WithoutCancel(ctx)); cerr != nil && err == nil {
				err = cerr
			}
		}
	}()
	t.call("conn := sqs.New(cfg)   // %s", t.conn.Region())
	steps := []struct {
		title string
		run   func(context.Context, *tour) error
	}{
		{"Write, long-poll read and count", writeReadCount},
		{"A batch of 25, in three calls", batchOf25},
		{"A consumer: 4 workers, 1,000 messages, a heartbeat and a dead-letter queue", consumer},
		{"A FIFO queue drops a duplicate", fifoDedup},
		{"Dump to S3 and restore", dumpAndRestore},
	}
	for i, s := range steps {
		t.say("\n== %d. %s", i+1, s.title)
		if err := s.run(ctx, t); err != nil {
			return fmt.Errorf("step %d, %s: %w", i+1, s.title, err)
		}
	}
	return nil
}

// 1. boto's queue.write, queue.read(wait_time_seconds=20) and
// queue.count().
func writeReadCount(ctx context.Context, t *tour) error {
	t.call("q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: %q, VisibilityTimeout: time.Minute})", workQueue)
	q, err := t.queue(ctx, sqs.QueueOptions{Name: workQueue, VisibilityTimeout: time.Minute})
	if err != nil {
		return err
	}
	t.call("q.Send(ctx, \"resize photo 17\", sqs.WithAttribute(\"size\", sqs.Number(\"640\")))")
	if _, err := q.Send(ctx, "resize photo 17", sqs.WithAttribute("size", sqs.Number("640"))); err != nil {
		return err
	}
	if err := count(ctx, t, q); err != nil {
		return err
	}
	t.call("msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, WaitTime: 20 * time.Second, Attributes: []string{\"All\"}})")
	start := time.Now()
	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, WaitTime: 20 * time.Second, Attributes: []string{"All"}})
	if err != nil {
		return err
	}
	for _, m := range msgs {
		t.result("%q, size %s (a long poll returns as soon as a message is there: %v)", m.Body, m.Attributes["size"].StringValue,
			time.Since(start) < 10*time.Second)
	}
	if err := count(ctx, t, q); err != nil {
		return err
	}
	t.call("m.Delete(ctx)")
	for _, m := range msgs {
		if err := m.Delete(ctx); err != nil {
			return err
		}
	}
	return count(ctx, t, q)
}

// count prints the queue's counts.
func count(ctx context.Context, t *tour, q *sqs.Queue) error {
	n, err := q.Count(ctx)
	if err != nil {
		return err
	}
	t.call("q.Count(ctx)")
	t.result("visible %d, in flight %d, delayed %d", n.Visible, n.InFlight, n.Delayed)
	return nil
}

// 2. A batch of 25: SendBatch splits it into calls of at most 10
// messages and 1 MiB, checks every entry before the first, and answers
// for each; DeleteBatch does the same for the receipts.
func batchOf25(ctx context.Context, t *tour) error {
	t.call("q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: %q})", batchQueue)
	q, err := t.queue(ctx, sqs.QueueOptions{Name: batchQueue})
	if err != nil {
		return err
	}
	entries := make([]sqs.Entry, 25)
	for i := range entries {
		entries[i] = sqs.Entry{Body: fmt.Sprintf("thumbnail %02d", i+1)}
	}
	t.call("sent, err := q.SendBatch(ctx, entries)   // 25 entries")
	calls := t.env.CountCalls("SendMessageBatch")
	sent, err := q.SendBatch(ctx, entries)
	if err != nil {
		// A *sqs.BatchError lists each entry that failed, by index.
		return err
	}
	t.result("%d messages sent, no *sqs.BatchError", countSent(sent))
	t.calls(calls, "SendMessageBatch", "10 + 10 + 5: at most 10 entries a call")

	// The other limit: 1 MiB of bodies and attributes a call.
	big := make([]sqs.Entry, 5)
	for i := range big {
		big[i] = sqs.Entry{Body: fmt.Sprintf("%03d ", i+26) + strings.Repeat("x", 300<<10)}
	}
	t.call("sent, err = q.SendBatch(ctx, bigEntries)   // 5 entries of 300 KiB")
	calls = t.env.CountCalls("SendMessageBatch")
	sent, err = q.SendBatch(ctx, big)
	if err != nil {
		return err
	}
	t.result("%d messages sent", countSent(sent))
	t.calls(calls, "SendMessageBatch", "3 + 2: at most 1 MiB a call")

	var got []*sqs.Message
	for len(got) < 30 {
		msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, WaitTime: time.Second})
		if err != nil {
			return err
		}
		if len(msgs) == 0 {
			return fmt.Errorf("received %d of 30 messages", len(got))
		}
		got = append(got, msgs...)
	}
	t.call("q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, WaitTime: time.Second}) until all are in")
	t.result("%d messages received", len(got))
	if err := count(ctx, t, q); err != nil {
		return err
	}
	t.call("err = q.DeleteBatch(ctx, received)")
	calls = t.env.CountCalls("DeleteMessageBatch")
	if err := q.DeleteBatch(ctx, got); err != nil {
		return err
	}
	t.calls(calls, "DeleteMessageBatch", "10 + 10 + 10")
	return count(ctx, t, q)
}

// countSent counts the messages a SendBatch sent: those not nil.
func countSent(sent []*sqs.Message) int {
	n := 0
	for _, m := range sent {
		if m != nil {
			n++
		}
	}
	return n
}

// calls prints how many requests for op the local cloud saw since
// counting began, and why; on AWS nothing can be counted.
func (t *tour) calls(count func() (int, bool), op, why string) {
	if n, ok := count(); ok {
		t.result("%d %s calls (%s)", n, op, why)
		return
	}
	t.result("(%s calls are counted on the local cloud only: %s)", op, why)
}

// 3. The consumer: 4 workers over 1,000 messages of a queue with a
// dead-letter queue. Job 250 is slow, outlasting the visibility timeout,
// and the heartbeat keeps it hidden, so it is handled once; job 750
// always fails, and after 2 receives SQS moves it to the dead-letter
// queue. The visibility timeout is short and a nacked message comes
// back at once, so that the step takes seconds.
func consumer(ctx context.Context, t *tour) error {
	t.call("dlq, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: %q})", deadQueue)
	dlq, err := t.queue(ctx, sqs.QueueOptions{Name: deadQueue})
	if err != nil {
		return err
	}
	t.call("q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: %q, RedrivePolicy: sqs.RedriveTo(dlq, 2)})", jobsQueue)
	q, err := t.queue(ctx, sqs.QueueOptions{Name: jobsQueue, RedrivePolicy: sqs.RedriveTo(dlq, 2)})
	if err != nil {
		return err
	}
	entries := make([]sqs.Entry, 1000)
	for i := range entries {
		entries[i] = sqs.Entry{Body: fmt.Sprintf("job %d", i+1)}
	}
	t.call("q.SendBatch(ctx, 1,000 jobs)")
	if _, err := q.SendBatch(ctx, entries); err != nil {
		return err
	}

	const (
		slowJob    = "job 250"
		failingJob = "job 750"
		slowFor    = 3 * time.Second
	)
	var (
		slowRuns, failingRuns atomic.Int32
		slowReceives          atomic.Value // the slow job's ApproximateReceiveCount
	)
	handler := func(ctx context.Context, m *sqs.Message) error {
		switch m.Body {
		case slowJob:
			slowRuns.Add(1)
			slowReceives.Store(m.System["ApproximateReceiveCount"])
			select {
			case <-time.After(slowFor):
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		case failingJob:
			failingRuns.Add(1)
			return errors.New("job 750: cannot parse")
		}
		return nil
	}
	var stats sqs.ConsumeStats
	opts := sqs.ConsumeOptions{
		Workers:           4,
		WaitTime:          time.Second,
		VisibilityTimeout: 2 * time.Second,
		Heartbeat:         500 * time.Millisecond,
		Backoff:           func(int) time.Duration { return 0 }, // a nacked message comes back at once
		Progress:          func(s sqs.ConsumeStats) { stats = s },
		ProgressInterval:  time.Hour, // only the final totals
	}
	t.call("err = q.Consume(ctx, handler, sqs.ConsumeOptions{Workers: 4, WaitTime: time.Second, VisibilityTimeout: 2 * time.Second,")
	t.say("      Heartbeat: 500 * time.Millisecond, Backoff: func(int) time.Duration { return 0 }})")
	t.say("  // until 999 jobs are done and the failing one is in the dead-letter queue; then cancel ctx")

	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- q.Consume(cctx, handler, opts) }()
	// Stop once the work is done: the failing job handled twice and moved
	// to the dead-letter queue by SQS at the receive after that.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		n, err := dlq.Count(ctx)
		if err != nil {
			cancel()
			<-done
			return err
		}
		c, err := q.Count(ctx)
		if err != nil {
			cancel()
			<-done
			return err
		}
		if n.Visible == 1 && c.Total() == 0 {
			break
		}
		if time.Now().After(deadline) {
			cancel()
			<-done
			return fmt.Errorf("the consumer did not finish: queue %+v, dead letters %+v", c, n)
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		return err
	}
	t.result("received %d, acked %d, nacked %d, deleted %d, returned unstarted %d", stats.Received, stats.Acked, stats.Nacked, stats.Deleted, stats.Returned)
	t.result("%s took %s, over the 2 s visibility timeout: handled %d time(s), its receive count %v, kept hidden by the heartbeat",
		slowJob, slowFor, slowRuns.Load(), slowReceives.Load())
	t.result("%s failed %d times, then SQS moved it to %s", failingJob, failingRuns.Load(), deadQueue)
	if err := count(ctx, t, q); err != nil {
		return err
	}
	t.call("dlq.Count(ctx)")
	n, err := dlq.Count(ctx)
	if err != nil {
		return err
	}
	t.result("visible %d, in flight %d, delayed %d", n.Visible, n.InFlight, n.Delayed)
	msgs, err := dlq.Receive(ctx, sqs.ReceiveOptions{WaitTime: time.Second})
	if err != nil {
		return err
	}
	t.call("dlq.Receive(ctx, sqs.ReceiveOptions{WaitTime: time.Second})")
	for _, m := range msgs {
		t.result("%q", m.Body)
	}
	return nil
}

// 4. A FIFO queue: messages of a group in order, and a second send with
// the same deduplication ID within 5 minutes accepted and dropped.
func fifoDedup(ctx context.Context, t *tour) error {
	t.call("q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: %q, FIFO: true})", fifoQueue)
	q, err := t.queue(ctx, sqs.QueueOptions{Name: fifoQueue, FIFO: true})
	if err != nil {
		return err
	}
	for _, s := range []struct{ body, dedup string }{
		{"order 17: tea", "order-17"},
		{"order 18: cake", "order-18"},
		{"order 17: tea (sent again)", "order-17"},
	} {
		t.call("q.Send(ctx, %q, sqs.Group(\"customer-4\"), sqs.Deduplication(%q))", s.body, s.dedup)
		m, err := q.Send(ctx, s.body, sqs.Group("customer-4"), sqs.Deduplication(s.dedup))
		if err != nil {
			return err
		}
		t.result("accepted, sequence number of %d digits", len(m.SequenceNumber))
	}
	var bodies []string
	for {
		msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, WaitTime: time.Second})
		if err != nil {
			return err
		}
		if len(msgs) == 0 {
			break
		}
		for _, m := range msgs {
			bodies = append(bodies, m.Body)
			if err := m.Delete(ctx); err != nil {
				return err
			}
		}
	}
	t.call("q.Receive(...) until empty")
	t.result("%d messages, in order: %s", len(bodies), strings.Join(bodies, "; "))
	t.result("the second order-17 was dropped: SQS remembers a deduplication ID for 5 minutes")
	return nil
}

// 5. boto's save_to_s3 and load_from_s3, which disagreed on the key
// prefix; here one archive value serves both ways. On the way, a body
// over SQS's 1 MiB goes through S3 too.
func dumpAndRestore(ctx context.Context, t *tour) error {
	s3conn := s3.New(t.env.Config)
	name := tourBucket(t.env)
	t.call("bucket, err := s3.New(cfg).CreateBucket(ctx, %q)", name)
	bucket, err := s3conn.CreateBucket(ctx, name)
	if err != nil {
		return err
	}
	t.later(func(ctx context.Context) error {
		var keys []string
		for k, err := range bucket.Keys(ctx) {
			if err != nil {
				return err
			}
			keys = append(keys, k.Name)
		}
		if err := bucket.DeleteKeys(ctx, keys); err != nil {
			return err
		}
		return bucket.Delete(ctx)
	})

	q, err := t.conn.LookupQueue(ctx, workQueue)
	if err != nil {
		return err
	}
	t.call("big := q.WithOffload(sqs.Offload{Store: s3store.Bodies(bucket, \"bodies/\")})")
	big := q.WithOffload(sqs.Offload{Store: s3store.Bodies(bucket, "bodies/")})
	for i := 1; i <= 3; i++ {
		if _, err := big.Send(ctx, fmt.Sprintf("job %d: small", i), sqs.WithAttribute("job", sqs.Number(fmt.Sprint(i)))); err != nil {
			return err
		}
	}
	t.call("big.Send(ctx, jobs 1-3 and a body of 3 MiB)")
	huge := strings.Repeat("0123456789abcdef", 3<<16)
	m, err := big.Send(ctx, huge, sqs.WithAttribute("job", sqs.Number("4")))
	if err != nil {
		return err
	}
	p, err := s3store.ParsePointer(m.Pointer)
	if err != nil {
		return err
	}
	t.result("the 3 MiB body went to s3://%s/%s...; SQS carries %d bytes", bucketLabel(t.env, p.Bucket), p.Key[:len("bodies/")], len(m.Pointer))
	if err := count(ctx, t, q); err != nil {
		return err
	}

	archive := s3store.Archive(bucket, "dumps/"+workQueue)
	t.call("res, err := big.Dump(ctx, s3store.Archive(bucket, %q), sqs.DumpOptions{})   // a peek", "dumps/"+workQueue)
	res, err := big.Dump(ctx, archive, sqs.DumpOptions{})
	if err != nil {
		return err
	}
	t.result("saved %d, given back %d", res.Saved, res.Returned)
	if err := count(ctx, t, q); err != nil {
		return err
	}

	t.call("res, err = big.Dump(ctx, s3store.Archive(bucket, %q), sqs.DumpOptions{Drain: true})", "drained/"+workQueue)
	res, err = big.Dump(ctx, s3store.Archive(bucket, "drained/"+workQueue), sqs.DumpOptions{Drain: true})
	if err != nil {
		return err
	}
	t.result("saved %d, deleted %d", res.Saved, res.Deleted)
	if err := count(ctx, t, q); err != nil {
		return err
	}
	left := 0
	for _, err := range bucket.Keys(ctx, s3.Prefix("bodies/")) {
		if err != nil {
			return err
		}
		left++
	}
	t.result("offloaded bodies left in S3: %d (deleted with their message)", left)

	t.call("restored, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: %q})", copyQueue)
	restored, err := t.queue(ctx, sqs.QueueOptions{Name: copyQueue})
	if err != nil {
		return err
	}
	restored = restored.WithOffload(sqs.Offload{Store: s3store.Bodies(bucket, "bodies/")})
	t.call("restored.Restore(ctx, s3store.Archive(bucket, %q))   // the same archive, with a slash", "drained/"+workQueue+"/")
	rr, err := restored.Restore(ctx, s3store.Archive(bucket, "drained/"+workQueue+"/"))
	if err != nil {
		return err
	}
	t.result("sent %d", rr.Sent)
	sizes := map[string]int{}
	for len(sizes) < rr.Sent {
		msgs, err := restored.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, WaitTime: time.Second, Attributes: []string{"job"}})
		if err != nil {
			return err
		}
		if len(msgs) == 0 {
			return fmt.Errorf("restored queue has %d of %d messages", len(sizes), rr.Sent)
		}
		for _, m := range msgs {
			sizes[m.Attributes["job"].StringValue] = len(m.Body)
			if err := m.Delete(ctx); err != nil {
				return err
			}
		}
	}
	for _, job := range []string{"1", "2", "3", "4"} {
		t.result("job %s: %d bytes", job, sizes[job])
	}
	return nil
}

// bucketLabel hides the random part of a real bucket's name, so the
// transcript reads the same everywhere.
func bucketLabel(env *exenv.Env, name string) string {
	if env.Local {
		return name
	}
	return "goboto-sqs-tour-…"
}
