package sqstest

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// Backend is SQS's state and request handling, separate from any server
// so that several services can share one fake server
// (fakes/localcloud). It is safe for concurrent use.
type Backend struct {
	regions fake.Scoped[region]
	clock   func() time.Time
	// poll is how often a waiting long poll looks at the clock again.
	poll time.Duration

	mu      sync.Mutex
	counter uint64 // message IDs and receipt handles

	// polling counts long polls waiting now, so tests can see one end
	// when its client goes away.
	polling atomic.Int32
}

// region is one account's queues in one region.
type region struct {
	mu      sync.Mutex
	queues  map[string]*queue
	deleted map[string]time.Time // name -> when DeleteQueue took it
	tasks   []*moveTask          // message move tasks, in start order (movetask.go)
}

// NewBackend returns an empty SQS, ready to be mounted with Service. Of
// opts it heeds fakes.WithClock.
func NewBackend(opts ...fakes.Option) (*Backend, error) {
	s := fake.Apply(opts...)
	b := &Backend{clock: s.Clock, poll: 50 * time.Millisecond}
	if b.clock == nil {
		b.clock = time.Now
	}
	b.regions.New = func(string, string) *region {
		return &region{queues: map[string]*queue{}, deleted: map[string]time.Time{}}
	}
	return b, nil
}

// Service returns the SQS service for a fake server: JSON 1.0, and the
// query protocol for requests without X-Amz-Target (SigV4, or SigV2 as
// SQS long took); routed by the SigV4 scope's "sqs", the AmazonSQS
// target prefix, Version 2012-11-05, or sqs.<region> host names.
func (b *Backend) Service() fake.Service {
	return fake.Service{
		Name:          "sqs",
		Protocol:      fake.JSON10,
		Also:          []fake.Protocol{fake.Query},
		XMLNamespace:  xmlNamespace,
		QueryVersions: []string{apiVersion},
		SigV2:         true,
		TargetPrefix:  "AmazonSQS",
		HostPrefix:    "sqs",
		Handle:        b.handle,
	}
}

// Reset forgets every queue and message.
func (b *Backend) Reset() { b.regions.Reset() }

// next returns a number no earlier call returned.
func (b *Backend) next() uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.counter++
	return b.counter
}

// served are the operations the fake implements and, for each, the
// request members it takes; any other member is refused as not yet
// implemented rather than ignored.
var served = map[string][]string{
	"CreateQueue":             {"QueueName", "Attributes", "tags"},
	"GetQueueUrl":             {"QueueName", "QueueOwnerAWSAccountId"},
	"ListQueues":              {"QueueNamePrefix", "NextToken", "MaxResults"},
	"DeleteQueue":             {"QueueUrl"},
	"PurgeQueue":              {"QueueUrl"},
	"GetQueueAttributes":      {"QueueUrl", "AttributeNames"},
	"SendMessage":             {"QueueUrl", "MessageBody", "DelaySeconds", "MessageAttributes", "MessageGroupId", "MessageDeduplicationId"},
	"ReceiveMessage":          {"QueueUrl", "AttributeNames", "MessageSystemAttributeNames", "MessageAttributeNames", "MaxNumberOfMessages", "VisibilityTimeout", "WaitTimeSeconds"},
	"DeleteMessage":           {"QueueUrl", "ReceiptHandle"},
	"ChangeMessageVisibility": {"QueueUrl", "ReceiptHandle", "VisibilityTimeout"},
	// Queue features (attributes.go, redrive.go, movetask.go, tags.go,
	// permissions.go).
	"SetQueueAttributes":         {"QueueUrl", "Attributes"},
	"ListDeadLetterSourceQueues": {"QueueUrl", "NextToken", "MaxResults"},
	"StartMessageMoveTask":       {"SourceArn", "DestinationArn", "MaxNumberOfMessagesPerSecond"},
	"ListMessageMoveTasks":       {"SourceArn", "MaxResults"},
	"CancelMessageMoveTask":      {"TaskHandle"},
	"TagQueue":                   {"QueueUrl", "Tags"},
	"UntagQueue":                 {"QueueUrl", "TagKeys"},
	"ListQueueTags":              {"QueueUrl"},
	"AddPermission":              {"QueueUrl", "Label", "AWSAccountIds", "Actions"},
	"RemovePermission":           {"QueueUrl", "Label"},
	// Batches (batch.go).
	"SendMessageBatch":             {"QueueUrl", "Entries"},
	"DeleteMessageBatch":           {"QueueUrl", "Entries"},
	"ChangeMessageVisibilityBatch": {"QueueUrl", "Entries"},
}

