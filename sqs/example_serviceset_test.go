package sqs_test

import (
	"context"
	"fmt"
	"log"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/regions"
	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/sqstest"
)

// Queues across every region, as boto's ServiceSet listed them: one
// connection per region SQS is offered in, asked at once.
func ExampleNewConn() {
	srv, err := sqstest.New()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	for _, region := range []string{"eu-west-1", "us-east-1", "ap-southeast-2"} {
		if _, err := sqs.New(srv.Config(region)).CreateQueue(ctx, sqs.QueueOptions{Name: "jobs"}); err != nil {
			log.Fatal(err)
		}
	}

	set, err := regions.NewServiceSet(srv.Config("us-east-1"), regions.SQS, sqs.NewConn)
	if err != nil {
		log.Fatal(err)
	}
	res := regions.Map(ctx, set, func(ctx context.Context, region string, c *sqs.Conn) ([]*sqs.Queue, error) {
		return goboto.Collect(c.Queues(ctx))
	})
	for _, r := range res {
		if r.Err != nil {
			log.Fatalf("%s: %v", r.Region, r.Err)
		}
		for _, q := range r.Value {
			fmt.Println(r.Region, q.Name)
		}
	}
	fmt.Println("every region answered:", len(res.Failed()) == 0, len(res) > 10)
	// Output:
	// ap-southeast-2 jobs
	// eu-west-1 jobs
	// us-east-1 jobs
	// every region answered: true true
}
