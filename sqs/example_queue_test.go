package sqs_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto/sqs"
)

func ExampleQueue_SetAttributes() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "work", KMSMasterKeyID: "alias/aws/sqs"})
	if err != nil {
		log.Fatal(err)
	}
	// Back to SSE-SQS, and a longer visibility timeout; nil fields stay.
	on := true
	err = q.SetAttributes(ctx, sqs.QueueUpdate{VisibilityTimeout: aws.Duration(5 * time.Minute),
		KMSMasterKeyID: aws.String(""), SQSManagedSSE: &on})
	if err != nil {
		log.Fatal(err)
	}
	if err := q.Refresh(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println(q.VisibilityTimeout, q.SQSManagedSSE, q.KMSMasterKeyID == "")
	// Output:
	// 5m0s true true
}

func ExampleRedriveTo() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	dlq, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "work-dead"})
	if err != nil {
		log.Fatal(err)
	}
	// A message received a third time goes to work-dead instead.
	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "work", RedrivePolicy: sqs.RedriveTo(dlq, 3)})
	if err != nil {
		log.Fatal(err)
	}
	for src, err := range dlq.DeadLetterSources(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(src.Name, src.URL == q.URL)
	}
	// Once the consumer is fixed, put the dead letters back.
	task, err := dlq.StartMoveTask(ctx, sqs.MoveRate(100))
	if err != nil {
		log.Fatal(err)
	}
	if err := task.Wait(ctx, sqs.MoveTaskCompleted); err != nil {
		log.Fatal(err)
	}
	fmt.Println(task.Status, task.Moved)
	// Output:
	// work true
	// COMPLETED 0
}

func ExampleQueue_Tag() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "work", Tags: map[string]string{"team": "mail"}})
	if err != nil {
		log.Fatal(err)
	}
	if err := q.Tag(ctx, map[string]string{"cost-centre": "42"}); err != nil {
		log.Fatal(err)
	}
	tags, err := q.Tags(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tags["team"], tags["cost-centre"])
	// Output:
	// mail 42
}

func ExampleQueue_AddPermission() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "shared"})
	if err != nil {
		log.Fatal(err)
	}
	err = q.AddPermission(ctx, sqs.Permission{Label: "partner-send", Accounts: []string{"111122223333"}, Actions: []string{"SendMessage"}})
	if err != nil {
		log.Fatal(err)
	}
	grants, err := q.Permissions(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%+v\n", grants)
	// Output:
	// [{Label:partner-send Accounts:[111122223333] Actions:[SendMessage]}]
}
