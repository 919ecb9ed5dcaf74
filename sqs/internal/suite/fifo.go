package suite

import (
	"math/big"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssqs "github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/goboto/goboto/sqs"
)

// testFIFOOrder checks FIFO delivery (Developer Guide, "FIFO queue
// delivery logic"): each message group in send order with increasing
// sequence numbers, and no message of a group while another of that
// group is in flight ("When you receive a message with a message group
// ID, no more messages for the same message group ID are returned unless
// you delete the message or it becomes visible").
func testFIFOOrder(t *testing.T, e *Env) {
	ctx := t.Context()
	q := e.queue(t, sqs.QueueOptions{FIFO: true})
	seqs := map[string][]*big.Int{}
	for _, s := range []struct{ group, body string }{{"a", "a1"}, {"a", "a2"}, {"b", "b1"}, {"a", "a3"}, {"b", "b2"}} {
		m, err := q.Send(ctx, s.body, sqs.Group(s.group), sqs.Deduplication(s.body))
		if err != nil {
			t.Fatalf("%s: Send %s: %v", e.Name, s.body, err)
		}
		n, ok := new(big.Int).SetString(m.SequenceNumber, 10)
		if !ok {
			t.Fatalf("%s: sequence number %q is not a number", e.Name, m.SequenceNumber)
		}
		seqs[s.group] = append(seqs[s.group], n)
	}
	if e.Diff.RandomSequenceNumbers {
		e.checkRandomSequence(t)
	} else {
		for g, ns := range seqs {
			for i := 1; i < len(ns); i++ {
				if ns[i].Cmp(ns[i-1]) <= 0 {
					t.Errorf("%s: sequence numbers of group %s: %v; want increasing", e.Name, g, ns)
				}
			}
		}
	}
	first := e.receive(t, q, sqs.ReceiveOptions{MaxMessages: 1})
	if len(first) != 1 || first[0].Body != "a1" {
		t.Fatalf("%s: first receive = %v; want [a1]", e.Name, bodies(first))
	}
	rest := e.receive(t, q, sqs.ReceiveOptions{MaxMessages: 10})
	for _, m := range rest {
		if strings.HasPrefix(m.Body, "a") {
			t.Errorf("%s: received %s while a1 of its group is in flight (got %v)", e.Name, m.Body, bodies(rest))
		}
	}
	if got := bodies(rest); len(got) > 0 && !slices.Equal(got, []string{"b1", "b2"}[:len(got)]) {
		t.Errorf("%s: group b came as %v; want b1, b2 in order", e.Name, got)
	}
	for _, m := range append(first, rest...) {
		if err := m.Delete(ctx); err != nil {
			t.Fatalf("%s: Delete %s: %v", e.Name, m.Body, err)
		}
	}
	var later []string
	for range 3 {
		msgs := e.receive(t, q, sqs.ReceiveOptions{MaxMessages: 10})
		for _, m := range msgs {
			later = append(later, m.Body)
			if err := m.Delete(ctx); err != nil {
				t.Fatalf("%s: Delete %s: %v", e.Name, m.Body, err)
			}
		}
	}
	want := []string{"a2", "a3"}
	if len(rest) < 2 {
		want = append(want, []string{"b1", "b2"}[len(rest):]...)
	}
	slices.Sort(want)
	got := slices.Clone(later)
	slices.Sort(got)
	if !slices.Equal(got, want) || slices.Index(later, "a2") > slices.Index(later, "a3") {
		t.Errorf("%s: after deleting, received %v; want %v with a2 before a3", e.Name, later, want)
	}
}

// checkRandomSequence checks RandomSequenceNumbers: of 8 messages sent
// to one group, in order, some sequence number is below the one before
// (random numbers are all increasing once in 40,320 runs).
func (e *Env) checkRandomSequence(t *testing.T) {
	t.Helper()
	q := e.queue(t, sqs.QueueOptions{FIFO: true})
	var prev *big.Int
	for i := range 8 {
		m, err := q.Send(t.Context(), "m"+strconv.Itoa(i), sqs.Group("g"), sqs.Deduplication("m"+strconv.Itoa(i)))
		if err != nil {
			t.Fatalf("%s: Send: %v", e.Name, err)
		}
		n, _ := new(big.Int).SetString(m.SequenceNumber, 10)
		if prev != nil && n != nil && n.Cmp(prev) < 0 {
			return
		}
		prev = n
	}
	t.Errorf("%s: 8 sequence numbers in one group all increase; RandomSequenceNumbers says they are random", e.Name)
}

