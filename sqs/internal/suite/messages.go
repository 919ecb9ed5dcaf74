package suite

import (
	"errors"
	"maps"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssqs "github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/sqs"
)

// all asks Receive for every message and system attribute.
var all = sqs.ReceiveOptions{MaxMessages: 10, Attributes: []string{"All"}, System: []types.MessageSystemAttributeName{"All"}}

// receive receives with o and fails t on an error (a bad MD5 included:
// goboto checks them).
func (e *Env) receive(t *testing.T, q *sqs.Queue, o sqs.ReceiveOptions) []*sqs.Message {
	t.Helper()
	msgs, err := q.Receive(t.Context(), o)
	if err != nil {
		t.Fatalf("%s: Receive: %v", e.Name, err)
	}
	return msgs
}

func bodies(msgs []*sqs.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.Body
	}
	return out
}

// testMessages sends a message with attributes of each type and receives
// it with its system attributes (SQS API Reference, ReceiveMessage:
// SenderId, SentTimestamp, ApproximateReceiveCount,
// ApproximateFirstReceiveTimestamp; the MD5s of body and attributes,
// which goboto checks), then deletes it.
func testMessages(t *testing.T, e *Env) {
	ctx := t.Context()
	q := e.queue(t, sqs.QueueOptions{})
	attrs := map[string]sqs.Attribute{
		"color":  sqs.String("red \u00e9"),
		"count":  sqs.Number("-42.5"),
		"raw":    sqs.Binary([]byte{0, 1, 0xff}),
		"custom": {DataType: "String.custom", StringValue: "x"},
		"meta.a": sqs.String("1"),
	}
	body := "h\u00e9llo <world> & \"friends\"\r\n\ttab \U0001F600"
	if e.Diff.RefusesSupplementaryChars {
		_, err := q.Send(ctx, body)
		e.wantCode(t, "a body with an emoji (RefusesSupplementaryChars)", err, "InvalidMessageContents")
		body = "h\u00e9llo <world> & \"friends\"\r\n\ttab \u65e5"
	}
	sent, err := q.Send(ctx, body, withAttrs(attrs))
	if err != nil {
		t.Fatalf("%s: Send: %v", e.Name, err)
	}
	before := time.Now().Add(-time.Minute)
	got := e.receive(t, q, all)
	if len(got) != 1 {
		t.Fatalf("%s: received %d messages; want 1", e.Name, len(got))
	}
	m := got[0]
	if m.ID != sent.ID || m.Body != body || m.ReceiptHandle == "" {
		t.Errorf("%s: received %+v; want ID %s and the body sent", e.Name, m, sent.ID)
	}
	if diff := cmp.Diff(attrs, m.Attributes); diff != "" {
		t.Errorf("%s: attributes (-want +got):\n%s", e.Name, diff)
	}
	for _, k := range []string{"SenderId", "SentTimestamp", "ApproximateFirstReceiveTimestamp"} {
		if m.System[k] == "" {
			t.Errorf("%s: system attribute %s missing: %v", e.Name, k, m.System)
		}
	}
	if m.System["ApproximateReceiveCount"] != "1" {
		t.Errorf("%s: ApproximateReceiveCount = %q; want 1", e.Name, m.System["ApproximateReceiveCount"])
	}
	if ts, err := strconv.ParseInt(m.System["SentTimestamp"], 10, 64); err != nil || ts < before.UnixMilli() || ts > time.Now().Add(time.Minute).UnixMilli() {
		t.Errorf("%s: SentTimestamp = %q; want epoch milliseconds of about now", e.Name, m.System["SentTimestamp"])
	}
	// Only the attributes named are received (ReceiveMessage,
	// MessageAttributeNames: a name, or "bar.*" for every name that
	// starts with "bar.").
	if err := m.ChangeVisibility(ctx, 0); err != nil {
		t.Fatalf("%s: ChangeVisibility: %v", e.Name, err)
	}
	some, err := q.Receive(ctx, sqs.ReceiveOptions{Attributes: []string{"meta.*", "raw"}})
	var ce *sqs.ChecksumError
	switch {
	case e.Diff.FilteredAttributesMD5:
		if !errors.As(err, &ce) || ce.Part != "attributes" {
			t.Errorf("%s: receive naming some attributes: %v; FilteredAttributesMD5 says a ChecksumError of the attributes", e.Name, err)
		}
	case err != nil:
		t.Fatalf("%s: receive naming some attributes: %v", e.Name, err)
	}
	if len(some) != 1 || !maps.Equal(keys(some[0].Attributes), map[string]bool{"meta.a": true, "raw": true}) {
		t.Errorf("%s: receive naming meta.* and raw got %v", e.Name, some)
	} else {
		m = some[0]
	}
	if err := m.Delete(ctx); err != nil {
		t.Fatalf("%s: Delete: %v", e.Name, err)
	}
	if c, err := q.Count(ctx); err != nil || c.Total() != 0 {
		t.Errorf("%s: Count after Delete = %+v, %v; want none", e.Name, c, err)
	}
	// A receipt handle SQS never gave is ReceiptHandleIsInvalid (SQS API
	// Reference, DeleteMessage).
	_, err = e.Conn.Client().DeleteMessage(ctx, &awssqs.DeleteMessageInput{QueueUrl: aws.String(q.URL), ReceiptHandle: aws.String("bogus")})
	if e.Diff.ReceiptHandleNotChecked {
		e.wantAccepted(t, "DeleteMessage with a made-up handle", "ReceiptHandleNotChecked", err)
		return
	}
	e.wantCode(t, "DeleteMessage with a made-up handle", err, "ReceiptHandleIsInvalid")
}

