package sqs_test

import (
	"context"
	"errors"
	"fmt"
	"log"
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
