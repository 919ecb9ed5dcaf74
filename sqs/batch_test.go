package sqs_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	sqsv2 "github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/sqstest"
)

// calls counts the fake's calls of op.
func calls(srv *sqstest.Server, op string) int {
	n := 0
	for _, c := range srv.Calls() {
		if c.Operation == op {
			n++
		}
	}
	return n
}

// bodies makes n entries with bodies "m0", "m1", ...
func bodies(n int) []sqs.Entry {
	out := make([]sqs.Entry, n)
	for i := range out {
		out[i] = sqs.Entry{Body: "m" + strconv.Itoa(i)}
	}
	return out
}

// drain receives and deletes every visible message of q and returns
// their bodies.
func drain(t *testing.T, q *sqs.Queue) []string {
	t.Helper()
	var got []string
	for {
		msgs, err := q.Receive(t.Context(), sqs.ReceiveOptions{MaxMessages: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) == 0 {
			return got
		}
		for _, m := range msgs {
			got = append(got, m.Body)
		}
		if err := q.DeleteBatch(t.Context(), msgs); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSendBatchSplits checks SendBatch splits by count (SendMessageBatch:
// at most 10 entries) and by bytes (at most 1 MiB of bodies and
// attributes in all, counting attribute names, types and values as SQS
// does), and answers one message per entry, in order.
func TestSendBatchSplits(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "split"})
	half := strings.Repeat("x", sqs.MaxBatchSize/2)
	tests := []struct {
		name    string
		entries []sqs.Entry
		calls   int
	}{
		{"25 by count", bodies(25), 3},
		{"10 in one", bodies(10), 1},
		{"two halves fill one", []sqs.Entry{{Body: half}, {Body: half}}, 1},
		// One attribute of name "a", type "String" and value "b" is 8
		// bytes more, so the pair no longer fits.
		{"attributes count", []sqs.Entry{{Body: half}, {Body: half, SendOptions: sqs.SendOptions{Attributes: map[string]sqs.Attribute{"a": sqs.String("b")}}}}, 2},
		{"a third over", []sqs.Entry{{Body: half}, {Body: half[:sqs.MaxBatchSize/4]}, {Body: half[:sqs.MaxBatchSize/4+1]}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetCalls()
			msgs, err := q.SendBatch(ctx, tt.entries)
			if err != nil {
				t.Fatal(err)
			}
			if got := calls(srv, "SendMessageBatch"); got != tt.calls {
				t.Errorf("SendMessageBatch calls = %d; want %d", got, tt.calls)
			}
			var want, sent []string
			for i, e := range tt.entries {
				want = append(want, e.Body)
				if msgs[i] == nil || msgs[i].ID == "" || msgs[i].Queue() != q {
					t.Fatalf("message %d = %+v", i, msgs[i])
				}
				sent = append(sent, msgs[i].Body)
			}
			if diff := cmp.Diff(want, sent); diff != "" {
				t.Errorf("messages (-want +got):\n%s", diff)
			}
			got := drain(t, q)
			if diff := cmp.Diff(len(want), len(got)); diff != "" {
				t.Errorf("received (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSendBatchValidation checks what SendBatch refuses before the
// first call, on a whole batch of which only one entry is wrong.
func TestSendBatchValidation(t *testing.T) {
	srv, conn := startFake(t)
	std := newQueue(t, conn, sqs.QueueOptions{Name: "std"})
	fifo := newQueue(t, conn, sqs.QueueOptions{Name: "f.fifo", FIFO: true, ContentBasedDeduplication: true})
	with := func(q *sqs.Queue, last sqs.Entry) func() error {
		return func() error {
			e := bodies(12)
			for i := range e {
				if q == fifo {
					e[i].GroupID = "g"
				}
			}
			_, err := q.SendBatch(t.Context(), append(e, last))
			return err
		}
	}
	tests := map[string]func() error{
		"duplicate ID":       with(std, sqs.Entry{ID: "3", Body: "x"}), // entry 3's ID is its index
		"invalid ID":         with(std, sqs.Entry{ID: "a.b", Body: "x"}),
		"long ID":            with(std, sqs.Entry{ID: strings.Repeat("i", 81), Body: "x"}),
		"empty body":         with(std, sqs.Entry{}),
		"refused character":  with(std, sqs.Entry{Body: "\uffff"}),
		"dedup on standard":  with(std, sqs.Entry{Body: "x", SendOptions: sqs.SendOptions{DeduplicationID: "d"}}),
		"FIFO without group": with(fifo, sqs.Entry{Body: "x"}),
		"FIFO with delay":    with(fifo, sqs.Entry{Body: "x", SendOptions: sqs.SendOptions{GroupID: "g", Delay: time.Second}}),
		"too big":            with(std, sqs.Entry{Body: strings.Repeat("x", sqs.MaxMessageSize+1)}),
		"11 attributes": with(std, sqs.Entry{Body: "x", SendOptions: sqs.SendOptions{Attributes: func() map[string]sqs.Attribute {
			m := map[string]sqs.Attribute{}
			for i := range 11 {
				m["a"+strconv.Itoa(i)] = sqs.String("v")
			}
			return m
		}()}}),
		"no entries": func() error { _, err := std.SendBatch(t.Context(), nil); return err },
	}
	for name, call := range tests {
		var ve *goboto.ValidationError
		if err := call(); !errors.As(err, &ve) {
			t.Errorf("%s: %v; want a ValidationError", name, err)
		}
	}
	if n := calls(srv, "SendMessageBatch"); n != 0 {
		t.Errorf("%d SendMessageBatch calls reached the fake", n)
	}
}

// TestSendBatchFailures checks every entry ends in the result or in the
// *BatchError: SQS's per-entry refusals, a whole call failing, FIFO
// sending stopping at the first failure, and an MD5 that does not
// match.
func TestSendBatchFailures(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()

	// A FIFO queue without content-based deduplication needs a
	// deduplication ID (SendMessage), which only SQS knows to ask for;
	// entry 3 lacks one, so entries 10-14 are not sent.
	fifo := newQueue(t, conn, sqs.QueueOptions{Name: "f.fifo", FIFO: true})
	e := bodies(15)
	for i := range e {
		e[i].GroupID, e[i].DeduplicationID = "g", "d"+strconv.Itoa(i)
	}
	e[3].DeduplicationID = ""
	msgs, err := fifo.SendBatch(ctx, e)
	var be *sqs.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("SendBatch = %v; want a BatchError", err)
	}
	if diff := cmp.Diff([]int{3, 10, 11, 12, 13, 14}, be.Indexes()); diff != "" {
		t.Errorf("failed indexes (-want +got):\n%s", diff)
	}
	if f := be.Failed[0]; f.Code != "InvalidParameterValue" || !f.SenderFault || f.ID != "3" || f.Err != nil {
		t.Errorf("entry 3 failure = %+v", f)
	}
	if f := be.Failed[1]; !errors.Is(f.Err, sqs.ErrNotSent) || !errors.Is(err, sqs.ErrNotSent) {
		t.Errorf("entry 10 failure = %+v; want ErrNotSent", f)
	}
	for i, m := range msgs {
		if sent := i < 10 && i != 3; (m != nil) != sent {
			t.Errorf("message %d = %v; sent %t", i, m, sent)
		}
	}
	if n := calls(srv, "SendMessageBatch"); n != 1 {
		t.Errorf("SendMessageBatch calls = %d; want 1", n)
	}

	// A standard queue goes on after a failed call; the failed call's
	// entries carry its error.
	once := sqs.New(srv.Config(""), goboto.WithRetry(1, time.Millisecond))
	std, err := once.CreateQueue(ctx, sqs.QueueOptions{Name: "std"})
	if err != nil {
		t.Fatal(err)
	}
	srv.Faults().Add(fakes.Fault{Operation: "SendMessageBatch", Kind: fakes.ServerError, Times: 1})
	msgs, err = std.SendBatch(ctx, bodies(25))
	var ae *goboto.APIError
	if !errors.As(err, &be) || !errors.As(err, &ae) || ae.StatusCode != 500 {
		t.Fatalf("SendBatch with a failing call = %v; want a BatchError holding a 500", err)
	}
	if diff := cmp.Diff([]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, be.Indexes()); diff != "" {
		t.Errorf("failed indexes (-want +got):\n%s", diff)
	}
	if msgs[9] != nil || msgs[10] == nil || msgs[24] == nil {
		t.Errorf("messages 9, 10, 24 = %v, %v, %v", msgs[9], msgs[10], msgs[24])
	}
	if got := len(drain(t, std)); got != 15 {
		t.Errorf("queue holds %d; want 15", got)
	}

	// A cancelled context sends nothing and fails every entry.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	srv.ResetCalls()
	_, err = std.SendBatch(cancelled, bodies(3))
	if !errors.As(err, &be) || len(be.Failed) != 3 || !errors.Is(err, context.Canceled) || len(srv.Calls()) != 0 {
		t.Errorf("SendBatch(cancelled) = %v", err)
	}
}

// TestSendBatchChecksums checks each entry's attribute MD5, which
// aws-sdk-go-v2 never checks, and that a mismatch fails that entry
// alone while keeping its message, which SQS took.
func TestSendBatchChecksums(t *testing.T) {
	srv, plain := startFake(t)
	ctx := t.Context()
	newQueue(t, plain, sqs.QueueOptions{Name: "sums"})
	cfg := srv.Config("")
	for _, tt := range []struct {
		name   string
		extra  []goboto.Option
		failed []int
	}{
		{"checked", nil, []int{1}},
		{"off", []goboto.Option{sqs.WithoutChecksums()}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := append([]goboto.Option{sqs.WithClientOptions(func(o *sqsv2.Options) { o.HTTPClient = tamper{cfg.HTTPClient} })}, tt.extra...)
			q, err := sqs.New(cfg, opts...).LookupQueue(ctx, "sums")
			if err != nil {
				t.Fatal(err)
			}
			e := bodies(2)
			e[1].Attributes = map[string]sqs.Attribute{"k": sqs.String("v")}
			msgs, err := q.SendBatch(ctx, e)
			var be *sqs.BatchError
			var ce *sqs.ChecksumError
			if tt.failed == nil {
				if err != nil {
					t.Fatalf("SendBatch = %v", err)
				}
			} else if !errors.As(err, &be) || !errors.As(err, &ce) || ce.Part != "attributes" {
				t.Fatalf("SendBatch = %v; want a BatchError with a ChecksumError", err)
			}
			if diff := cmp.Diff(tt.failed, be.Indexes()); diff != "" {
				t.Errorf("failed (-want +got):\n%s", diff)
			}
			if msgs[0] == nil || msgs[1] == nil || msgs[1].ID == "" {
				t.Errorf("messages = %v", msgs)
			}
		})
	}
}

// TestReceiptBatches checks DeleteBatch and ChangeVisibilityBatch in
// calls of 10, with per-message failures reported by index.
func TestReceiptBatches(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	srv, conn := startFake(t, fakes.WithClock(clock.Now))
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "r", VisibilityTimeout: 30 * time.Second})
	other := newQueue(t, conn, sqs.QueueOptions{Name: "other"})
	if _, err := q.SendBatch(ctx, bodies(25)); err != nil {
		t.Fatal(err)
	}
	var msgs []*sqs.Message
	for len(msgs) < 25 {
		got, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10})
		if err != nil || len(got) == 0 {
			t.Fatalf("receive: %d, %v", len(got), err)
		}
		msgs = append(msgs, got...)
	}
	var ve *goboto.ValidationError
	for name, err := range map[string]error{
		"nil":          q.DeleteBatch(ctx, append([]*sqs.Message{nil}, msgs...)),
		"not received": q.ChangeVisibilityBatch(ctx, []*sqs.Message{{Body: "x"}}, 0),
		"other queue":  other.DeleteBatch(ctx, msgs),
		"empty":        q.DeleteBatch(ctx, nil),
		"13 h":         q.ChangeVisibilityBatch(ctx, msgs, 13*time.Hour),
	} {
		if !errors.As(err, &ve) {
			t.Errorf("%s: %v; want a ValidationError", name, err)
		}
	}
	srv.ResetCalls()
	// Hidden for 10 minutes: still in flight after 5.
	if err := q.ChangeVisibilityBatch(ctx, msgs, 10*time.Minute); err != nil {
		t.Fatal(err)
	}
	clock.Advance(5 * time.Minute)
	if n, err := q.Count(ctx); err != nil || n != (sqs.Count{InFlight: 25}) {
		t.Errorf("Count = %+v, %v; want 25 in flight", n, err)
	}
	// Visible at once with 0.
	if err := q.ChangeVisibilityBatch(ctx, msgs[:5], 0); err != nil {
		t.Fatal(err)
	}
	if n, err := q.Count(ctx); err != nil || n != (sqs.Count{Visible: 5, InFlight: 20}) {
		t.Errorf("Count = %+v, %v; want 5 visible, 20 in flight", n, err)
	}
	// A made-up receipt handle fails alone (DeleteMessageBatch:
	// ReceiptHandleIsInvalid for that entry).
	bad := &sqs.Message{ReceiptHandle: "made-up"}
	err := q.DeleteBatch(ctx, append(append(msgs[5:15:15], bad), msgs[15:]...))
	var be *sqs.BatchError
	if !errors.As(err, &be) || len(be.Failed) != 1 || be.Failed[0].Index != 10 || be.Failed[0].Code != "ReceiptHandleIsInvalid" {
		t.Fatalf("DeleteBatch = %v; want entry 10 ReceiptHandleIsInvalid", err)
	}
	if n, err := q.Count(ctx); err != nil || n != (sqs.Count{Visible: 5}) {
		t.Errorf("Count = %+v, %v; want 5 visible", n, err)
	}
	if got, want := calls(srv, "ChangeMessageVisibilityBatch")+calls(srv, "DeleteMessageBatch"), 3+1+3; got != want {
		t.Errorf("batch calls = %d; want %d", got, want)
	}
}
