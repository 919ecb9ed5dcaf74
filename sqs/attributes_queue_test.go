package sqs_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sqs"
)

// features are the Queue fields this file's tests compare.
type features struct {
	Policy                       string
	Redrive                      *sqs.RedrivePolicy
	RedriveAllow                 *sqs.RedriveAllowPolicy
	SSE                          bool
	KMSKey                       string
	KMSReuse                     time.Duration
	Scope                        sqs.DeduplicationScope
	Throughput                   sqs.ThroughputLimit
	Visibility, Retention, Delay time.Duration
	Wait                         time.Duration
	MaxSize                      int
	ContentBasedDeduplication    bool
}

func featuresOf(q *sqs.Queue) features {
	return features{q.Policy, q.RedrivePolicy, q.RedriveAllowPolicy, q.SQSManagedSSE, q.KMSMasterKeyID, q.KMSDataKeyReusePeriod,
		q.DeduplicationScope, q.FIFOThroughputLimit, q.VisibilityTimeout, q.MessageRetention, q.Delay, q.ReceiveWaitTime,
		q.MaximumMessageSize, q.ContentBasedDeduplication}
}

// TestQueueFeatures creates queues with every typed attribute
// QueueOptions has, reads them back with Refresh, changes them with
// SetAttributes (SetQueueAttributes) and reads them again.
func TestQueueFeatures(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	dlq := newQueue(t, conn, sqs.QueueOptions{Name: "dead", RedriveAllowPolicy: &sqs.RedriveAllowPolicy{Permission: sqs.RedriveAllowAll}})
	// RedriveTo makes the ARN from the handle, with no Refresh: it must be
	// the one SQS gives the queue.
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}`
	q := newQueue(t, conn, sqs.QueueOptions{Name: "work", VisibilityTimeout: time.Minute, Policy: policy,
		RedrivePolicy: sqs.RedriveTo(dlq, 5), KMSMasterKeyID: "alias/aws/sqs", KMSDataKeyReusePeriod: time.Hour,
		Tags: map[string]string{"team": "queues"}})
	if err := q.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if err := dlq.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	want := features{Policy: policy, Redrive: &sqs.RedrivePolicy{DeadLetterQueueARN: dlq.ARN, MaxReceiveCount: 5},
		KMSKey: "alias/aws/sqs", KMSReuse: time.Hour, Visibility: time.Minute, Retention: 4 * 24 * time.Hour, MaxSize: sqs.MaxMessageSize}
	if diff := cmp.Diff(want, featuresOf(q)); diff != "" {
		t.Errorf("after CreateQueue (-want +got):\n%s", diff)
	}
	if got := dlq.RedriveAllowPolicy; got == nil || got.Permission != sqs.RedriveAllowAll || !dlq.SQSManagedSSE {
		t.Errorf("dead-letter queue: RedriveAllowPolicy %+v, SSE-SQS %t; want allowAll, on", got, dlq.SQSManagedSSE)
	}
	tags, err := q.Tags(ctx)
	if err != nil || tags["team"] != "queues" {
		t.Errorf("Tags = %v, %v", tags, err)
	}

	on := true
	update := sqs.QueueUpdate{
		VisibilityTimeout: aws.Duration(2 * time.Minute), MessageRetention: aws.Duration(time.Hour),
		Delay: aws.Duration(10 * time.Second), ReceiveWaitTime: aws.Duration(20 * time.Second),
		MaximumMessageSize: aws.Int(2048), Policy: aws.String(""), RedrivePolicy: &sqs.RedrivePolicy{},
		KMSMasterKeyID: aws.String(""), SQSManagedSSE: &on,
	}
	if err := q.SetAttributes(ctx, update); err != nil {
		t.Fatal(err)
	}
	if err := q.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	want = features{SSE: true, Visibility: 2 * time.Minute, Retention: time.Hour, Delay: 10 * time.Second, Wait: 20 * time.Second, MaxSize: 2048}
	if diff := cmp.Diff(want, featuresOf(q)); diff != "" {
		t.Errorf("after SetAttributes (-want +got):\n%s", diff)
	}

	f := newQueue(t, conn, sqs.QueueOptions{Name: "fast.fifo", FIFO: true,
		DeduplicationScope: sqs.DeduplicationPerMessageGroup, FIFOThroughputLimit: sqs.ThroughputPerMessageGroupID})
	if err := f.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if f.DeduplicationScope != sqs.DeduplicationPerMessageGroup || f.FIFOThroughputLimit != sqs.ThroughputPerMessageGroupID {
		t.Errorf("FIFO: %s, %s; want messageGroup, perMessageGroupId", f.DeduplicationScope, f.FIFOThroughputLimit)
	}
	if err := f.SetAttributes(ctx, sqs.QueueUpdate{FIFOThroughputLimit: sqs.ThroughputPerQueue, DeduplicationScope: sqs.DeduplicationPerQueue,
		ContentBasedDeduplication: &on}); err != nil {
		t.Fatal(err)
	}
	if err := f.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if f.DeduplicationScope != sqs.DeduplicationPerQueue || f.FIFOThroughputLimit != sqs.ThroughputPerQueue || !f.ContentBasedDeduplication {
		t.Errorf("FIFO after SetAttributes: %s, %s, %t", f.DeduplicationScope, f.FIFOThroughputLimit, f.ContentBasedDeduplication)
	}
	// SQS's own refusal arrives typed: a dead-letter queue that does not
	// exist.
	gone := conn.Queue(strings.TrimSuffix(dlq.URL, "dead") + "gone")
	err = q.SetAttributes(ctx, sqs.QueueUpdate{RedrivePolicy: sqs.RedriveTo(gone, 3)})
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != "InvalidParameterValue" {
		t.Errorf("SetAttributes with a missing dead-letter queue = %v; want InvalidParameterValue", err)
	}
}

// TestQueueFeatureValidation checks what CreateQueue and SetAttributes
// refuse before sending: SetQueueAttributes' ranges and rules.
func TestQueueFeatureValidation(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	std := conn.Queue(srv.URL() + "/" + srv.Account() + "/std")
	fifo := conn.Queue(srv.URL() + "/" + srv.Account() + "/f.fifo")
	on := true
	arn := "arn:aws:sqs:us-east-1:111122223333:dlq"
	updates := []struct {
		name string
		q    *sqs.Queue
		u    sqs.QueueUpdate
	}{
		{"nothing", std, sqs.QueueUpdate{}},
		{"visibility 12 h + 1 s", std, sqs.QueueUpdate{VisibilityTimeout: aws.Duration(12*time.Hour + time.Second)}},
		{"retention 59 s", std, sqs.QueueUpdate{MessageRetention: aws.Duration(59 * time.Second)}},
		{"retention 14 days + 1 s", std, sqs.QueueUpdate{MessageRetention: aws.Duration(14*24*time.Hour + time.Second)}},
		{"delay 901 s", std, sqs.QueueUpdate{Delay: aws.Duration(901 * time.Second)}},
		{"wait 21 s", std, sqs.QueueUpdate{ReceiveWaitTime: aws.Duration(21 * time.Second)}},
		{"half a second", std, sqs.QueueUpdate{VisibilityTimeout: aws.Duration(1500 * time.Millisecond)}},
		{"size 1 MiB + 1", std, sqs.QueueUpdate{MaximumMessageSize: aws.Int(1<<20 + 1)}},
		{"size 1023", std, sqs.QueueUpdate{MaximumMessageSize: aws.Int(1023)}},
		{"policy not JSON", std, sqs.QueueUpdate{Policy: aws.String("{")}},
		{"policy over 8 KiB", std, sqs.QueueUpdate{Policy: aws.String(`{"x":"` + strings.Repeat("p", 8192) + `"}`)}},
		{"maxReceiveCount 0", std, sqs.QueueUpdate{RedrivePolicy: &sqs.RedrivePolicy{DeadLetterQueueARN: arn}}},
		{"maxReceiveCount 1001", std, sqs.QueueUpdate{RedrivePolicy: &sqs.RedrivePolicy{DeadLetterQueueARN: arn, MaxReceiveCount: 1001}}},
		{"target not an ARN", std, sqs.QueueUpdate{RedrivePolicy: &sqs.RedrivePolicy{DeadLetterQueueARN: "dlq", MaxReceiveCount: 3}}},
		{"byQueue with no sources", std, sqs.QueueUpdate{RedriveAllowPolicy: &sqs.RedriveAllowPolicy{Permission: sqs.RedriveByQueue}}},
		{"byQueue with 11 sources", std, sqs.QueueUpdate{RedriveAllowPolicy: &sqs.RedriveAllowPolicy{Permission: sqs.RedriveByQueue,
			SourceQueueARNs: strings.Split(strings.Repeat(arn+",", 11)[:len(strings.Repeat(arn+",", 11))-1], ",")}}},
		{"sources with denyAll", std, sqs.QueueUpdate{RedriveAllowPolicy: &sqs.RedriveAllowPolicy{Permission: sqs.RedriveDenyAll, SourceQueueARNs: []string{arn}}}},
		{"unknown permission", std, sqs.QueueUpdate{RedriveAllowPolicy: &sqs.RedriveAllowPolicy{Permission: "some"}}},
		{"KMS key and SSE-SQS", std, sqs.QueueUpdate{KMSMasterKeyID: aws.String("k"), SQSManagedSSE: &on}},
		{"data key reuse 59 s", std, sqs.QueueUpdate{KMSDataKeyReusePeriod: aws.Duration(59 * time.Second)}},
		{"data key reuse 24 h + 1 s", std, sqs.QueueUpdate{KMSDataKeyReusePeriod: aws.Duration(24*time.Hour + time.Second)}},
		{"content dedup on a standard queue", std, sqs.QueueUpdate{ContentBasedDeduplication: &on}},
		{"scope on a standard queue", std, sqs.QueueUpdate{DeduplicationScope: sqs.DeduplicationPerQueue}},
		{"throughput on a standard queue", std, sqs.QueueUpdate{FIFOThroughputLimit: sqs.ThroughputPerQueue}},
		{"unknown scope", fifo, sqs.QueueUpdate{DeduplicationScope: "group"}},
		{"unknown throughput", fifo, sqs.QueueUpdate{FIFOThroughputLimit: "fast"}},
		{"per-group throughput with queue scope", fifo, sqs.QueueUpdate{FIFOThroughputLimit: sqs.ThroughputPerMessageGroupID, DeduplicationScope: sqs.DeduplicationPerQueue}},
	}
	for _, tt := range updates {
		err := tt.q.SetAttributes(ctx, tt.u)
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("SetAttributes(%s) = %v; want a ValidationError", tt.name, err)
		}
	}
	creates := []sqs.QueueOptions{
		{Name: "p", Policy: "not json"},
		{Name: "r", RedrivePolicy: &sqs.RedrivePolicy{DeadLetterQueueARN: arn, MaxReceiveCount: 0}},
		{Name: "a", RedriveAllowPolicy: &sqs.RedriveAllowPolicy{}},
		{Name: "k", KMSMasterKeyID: "k", SQSManagedSSE: &on},
		{Name: "k", KMSMasterKeyID: "k", KMSDataKeyReusePeriod: 30 * time.Second},
		{Name: "s", DeduplicationScope: sqs.DeduplicationPerQueue},
		{Name: "t.fifo", FIFO: true, FIFOThroughputLimit: sqs.ThroughputPerMessageGroupID},
		{Name: "tags", Tags: map[string]string{"": "v"}},
		{Name: "tags", Tags: map[string]string{"aws:x": "v"}},
		{Name: "tags", Tags: map[string]string{strings.Repeat("k", 129): "v"}},
		{Name: "tags", Tags: map[string]string{"k": strings.Repeat("v", 257)}},
		{Name: "tags", Tags: map[string]string{"k": "a#b"}},
	}
	many := map[string]string{}
	for i := range 51 {
		many["k"+strings.Repeat("x", i)] = "v"
	}
	creates = append(creates, sqs.QueueOptions{Name: "tags", Tags: many})
	for _, o := range creates {
		_, err := conn.CreateQueue(ctx, o)
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("CreateQueue(%+v) = %v; want a ValidationError", o, err)
		}
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls reached the fake", n)
	}
}
