package sqs_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	sqsv2 "github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/sqs"
)

// recorder collects a consumer's events and lets a test wait for one.
type recorder struct {
	mu     sync.Mutex
	events []sqs.Event
	wake   chan struct{}
}

func newRecorder() *recorder { return &recorder{wake: make(chan struct{})} }

func (r *recorder) on(e sqs.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	close(r.wake)
	r.wake = make(chan struct{})
}

// count is how many events of kind were seen, adding up their
// messages where the kind carries any.
func (r *recorder) count(kind sqs.EventKind) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.events {
		if e.Kind == kind {
			n += max(len(e.Messages), 1)
		}
	}
	return n
}

// has reports whether any event so far meets cond.
func (r *recorder) has(cond func(sqs.Event) bool) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.ContainsFunc(r.events, cond)
}

// await waits until cond holds of the events, or the test's deadline.
func (r *recorder) await(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for {
		r.mu.Lock()
		wake := r.wake
		r.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-wake:
		case <-t.Context().Done():
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

// consume runs q.Consume in the background and returns a function that
// stops it and returns its error.
func consume(t *testing.T, q *sqs.Queue, h sqs.Handler, o sqs.ConsumeOptions) (stop func() error) {
	t.Helper()
	cancel, wait := consumeAsync(t, q, h, o)
	return func() error { cancel(); return wait() }
}

// consumeAsync runs q.Consume in the background and returns functions
// that cancel its context and wait for its return.
func consumeAsync(t *testing.T, q *sqs.Queue, h sqs.Handler, o sqs.ConsumeOptions) (cancel func(), wait func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- q.Consume(ctx, h, o) }()
	var once sync.Once
	var err error
	wait = func() error {
		once.Do(func() { err = <-done })
		return err
	}
	t.Cleanup(func() { cancel(); wait() })
	return cancel, wait
}

// seen is a concurrency-safe list of handled bodies.
type seen struct {
	mu     sync.Mutex
	bodies []string
}

func (s *seen) add(b string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bodies = append(s.bodies, b)
	return len(s.bodies)
}

func (s *seen) list() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.bodies)
}

