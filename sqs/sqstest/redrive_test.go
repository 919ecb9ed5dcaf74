package sqstest

import (
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"
)

func redrive(arn string, max int) map[string]string {
	return map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + arn + `","maxReceiveCount":` + strconv.Itoa(max) + `}`}
}

// receiveAll receives up to 10 messages with every system and message
// attribute, hiding them for vis seconds.
func receiveAll(t *testing.T, client *sqs.Client, u *string, vis int32) []types.Message {
	t.Helper()
	out, err := client.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: u, MaxNumberOfMessages: 10, VisibilityTimeout: vis,
		MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameAll},
		MessageAttributeNames:       []string{"All"}})
	if err != nil {
		t.Fatal(err)
	}
	return out.Messages
}

// TestDeadLetterQueue checks the redrive to a dead-letter queue, as the
// Developer Guide's "Using dead-letter queues" and
// SetQueueAttributes, RedrivePolicy describe it: "When the ReceiveCount
// for a message exceeds the maxReceiveCount for a queue, Amazon SQS
// moves the message to the dead-letter-queue", which happens at the
// receive that would exceed it. The message keeps its ID, body,
// attributes and receive count, and gains DeadLetterQueueSourceArn (as
// recorded against AWS in localstack's
// test_dead_letter_queue_message_attributes).
func TestDeadLetterQueue(t *testing.T) {
	_, clock, client := startClocked(t)
	ctx := t.Context()
	dlq := mustQueue(t, client, "dead", nil)
	dlqARN := allAttrs(t, client, dlq)["QueueArn"]
	src := mustQueue(t, client, "work", redrive(dlqARN, 2))
	srcARN := allAttrs(t, client, src)["QueueArn"]
	sent, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: src, MessageBody: aws.String("poison"),
		MessageAttributes: map[string]types.MessageAttributeValue{"k": {DataType: aws.String("String"), StringValue: aws.String("v")}}})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 2; i++ {
		got := receiveAll(t, client, src, 10)
		if len(got) != 1 || got[0].Attributes["ApproximateReceiveCount"] != strconv.Itoa(i) {
			t.Fatalf("receive %d from the source = %+v; want the message, received %d times", i, got, i)
		}
		clock.Advance(11 * time.Second)
	}
	// Visible again after two receives: still in the source until a
	// receive would hand it out a third time.
	if n := allAttrs(t, client, src)["ApproximateNumberOfMessages"]; n != "1" {
		t.Errorf("source visible count before the third receive = %s; want 1", n)
	}
	if got := receiveAll(t, client, src, 10); len(got) != 0 {
		t.Fatalf("third receive from the source = %+v; want nothing, the message moved", got)
	}
	got := receiveAll(t, client, dlq, 10)
	if len(got) != 1 {
		t.Fatalf("dead-letter queue holds %d messages; want 1", len(got))
	}
	m := got[0]
	want := []string{aws.ToString(sent.MessageId), "poison", "v", "3", srcARN}
	have := []string{aws.ToString(m.MessageId), aws.ToString(m.Body), aws.ToString(m.MessageAttributes["k"].StringValue),
		m.Attributes["ApproximateReceiveCount"], m.Attributes["DeadLetterQueueSourceArn"]}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("message in the dead-letter queue: ID, body, attribute, receive count, source (-want +got):\n%s", diff)
	}

	// ListDeadLetterSourceQueues: "a list of your queues that have the
	// RedrivePolicy queue attribute configured with a dead-letter queue",
	// a page at a time with MaxResults and NextToken.
	mustQueue(t, client, "work-2", redrive(dlqARN, 5))
	mustQueue(t, client, "unrelated", nil)
	var urls []string
	var token *string
	pages := 0
	for {
		out, err := client.ListDeadLetterSourceQueues(ctx, &sqs.ListDeadLetterSourceQueuesInput{QueueUrl: dlq, MaxResults: aws.Int32(1), NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		urls = append(urls, out.QueueUrls...)
		if token = out.NextToken; token == nil {
			break
		}
	}
	if diff := cmp.Diff([]string{aws.ToString(src), aws.ToString(src) + "-2"}, urls); diff != "" || pages != 2 {
		t.Errorf("ListDeadLetterSourceQueues in %d pages (-want +got):\n%s", pages, diff)
	}
	// A queue no queue redrives to has no sources, and SQS still answers
	// the (required) queueUrls member.
	out, err := client.ListDeadLetterSourceQueues(ctx, &sqs.ListDeadLetterSourceQueuesInput{QueueUrl: src})
	if err != nil || len(out.QueueUrls) != 0 || out.QueueUrls == nil {
		t.Errorf("ListDeadLetterSourceQueues(source) = %v, %v; want an empty list", out, err)
	}
}

// TestDeadLetterFIFO checks a FIFO queue's dead-letter queue gets the
// message with its group, deduplication ID and sequence number, and that
// the next message of the group becomes receivable once the poison one
// has moved (Developer Guide, "Avoid large message backlogs with the
// same message group ID": a DLQ "ensures that other messages in the same
// message group can be processed").
func TestDeadLetterFIFO(t *testing.T) {
	_, clock, client := startClocked(t)
	ctx := t.Context()
	dlq := mustQueue(t, client, "dead.fifo", map[string]string{"FifoQueue": "true"})
	attrs := redrive(allAttrs(t, client, dlq)["QueueArn"], 1)
	attrs["FifoQueue"] = "true"
	src := mustQueue(t, client, "work.fifo", attrs)
	for _, body := range []string{"first", "second"} {
		if _, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: src, MessageBody: aws.String(body),
			MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String(body)}); err != nil {
			t.Fatal(err)
		}
	}
	out, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: src, VisibilityTimeout: 5})
	if err != nil || len(out.Messages) != 1 || aws.ToString(out.Messages[0].Body) != "first" {
		t.Fatalf("first receive = %v, %v", out, err)
	}
	clock.Advance(6 * time.Second)
	got := receiveAll(t, client, src, 5)
	if len(got) != 1 || aws.ToString(got[0].Body) != "second" {
		t.Fatalf("second receive = %+v; want the second message, the first moved", got)
	}
	dead := receiveAll(t, client, dlq, 5)
	if len(dead) != 1 || aws.ToString(dead[0].Body) != "first" || dead[0].Attributes["MessageGroupId"] != "g" ||
		dead[0].Attributes["MessageDeduplicationId"] != "first" || dead[0].Attributes["SequenceNumber"] == "" {
		t.Errorf("dead-letter queue = %+v; want the first message with its group, dedup ID and sequence number", dead)
	}
}

