package sqs_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/sqstest"
)

// memStore is a BodyStore in memory whose calls can be made to fail.
// The S3 one is tested in sqs/s3store.
type memStore struct {
	mu                    sync.Mutex
	bodies                map[string]string
	n                     int
	failPut, failGet, del error
	// failPutAfter, when positive, fails every put after that many.
	failPutAfter int
}

func newMemStore() *memStore { return &memStore{bodies: map[string]string{}} }

func (s *memStore) Put(_ context.Context, body string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failPut != nil {
		return "", s.failPut
	}
	if s.failPutAfter > 0 && s.n >= s.failPutAfter {
		return "", errors.New("store full")
	}
	s.n++
	p := "mem:" + strconv.Itoa(s.n)
	s.bodies[p] = body
	return p, nil
}

func (s *memStore) Get(_ context.Context, p string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failGet != nil {
		return "", s.failGet
	}
	b, ok := s.bodies[p]
	if !ok {
		return "", errors.New("no such body " + p)
	}
	return b, nil
}

func (s *memStore) Delete(_ context.Context, p string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.del != nil {
		return s.del
	}
	delete(s.bodies, p)
	return nil
}

func (s *memStore) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.bodies)
}

// sent counts the calls of op the fake received.
func sent(srv *sqstest.Server, op string) int {
	n := 0
	for _, c := range srv.Calls() {
		if c.Operation == op {
			n++
		}
	}
	return n
}

func TestOffloadRoundTrip(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	store := newMemStore()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "big"}).WithOffload(sqs.Offload{Store: store, Threshold: 100})

	small, err := q.Send(ctx, "short", sqs.WithAttribute("kind", sqs.String("small")))
	if err != nil || small.Pointer != "" || store.len() != 0 {
		t.Fatalf("small Send = %+v, %v; store %d; want it sent as it is", small, err, store.len())
	}
	body := strings.Repeat("x", 101)
	big, err := q.Send(ctx, body, sqs.WithAttribute("kind", sqs.String("big")))
	if err != nil {
		t.Fatal(err)
	}
	if big.Pointer != "mem:1" || big.Body != body || store.len() != 1 {
		t.Fatalf("big Send: pointer %q, body %d bytes, store %d; want mem:1, the body, 1 stored", big.Pointer, len(big.Body), store.len())
	}
	if diff := cmp.Diff(map[string]sqs.Attribute{"kind": sqs.String("big")}, big.Attributes); diff != "" {
		t.Errorf("sent attributes (-want +got):\n%s", diff)
	}

	// What SQS holds: the pointer, marked with the Extended Client's
	// attribute holding the body's size.
	plain := conn.Queue(q.URL)
	raw, err := plain.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, Attributes: []string{"All"}})
	if err != nil || len(raw) != 2 {
		t.Fatalf("plain Receive = %d, %v", len(raw), err)
	}
	for _, m := range raw {
		if m.ID != big.ID {
			continue
		}
		want := map[string]sqs.Attribute{"kind": sqs.String("big"), sqs.OffloadAttribute: sqs.Number("101")}
		if diff := cmp.Diff(want, m.Attributes); diff != "" || m.Body != "mem:1" || m.Pointer != "" {
			t.Errorf("on the wire: body %q pointer %q, attributes (-want +got):\n%s", m.Body, m.Pointer, diff)
		}
	}
	for _, m := range raw {
		if err := m.ChangeVisibility(ctx, 0); err != nil {
			t.Fatal(err)
		}
	}

	// Through the offloading handle, asking for no attributes: the body
	// is fetched and the marker, asked for by the handle, is hidden.
	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10})
	if err != nil || len(msgs) != 2 {
		t.Fatalf("Receive = %d, %v", len(msgs), err)
	}
	for _, m := range msgs {
		switch m.ID {
		case big.ID:
			if m.Body != body || m.Pointer != "mem:1" || m.Attributes != nil {
				t.Errorf("big received: body %d bytes, pointer %q, attributes %v", len(m.Body), m.Pointer, m.Attributes)
			}
		case small.ID:
			if m.Body != "short" || m.Pointer != "" {
				t.Errorf("small received: %+v", m)
			}
		}
		if err := m.Delete(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if store.len() != 0 {
		t.Errorf("store holds %d bodies after Delete; want 0", store.len())
	}
	if n := sent(srv, "DeleteMessage"); n != 2 {
		t.Errorf("%d DeleteMessage; want 2", n)
	}
}

// TestOffloadOverQueueMaximum: with Threshold 0 only bodies SQS would
// refuse are offloaded; without a store they are refused before sending.
func TestOffloadOverQueueMaximum(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "max"})
	body := strings.Repeat("y", sqs.MaxMessageSize+1)
	var ve *goboto.ValidationError
	if _, err := q.Send(ctx, body); !errors.As(err, &ve) {
		t.Fatalf("Send of 1 MiB + 1 without a store: %v; want a ValidationError", err)
	}
	if n := sent(srv, "SendMessage"); n != 0 {
		t.Fatalf("%d SendMessage; want 0", n)
	}
	store := newMemStore()
	big := q.WithOffload(sqs.Offload{Store: store})
	if m, err := big.Send(ctx, strings.Repeat("z", 1000)); err != nil || m.Pointer != "" {
		t.Fatalf("small Send = %v, pointer %q; want it in SQS", err, m.Pointer)
	}
	m, err := big.Send(ctx, body)
	if err != nil || m.Pointer == "" || store.len() != 1 {
		t.Fatalf("Send of 1 MiB + 1 = %v, pointer %q; want it offloaded", err, m.Pointer)
	}
	// A negative threshold is refused before anything happens.
	if _, err := q.WithOffload(sqs.Offload{Store: store, Threshold: -1}).Send(ctx, "x"); !errors.As(err, &ve) {
		t.Errorf("Threshold -1: %v; want a ValidationError", err)
	}
	// WithOffload does not change the handle it copies.
	if _, err := q.Send(ctx, body); !errors.As(err, &ve) {
		t.Errorf("the original handle offloads too: %v", err)
	}
}

