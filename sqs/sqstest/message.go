package sqstest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goboto/goboto/internal/fake"
)

// message is one message in a queue.
type message struct {
	id, body     string
	attrs        map[string]attr
	sender       string
	sent         time.Time
	visibleAt    time.Time
	receipt      string // the latest receipt handle; "" before any receive
	receives     int
	firstReceive time.Time
	// The message group, on FIFO queues and fair standard queues; the
	// deduplication ID and sequence number, FIFO queues only.
	group, dedupID, seq string
	// enqueued, when set, is when retention starts instead of sent (a
	// FIFO dead-letter queue's, or a move task's); dlqSource is the ARN
	// of the queue that moved the message to a dead-letter queue
	// (redrive.go).
	enqueued  time.Time
	dlqSource string
}

// fifoID is SQS's rule for group and deduplication IDs (SendMessage,
// MessageGroupId and MessageDeduplicationId: up to 128 characters,
// alphanumeric and punctuation).
var fifoID = regexp.MustCompile("^[A-Za-z0-9!\"#$%&'()*+,\\-./:;<=>?@\\[\\]^_`{|}~]{1,128}$")

// attrName is SQS's rule for message attribute names (Developer Guide,
// "Amazon SQS message attributes": up to 256 of A-Z a-z 0-9 _ - .; no
// leading or trailing period, no two periods in a row, no AWS. or
// Amazon. prefix).
var attrName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,256}$`)

// validBody reports whether s holds only the characters SQS takes
// (SendMessage, MessageBody: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000
// to #xFFFD | #x10000 to #x10FFFF; "If a message contains characters
// outside the allowed set, Amazon SQS rejects the message and returns an
// InvalidMessageContents error").
func validBody(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, c := range s {
		switch {
		case c == 0x9, c == 0xA, c == 0xD, c >= 0x20 && c <= 0xD7FF, c >= 0xE000 && c <= 0xFFFD, c >= 0x10000 && c <= 0x10FFFF:
		default:
			return false
		}
	}
	return true
}

type attrIn struct {
	DataType         string
	StringValue      *string
	BinaryValue      []byte
	StringListValues []string
	BinaryListValues [][]byte
}

// checkAttrs validates message attributes as SQS does and returns them
// with their size in bytes (name, type and value, which count toward the
// message size).
func checkAttrs(in map[string]attrIn) (map[string]attr, int, error) {
	// SendMessage: "Each message can have up to 10 attributes."
	if len(in) > 10 {
		return nil, 0, errInvalidValue("Number of message attributes [%d] exceeds the allowed maximum [10].", len(in))
	}
	out, size := map[string]attr{}, 0
	for _, name := range sortedKeys(in) {
		a := in[name]
		lower := strings.ToLower(name)
		if !attrName.MatchString(name) || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") ||
			strings.Contains(name, "..") || strings.HasPrefix(lower, "aws.") || strings.HasPrefix(lower, "amazon.") {
			return nil, 0, errInvalidValue("Message (user) attribute name '%s' is invalid.", name)
		}
		if a.StringListValues != nil || a.BinaryListValues != nil {
			return nil, 0, errUnsupported("list message attribute values")
		}
		base, _, _ := strings.Cut(a.DataType, ".")
		if len(a.DataType) > 256 {
			return nil, 0, errInvalidValue("Message (user) attribute '%s' has a data type longer than 256 characters.", name)
		}
		switch base {
		case "String", "Number":
			if a.StringValue == nil || *a.StringValue == "" || a.BinaryValue != nil {
				return nil, 0, errInvalidValue("Message (user) attribute '%s' must contain a non-empty value of type '%s'.", name, base)
			}
			if base == "Number" {
				if _, err := strconv.ParseFloat(*a.StringValue, 64); err != nil {
					return nil, 0, errInvalidValue("Can't cast the value of message (user) attribute '%s' to a number.", name)
				}
			}
			if !validBody(*a.StringValue) {
				return nil, 0, errMessageContents()
			}
			out[name] = attr{DataType: a.DataType, StringValue: *a.StringValue}
			size += len(*a.StringValue)
		case "Binary":
			if len(a.BinaryValue) == 0 || a.StringValue != nil {
				return nil, 0, errInvalidValue("Message (user) attribute '%s' must contain a non-empty value of type 'Binary'.", name)
			}
			out[name] = attr{DataType: a.DataType, BinaryValue: a.BinaryValue}
			size += len(a.BinaryValue)
		default:
			return nil, 0, errInvalidValue("The type of message (user) attribute '%s' is invalid. You must use only the following supported type prefixes: Binary, Number, String.", name)
		}
		size += len(name) + len(a.DataType)
	}
	return out, size, nil
}

// sendInput is a SendMessage request, or one SendMessageBatch entry.
type sendInput struct {
	QueueUrl               string
	MessageBody            *string
	DelaySeconds           *int
	MessageAttributes      map[string]attrIn
	MessageGroupId         *string
	MessageDeduplicationId *string
}

func (b *Backend) sendMessage(r *fake.Request) (any, error) {
	var in sendInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	attrs, size, err := in.check()
	if err != nil {
		return nil, err
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	out, err := b.enqueue(r, q, &in, attrs, size)
	if err != nil {
		return nil, err
	}
	q.wake()
	return out, nil
}

// check validates what a send says about its message alone, before its
// queue is known, and returns its attributes and size.
func (in *sendInput) check() (map[string]attr, int, error) {
	if in.MessageBody == nil || *in.MessageBody == "" {
		return nil, 0, errMissing("MessageBody")
	}
	if !validBody(*in.MessageBody) {
		return nil, 0, errMessageContents()
	}
	attrs, size, err := checkAttrs(in.MessageAttributes)
	if err != nil {
		return nil, 0, err
	}
	if in.DelaySeconds != nil && (*in.DelaySeconds < 0 || *in.DelaySeconds > 900) {
		return nil, 0, errInvalidValue("Value %d for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.", *in.DelaySeconds)
	}
	return attrs, size + len(*in.MessageBody), nil
}

// enqueue adds a checked send to q, whose region the caller has locked,
// and returns SendMessage's answer. The caller wakes q's long polls.
func (b *Backend) enqueue(r *fake.Request, q *queue, in *sendInput, attrs map[string]attr, size int) (map[string]string, error) {
	if err := checkFIFO(q, in.MessageGroupId, in.MessageDeduplicationId, in.DelaySeconds); err != nil {
		return nil, err
	}
	if limit := q.attrs["MaximumMessageSize"]; size > limit {
		return nil, errInvalidValue("One or more parameters are invalid. Reason: Message must be shorter than %d bytes.", limit)
	}
	delay := q.attrs["DelaySeconds"]
	if in.DelaySeconds != nil {
		delay = *in.DelaySeconds
	}
	m := &message{
		id:   messageID(b.next()),
		body: *in.MessageBody, attrs: attrs, sender: r.Credential.AccessKeyID,
		sent: r.Now, visibleAt: r.Now.Add(time.Duration(delay) * time.Second),
	}
	out := map[string]string{"MD5OfMessageBody": md5Hex(m.body)}
	if len(attrs) > 0 {
		out["MD5OfMessageAttributes"] = attributesMD5(attrs)
	}
	if in.MessageGroupId != nil {
		m.group = *in.MessageGroupId
	}
	if q.fifo {
		// ContentBasedDeduplication: "Amazon SQS uses a SHA-256 hash to
		// generate the MessageDeduplicationId using the body".
		sum := sha256.Sum256([]byte(m.body))
		m.dedupID = hex.EncodeToString(sum[:])
		if in.MessageDeduplicationId != nil {
			m.dedupID = *in.MessageDeduplicationId
		}
		key := q.dedupKey(m.group, m.dedupID)
		q.pruneDedup(r.Now)
		if seen, ok := q.dedup[key]; ok && r.Now.Sub(seen.at) < dedupWindow {
			out["MessageId"], out["SequenceNumber"] = seen.id, seen.seq
			return out, nil
		}
		q.seq++
		m.seq = fmt.Sprintf("%020d", uint64(18000000000000000000)+q.seq)
		q.dedup[key] = dedupSeen{at: r.Now, id: m.id, seq: m.seq}
		q.dedupOrder = append(q.dedupOrder, key)
		out["SequenceNumber"] = m.seq
	}
	out["MessageId"] = m.id
	q.messages = append(q.messages, m)
	return out, nil
}

// pruneDedup forgets the deduplication IDs older than the interval,
// from the oldest, so a send costs the same however many were sent
// (a send that scanned them all made 100,000 sends take hours).
func (q *queue) pruneDedup(now time.Time) {
	for len(q.dedupOrder) > 0 {
		id := q.dedupOrder[0]
		if seen, ok := q.dedup[id]; ok {
			if now.Sub(seen.at) < dedupWindow {
				return
			}
			delete(q.dedup, id)
		}
		q.dedupOrder = q.dedupOrder[1:]
	}
}

// checkFIFO checks a send's group and deduplication IDs and delay
// against q's type (SendMessage: MessageGroupId is required for FIFO
// queues; MessageDeduplicationId is for FIFO queues, required unless
// ContentBasedDeduplication is on; DelaySeconds cannot be set per
// message on a FIFO queue).
func checkFIFO(q *queue, group, dedup *string, delay *int) error {
	if !q.fifo {
		if dedup != nil {
			return errInvalidValue("The request include parameter MessageDeduplicationId that is not valid for this queue type")
		}
		// Standard queues take a group ID for fair queues (Developer
		// Guide, "Amazon SQS message quotas", Message group ID: "In
		// standard queues, using MessageGroupId enables fair queues"),
		// with the same rule for its characters; it orders nothing.
		if group != nil && !fifoID.MatchString(*group) {
			return errInvalidValue("Value %s for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.", *group)
		}
		return nil
	}
	if group == nil {
		return errMissing("MessageGroupId")
	}
	if !fifoID.MatchString(*group) {
		return errInvalidValue("Value %s for parameter MessageGroupId is invalid. Reason: The value must be 1-128 alphanumeric or punctuation characters.", *group)
	}
	if dedup == nil && !q.contentDedup {
		return errInvalidValue("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
	}
	if dedup != nil && !fifoID.MatchString(*dedup) {
		return errInvalidValue("Value %s for parameter MessageDeduplicationId is invalid. Reason: The value must be 1-128 alphanumeric or punctuation characters.", *dedup)
	}
	if delay != nil {
		return errInvalidValue("Value %d for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.", *delay)
	}
	return nil
}

// messageID makes a message ID in SQS's UUID shape from n.
func messageID(n uint64) string {
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", uint32(n>>32), n&0xffffffffffff)
}

func (b *Backend) receiveMessage(r *fake.Request) (any, error) {
	var in struct {
		QueueUrl                    string
		AttributeNames              []string
		MessageSystemAttributeNames []string
		MessageAttributeNames       []string
		MaxNumberOfMessages         *int
		VisibilityTimeout           *int
		WaitTimeSeconds             *int
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	// ReceiveMessage: MaxNumberOfMessages 1-10, WaitTimeSeconds 0-20,
	// VisibilityTimeout 0-43,200.
	max := 1
	if p := in.MaxNumberOfMessages; p != nil {
		if *p < 1 || *p > 10 {
			return nil, errInvalidValue("Value %d for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.", *p)
		}
		max = *p
	}
	if p := in.WaitTimeSeconds; p != nil && (*p < 0 || *p > 20) {
		return nil, errInvalidValue("Value %d for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.", *p)
	}
	if p := in.VisibilityTimeout; p != nil && (*p < 0 || *p > 43200) {
		return nil, errInvalidValue("Value %d for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.", *p)
	}
	sys := append(append([]string(nil), in.AttributeNames...), in.MessageSystemAttributeNames...)
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	wait := time.Duration(q.attrs["ReceiveMessageWaitTimeSeconds"]) * time.Second
	if in.WaitTimeSeconds != nil {
		wait = time.Duration(*in.WaitTimeSeconds) * time.Second
	}
	short := wait == 0 // a short poll at the in-flight limit is OverLimit (inflight.go)
	vis := q.attrs["VisibilityTimeout"]
	if in.VisibilityTimeout != nil {
		vis = *in.VisibilityTimeout
	}
	var deadline <-chan time.Time
	if wait > 0 {
		timer := time.NewTimer(wait)
		defer timer.Stop()
		deadline = timer.C
	}
	ticker := time.NewTicker(b.poll)
	defer ticker.Stop()
	for {
		now := b.clock()
		q.expire(now)
		b.redriveDue(reg, q, now)
		n, full := q.room(now, max)
		if full && !q.fifo && short {
			reg.mu.Unlock()
			return nil, errInFlightLimit()
		}
		got := b.take(q, now, n, vis)
		if len(got) > 0 || wait == 0 {
			out := make([]map[string]any, 0, len(got))
			for _, m := range got {
				out = append(out, m.answer(sys, in.MessageAttributeNames))
			}
			reg.mu.Unlock()
			res := map[string]any{}
			if len(out) > 0 {
				res["Messages"] = out
			}
			return res, nil
		}
		// A long poll: wait for a send, the clock, the end of the wait or
		// the client, without holding the region.
		notify := q.notify
		reg.mu.Unlock()
		b.polling.Add(1)
		select {
		case <-notify:
		case <-ticker.C:
		case <-deadline:
			wait = 0
		case <-r.HTTP.Context().Done():
			b.polling.Add(-1)
			return nil, r.HTTP.Context().Err()
		}
		b.polling.Add(-1)
		var lerr error
		reg, q, lerr = relock(reg, q.name)
		if lerr != nil {
			return nil, lerr
		}
	}
}

// relock locks reg again and finds the queue named name, which a
// DeleteQueue may have taken while the region was unlocked.
func relock(reg *region, name string) (*region, *queue, error) {
	reg.mu.Lock()
	q, ok := reg.queues[name]
	if !ok {
		reg.mu.Unlock()
		return nil, nil, errQueueDoesNotExist()
	}
	return reg, q, nil
}

// take receives up to max visible messages of q at now, hiding each for
// vis seconds under a new receipt handle.
func (b *Backend) take(q *queue, now time.Time, max, vis int) []*message {
	// FIFO queues: "you can't receive messages from a message group while
	// messages of that group are in flight"; within a group, in order.
	blocked := map[string]bool{}
	if q.fifo {
		for _, m := range q.messages {
			if m.receives > 0 && m.visibleAt.After(now) {
				blocked[m.group] = true
			}
		}
	}
	var got []*message
	for _, m := range q.messages {
		if len(got) == max {
			break
		}
		if q.fifo && blocked[m.group] {
			continue
		}
		if m.visibleAt.After(now) {
			// A delayed message holds back the rest of its group.
			blocked[m.group] = q.fifo
			continue
		}
		m.receives++
		if m.receives == 1 {
			m.firstReceive = now
		}
		m.visibleAt = now.Add(time.Duration(vis) * time.Second)
		m.receipt = base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf("%s|%d", m.id, b.next())))
		got = append(got, m)
	}
	return got
}

// answer is m as ReceiveMessage returns it, with the system attributes
// named in sys and the message attributes named in names ("All", ".*",
// "prefix.*" or a name), and the MD5 of those.
func (m *message) answer(sys, names []string) map[string]any {
	out := map[string]any{"MessageId": m.id, "ReceiptHandle": m.receipt, "Body": m.body, "MD5OfBody": md5Hex(m.body)}
	all := map[string]string{
		"ApproximateFirstReceiveTimestamp": strconv.FormatInt(m.firstReceive.UnixMilli(), 10),
		"ApproximateReceiveCount":          strconv.Itoa(m.receives),
		"SenderId":                         m.sender,
		"SentTimestamp":                    strconv.FormatInt(m.sent.UnixMilli(), 10),
	}
	if m.group != "" {
		all["MessageGroupId"] = m.group
	}
	if m.seq != "" {
		all["MessageDeduplicationId"], all["SequenceNumber"] = m.dedupID, m.seq
	}
	if m.dlqSource != "" {
		all["DeadLetterQueueSourceArn"] = m.dlqSource
	}
	sa := map[string]string{}
	for _, n := range sys {
		if n == "All" {
			for k, v := range all {
				sa[k] = v
			}
		} else if v, ok := all[n]; ok {
			sa[n] = v
		}
	}
	if len(sa) > 0 {
		out["Attributes"] = sa
	}
	ma := map[string]attr{}
	for name, a := range m.attrs {
		for _, want := range names {
			if want == "All" || want == ".*" || want == name ||
				(strings.HasSuffix(want, ".*") && strings.HasPrefix(name, strings.TrimSuffix(want, "*"))) {
				ma[name] = a
				break
			}
		}
	}
	if len(ma) > 0 {
		out["MessageAttributes"] = ma
		out["MD5OfMessageAttributes"] = attributesMD5(ma)
	}
	return out
}

// findReceipt finds the message a receipt handle names. ok is false for
// a handle the fake never made; m is nil when its message is gone.
func findReceipt(q *queue, h string) (m *message, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(h)
	if err != nil {
		return nil, false
	}
	id, _, found := strings.Cut(string(raw), "|")
	if !found {
		return nil, false
	}
	for _, m := range q.messages {
		if m.id == id {
			return m, true
		}
	}
	return nil, true
}

func (b *Backend) deleteMessage(r *fake.Request) (any, error) {
	var in struct{ QueueUrl, ReceiptHandle string }
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.ReceiptHandle == "" {
		return nil, errMissing("ReceiptHandle")
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	if err := deleteReceipt(q, in.ReceiptHandle); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

// deleteReceipt deletes the message h names from q, whose region the
// caller has locked.
func deleteReceipt(q *queue, h string) error {
	m, ok := findReceipt(q, h)
	if !ok {
		return errReceiptHandle(h)
	}
	// DeleteMessage: with an older receipt handle than the latest "the
	// request succeeds, but the message will not be deleted"; a message
	// already deleted is no error either.
	if m != nil && m.receipt == h {
		q.messages = deleteWhere(q.messages, func(x *message) bool { return x == m })
	}
	return nil
}

func (b *Backend) changeVisibility(r *fake.Request) (any, error) {
	var in struct {
		QueueUrl, ReceiptHandle string
		VisibilityTimeout       *int
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.ReceiptHandle == "" {
		return nil, errMissing("ReceiptHandle")
	}
	if in.VisibilityTimeout == nil {
		return nil, errMissing("VisibilityTimeout")
	}
	if v := *in.VisibilityTimeout; v < 0 || v > 43200 {
		return nil, errInvalidValue("Value %d for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200.", v)
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	if err := changeReceipt(q, r, in.ReceiptHandle, *in.VisibilityTimeout); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

// changeReceipt hides the message h names for vis seconds from now; q's
// region is locked by the caller.
func changeReceipt(q *queue, r *fake.Request, h string, vis int) error {
	if vis < 0 || vis > 43200 {
		return errInvalidValue("Value %d for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200.", vis)
	}
	m, ok := findReceipt(q, h)
	if !ok || m == nil || m.receipt != h {
		return errReceiptHandle(h)
	}
	if !m.visibleAt.After(r.Now) {
		return errNotInflight()
	}
	m.visibleAt = r.Now.Add(time.Duration(vis) * time.Second)
	return nil
}
