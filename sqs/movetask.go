package sqs

import (
	"context"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// MoveTaskStatus is a message move task's status, as SQS names it.
type MoveTaskStatus string

// The statuses of a message move task (ListMessageMoveTasks, Status).
const (
	MoveTaskRunning    MoveTaskStatus = "RUNNING"
	MoveTaskCompleted  MoveTaskStatus = "COMPLETED"
	MoveTaskCancelling MoveTaskStatus = "CANCELLING"
	MoveTaskCancelled  MoveTaskStatus = "CANCELLED"
	MoveTaskFailed     MoveTaskStatus = "FAILED"
)

// MoveTask is a handle on a message move task: messages moved out of a
// dead-letter queue, back to their source queues or to a named one.
// Exported fields are the last answer seen.
type MoveTask struct {
	conn *Conn

	// Handle is the TaskHandle CancelMessageMoveTask takes; SQS lists it
	// only while the task runs.
	Handle         string
	SourceARN      string // the dead-letter queue
	DestinationARN string // "" for each message's own source queue
	MaxPerSecond   int    // 0 when SQS chooses the rate
	Status         MoveTaskStatus
	Moved          int64 // ApproximateNumberOfMessagesMoved
	ToMove         int64 // ApproximateNumberOfMessagesToMove, counted at the start
	FailureReason  string
	Started        time.Time
}

// Conn returns the connection the task belongs to.
func (t *MoveTask) Conn() *Conn {
	if t == nil {
		return nil
	}
	return t.conn
}

// String returns "MoveTask:<source ARN>:<status>".
func (t *MoveTask) String() string {
	if t == nil {
		return "MoveTask:"
	}
	return "MoveTask:" + t.SourceARN + ":" + string(t.Status)
}

// MoveOptions are StartMoveTask's settings.
type MoveOptions struct {
	// Destination is the ARN of the queue to move the messages to; ""
	// moves each back to the queue it came from.
	Destination string
	// MaxPerSecond caps the rate, 1-500 messages a second; 0 lets SQS
	// choose it.
	MaxPerSecond int

	destSet bool // MoveTo was given, perhaps a handle with no ARN to make
}

// MoveOption changes MoveOptions.
type MoveOption func(*MoveOptions)

// MoveTo moves the messages to dest rather than back to their source
// queues. It does no I/O: dest's ARN is the one its last Refresh read, or
// else is made from its URL and region.
func MoveTo(dest *Queue) MoveOption {
	return func(o *MoveOptions) { o.Destination, o.destSet = dest.arn(), true }
}

// MoveRate caps the move at perSecond messages a second (1-500).
func MoveRate(perSecond int) MoveOption {
	return func(o *MoveOptions) { o.MaxPerSecond = perSecond }
}

// StartMoveTask starts moving the messages of this queue, a dead-letter
// queue, to their source queues or to MoveTo's (StartMessageMoveTask).
// SQS runs one task per queue at a time and refuses a queue no queue
// uses as its dead-letter queue (InvalidParameterValue); a queue that
// does not exist is ResourceNotFoundException. The task's Refresh reads
// its progress.
func (q *Queue) StartMoveTask(ctx context.Context, opts ...MoveOption) (*MoveTask, error) {
	var o MoveOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	if (o.destSet || o.Destination != "") && !validARN(o.Destination) {
		return nil, goboto.Invalid("DestinationArn", o.Destination, "must be a queue ARN")
	}
	if o.MaxPerSecond < 0 || o.MaxPerSecond > MaxMoveTaskRate {
		return nil, goboto.Invalid("MaxNumberOfMessagesPerSecond", strconv.Itoa(o.MaxPerSecond), "out of range 1-500")
	}
	client, err := q.api()
	if err != nil {
		return nil, err
	}
	source := q.arn()
	if source == "" {
		return nil, goboto.Invalid("QueueUrl", q.URL, "names no queue to make an ARN of")
	}
	in := &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(source)}
	if o.Destination != "" {
		in.DestinationArn = aws.String(o.Destination)
	}
	if o.MaxPerSecond > 0 {
		in.MaxNumberOfMessagesPerSecond = aws.Int32(int32(o.MaxPerSecond))
	}
	out, err := client.StartMessageMoveTask(ctx, in)
	if err != nil {
		return nil, convert(err)
	}
	return &MoveTask{conn: q.conn, Handle: aws.ToString(out.TaskHandle), SourceARN: source, DestinationARN: o.Destination,
		MaxPerSecond: o.MaxPerSecond, Status: MoveTaskRunning}, nil
}

// MoveTasks lists the queue's most recent message move tasks, newest
// first (ListMessageMoveTasks): SQS keeps the last 10, and PageSize asks
// for fewer (1-10). It takes no Prefix.
func (q *Queue) MoveTasks(ctx context.Context, opts ...ListOption) iter.Seq2[*MoveTask, error] {
	o, err := listOptions(opts)
	switch {
	case err != nil:
	case o.Prefix != "":
		err = goboto.Invalid("Prefix", o.Prefix, "ListMessageMoveTasks takes no prefix")
	case o.PageSize > 10:
		err = goboto.Invalid("MaxResults", strconv.Itoa(o.PageSize), "out of range 1-10")
	}
	if err != nil {
		return fail[*MoveTask](err)
	}
	n := 10
	if o.PageSize != 0 {
		n = o.PageSize
	}
	if _, err := q.api(); err != nil {
		return fail[*MoveTask](err)
	}
	source := q.arn()
	if source == "" {
		return fail[*MoveTask](goboto.Invalid("QueueUrl", q.URL, "names no queue to make an ARN of"))
	}
	return func(yield func(*MoveTask, error) bool) {
		tasks, _, err := listMoveTasks(ctx, q.conn, source, n)
		if err != nil {
			yield(nil, err)
			return
		}
		for _, t := range tasks {
			if !yield(t, nil) {
				return
			}
		}
	}
}