// TestOffloadPointerTooBig: a pointer message over the queue's
// MaximumMessageSize (known to the handle) is refused before it is
// sent, as any message is, and its stored body is taken back, as the
// message surely was not sent.
func TestOffloadPointerTooBig(t *testing.T) {
	srv, conn := startFake(t)
	store := newMemStore()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "small", MaximumMessageSize: 1024}).
		WithOffload(sqs.Offload{Store: store, Threshold: 10})
	if err := q.Refresh(t.Context()); err != nil || q.MaximumMessageSize != 1024 {
		t.Fatalf("Refresh = %v, MaximumMessageSize %d", err, q.MaximumMessageSize)
	}
	pad := map[string]sqs.Attribute{"pad": sqs.String(strings.Repeat("p", 1020))}
	_, err := q.Send(t.Context(), "a body over ten bytes", func(o *sqs.SendOptions) { o.Attributes = pad })
	var ve *goboto.ValidationError
	var oe *sqs.OffloadError
	if !errors.As(err, &ve) || errors.As(err, &oe) {
		t.Fatalf("Send = %v; want a ValidationError alone", err)
	}
	if n := sent(srv, "SendMessage"); n != 0 {
		t.Errorf("%d SendMessage; want 0", n)
	}
	if store.len() != 0 {
		t.Errorf("store holds %d bodies; want the one stored taken back", store.len())
	}
}

// cancelOnPut is a memStore that cancels the caller's context once a
// body is stored.
type cancelOnPut struct {
	*memStore
	cancel func()
}

func (s cancelOnPut) Put(ctx context.Context, body string) (string, error) {
	defer s.cancel()
	return s.memStore.Put(ctx, body)
}

