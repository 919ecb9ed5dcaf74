package sqs_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/goboto/goboto/sqs"
)

func ExampleTyped() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "orders"})
	if err != nil {
		log.Fatal(err)
	}

	type Order struct {
		ID    int      `json:"id"`
		Items []string `json:"items"`
	}
	orders := sqs.Typed(q, sqs.JSON[Order]())
	if _, err := orders.Send(ctx, Order{ID: 17, Items: []string{"tea"}}); err != nil {
		log.Fatal(err)
	}
	got, err := orders.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range got {
		fmt.Printf("%+v from %s\n", r.Value, r.Message.Body)
		if err := r.Message.Delete(ctx); err != nil {
			log.Fatal(err)
		}
	}
	// Output:
	// {ID:17 Items:[tea]} from {"id":17,"items":["tea"]}
}

func ExampleCodec_Decode() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "mixed"})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := q.Send(ctx, "not base64!"); err != nil {
		log.Fatal(err)
	}
	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{})
	if err != nil {
		log.Fatal(err)
	}
	_, err = sqs.Base64().Decode(msgs[0])
	var de *sqs.DecodeError
	if errors.As(err, &de) {
		// The message is still there to delete, or to leave for the
		// dead-letter queue.
		fmt.Println("undecodable:", de.Message.Body)
	}
	// Output:
	// undecodable: not base64!
}
