package sqs_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sqsv2 "github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/goboto/goboto/internal/testutil"
	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/sqstest"
)

// BenchmarkConsumeVsRaw moves the same number of messages through one
// fake twice per iteration: once with the loop aws-sdk-go-v2 users write
// (receive one, handle, delete one) and once with Consume, and reports
// both rates and their ratio (the goal is 5 or more).
//
//	go test ./sqs -run '^$' -bench ConsumeVsRaw -benchtime 3x
func BenchmarkConsumeVsRaw(b *testing.B) {
	const n = 1000
	srv := sqstest.Start(b)
	cfg := srv.Config("")
	conn := sqs.New(cfg)
	raw := sqsv2.NewFromConfig(cfg)
	q, err := conn.CreateQueue(b.Context(), sqs.QueueOptions{Name: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	fill := func() {
		b.StopTimer()
		defer b.StartTimer()
		if _, err := q.SendBatch(b.Context(), bodies(n)); err != nil {
			b.Fatal(err)
		}
	}
	var rawTime, consumeTime, rawCPU, consumeCPU time.Duration
	for b.Loop() {
		fill()
		start, cpu := time.Now(), testutil.CPUTime()
		for got := 0; got < n; {
			out, err := raw.ReceiveMessage(b.Context(), &sqsv2.ReceiveMessageInput{QueueUrl: aws.String(q.URL), MaxNumberOfMessages: 1})
			if err != nil {
				b.Fatal(err)
			}
			for _, m := range out.Messages {
				if _, err := raw.DeleteMessage(b.Context(), &sqsv2.DeleteMessageInput{QueueUrl: aws.String(q.URL), ReceiptHandle: m.ReceiptHandle}); err != nil {
					b.Fatal(err)
				}
				got++
			}
		}
		rawTime += time.Since(start)
		rawCPU += testutil.CPUTime() - cpu

		fill()
		var deleted atomic.Int64
		all := make(chan struct{})
		ctx, cancel := context.WithCancel(b.Context())
		done := make(chan error, 1)
		start, cpu = time.Now(), testutil.CPUTime()
		go func() {
			done <- q.Consume(ctx, func(context.Context, *sqs.Message) error { return nil }, sqs.ConsumeOptions{
				Workers: 50, WaitTime: time.Second, AckDelay: 5 * time.Millisecond,
				OnEvent: func(e sqs.Event) {
					if e.Kind == sqs.EventDeleted && deleted.Add(int64(len(e.Messages))) == n {
						close(all)
					}
				}})
		}()
		<-all
		consumeTime += time.Since(start)
		consumeCPU += testutil.CPUTime() - cpu
		cancel()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
	}
	rawRate := float64(n*b.N) / rawTime.Seconds()
	consumeRate := float64(n*b.N) / consumeTime.Seconds()
	b.ReportMetric(rawRate, "raw-msg/s")
	b.ReportMetric(consumeRate, "consume-msg/s")
	b.ReportMetric(consumeRate/rawRate, "ratio")
	// CPU (client and fake together) per message: on a machine shared
	// with other work, wall-clock rates follow the CPU share the run
	// gets; this does not.
	b.ReportMetric(float64(rawCPU.Microseconds())/float64(n*b.N), "raw-cpu-µs/msg")
	b.ReportMetric(float64(consumeCPU.Microseconds())/float64(n*b.N), "consume-cpu-µs/msg")
	b.ReportMetric(0, "ns/op")
}
