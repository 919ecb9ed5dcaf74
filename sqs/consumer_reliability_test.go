package sqs_test

import (
	"context"
	"errors"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/sqstest"
)

// reliabilityCount is how many messages TestConsumeReliability sends
// through each queue: $GOBOTO_SQS_RELIABILITY when set (100000 for the
// issue's full run, which takes minutes), else a count that keeps the
// package's tests well under a minute.
func reliabilityCount(t *testing.T) int {
	if v := os.Getenv("GOBOTO_SQS_RELIABILITY"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("GOBOTO_SQS_RELIABILITY=%q is not a count", v)
		}
		return n
	}
	if testing.Short() {
		return 300
	}
	return 2000
}

// faulty starts a fake on which 30% of requests fail or crawl: throttled,
// 5xx, reset before they are handled, cut short after (so the client
// never learns the outcome), or answered slowly; with a retryer that
// keeps trying, as a consumer's would, without a retry budget.
func faulty(t *testing.T) (*sqstest.Server, *sqs.Conn) {
	srv := sqstest.Start(t, fakes.WithSeed(12))
	// Five rules of 6.9% each: 1 - 0.931^5 = 30% of requests hit.
	for _, f := range []fakes.Fault{
		{Kind: fakes.Throttle},
		{Kind: fakes.ServerError},
		{Kind: fakes.Reset},
		{Kind: fakes.Truncate},
		{Kind: fakes.SlowBody, ChunkSize: 512, Delay: time.Millisecond},
	} {
		f.Probability = 0.069
		srv.Faults().Add(f)
	}
	cfg := srv.Config("")
	cfg.Retryer = func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = 10
			o.MaxBackoff = 20 * time.Millisecond
			o.RateLimiter = ratelimit.None
		})
	}
	return srv, sqs.New(cfg)
}

// ledger is what a reliability run saw, by message body index.
type ledger struct {
	mu sync.Mutex
	// deliveries lists each handling: the body index and message ID.
	deliveries []delivery
	// excused are message IDs a second delivery of which SQS allows:
	// nacked, or a delete or heartbeat that failed, or returned.
	excused map[string]bool
	// handled counts distinct bodies handled.
	handled map[int]bool
}

type delivery struct {
	index int
	id    string
	group string
}

func newLedger() *ledger { return &ledger{excused: map[string]bool{}, handled: map[int]bool{}} }

func (l *ledger) on(e sqs.Event) {
	switch e.Kind {
	case sqs.EventNacked, sqs.EventReturned, sqs.EventError:
		l.mu.Lock()
		for _, m := range e.Messages {
			l.excused[m.ID] = true
		}
		l.mu.Unlock()
	}
}

func (l *ledger) handle(m *sqs.Message) (first bool) {
	i, _ := strconv.Atoi(m.Body)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.deliveries = append(l.deliveries, delivery{i, m.ID, m.GroupID})
	first = !l.handled[i]
	l.handled[i] = true
	return first
}

func (l *ledger) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.handled)
}

