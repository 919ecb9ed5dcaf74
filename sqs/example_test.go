package sqs_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/sqstest"
)

// exampleConn starts a fake SQS and returns a connection to it with a
// function to stop it.
func exampleConn() (*sqs.Conn, func()) {
	srv, err := sqstest.New()
	if err != nil {
		log.Fatal(err)
	}
	return sqs.New(srv.Config("")), func() { srv.Close() }
}

func ExampleQueue_Receive() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()

	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "work", VisibilityTimeout: time.Minute})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := q.Send(ctx, "resize photo 17", sqs.WithAttribute("size", sqs.Number("640"))); err != nil {
		log.Fatal(err)
	}
	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, WaitTime: 20 * time.Second, Attributes: []string{"All"}})
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range msgs {
		fmt.Println(m.Body, m.Attributes["size"].StringValue)
		n, _ := q.Count(ctx)
		fmt.Printf("visible %d, in flight %d\n", n.Visible, n.InFlight)
		if err := m.Delete(ctx); err != nil {
			log.Fatal(err)
		}
	}
	n, _ := q.Count(ctx)
	fmt.Println("total", n.Total())
	// Output:
	// resize photo 17 640
	// visible 0, in flight 1
	// total 0
}

func ExampleConn_LookupQueue() {
	conn, stop := exampleConn()
	defer stop()
	_, err := conn.LookupQueue(context.Background(), "nope")
	var missing *types.QueueDoesNotExist
	fmt.Println(goboto.IsNotFound(err), errors.As(err, &missing))
	// Output:
	// true true
}

func ExampleValidQueueName() {
	fmt.Println(sqs.ValidQueueName("orders.fifo", false))
	fmt.Println(sqs.ValidQueueName("orders.fifo", true))
	// Output:
	// QueueName: orders.fifo only a FIFO queue's name may end in .fifo
	// <nil>
}

func ExampleConn_Queues() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	for _, name := range []string{"logs-a", "logs-b", "mail"} {
		if _, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: name}); err != nil {
			log.Fatal(err)
		}
	}
	for q, err := range conn.Queues(ctx, sqs.Prefix("logs-")) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(q.Name)
	}
	// Output:
	// logs-a
	// logs-b
}

func ExampleQueue_SendBatch() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "batch"})
	if err != nil {
		log.Fatal(err)
	}
	var entries []sqs.Entry
	for i := range 25 {
		entries = append(entries, sqs.Entry{Body: fmt.Sprintf("job %d", i)})
	}
	// 25 messages go in three SendMessageBatch calls of 10, 10 and 5.
	msgs, err := q.SendBatch(ctx, entries)
	var failed *sqs.BatchError
	if errors.As(err, &failed) {
		// Every entry not in msgs is here, by index; sending them again
		// is the caller's choice.
		for _, f := range failed.Failed {
			log.Printf("entry %d: %s %v", f.Index, f.Code, f.Err)
		}
	} else if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(msgs), msgs[24].Body)
	n, _ := q.Count(ctx)
	fmt.Println("visible", n.Visible)
	// Output:
	// 25 job 24
	// visible 25
}

func ExampleQueue_Consume() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "work"})
	if err != nil {
		log.Fatal(err)
	}
	var entries []sqs.Entry
	for i := range 100 {
		entries = append(entries, sqs.Entry{Body: fmt.Sprint(i)})
	}
	if _, err := q.SendBatch(ctx, entries); err != nil {
		log.Fatal(err)
	}

	// Consume until every message is deleted, then cancel: Consume
	// finishes the handlers running, deletes their acks and returns.
	run, cancel := context.WithCancel(ctx)
	var deleted atomic.Int64
	err = q.Consume(run, func(ctx context.Context, m *sqs.Message) error {
		return nil // nil acks: the message is deleted; an error would nack it
	}, sqs.ConsumeOptions{
		Workers:  4,
		WaitTime: time.Second,
		OnEvent: func(e sqs.Event) {
			if e.Kind == sqs.EventDeleted && deleted.Add(int64(len(e.Messages))) == 100 {
				cancel()
			}
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	n, _ := q.Count(ctx)
	fmt.Println("deleted", deleted.Load(), "left", n.Total())
	// Output:
	// deleted 100 left 0
}
