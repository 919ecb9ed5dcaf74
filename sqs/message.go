package sqs

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto"
)

// Message is a message sent or received. Received messages carry their
// receipt handle, with which Delete and ChangeVisibility act on them.
type Message struct {
	queue *Queue

	ID            string
	Body          string
	ReceiptHandle string               // "" for a message sent, not received
	Attributes    map[string]Attribute // message attributes
	// System holds the system attributes received (SentTimestamp,
	// ApproximateReceiveCount, ...), when ReceiveOptions asked for them.
	System map[string]string
	// FIFO queues: the group and deduplication IDs sent (received only
	// when ReceiveOptions.System asks for MessageGroupId and
	// MessageDeduplicationId), and the sequence number SQS gave.
	GroupID, DeduplicationID, SequenceNumber string
	// Pointer is, for a message whose body lives in the queue's
	// BodyStore (Queue.WithOffload), the pointer SQS carried in its
	// place; Body is then the body fetched, or the pointer again when
	// fetching failed.
	Pointer string
}

// Queue returns the queue the message was sent to or received from; nil
// for a Message not made by Send or Receive.
func (m *Message) Queue() *Queue {
	if m == nil {
		return nil
	}
	return m.queue
}

// Conn returns the connection of the message's queue.
func (m *Message) Conn() *Conn { return m.Queue().Conn() }

// SendOptions are Send's optional settings.
type SendOptions struct {
	Delay      time.Duration // DelaySeconds, 0-15 min; 0 leaves the queue's; not on FIFO queues
	Attributes map[string]Attribute
	// GroupID is the message group (MessageGroupId), required on FIFO
	// queues; on a standard queue it names a fair-queue tenant.
	GroupID string
	// DeduplicationID (MessageDeduplicationId), FIFO queues only: a
	// second send with the same ID within 5 minutes is accepted and
	// dropped. Required unless the queue has ContentBasedDeduplication.
	DeduplicationID string
}

// SendOption changes SendOptions.
type SendOption func(*SendOptions)

// Delay hides a message for d (whole seconds, up to 15 minutes) after it
// is sent, instead of the queue's delay.
func Delay(d time.Duration) SendOption { return func(o *SendOptions) { o.Delay = d } }

// Group sets the message group ID (MessageGroupId).
func Group(id string) SendOption { return func(o *SendOptions) { o.GroupID = id } }

// Deduplication sets the deduplication ID (MessageDeduplicationId) of a
// message to a FIFO queue.
func Deduplication(id string) SendOption { return func(o *SendOptions) { o.DeduplicationID = id } }

// WithAttribute adds the message attribute name.
func WithAttribute(name string, a Attribute) SendOption {
	return func(o *SendOptions) {
		if o.Attributes == nil {
			o.Attributes = map[string]Attribute{}
		}
		o.Attributes[name] = a
	}
}

// Send sends a message (SendMessage) and returns it with its ID. Its
// body and attributes are checked first (characters SQS takes, at most
// 10 attributes, 1 MiB in all, or the queue's MaximumMessageSize once
// Refresh has read it), and the MD5s SQS answers are compared
// with the ones computed here unless WithoutChecksums turned that off: a
// mismatch is a *ChecksumError. On a handle made by WithOffload, a
// message over its threshold is stored first and sent as a pointer. If
// that SendMessage fails, the stored body is deleted again only when SQS
// refused every attempt of the call (a 4xx answer with an error code,
// which takes no message); after any other failure (no answer, a
// timeout, a cancelled ctx, a 5xx after the retries) SQS may hold the
// message, so the body is kept and the error is an *OffloadError of Op
// "send" whose Pointer names it.
func (q *Queue) Send(ctx context.Context, body string, opts ...SendOption) (*Message, error) {
	var o SendOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	off, _, err := q.checkEntry(Entry{Body: body, SendOptions: o})
	if err != nil {
		return nil, err
	}
	if off {
		return q.sendOffloaded(ctx, body, o)
	}
	return q.send(ctx, body, o)
}

// send sends a checked message; opts apply to the SendMessage call.
func (q *Queue) send(ctx context.Context, body string, o SendOptions, opts ...func(*sqs.Options)) (*Message, error) {
	delay := int32(o.Delay / time.Second) // checked: whole seconds
	client, err := q.api()
	if err != nil {
		return nil, err
	}
	in := &sqs.SendMessageInput{QueueUrl: aws.String(q.URL), MessageBody: aws.String(body)}
	if o.GroupID != "" {
		in.MessageGroupId = aws.String(o.GroupID)
	}
	if o.DeduplicationID != "" {
		in.MessageDeduplicationId = aws.String(o.DeduplicationID)
	}
	if delay > 0 {
		in.DelaySeconds = delay
	}
	if len(o.Attributes) > 0 {
		in.MessageAttributes = map[string]types.MessageAttributeValue{}
		for n, a := range o.Attributes {
			in.MessageAttributes[n] = a.wire()
		}
	}
	// goboto checks the MD5s itself, below, and reports a mismatch with
	// the message SQS took; aws-sdk-go-v2's check would drop it.
	out, err := client.SendMessage(ctx, in, append([]func(*sqs.Options){noSDKChecksums}, opts...)...)
	if err != nil {
		return nil, convert(err)
	}
	m := &Message{queue: q, ID: aws.ToString(out.MessageId), Body: body, Attributes: o.Attributes,
		GroupID: o.GroupID, DeduplicationID: o.DeduplicationID, SequenceNumber: aws.ToString(out.SequenceNumber)}
	if q.conn.checksums {
		if err := m.verify("SendMessage", aws.ToString(out.MD5OfMessageBody), aws.ToString(out.MD5OfMessageAttributes)); err != nil {
			return m, err
		}
	}
	return m, nil
}

