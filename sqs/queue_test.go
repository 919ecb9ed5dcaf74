package sqs_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sqs"
)

func TestCreateRefreshList(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	q := newQueue(t, conn, sqs.QueueOptions{Name: "jobs", VisibilityTimeout: 45 * time.Second, ReceiveWaitTime: 5 * time.Second})
	newQueue(t, conn, sqs.QueueOptions{Name: "jobs-2"})
	newQueue(t, conn, sqs.QueueOptions{Name: "other"})
	if q.Name != "jobs" || !strings.HasPrefix(q.URL, srv.URL()) {
		t.Errorf("handle = %s, %s", q.Name, q.URL)
	}
	if err := q.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	// CreateQueue: VisibilityTimeout default 30 s, MaximumMessageSize
	// default 1 MiB; the ones set come back as set.
	got := []any{q.VisibilityTimeout, q.ReceiveWaitTime, q.MaximumMessageSize, q.MessageRetention, q.ARN}
	want := []any{45 * time.Second, 5 * time.Second, 1 << 20, 4 * 24 * time.Hour, "arn:aws:sqs:us-east-1:" + srv.Account() + ":jobs"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("attributes (-want +got):\n%s", diff)
	}
	found, err := conn.LookupQueue(ctx, "jobs")
	if err != nil || found.URL != q.URL {
		t.Errorf("LookupQueue = %v, %v; want %s", found, err, q.URL)
	}
	var names []string
	for q, err := range conn.Queues(ctx, sqs.Prefix("jobs"), sqs.PageSize(1)) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, q.Name)
	}
	if diff := cmp.Diff([]string{"jobs", "jobs-2"}, names); diff != "" {
		t.Errorf("Queues(Prefix jobs) (-want +got):\n%s", diff)
	}
	var lists int
	for _, c := range srv.Calls() {
		if c.Operation == "ListQueues" {
			lists++
		}
	}
	if lists != 2 {
		t.Errorf("ListQueues calls = %d; want 2 pages of one", lists)
	}
}

// TestNotFound checks a missing queue is goboto.IsNotFound and matches
// aws-sdk-go-v2's *types.QueueDoesNotExist, though the code on the wire
// is AWS.SimpleQueueService.NonExistentQueue (aws-sdk-go-v2#1319).
func TestNotFound(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	_, err := conn.LookupQueue(ctx, "missing")
	var typed *types.QueueDoesNotExist
	var ae *goboto.APIError
	if !goboto.IsNotFound(err) || !errors.As(err, &typed) || !errors.As(err, &ae) || ae.Code != "QueueDoesNotExist" {
		t.Fatalf("LookupQueue(missing) = %v; want a not-found QueueDoesNotExist", err)
	}
	q := newQueue(t, conn, sqs.QueueOptions{Name: "gone"})
	if err := q.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := q.Refresh(ctx); !goboto.IsNotFound(err) {
		t.Errorf("Refresh of a deleted queue = %v; want not found", err)
	}
	// PurgeQueue: one purge per 60 seconds.
	p := newQueue(t, conn, sqs.QueueOptions{Name: "purged"})
	if err := p.Purge(ctx); err != nil {
		t.Fatal(err)
	}
	var inProgress *types.PurgeQueueInProgress
	if err := p.Purge(ctx); !errors.As(err, &inProgress) {
		t.Errorf("second Purge = %v; want PurgeQueueInProgress", err)
	}
}

// TestQueueValidation checks what CreateQueue refuses before sending.
func TestQueueValidation(t *testing.T) {
	srv, conn := startFake(t)
	tests := []sqs.QueueOptions{
		{Name: ""},
		{Name: strings.Repeat("a", 81)},
		{Name: "has space"},
		{Name: "std.fifo"},
		{Name: "fifo", FIFO: true},
		{Name: "dedup", ContentBasedDeduplication: true},
		{Name: "vis", VisibilityTimeout: 13 * time.Hour},
		{Name: "vis", VisibilityTimeout: 1500 * time.Millisecond},
		{Name: "ret", MessageRetention: 30 * time.Second},
		{Name: "wait", ReceiveWaitTime: 21 * time.Second},
		{Name: "size", MaximumMessageSize: 1<<20 + 1},
		{Name: "size", MaximumMessageSize: 100},
		{Name: "delay", Delay: 16 * time.Minute},
	}
	for _, o := range tests {
		_, err := conn.CreateQueue(t.Context(), o)
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("CreateQueue(%+v) = %v; want a ValidationError", o, err)
		}
	}
	for _, o := range []sqs.ListOption{sqs.PageSize(1001), sqs.PageSize(-1), sqs.Prefix(strings.Repeat("p", 81))} {
		for _, err := range conn.Queues(t.Context(), o) {
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("Queues = %v; want a ValidationError", err)
			}
		}
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls reached the fake", n)
	}
}