func keys[V any](m map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}

// withAttrs sends all of attrs.
func withAttrs(attrs map[string]sqs.Attribute) sqs.SendOption {
	return func(o *sqs.SendOptions) { o.Attributes = attrs }
}

// testVisibility checks the visibility timeout (Developer Guide, "Amazon
// SQS visibility timeout"): a received message is hidden for the
// timeout, then received again with ApproximateReceiveCount 2; a
// visibility of 0 makes it visible at once; and ChangeMessageVisibility
// of a message not in flight is MessageNotInflight (SQS API Reference).
func testVisibility(t *testing.T, e *Env) {
	ctx := t.Context()
	q := e.queue(t, sqs.QueueOptions{})
	// Seconds rather than one: the checks inside the timeout must not
	// outlast it on a loaded machine.
	if _, err := q.Send(ctx, "hide me"); err != nil {
		t.Fatalf("%s: Send: %v", e.Name, err)
	}
	first := e.receive(t, q, sqs.ReceiveOptions{VisibilityTimeout: 3 * time.Second, System: []types.MessageSystemAttributeName{"ApproximateReceiveCount"}})
	if len(first) != 1 {
		t.Fatalf("%s: first receive got %d messages", e.Name, len(first))
	}
	if got := e.receive(t, q, sqs.ReceiveOptions{}); len(got) != 0 {
		t.Errorf("%s: received %v inside the visibility timeout", e.Name, bodies(got))
	}
	if c, err := q.Count(ctx); err != nil || c.InFlight != 1 || c.Visible != 0 {
		t.Errorf("%s: Count while in flight = %+v, %v; want 1 in flight", e.Name, c, err)
	}
	// The long poll ends once the timeout has passed.
	second := e.receive(t, q, sqs.ReceiveOptions{WaitTime: 10 * time.Second, VisibilityTimeout: 30 * time.Second,
		System: []types.MessageSystemAttributeName{"ApproximateReceiveCount"}})
	if len(second) != 1 || second[0].System["ApproximateReceiveCount"] != "2" || second[0].ReceiptHandle == first[0].ReceiptHandle {
		t.Fatalf("%s: receive after the timeout = %+v", e.Name, second)
	}
	if err := second[0].ChangeVisibility(ctx, 0); err != nil {
		t.Fatalf("%s: ChangeVisibility(0): %v", e.Name, err)
	}
	third := e.receive(t, q, sqs.ReceiveOptions{System: []types.MessageSystemAttributeName{"ApproximateReceiveCount"}})
	if len(third) != 1 || third[0].System["ApproximateReceiveCount"] != "3" {
		t.Fatalf("%s: receive after ChangeVisibility(0) = %+v", e.Name, third)
	}
	if err := third[0].ChangeVisibility(ctx, 0); err != nil {
		t.Fatalf("%s: ChangeVisibility(0): %v", e.Name, err)
	}
	err := third[0].ChangeVisibility(ctx, 10*time.Second)
	if e.Diff.NoMessageNotInflight {
		e.wantAccepted(t, "ChangeVisibility of a visible message", "NoMessageNotInflight", err)
	} else {
		e.wantCode(t, "ChangeVisibility of a visible message", err, "MessageNotInflight")
	}
}

