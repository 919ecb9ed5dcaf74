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
		q.MaximumMessageSize != sqs.MaxMessageSize || q.FIFO || !strings.HasSuffix(q.ARN, ":"+name) {
		t.Errorf("%s: Refresh = %+v", e.Name, q)
	}
	if e.Diff.FractionalTimestamps {
		out, err := e.Conn.Client().GetQueueAttributes(ctx, &awssqs.GetQueueAttributesInput{QueueUrl: aws.String(q.URL),
			AttributeNames: []types.QueueAttributeName{"CreatedTimestamp"}})
		if err != nil || !strings.Contains(out.Attributes["CreatedTimestamp"], ".") {
			t.Errorf("%s: CreatedTimestamp = %v, %v; the difference says it has a fraction", e.Name, out, err)
		}
	} else if d := time.Since(q.Created); d < -time.Minute || d > time.Hour {
		t.Errorf("%s: Created = %v; want about now", e.Name, q.Created)
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
		code        string
		accepted    bool // by a backend with a difference
		flag        string
	}{
		{"DelaySeconds", "901", "InvalidAttributeValue", e.Diff.QueueAttributeRangesNotChecked, "QueueAttributeRangesNotChecked"},
		{"VisibilityTimeout", "43201", "InvalidAttributeValue", e.Diff.QueueAttributeRangesNotChecked, "QueueAttributeRangesNotChecked"},
		{"MessageRetentionPeriod", "59", "InvalidAttributeValue", e.Diff.QueueAttributeRangesNotChecked, "QueueAttributeRangesNotChecked"},
		{"ReceiveMessageWaitTimeSeconds", "21", "InvalidAttributeValue", e.Diff.QueueAttributeRangesNotChecked, "QueueAttributeRangesNotChecked"},
		{"MaximumMessageSize", "1048577", "InvalidAttributeValue", false, ""},
		{"MaximumMessageSize", "1023", "InvalidAttributeValue", false, ""},
		{"Colour", "red", "InvalidAttributeName", e.Diff.UnknownQueueAttributeAccepted, "UnknownQueueAttributeAccepted"},
	} {
		name := e.NewQueueName()
		_, err := client.CreateQueue(t.Context(), &awssqs.CreateQueueInput{QueueName: aws.String(name),
			Attributes: map[string]string{tc.attr: tc.value}})
		if err == nil {
			e.dropQueue(t, name)
		}
		what := "CreateQueue with " + tc.attr + "=" + tc.value
		if tc.accepted {
			e.wantAccepted(t, what, tc.flag, err)
			continue
		}
		e.wantCode(t, what, err, tc.code)
	}
}
