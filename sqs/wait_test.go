package sqs_test

import (
	"errors"
	"testing"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sqs"
)

func TestWait(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "w"})
	fast := goboto.Interval(time.Millisecond)
	if err := q.Wait(ctx, sqs.QueueExists, fast); err != nil {
		t.Fatal(err)
	}
	if q.ARN == "" {
		t.Error("Wait did not refresh the handle")
	}
	var ve *goboto.ValidationError
	if err := q.Wait(ctx, "gone", fast); !errors.As(err, &ve) {
		t.Errorf("Wait(gone) = %v; want a ValidationError", err)
	}
	if err := q.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := q.Wait(ctx, sqs.QueueNotExists, fast); err != nil {
		t.Fatal(err)
	}
	// Waiting for a deleted queue to exist runs out of time.
	var te *goboto.WaitTimeoutError
	err := q.Wait(ctx, sqs.QueueExists, fast, goboto.Timeout(time.Second)) // long enough for one look on a loaded machine
	if !errors.As(err, &te) || te.Service != "SQS" || te.State != string(sqs.QueueNotExists) {
		t.Errorf("Wait(QueueExists) on a deleted queue = %v; want a WaitTimeoutError in state %q", err, sqs.QueueNotExists)
	}
	if len(srv.Calls()) < 4 {
		t.Errorf("only %d calls", len(srv.Calls()))
	}
}