// TestRedrivePolicyRules checks what SetQueueAttributes refuses in a
// RedrivePolicy and RedriveAllowPolicy, each with InvalidParameterValue
// ("Value ... for parameter RedrivePolicy is invalid. Reason: ...").
func TestRedrivePolicyRules(t *testing.T) {
	srv, _, client := startClocked(t)
	ctx := t.Context()
	std := mustQueue(t, client, "std-dlq", nil)
	stdARN := allAttrs(t, client, std)["QueueArn"]
	fifo := mustQueue(t, client, "f-dlq.fifo", map[string]string{"FifoQueue": "true"})
	fifoARN := allAttrs(t, client, fifo)["QueueArn"]
	src := mustQueue(t, client, "src", nil)
	srcARN := allAttrs(t, client, src)["QueueArn"]
	closed := mustQueue(t, client, "closed", map[string]string{"RedriveAllowPolicy": `{"redrivePermission":"denyAll"}`})
	closedARN := allAttrs(t, client, closed)["QueueArn"]
	picky := mustQueue(t, client, "picky", map[string]string{"RedriveAllowPolicy": `{"redrivePermission":"byQueue","sourceQueueArns":["` + srcARN + `"]}`})
	pickyARN := allAttrs(t, client, picky)["QueueArn"]
	other := mustQueue(t, client, "other", nil)

	tests := []struct {
		name  string
		queue *string
		attrs map[string]string
		ok    bool
	}{
		{"maxReceiveCount 1", src, redrive(stdARN, 1), true},
		{"maxReceiveCount 1000", src, redrive(stdARN, 1000), true},
		{"maxReceiveCount 1001", src, redrive(stdARN, 1001), false},
		{"maxReceiveCount as a string", src, map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + stdARN + `","maxReceiveCount":"7"}`}, true},
		{"no such target", src, redrive(stdARN+"-gone", 3), false},
		{"not an ARN", src, redrive("dummy", 3), false},
		// "The dead-letter queue of a FIFO queue must also be a FIFO
		// queue. Similarly, the dead-letter queue of a standard queue must
		// also be a standard queue."
		{"FIFO target for a standard queue", src, redrive(fifoARN, 3), false},
		{"not JSON", src, map[string]string{"RedrivePolicy": "deadLetterTargetArn"}, false},
		{"an unknown member", src, map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + stdARN + `","maxReceiveCount":3,"x":1}`}, false},
		// RedriveAllowPolicy: denyAll, "No source queues can specify this
		// queue as the dead-letter queue"; byQueue, "Only queues specified
		// by the sourceQueueArns parameter".
		{"target denies all", src, redrive(closedARN, 3), false},
		{"target allows this source", src, redrive(pickyARN, 3), true},
		{"target allows another source", other, redrive(pickyARN, 3), false},
		// "You can specify up to 10 source queue ARNs", and only with byQueue.
		{"11 source ARNs", std, map[string]string{"RedriveAllowPolicy": `{"redrivePermission":"byQueue","sourceQueueArns":["` +
			srcARN + `","` + srcARN + `","` + srcARN + `","` + srcARN + `","` + srcARN + `","` + srcARN + `","` + srcARN + `","` +
			srcARN + `","` + srcARN + `","` + srcARN + `","` + srcARN + `"]}`}, false},
		{"sources with allowAll", std, map[string]string{"RedriveAllowPolicy": `{"redrivePermission":"allowAll","sourceQueueArns":["` + srcARN + `"]}`}, false},
		{"unknown permission", std, map[string]string{"RedriveAllowPolicy": `{"redrivePermission":"some"}`}, false},
		{"allowAll", std, map[string]string{"RedriveAllowPolicy": `{"redrivePermission":"allowAll"}`}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.digest()
			_, err := client.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: tt.queue, Attributes: tt.attrs})
			if tt.ok {
				if err != nil {
					t.Fatalf("SetQueueAttributes(%v) = %v; want success", tt.attrs, err)
				}
				return
			}
			if apiCode(err) != "InvalidParameterValue" {
				t.Fatalf("SetQueueAttributes(%v) = %v; want InvalidParameterValue", tt.attrs, err)
			}
			if srv.digest() != before {
				t.Error("a refused request changed the state")
			}
		})
	}
}
