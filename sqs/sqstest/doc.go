// Package sqstest is an in-process fake of Amazon SQS for tests. It speaks
// the JSON 1.0 protocol (X-Amz-Target AmazonSQS.<Operation>), as
// aws-sdk-go-v2 and boto3 send it, checks SigV4 signatures, keeps queues
// per account and region, and answers errors as SQS does: the model's
// code in __type and the legacy query code in x-amzn-query-error
// (AWS.SimpleQueueService.NonExistentQueue for QueueDoesNotExist).
//
// It speaks SQS's query protocol too, as the aws CLI before 2023 and
// boto 2 send it: Action=...&Version=2012-11-05 forms signed with SigV4
// or SigV2, the queue named by QueueUrl or by the request path
// (/<account>/<name>), answers in the
// http://queue.amazonaws.com/doc/2012-11-05/ namespace with
// ResponseMetadata, and <ErrorResponse> errors with the legacy codes. A
// table of the model's shapes (query_shapes.go) turns the parameters
// (Attribute.N.Name, MessageAttribute.N.Value.StringValue,
// SendMessageBatchRequestEntry.N.Id, ...) into the JSON input of the same
// operation, and its JSON answer into XML, so both protocols serve every
// operation alike. A parameter the operation does not have is refused
// with InvalidQueryParameter, an API version other than 2012-11-05 with
// InvalidParameterValue.
//
// Served: CreateQueue, GetQueueUrl, ListQueues, DeleteQueue, PurgeQueue,
// GetQueueAttributes, SetQueueAttributes, SendMessage, ReceiveMessage,
// DeleteMessage, ChangeMessageVisibility, ListDeadLetterSourceQueues,
// StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask,
// TagQueue, UntagQueue, ListQueueTags, AddPermission,
// RemovePermission and the three batch operations (SendMessageBatch,
// DeleteMessageBatch, ChangeMessageVisibilityBatch: at most 10 entries
// with distinct IDs of 1-80 A-Z a-z 0-9 - _, and 1 MiB of bodies and
// attributes in all, else the whole request is refused; each entry is
// then judged as its single operation would judge it and reported in
// Successful or Failed), with every queue attribute of the API: the numeric
// ones, FifoQueue, ContentBasedDeduplication, Policy, RedrivePolicy,
// RedriveAllowPolicy, KmsMasterKeyId, KmsDataKeyReusePeriodSeconds,
// SqsManagedSseEnabled (on by default; a KMS key turns it off; no KMS is
// called), DeduplicationScope (per-group deduplication) and
// FifoThroughputLimit (recorded: the fake has no throughput quota).
// FIFO
// queues deliver each message group in order, hold a group back while
// any of its messages is in flight, number messages, and drop a send
// whose deduplication ID (or, with content-based deduplication, body
// hash) was seen in the last 5 minutes, even if that message was
// deleted since. A standard queue takes a MessageGroupId (a fair queue)
// and answers it, with no FIFO ordering. A ReceiveMessage first moves
// to the dead-letter queue every visible message already received
// maxReceiveCount times, keeping its ID, attributes and receive count
// and adding DeadLetterQueueSourceArn. Message move tasks move a
// dead-letter queue's visible messages, oldest first, at
// MaxNumberOfMessagesPerSecond on the server's clock (all at once
// without it), as new messages; a cancelled task answers CANCELLING for
// a second, then CANCELLED. AddPermission writes the queue's Policy as
// SQS does, but the Policy grants nothing here: another account's
// requests are still refused. A queue holds at most 120,000 messages in
// flight: past that a short poll of a standard queue answers OverLimit
// and other receives answer nothing. Visibility
// timeouts, queue and message delays, retention, the 60-second purge
// and queue-name rules and move tasks run on the server's clock
// (fakes.WithClock). A long poll returns as soon as a message is
// visible and ends when its wait time has passed in real time or the
// client goes away; while it waits it looks at the clock again every
// 50 ms, so a test clock moved forward ends it too.
//
// Not yet served, and refused with UnsupportedOperation leaving the state
// unchanged: ReceiveRequestAttemptId, message system attributes on send
// (AWSTraceHeader, in SendMessage or a SendMessageBatch entry) and list
// attribute values.
package sqstest