// maxSize is the queue's own maximum message size when a Refresh has
// read it, else SQS's.
func (q *Queue) maxSize() int {
	if q != nil && q.MaximumMessageSize > 0 {
		return q.MaximumMessageSize
	}
	return MaxMessageSize
}

// checkSend checks a message as Send and SendBatch send it: its body
// and attributes, their size against the queue's maximum, its delay and
// its FIFO settings; it returns the size SQS counts (body, and attribute
// names, types and values).
func (q *Queue) checkSend(body string, o SendOptions) (int, error) {
	if body == "" {
		return 0, goboto.Invalid("MessageBody", "", "is empty")
	}
	if i, ok := validText(body); !ok {
		return 0, goboto.Invalid("MessageBody", "", "holds a character SQS refuses at byte "+strconv.Itoa(i))
	}
	size, err := checkAttributes(o.Attributes)
	if err != nil {
		return 0, err
	}
	limit := q.maxSize()
	if size+len(body) > limit {
		return 0, goboto.Invalid("MessageBody", "", "body and attributes are "+strconv.Itoa(size+len(body))+" bytes, over the queue's maximum of "+strconv.Itoa(limit))
	}
	if _, err := seconds("DelaySeconds", o.Delay, MaxDelay); err != nil {
		return 0, err
	}
	if err := o.checkFIFO(q.isFIFO()); err != nil {
		return 0, err
	}
	return size + len(body), nil
}

// fifoID is SQS's rule for group and deduplication IDs (SendMessage:
// up to 128 alphanumeric or punctuation characters).
var fifoID = regexp.MustCompile("^[A-Za-z0-9!\"#$%&'()*+,\\-./:;<=>?@\\[\\]^_`{|}~]{1,128}$")

// checkFIFO checks the settings SendMessage takes on one queue type and
// not the other. A FIFO queue is known by its name's .fifo suffix, which
// SQS requires of FIFO queues alone.
func (o SendOptions) checkFIFO(fifo bool) error {
	if o.GroupID != "" && !fifoID.MatchString(o.GroupID) {
		return goboto.Invalid("MessageGroupId", o.GroupID, "must be 1-128 alphanumeric or punctuation characters")
	}
	if o.DeduplicationID != "" && !fifoID.MatchString(o.DeduplicationID) {
		return goboto.Invalid("MessageDeduplicationId", o.DeduplicationID, "must be 1-128 alphanumeric or punctuation characters")
	}
	switch {
	case fifo && o.GroupID == "":
		return goboto.Invalid("MessageGroupId", "", "is required on a FIFO queue")
	case fifo && o.Delay != 0:
		return goboto.Invalid("DelaySeconds", o.Delay.String(), "cannot be set per message on a FIFO queue; set the queue's Delay")
	case !fifo && o.DeduplicationID != "":
		return goboto.Invalid("MessageDeduplicationId", o.DeduplicationID, "is for FIFO queues only")
	}
	return nil
}

// verify compares the MD5s SQS answered with those of m's body and
// attributes.
func (m *Message) verify(op, bodyMD5, attrsMD5 string) error {
	if want := md5Hex([]byte(m.Body)); want != bodyMD5 {
		return &ChecksumError{Operation: op, MessageID: m.ID, Part: "body", Want: want, Got: bodyMD5}
	}
	if want := AttributesMD5(m.Attributes); want != attrsMD5 {
		return &ChecksumError{Operation: op, MessageID: m.ID, Part: "attributes", Want: want, Got: attrsMD5}
	}
	return nil
}

// ReceiveOptions are Receive's settings; the zero value receives one
// message with the queue's own wait time and visibility timeout.
type ReceiveOptions struct {
	MaxMessages       int           // 1-10; 0 means 1
	WaitTime          time.Duration // long polling, whole seconds up to 20 s; 0 leaves the queue's
	VisibilityTimeout time.Duration // whole seconds up to 12 h; 0 leaves the queue's
	// Attributes names the message attributes to receive: "All", a name,
	// or a prefix ending in ".*". None are received when it is empty.
	Attributes []string
	// System names the system attributes to receive ("All",
	// "SentTimestamp", "ApproximateReceiveCount", ...).
	System []types.MessageSystemAttributeName
}

