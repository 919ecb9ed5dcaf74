package sqstest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

// TestFIFO checks FIFO delivery (Developer Guide, "Amazon SQS FIFO queue
// message ordering" and "exactly-once processing"): each group in order,
// no message of a group while another of it is in flight, and a
// deduplication ID seen in the last 5 minutes answered with the first
// message's ID and not delivered again, even after that message was
// deleted.
func TestFIFO(t *testing.T) {
	srv, clock, client := startClocked(t)
	ctx := t.Context()
	cqURL := mustQueue(t, client, "orders.fifo", map[string]string{"FifoQueue": "true", "VisibilityTimeout": "30"})
	u := cqURL
	send := func(group, dedup, body string) *sqs.SendMessageOutput {
		t.Helper()
		out, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String(body),
			MessageGroupId: aws.String(group), MessageDeduplicationId: aws.String(dedup)})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	a1 := send("a", "1", "a1")
	send("b", "2", "b1")
	send("a", "3", "a2")
	dup := send("a", "1", "a1 again")
	if aws.ToString(dup.MessageId) != aws.ToString(a1.MessageId) || aws.ToString(dup.SequenceNumber) != aws.ToString(a1.SequenceNumber) {
		t.Errorf("duplicate send answered %s; want the first message's ID %s", aws.ToString(dup.MessageId), aws.ToString(a1.MessageId))
	}
	receive := func(max int32) []string {
		t.Helper()
		out, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: u, MaxNumberOfMessages: max,
			MessageSystemAttributeNames: []types.MessageSystemAttributeName{"All"}})
		if err != nil {
			t.Fatal(err)
		}
		var bodies []string
		for _, m := range out.Messages {
			bodies = append(bodies, aws.ToString(m.Body)+"/"+m.Attributes["MessageGroupId"])
			if m.Attributes["SequenceNumber"] == "" {
				t.Errorf("%s has no SequenceNumber", aws.ToString(m.Body))
			}
		}
		return bodies
	}
	// One message of group a: a2 waits behind a1 while a1 is in flight.
	if diff := cmp.Diff([]string{"a1/a"}, receive(1)); diff != "" {
		t.Errorf("first receive (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"b1/b"}, receive(10)); diff != "" {
		t.Errorf("second receive (-want +got):\n%s", diff)
	}
	clock.Advance(31 * time.Second)
	out, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: u, MaxNumberOfMessages: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range out.Messages {
		got = append(got, aws.ToString(m.Body))
		if _, err := client.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: u, ReceiptHandle: m.ReceiptHandle}); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff([]string{"a1", "b1", "a2"}, got); diff != "" {
		t.Errorf("after the timeout (-want +got):\n%s", diff)
	}
	// The deduplication interval outlives the deletion of a1...
	clock.Advance(4 * time.Minute)
	send("a", "1", "a1 late")
	if v, f, d, _ := srv.Counts(srv.Account(), srv.Region(), "orders.fifo"); v+f+d != 0 {
		t.Errorf("a duplicate within 5 minutes was queued: %d %d %d", v, f, d)
	}
	// ...and ends 5 minutes after the first send.
	clock.Advance(time.Minute)
	send("a", "1", "a1 new")
	if v, _, _, _ := srv.Counts(srv.Account(), srv.Region(), "orders.fifo"); v != 1 {
		t.Errorf("a send after the interval: %d visible; want 1", v)
	}
}

// TestFIFOSendRules checks SendMessage's FIFO rules: MessageGroupId is
// required; so is MessageDeduplicationId unless the queue has
// ContentBasedDeduplication, in which case an identical body is a
// duplicate; DelaySeconds cannot be set per message.
func TestFIFOSendRules(t *testing.T) {
	srv := Start(t)
	ctx := t.Context()
	client := sqs.NewFromConfig(srv.Config(""))
	plainURL := mustQueue(t, client, "p.fifo", map[string]string{"FifoQueue": "true"})
	contentURL := mustQueue(t, client, "c.fifo", map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"})
	for name, tt := range map[string]struct {
		in   *sqs.SendMessageInput
		code string
	}{
		"no group":       {&sqs.SendMessageInput{QueueUrl: plainURL, MessageBody: aws.String("x"), MessageDeduplicationId: aws.String("d")}, "MissingParameter"},
		"no dedup":       {&sqs.SendMessageInput{QueueUrl: plainURL, MessageBody: aws.String("x"), MessageGroupId: aws.String("g")}, "InvalidParameterValue"},
		"per-msg delay":  {&sqs.SendMessageInput{QueueUrl: contentURL, MessageBody: aws.String("x"), MessageGroupId: aws.String("g"), DelaySeconds: 5}, "InvalidParameterValue"},
		"group too long": {&sqs.SendMessageInput{QueueUrl: contentURL, MessageBody: aws.String("x"), MessageGroupId: aws.String(strings.Repeat("g", 129))}, "InvalidParameterValue"},
	} {
		before := srv.digest()
		_, err := client.SendMessage(ctx, tt.in)
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != tt.code {
			t.Errorf("%s: %v; want %s", name, err, tt.code)
		}
		if srv.digest() != before {
			t.Errorf("%s: refused send changed the state", name)
		}
	}
	first, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: contentURL, MessageBody: aws.String("same"), MessageGroupId: aws.String("g")})
	if err != nil {
		t.Fatal(err)
	}
	second, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: contentURL, MessageBody: aws.String("same"), MessageGroupId: aws.String("h")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(first.MessageId) != aws.ToString(second.MessageId) {
		t.Error("content-based deduplication let an identical body through")
	}
}
