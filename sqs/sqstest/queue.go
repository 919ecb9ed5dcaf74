package sqstest

import (
	"encoding/base64"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// queue is one queue and its messages, guarded by its region's lock.
type queue struct {
	name, arn         string
	attrs             map[string]int // the settable attributes, all set
	created, modified time.Time
	messages          []*message // in send order
	lastPurge         time.Time
	notify            chan struct{} // closed and replaced when a message is sent

	fifo, contentDedup bool
	settings                                // policy, redrive, SSE, tags (attributes.go)
	seq                uint64               // the last sequence number given
	dedup              map[string]dedupSeen // deduplication ID -> first send
	dedupOrder         []string             // dedup's IDs, oldest first, for pruning
}

// dedupSeen is a FIFO send remembered for the deduplication interval.
type dedupSeen struct {
	at      time.Time
	id, seq string
}

// dedupWindow is FIFO queues' deduplication interval (SendMessage,
// MessageDeduplicationId: a message sent with a deduplication ID already
// used "within the 5-minute deduplication interval" is accepted but not
// delivered), which deleting the first message does not end.
const dedupWindow = 5 * time.Minute

// limits of the settable attributes (SQS API Reference, SetQueueAttributes:
// DelaySeconds 0-900, MaximumMessageSize 1,024-1,048,576,
// MessageRetentionPeriod 60-1,209,600, ReceiveMessageWaitTimeSeconds 0-20,
// VisibilityTimeout 0-43,200), and their defaults (CreateQueue,
// Attributes; MaximumMessageSize "Default: 1,048,576 bytes (1 MiB)",
// 256 KiB before August 2025).
var attrRanges = map[string]struct{ lo, hi, def int }{
	"DelaySeconds":                  {0, 900, 0},
	"MaximumMessageSize":            {1024, 1 << 20, 1 << 20},
	"MessageRetentionPeriod":        {60, 1209600, 345600},
	"ReceiveMessageWaitTimeSeconds": {0, 20, 0},
	"VisibilityTimeout":             {0, 43200, 30},
}

// validName is SQS's rule for a standard queue's name (CreateQueue,
// QueueName: "up to 80 characters; alphanumeric characters, hyphens (-),
// and underscores (_)").
var validName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,80}$`)

func (b *Backend) createQueue(r *fake.Request) (any, error) {
	var in struct {
		QueueName  string
		Attributes map[string]string
		Tags       map[string]string `json:"tags"`
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.QueueName == "" {
		return nil, errMissing("QueueName")
	}
	fifo, contentDedup, err := fifoAttrs(in.QueueName, in.Attributes)
	if err != nil {
		return nil, err
	}
	if !validName.MatchString(strings.TrimSuffix(in.QueueName, ".fifo")) || len(in.QueueName) > 80 {
		return nil, errInvalidValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
	}
	if err := checkTags(in.QueueName, in.Tags, nil); err != nil {
		return nil, err
	}
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	defer reg.mu.Unlock()
	nq := newQueue(r.Region, r.Account(), in.QueueName, fifo, r.Now)
	nq.contentDedup = contentDedup
	attrs, st, _, err := b.applyAttrs(reg, nq, in.Attributes, true)
	if err != nil {
		return nil, err
	}
	u := queueURL(r, r.Account(), in.QueueName)
	if q, ok := reg.queues[in.QueueName]; ok {
		// CreateQueue: "If you provide the name of an existing queue along
		// with the exact names and values of all the queue's attributes,
		// CreateQueue returns the queue URL for the existing queue. If
		// the queue name, attribute names, or attribute values don't
		// match an existing queue, CreateQueue returns an error."
		for name, v := range attrs {
			if q.attrs[name] != v {
				return nil, errQueueNameExists(in.QueueName)
			}
		}
		if q.contentDedup != contentDedup || !q.settings.same(st) {
			return nil, errQueueNameExists(in.QueueName)
		}
		return map[string]string{"QueueUrl": u}, nil
	}
	// CreateQueue: "After you delete a queue, you must wait at least 60
	// seconds before creating a queue with the same name."
	if at, ok := reg.deleted[in.QueueName]; ok && r.Now.Sub(at) < 60*time.Second {
		return nil, errDeletedRecently()
	}
	nq.attrs, nq.settings = attrs, st
	for k, v := range in.Tags {
		nq.settings.tags[k] = v
	}
	reg.queues[in.QueueName] = nq
	return map[string]string{"QueueUrl": u}, nil
}

// fifoAttrs reads FifoQueue and ContentBasedDeduplication. CreateQueue:
// FifoQueue "true" makes a FIFO queue, whose name must end in .fifo,
// which only a FIFO queue's may; ContentBasedDeduplication applies "only
// to FIFO queues".
func fifoAttrs(name string, attrs map[string]string) (fifo, contentDedup bool, err error) {
	if v, ok := attrs["FifoQueue"]; ok {
		// A standard queue has no FifoQueue attribute, so "false" is
		// refused as an unknown attribute (as recorded against AWS in
		// localstack's test_create_standard_queue_with_fifo_attribute_raises_error).
		if v == "false" {
			return false, false, errAttributeName("FifoQueue")
		}
		if v != "true" {
			return false, false, errAttributeValue("FifoQueue")
		}
		fifo = true
	}
	if fifo != strings.HasSuffix(name, ".fifo") {
		return false, false, errInvalidValue("The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.")
	}
	if v, ok := attrs["ContentBasedDeduplication"]; ok {
		if !fifo {
			return false, false, errAttributeName("ContentBasedDeduplication")
		}
		if v != "true" && v != "false" {
			return false, false, errAttributeValue("ContentBasedDeduplication")
		}
		contentDedup = v == "true"
	}
	return fifo, contentDedup, nil
}

// queueURL is a queue's URL on the address the request reached, as SQS
// answers https://sqs.<region>.amazonaws.com/<account>/<name>.
func queueURL(r *fake.Request, account, name string) string {
	scheme := "http"
	if r.HTTP.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.HTTP.Host + "/" + account + "/" + name
}

func (b *Backend) getQueueURL(r *fake.Request) (any, error) {
	var in struct{ QueueName, QueueOwnerAWSAccountId string }
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.QueueName == "" {
		return nil, errMissing("QueueName")
	}
	owner := in.QueueOwnerAWSAccountId
	if owner == "" {
		owner = r.Account()
	}
	if owner != r.Account() {
		// Queue policies are not served, so no other account's queue is
		// ever shared with the caller.
		return nil, errQueueDoesNotExist()
	}
	reg := b.regions.Get(owner, r.Region)
	reg.mu.Lock()
	defer reg.mu.Unlock()
	if _, ok := reg.queues[in.QueueName]; !ok {
		return nil, errQueueDoesNotExist()
	}
	return map[string]string{"QueueUrl": queueURL(r, owner, in.QueueName)}, nil
}

// tokenPrefix marks ListQueues' NextToken values, so a token the fake
// never gave is refused rather than read as a queue name.
const tokenPrefix = "sqstest-queues:"

func (b *Backend) listQueues(r *fake.Request) (any, error) {
	var in struct {
		QueueNamePrefix, NextToken string
		MaxResults                 *int
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	// ListQueues: MaxResults "Valid values: 1 to 1,000"; without it, at
	// most 1,000 results and no NextToken.
	limit := 1000
	if in.MaxResults != nil {
		if *in.MaxResults < 1 || *in.MaxResults > 1000 {
			return nil, errInvalidValue("Value %d for parameter MaxResults is invalid. Reason: must be between 1 and 1000.", *in.MaxResults)
		}
		limit = *in.MaxResults
	}
	after := ""
	if in.NextToken != "" {
		t, err := base64.RawURLEncoding.DecodeString(in.NextToken)
		name, ok := strings.CutPrefix(string(t), tokenPrefix)
		if err != nil || !ok || name == "" {
			return nil, errInvalidValue("Invalid NextToken value.")
		}
		after = name
	}
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	names := sortedKeys(reg.queues)
	reg.mu.Unlock()
	var urls []string
	next := ""
	for _, n := range names {
		if !strings.HasPrefix(n, in.QueueNamePrefix) || n <= after {
			continue
		}
		if len(urls) == limit {
			if in.MaxResults != nil {
				next = base64.RawURLEncoding.EncodeToString([]byte(tokenPrefix + urls[len(urls)-1][strings.LastIndexByte(urls[len(urls)-1], '/')+1:]))
			}
			break
		}
		urls = append(urls, queueURL(r, r.Account(), n))
	}
	out := map[string]any{}
	if len(urls) > 0 {
		out["QueueUrls"] = urls
	}
	if next != "" {
		out["NextToken"] = next
	}
	return out, nil
}

// lookup finds the queue a request's QueueUrl names and returns it with
// its region locked; the caller unlocks reg.mu.
func (b *Backend) lookup(r *fake.Request, queueURLValue string) (*region, *queue, error) {
	if queueURLValue == "" {
		return nil, nil, errMissing("QueueUrl")
	}
	u, err := url.Parse(queueURLValue)
	if err != nil {
		return nil, nil, errQueueDoesNotExist()
	}
	account, name, ok := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/")
	if !ok || account == "" || name == "" || strings.Contains(name, "/") {
		return nil, nil, errQueueDoesNotExist()
	}
	if account != r.Account() {
		// No queue policy can grant another account access here.
		return nil, nil, errAccessDenied(queueURLValue)
	}
	reg := b.regions.Get(account, r.Region)
	reg.mu.Lock()
	b.advance(reg, account, r.Region, r.Now)
	q, ok := reg.queues[name]
	if !ok {
		reg.mu.Unlock()
		return nil, nil, errQueueDoesNotExist()
	}
	q.expire(r.Now)
	return reg, q, nil
}

func (b *Backend) deleteQueue(r *fake.Request) (any, error) {
	var in struct{ QueueUrl string }
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	delete(reg.queues, q.name)
	reg.deleted[q.name] = r.Now
	close(q.notify) // wakes long polls, which then find the queue gone
	return struct{}{}, nil
}

func (b *Backend) purgeQueue(r *fake.Request) (any, error) {
	var in struct{ QueueUrl string }
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	// PurgeQueue: "The message deletion process takes up to 60 seconds
	// ... only one PurgeQueue operation is allowed every 60 seconds";
	// a second one answers PurgeQueueInProgress.
	if !q.lastPurge.IsZero() && r.Now.Sub(q.lastPurge) < 60*time.Second {
		return nil, errPurgeInProgress(in.QueueUrl)
	}
	q.lastPurge = r.Now
	q.messages = nil
	return struct{}{}, nil
}

func (b *Backend) getQueueAttributes(r *fake.Request) (any, error) {
	var in struct {
		QueueUrl       string
		AttributeNames []string
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	all := q.attributes(r.Now)
	out := map[string]string{}
	for _, name := range in.AttributeNames {
		switch {
		case name == "All":
			for k, v := range all {
				out[k] = v
			}
		case all[name] != "":
			out[name] = all[name]
		case contains(queueAttrNames, name):
			// SQS answers nothing for an attribute that is not set, or
			// not of this queue's type.
		default:
			return nil, errAttributeName(name)
		}
	}
	res := map[string]any{}
	if len(out) > 0 {
		res["Attributes"] = out
	}
	return res, nil
}

// attributes are every attribute GetQueueAttributes answers for q.
func (q *queue) attributes(now time.Time) map[string]string {
	out := map[string]string{}
	for k, v := range q.attrs {
		out[k] = strconv.Itoa(v)
	}
	visible, inFlight, delayed := q.counts(now)
	out["ApproximateNumberOfMessages"] = strconv.Itoa(visible)
	out["ApproximateNumberOfMessagesNotVisible"] = strconv.Itoa(inFlight)
	out["ApproximateNumberOfMessagesDelayed"] = strconv.Itoa(delayed)
	out["CreatedTimestamp"] = strconv.FormatInt(q.created.Unix(), 10)
	out["LastModifiedTimestamp"] = strconv.FormatInt(q.modified.Unix(), 10)
	out["QueueArn"] = q.arn
	q.settings.put(out)
	if q.fifo {
		out["FifoQueue"] = "true"
		out["ContentBasedDeduplication"] = strconv.FormatBool(q.contentDedup)
	}
	return out
}

// counts splits q's messages as SQS's Approximate* attributes do: visible,
// received and invisible (in flight), and not yet visible because of a
// delay and never received.
func (q *queue) counts(now time.Time) (visible, inFlight, delayed int) {
	for _, m := range q.messages {
		switch {
		case !m.visibleAt.After(now):
			visible++
		case m.receives > 0:
			inFlight++
		default:
			delayed++
		}
	}
	return visible, inFlight, delayed
}

// expire drops the messages older than the queue's retention period.
func (q *queue) expire(now time.Time) {
	keep := time.Duration(q.attrs["MessageRetentionPeriod"]) * time.Second
	q.messages = deleteWhere(q.messages, func(m *message) bool { return now.Sub(m.retainedFrom()) >= keep })
}

func deleteWhere[T any](s []T, drop func(T) bool) []T {
	out := s[:0]
	for _, v := range s {
		if !drop(v) {
			out = append(out, v)
		}
	}
	clear(s[len(out):])
	return out
}