// testFIFODedup checks deduplication (SQS API Reference, SendMessage,
// MessageDeduplicationId: "If a message with a particular message
// deduplication ID is sent successfully, any messages sent with the same
// message deduplication ID are accepted successfully but aren't
// delivered during the 5-minute deduplication interval"; the interval
// runs from the first send, whether or not that message was since
// deleted), and content-based deduplication (the SHA-256 of the body).
func testFIFODedup(t *testing.T, e *Env) {
	ctx := t.Context()
	q := e.queue(t, sqs.QueueOptions{FIFO: true})
	first, err := q.Send(ctx, "x", sqs.Group("g"), sqs.Deduplication("d1"))
	if err != nil {
		t.Fatalf("%s: Send: %v", e.Name, err)
	}
	if _, err := q.Send(ctx, "y", sqs.Group("g"), sqs.Deduplication("d1")); err != nil {
		t.Fatalf("%s: Send of a duplicate: %v; want it accepted", e.Name, err)
	}
	got := e.receive(t, q, sqs.ReceiveOptions{MaxMessages: 10})
	if len(got) != 1 || got[0].Body != "x" || got[0].ID != first.ID {
		t.Fatalf("%s: received %v; want only x", e.Name, bodies(got))
	}
	if err := got[0].Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Send(ctx, "z", sqs.Group("g"), sqs.Deduplication("d1")); err != nil {
		t.Fatalf("%s: Send after delete: %v", e.Name, err)
	}
	after := e.receive(t, q, sqs.ReceiveOptions{MaxMessages: 10, WaitTime: time.Second})
	if e.Diff.DedupForgottenOnDelete {
		if len(after) != 1 || after[0].Body != "z" {
			t.Errorf("%s: after deleting x, received %v; the difference says z is delivered", e.Name, bodies(after))
		}
	} else if len(after) != 0 {
		t.Errorf("%s: within the deduplication interval, a deleted message's ID let %v through", e.Name, bodies(after))
	}

	cq := e.queue(t, sqs.QueueOptions{FIFO: true, ContentBasedDeduplication: true})
	for range 2 {
		if _, err := cq.Send(ctx, "same body", sqs.Group("g")); err != nil {
			t.Fatalf("%s: Send with content-based deduplication: %v", e.Name, err)
		}
	}
	if _, err := cq.Send(ctx, "other body", sqs.Group("g")); err != nil {
		t.Fatal(err)
	}
	if c, err := cq.Count(ctx); err != nil || c.Visible != 2 {
		t.Errorf("%s: content-based deduplication kept %+v, %v; want 2 visible", e.Name, c, err)
	}
}

// testFIFOErrors checks what SQS refuses on FIFO queues, on the server:
// a send without MessageGroupId ("MessageGroupId is required for FIFO
// queues": MissingParameter), and a per-message DelaySeconds (FIFO
// queues "don't support per-message delays": InvalidParameterValue); and
// a FIFO queue whose name lacks .fifo.
func testFIFOErrors(t *testing.T, e *Env) {
	ctx := t.Context()
	q := e.queue(t, sqs.QueueOptions{FIFO: true, ContentBasedDeduplication: true})
	client := e.Conn.Client()
	_, err := client.SendMessage(ctx, &awssqs.SendMessageInput{QueueUrl: aws.String(q.URL), MessageBody: aws.String("x")})
	e.wantCode(t, "FIFO send without a group", err, "MissingParameter")
	_, err = client.SendMessage(ctx, &awssqs.SendMessageInput{QueueUrl: aws.String(q.URL), MessageBody: aws.String("x"),
		MessageGroupId: aws.String("g"), DelaySeconds: 5})
	e.wantCode(t, "FIFO send with DelaySeconds", err, "InvalidParameterValue")
	_, err = client.CreateQueue(ctx, &awssqs.CreateQueueInput{QueueName: aws.String(e.NewQueueName()),
		Attributes: map[string]string{"FifoQueue": "true"}})
	e.wantCode(t, "a FIFO queue named without .fifo", err, "InvalidParameterValue")
}
