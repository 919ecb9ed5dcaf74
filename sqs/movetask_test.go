package sqs_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/sqs"
)

// deadLettered makes a queue whose n messages went to its dead-letter
// queue, on a fake whose clock the test moves.
func deadLettered(t *testing.T, n int) (*fakes.Clock, *sqs.Conn, *sqs.Queue, *sqs.Queue) {
	t.Helper()
	clock := fakes.NewClock(time.Now())
	_, conn := startFake(t, fakes.WithClock(clock.Now))
	ctx := t.Context()
	dlq := newQueue(t, conn, sqs.QueueOptions{Name: "dead"})
	src := newQueue(t, conn, sqs.QueueOptions{Name: "work", RedrivePolicy: sqs.RedriveTo(dlq, 1)})
	for range n {
		if _, err := src.Send(ctx, "m"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := src.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10, VisibilityTimeout: time.Second}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Second)
	if _, err := src.Receive(ctx, sqs.ReceiveOptions{}); err != nil {
		t.Fatal(err)
	}
	c, err := dlq.Count(ctx)
	if err != nil || c.Visible != n {
		t.Fatalf("dead-letter queue count = %+v, %v; want %d visible", c, err, n)
	}
	return clock, conn, src, dlq
}

// TestMoveTask redrives a dead-letter queue back to its source at one
// message a second (StartMessageMoveTask), follows it with Refresh
// (ListMessageMoveTasks) and waits for it to complete.
func TestMoveTask(t *testing.T) {
	clock, _, src, dlq := deadLettered(t, 3)
	ctx := t.Context()
	task, err := dlq.StartMoveTask(ctx, sqs.MoveRate(1))
	if err != nil {
		t.Fatal(err)
	}
	if task.Handle == "" || task.Status != sqs.MoveTaskRunning || task.Conn() == nil {
		t.Fatalf("started task = %+v", task)
	}
	clock.Advance(time.Second)
	if err := task.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if err := dlq.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	want := sqs.MoveTask{Handle: task.Handle, SourceARN: dlq.ARN, MaxPerSecond: 1, Status: sqs.MoveTaskRunning, Moved: 1, ToMove: 3}
	got := *task
	got.Started = time.Time{}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(sqs.MoveTask{}), cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".conn" }, cmp.Ignore())); diff != "" {
		t.Errorf("task after 1 s (-want +got):\n%s", diff)
	}
	clock.Advance(5 * time.Second)
	if err := task.Wait(ctx, sqs.MoveTaskCompleted, goboto.Interval(time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if task.Moved != 3 || task.Handle == "" {
		t.Errorf("completed task: moved %d, handle %q; want 3 and the handle kept", task.Moved, task.Handle)
	}
	c, err := src.Count(ctx)
	if err != nil || c.Visible != 3 {
		t.Errorf("source count = %+v, %v; want 3 back", c, err)
	}
	// Waiting for a status the task will not reach is a StateError.
	var se *goboto.StateError
	if err := task.Wait(ctx, sqs.MoveTaskCancelled, goboto.Interval(time.Millisecond)); !errors.As(err, &se) {
		t.Errorf("Wait(cancelled) on a completed task = %v; want a StateError", err)
	}
}

// TestMoveTaskCancelAndList cancels a task (CancelMessageMoveTask),
// moves to a named queue with MoveTo, and lists the tasks newest first
// (ListMessageMoveTasks).
func TestMoveTaskCancelAndList(t *testing.T) {
	clock, conn, src, dlq := deadLettered(t, 4)
	ctx := t.Context()
	task, err := dlq.StartMoveTask(ctx, sqs.MoveRate(1))
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Second)
	if err := task.Cancel(ctx); err != nil {
		t.Fatal(err)
	}
	if task.Moved != 2 || task.Status != sqs.MoveTaskCancelling {
		t.Errorf("after Cancel: moved %d, %s; want 2, CANCELLING", task.Moved, task.Status)
	}
	clock.Advance(2 * time.Second)
	elsewhere := newQueue(t, conn, sqs.QueueOptions{Name: "elsewhere"})
	second, err := dlq.StartMoveTask(ctx, sqs.MoveTo(elsewhere))
	if err != nil {
		t.Fatal(err)
	}
	var statuses []sqs.MoveTaskStatus
	var dests []string
	for x, err := range dlq.MoveTasks(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		statuses = append(statuses, x.Status)
		dests = append(dests, x.DestinationARN)
	}
	if err := elsewhere.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]sqs.MoveTaskStatus{sqs.MoveTaskCompleted, sqs.MoveTaskCancelled}, statuses); diff != "" {
		t.Errorf("MoveTasks statuses, newest first (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{elsewhere.ARN, ""}, dests); diff != "" {
		t.Errorf("MoveTasks destinations (-want +got):\n%s", diff)
	}
	if c, err := elsewhere.Count(ctx); err != nil || c.Visible != 2 {
		t.Errorf("elsewhere = %+v, %v; want the 2 left", c, err)
	}
	if c, err := src.Count(ctx); err != nil || c.Visible != 2 {
		t.Errorf("source = %+v, %v; want the 2 moved before the cancel", c, err)
	}
	n := 0
	for range dlq.MoveTasks(ctx, sqs.PageSize(1)) {
		n++
	}
	if n != 1 {
		t.Errorf("MoveTasks(PageSize 1) yielded %d; want 1", n)
	}
	// A task that is not running cannot be cancelled: SQS's refusal.
	var ae *goboto.APIError
	if err := second.Cancel(ctx); !errors.As(err, &ae) || ae.Code != "InvalidParameterValue" {
		t.Errorf("Cancel of a completed task = %v; want InvalidParameterValue", err)
	}
	// The source queue is no dead-letter queue.
	if _, err := src.StartMoveTask(ctx); !errors.As(err, &ae) || ae.Code != "InvalidParameterValue" {
		t.Errorf("StartMoveTask on a queue that is no DLQ = %v; want InvalidParameterValue", err)
	}
	// A queue that does not exist.
	gone := conn.Queue(dlq.URL + "-gone")
	if _, err := gone.StartMoveTask(ctx); !errors.As(err, &ae) || ae.Code != "ResourceNotFoundException" {
		t.Errorf("StartMoveTask on a missing queue = %v; want ResourceNotFoundException", err)
	}
}

