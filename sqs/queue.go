package sqs

import (
	"context"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Queue is a handle on a queue, known by its URL. Conn.Queue makes one
// with no I/O; Refresh reads its attributes. Exported fields are the last
// answer seen. A handle is not safe for concurrent use while Refresh
// updates it; its message methods are.
type Queue struct {
	conn    *Conn
	offload *Offload // bodies kept outside SQS (WithOffload); nil for none

	URL  string
	Name string // the URL's last path segment

	ARN                       string
	VisibilityTimeout         time.Duration
	MessageRetention          time.Duration
	Delay                     time.Duration
	ReceiveWaitTime           time.Duration
	MaximumMessageSize        int
	FIFO                      bool
	ContentBasedDeduplication bool
	Created, Modified         time.Time
	Messages                  Count // as of the last Refresh or Count

	// Policy, dead letters, encryption and FIFO throughput
	// (attributes_queue.go); zero when SQS answered none.
	Policy                string              // the access policy's JSON
	RedrivePolicy         *RedrivePolicy      // where dead letters go
	RedriveAllowPolicy    *RedriveAllowPolicy // who may send theirs here; nil is RedriveAllowAll
	SQSManagedSSE         bool                // SqsManagedSseEnabled
	KMSMasterKeyID        string              // SSE-KMS's key ID or alias
	KMSDataKeyReusePeriod time.Duration       // SSE-KMS only
	DeduplicationScope    DeduplicationScope  // FIFO queues
	FIFOThroughputLimit   ThroughputLimit     // FIFO queues
}

// Count is how many messages a queue holds, from SQS's approximate
// attributes: visible (ApproximateNumberOfMessages), received and not yet
// visible again (ApproximateNumberOfMessagesNotVisible), and waiting out
// a delay (ApproximateNumberOfMessagesDelayed).
type Count struct {
	Visible, InFlight, Delayed int
}

// Total is all three counts together.
func (c Count) Total() int { return c.Visible + c.InFlight + c.Delayed }

// Queue returns a handle on the queue at url. It does no I/O.
func (c *Conn) Queue(url string) *Queue {
	return &Queue{conn: c, URL: url, Name: url[strings.LastIndexByte(url, '/')+1:]}
}

// isFIFO reports whether the queue is a FIFO queue, by its name: SQS
// requires the .fifo suffix of FIFO queues and refuses it for others.
func (q *Queue) isFIFO() bool { return q != nil && strings.HasSuffix(q.Name, ".fifo") }

// Conn returns the connection the queue belongs to; nil for a Queue not
// made by its connection.
func (q *Queue) Conn() *Conn {
	if q == nil {
		return nil
	}
	return q.conn
}

// String returns "Queue:<url>".
func (q *Queue) String() string { return "Queue:" + q.URL }

// api returns the client, or a *goboto.ValidationError for a handle with
// no connection or URL.
func (q *Queue) api() (*sqs.Client, error) {
	if q == nil {
		return nil, goboto.Invalid("Queue", "", "is nil")
	}
	client, err := q.conn.api()
	if err != nil {
		return nil, err
	}
	if q.URL == "" {
		return nil, goboto.Invalid("QueueUrl", "", "is empty")
	}
	return client, nil
}

// QueueOptions describe a new queue for CreateQueue. A zero duration or
// size leaves SQS's default (visibility 30 s, retention 4 days, no
// delay, no long polling, 1 MiB); durations are whole seconds. So do
// the zero values of the settings after ContentBasedDeduplication: no
// policy, no dead-letter queue, SSE-SQS on.
type QueueOptions struct {
	Name                      string        // QueueName, required; ends in .fifo for a FIFO queue
	VisibilityTimeout         time.Duration // 0-12 h
	MessageRetention          time.Duration // 1 min-14 days
	Delay                     time.Duration // 0-15 min
	ReceiveWaitTime           time.Duration // 0-20 s: long polling for every receive
	MaximumMessageSize        int           // 1,024-1,048,576 bytes
	FIFO                      bool
	ContentBasedDeduplication bool // FIFO queues only

	Policy             string              // access policy JSON, up to 8,192 bytes
	RedrivePolicy      *RedrivePolicy      // a dead-letter queue (RedriveTo)
	RedriveAllowPolicy *RedriveAllowPolicy // who may use this queue as theirs
	// KMSMasterKeyID turns on SSE-KMS with this key ID or alias, instead
	// of SSE-SQS; KMSDataKeyReusePeriod is 1 min-24 h (SQS's default 5
	// min).
	KMSMasterKeyID        string
	KMSDataKeyReusePeriod time.Duration
	// SQSManagedSSE, when set, turns SSE-SQS on or off; nil leaves SQS's
	// default, on for new queues without a KMS key.
	SQSManagedSSE *bool
	// High-throughput FIFO: DeduplicationPerMessageGroup and
	// ThroughputPerMessageGroupID together.
	DeduplicationScope  DeduplicationScope
	FIFOThroughputLimit ThroughputLimit
	// Tags are the queue's tags (CreateQueue's tags), up to 50.
	Tags map[string]string
}

func (o QueueOptions) attributes() (map[string]string, error) {
	if err := ValidQueueName(o.Name, o.FIFO); err != nil {
		return nil, err
	}
	attrs := map[string]string{}
	for _, d := range []struct {
		name     string
		v        time.Duration
		min, max time.Duration
	}{
		{"VisibilityTimeout", o.VisibilityTimeout, 0, MaxVisibility},
		{"MessageRetentionPeriod", o.MessageRetention, time.Minute, 14 * 24 * time.Hour},
		{"DelaySeconds", o.Delay, 0, MaxDelay},
		{"ReceiveMessageWaitTimeSeconds", o.ReceiveWaitTime, 0, MaxWaitTime},
	} {
		if d.v == 0 {
			continue
		}
		if d.v < d.min || d.v > d.max || d.v%time.Second != 0 {
			return nil, goboto.Invalid(d.name, d.v.String(), "must be whole seconds from "+d.min.String()+" to "+d.max.String())
		}
		attrs[d.name] = strconv.Itoa(int(d.v / time.Second))
	}
	if n := o.MaximumMessageSize; n != 0 {
		if n < 1024 || n > MaxMessageSize {
			return nil, goboto.Invalid("MaximumMessageSize", strconv.Itoa(n), "out of range 1024-1048576")
		}
		attrs["MaximumMessageSize"] = strconv.Itoa(n)
	}
	if o.FIFO {
		attrs["FifoQueue"] = "true"
	}
	if o.ContentBasedDeduplication {
		if !o.FIFO {
			return nil, goboto.Invalid("ContentBasedDeduplication", "true", "is for FIFO queues only")
		}
		attrs["ContentBasedDeduplication"] = "true"
	}
	if err := o.features(attrs); err != nil {
		return nil, err
	}
	return attrs, nil
}

// CreateQueue creates a queue (CreateQueue) and returns its handle. SQS
// returns the existing queue's URL when one of that name has the same
// attributes, and QueueNameExists when its attributes differ.
func (c *Conn) CreateQueue(ctx context.Context, o QueueOptions) (*Queue, error) {
	attrs, err := o.attributes()
	if err != nil {
		return nil, err
	}
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	in := &sqs.CreateQueueInput{QueueName: aws.String(o.Name)}
	if len(attrs) > 0 {
		in.Attributes = attrs
	}
	if len(o.Tags) > 0 {
		in.Tags = o.Tags
	}
	out, err := client.CreateQueue(ctx, in)
	if err != nil {
		return nil, convert(err)
	}
	return c.Queue(aws.ToString(out.QueueUrl)), nil
}

// LookupQueue returns the handle of the caller's queue named name
// (GetQueueUrl); a queue that does not exist is a QueueDoesNotExist
// *goboto.APIError, for which goboto.IsNotFound is true.
func (c *Conn) LookupQueue(ctx context.Context, name string) (*Queue, error) {
	if name == "" || len(name) > MaxQueueNameLength {
		return nil, goboto.Invalid("QueueName", name, "must be 1-80 characters")
	}
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	out, err := client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
	if err != nil {
		return nil, convert(err)
	}
	return c.Queue(aws.ToString(out.QueueUrl)), nil
}

// Queues lists the connection's queues (ListQueues), those whose names
// start with Prefix when it is given, a page at a time as the loop asks.
// Without PageSize SQS answers up to 1,000 queues and no more pages.
func (c *Conn) Queues(ctx context.Context, opts ...ListOption) iter.Seq2[*Queue, error] {
	o, err := listOptions(opts)
	if err == nil {
		_, err = c.api()
	}
	if err != nil {
		return fail[*Queue](err)
	}
	in := &sqs.ListQueuesInput{}
	if o.Prefix != "" {
		in.QueueNamePrefix = aws.String(o.Prefix)
	}
	if o.PageSize != 0 {
		in.MaxResults = aws.Int32(int32(o.PageSize))
	}
	return func(yield func(*Queue, error) bool) {
		p := sqs.NewListQueuesPaginator(c.client, in)
		core.Each(ctx, yield, p.HasMorePages,
			func(ctx context.Context) (*sqs.ListQueuesOutput, error) {
				out, err := p.NextPage(ctx)
				return out, convert(err)
			},
			func(out *sqs.ListQueuesOutput) []string { return out.QueueUrls }, c.Queue)
	}
}

// fail is an iterator that yields err and ends.
func fail[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// Delete deletes the queue and its messages (DeleteQueue). SQS takes up
// to 60 seconds to finish, and a queue of the same name cannot be
// created until it has.
func (q *Queue) Delete(ctx context.Context) error {
	client, err := q.api()
	if err != nil {
		return err
	}
	_, err = client.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: aws.String(q.URL)})
	return convert(err)
}

