package sqstest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// moveTask is one StartMessageMoveTask: messages moved from a dead-letter
// queue (source) to dest, or back to each message's own source queue
// when dest is "", at rate messages a second on the fake's clock (all at
// once when rate is 0, where SQS "will optimize the rate").
type moveTask struct {
	id, handle    string
	source, dest  string
	rate          int
	started       time.Time
	toMove, moved int
	status        string // RUNNING, COMPLETED, CANCELLING, CANCELLED, FAILED
	failure       string
	cancelled     time.Time
	order         uint64 // start order, for tasks started in the same instant
}

// cancelGrace is how long a cancelled task answers CANCELLING before
// CANCELLED on the fake's clock; it moves nothing more meanwhile.
const cancelGrace = time.Second

// active reports whether t holds its source: "Only one active message
// movement task is supported per queue at any given time."
func (t *moveTask) active() bool { return t.status == "RUNNING" || t.status == "CANCELLING" }

// errResourceNotFound is the answer for a move task's queue or task that
// does not exist (as recorded against AWS in localstack's
// test_sqs_move_task snapshots: HTTP 404).
func errResourceNotFound(msg string) *fake.Error {
	return &fake.Error{Status: http.StatusNotFound, Code: "ResourceNotFoundException", QueryCode: "ResourceNotFoundException",
		Sender: true, Message: msg}
}

// advance brings the move tasks of the locked region reg up to now: each
// running task moves what its rate allows since it started, oldest
// visible message first, and completes once it has moved what it
// counted at the start or its source has no visible message left. A
// task whose source or destination queue is gone fails with SQS's
// FailureReason for that, AWS.SimpleQueueService.NonExistentQueue (as
// recorded against AWS in localstack's
// test_move_task_delete_destination_queue_while_running).
func (b *Backend) advance(reg *region, account, regionName string, now time.Time) {
	for _, t := range reg.tasks {
		if t.status == "CANCELLING" && !now.Before(t.cancelled.Add(cancelGrace)) {
			t.status = "CANCELLED"
		}
		if t.status != "RUNNING" {
			continue
		}
		due := t.toMove
		if t.rate > 0 {
			due = min(due, int(now.Sub(t.started)/time.Second)*t.rate)
		}
		for t.status == "RUNNING" && t.moved < due {
			src := byARN(reg, account, regionName, t.source)
			if src == nil {
				t.status, t.failure = "FAILED", "AWS.SimpleQueueService.NonExistentQueue"
				break
			}
			var m *message
			for _, x := range src.messages {
				if !x.visibleAt.After(now) {
					m = x
					break
				}
			}
			if m == nil {
				t.status = "COMPLETED"
				break
			}
			destARN := t.dest
			if destARN == "" {
				destARN = m.dlqSource
			}
			dest := byARN(reg, account, regionName, destARN)
			if dest == nil {
				t.status, t.failure = "FAILED", "AWS.SimpleQueueService.NonExistentQueue"
				break
			}
			src.messages = deleteWhere(src.messages, func(x *message) bool { return x == m })
			dest.messages = append(dest.messages, b.redriven(dest, m, now))
			dest.wake()
			t.moved++
		}
		if t.status == "RUNNING" && t.moved >= t.toMove {
			t.status = "COMPLETED"
		}
	}
}

// redriven is m as a move task puts it in dest: a message enqueued anew
// (a new ID, no receives, visible at once, retained from now) with m's
// body, attributes, sender, SentTimestamp and group, and on a FIFO queue
// the next sequence number.
func (b *Backend) redriven(dest *queue, m *message, now time.Time) *message {
	n := &message{id: messageID(b.next()), body: m.body, attrs: m.attrs, sender: m.sender, sent: m.sent,
		enqueued: now, visibleAt: now, group: m.group, dedupID: m.dedupID}
	if dest.fifo {
		dest.seq++
		n.seq = fmt.Sprintf("%020d", uint64(18000000000000000000)+dest.seq)
		if n.group == "" {
			n.group = "redrive"
		}
	}
	return n
}

// taskHandle is an opaque handle naming a task and its source, as SQS's
// handles do (base64 of a JSON object).
type taskHandle struct {
	TaskID    string `json:"taskId"`
	SourceArn string `json:"sourceArn"`
}

// arnRegion finds the locked region of the caller's account that arn
// names, for the move-task operations, which take ARNs rather than URLs.
func (b *Backend) arnRegion(r *fake.Request, param, arn string) (*region, *queue, error) {
	regionName, account, _, ok := splitARN(arn)
	if !ok {
		return nil, nil, errInvalidValue("You must use this format to specify the %s: arn:<partition>:<service>:<region>:<account-id>:<resource-id>", param)
	}
	if account != r.Account() || regionName != r.Region {
		return nil, nil, errResourceNotFound("The resource that you specified for the " + param + " parameter doesn't exist.")
	}
	reg := b.regions.Get(account, regionName)
	reg.mu.Lock()
	b.advance(reg, account, regionName, r.Now)
	q := byARN(reg, account, regionName, arn)
	if q == nil {
		reg.mu.Unlock()
		return nil, nil, errResourceNotFound("The resource that you specified for the " + param + " parameter doesn't exist.")
	}
	return reg, q, nil
}

