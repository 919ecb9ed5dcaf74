package s3store_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptrace"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/s3store"
)

// TestOffloadSendFailures pins what a failed send of an offloaded body
// leaves in S3, for Send and SendBatch alike. The object is deleted only
// when SQS refused every attempt of the call: AWS General Reference,
// "Error retries and exponential backoff in AWS": "client errors (4xx)
// indicate that you need to revise the request to correct the problem
// before trying again", while server (5xx) errors are to be retried, so
// a 4xx request was not carried out. When an attempt got a 5xx, no
// answer or an answer cut short, SQS may have queued the message (the
// fake's Truncate fault queues it and then cuts the answer), so
// deleting the object would leave a message pointing at nothing: the
// object is kept, and the error says where. A retry that succeeds
// leaves one message and its object.
func TestOffloadSendFailures(t *testing.T) {
	refusal := &fakes.Error{Status: http.StatusBadRequest, Code: "InvalidParameterValue", Message: "refused", Sender: true}
	for _, tc := range []struct {
		name   string
		faults []fakes.Fault // on the send's operation, in this order
		// keep: the object stays; ok: the send succeeds; queued: how many
		// copies of the message SQS holds, -1 for one per attempt.
		keep, ok bool
		queued   int
		// cancel cancels the call's context as soon as the request is
		// written.
		cancel bool
	}{
		// Reset drops the connection after reading the request and
		// before handling it, on each of the 3 attempts: no answer.
		{name: "no answer", faults: []fakes.Fault{{Kind: fakes.Reset}}, keep: true},
		// Truncate queues the message, then cuts its answer short. The
		// SDK does not retry that, so there is one attempt.
		{name: "answer cut short", faults: []fakes.Fault{{Kind: fakes.Truncate}}, keep: true, queued: -1},
		// The answer is held back until the client gives up, which it
		// does once the request is written.
		{name: "cancelled", faults: []fakes.Fault{{Kind: fakes.Latency, Delay: time.Minute}}, cancel: true, keep: true},
		{name: "5xx", faults: []fakes.Fault{{Kind: fakes.ServerError}}, keep: true},
		{name: "refused", faults: []fakes.Fault{{Kind: fakes.ServerError, Err: refusal}}},
		// The last attempt is refused, but the first, which the SDK
		// retried, got a 5xx, after which SQS may hold the message.
		{name: "refused after a 5xx", faults: []fakes.Fault{{Kind: fakes.ServerError, Times: 1}, {Kind: fakes.ServerError, Err: refusal}},
			keep: true},
		{name: "refused after no answer", faults: []fakes.Fault{{Kind: fakes.Reset, Times: 1}, {Kind: fakes.ServerError, Err: refusal}},
			keep: true},
		// The SDK retries after the reset and the retry is queued: one
		// message, whose object stays.
		{name: "retried", faults: []fakes.Fault{{Kind: fakes.Reset, Times: 1}}, keep: true, ok: true, queued: 1},
	} {
		for _, batch := range []bool{false, true} {
			name, op := tc.name+"/Send", "SendMessage"
			if batch {
				name, op = tc.name+"/SendBatch", "SendMessageBatch"
			}
			t.Run(name, func(t *testing.T) {
				e := setup(t, sqs.QueueOptions{Name: "faults"})
				ctx := t.Context()
				cfg := e.sqsSrv.Config("")
				sendCtx, cancel := context.WithCancel(ctx)
				defer cancel()
				if tc.cancel {
					cfg.HTTPClient = cancelOnWrite{cfg.HTTPClient, op, cancel}
				}
				// Three attempts, as the SDK's default, without its
				// seconds of backoff.
				conn := sqs.New(cfg, goboto.WithRetry(3, time.Millisecond))
				q := conn.Queue(e.queue.URL).WithOffload(sqs.Offload{Store: s3store.Bodies(e.bucket, "bodies/"), Threshold: 10})
				body := "a body of more than ten bytes"
				for _, f := range tc.faults {
					f.Operation = op
					e.sqsSrv.Faults().Add(f)
				}

				var err error
				if batch {
					_, err = q.SendBatch(sendCtx, []sqs.Entry{{Body: body}})
				} else {
					_, err = q.Send(sendCtx, body)
				}
				// The faults stay: a request the client gave up on may
				// reach them after the call returned.
				attempts := count(e.sqsSrv.Calls(), op)
				if attempts < 2 && len(tc.faults) > 1 {
					t.Fatalf("%d attempts; the case needs the SDK to retry", attempts)
				}

				keys := e.keys(t, "bodies/")
				if got := len(keys) == 1; got != tc.keep {
					t.Fatalf("objects after the send: %v; want kept %v", keys, tc.keep)
				}
				var oe *sqs.OffloadError
				switch {
				case tc.ok:
					if err != nil {
						t.Fatalf("send = %v; want the retry to succeed", err)
					}
				case tc.keep:
					// The error names the object kept, and still
					// holds the call's own error.
					if !errors.As(err, &oe) || oe.Op != "send" {
						t.Fatalf("send = %v; want an OffloadError of Op send", err)
					}
					p, perr := s3store.ParsePointer(oe.Pointer)
					if perr != nil || p.Bucket != "sqs-store" || !slices.Contains(keys, p.Key) {
						t.Errorf("OffloadError.Pointer = %q (%v); want the kept object, one of %v", oe.Pointer, perr, keys)
					}
					if !strings.Contains(err.Error(), "kept") {
						t.Errorf("error %q does not say the body was kept", err)
					}
					if batch {
						var be *sqs.BatchError
						if !errors.As(err, &be) || len(be.Failed) != 1 || !errors.As(be.Failed[0].Err, &oe) {
							t.Errorf("SendBatch = %v; want a BatchError whose failure is the OffloadError", err)
						}
					}
				default:
					var ae *goboto.APIError
					if !errors.As(err, &ae) || ae.Code != refusal.Code || errors.As(err, &oe) {
						t.Fatalf("send = %v; want SQS's refusal alone", err)
					}
				}

				want := tc.queued
				if want < 0 {
					want = attempts
				}
				got := 0
				for {
					msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10})
					if err != nil {
						t.Fatalf("Receive: %v", err)
					}
					if len(msgs) == 0 {
						break
					}
					for _, m := range msgs {
						// A queued message must lead to its body.
						if m.Body != body {
							t.Errorf("received body %.40q; want the one sent", m.Body)
						}
					}
					got += len(msgs)
				}
				if got != want {
					t.Errorf("%d messages queued after %d attempts; want %d", got, attempts, want)
				}
			})
		}
	}
}

// cancelOnWrite is an HTTP client that calls cancel once it has written
// a request for operation op: the request reached the server, and its
// answer is lost.
type cancelOnWrite struct {
	aws.HTTPClient
	op     string
	cancel func()
}

func (c cancelOnWrite) Do(r *http.Request) (*http.Response, error) {
	if r.Header.Get("X-Amz-Target") == "AmazonSQS."+c.op {
		trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { c.cancel() }}
		r = r.WithContext(httptrace.WithClientTrace(r.Context(), trace))
	}
	return c.HTTPClient.Do(r)
}
