package s3store_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/s3store"
	"github.com/goboto/goboto/sqs/sqstest"
)

// startFakes starts a fake SQS and a fake S3 and returns a queue, a bucket
// and a function that stops both.
func startFakes(ctx context.Context) (*sqs.Queue, *s3.Bucket, func()) {
	sqsSrv, err := sqstest.New()
	if err != nil {
		log.Fatal(err)
	}
	s3Srv, err := s3test.New()
	if err != nil {
		log.Fatal(err)
	}
	stop := func() { sqsSrv.Close(); s3Srv.Close() }
	q, err := sqs.New(sqsSrv.Config("")).CreateQueue(ctx, sqs.QueueOptions{Name: "work"})
	if err != nil {
		log.Fatal(err)
	}
	b, err := s3.New(s3Srv.Config("")).CreateBucket(ctx, "my-bucket")
	if err != nil {
		log.Fatal(err)
	}
	return q, b, stop
}

func ExampleBodies() {
	ctx := context.Background()
	q, bucket, stop := startFakes(ctx)
	defer stop()

	big := q.WithOffload(sqs.Offload{Store: s3store.Bodies(bucket, "sqs-bodies/")})
	body := strings.Repeat("x", 2<<20) // 2 MiB: twice what SQS takes
	m, err := big.Send(ctx, body)      // PutObject, then SendMessage of the pointer
	if err != nil {
		log.Fatal(err)
	}
	p, _ := s3store.ParsePointer(m.Pointer)
	fmt.Println("stored in", p.Bucket, strings.HasPrefix(p.Key, "sqs-bodies/"))

	msgs, err := big.Receive(ctx, sqs.ReceiveOptions{}) // ReceiveMessage, then GetObject
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("received", len(msgs[0].Body), "bytes")
	if err := msgs[0].Delete(ctx); err != nil { // DeleteMessage, then DeleteObject
		log.Fatal(err)
	}
	n := 0
	for range bucket.Keys(ctx, s3.Prefix("sqs-bodies/")) {
		n++
	}
	fmt.Println("objects left:", n)
	// Output:
	// stored in my-bucket true
	// received 2097152 bytes
	// objects left: 0
}

func ExampleArchive() {
	ctx := context.Background()
	q, bucket, stop := startFakes(ctx)
	defer stop()
	for _, b := range []string{"one", "two"} {
		if _, err := q.Send(ctx, b); err != nil {
			log.Fatal(err)
		}
	}
	res, err := q.Dump(ctx, s3store.Archive(bucket, "dumps/work"), sqs.DumpOptions{Drain: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("saved", res.Saved, "deleted", res.Deleted)
	// The trailing slash makes no difference.
	back, err := q.Restore(ctx, s3store.Archive(bucket, "dumps/work/"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("restored", back.Sent)
	// Output:
	// saved 2 deleted 2
	// restored 2
}
