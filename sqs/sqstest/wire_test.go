package sqstest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"
)

// TestVisibilityOnClock sends, receives and checks SQS's visibility
// timeout on the server's clock (Developer Guide, "Amazon SQS visibility
// timeout": a received message is hidden from other consumers for the
// timeout, then visible again with a new receipt handle), with the
// attribute MD5 aws-sdk-go-v2 does not check compared here.
func TestVisibilityOnClock(t *testing.T) {
	srv, clock, client := startClocked(t)
	ctx := t.Context()
	cqURL := mustQueue(t, client, "work", map[string]string{"VisibilityTimeout": "10"})
	attrs := map[string]types.MessageAttributeValue{"color": {DataType: aws.String("String"), StringValue: aws.String("red")}}
	sent, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: cqURL, MessageBody: aws.String("hello"), MessageAttributes: attrs})
	if err != nil {
		t.Fatal(err)
	}
	want := attributesMD5(map[string]attr{"color": {DataType: "String", StringValue: "red"}})
	if got := aws.ToString(sent.MD5OfMessageAttributes); got != want {
		t.Errorf("SendMessage MD5OfMessageAttributes = %q; want %q", got, want)
	}
	receive := func() []types.Message {
		t.Helper()
		out, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: cqURL, MessageAttributeNames: []string{"All"},
			MessageSystemAttributeNames: []types.MessageSystemAttributeName{"ApproximateReceiveCount"}})
		if err != nil {
			t.Fatal(err)
		}
		return out.Messages
	}
	first := receive()
	if len(first) != 1 || aws.ToString(first[0].MD5OfMessageAttributes) != want || first[0].Attributes["ApproximateReceiveCount"] != "1" {
		t.Fatalf("first receive = %+v", first)
	}
	if got := receive(); len(got) != 0 {
		t.Fatalf("received %d messages inside the visibility timeout; want 0", len(got))
	}
	if v, f, d, _ := srv.Counts(srv.Account(), srv.Region(), "work"); v != 0 || f != 1 || d != 0 {
		t.Errorf("Counts = %d, %d, %d; want 0, 1, 0", v, f, d)
	}
	clock.Advance(11 * time.Second)
	second := receive()
	if len(second) != 1 || second[0].Attributes["ApproximateReceiveCount"] != "2" {
		t.Fatalf("receive after the timeout = %+v", second)
	}
	// The first handle is stale: DeleteMessage succeeds but keeps the
	// message (DeleteMessage: "you must provide the most recently
	// received receipt handle ... otherwise, the request succeeds, but
	// the message will not be deleted").
	if _, err := client.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: cqURL, ReceiptHandle: first[0].ReceiptHandle}); err != nil {
		t.Fatal(err)
	}
	if _, _, _, ok := srv.Counts(srv.Account(), srv.Region(), "work"); !ok {
		t.Fatal("queue gone")
	}
	if v, f, _, _ := srv.Counts(srv.Account(), srv.Region(), "work"); v+f != 1 {
		t.Fatalf("a stale handle deleted the message")
	}
	if _, err := client.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: cqURL, ReceiptHandle: second[0].ReceiptHandle}); err != nil {
		t.Fatal(err)
	}
	if v, f, d, _ := srv.Counts(srv.Account(), srv.Region(), "work"); v+f+d != 0 {
		t.Errorf("after DeleteMessage: %d, %d, %d messages", v, f, d)
	}
}

// TestLongPollWakes checks a long poll returns as soon as a message
// arrives (Developer Guide, "Amazon SQS short and long polling": long
// polling "returns messages as soon as they become available").
func TestLongPollWakes(t *testing.T) {
	srv := Start(t)
	ctx := t.Context()
	client := sqs.NewFromConfig(srv.Config(""))
	if err := srv.CreateQueue(srv.Account(), srv.Region(), "poll"); err != nil {
		t.Fatal(err)
	}
	u, err := client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("poll")})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []types.Message, 1)
	go func() {
		out, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: u.QueueUrl, WaitTimeSeconds: 20})
		if err != nil {
			t.Error(err)
			done <- nil
			return
		}
		done <- out.Messages
	}()
	if _, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u.QueueUrl, MessageBody: aws.String("wake")}); err != nil {
		t.Fatal(err)
	}
	msgs := <-done
	// The send may land before the poll starts; either way the poll
	// must return the message rather than wait out its 20 seconds.
	if len(msgs) != 1 || aws.ToString(msgs[0].Body) != "wake" {
		t.Fatalf("long poll got %+v", msgs)
	}
}

