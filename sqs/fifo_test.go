package sqs_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sqs"
)

// TestFIFO sends to a FIFO queue with content-based deduplication
// (Developer Guide, "exactly-once processing"): an identical body within
// 5 minutes is the same message, and group, deduplication ID and
// sequence number come back on receive.
func TestFIFO(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "orders.fifo", FIFO: true, ContentBasedDeduplication: true})
	if err := q.Refresh(ctx); err != nil || !q.FIFO || !q.ContentBasedDeduplication {
		t.Fatalf("Refresh = %v; FIFO %v, ContentBasedDeduplication %v", err, q.FIFO, q.ContentBasedDeduplication)
	}
	first, err := q.Send(ctx, "order 1", sqs.Group("c1"))
	if err != nil {
		t.Fatal(err)
	}
	if first.Queue() != q || first.Conn() != q.Conn() {
		t.Errorf("sent message: Queue() = %v, Conn() = %v; want its queue and connection", first.Queue(), first.Conn())
	}
	again, err := q.Send(ctx, "order 1", sqs.Group("c1"))
	if err != nil {
		t.Fatal(err)
	}
	if first.SequenceNumber == "" || again.ID != first.ID {
		t.Errorf("sends = %+v, %+v; want one message with a sequence number", first, again)
	}
	if _, err := q.Send(ctx, "order 2", sqs.Group("c1"), sqs.Deduplication("o2")); err != nil {
		t.Fatal(err)
	}
	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, System: []types.MessageSystemAttributeName{"All"}})
	if err != nil {
		t.Fatal(err)
	}
	var got [][3]string
	for _, m := range msgs {
		got = append(got, [3]string{m.Body, m.GroupID, m.DeduplicationID})
	}
	// CreateQueue, ContentBasedDeduplication: "Amazon SQS uses a
	// SHA-256 hash to generate the MessageDeduplicationId using the body
	// of the message".
	sum := sha256.Sum256([]byte("order 1"))
	want := [][3]string{
		{"order 1", "c1", hex.EncodeToString(sum[:])},
		{"order 2", "c1", "o2"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("received (-want +got):\n%s", diff)
	}
}

// TestFIFOValidation checks Send's FIFO rules before sending.
func TestFIFOValidation(t *testing.T) {
	srv, conn := startFake(t)
	fifo := conn.Queue(srv.URL() + "/" + srv.Account() + "/x.fifo")
	std := conn.Queue(srv.URL() + "/" + srv.Account() + "/x")
	tests := map[string]struct {
		q    *sqs.Queue
		opts []sqs.SendOption
	}{
		"no group":           {fifo, nil},
		"per-message delay":  {fifo, []sqs.SendOption{sqs.Group("g"), sqs.Delay(time.Second)}},
		"dedup on standard":  {std, []sqs.SendOption{sqs.Deduplication("d")}},
		"group with a space": {fifo, []sqs.SendOption{sqs.Group("a b")}},
	}
	for name, tt := range tests {
		_, err := tt.q.Send(t.Context(), "x", tt.opts...)
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: %v; want a ValidationError", name, err)
		}
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls reached the fake", n)
	}
}