// TestOffloadCancelledDuringPut: a context that ends while the body is
// stored sends nothing, and the body, surely not sent, is taken back,
// by Send and SendBatch alike.
func TestOffloadCancelledDuringPut(t *testing.T) {
	srv, conn := startFake(t)
	q := newQueue(t, conn, sqs.QueueOptions{Name: "cancelled"})
	for _, batch := range []bool{false, true} {
		ctx, cancel := context.WithCancel(t.Context())
		store := newMemStore()
		big := q.WithOffload(sqs.Offload{Store: cancelOnPut{store, cancel}, Threshold: 10})
		var err error
		if batch {
			_, err = big.SendBatch(ctx, []sqs.Entry{{Body: "a body over ten bytes"}})
		} else {
			_, err = big.Send(ctx, "a body over ten bytes")
		}
		var oe *sqs.OffloadError
		if !errors.Is(err, context.Canceled) || errors.As(err, &oe) {
			t.Errorf("batch %v: send = %v; want context.Canceled and no OffloadError", batch, err)
		}
		if store.len() != 0 {
			t.Errorf("batch %v: store holds %d bodies; want the one stored taken back", batch, store.len())
		}
	}
	if n := sent(srv, "SendMessage") + sent(srv, "SendMessageBatch"); n != 0 {
		t.Errorf("%d sends; want 0", n)
	}
}