// TestErrorCodes checks the codes on the wire: QueueDoesNotExist in
// __type and AWS.SimpleQueueService.NonExistentQueue in
// x-amzn-query-error, which aws-sdk-go-v2 reports as the code
// (aws-sdk-go-v2#1319), and the 60-second purge rule.
func TestErrorCodes(t *testing.T) {
	srv := Start(t)
	ctx := t.Context()
	client := sqs.NewFromConfig(srv.Config(""))
	_, err := client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("missing")})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "AWS.SimpleQueueService.NonExistentQueue" {
		t.Errorf("GetQueueUrl of a missing queue: %v; want AWS.SimpleQueueService.NonExistentQueue", err)
	}
	cqURL := mustQueue(t, client, "p", nil)
	if _, err := client.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: cqURL}); err != nil {
		t.Fatal(err)
	}
	_, err = client.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: cqURL})
	if !errors.As(err, &ae) || ae.ErrorCode() != "AWS.SimpleQueueService.PurgeQueueInProgress" {
		t.Errorf("second PurgeQueue: %v; want PurgeQueueInProgress", err)
	}
	_, err = client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: cqURL, MessageBody: aws.String("bad \x01")})
	if !errors.As(err, &ae) || ae.ErrorCode() != "InvalidMessageContents" {
		t.Errorf("SendMessage with U+0001: %v; want InvalidMessageContents", err)
	}
}

// TestLongPollEndsWithClient checks a long poll stops waiting when its
// client goes away, rather than holding the server for 20 seconds.
func TestLongPollEndsWithClient(t *testing.T) {
	srv := Start(t)
	client := sqs.NewFromConfig(srv.Config(""))
	if err := srv.CreateQueue(srv.Account(), srv.Region(), "gone"); err != nil {
		t.Fatal(err)
	}
	u := srv.URL() + "/" + srv.Account() + "/gone"
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(u), WaitTimeSeconds: 20})
		done <- err
	}()
	for srv.polling.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("ReceiveMessage = %v; want context.Canceled", err)
	}
	for srv.polling.Load() != 0 {
		time.Sleep(time.Millisecond)
	}
}

// TestRetentionAndQueueDelay checks a queue's DelaySeconds hides new
// messages (Developer Guide, "Amazon SQS delay queues") and
// MessageRetentionPeriod drops old ones (CreateQueue:
// MessageRetentionPeriod, "the length of time ... for which Amazon SQS
// retains a message"), both on the server's clock.
func TestRetentionAndQueueDelay(t *testing.T) {
	srv, clock, client := startClocked(t)
	ctx := t.Context()
	cqURL := mustQueue(t, client, "r", map[string]string{"DelaySeconds": "10", "MessageRetentionPeriod": "60"})
	if _, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: cqURL, MessageBody: aws.String("x")}); err != nil {
		t.Fatal(err)
	}
	counts := func() [3]int {
		v, f, d, _ := srv.Counts(srv.Account(), srv.Region(), "r")
		return [3]int{v, f, d}
	}
	if got := counts(); got != [3]int{0, 0, 1} {
		t.Errorf("after send: %v; want delayed", got)
	}
	clock.Advance(10 * time.Second)
	if got := counts(); got != [3]int{1, 0, 0} {
		t.Errorf("after the delay: %v; want visible", got)
	}
	clock.Advance(50 * time.Second)
	if got := counts(); got != [3]int{0, 0, 0} {
		t.Errorf("after the retention period: %v; want gone", got)
	}
}