func (b *Backend) startMessageMoveTask(r *fake.Request) (any, error) {
	var in struct {
		SourceArn, DestinationArn    string
		MaxNumberOfMessagesPerSecond *int
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.SourceArn == "" {
		return nil, errMissing("SourceArn")
	}
	// StartMessageMoveTask, MaxNumberOfMessagesPerSecond: "The maximum
	// value for messages per second is 500."
	if p := in.MaxNumberOfMessagesPerSecond; p != nil && (*p < 1 || *p > 500) {
		return nil, errInvalidValue("Value %d for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500.", *p)
	}
	reg, src, err := b.arnRegion(r, "SourceArn", in.SourceArn)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	// "Currently, only ARNs of dead-letter queues (DLQs) whose sources are
	// other Amazon SQS queues are accepted."
	isDLQ := false
	for _, q := range reg.queues {
		if q.settings.redrive != nil && q.settings.redrive.target == src.arn {
			isDLQ = true
		}
	}
	if !isDLQ {
		return nil, errInvalidValue("Source queue must be configured as a Dead Letter Queue.")
	}
	if in.DestinationArn != "" {
		regionName, account, _, _ := splitARN(src.arn)
		if _, _, _, ok := splitARN(in.DestinationArn); !ok {
			return nil, errInvalidValue("You must use this format to specify the DestinationArn: arn:<partition>:<service>:<region>:<account-id>:<resource-id>")
		}
		if byARN(reg, account, regionName, in.DestinationArn) == nil {
			return nil, errResourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.")
		}
	}
	for _, t := range reg.tasks {
		if t.source == src.arn && t.active() {
			return nil, errInvalidValue("There is already a task running. Only one active task is allowed for a source queue arn at a given time.")
		}
	}
	visible, _, _ := src.counts(r.Now)
	n := b.next()
	id := messageID(n)
	h, _ := json.Marshal(taskHandle{TaskID: id, SourceArn: src.arn})
	t := &moveTask{id: id, handle: base64.StdEncoding.EncodeToString(h), source: src.arn, dest: in.DestinationArn,
		started: r.Now, toMove: visible, status: "RUNNING", order: n}
	if in.MaxNumberOfMessagesPerSecond != nil {
		t.rate = *in.MaxNumberOfMessagesPerSecond
	}
	reg.tasks = append(reg.tasks, t)
	regionName, account, _, _ := splitARN(src.arn)
	b.advance(reg, account, regionName, r.Now)
	return map[string]string{"TaskHandle": t.handle}, nil
}

func (b *Backend) listMessageMoveTasks(r *fake.Request) (any, error) {
	var in struct {
		SourceArn  string
		MaxResults *int
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.SourceArn == "" {
		return nil, errMissing("SourceArn")
	}
	// ListMessageMoveTasks, MaxResults: "The default is 1 ... The upper
	// limit is 10."
	limit := 1
	if p := in.MaxResults; p != nil {
		if *p < 1 || *p > 10 {
			return nil, errInvalidValue("Value %d for parameter MaxResults is invalid. Reason: Must be between 1 and 10.", *p)
		}
		limit = *p
	}
	reg, src, err := b.arnRegion(r, "SourceArn", in.SourceArn)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	var tasks []*moveTask
	for _, t := range reg.tasks {
		if t.source == src.arn {
			tasks = append(tasks, t)
		}
	}
	// "Gets the most recent message movement tasks (up to 10)".
	sort.Slice(tasks, func(i, j int) bool { return tasks[i].order > tasks[j].order })
	results := []map[string]any{}
	for _, t := range tasks[:min(limit, len(tasks))] {
		e := map[string]any{"Status": t.status, "SourceArn": t.source, "ApproximateNumberOfMessagesMoved": t.moved,
			"ApproximateNumberOfMessagesToMove": t.toMove, "StartedTimestamp": t.started.UnixMilli()}
		// TaskHandle: "only populated for tasks that are in RUNNING
		// status"; DestinationArn and MaxNumberOfMessagesPerSecond only
		// when the request set them.
		if t.status == "RUNNING" {
			e["TaskHandle"] = t.handle
		}
		if t.dest != "" {
			e["DestinationArn"] = t.dest
		}
		if t.rate > 0 {
			e["MaxNumberOfMessagesPerSecond"] = t.rate
		}
		if t.failure != "" {
			e["FailureReason"] = t.failure
		}
		results = append(results, e)
	}
	return map[string]any{"Results": results}, nil
}

func (b *Backend) cancelMessageMoveTask(r *fake.Request) (any, error) {
	var in struct{ TaskHandle string }
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.TaskHandle == "" {
		return nil, errMissing("TaskHandle")
	}
	// The answers for a handle that does not decode, a source queue that
	// does not exist and a task that does not, as recorded against AWS in
	// localstack's test_cancel_with_invalid_* snapshots.
	var h taskHandle
	raw, err := base64.StdEncoding.DecodeString(in.TaskHandle)
	if err != nil || json.Unmarshal(raw, &h) != nil || h.TaskID == "" || h.SourceArn == "" {
		return nil, errInvalidValue("Value for parameter TaskHandle is invalid.")
	}
	reg, src, err := b.arnRegion(r, "SourceArn", h.SourceArn)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	for _, t := range reg.tasks {
		if t.id != h.TaskID || t.source != src.arn {
			continue
		}
		// CancelMessageMoveTask: "A message movement can only be
		// cancelled when the current status is RUNNING."
		if t.status != "RUNNING" {
			return nil, errInvalidValue("Value %s for parameter TaskHandle is invalid. Reason: Only a task in status RUNNING can be cancelled; this one is %s.", in.TaskHandle, t.status)
		}
		t.status, t.cancelled = "CANCELLING", r.Now
		return map[string]any{"ApproximateNumberOfMessagesMoved": t.moved}, nil
	}
	return nil, errResourceNotFound("Task does not exist.")
}
