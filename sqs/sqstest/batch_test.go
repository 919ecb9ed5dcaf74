package sqstest

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
)

// entries makes n SendMessageBatch entries with IDs e0, e1, ... and
// bodies of size bytes.
func entries(n, size int) []types.SendMessageBatchRequestEntry {
	out := make([]types.SendMessageBatchRequestEntry, n)
	for i := range out {
		out[i] = types.SendMessageBatchRequestEntry{Id: aws.String("e" + strconv.Itoa(i)), MessageBody: aws.String(strings.Repeat("x", size))}
	}
	return out
}

// TestBatchRequestErrors checks the request-wide refusals of the batch
// operations, each of which leaves the state as it was. Citations are
// to the SQS API Reference.
func TestBatchRequestErrors(t *testing.T) {
	srv := Start(t)
	ctx := t.Context()
	client := sqs.NewFromConfig(srv.Config(""))
	u := mustQueue(t, client, "batches", nil)
	send := func(e []types.SendMessageBatchRequestEntry) func() error {
		return func() error {
			_, err := client.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: u, Entries: e})
			return err
		}
	}
	del := func(ids ...string) func() error {
		return func() error {
			var e []types.DeleteMessageBatchRequestEntry
			for _, id := range ids {
				e = append(e, types.DeleteMessageBatchRequestEntry{Id: aws.String(id), ReceiptHandle: aws.String("h")})
			}
			if e == nil {
				e = []types.DeleteMessageBatchRequestEntry{}
			}
			_, err := client.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: u, Entries: e})
			return err
		}
	}
	change := func(ids ...string) func() error {
		return func() error {
			var e []types.ChangeMessageVisibilityBatchRequestEntry
			for _, id := range ids {
				e = append(e, types.ChangeMessageVisibilityBatchRequestEntry{Id: aws.String(id), ReceiptHandle: aws.String("h"), VisibilityTimeout: 1})
			}
			_, err := client.ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: u, Entries: e})
			return err
		}
	}
	dup := entries(2, 1)
	dup[1].Id = dup[0].Id
	ids := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, "id"+strconv.Itoa(i))
		}
		return out
	}
	tests := []struct {
		name string
		call func() error
		code string // "" for success
	}{
		// TooManyEntriesInBatchRequest: "the maximum number of entries
		// you can include in a single SendMessageBatch,
		// DeleteMessageBatch, or ChangeMessageVisibilityBatch request
		// is 10".
		{"send 10", send(entries(10, 1)), ""},
		{"send 11", send(entries(11, 1)), "TooManyEntriesInBatchRequest"},
		{"delete 11", del(ids(11)...), "TooManyEntriesInBatchRequest"},
		{"change 11", change(ids(11)...), "TooManyEntriesInBatchRequest"},
		// EmptyBatchRequest: "The batch request doesn't contain any
		// entries."
		{"send none", send([]types.SendMessageBatchRequestEntry{}), "EmptyBatchRequest"},
		{"delete none", del(), "EmptyBatchRequest"},
		// BatchEntryIdsNotDistinct: "Two or more batch entries in the
		// request have the same Id."
		{"send same IDs", send(dup), "BatchEntryIdsNotDistinct"},
		{"delete same IDs", del("a", "a"), "BatchEntryIdsNotDistinct"},
		{"change same IDs", change("a", "b", "a"), "BatchEntryIdsNotDistinct"},
		// SendMessageBatchRequestEntry, Id: "up to 80 characters ...
		// alphanumeric characters, hyphens(-), and underscores (_)".
		{"ID of 80", del(strings.Repeat("a", 80)), ""},
		{"ID of 81", del(strings.Repeat("a", 81)), "InvalidBatchEntryId"},
		{"ID with a space", del("a b"), "InvalidBatchEntryId"},
		{"ID with a period", change("a.b"), "InvalidBatchEntryId"},
		{"empty ID", send([]types.SendMessageBatchRequestEntry{{Id: aws.String(""), MessageBody: aws.String("x")}}), "InvalidBatchEntryId"},
		{"ID with - and _", send([]types.SendMessageBatchRequestEntry{{Id: aws.String("A-b_9"), MessageBody: aws.String("x")}}), ""},
		// SendMessageBatch: "The maximum allowed individual message size
		// and the maximum total payload size (the sum of the individual
		// lengths of all of the batched messages) are both 1 MiB
		// 1,048,576 bytes."
		{"1 MiB in all", send(entries(4, 1<<18)), ""},
		{"1 MiB + 1 in all", send(append(entries(4, 1<<18), types.SendMessageBatchRequestEntry{Id: aws.String("last"), MessageBody: aws.String("x")})), "BatchRequestTooLong"},
		{"attributes count toward the total", send([]types.SendMessageBatchRequestEntry{
			{Id: aws.String("a"), MessageBody: aws.String(strings.Repeat("x", 1<<19))},
			{Id: aws.String("b"), MessageBody: aws.String(strings.Repeat("x", 1<<19-10)),
				MessageAttributes: map[string]types.MessageAttributeValue{"n": {DataType: aws.String("String"), StringValue: aws.String("0123456789")}}},
		}), "BatchRequestTooLong"},
		{"unsupported system attribute", send([]types.SendMessageBatchRequestEntry{{Id: aws.String("a"), MessageBody: aws.String("x"),
			MessageSystemAttributes: map[string]types.MessageSystemAttributeValue{"AWSTraceHeader": {DataType: aws.String("String"), StringValue: aws.String("Root=1")}}}}),
			"UnsupportedOperation"},
		{"missing queue", func() error {
			_, err := client.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(*u + "-gone"),
				Entries: []types.DeleteMessageBatchRequestEntry{{Id: aws.String("a"), ReceiptHandle: aws.String("h")}}})
			return err
		}, "NonExistentQueue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.digest()
			err := tt.call()
			if tt.code == "" {
				if err != nil {
					t.Fatalf("err = %v; want success", err)
				}
				return
			}
			// aws-sdk-go-v2 reports x-amzn-query-error's legacy code
			// (AWS.SimpleQueueService.TooManyEntriesInBatchRequest).
			var ae smithy.APIError
			if !errors.As(err, &ae) || !strings.HasSuffix(ae.ErrorCode(), tt.code) {
				t.Fatalf("err = %v; want %s", err, tt.code)
			}
			if srv.digest() != before {
				t.Error("a refused request changed the state")
			}
		})
	}
	var typed *types.BatchRequestTooLong
	if err := send(entries(5, 1<<18))(); !errors.As(err, &typed) {
		t.Errorf("errors.As(%v, *types.BatchRequestTooLong) failed", err)
	}
}

