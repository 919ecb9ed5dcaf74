package main

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/sqs"
)

const tourQueue = "goboto-tour"

// tourOrder is what the chapter's typed queue carries.
type tourOrder struct {
	ID    int      `json:"id"`
	Items []string `json:"items"`
}

func sqsChapter(ctx context.Context, t *transcript, env *exenv.Env) (err error) {
	conn := sqs.New(env.Config)
	t.call("conn := sqs.New(cfg)   // %s", conn.Region())

	t.call("q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: %q, VisibilityTimeout: time.Minute})", tourQueue)
	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: tourQueue, VisibilityTimeout: time.Minute})
	if err != nil {
		return err
	}
	defer func() {
		t.call("q.Delete(ctx)")
		if derr := q.Delete(ctx); derr != nil && err == nil {
			err = derr
		}
	}()

	t.call(`q.Send(ctx, "hello", sqs.WithAttribute("from", sqs.String("tour")))`)
	if _, err := q.Send(ctx, "hello", sqs.WithAttribute("from", sqs.String("tour"))); err != nil {
		return err
	}
	t.call("msgs, err := q.Receive(ctx, sqs.ReceiveOptions{WaitTime: 20 * time.Second, Attributes: []string{\"All\"}})   // a long poll")
	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{WaitTime: 20 * time.Second, Attributes: []string{"All"}})
	if err != nil {
		return err
	}
	for _, m := range msgs {
		t.result("%q from %s; body and attribute MD5s checked", m.Body, m.Attributes["from"].StringValue)
	}
	n, err := q.Count(ctx)
	if err != nil {
		return err
	}
	t.call("q.Count(ctx)")
	t.result("visible %d, in flight %d, delayed %d", n.Visible, n.InFlight, n.Delayed)
	for _, m := range msgs {
		if err := m.Delete(ctx); err != nil {
			return err
		}
	}

	t.printf("\nboto's message classes are codecs; a typed queue checks the type at compile time:\n")
	t.call("orders := sqs.Typed(q, sqs.JSON[Order]()); orders.Send(ctx, Order{ID: 17, Items: []string{\"tea\"}})")
	orders := sqs.Typed(q, sqs.JSON[tourOrder]())
	if _, err := orders.Send(ctx, tourOrder{ID: 17, Items: []string{"tea"}}); err != nil {
		return err
	}
	t.call(`q.Send(ctx, "not json")   // someone else's message`)
	if _, err := q.Send(ctx, "not json"); err != nil {
		return err
	}
	t.call("got, err := orders.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, WaitTime: time.Second})")
	var got []sqs.Received[tourOrder]
	for len(got) < 2 {
		more, err := orders.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, WaitTime: time.Second})
		var de *sqs.DecodeError
		if err != nil && !errors.As(err, &de) {
			return err
		}
		if len(more) == 0 {
			return errors.New("the typed queue received fewer than 2 messages")
		}
		got = append(got, more...)
	}
	for _, r := range got {
		var de *sqs.DecodeError
		if errors.As(r.Err, &de) {
			t.result("%q: *sqs.DecodeError from the %s codec, the message kept to delete or dead-letter", de.Message.Body, de.Codec)
		} else {
			t.result("%+v", r.Value)
		}
		if err := r.Message.Delete(ctx); err != nil {
			return err
		}
	}

	t.printf("\nboto's save_to_file, with a load that reads it back (a directory here; s3store.Archive for S3):\n")
	dir, err := os.MkdirTemp("", "goboto-tour-sqs")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for _, b := range []string{"one", "two", "three"} {
		if _, err := q.Send(ctx, b); err != nil {
			return err
		}
	}
	t.call("res, err := q.Dump(ctx, sqs.Dir(dir), sqs.DumpOptions{Drain: true})")
	res, err := q.Dump(ctx, sqs.Dir(dir), sqs.DumpOptions{Drain: true})
	if err != nil {
		return err
	}
	t.result("saved %d, deleted %d", res.Saved, res.Deleted)
	t.call("q.Restore(ctx, sqs.Dir(dir))")
	rr, err := q.Restore(ctx, sqs.Dir(dir))
	if err != nil {
		return err
	}
	t.result("sent %d", rr.Sent)
	return nil
}