// TestConsumeReliability sends messages through a standard and a FIFO
// queue while 30% of requests fail, and consumes them with handlers
// that also fail now and then. Nothing may be lost; a message may be
// handled twice only where SQS allows it (at-least-once delivery: after
// a nack, a failed delete or heartbeat; on a standard queue, a send
// retried after an answer that never came); and a FIFO queue must
// deliver each group in order, with no message stored twice within its
// deduplication interval (Developer Guide, "Exactly-once processing in
// Amazon SQS").
func TestConsumeReliability(t *testing.T) {
	n := reliabilityCount(t)
	for _, fifo := range []bool{false, true} {
		t.Run("fifo="+strconv.FormatBool(fifo), func(t *testing.T) {
			srv, conn := faulty(t)
			name := "reliable"
			if fifo {
				name += ".fifo"
			}
			var q *sqs.Queue
			var err error
			for q == nil {
				if q, err = conn.CreateQueue(t.Context(), sqs.QueueOptions{Name: name, FIFO: fifo}); err != nil {
					t.Logf("CreateQueue: %v", err)
				}
			}
			led := newLedger()
			maybeTwice := map[int]bool{} // bodies whose send got no answer
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			start := time.Now()
			go func() {
				done <- q.Consume(ctx, func(_ context.Context, m *sqs.Message) error {
					i, _ := strconv.Atoi(m.Body)
					if led.handle(m) && i%97 == 0 {
						return errors.New("a handler failing once")
					}
					return nil
				}, sqs.ConsumeOptions{Workers: 32, WaitTime: time.Second, VisibilityTimeout: 2 * time.Second,
					Backoff: func(int) time.Duration { return 0 }, OnEvent: led.on})
			}()
			// Send in batches of 100, each failed entry again until all
			// are in; keep the queue's depth bounded as a real producer
			// would.
			for lo := 0; lo < n; lo += 100 {
				for lo-led.count() > 2000 {
					time.Sleep(5 * time.Millisecond)
				}
				var entries []sqs.Entry
				var idx []int
				for i := lo; i < min(lo+100, n); i++ {
					e := sqs.Entry{ID: "e" + strconv.Itoa(i), Body: strconv.Itoa(i)}
					if fifo {
						e.GroupID = "g" + strconv.Itoa(i%100)
						e.DeduplicationID = "d" + strconv.Itoa(i)
					}
					entries = append(entries, e)
					idx = append(idx, i)
				}
				for len(entries) > 0 {
					_, err := q.SendBatch(t.Context(), entries)
					var be *sqs.BatchError
					if err != nil && !errors.As(err, &be) {
						t.Fatal(err)
					}
					var again []sqs.Entry
					var againIdx []int
					if be != nil {
						for _, f := range be.Failed {
							if f.Err != nil && !errors.Is(f.Err, sqs.ErrNotSent) {
								maybeTwice[idx[f.Index]] = true
							}
							again = append(again, entries[f.Index])
							againIdx = append(againIdx, idx[f.Index])
						}
					}
					entries, idx = again, againIdx
				}
			}
			for led.count() < n {
				select {
				case err := <-done:
					t.Fatalf("Consume ended early: %v", err)
				case <-time.After(5 * time.Millisecond):
				}
			}
			elapsed := time.Since(start)
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Consume = %v", err)
			}
			failedCalls, cutSends := 0, 0
			calls := srv.Calls()
			for _, c := range calls {
				if c.Fault != 0 {
					failedCalls++
				}
				if c.Operation == "SendMessageBatch" && c.Fault == fakes.Truncate {
					cutSends++
				}
			}
			led.check(t, n, fifo, maybeTwice, cutSends)
			t.Logf("%d messages, %d deliveries in %s (%.0f msg/s); %d of %d requests hit by faults (%.0f%%)",
				n, len(led.deliveries), elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(),
				failedCalls, len(calls), 100*float64(failedCalls)/float64(len(calls)))
		})
	}
}

// check applies TestConsumeReliability's rules to what was handled.
// cutSends is how many SendMessageBatch calls were handled but their
// answers cut short, which the retryer then sent again: each may store
// up to 10 messages twice on a standard queue.
func (l *ledger) check(t *testing.T, n int, fifo bool, maybeTwice map[int]bool, cutSends int) {
	t.Helper()
	ids := map[int]map[string]bool{} // body -> message IDs
	seen := map[string]bool{}        // message IDs handled
	last := map[string]int{}         // FIFO group -> last body first handled
	dupes, unexcused := 0, 0
	for _, d := range l.deliveries {
		if ids[d.index] == nil {
			ids[d.index] = map[string]bool{}
			if fifo {
				if prev, ok := last[d.group]; ok && d.index < prev {
					t.Errorf("group %s: message %d handled first after %d", d.group, d.index, prev)
				}
				last[d.group] = d.index
			}
		}
		ids[d.index][d.id] = true
		if seen[d.id] {
			dupes++
			if !l.excused[d.id] {
				unexcused++
			}
		}
		seen[d.id] = true
	}
	extra := 0
	for i := range n {
		switch {
		case len(ids[i]) == 0:
			t.Errorf("message %d was lost", i)
		case len(ids[i]) > 1 && fifo:
			t.Errorf("message %d was stored %d times in a FIFO queue", i, len(ids[i]))
		case len(ids[i]) > 1 && !maybeTwice[i]:
			extra += len(ids[i]) - 1
		}
	}
	if extra > 10*cutSends {
		t.Errorf("%d extra copies stored, but only %d sends were retried after a lost answer", extra, cutSends)
	}
	if unexcused > 0 {
		t.Errorf("%d of %d repeated deliveries followed no nack, failed delete or failed heartbeat", unexcused, dupes)
	}
	t.Logf("repeated deliveries: %d; extra copies stored by retried sends: %d", dupes, extra)
}