// listMoveTasks lists up to n move tasks of the queue whose ARN is source.
func listMoveTasks(ctx context.Context, conn *Conn, source string, n int) ([]*MoveTask, *sqs.ListMessageMoveTasksOutput, error) {
	client, err := conn.api()
	if err != nil {
		return nil, nil, err
	}
	out, err := client.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(source), MaxResults: aws.Int32(int32(n))})
	if err != nil {
		return nil, nil, convert(err)
	}
	tasks := make([]*MoveTask, 0, len(out.Results))
	for _, e := range out.Results {
		t := &MoveTask{conn: conn}
		t.set(e)
		tasks = append(tasks, t)
	}
	return tasks, out, nil
}

func (t *MoveTask) set(e types.ListMessageMoveTasksResultEntry) {
	t.Handle = aws.ToString(e.TaskHandle)
	t.SourceARN = aws.ToString(e.SourceArn)
	t.DestinationARN = aws.ToString(e.DestinationArn)
	t.MaxPerSecond = int(aws.ToInt32(e.MaxNumberOfMessagesPerSecond))
	t.Status = MoveTaskStatus(aws.ToString(e.Status))
	t.Moved = e.ApproximateNumberOfMessagesMoved
	t.ToMove = aws.ToInt64(e.ApproximateNumberOfMessagesToMove)
	t.FailureReason = aws.ToString(e.FailureReason)
	t.Started = time.UnixMilli(e.StartedTimestamp).UTC()
}

// Refresh reads the task's status and progress (ListMessageMoveTasks on
// its source queue). SQS names a task by its handle only while it runs,
// so a task is found by its handle, then by its start time once a
// Refresh has read that, and else as its source's newest task: one
// source runs one task at a time. A task SQS no longer lists is a
// not-found *goboto.APIError.
func (t *MoveTask) Refresh(ctx context.Context) error {
	if t == nil || t.conn == nil {
		return goboto.Invalid("MoveTask", "", "is not set up: start it with Queue.StartMoveTask or list it with Queue.MoveTasks")
	}
	if !validARN(t.SourceARN) {
		return goboto.Invalid("SourceArn", t.SourceARN, "must be a queue ARN")
	}
	tasks, out, err := listMoveTasks(ctx, t.conn, t.SourceARN, 10)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(tasks, func(x *MoveTask) bool { return t.Handle != "" && x.Handle == t.Handle })
	if i < 0 && !t.Started.IsZero() {
		i = slices.IndexFunc(tasks, func(x *MoveTask) bool { return x.Started.Equal(t.Started) })
	}
	if i < 0 && t.Started.IsZero() && len(tasks) > 0 {
		i = 0
	}
	if i < 0 {
		return core.NotFound(out.ResultMetadata, "SQS", "ListMessageMoveTasks", "ResourceNotFoundException",
			"no message move task of "+t.SourceARN+" matches this one")
	}
	handle := tasks[i].Handle
	if handle == "" {
		handle = t.Handle // kept for the caller; SQS lists it only while the task runs
	}
	*t = *tasks[i]
	t.Handle = handle
	return nil
}

// Cancel stops the task (CancelMessageMoveTask), which SQS allows only
// while it runs; the messages already moved stay where they went. It
// sets Moved to SQS's count and Status to MoveTaskCancelling.
func (t *MoveTask) Cancel(ctx context.Context) error {
	if t == nil || t.conn == nil {
		return goboto.Invalid("MoveTask", "", "is not set up: start it with Queue.StartMoveTask or list it with Queue.MoveTasks")
	}
	if t.Handle == "" {
		return goboto.Invalid("TaskHandle", "", "is empty: SQS gives a task's handle only while it runs")
	}
	client, err := t.conn.api()
	if err != nil {
		return err
	}
	out, err := client.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: aws.String(t.Handle)})
	if err != nil {
		return convert(err)
	}
	t.Moved, t.Status = out.ApproximateNumberOfMessagesMoved, MoveTaskCancelling
	return nil
}

// Wait polls the task (ListMessageMoveTasks, through Refresh) until its
// status is want. A task that ends in another status (completed,
// cancelled or failed) is a *goboto.StateError. The first look happens
// at once; then, unless opts say otherwise, one every second for up to
// 10 minutes.
func (t *MoveTask) Wait(ctx context.Context, want MoveTaskStatus, opts ...goboto.WaitOption) error {
	if t == nil || t.conn == nil {
		return goboto.Invalid("MoveTask", "", "is not set up: start it with Queue.StartMoveTask or list it with Queue.MoveTasks")
	}
	ends := []string{string(MoveTaskCompleted), string(MoveTaskCancelled), string(MoveTaskFailed)}
	if !slices.Contains(append(ends, string(MoveTaskRunning), string(MoveTaskCancelling)), string(want)) {
		return goboto.Invalid("State", string(want), "must be a MoveTask status")
	}
	return core.Wait{
		Service: "SQS", Resource: "message move task", ID: t.SourceARN, Want: string(want),
		Failure: slices.DeleteFunc(ends, func(s string) bool { return s == string(want) }),
		Options: goboto.ApplyWait(goboto.WaitOptions{Interval: time.Second, Timeout: 10 * time.Minute}, opts...),
		Poll: func(ctx context.Context) (string, error) {
			if err := t.Refresh(ctx); err != nil {
				return "", err
			}
			return string(t.Status), nil
		},
	}.Run(ctx)
}
