package sqs_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/sqs"
)

// TestFairQueueGroup sends with a group ID to a standard queue (a fair
// queue: "In standard queues, using MessageGroupId enables fair queues",
// Developer Guide, message quotas) and receives it as the message's
// GroupID, with no sequence number.
func TestFairQueueGroup(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "fair"})
	sent, err := q.Send(ctx, "hello", sqs.Group("tenant-1"))
	if err != nil {
		t.Fatal(err)
	}
	if sent.GroupID != "tenant-1" || sent.SequenceNumber != "" {
		t.Errorf("sent: group %q, sequence %q", sent.GroupID, sent.SequenceNumber)
	}
	got, err := q.Receive(ctx, sqs.ReceiveOptions{System: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameMessageGroupId}})
	if err != nil || len(got) != 1 {
		t.Fatalf("Receive = %v, %v", got, err)
	}
	if got[0].GroupID != "tenant-1" || got[0].SequenceNumber != "" || got[0].DeduplicationID != "" {
		t.Errorf("received: group %q, sequence %q, dedup %q; want tenant-1 only", got[0].GroupID, got[0].SequenceNumber, got[0].DeduplicationID)
	}
}

// TestCountSplit checks Count's three parts against the fake's clock:
// visible, in flight (received, not yet visible again) and delayed
// (GetQueueAttributes' ApproximateNumberOfMessages, ...NotVisible and
// ...Delayed).
func TestCountSplit(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	_, conn := startFake(t, fakes.WithClock(clock.Now))
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "counted"})
	for _, d := range []time.Duration{0, 0, 0, time.Minute} {
		if _, err := q.Send(ctx, "m", sqs.Delay(d)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 2, VisibilityTimeout: 2 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		advance time.Duration
		want    sqs.Count
	}{
		{0, sqs.Count{Visible: 1, InFlight: 2, Delayed: 1}},
		{61 * time.Second, sqs.Count{Visible: 2, InFlight: 2}},
		{time.Minute, sqs.Count{Visible: 4}},
	}
	for _, s := range steps {
		clock.Advance(s.advance)
		got, err := q.Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(s.want, got); diff != "" || got.Total() != 4 {
			t.Errorf("after %s: Count (-want +got):\n%s", s.advance, diff)
		}
	}
}

// TestSixtySeconds checks the 60-second rules arrive typed: PurgeQueue
// once a minute (PurgeQueueInProgress) and a deleted queue's name free
// again after 60 seconds (QueueDeletedRecently), on the fake's clock.
func TestSixtySeconds(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	_, conn := startFake(t, fakes.WithClock(clock.Now))
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "again"})
	if err := q.Purge(ctx); err != nil {
		t.Fatal(err)
	}
	var inProgress *types.PurgeQueueInProgress
	if err := q.Purge(ctx); !errors.As(err, &inProgress) {
		t.Errorf("second Purge = %v; want PurgeQueueInProgress", err)
	}
	clock.Advance(time.Minute)
	if err := q.Purge(ctx); err != nil {
		t.Errorf("Purge a minute later = %v", err)
	}
	if err := q.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	var recently *types.QueueDeletedRecently
	if _, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "again"}); !errors.As(err, &recently) {
		t.Errorf("CreateQueue right after DeleteQueue = %v; want QueueDeletedRecently", err)
	}
	clock.Advance(time.Minute)
	if _, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "again"}); err != nil {
		t.Errorf("CreateQueue a minute after DeleteQueue = %v", err)
	}
}
