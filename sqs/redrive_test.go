package sqs_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/sqs"
)

// TestDeadLetters sends a message that fails twice through a queue whose
// RedrivePolicy has maxReceiveCount 2, and finds it in the dead-letter
// queue with its ID and the ARN of the queue it came from (SQS Developer
// Guide, "Using dead-letter queues"), then lists the dead-letter queue's
// sources (ListDeadLetterSourceQueues) a page at a time.
func TestDeadLetters(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	srv, conn := startFake(t, fakes.WithClock(clock.Now))
	ctx := t.Context()
	dlq := newQueue(t, conn, sqs.QueueOptions{Name: "dead"})
	src := newQueue(t, conn, sqs.QueueOptions{Name: "work", RedrivePolicy: sqs.RedriveTo(dlq, 2)})
	other := newQueue(t, conn, sqs.QueueOptions{Name: "work-2", RedrivePolicy: sqs.RedriveTo(dlq, 9)})
	sent, err := src.Send(ctx, "poison")
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		got, err := src.Receive(ctx, sqs.ReceiveOptions{VisibilityTimeout: time.Second})
		if err != nil || len(got) != 1 {
			t.Fatalf("Receive = %v, %v; want the message", got, err)
		}
		clock.Advance(2 * time.Second)
	}
	if got, err := src.Receive(ctx, sqs.ReceiveOptions{}); err != nil || len(got) != 0 {
		t.Fatalf("third Receive = %v, %v; want nothing, the message moved", got, err)
	}
	got, err := dlq.Receive(ctx, sqs.ReceiveOptions{System: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameAll}})
	if err != nil || len(got) != 1 {
		t.Fatalf("dead-letter Receive = %v, %v", got, err)
	}
	if err := src.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	want := []string{sent.ID, "poison", src.ARN, "3"}
	have := []string{got[0].ID, got[0].Body, got[0].System["DeadLetterQueueSourceArn"], got[0].System["ApproximateReceiveCount"]}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("dead letter: ID, body, source, receives (-want +got):\n%s", diff)
	}

	var urls []string
	for q, err := range dlq.DeadLetterSources(ctx, sqs.PageSize(1)) {
		if err != nil {
			t.Fatal(err)
		}
		urls = append(urls, q.URL)
	}
	if diff := cmp.Diff([]string{src.URL, other.URL}, urls); diff != "" {
		t.Errorf("DeadLetterSources (-want +got):\n%s", diff)
	}
	lists := 0
	for _, c := range srv.Calls() {
		if c.Operation == "ListDeadLetterSourceQueues" {
			lists++
		}
	}
	if lists != 2 {
		t.Errorf("ListDeadLetterSourceQueues calls = %d; want 2 pages of one", lists)
	}
	// The listing takes no prefix.
	for _, err := range dlq.DeadLetterSources(ctx, sqs.Prefix("work")) {
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("DeadLetterSources(Prefix) = %v; want a ValidationError", err)
		}
	}
}
