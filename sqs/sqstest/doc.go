// Package sqstest is an in-process fake of Amazon SQS for tests. It speaks
// the JSON 1.0 protocol (X-Amz-Target AmazonSQS.<Operation>), as
// aws-sdk-go-v2 and boto3 send it, checks SigV4 signatures, keeps queues
// per account and region, and answers errors as SQS does: the model's
// code in __type and the legacy query code in x-amzn-query-error
// (AWS.SimpleQueueService.NonExistentQueue for QueueDoesNotExist).
//
// Served: CreateQueue, GetQueueUrl, ListQueues, DeleteQueue,
// PurgeQueue, GetQueueAttributes, SendMessage, ReceiveMessage,
// DeleteMessage, ChangeMessageVisibility and the three batch operations
// (SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch:
// at most 10 entries with distinct IDs of 1-80 A-Z a-z 0-9 - _, and 1
// MiB of bodies and attributes in all, else the whole request is
// refused; each entry is then judged as its single operation would
// judge it and reported in Successful or Failed), with the attributes
// VisibilityTimeout, MessageRetentionPeriod, DelaySeconds,
// ReceiveMessageWaitTimeSeconds, MaximumMessageSize, FifoQueue and
// ContentBasedDeduplication. FIFO queues deliver each message group in
// order, hold a group back while any of its messages is in flight,
// number messages, and drop a send whose deduplication ID (or, with
// content-based deduplication, body hash) was seen in the last 5
// minutes, even if that message was deleted since. Visibility timeouts,
// queue and message delays and retention run on the server's clock
// (fakes.WithClock). A long poll returns as soon as a message is
// visible and ends when its wait time has passed in real time or the
// client goes away; while it waits it looks at the clock again every 50
// ms, so a test clock moved forward ends it too.
//
// Not yet served, and refused with UnsupportedOperation leaving the
// state unchanged: per-group deduplication and high-throughput FIFO
// (DeduplicationScope, FifoThroughputLimit), ReceiveRequestAttemptId,
// fair queues (a MessageGroupId on a standard queue), every other queue
// attribute (redrive, SSE, policies), tags at creation, message system
// attributes on send (AWSTraceHeader), list attribute values, message
// system attributes in SendMessageBatch entries, SetQueueAttributes,
// tags, permissions, dead-letter source queues and message move tasks.
// The query protocol (aws CLI 2.9, boto 2) is not served yet either.
package sqstest