// Purge deletes every message in the queue (PurgeQueue); SQS allows one
// purge per queue every 60 seconds and answers PurgeQueueInProgress to
// another.
func (q *Queue) Purge(ctx context.Context) error {
	client, err := q.api()
	if err != nil {
		return err
	}
	_, err = client.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: aws.String(q.URL)})
	return convert(err)
}

// Refresh reads the queue's attributes and counts (GetQueueAttributes
// with All). A queue that does not exist is a QueueDoesNotExist
// *goboto.APIError.
func (q *Queue) Refresh(ctx context.Context) error {
	client, err := q.api()
	if err != nil {
		return err
	}
	out, err := client.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(q.URL),
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll}})
	if err != nil {
		return convert(err)
	}
	q.set(out.Attributes)
	return nil
}

// Count reads the queue's message counts (GetQueueAttributes of
// the three Approximate* counts).
func (q *Queue) Count(ctx context.Context) (Count, error) {
	client, err := q.api()
	if err != nil {
		return Count{}, err
	}
	out, err := client.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(q.URL),
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameApproximateNumberOfMessages,
			types.QueueAttributeNameApproximateNumberOfMessagesNotVisible, types.QueueAttributeNameApproximateNumberOfMessagesDelayed}})
	if err != nil {
		return Count{}, convert(err)
	}
	q.Messages = countOf(out.Attributes)
	return q.Messages, nil
}