// TestConsumeAcks checks every message is handled once and deleted
// after its handler succeeded, in batched deletes.
func TestConsumeAcks(t *testing.T) {
	srv, conn := startFake(t)
	q := newQueue(t, conn, sqs.QueueOptions{Name: "acks"})
	if _, err := q.SendBatch(t.Context(), bodies(55)); err != nil {
		t.Fatal(err)
	}
	rec := newRecorder()
	var got seen
	var final sqs.ConsumeStats
	stop := consume(t, q, func(ctx context.Context, m *sqs.Message) error {
		got.add(m.Body)
		return nil
	}, sqs.ConsumeOptions{Workers: 4, WaitTime: time.Second, OnEvent: rec.on, Progress: func(s sqs.ConsumeStats) { final = s }})
	rec.await(t, "55 deletes", func() bool { return rec.count(sqs.EventDeleted) == 55 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	want := make([]string, 55)
	for i := range want {
		want[i] = "m" + strconv.Itoa(i)
	}
	gotList := got.list()
	slices.Sort(want)
	slices.Sort(gotList)
	if diff := cmp.Diff(want, gotList); diff != "" {
		t.Errorf("handled (-want +got):\n%s", diff)
	}
	if n, err := q.Count(t.Context()); err != nil || n.Total() != 0 {
		t.Errorf("Count = %+v, %v; want an empty queue", n, err)
	}
	if final.Received != 55 || final.Acked != 55 || final.Deleted != 55 || final.Running != 0 || final.Errors != 0 {
		t.Errorf("final stats = %+v", final)
	}
	// Deletes are batched: fewer calls than messages.
	if n := calls(srv, "DeleteMessageBatch"); n == 0 || n >= 55 || calls(srv, "DeleteMessage") != 0 {
		t.Errorf("%d DeleteMessageBatch and %d DeleteMessage calls for 55 messages", n, calls(srv, "DeleteMessage"))
	}
}

// TestConsumeValidation checks settings Consume refuses before any call.
func TestConsumeValidation(t *testing.T) {
	srv, conn := startFake(t)
	q := newQueue(t, conn, sqs.QueueOptions{Name: "v"})
	srv.ResetCalls()
	ok := func(context.Context, *sqs.Message) error { return nil }
	tests := map[string]struct {
		h sqs.Handler
		o sqs.ConsumeOptions
	}{
		"nil handler":        {nil, sqs.ConsumeOptions{}},
		"workers":            {ok, sqs.ConsumeOptions{Workers: -1}},
		"max messages":       {ok, sqs.ConsumeOptions{MaxMessages: 11}},
		"wait 21 s":          {ok, sqs.ConsumeOptions{WaitTime: 21 * time.Second}},
		"wait 1.5 s":         {ok, sqs.ConsumeOptions{WaitTime: 1500 * time.Millisecond}},
		"visibility 13 h":    {ok, sqs.ConsumeOptions{VisibilityTimeout: 13 * time.Hour}},
		"heartbeat too long": {ok, sqs.ConsumeOptions{VisibilityTimeout: time.Minute, Heartbeat: time.Minute}},
		"negative ack delay": {ok, sqs.ConsumeOptions{AckDelay: -1}},
	}
	for name, tt := range tests {
		var ve *goboto.ValidationError
		if err := q.Consume(t.Context(), tt.h, tt.o); !errors.As(err, &ve) {
			t.Errorf("%s: Consume = %v; want a ValidationError", name, err)
		}
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls reached the fake", n)
	}
}

// TestConsumeNack checks a failed handler's message is hidden for the
// backoff, on SQS's clock, and handled again after it; and that a
// panicking handler nacks too.
func TestConsumeNack(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	_, conn := startFake(t, fakes.WithClock(clock.Now))
	q := newQueue(t, conn, sqs.QueueOptions{Name: "nack"})
	if _, err := q.Send(t.Context(), "flaky"); err != nil {
		t.Fatal(err)
	}
	rec := newRecorder()
	var got, receives seen
	stop := consume(t, q, func(ctx context.Context, m *sqs.Message) error {
		n := got.add(m.Body)
		receives.add(m.System["ApproximateReceiveCount"])
		switch n {
		case 1:
			return errors.New("not yet")
		case 2:
			panic("still not")
		}
		return nil
	}, sqs.ConsumeOptions{Workers: 1, WaitTime: time.Second, OnEvent: rec.on,
		Backoff: func(receives int) time.Duration { return time.Duration(receives) * time.Minute }})
	// ChangeMessageVisibility to the backoff, 1 minute: hidden until
	// then on SQS's clock.
	rec.await(t, "the first nack", func() bool { return rec.count(sqs.EventNacked) == 1 })
	clock.Advance(59 * time.Second)
	if n, err := q.Count(t.Context()); err != nil || n != (sqs.Count{InFlight: 1}) {
		t.Errorf("Count 59 s after the nack = %+v, %v; want 1 in flight", n, err)
	}
	clock.Advance(2 * time.Second)
	rec.await(t, "the panic's nack", func() bool { return rec.count(sqs.EventNacked) == 2 })
	clock.Advance(2*time.Minute + time.Second)
	rec.await(t, "the delete", func() bool { return rec.count(sqs.EventDeleted) == 1 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"1", "2", "3"}, receives.list()); diff != "" {
		t.Errorf("receive counts seen (-want +got):\n%s", diff)
	}
	if !rec.has(func(e sqs.Event) bool {
		return e.Kind == sqs.EventNacked && e.Err != nil && e.Err.Error() == "sqs: handler panicked: still not"
	}) {
		t.Error("no nack for the panic")
	}
}

// TestConsumeHeartbeat checks a handler slower than the visibility
// timeout keeps its message: the heartbeat hides it again before SQS's
// clock passes the timeout.
func TestConsumeHeartbeat(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	srv, conn := startFake(t, fakes.WithClock(clock.Now))
	q := newQueue(t, conn, sqs.QueueOptions{Name: "slow"})
	if _, err := q.Send(t.Context(), "slow"); err != nil {
		t.Fatal(err)
	}
	rec := newRecorder()
	var handled seen
	check := make(chan sqs.Count, 1)
	stop := consume(t, q, func(ctx context.Context, m *sqs.Message) error {
		handled.add(m.Body)
		// 20 s on SQS's clock, then a heartbeat after it, then 20 s more:
		// 40 s after the receive, past the 30-second timeout but not
		// past the heartbeat's.
		for range 2 {
			clock.Advance(20 * time.Second)
			before := rec.count(sqs.EventExtended)
			rec.await(t, "a heartbeat", func() bool { return rec.count(sqs.EventExtended) > before })
		}
		n, err := q.Count(ctx)
		if err != nil {
			return err
		}
		check <- n
		return nil
	}, sqs.ConsumeOptions{Workers: 2, WaitTime: time.Second, VisibilityTimeout: 30 * time.Second, Heartbeat: 10 * time.Millisecond, OnEvent: rec.on})
	if n := <-check; n != (sqs.Count{InFlight: 1}) {
		t.Errorf("Count 40 s into a 30-second visibility = %+v; want 1 in flight", n)
	}
	rec.await(t, "the delete", func() bool { return rec.count(sqs.EventDeleted) == 1 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if got := handled.list(); len(got) != 1 {
		t.Errorf("handled %v; want the message once", got)
	}
	if calls(srv, "ChangeMessageVisibilityBatch") < 2 {
		t.Errorf("%d ChangeMessageVisibilityBatch calls; want the heartbeats", calls(srv, "ChangeMessageVisibilityBatch"))
	}
}

// TestConsumeShutdownMidPoll checks a shutdown during a long poll lets
// the poll finish, and makes what it received visible again at once,
// unhandled, rather than hidden for its visibility timeout
// (aws-sdk-go-v2#2068).
func TestConsumeShutdownMidPoll(t *testing.T) {
	_, conn := startFake(t)
	q := newQueue(t, conn, sqs.QueueOptions{Name: "midpoll"})
	rec := newRecorder()
	var handled seen
	stop := consume(t, q, func(ctx context.Context, m *sqs.Message) error {
		handled.add(m.Body)
		return nil
	}, sqs.ConsumeOptions{Workers: 1, MaxMessages: 1, WaitTime: 5 * time.Second, VisibilityTimeout: 10 * time.Minute, OnEvent: rec.on})
	rec.await(t, "a poll", func() bool { return rec.count(sqs.EventPoll) == 1 })
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	// The poll is under way; cancelling Consume's context does not cut
	// it short, so it takes this message.
	if _, err := q.Send(t.Context(), "late"); err != nil {
		t.Fatal(err)
	}
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if got := handled.list(); len(got) != 0 {
		t.Errorf("handled %v during shutdown", got)
	}
	if n, err := q.Count(t.Context()); err != nil || n != (sqs.Count{Visible: 1}) {
		t.Errorf("Count after shutdown = %+v, %v; want the message visible", n, err)
	}
	// The 5-second poll outlasts the send, so it did take the message.
	if r, ret := rec.count(sqs.EventReceived), rec.count(sqs.EventReturned); r != 1 || ret != 1 {
		t.Errorf("received %d and returned %d; want 1 and 1", r, ret)
	}
}

// TestConsumeGracefulShutdown checks that on shutdown the handlers
// running finish and their acks are deleted, and that on a FIFO queue
// the messages of a group not started yet are made visible again.
func TestConsumeGracefulShutdown(t *testing.T) {
	_, conn := startFake(t)
	for _, fifo := range []bool{false, true} {
		t.Run("fifo="+strconv.FormatBool(fifo), func(t *testing.T) {
			name := "graceful"
			if fifo {
				name += ".fifo"
			}
			q := newQueue(t, conn, sqs.QueueOptions{Name: name, FIFO: fifo, ContentBasedDeduplication: fifo})
			e := bodies(3)
			for i := range e {
				if fifo {
					e[i].GroupID = "g"
				}
			}
			if _, err := q.SendBatch(t.Context(), e); err != nil {
				t.Fatal(err)
			}
			rec := newRecorder()
			var started seen
			release := make(chan struct{})
			cancel, wait := consumeAsync(t, q, func(ctx context.Context, m *sqs.Message) error {
				started.add(m.Body)
				<-release
				return nil
			}, sqs.ConsumeOptions{Workers: 3, WaitTime: time.Second, VisibilityTimeout: 10 * time.Minute, OnEvent: rec.on})
			want := 3
			if fifo {
				want = 1 // the group's messages run one after the other
			}
			rec.await(t, "received", func() bool { return rec.count(sqs.EventReceived) == 3 })
			for len(started.list()) < want {
				time.Sleep(time.Millisecond)
			}
			cancel()
			close(release)
			if err := wait(); err != nil {
				t.Fatal(err)
			}
			n, err := q.Count(t.Context())
			wantCount := sqs.Count{}
			if fifo {
				wantCount = sqs.Count{Visible: 2}
			}
			if err != nil || n != wantCount {
				t.Errorf("Count after shutdown = %+v, %v; want %+v", n, err, wantCount)
			}
			if got := len(started.list()); got != want {
				t.Errorf("%d handlers ran; want %d", got, want)
			}
			if got := rec.count(sqs.EventDeleted); got != want {
				t.Errorf("deleted %d; want %d", got, want)
			}
		})
	}
}

// TestConsumeFIFOOrder checks each group's messages are handled in
// order while groups run side by side.
func TestConsumeFIFOOrder(t *testing.T) {
	_, conn := startFake(t)
	q := newQueue(t, conn, sqs.QueueOptions{Name: "order.fifo", FIFO: true, ContentBasedDeduplication: true})
	var e []sqs.Entry
	for i := range 30 {
		e = append(e, sqs.Entry{Body: strconv.Itoa(i), SendOptions: sqs.SendOptions{GroupID: "g" + strconv.Itoa(i%3)}})
	}
	if _, err := q.SendBatch(t.Context(), e); err != nil {
		t.Fatal(err)
	}
	rec := newRecorder()
	var mu sync.Mutex
	perGroup := map[string][]int{}
	stop := consume(t, q, func(ctx context.Context, m *sqs.Message) error {
		n, _ := strconv.Atoi(m.Body)
		mu.Lock()
		perGroup[m.GroupID] = append(perGroup[m.GroupID], n)
		mu.Unlock()
		return nil
	}, sqs.ConsumeOptions{Workers: 5, WaitTime: time.Second, OnEvent: rec.on})
	rec.await(t, "30 deletes", func() bool { return rec.count(sqs.EventDeleted) == 30 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	want := map[string][]int{}
	for i := range 30 {
		g := "g" + strconv.Itoa(i%3)
		want[g] = append(want[g], i)
	}
	if diff := cmp.Diff(want, perGroup); diff != "" {
		t.Errorf("handled per group (-want +got):\n%s", diff)
	}
}

// TestConsumeFIFONackReturnsGroup checks that after a nack the rest of
// that group's received messages are not handled but made visible, so
// the group keeps its order.
func TestConsumeFIFONackReturnsGroup(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	_, conn := startFake(t, fakes.WithClock(clock.Now))
	q := newQueue(t, conn, sqs.QueueOptions{Name: "nackgroup.fifo", FIFO: true, ContentBasedDeduplication: true})
	var e []sqs.Entry
	for i := range 4 {
		e = append(e, sqs.Entry{Body: strconv.Itoa(i), SendOptions: sqs.SendOptions{GroupID: "g"}})
	}
	if _, err := q.SendBatch(t.Context(), e); err != nil {
		t.Fatal(err)
	}
	rec := newRecorder()
	var got seen
	var failed sync.Once
	stop := consume(t, q, func(ctx context.Context, m *sqs.Message) error {
		got.add(m.Body)
		var err error
		if m.Body == "1" {
			failed.Do(func() { err = errors.New("once") })
		}
		if err != nil {
			return err
		}
		return nil
	}, sqs.ConsumeOptions{Workers: 4, WaitTime: time.Second, OnEvent: rec.on, Backoff: func(int) time.Duration { return time.Minute }})
	// Message 0 must be deleted before the clock passes its visibility
	// timeout, or it would come back.
	rec.await(t, "the rest returned", func() bool { return rec.count(sqs.EventReturned) == 2 && rec.count(sqs.EventDeleted) == 1 })
	clock.Advance(61 * time.Second)
	rec.await(t, "4 deletes", func() bool { return rec.count(sqs.EventDeleted) == 4 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"0", "1", "1", "2", "3"}, got.list()); diff != "" {
		t.Errorf("handled (-want +got):\n%s", diff)
	}
}

// TestConsumeDeletesOnlyAcks checks a message is never deleted before
// its handler succeeded: a handler that always fails leads to no
// delete at all, and a delete that fails leaves the message to come
// back, to be handled again.
func TestConsumeDeletesOnlyAcks(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	srv, conn := startFake(t, fakes.WithClock(clock.Now))
	q := newQueue(t, conn, sqs.QueueOptions{Name: "only"})
	if _, err := q.SendBatch(t.Context(), bodies(5)); err != nil {
		t.Fatal(err)
	}
	rec := newRecorder()
	stop := consume(t, q, func(context.Context, *sqs.Message) error { return errors.New("no") },
		sqs.ConsumeOptions{WaitTime: time.Second, OnEvent: rec.on})
	rec.await(t, "5 nacks", func() bool { return rec.count(sqs.EventNacked) == 5 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if n := calls(srv, "DeleteMessageBatch") + calls(srv, "DeleteMessage"); n != 0 {
		t.Errorf("%d deletes for messages never acked", n)
	}

	// Every delete fails: the acked message stays, and comes back after
	// its visibility timeout to be handled again.
	srv.Faults().Add(fakes.Fault{Operation: "DeleteMessageBatch", Kind: fakes.ServerError})
	once := sqs.New(srv.Config(""), goboto.WithRetry(1, time.Millisecond))
	q2, err := once.CreateQueue(t.Context(), sqs.QueueOptions{Name: "undeletable"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q2.Send(t.Context(), "x"); err != nil {
		t.Fatal(err)
	}
	rec = newRecorder()
	var got seen
	stop = consume(t, q2, func(_ context.Context, m *sqs.Message) error { got.add(m.Body); return nil },
		sqs.ConsumeOptions{WaitTime: time.Second, VisibilityTimeout: 30 * time.Second, OnEvent: rec.on})
	rec.await(t, "a failed delete", func() bool {
		return rec.has(func(e sqs.Event) bool { return e.Kind == sqs.EventError && e.Op == "DeleteMessageBatch" })
	})
	clock.Advance(31 * time.Second)
	rec.await(t, "a second ack", func() bool { return rec.count(sqs.EventAcked) == 2 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if n, err := q2.Count(t.Context()); err != nil || n.Total() != 1 {
		t.Errorf("Count = %+v, %v; want the message still there", n, err)
	}
}

// TestConsumeFatal checks a receive SQS refuses for good (the queue is
// gone) ends Consume with that error.
func TestConsumeFatal(t *testing.T) {
	srv, conn := startFake(t)
	q := conn.Queue(srv.URL() + "/" + fakes.TestAccountID + "/missing")
	err := q.Consume(t.Context(), func(context.Context, *sqs.Message) error { return nil }, sqs.ConsumeOptions{WaitTime: time.Second})
	if !goboto.IsNotFound(err) {
		t.Errorf("Consume on a missing queue = %v; want not found", err)
	}
}

// TestConsumeChecksum checks a received message whose attribute MD5
// does not match is not handled but nacked.
func TestConsumeChecksum(t *testing.T) {
	srv, plain := startFake(t)
	newQueue(t, plain, sqs.QueueOptions{Name: "sums"})
	cfg := srv.Config("")
	conn := sqs.New(cfg, sqs.WithClientOptions(func(o *sqsv2.Options) { o.HTTPClient = tamper{cfg.HTTPClient} }))
	q, err := conn.LookupQueue(t.Context(), "sums")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plain.Queue(q.URL).SendBatch(t.Context(), []sqs.Entry{{Body: "plain"},
		{Body: "tampered", SendOptions: sqs.SendOptions{Attributes: map[string]sqs.Attribute{"k": sqs.String("v")}}}}); err != nil {
		t.Fatal(err)
	}
	rec := newRecorder()
	var got seen
	stop := consume(t, q, func(_ context.Context, m *sqs.Message) error { got.add(m.Body); return nil },
		sqs.ConsumeOptions{WaitTime: time.Second, Attributes: []string{"All"}, OnEvent: rec.on})
	rec.await(t, "an ack and a checksum error", func() bool {
		var ce *sqs.ChecksumError
		return rec.has(func(e sqs.Event) bool { return errors.As(e.Err, &ce) }) && rec.count(sqs.EventDeleted) == 1
	})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"plain"}, got.list()); diff != "" {
		t.Errorf("handled (-want +got):\n%s", diff)
	}
}

// TestConsumeShutdownTimeout checks a handler that outlasts
// ShutdownTimeout sees its ctx cancelled, its message is not deleted,
// and Consume says the shutdown ran out of time.
func TestConsumeShutdownTimeout(t *testing.T) {
	_, conn := startFake(t)
	q := newQueue(t, conn, sqs.QueueOptions{Name: "stuck"})
	if _, err := q.Send(t.Context(), "stuck"); err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	var handlerErr error
	cancel, wait := consumeAsync(t, q, func(ctx context.Context, m *sqs.Message) error {
		close(started)
		<-ctx.Done()
		handlerErr = ctx.Err()
		return handlerErr
	}, sqs.ConsumeOptions{Workers: 1, WaitTime: time.Second, ShutdownTimeout: 50 * time.Millisecond})
	<-started
	cancel()
	if err := wait(); err == nil || !strings.Contains(err.Error(), "ShutdownTimeout") {
		t.Errorf("Consume = %v; want the shutdown to run out of time", err)
	}
	if !errors.Is(handlerErr, context.Canceled) {
		t.Errorf("handler's ctx ended with %v; want it cancelled", handlerErr)
	}
	if n, err := q.Count(t.Context()); err != nil || n.Total() != 1 {
		t.Errorf("Count = %+v, %v; want the message kept", n, err)
	}
}

// TestConsumeOffload checks a handle WithOffload hands the handler the
// stored body, not the pointer, and that deleting the acked message
// removes the stored body, as Receive and Delete do.
func TestConsumeOffload(t *testing.T) {
	_, conn := startFake(t)
	store := newMemStore()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "big"}).WithOffload(sqs.Offload{Store: store, Threshold: 10})
	if _, err := q.SendBatch(t.Context(), []sqs.Entry{{Body: "short"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Send(t.Context(), "a body longer than ten bytes"); err != nil {
		t.Fatal(err)
	}
	if store.len() != 1 {
		t.Fatalf("store holds %d bodies; want 1", store.len())
	}
	if _, err := q.SendBatch(t.Context(), []sqs.Entry{{Body: "also longer than ten"}}); err != nil {
		t.Fatal(err)
	}
	rec := newRecorder()
	var got seen
	stop := consume(t, q, func(_ context.Context, m *sqs.Message) error { got.add(m.Body); return nil },
		sqs.ConsumeOptions{WaitTime: time.Second, OnEvent: rec.on})
	rec.await(t, "3 deletes", func() bool { return rec.count(sqs.EventDeleted) == 3 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	list := got.list()
	slices.Sort(list)
	if diff := cmp.Diff([]string{"a body longer than ten bytes", "also longer than ten", "short"}, list); diff != "" {
		t.Errorf("handled (-want +got):\n%s", diff)
	}
	if store.len() != 0 {
		t.Errorf("store holds %d bodies after the delete; want 0", store.len())
	}
}
