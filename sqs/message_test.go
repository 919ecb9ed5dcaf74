package sqs_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sqsv2 "github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/sqs"
)

func TestSendReceiveDelete(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	_, conn := startFake(t, fakes.WithClock(clock.Now))
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "work"})
	attrs := map[string]sqs.Attribute{
		"color":  sqs.String("red"),
		"weight": sqs.Number("12.5"),
		"blob":   sqs.Binary([]byte{0, 1, 2}),
		"custom": {DataType: "Number.float", StringValue: "1.5"},
	}
	var opts []sqs.SendOption
	for n, a := range attrs {
		opts = append(opts, sqs.WithAttribute(n, a))
	}
	sent, err := q.Send(ctx, "hello", opts...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.Send(ctx, "later", sqs.Delay(time.Minute)); err != nil {
		t.Fatal(err)
	}
	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, Attributes: []string{"All"},
		System: []types.MessageSystemAttributeName{"ApproximateReceiveCount"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 {
		t.Fatalf("received %d messages; want 1 (the other is delayed)", len(msgs))
	}
	m := msgs[0]
	if diff := cmp.Diff(attrs, m.Attributes); diff != "" || m.ID != sent.ID || m.Body != "hello" || m.System["ApproximateReceiveCount"] != "1" {
		t.Errorf("received %+v; attributes (-want +got):\n%s", m, diff)
	}
	// Developer Guide, "Amazon SQS visibility timeout" and "delay
	// queues": one in flight, one delayed.
	n, err := q.Count(ctx)
	if err != nil || n != (sqs.Count{InFlight: 1, Delayed: 1}) {
		t.Errorf("Count = %+v, %v; want 1 in flight, 1 delayed", n, err)
	}
	// ChangeMessageVisibility to 0 makes it visible again at once.
	if err := m.ChangeVisibility(ctx, 0); err != nil {
		t.Fatal(err)
	}
	again, err := q.Receive(ctx, sqs.ReceiveOptions{VisibilityTimeout: 10 * time.Second})
	if err != nil || len(again) != 1 {
		t.Fatalf("receive after ChangeVisibility(0) = %d, %v", len(again), err)
	}
	if err := again[0].Delete(ctx); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	if n, err := q.Count(ctx); err != nil || n != (sqs.Count{Visible: 1}) {
		t.Errorf("Count after delete and delay = %+v, %v; want 1 visible", n, err)
	}
	// A message no longer in flight: MessageNotInflight.
	var notInflight *types.MessageNotInflight
	clock.Advance(time.Minute)
	if err := again[0].ChangeVisibility(ctx, time.Second); err == nil {
		t.Error("ChangeVisibility of a deleted message succeeded")
	}
	later, err := q.Receive(ctx, sqs.ReceiveOptions{VisibilityTimeout: time.Second})
	if err != nil || len(later) != 1 {
		t.Fatalf("receive of the delayed message = %d, %v", len(later), err)
	}
	clock.Advance(2 * time.Second)
	if err := later[0].ChangeVisibility(ctx, time.Minute); !errors.As(err, &notInflight) {
		t.Errorf("ChangeVisibility after the timeout = %v; want MessageNotInflight", err)
	}
}

// TestLongPoll checks Receive waits for a message sent while it polls
// (Developer Guide, "short and long polling").
func TestLongPoll(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "poll"})
	got := make(chan []*sqs.Message, 1)
	go func() {
		msgs, err := q.Receive(ctx, sqs.ReceiveOptions{WaitTime: 20 * time.Second})
		if err != nil {
			t.Error(err)
		}
		got <- msgs
	}()
	if _, err := q.Send(ctx, "ping"); err != nil {
		t.Fatal(err)
	}
	if msgs := <-got; len(msgs) != 1 || msgs[0].Body != "ping" {
		t.Errorf("long poll = %+v; want ping", msgs)
	}
}

// tamper is an HTTP client that rewrites every MD5OfMessageAttributes
// in SQS's answers, as a broken proxy or server would.
type tamper struct{ next aws.HTTPClient }