// testDelays checks per-message delays (SQS API Reference, SendMessage,
// DelaySeconds: the message is not visible until the delay passes, and
// counts as ApproximateNumberOfMessagesDelayed meanwhile) and their range
// on the server (0-900: "Valid values: 0 to 900").
func testDelays(t *testing.T, e *Env) {
	ctx := t.Context()
	q := e.queue(t, sqs.QueueOptions{})
	if _, err := q.Send(ctx, "later", sqs.Delay(4*time.Second)); err != nil {
		t.Fatalf("%s: Send: %v", e.Name, err)
	}
	if got := e.receive(t, q, sqs.ReceiveOptions{}); len(got) != 0 {
		t.Errorf("%s: received %v during its delay", e.Name, bodies(got))
	}
	if c, err := q.Count(ctx); err != nil || c.Delayed != 1 || c.Visible != 0 {
		t.Errorf("%s: Count during the delay = %+v, %v; want 1 delayed", e.Name, c, err)
	}
	if got := e.receive(t, q, sqs.ReceiveOptions{WaitTime: 10 * time.Second}); len(got) != 1 {
		t.Errorf("%s: long poll over the delay got %d messages; want 1", e.Name, len(got))
	}
	_, err := e.Conn.Client().SendMessage(ctx, &awssqs.SendMessageInput{QueueUrl: aws.String(q.URL),
		MessageBody: aws.String("too late"), DelaySeconds: 901})
	if e.Diff.AcceptsDelayOver900 {
		e.wantAccepted(t, "DelaySeconds 901", "AcceptsDelayOver900", err)
		return
	}
	e.wantCode(t, "SendMessage with DelaySeconds 901", err, "InvalidParameterValue")
}

// testLongPoll checks long polling (Developer Guide, "Amazon SQS short
// and long polling"): an empty wait ends with no messages and no error,
// and a waiting receive returns a message sent while it waits.
func testLongPoll(t *testing.T, e *Env) {
	ctx := t.Context()
	q := e.queue(t, sqs.QueueOptions{})
	if got := e.receive(t, q, sqs.ReceiveOptions{WaitTime: time.Second}); len(got) != 0 {
		t.Errorf("%s: empty long poll got %v", e.Name, bodies(got))
	}
	type result struct {
		msgs []*sqs.Message
		err  error
	}
	done := make(chan result, 1)
	go func() {
		msgs, err := q.Receive(ctx, sqs.ReceiveOptions{WaitTime: 20 * time.Second})
		done <- result{msgs, err}
	}()
	time.Sleep(300 * time.Millisecond) // usually lets the poll begin first; either order must deliver
	if _, err := q.Send(ctx, "wake up"); err != nil {
		t.Fatalf("%s: Send: %v", e.Name, err)
	}
	r := <-done
	if r.err != nil || len(r.msgs) != 1 || r.msgs[0].Body != "wake up" {
		t.Errorf("%s: long poll = %v, %v; want the message sent while it waited", e.Name, r.msgs, r.err)
	}
}

// testPurge checks PurgeQueue empties a queue, and that a second purge
// within 60 seconds is PurgeQueueInProgress (SQS API Reference,
// PurgeQueue: "you can't call PurgeQueue again for 60 seconds").
func testPurge(t *testing.T, e *Env) {
	ctx := t.Context()
	q := e.queue(t, sqs.QueueOptions{})
	for _, b := range []string{"a", "b"} {
		if _, err := q.Send(ctx, b); err != nil {
			t.Fatalf("%s: Send: %v", e.Name, err)
		}
	}
	if err := q.Purge(ctx); err != nil {
		t.Fatalf("%s: Purge: %v", e.Name, err)
	}
	if c, err := q.Count(ctx); err != nil || c.Total() != 0 {
		t.Errorf("%s: Count after Purge = %+v, %v", e.Name, c, err)
	}
	err := q.Purge(ctx)
	if e.Diff.PurgeNotLimited {
		e.wantAccepted(t, "a second Purge within 60 s", "PurgeNotLimited", err)
		return
	}
	e.wantCode(t, "a second Purge within 60 s", err, "PurgeQueueInProgress")
}
