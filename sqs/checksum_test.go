package sqs_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sqsv2 "github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/sqs"
)

// rewrite is an HTTP client that rewrites SQS's answers with re, as a
// broken proxy or server would.
type rewrite struct {
	next aws.HTTPClient
	re   *regexp.Regexp
	with string
}

func (c rewrite) Do(r *http.Request) (*http.Response, error) {
	resp, err := c.next.Do(r)
	if err != nil {
		return resp, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	b = c.re.ReplaceAll(b, []byte(c.with))
	resp.Body = io.NopCloser(bytes.NewReader(b))
	resp.ContentLength = int64(len(b))
	resp.Header.Set("Content-Length", strconv.Itoa(len(b)))
	return resp, nil
}

// TestReceiveChecksumPerMessage checks that one message whose body was
// changed on the way costs only that message: Receive returns all the
// messages SQS answered, the bad one with a *ChecksumError, where
// aws-sdk-go-v2's own check fails the whole answer and the good
// messages stay hidden for their visibility timeout. (SQS Developer
// Guide, "Amazon SQS message metadata": the MD5 "can be used to verify
// that Amazon SQS received the message correctly" — per message.)
func TestReceiveChecksumPerMessage(t *testing.T) {
	srv, plain := startFake(t)
	ctx := t.Context()
	q := newQueue(t, plain, sqs.QueueOptions{Name: "bodies"})
	if _, err := q.SendBatch(ctx, []sqs.Entry{{Body: "fine 1"}, {Body: "spoil me"}, {Body: "fine 2"}}); err != nil {
		t.Fatal(err)
	}
	cfg := srv.Config("")
	conn := sqs.New(cfg, sqs.WithClientOptions(func(o *sqsv2.Options) {
		o.HTTPClient = rewrite{cfg.HTTPClient, regexp.MustCompile(`"Body":"spoil me"`), `"Body":"spoilt!!"`}
	}))
	msgs, err := conn.Queue(q.URL).Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10})
	var ce *sqs.ChecksumError
	if !errors.As(err, &ce) || ce.Part != "body" {
		t.Fatalf("Receive = %v; want a ChecksumError on a body", err)
	}
	var bodies []string
	for _, m := range msgs {
		bodies = append(bodies, m.Body)
		if m.ReceiptHandle == "" {
			t.Errorf("message %q has no receipt handle", m.Body)
		}
	}
	if diff := cmp.Diff([]string{"fine 1", "spoilt!!", "fine 2"}, bodies); diff != "" {
		t.Errorf("Receive's messages (-want +got):\n%s", diff)
	}
	if ce.MessageID != msgs[1].ID {
		t.Errorf("ChecksumError names message %s; want %s", ce.MessageID, msgs[1].ID)
	}
}

// TestSendBodyChecksum checks a body MD5 that does not match on
// SendMessage is a *ChecksumError holding the message SQS took, not
// aws-sdk-go-v2's own error, which loses the message ID.
func TestSendBodyChecksum(t *testing.T) {
	srv, plain := startFake(t)
	ctx := t.Context()
	q := newQueue(t, plain, sqs.QueueOptions{Name: "sent"})
	cfg := srv.Config("")
	conn := sqs.New(cfg, sqs.WithClientOptions(func(o *sqsv2.Options) {
		o.HTTPClient = rewrite{cfg.HTTPClient, regexp.MustCompile(`"MD5OfMessageBody":"[0-9a-f]*"`), `"MD5OfMessageBody":"00000000000000000000000000000000"`}
	}))
	m, err := conn.Queue(q.URL).Send(ctx, "hello")
	var ce *sqs.ChecksumError
	if !errors.As(err, &ce) || ce.Part != "body" {
		t.Fatalf("Send = %v; want a ChecksumError on the body", err)
	}
	if m == nil || m.ID == "" || ce.MessageID != m.ID {
		t.Errorf("Send = %+v with %v; want the message SQS took, named by the error", m, ce)
	}
	off := sqs.New(cfg, sqs.WithoutChecksums(), sqs.WithClientOptions(func(o *sqsv2.Options) {
		o.HTTPClient = rewrite{cfg.HTTPClient, regexp.MustCompile(`"MD5OfMessageBody":"[0-9a-f]*"`), `"MD5OfMessageBody":"00000000000000000000000000000000"`}
	}))
	if _, err := off.Queue(q.URL).Send(ctx, "hello"); err != nil {
		t.Errorf("Send WithoutChecksums = %v", err)
	}
}