func countOf(a map[string]string) Count {
	n := func(k string) int { v, _ := strconv.Atoi(a[k]); return v }
	return Count{Visible: n("ApproximateNumberOfMessages"), InFlight: n("ApproximateNumberOfMessagesNotVisible"),
		Delayed: n("ApproximateNumberOfMessagesDelayed")}
}

func (q *Queue) set(a map[string]string) {
	secs := func(k string) time.Duration { v, _ := strconv.Atoi(a[k]); return time.Duration(v) * time.Second }
	unix := func(k string) time.Time {
		v, err := strconv.ParseInt(a[k], 10, 64)
		if err != nil {
			return time.Time{}
		}
		return time.Unix(v, 0).UTC()
	}
	q.ARN = a["QueueArn"]
	q.VisibilityTimeout = secs("VisibilityTimeout")
	q.MessageRetention = secs("MessageRetentionPeriod")
	q.Delay = secs("DelaySeconds")
	q.ReceiveWaitTime = secs("ReceiveMessageWaitTimeSeconds")
	q.MaximumMessageSize, _ = strconv.Atoi(a["MaximumMessageSize"])
	q.FIFO = a["FifoQueue"] == "true"
	q.ContentBasedDeduplication = a["ContentBasedDeduplication"] == "true"
	q.Created, q.Modified = unix("CreatedTimestamp"), unix("LastModifiedTimestamp")
	q.Messages = countOf(a)
	q.setFeatures(a)
}