// TestOffloadFailuresLoseNothing pins each failure: a failed store put
// sends nothing; a send SQS refuses deletes the stored body, one that
// may have gone through keeps it (sqs/s3store's TestOffloadSendFailures
// has every way a send fails); a failed fetch keeps the pointer and the
// message; a failed message delete keeps the body; a failed body delete
// is reported.
func TestOffloadFailuresLoseNothing(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	store := newMemStore()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "faults"}).WithOffload(sqs.Offload{Store: store, Threshold: 10})
	body := "a body over ten bytes"
	var oe *sqs.OffloadError

	t.Run("put fails", func(t *testing.T) {
		store.failPut = errors.New("disk full")
		defer func() { store.failPut = nil }()
		if _, err := q.Send(ctx, body); !errors.As(err, &oe) || oe.Op != "put" {
			t.Fatalf("Send = %v; want an OffloadError of the put", err)
		}
		if n := sent(srv, "SendMessage"); n != 0 {
			t.Errorf("%d SendMessage after a failed put; want 0", n)
		}
	})

	t.Run("send fails", func(t *testing.T) {
		// A 400 SQS does not retry: the message was not taken.
		remove := srv.Faults().Add(fakes.Fault{Operation: "SendMessage", Kind: fakes.ServerError,
			Err: &fakes.Error{Status: http.StatusBadRequest, Code: "InvalidParameterValue", Message: "refused", Sender: true}})
		defer remove()
		_, err := q.Send(ctx, body)
		var ae *goboto.APIError
		if !errors.As(err, &ae) || ae.Code != "InvalidParameterValue" {
			t.Fatalf("Send = %v; want SQS's error", err)
		}
		if store.len() != 0 {
			t.Errorf("store holds %d bodies after a failed send; want 0", store.len())
		}
	})

	t.Run("send may have gone through", func(t *testing.T) {
		// A 5xx on every attempt: SQS may have taken the message, so the
		// body stays, and the error names it (the message must never
		// point at nothing).
		remove := srv.Faults().Add(fakes.Fault{Operation: "SendMessage", Kind: fakes.ServerError})
		defer remove()
		before := store.len()
		_, err := q.Send(ctx, body)
		var ae *goboto.APIError
		if !errors.As(err, &oe) || oe.Op != "send" || oe.Pointer == "" || !errors.As(err, &ae) {
			t.Fatalf("Send = %v; want an OffloadError naming the body kept, wrapping SQS's error", err)
		}
		if store.len() != before+1 {
			t.Errorf("store holds %d bodies; want %d: the body is kept when SQS may have the message", store.len(), before+1)
		}
		if err := store.Delete(ctx, oe.Pointer); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("send fails and so does the cleanup", func(t *testing.T) {
		remove := srv.Faults().Add(fakes.Fault{Operation: "SendMessage", Kind: fakes.ServerError,
			Err: &fakes.Error{Status: http.StatusBadRequest, Code: "InvalidParameterValue", Message: "refused", Sender: true}})
		defer remove()
		store.del = errors.New("store down")
		defer func() { store.del = nil }()
		_, err := q.Send(ctx, body)
		var ae *goboto.APIError
		if !errors.As(err, &ae) || !errors.As(err, &oe) || oe.Op != "delete" || oe.Pointer == "" {
			t.Fatalf("Send = %v; want SQS's error and the delete's, naming the body left behind", err)
		}
		store.del = nil
		if err := store.Delete(ctx, oe.Pointer); err != nil {
			t.Fatal(err)
		}
	})

	sentMsg, err := q.Send(ctx, body)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("get fails", func(t *testing.T) {
		store.failGet = errors.New("store down")
		msgs, err := q.Receive(ctx, sqs.ReceiveOptions{})
		store.failGet = nil
		if !errors.As(err, &oe) || oe.Op != "get" || oe.MessageID != sentMsg.ID || len(msgs) != 1 {
			t.Fatalf("Receive = %d, %v; want the message and an OffloadError of the get", len(msgs), err)
		}
		if m := msgs[0]; m.Pointer != sentMsg.Pointer || m.Body != sentMsg.Pointer {
			t.Errorf("unfetched message: body %q, pointer %q; want the pointer in both", m.Body, m.Pointer)
		}
		if err := msgs[0].ChangeVisibility(ctx, 0); err != nil {
			t.Fatal(err)
		}
	})

	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{})
	if err != nil || len(msgs) != 1 || msgs[0].Body != body {
		t.Fatalf("Receive after the store is back = %d, %v", len(msgs), err)
	}
	m := msgs[0]

	t.Run("message delete fails", func(t *testing.T) {
		remove := srv.Faults().Add(fakes.Fault{Operation: "DeleteMessage", Kind: fakes.ServerError,
			Err: &fakes.Error{Status: http.StatusBadRequest, Code: "ReceiptHandleIsInvalid", Message: "no", Sender: true}})
		defer remove()
		if err := m.Delete(ctx); err == nil {
			t.Fatal("Delete succeeded under a fault")
		}
		if store.len() != 1 {
			t.Errorf("store holds %d bodies; want the body kept for the message still queued", store.len())
		}
	})

	t.Run("body delete fails", func(t *testing.T) {
		store.del = errors.New("store down")
		defer func() { store.del = nil }()
		if err := m.Delete(ctx); !errors.As(err, &oe) || oe.Op != "delete" || oe.Pointer != m.Pointer {
			t.Fatalf("Delete = %v; want an OffloadError of the body's delete", err)
		}
		if n, err := q.Count(ctx); err != nil || n.Total() != 0 {
			t.Errorf("Count = %+v, %v; want the message deleted", n, err)
		}
	})
}

// TestOffloadRefusals: the marker takes the tenth attribute, and a
// caller's own marker cannot ride on an offloaded body.
func TestOffloadRefusals(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	store := newMemStore()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "refusals"}).WithOffload(sqs.Offload{Store: store, Threshold: 1})
	var ten []sqs.SendOption
	for i := range 10 {
		ten = append(ten, sqs.WithAttribute("a"+strconv.Itoa(i), sqs.String("v")))
	}
	var ve *goboto.ValidationError
	if _, err := q.Send(ctx, "big enough", ten...); !errors.As(err, &ve) || ve.Field != "MessageAttributes" {
		t.Errorf("10 attributes: %v; want a MessageAttributes ValidationError", err)
	}
	if _, err := q.Send(ctx, "big enough", sqs.WithAttribute(sqs.OffloadAttribute, sqs.Number("3"))); !errors.As(err, &ve) {
		t.Errorf("own marker: %v; want a ValidationError", err)
	}
	if n := len(srv.Calls()); n != 1 || store.len() != 0 { // CreateQueue
		t.Errorf("%d calls, %d stored; want nothing sent or stored", n-1, store.len())
	}
}

