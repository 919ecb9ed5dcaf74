// Package sqs is goboto's Amazon SQS connection, in the style boto users
// know: a connection per region, queue handles that know their
// connection and do no I/O until a method asks, and messages that know
// their queue. It wraps aws-sdk-go-v2's SQS client, reachable through
// Conn.Client for what goboto does not wrap; WithClientOptions passes
// aws-sdk-go-v2's per-client options to it.
//
//	conn := sqs.New(cfg) // cfg from config.LoadDefaultConfig
//	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "work", VisibilityTimeout: time.Minute})
//	_, err = q.Send(ctx, "hello", sqs.WithAttribute("color", sqs.String("red")))
//	msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, WaitTime: 20 * time.Second})
//	for _, m := range msgs {
//		err = m.Delete(ctx)
//	}
//	n, err := q.Count(ctx) // n.Visible, n.InFlight, n.Delayed
//
// Every method that calls SQS takes a context first and names the
// action. Input SQS would refuse is a *goboto.ValidationError before
// anything is sent: queue names (1-80 of A-Z a-z 0-9 - _, ".fifo" exactly
// for FIFO queues), attribute ranges, bodies with characters SQS
// refuses, more than 10 message attributes or bad attribute names, and
// more than 1 MiB of body and attributes.
//
// # Checksums
//
// aws-sdk-go-v2 checks the MD5 of message bodies but never that of
// message attributes, and fails a whole answer for one bad message:
// the messages of a ReceiveMessage it refuses stay hidden until their
// visibility timeout. Send, SendBatch, Receive and Consume check both
// MD5s of each message on their own instead, with the algorithm of
// AttributesMD5, and report a mismatch as a *ChecksumError beside the
// messages that passed.
// WithoutChecksums turns every MD5 check off, aws-sdk-go-v2's too, for
// hosts where MD5 is not allowed.
//
// # Errors
//
// SQS sends two codes for each error: its JSON name ("QueueDoesNotExist")
// and its legacy query code ("AWS.SimpleQueueService.NonExistentQueue"),
// and aws-sdk-go-v2 reports the legacy one as the code, so code checks
// miss, and in releases before its schema-based serde errors.As on its
// typed errors failed too (aws-sdk-go-v2#1319). This package's errors are
// *goboto.APIError with the JSON name as Code, goboto.IsNotFound is true
// for a missing queue, and errors.As finds aws-sdk-go-v2's typed error
// (*types.QueueDoesNotExist, *types.PurgeQueueInProgress, ...) whichever
// code the wire carried.
//
// # Retrying
//
// Calls are retried by the connection's retryer (goboto's policy unless
// the aws.Config has its own or goboto.WithRetry replaces it). A
// SendMessage retried after a lost answer may send the message twice, as
// SQS's standard queues allow.
//
// # FIFO queues
//
// A queue whose name ends in .fifo is a FIFO queue (SQS requires the
// suffix of FIFO queues and refuses it for others), so Send checks
// before sending that such a queue's messages carry a Group and no
// per-message Delay, and that no other queue's carry a Deduplication ID.
//
//	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "orders.fifo", FIFO: true, ContentBasedDeduplication: true})
//	m, err := q.Send(ctx, "order 17", sqs.Group("customer-4"))
//	fmt.Println(m.SequenceNumber)
//
// # Codecs
//
// boto's message classes are Codec values: Raw (the default: the body
// as it is), Base64, JSON[T], and NewCodec for others. Go methods cannot
// take type parameters, so Typed wraps a queue for one type:
//
//	orders := sqs.Typed(q, sqs.JSON[Order]())
//	_, err := orders.Send(ctx, Order{ID: 17})
//	got, err := orders.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10})
//
// A body that does not decode is a *DecodeError holding the message, so
// it can still be deleted or left for the dead-letter queue.
//
// # Big messages and dumps
//
// Queue.WithOffload keeps bodies over a threshold (by default, the
// queue's maximum) in a BodyStore, sending a pointer in the format of
// AWS's Extended Client Libraries, from Send and SendBatch alike;
// Receive and Consume fetch them back, and Message.Delete, DeleteBatch
// and Consume's acks remove them. A stored body is taken back after a
// failed send only when SQS refused every attempt of it; after any
// other failure SQS may hold the message, so the body is kept and the
// error, an *OffloadError of Op "send", names it. Queue.Dump saves a queue's messages to an
// Archive (a peek, or a drain that deletes only what was saved) and
// Queue.Restore sends them back. Dir is an Archive in a directory;
// package sqs/s3store has both in S3, in a package of its own so that
// importing sqs does not compile the S3 client.
//
// # Queue attributes, dead letters, tags and permissions
//
// QueueOptions and Queue carry every queue attribute SQS has, typed:
// SetAttributes changes them (a QueueUpdate's nil fields stay as they
// are). RedriveTo names a dead-letter queue, RedriveAllowPolicy says who
// may use one, DeadLetterSources lists a dead-letter queue's sources and
// StartMoveTask puts its messages back (a MoveTask to Refresh, Wait for
// or Cancel). Tag, Untag and Tags manage tags; AddPermission,
// RemovePermission and Permissions the labelled grants SQS writes into
// the queue's Policy. A standard queue takes a Group too: a fair queue.
//
//	dlq, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "work-dead"})
//	q, err := conn.CreateQueue(ctx, sqs.QueueOptions{Name: "work", RedrivePolicy: sqs.RedriveTo(dlq, 5)})
//	task, err := dlq.StartMoveTask(ctx, sqs.MoveRate(50))
//	err = task.Wait(ctx, sqs.MoveTaskCompleted)
//
// # Batches
//
// SendBatch sends any number of messages in as few SendMessageBatch
// calls as SQS's limits allow (10 messages and 1 MiB per call), after
// checking all of them; DeleteBatch and ChangeVisibilityBatch do the
// same for received messages. Each answers for every entry: what
// succeeded, and a *BatchError listing what did not by index, with
// SQS's code or the call's error. Sending again what failed is left to
// the caller, since a send whose answer was lost may have gone through.
//
// # Consumer
//
// Consume runs a handler over a queue's messages with a pool of
// workers, in the way SQS's documentation recommends: batched long
// polls, acks deleted in batches, failed messages hidden for a backoff,
// a heartbeat that extends the visibility of slow handlers' messages,
// FIFO groups handled in order, and a graceful shutdown when its
// context ends that loses nothing (see Consume).
//
//	err := q.Consume(ctx, func(ctx context.Context, m *sqs.Message) error {
//		return process(m.Body) // nil deletes it; an error retries it later
//	}, sqs.ConsumeOptions{Workers: 32})
package sqs