var md5Field = regexp.MustCompile(`"MD5OfMessageAttributes":"[0-9a-f]*"`)

func (c tamper) Do(r *http.Request) (*http.Response, error) {
	resp, err := c.next.Do(r)
	if err != nil {
		return resp, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	b = md5Field.ReplaceAll(b, []byte(`"MD5OfMessageAttributes":"00000000000000000000000000000000"`))
	resp.Body = io.NopCloser(bytes.NewReader(b))
	resp.ContentLength = int64(len(b))
	resp.Header.Set("Content-Length", strconv.Itoa(len(b)))
	return resp, nil
}

// TestChecksums checks the attribute MD5, which aws-sdk-go-v2 does not
// check, is checked on send and receive, and that WithoutChecksums
// turns the check off.
func TestChecksums(t *testing.T) {
	srv, plain := startFake(t)
	ctx := t.Context()
	newQueue(t, plain, sqs.QueueOptions{Name: "sums"})
	cfg := srv.Config("")
	broken := sqs.WithClientOptions(func(o *sqsv2.Options) { o.HTTPClient = tamper{cfg.HTTPClient} })
	conn := sqs.New(cfg, broken)
	q, err := conn.LookupQueue(ctx, "sums")
	if err != nil {
		t.Fatal(err)
	}
	var ce *sqs.ChecksumError
	if _, err := q.Send(ctx, "x", sqs.WithAttribute("a", sqs.String("b"))); !errors.As(err, &ce) || ce.Part != "attributes" {
		t.Errorf("Send through a tampering client = %v; want a ChecksumError on attributes", err)
	}
	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{Attributes: []string{"All"}})
	if !errors.As(err, &ce) || len(msgs) != 1 {
		t.Errorf("Receive through a tampering client = %d, %v; want the message and a ChecksumError", len(msgs), err)
	}
	off := sqs.New(cfg, broken, sqs.WithoutChecksums())
	if _, err := off.Queue(q.URL).Send(ctx, "y", sqs.WithAttribute("a", sqs.String("b"))); err != nil {
		t.Errorf("Send WithoutChecksums = %v", err)
	}
}

// TestAttributesMD5 pins AttributesMD5 to digests published by
// independent SQS implementations checked against SQS (see sqstest's
// test of its own digest, which this package does not share).
func TestAttributesMD5(t *testing.T) {
	got := sqs.AttributesMD5(map[string]sqs.Attribute{"ordinal": sqs.Number("1"), "category": sqs.String("test")})
	if want := "d21ae90c49061e927f57df5f5d72be1f"; got != want {
		t.Errorf("AttributesMD5 = %s; want %s", got, want)
	}
	got = sqs.AttributesMD5(map[string]sqs.Attribute{"SellerName": sqs.String("Example Store")})
	if want := "cd28f3b68aeee4b2eac9c66f2f694b58"; got != want {
		t.Errorf("AttributesMD5 = %s; want %s", got, want)
	}
}

