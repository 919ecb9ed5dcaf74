package suite

import (
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssqs "github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto/sqs"
)

// testBatches checks SendMessageBatch and DeleteMessageBatch (SQS API
// Reference): up to 10 entries, each answered by its Id; more is
// TooManyEntriesInBatchRequest, none EmptyBatchRequest, a repeated Id
// BatchEntryIdsNotDistinct.
func testBatches(t *testing.T, e *Env) {
	ctx := t.Context()
	q := e.queue(t, sqs.QueueOptions{})
	client := e.Conn.Client()
	entries := func(n int) []types.SendMessageBatchRequestEntry {
		out := make([]types.SendMessageBatchRequestEntry, n)
		for i := range out {
			out[i] = types.SendMessageBatchRequestEntry{Id: aws.String("e" + strconv.Itoa(i)), MessageBody: aws.String("body " + strconv.Itoa(i))}
		}
		return out
	}
	out, err := client.SendMessageBatch(ctx, &awssqs.SendMessageBatchInput{QueueUrl: aws.String(q.URL), Entries: entries(3)})
	if err != nil || len(out.Successful) != 3 || len(out.Failed) != 0 {
		t.Fatalf("%s: SendMessageBatch = %+v, %v; want 3 successful", e.Name, out, err)
	}
	msgs := e.receive(t, q, sqs.ReceiveOptions{MaxMessages: 10})
	for len(msgs) < 3 {
		more := e.receive(t, q, sqs.ReceiveOptions{MaxMessages: 10, WaitTime: 1e9})
		if len(more) == 0 {
			break
		}
		msgs = append(msgs, more...)
	}
	if len(msgs) != 3 {
		t.Fatalf("%s: received %d of 3 batched messages", e.Name, len(msgs))
	}
	var del []types.DeleteMessageBatchRequestEntry
	for i, m := range msgs {
		del = append(del, types.DeleteMessageBatchRequestEntry{Id: aws.String("d" + strconv.Itoa(i)), ReceiptHandle: aws.String(m.ReceiptHandle)})
	}
	dout, err := client.DeleteMessageBatch(ctx, &awssqs.DeleteMessageBatchInput{QueueUrl: aws.String(q.URL), Entries: del})
	if err != nil || len(dout.Successful) != 3 {
		t.Fatalf("%s: DeleteMessageBatch = %+v, %v", e.Name, dout, err)
	}
	_, err = client.SendMessageBatch(ctx, &awssqs.SendMessageBatchInput{QueueUrl: aws.String(q.URL), Entries: entries(11)})
	e.wantCode(t, "SendMessageBatch of 11", err, "TooManyEntriesInBatchRequest")
	_, err = client.SendMessageBatch(ctx, &awssqs.SendMessageBatchInput{QueueUrl: aws.String(q.URL), Entries: []types.SendMessageBatchRequestEntry{}})
	e.wantCode(t, "an empty SendMessageBatch", err, "EmptyBatchRequest")
	twice := entries(2)
	twice[1].Id = twice[0].Id
	_, err = client.SendMessageBatch(ctx, &awssqs.SendMessageBatchInput{QueueUrl: aws.String(q.URL), Entries: twice})
	e.wantCode(t, "SendMessageBatch with a repeated Id", err, "BatchEntryIdsNotDistinct")
}
