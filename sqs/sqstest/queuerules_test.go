package sqstest

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
)

// TestFairQueue checks a standard queue takes a MessageGroupId (Developer
// Guide, "Amazon SQS message quotas", Message group ID: "In standard
// queues, using MessageGroupId enables fair queues") and answers it as
// the MessageGroupId system attribute, with no deduplication ID or
// sequence number (as recorded against AWS in localstack's
// test_fair_queue_with_message_group_id), and without FIFO's rule of one
// group's messages in flight at a time.
func TestFairQueue(t *testing.T) {
	_, _, client := startClocked(t)
	ctx := t.Context()
	u := mustQueue(t, client, "fair", nil)
	for _, body := range []string{"a1", "a2"} {
		out, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String(body), MessageGroupId: aws.String("tenant-a")})
		if err != nil {
			t.Fatal(err)
		}
		if out.SequenceNumber != nil {
			t.Errorf("SendMessage to a standard queue answered SequenceNumber %s", aws.ToString(out.SequenceNumber))
		}
	}
	got := receiveAll(t, client, u, 30)
	if len(got) != 2 {
		t.Fatalf("received %d messages of one group at once; want both, a standard queue holds no group back", len(got))
	}
	for _, m := range got {
		a := m.Attributes
		if a["MessageGroupId"] != "tenant-a" || a["MessageDeduplicationId"] != "" || a["SequenceNumber"] != "" {
			t.Errorf("system attributes = %v; want MessageGroupId tenant-a only", a)
		}
	}
}

// TestCountSplit checks the three Approximate* counts: visible
// (ApproximateNumberOfMessages), received and hidden
// (ApproximateNumberOfMessagesNotVisible: "messages that are in flight")
// and waiting out a delay (ApproximateNumberOfMessagesDelayed: "messages
// in the queue that are delayed and not available for reading
// immediately"), as GetQueueAttributes documents them.
func TestCountSplit(t *testing.T) {
	_, clock, client := startClocked(t)
	ctx := t.Context()
	u := mustQueue(t, client, "counted", nil)
	send := func(delay int32) {
		if _, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String("m"), DelaySeconds: delay}); err != nil {
			t.Fatal(err)
		}
	}
	send(0)
	send(0)
	send(0)
	send(60)
	if _, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: u, MaxNumberOfMessages: 2, VisibilityTimeout: 120}); err != nil {
		t.Fatal(err)
	}
	count := func() []string {
		a := allAttrs(t, client, u)
		return []string{a["ApproximateNumberOfMessages"], a["ApproximateNumberOfMessagesNotVisible"], a["ApproximateNumberOfMessagesDelayed"]}
	}
	if diff := cmp.Diff([]string{"1", "2", "1"}, count()); diff != "" {
		t.Errorf("visible, in flight, delayed (-want +got):\n%s", diff)
	}
	clock.Advance(61 * time.Second)
	if diff := cmp.Diff([]string{"2", "2", "0"}, count()); diff != "" {
		t.Errorf("after the delay (-want +got):\n%s", diff)
	}
	clock.Advance(60 * time.Second)
	if diff := cmp.Diff([]string{"4", "0", "0"}, count()); diff != "" {
		t.Errorf("after the visibility timeout (-want +got):\n%s", diff)
	}
}

// TestSixtySecondRules checks the two 60-second rules on the fake's
// clock: PurgeQueue, "only one PurgeQueue action is allowed every 60
// seconds" (PurgeQueueInProgress before), and CreateQueue, "After you
// delete a queue, you must wait at least 60 seconds before creating a
// queue with the same name" (QueueDeletedRecently before).
func TestSixtySecondRules(t *testing.T) {
	srv, clock, client := startClocked(t)
	ctx := t.Context()
	u := mustQueue(t, client, "sixty", nil)
	purge := func() error { _, err := client.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: u}); return err }
	if err := purge(); err != nil {
		t.Fatal(err)
	}
	clock.Advance(59 * time.Second)
	if err := purge(); apiCode(err) != "AWS.SimpleQueueService.PurgeQueueInProgress" {
		t.Errorf("purge after 59 s = %v; want PurgeQueueInProgress", err)
	}
	clock.Advance(time.Second)
	if err := purge(); err != nil {
		t.Errorf("purge after 60 s = %v; want success", err)
	}
	if _, err := client.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: u}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(59 * time.Second)
	before := srv.digest()
	if _, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("sixty")}); apiCode(err) != "AWS.SimpleQueueService.QueueDeletedRecently" {
		t.Errorf("CreateQueue 59 s after DeleteQueue = %v; want QueueDeletedRecently", err)
	}
	if srv.digest() != before {
		t.Error("a refused CreateQueue changed the state")
	}
	clock.Advance(time.Second)
	if _, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("sixty")}); err != nil {
		t.Errorf("CreateQueue 60 s after DeleteQueue = %v; want success", err)
	}
}

// TestInFlightLimit checks the in-flight quota of 120,000 messages:
// a standard queue answers a short poll OverLimit and a long poll
// nothing ("If you reach this quota while using short polling, Amazon SQS
// returns the OverLimit error message. If you use long polling, Amazon
// SQS returns no error messages", "Amazon SQS standard queue quotas");
// a FIFO queue answers no error and no message ("Amazon SQS FIFO queue
// quotas": "If this limit is reached, Amazon SQS does not return an
// error"). The queues are filled in memory: 120,000 sends would take
// minutes.
func TestInFlightLimit(t *testing.T) {
	srv, clock, client := startClocked(t)
	ctx := t.Context()
	for _, name := range []string{"busy", "busy.fifo"} {
		attrs := map[string]string(nil)
		if name == "busy.fifo" {
			attrs = map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"}
		}
		u := mustQueue(t, client, name, attrs)
		// Two visible messages to receive, then the queue filled with
		// in-flight ones up to one short of the limit.
		for _, g := range []string{"g1", "g2"} {
			in := &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String("last " + g)}
			if name == "busy.fifo" {
				in.MessageGroupId = aws.String(g)
			}
			if _, err := client.SendMessage(ctx, in); err != nil {
				t.Fatal(err)
			}
		}
		reg := srv.regions.Get(fake.TestAccountID, "us-east-1")
		reg.mu.Lock()
		q := reg.queues[name]
		for i := range maxInFlight - 1 {
			q.messages = append(q.messages, &message{id: messageID(uint64(i)), body: "x", sent: clock.Now(), receives: 1,
				visibleAt: clock.Now().Add(time.Hour), group: "held"})
		}
		reg.mu.Unlock()

		receive := func(wait int32) ([]types.Message, error) {
			out, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: u, MaxNumberOfMessages: 10, WaitTimeSeconds: wait})
			if err != nil {
				return nil, err
			}
			return out.Messages, nil
		}
		got, err := receive(0)
		if err != nil || len(got) != 1 {
			t.Fatalf("%s: receive one short of the limit = %d messages, %v; want 1", name, len(got), err)
		}
		got, err = receive(0)
		switch {
		case name == "busy" && apiCode(err) != "OverLimit":
			t.Errorf("%s: short poll at the limit = %d, %v; want OverLimit", name, len(got), err)
		case name == "busy.fifo" && (err != nil || len(got) != 0):
			t.Errorf("%s: short poll at the limit = %d, %v; want no message and no error", name, len(got), err)
		}
		if got, err := receive(1); err != nil || len(got) != 0 {
			t.Errorf("%s: long poll at the limit = %d, %v; want no message and no error", name, len(got), err)
		}
	}
}