// TestMessageValidation checks what Send and Receive refuse before
// sending (SendMessage and ReceiveMessage limits; Developer Guide,
// "Amazon SQS message attributes").
func TestMessageValidation(t *testing.T) {
	srv, conn := startFake(t)
	q := conn.Queue(srv.URL() + "/" + srv.Account() + "/none")
	eleven := make([]sqs.SendOption, 11)
	for i := range eleven {
		eleven[i] = sqs.WithAttribute("a"+strconv.Itoa(i), sqs.String("v"))
	}
	sends := map[string][]any{
		"empty":         {""},
		"control char":  {"bad\x00"},
		"invalid utf8":  {"\xff"},
		"over 1 MiB":    {strings.Repeat("x", 1<<20+1)},
		"11 attributes": {"x", eleven},
		"attr name":     {"x", []sqs.SendOption{sqs.WithAttribute("AWS.x", sqs.String("v"))}},
		"attr dots":     {"x", []sqs.SendOption{sqs.WithAttribute("a..b", sqs.String("v"))}},
		"attr type":     {"x", []sqs.SendOption{sqs.WithAttribute("a", sqs.Attribute{DataType: "Date", StringValue: "v"})}},
		"not a number":  {"x", []sqs.SendOption{sqs.WithAttribute("a", sqs.Number("ten"))}},
		"empty binary":  {"x", []sqs.SendOption{sqs.WithAttribute("a", sqs.Binary(nil))}},
		"delay":         {"x", []sqs.SendOption{sqs.Delay(16 * time.Minute)}},
		"attrs+body":    {strings.Repeat("x", 1<<20-3), []sqs.SendOption{sqs.WithAttribute("a", sqs.String("v"))}},
	}
	for name, args := range sends {
		var opts []sqs.SendOption
		if len(args) > 1 {
			opts = args[1].([]sqs.SendOption)
		}
		_, err := q.Send(t.Context(), args[0].(string), opts...)
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: Send = %v; want a ValidationError", name, err)
		}
	}
	for _, o := range []sqs.ReceiveOptions{{MaxMessages: 11}, {MaxMessages: -1}, {WaitTime: 21 * time.Second},
		{WaitTime: 1500 * time.Millisecond}, {VisibilityTimeout: 13 * time.Hour}} {
		_, err := q.Receive(t.Context(), o)
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("Receive(%+v) = %v; want a ValidationError", o, err)
		}
	}
	var ve *goboto.ValidationError
	if err := (&sqs.Message{}).Delete(t.Context()); !errors.As(err, &ve) {
		t.Errorf("Delete of a message never received = %v", err)
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls reached the fake", n)
	}
}

// TestQueueMaximum checks Send refuses, before sending, a message over
// the queue's MaximumMessageSize once Refresh has read it.
func TestQueueMaximum(t *testing.T) {
	srv, conn := startFake(t)
	q := newQueue(t, conn, sqs.QueueOptions{Name: "small", MaximumMessageSize: 1024})
	if err := q.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	calls := len(srv.Calls())
	var ve *goboto.ValidationError
	if _, err := q.Send(t.Context(), strings.Repeat("x", 1025)); !errors.As(err, &ve) {
		t.Errorf("Send of 1025 bytes to a 1024-byte queue = %v; want a ValidationError", err)
	}
	if len(srv.Calls()) != calls {
		t.Error("the refused message was sent")
	}
	if _, err := q.Send(t.Context(), strings.Repeat("x", 1024)); err != nil {
		t.Errorf("Send of 1024 bytes = %v", err)
	}
}

// dropQueryError is an HTTP client that removes x-amzn-query-error from
// SQS's answers, as an endpoint that is not query-compatible would.
type dropQueryError struct{ next aws.HTTPClient }

func (c dropQueryError) Do(r *http.Request) (*http.Response, error) {
	resp, err := c.next.Do(r)
	if resp != nil {
		resp.Header.Del("X-Amzn-Query-Error")
	}
	return resp, err
}

// TestNotFoundEitherCode checks a missing queue is not-found and matches
// *types.QueueDoesNotExist whether the answer carries the legacy query
// code or only the JSON name.
func TestNotFoundEitherCode(t *testing.T) {
	srv, _ := startFake(t)
	cfg := srv.Config("")
	conn := sqs.New(cfg, sqs.WithClientOptions(func(o *sqsv2.Options) { o.HTTPClient = dropQueryError{cfg.HTTPClient} }))
	_, err := conn.LookupQueue(t.Context(), "missing")
	var typed *types.QueueDoesNotExist
	var ae *goboto.APIError
	if !goboto.IsNotFound(err) || !errors.As(err, &typed) || !errors.As(err, &ae) || ae.Code != "QueueDoesNotExist" {
		t.Errorf("LookupQueue(missing) without x-amzn-query-error = %v; want a not-found QueueDoesNotExist", err)
	}
}
