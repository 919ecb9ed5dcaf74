package suite

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssqs "github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sqs"
)

// testQueues creates, finds, lists and deletes a queue. SQS API
// Reference, CreateQueue: creating an existing queue with the same
// attributes returns its URL, with different ones an error
// (QueueNameExists); GetQueueUrl and DeleteQueue of a missing queue answer
// QueueDoesNotExist.
func testQueues(t *testing.T, e *Env) {
	ctx := t.Context()
	name := e.NewQueueName()
	o := sqs.QueueOptions{Name: name, VisibilityTimeout: 45 * time.Second, MessageRetention: 2 * time.Hour}
	q := e.queue(t, o)
	if !strings.HasSuffix(q.URL, "/"+name) {
		t.Errorf("%s: queue URL %s does not end in /%s", e.Name, q.URL, name)
	}
	again, err := e.Conn.CreateQueue(ctx, o)
	if err != nil || again.URL != q.URL {
		t.Errorf("%s: CreateQueue again with the same attributes = %v, %v; want %s", e.Name, again, err, q.URL)
	}
	o.VisibilityTimeout = 46 * time.Second
	_, err = e.Conn.CreateQueue(ctx, o)
	e.wantCode(t, "CreateQueue again with another VisibilityTimeout", err, "QueueNameExists")

	found, err := e.Conn.LookupQueue(ctx, name)
	if err != nil || found.URL != q.URL {
		t.Errorf("%s: LookupQueue = %v, %v; want %s", e.Name, found, err, q.URL)
	}
	var urls []string
	for lq, err := range e.Conn.Queues(ctx, sqs.Prefix(name)) {
		if err != nil {
			t.Fatalf("%s: Queues: %v", e.Name, err)
		}
		urls = append(urls, lq.URL)
	}
	if !slices.Equal(urls, []string{q.URL}) {
		t.Errorf("%s: Queues(Prefix(%s)) = %v; want [%s]", e.Name, name, urls, q.URL)
	}

	if err := q.Refresh(ctx); err != nil {
		t.Fatalf("%s: Refresh: %v", e.Name, err)
	}
	if q.VisibilityTimeout != 45*time.Second || q.MessageRetention != 2*time.Hour || q.Delay != 0 ||
		q.MaximumMessageSize != sqs.MaxMessageSize && !e.Diff.MaxMessage256KiB || q.FIFO ||
		!strings.HasSuffix(q.ARN, ":"+name) || q.Created.IsZero() {
		t.Errorf("%s: Refresh = %+v", e.Name, q)
	}
	if e.Diff.MaxMessage256KiB && q.MaximumMessageSize != 256*1024 {
		t.Errorf("%s: MaximumMessageSize = %d; the difference says 262144", e.Name, q.MaximumMessageSize)
	}

	if err := q.Delete(ctx); err != nil {
		t.Fatalf("%s: Delete: %v", e.Name, err)
	}
	_, err = e.Conn.LookupQueue(ctx, name)
	var dne *types.QueueDoesNotExist
	if !goboto.IsNotFound(err) || !errors.As(err, &dne) {
		t.Errorf("%s: LookupQueue of a deleted queue: %v; want QueueDoesNotExist", e.Name, err)
	}
	_, err = q.Send(ctx, "to nowhere")
	e.wantCode(t, "Send to a deleted queue", err, "QueueDoesNotExist")
}

// testQueueAttributes checks CreateQueue's attribute ranges on the
// server (SQS API Reference, SetQueueAttributes: DelaySeconds 0-900,
// MaximumMessageSize 1,024-1,048,576, MessageRetentionPeriod
// 60-1,209,600, ReceiveMessageWaitTimeSeconds 0-20, VisibilityTimeout
// 0-43,200; an out-of-range value is InvalidAttributeValue, an unknown
// name InvalidAttributeName), through the raw client, since goboto checks
// them before sending.
func testQueueAttributes(t *testing.T, e *Env) {
	client := e.Conn.Client()
	for _, tc := range []struct {
		attr, value string
		codes       []string
	}{
		{"DelaySeconds", "901", []string{"InvalidAttributeValue"}},
		{"VisibilityTimeout", "43201", []string{"InvalidAttributeValue"}},
		{"MessageRetentionPeriod", "59", []string{"InvalidAttributeValue"}},
		{"ReceiveMessageWaitTimeSeconds", "21", []string{"InvalidAttributeValue"}},
		{"MaximumMessageSize", "1048577", []string{"InvalidAttributeValue"}},
		{"MaximumMessageSize", "1023", []string{"InvalidAttributeValue"}},
		{"Colour", "red", []string{"InvalidAttributeName"}},
	} {
		name := e.NewQueueName()
		_, err := client.CreateQueue(t.Context(), &awssqs.CreateQueueInput{QueueName: aws.String(name),
			Attributes: map[string]string{tc.attr: tc.value}})
		if err == nil {
			// Leave a shared server as it was.
			if q, lerr := e.Conn.LookupQueue(t.Context(), name); lerr == nil {
				q.Delete(t.Context())
			}
		}
		e.wantCode(t, "CreateQueue with "+tc.attr+"="+tc.value, err, tc.codes...)
	}
}