// Receive receives up to MaxMessages messages (ReceiveMessage), waiting
// up to WaitTime for one to arrive. Each message's MD5s are checked
// unless WithoutChecksums turned that off: a mismatch is a
// *ChecksumError, returned with the messages received, which stay
// invisible until their timeout. On a handle made by WithOffload, the
// bodies of offloaded messages are fetched from its BodyStore; a body
// that cannot be fetched is an *OffloadError, returned with the
// messages, its message keeping the pointer as Body.
//
// Cancelling ctx during a long poll may lose the answer to a receive SQS
// already served: its messages then stay hidden for their visibility
// timeout (aws-sdk-go-v2#2068). Consume never cancels a poll under way
// for that reason, and gives back what a last poll brings.
func (q *Queue) Receive(ctx context.Context, o ReceiveOptions) ([]*Message, error) {
	if o.MaxMessages < 0 || o.MaxMessages > MaxReceive {
		return nil, goboto.Invalid("MaxNumberOfMessages", strconv.Itoa(o.MaxMessages), "out of range 1-10")
	}
	wait, err := seconds("WaitTimeSeconds", o.WaitTime, MaxWaitTime)
	if err != nil {
		return nil, err
	}
	vis, err := seconds("VisibilityTimeout", o.VisibilityTimeout, MaxVisibility)
	if err != nil {
		return nil, err
	}
	client, err := q.api()
	if err != nil {
		return nil, err
	}
	in := &sqs.ReceiveMessageInput{QueueUrl: aws.String(q.URL), MessageAttributeNames: q.offloadNames(o.Attributes),
		MessageSystemAttributeNames: o.System}
	if o.MaxMessages > 0 {
		in.MaxNumberOfMessages = int32(o.MaxMessages)
	}
	if wait > 0 {
		in.WaitTimeSeconds = wait
	}
	if vis > 0 {
		in.VisibilityTimeout = vis
	}
	// Each message is checked on its own (received): aws-sdk-go-v2's
	// check fails the whole answer for one bad message, and the others,
	// received but never returned, stay hidden until their timeout.
	out, err := client.ReceiveMessage(ctx, in, noSDKChecksums)
	if err != nil {
		return nil, convert(err)
	}
	msgs := make([]*Message, 0, len(out.Messages))
	var bad error
	for _, x := range out.Messages {
		m, err := q.received(x)
		if bad == nil {
			bad = err
		}
		msgs = append(msgs, m)
	}
	if err := q.fetch(ctx, msgs); err != nil {
		bad = errors.Join(bad, err)
	}
	return msgs, bad
}

// received is a message ReceiveMessage answered, with its MD5s checked
// unless WithoutChecksums turned that off.
func (q *Queue) received(x types.Message) (*Message, error) {
	m := &Message{queue: q, ID: aws.ToString(x.MessageId), Body: aws.ToString(x.Body),
		ReceiptHandle: aws.ToString(x.ReceiptHandle), System: x.Attributes,
		GroupID: x.Attributes["MessageGroupId"], DeduplicationID: x.Attributes["MessageDeduplicationId"],
		SequenceNumber: x.Attributes["SequenceNumber"]}
	if len(x.MessageAttributes) > 0 {
		m.Attributes = map[string]Attribute{}
		for n, v := range x.MessageAttributes {
			m.Attributes[n] = fromWire(v)
		}
	}
	if q.conn.checksums {
		return m, m.verify("ReceiveMessage", aws.ToString(x.MD5OfBody), aws.ToString(x.MD5OfMessageAttributes))
	}
	return m, nil
}

// api is the queue's client, and the message's receipt handle checked.
func (m *Message) api() (*sqs.Client, error) {
	if m == nil {
		return nil, goboto.Invalid("Message", "", "is nil")
	}
	if m.ReceiptHandle == "" {
		return nil, goboto.Invalid("ReceiptHandle", "", "is empty: only a received message can be deleted or hidden")
	}
	return m.queue.api()
}

// Delete deletes the received message (DeleteMessage). SQS deletes it
// only if this is its latest receipt handle, and answers success either
// way. A message whose body lives in its queue's BodyStore (Pointer set)
// has the body deleted after the message, and kept if the message
// could not be deleted; a failure to delete the body is an
// *OffloadError.
func (m *Message) Delete(ctx context.Context) error {
	client, err := m.api()
	if err != nil {
		return err
	}
	_, err = client.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(m.queue.URL), ReceiptHandle: aws.String(m.ReceiptHandle)})
	if err != nil {
		return convert(err)
	}
	return m.releaseBody(ctx)
}

// ChangeVisibility hides the received message for d from now
// (ChangeMessageVisibility), whole seconds up to 12 hours; 0 makes it
// visible again at once.
func (m *Message) ChangeVisibility(ctx context.Context, d time.Duration) error {
	vis, err := seconds("VisibilityTimeout", d, MaxVisibility)
	if err != nil {
		return err
	}
	client, err := m.api()
	if err != nil {
		return err
	}
	_, err = client.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: aws.String(m.queue.URL),
		ReceiptHandle: aws.String(m.ReceiptHandle), VisibilityTimeout: vis})
	return convert(err)
}
