package sqs_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/goboto/goboto/sqs"
)

func ExampleQueue_Dump() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "dump")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "jobs"})
	if err != nil {
		log.Fatal(err)
	}
	for _, body := range []string{"one", "two", "three"} {
		if _, err := q.Send(ctx, body, sqs.WithAttribute("from", sqs.String("example"))); err != nil {
			log.Fatal(err)
		}
	}
	// A peek saves them all and leaves them in the queue.
	res, err := q.Dump(ctx, sqs.Dir(dir), sqs.DumpOptions{})
	if err != nil {
		log.Fatal(err)
	}
	n, _ := q.Count(ctx)
	fmt.Printf("peek: saved %d, still visible %d\n", res.Saved, n.Visible)

	// A drain deletes each one once it is saved.
	res, err = q.Dump(ctx, sqs.Dir(dir+"/drained"), sqs.DumpOptions{Drain: true})
	if err != nil {
		log.Fatal(err)
	}
	n, _ = q.Count(ctx)
	fmt.Printf("drain: saved %d, deleted %d, left %d\n", res.Saved, res.Deleted, n.Total())

	back, err := q.Restore(ctx, sqs.Dir(dir+"/drained"))
	if err != nil {
		log.Fatal(err)
	}
	n, _ = q.Count(ctx)
	fmt.Printf("restore: sent %d, visible %d\n", back.Sent, n.Visible)
	// Output:
	// peek: saved 3, still visible 3
	// drain: saved 3, deleted 3, left 0
	// restore: sent 3, visible 3
}

func ExampleQueue_WithOffload() {
	conn, stop := exampleConn()
	defer stop()
	ctx := context.Background()
	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "big"})
	if err != nil {
		log.Fatal(err)
	}
	// s3store.Bodies(bucket, "prefix/") is the store to use; this one
	// keeps bodies in memory so that the example needs no S3.
	store := &mapStore{m: map[string]string{}}
	big := q.WithOffload(sqs.Offload{Store: store, Threshold: 16})

	m, err := big.Send(ctx, "a body longer than sixteen bytes")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("sent as", m.Pointer)
	msgs, err := big.Receive(ctx, sqs.ReceiveOptions{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("received", msgs[0].Body)
	if err := msgs[0].Delete(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println("bodies stored:", len(store.m))
	// Output:
	// sent as body-1
	// received a body longer than sixteen bytes
	// bodies stored: 0
}

// mapStore is the smallest BodyStore: bodies in a map. Not safe for
// concurrent use, which a real store must be.
type mapStore struct{ m map[string]string }

func (s *mapStore) Put(_ context.Context, body string) (string, error) {
	p := fmt.Sprintf("body-%d", len(s.m)+1)
	s.m[p] = body
	return p, nil
}

func (s *mapStore) Get(_ context.Context, p string) (string, error) { return s.m[p], nil }

func (s *mapStore) Delete(_ context.Context, p string) error {
	delete(s.m, p)
	return nil
}