// failedEntry is a BatchResultErrorEntry without its message.
type failedEntry struct {
	ID, Code    string
	SenderFault bool
}

func failedOf(f []types.BatchResultErrorEntry) []failedEntry {
	var out []failedEntry
	for _, e := range f {
		if aws.ToString(e.Message) == "" {
			out = append(out, failedEntry{ID: "no message for " + aws.ToString(e.Id)})
		}
		out = append(out, failedEntry{aws.ToString(e.Id), aws.ToString(e.Code), e.SenderFault})
	}
	return out
}

// TestSendMessageBatch checks each entry is judged as SendMessage would
// judge it and reported in Successful or Failed (SendMessageBatch: "The
// result of sending each message is reported individually in the
// response"), that only the successful ones are enqueued, and that a
// FIFO batch is enqueued in order ("multiple messages within a single
// batch are enqueued in the order they are sent").
func TestSendMessageBatch(t *testing.T) {
	srv := Start(t)
	ctx := t.Context()
	client := sqs.NewFromConfig(srv.Config(""))
	u := mustQueue(t, client, "mixed", nil)
	out, err := client.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: u, Entries: []types.SendMessageBatchRequestEntry{
		{Id: aws.String("ok"), MessageBody: aws.String("fine"),
			MessageAttributes: map[string]types.MessageAttributeValue{"k": {DataType: aws.String("String"), StringValue: aws.String("v")}}},
		{Id: aws.String("badchar"), MessageBody: aws.String("nul\x00")},
		{Id: aws.String("delay"), MessageBody: aws.String("late"), DelaySeconds: 901},
		{Id: aws.String("dedup"), MessageBody: aws.String("d"), MessageDeduplicationId: aws.String("d")},
		{Id: aws.String("delayed"), MessageBody: aws.String("later"), DelaySeconds: 60},
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []failedEntry{{"badchar", "InvalidMessageContents", true}, {"delay", "InvalidParameterValue", true}, {"dedup", "InvalidParameterValue", true}}
	if diff := cmp.Diff(want, failedOf(out.Failed)); diff != "" {
		t.Errorf("Failed (-want +got):\n%s", diff)
	}
	if len(out.Successful) != 2 || aws.ToString(out.Successful[0].Id) != "ok" || aws.ToString(out.Successful[0].MD5OfMessageBody) != md5Hex("fine") ||
		aws.ToString(out.Successful[0].MD5OfMessageAttributes) != attributesMD5(map[string]attr{"k": {DataType: "String", StringValue: "v"}}) {
		t.Errorf("Successful = %+v", out.Successful)
	}
	if v, inFlight, delayed, _ := srv.Counts(fake.TestAccountID, "us-east-1", "mixed"); v != 1 || inFlight != 0 || delayed != 1 {
		t.Errorf("counts = %d visible, %d in flight, %d delayed; want 1, 0, 1", v, inFlight, delayed)
	}

	f := mustQueue(t, client, "ordered.fifo", map[string]string{"FifoQueue": "true"})
	var e []types.SendMessageBatchRequestEntry
	for i := range 10 {
		s := strconv.Itoa(i)
		e = append(e, types.SendMessageBatchRequestEntry{Id: aws.String("m" + s), MessageBody: aws.String(s),
			MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String("d" + s)})
	}
	e[9].MessageDeduplicationId = aws.String("d0") // a duplicate of the first
	e[8].MessageGroupId = nil
	out, err = client.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: f, Entries: e})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]failedEntry{{"m8", "MissingParameter", true}}, failedOf(out.Failed)); diff != "" {
		t.Errorf("FIFO Failed (-want +got):\n%s", diff)
	}
	// A duplicate within the batch is accepted and answered with the
	// first one's ID and sequence number (SendMessage,
	// MessageDeduplicationId).
	if n := len(out.Successful); n != 9 || aws.ToString(out.Successful[8].MessageId) != aws.ToString(out.Successful[0].MessageId) {
		t.Fatalf("FIFO Successful = %d entries: %+v", n, out.Successful)
	}
	var got []string
	for range 2 {
		r, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: f, MaxNumberOfMessages: 10})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range r.Messages {
			got = append(got, aws.ToString(m.Body))
			if _, err := client.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: f, ReceiptHandle: m.ReceiptHandle}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if diff := cmp.Diff([]string{"0", "1", "2", "3", "4", "5", "6", "7"}, got); diff != "" {
		t.Errorf("FIFO order (-want +got):\n%s", diff)
	}
}