// TestOffloadFIFO: an offloaded FIFO message without a deduplication ID
// gets the SHA-256 of its body, so that a content-based queue still
// drops the same body sent twice (the pointer differs each time).
func TestOffloadFIFO(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	store := newMemStore()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "big.fifo", FIFO: true, ContentBasedDeduplication: true}).
		WithOffload(sqs.Offload{Store: store, Threshold: 5})
	body := "the same long body"
	sum := sha256.Sum256([]byte(body))
	for range 2 {
		m, err := q.Send(ctx, body, sqs.Group("g"))
		if err != nil {
			t.Fatal(err)
		}
		if m.DeduplicationID != hex.EncodeToString(sum[:]) {
			t.Errorf("DeduplicationID = %q; want the body's SHA-256", m.DeduplicationID)
		}
	}
	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, System: []types.MessageSystemAttributeName{"All"}})
	if err != nil || len(msgs) != 1 || msgs[0].Body != body || msgs[0].GroupID != "g" {
		t.Fatalf("Receive = %d, %v; want one message, the second dropped as a duplicate", len(msgs), err)
	}
}

// TestSendBatchOffload checks SendBatch stores the bodies its handle's
// Offload would store and sends pointers, as Send does: the bodies over
// the threshold go to the store, the results hold the bodies sent, and
// a receive and a batch delete through the handle give them back and
// remove them (Extended Client Library behaviour: the pointer message
// carries ExtendedPayloadSize, and the body is deleted with its
// message).
func TestSendBatchOffload(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	store := newMemStore()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "batch-big"}).WithOffload(sqs.Offload{Store: store, Threshold: 100})
	long := func(i int) string { return strconv.Itoa(i) + strings.Repeat("x", 200) }
	var entries []sqs.Entry
	want := map[string]bool{}
	for i := range 12 {
		body := "short " + strconv.Itoa(i)
		if i%4 == 1 {
			body = long(i)
		}
		want[body] = true
		e := sqs.Entry{Body: body}
		if i == 5 {
			e.Attributes = map[string]sqs.Attribute{"kind": sqs.String("big")}
		}
		entries = append(entries, e)
	}
	out, err := q.SendBatch(ctx, entries)
	if err != nil {
		t.Fatal(err)
	}
	if store.len() != 3 {
		t.Errorf("store holds %d bodies; want 3", store.len())
	}
	for i, m := range out {
		if m.Body != entries[i].Body || (m.Pointer != "") != (i%4 == 1) {
			t.Errorf("result %d: body of %d bytes, pointer %q; want the body sent, a pointer only for the long ones", i, len(m.Body), m.Pointer)
		}
		if diff := cmp.Diff(entries[i].Attributes, m.Attributes); diff != "" {
			t.Errorf("result %d's attributes (-want +got):\n%s", i, diff)
		}
	}
	if n := sent(srv, "SendMessageBatch"); n != 2 {
		t.Errorf("%d SendMessageBatch calls; want 2", n)
	}
	var got []*sqs.Message
	for len(got) < len(entries) {
		msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, Attributes: []string{"kind"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) == 0 {
			t.Fatalf("received %d of %d", len(got), len(entries))
		}
		got = append(got, msgs...)
	}
	for _, m := range got {
		if !want[m.Body] {
			t.Errorf("received a body of %d bytes that was not sent: %.20q", len(m.Body), m.Body)
		}
		if m.Body == long(5) && m.Attributes["kind"].StringValue != "big" {
			t.Errorf("the long body's attributes = %+v; want kind=big", m.Attributes)
		}
	}
	if err := q.DeleteBatch(ctx, got); err != nil {
		t.Fatal(err)
	}
	if store.len() != 0 {
		t.Errorf("store holds %d bodies after DeleteBatch; want 0", store.len())
	}
}