// operations are every operation of SQS's API (2012-11-05).
var operations = []string{"AddPermission", "CancelMessageMoveTask", "ChangeMessageVisibility",
	"ChangeMessageVisibilityBatch", "CreateQueue", "DeleteMessage", "DeleteMessageBatch", "DeleteQueue",
	"GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues", "ListMessageMoveTasks",
	"ListQueueTags", "ListQueues", "PurgeQueue", "ReceiveMessage", "RemovePermission", "SendMessage",
	"SendMessageBatch", "SetQueueAttributes", "StartMessageMoveTask", "TagQueue", "UntagQueue"}

// handle serves one authenticated request, in the protocol it came in.
func (b *Backend) handle(w http.ResponseWriter, r *fake.Request) error {
	if r.HTTP.Header.Get("X-Amz-Target") == "" {
		return b.handleQuery(w, r)
	}
	return b.handleJSON(w, r)
}

// handleJSON serves one JSON request, and every query request once
// handleQuery has translated it.
func (b *Backend) handleJSON(w http.ResponseWriter, r *fake.Request) error {
	members, ok := served[r.Operation]
	if !ok && slices.Contains(operations, r.Operation) {
		return errUnsupported(r.Operation)
	}
	if !ok {
		// An X-Amz-Target SQS does not have: JSON services' common
		// UnknownOperationException.
		return &fake.Error{Status: http.StatusBadRequest, Code: "UnknownOperationException", Sender: true,
			Message: "The action or operation requested is invalid. Verify that the action is typed correctly."}
	}
	var raw map[string]json.RawMessage
	if len(r.Body) > 0 {
		if err := json.Unmarshal(r.Body, &raw); err != nil {
			return errInvalidValue("The request body is not a JSON object.")
		}
	}
	for _, k := range sortedKeys(raw) {
		if !slices.Contains(members, k) {
			return errUnsupported(r.Operation + " with " + k)
		}
	}
	var out any
	var err error
	switch r.Operation {
	case "CreateQueue":
		out, err = b.createQueue(r)
	case "GetQueueUrl":
		out, err = b.getQueueURL(r)
	case "ListQueues":
		out, err = b.listQueues(r)
	case "DeleteQueue":
		out, err = b.deleteQueue(r)
	case "PurgeQueue":
		out, err = b.purgeQueue(r)
	case "GetQueueAttributes":
		out, err = b.getQueueAttributes(r)
	case "SendMessage":
		out, err = b.sendMessage(r)
	case "ReceiveMessage":
		out, err = b.receiveMessage(r)
	case "DeleteMessage":
		out, err = b.deleteMessage(r)
	case "ChangeMessageVisibility":
		out, err = b.changeVisibility(r)
	case "SetQueueAttributes":
		out, err = b.setQueueAttributes(r)
	case "ListDeadLetterSourceQueues":
		out, err = b.listDeadLetterSourceQueues(r)
	case "StartMessageMoveTask":
		out, err = b.startMessageMoveTask(r)
	case "ListMessageMoveTasks":
		out, err = b.listMessageMoveTasks(r)
	case "CancelMessageMoveTask":
		out, err = b.cancelMessageMoveTask(r)
	case "TagQueue":
		out, err = b.tagQueue(r)
	case "UntagQueue":
		out, err = b.untagQueue(r)
	case "ListQueueTags":
		out, err = b.listQueueTags(r)
	case "AddPermission":
		out, err = b.addPermission(r)
	case "RemovePermission":
		out, err = b.removePermission(r)
	case "SendMessageBatch":
		out, err = b.sendMessageBatch(r)
	case "DeleteMessageBatch":
		out, err = b.deleteMessageBatch(r)
	case "ChangeMessageVisibilityBatch":
		out, err = b.changeVisibilityBatch(r)
	}
	if err != nil {
		return err
	}
	body, err := json.Marshal(out)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
	return nil
}

// decode reads a request's JSON into v; an empty body is an empty input.
func decode(r *fake.Request, v any) error {
	if len(r.Body) == 0 {
		return nil
	}
	if err := json.Unmarshal(r.Body, v); err != nil {
		return errInvalidValue("The request has a member of the wrong type: %v", err)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