// TestReceiptBatches checks DeleteMessageBatch and
// ChangeMessageVisibilityBatch judge each receipt handle as their single
// operations do and report each entry.
func TestReceiptBatches(t *testing.T) {
	srv, clock, client := startClocked(t)
	ctx := t.Context()
	u := mustQueue(t, client, "receipts", map[string]string{"VisibilityTimeout": "30"})
	if _, err := client.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: u, Entries: entries(4, 3)}); err != nil {
		t.Fatal(err)
	}
	r, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: u, MaxNumberOfMessages: 10})
	if err != nil || len(r.Messages) != 4 {
		t.Fatalf("receive = %d, %v", len(r.Messages), err)
	}
	h := func(i int) *string { return r.Messages[i].ReceiptHandle }
	ch, err := client.ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: u, Entries: []types.ChangeMessageVisibilityBatchRequestEntry{
		{Id: aws.String("zero"), ReceiptHandle: h(0), VisibilityTimeout: 0},
		{Id: aws.String("long"), ReceiptHandle: h(1), VisibilityTimeout: 600},
		{Id: aws.String("bad"), ReceiptHandle: aws.String("made-up"), VisibilityTimeout: 5},
		{Id: aws.String("range"), ReceiptHandle: h(2), VisibilityTimeout: 43201},
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []failedEntry{{"bad", "ReceiptHandleIsInvalid", true}, {"range", "InvalidParameterValue", true}}
	if diff := cmp.Diff(want, failedOf(ch.Failed)); diff != "" || len(ch.Successful) != 2 {
		t.Errorf("ChangeMessageVisibilityBatch: %d successful; Failed (-want +got):\n%s", len(ch.Successful), diff)
	}
	if v, inFlight, _, _ := srv.Counts(fake.TestAccountID, "us-east-1", "receipts"); v != 1 || inFlight != 3 {
		t.Errorf("after change: %d visible, %d in flight; want 1, 3", v, inFlight)
	}
	// Past the queue's 30 s, message 1 (600 s) is still hidden, 2 and 3
	// are visible again, so a change of 3 is MessageNotInflight.
	clock.Advance(31 * time.Second)
	ch, err = client.ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: u, Entries: []types.ChangeMessageVisibilityBatchRequestEntry{
		{Id: aws.String("expired"), ReceiptHandle: h(3), VisibilityTimeout: 5},
		{Id: aws.String("held"), ReceiptHandle: h(1), VisibilityTimeout: 5},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]failedEntry{{"expired", "MessageNotInflight", true}}, failedOf(ch.Failed)); diff != "" {
		t.Errorf("second ChangeMessageVisibilityBatch Failed (-want +got):\n%s", diff)
	}
	del, err := client.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: u, Entries: []types.DeleteMessageBatchRequestEntry{
		{Id: aws.String("held"), ReceiptHandle: h(1)},
		{Id: aws.String("again"), ReceiptHandle: h(1)}, // DeleteMessage: deleting twice is no error
		{Id: aws.String("bad"), ReceiptHandle: aws.String("made-up")},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]failedEntry{{"bad", "ReceiptHandleIsInvalid", true}}, failedOf(del.Failed)); diff != "" || len(del.Successful) != 2 {
		t.Errorf("DeleteMessageBatch: %d successful; Failed (-want +got):\n%s", len(del.Successful), diff)
	}
	if v, inFlight, _, _ := srv.Counts(fake.TestAccountID, "us-east-1", "receipts"); v != 3 || inFlight != 0 {
		t.Errorf("after delete: %d visible, %d in flight; want 3, 0", v, inFlight)
	}
}