// TestMoveTaskValidation checks what is refused before sending.
func TestMoveTaskValidation(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	q := conn.Queue(srv.URL() + "/" + srv.Account() + "/dead")
	for name, opts := range map[string][]sqs.MoveOption{
		"rate 501":           {sqs.MoveRate(501)},
		"rate -1":            {sqs.MoveRate(-1)},
		"destination no ARN": {sqs.MoveTo(conn.Queue("not-a-url"))},
	} {
		var ve *goboto.ValidationError
		if _, err := q.StartMoveTask(ctx, opts...); !errors.As(err, &ve) {
			t.Errorf("StartMoveTask(%s) = %v; want a ValidationError", name, err)
		}
	}
	for _, opt := range []sqs.ListOption{sqs.PageSize(11), sqs.Prefix("x")} {
		for _, err := range q.MoveTasks(ctx, opt) {
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("MoveTasks = %v; want a ValidationError", err)
			}
		}
	}
	var ve *goboto.ValidationError
	if err := (&sqs.MoveTask{}).Cancel(ctx); !errors.As(err, &ve) {
		t.Errorf("Cancel of a zero task = %v; want a ValidationError", err)
	}
	if err := new(sqs.MoveTask).Wait(ctx, "DONE"); !errors.As(err, &ve) {
		t.Errorf("Wait = %v; want a ValidationError", err)
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls reached the fake", n)
	}
}