// TestSendBatchOffloadFailures pins what a batch leaves in the store: a
// put that fails sends nothing and takes back the bodies stored before
// it; an entry SQS refuses (here a pointer message over the queue's
// MaximumMessageSize, which the handle has not read) has its body
// deleted while the others are sent; a whole call SQS refuses deletes
// its bodies; a call that ends in a 5xx keeps them, since SQS may have
// taken the messages.
func TestSendBatchOffloadFailures(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	store := newMemStore()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "batch-faults", MaximumMessageSize: 1024}).
		WithOffload(sqs.Offload{Store: store, Threshold: 50})
	q.MaximumMessageSize = 0 // as a handle from conn.Queue(url) knows it
	body := func(i int) string { return strconv.Itoa(i) + strings.Repeat("y", 100) }

	t.Run("put fails", func(t *testing.T) {
		store.failPutAfter = store.n + 2
		defer func() { store.failPutAfter = 0 }()
		_, err := q.SendBatch(ctx, []sqs.Entry{{Body: body(1)}, {Body: body(2)}, {Body: body(3)}})
		var oe *sqs.OffloadError
		if !errors.As(err, &oe) || oe.Op != "put" {
			t.Fatalf("SendBatch = %v; want an OffloadError of the put", err)
		}
		if n := sent(srv, "SendMessageBatch"); n != 0 {
			t.Errorf("%d SendMessageBatch after a failed put; want 0", n)
		}
		if store.len() != 0 {
			t.Errorf("store holds %d bodies; want the 2 stored taken back", store.len())
		}
	})

	t.Run("entry refused", func(t *testing.T) {
		big := map[string]sqs.Attribute{"pad": sqs.String(strings.Repeat("p", 1000))}
		out, err := q.SendBatch(ctx, []sqs.Entry{{Body: body(1)}, {Body: body(2), SendOptions: sqs.SendOptions{Attributes: big}}})
		var be *sqs.BatchError
		if !errors.As(err, &be) || len(be.Failed) != 1 || be.Failed[0].Index != 1 || be.Failed[0].Code == "" {
			t.Fatalf("SendBatch = %v; want entry 1 refused by SQS", err)
		}
		if out[0] == nil || out[0].Pointer == "" {
			t.Fatalf("entry 0 = %+v; want it sent as a pointer", out[0])
		}
		if store.len() != 1 {
			t.Errorf("store holds %d bodies; want entry 0's alone", store.len())
		}
		msgs, err := q.Receive(ctx, sqs.ReceiveOptions{})
		if err != nil || len(msgs) != 1 || msgs[0].Body != body(1) {
			t.Fatalf("Receive = %d, %v", len(msgs), err)
		}
		if err := msgs[0].Delete(ctx); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("call refused", func(t *testing.T) {
		remove := srv.Faults().Add(fakes.Fault{Operation: "SendMessageBatch", Kind: fakes.ServerError,
			Err: &fakes.Error{Status: http.StatusBadRequest, Code: "InvalidParameterValue", Message: "refused", Sender: true}})
		defer remove()
		if _, err := q.SendBatch(ctx, []sqs.Entry{{Body: body(1)}, {Body: "small"}}); err == nil {
			t.Fatal("SendBatch succeeded under a fault")
		}
		if store.len() != 0 {
			t.Errorf("store holds %d bodies after SQS refused the call; want 0", store.len())
		}
	})

	t.Run("call fails with a 5xx", func(t *testing.T) {
		remove := srv.Faults().Add(fakes.Fault{Operation: "SendMessageBatch", Kind: fakes.ServerError})
		defer remove()
		var be *sqs.BatchError
		if _, err := q.SendBatch(ctx, []sqs.Entry{{Body: body(1)}}); !errors.As(err, &be) {
			t.Fatalf("SendBatch = %v; want a BatchError", err)
		}
		if store.len() != 1 {
			t.Errorf("store holds %d bodies after a 5xx; want the body kept", store.len())
		}
	})
}
