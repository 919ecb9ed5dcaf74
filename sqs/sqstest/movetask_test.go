package sqstest

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"
)

// deadLetters makes a source queue whose dead-letter queue holds n
// messages, and returns the URLs and ARNs of both.
func deadLetters(t *testing.T, client *sqs.Client, name string, n int) (src, dlq *string, srcARN, dlqARN string) {
	t.Helper()
	dlq = mustQueue(t, client, name+"-dlq", nil)
	dlqARN = allAttrs(t, client, dlq)["QueueArn"]
	attrs := redrive(dlqARN, 1)
	attrs["VisibilityTimeout"] = "0"
	src = mustQueue(t, client, name, attrs)
	srcARN = allAttrs(t, client, src)["QueueArn"]
	for range n {
		if _, err := client.SendMessage(t.Context(), &sqs.SendMessageInput{QueueUrl: src, MessageBody: aws.String("m")}); err != nil {
			t.Fatal(err)
		}
	}
	// Each message received once, visible again at once, then moved by
	// the next receive.
	for range 2 {
		if _, err := client.ReceiveMessage(t.Context(), &sqs.ReceiveMessageInput{QueueUrl: src, MaxNumberOfMessages: 10}); err != nil {
			t.Fatal(err)
		}
	}
	if got := allAttrs(t, client, dlq)["ApproximateNumberOfMessages"]; got != itoa(n) {
		t.Fatalf("dead-letter queue holds %s messages; want %d", got, n)
	}
	return src, dlq, srcARN, dlqARN
}

func itoa(n int) string { return strconv.Itoa(n) }

// handleFor makes a task handle in SQS's shape for a task that was never
// started.
func handleFor(t *testing.T, id, source string) string {
	t.Helper()
	b, err := json.Marshal(taskHandle{TaskID: id, SourceArn: source})
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// tasks lists the source's move tasks.
func tasks(t *testing.T, client *sqs.Client, arn string, max int32) []types.ListMessageMoveTasksResultEntry {
	t.Helper()
	out, err := client.ListMessageMoveTasks(t.Context(), &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(arn), MaxResults: aws.Int32(max)})
	if err != nil {
		t.Fatal(err)
	}
	return out.Results
}

// TestMoveTask checks a message move task from a dead-letter queue back
// to its source (StartMessageMoveTask, DestinationArn: "If this field is
// left blank, the messages will be redriven back to their respective
// original source queues") at MaxNumberOfMessagesPerSecond on the
// fake's clock, and how ListMessageMoveTasks reports it: RUNNING with
// its TaskHandle, then COMPLETED without ("only populated for tasks that
// are in RUNNING status"), and a DestinationArn only when one was given.
func TestMoveTask(t *testing.T) {
	_, clock, client := startClocked(t)
	ctx := t.Context()
	src, dlq, _, dlqARN := deadLetters(t, client, "jobs", 5)
	start := clock.Now()
	out, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqARN), MaxNumberOfMessagesPerSecond: aws.Int32(2)})
	if err != nil {
		t.Fatal(err)
	}
	counts := func() (string, string) {
		return allAttrs(t, client, src)["ApproximateNumberOfMessages"], allAttrs(t, client, dlq)["ApproximateNumberOfMessages"]
	}
	type entry struct {
		Status        string
		Handle        string
		Moved, ToMove int64
		Rate          int32
		Source, Dest  string
		Started       int64
	}
	view := func(e types.ListMessageMoveTasksResultEntry) entry {
		return entry{aws.ToString(e.Status), aws.ToString(e.TaskHandle), e.ApproximateNumberOfMessagesMoved, aws.ToInt64(e.ApproximateNumberOfMessagesToMove),
			aws.ToInt32(e.MaxNumberOfMessagesPerSecond), aws.ToString(e.SourceArn), aws.ToString(e.DestinationArn), e.StartedTimestamp}
	}
	want := entry{"RUNNING", aws.ToString(out.TaskHandle), 0, 5, 2, dlqARN, "", start.UnixMilli()}
	if diff := cmp.Diff(want, view(tasks(t, client, dlqARN, 10)[0])); diff != "" {
		t.Errorf("task at the start (-want +got):\n%s", diff)
	}
	clock.Advance(time.Second)
	if s, d := counts(); s != "2" || d != "3" {
		t.Errorf("after 1 s at 2 a second: source %s, DLQ %s; want 2, 3", s, d)
	}
	clock.Advance(2 * time.Second)
	want.Status, want.Handle, want.Moved = "COMPLETED", "", 5
	if diff := cmp.Diff(want, view(tasks(t, client, dlqARN, 10)[0])); diff != "" {
		t.Errorf("task after 3 s (-want +got):\n%s", diff)
	}
	if s, d := counts(); s != "5" || d != "0" {
		t.Errorf("after 3 s: source %s, DLQ %s; want 5, 0", s, d)
	}
	// The redriven messages are received afresh.
	got := receiveAll(t, client, src, 30)
	if len(got) != 5 || got[0].Attributes["ApproximateReceiveCount"] != "1" {
		t.Errorf("redriven messages = %d, first received %s times; want 5, once", len(got), got[0].Attributes["ApproximateReceiveCount"])
	}
}

// TestMoveTaskDestination moves to a named queue, with no rate (all at
// once), and checks the listing's newest-first order and MaxResults
// (ListMessageMoveTasks: "The default is 1, which provides the most
// recent message movement task. The upper limit is 10.").
func TestMoveTaskDestination(t *testing.T) {
	_, clock, client := startClocked(t)
	ctx := t.Context()
	_, dlq, _, dlqARN := deadLetters(t, client, "jobs", 3)
	other := mustQueue(t, client, "elsewhere", nil)
	otherARN := allAttrs(t, client, other)["QueueArn"]
	if _, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqARN), DestinationArn: aws.String(otherARN)}); err != nil {
		t.Fatal(err)
	}
	if n := allAttrs(t, client, other)["ApproximateNumberOfMessages"]; n != "3" {
		t.Errorf("destination holds %s; want 3", n)
	}
	clock.Advance(time.Second)
	// The first task is done, so a second may start: an empty one.
	if _, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqARN)}); err != nil {
		t.Fatal(err)
	}
	one := tasks(t, client, dlqARN, 1)
	all, err := client.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(dlqARN)})
	if err != nil {
		t.Fatal(err)
	}
	ten := tasks(t, client, dlqARN, 10)
	if len(one) != 1 || len(all.Results) != 1 || len(ten) != 2 || ten[0].DestinationArn != nil || aws.ToString(ten[1].DestinationArn) != otherARN ||
		ten[0].ApproximateNumberOfMessagesMoved != 0 || ten[1].ApproximateNumberOfMessagesMoved != 3 {
		t.Errorf("listings: MaxResults 1 %d, default %d, 10 %+v", len(one), len(all.Results), ten)
	}
	_ = dlq
}

// TestMoveTaskCancel checks CancelMessageMoveTask: "A message movement
// can only be cancelled when the current status is RUNNING. Cancelling a
// message movement task does not revert the messages that have already
// been moved." The task is CANCELLING for a second, then CANCELLED.
func TestMoveTaskCancel(t *testing.T) {
	_, clock, client := startClocked(t)
	ctx := t.Context()
	src, _, _, dlqARN := deadLetters(t, client, "jobs", 4)
	out, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqARN), MaxNumberOfMessagesPerSecond: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Second)
	c, err := client.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: out.TaskHandle})
	if err != nil || c.ApproximateNumberOfMessagesMoved != 2 {
		t.Fatalf("CancelMessageMoveTask = %+v, %v; want 2 moved", c, err)
	}
	if s := aws.ToString(tasks(t, client, dlqARN, 1)[0].Status); s != "CANCELLING" {
		t.Errorf("status right after cancelling = %s; want CANCELLING", s)
	}
	// Only one active task: a cancelling one still counts.
	if _, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqARN)}); apiCode(err) != "InvalidParameterValue" {
		t.Errorf("StartMessageMoveTask while one is cancelling = %v; want InvalidParameterValue", err)
	}
	clock.Advance(5 * time.Second)
	e := tasks(t, client, dlqARN, 1)[0]
	if aws.ToString(e.Status) != "CANCELLED" || e.ApproximateNumberOfMessagesMoved != 2 {
		t.Errorf("after cancelling: %s, %d moved; want CANCELLED, 2", aws.ToString(e.Status), e.ApproximateNumberOfMessagesMoved)
	}
	if n := allAttrs(t, client, src)["ApproximateNumberOfMessages"]; n != "2" {
		t.Errorf("source holds %s; want the 2 moved before the cancel", n)
	}
	// The task is no longer RUNNING.
	if _, err := client.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: out.TaskHandle}); apiCode(err) != "InvalidParameterValue" {
		t.Errorf("cancelling a cancelled task = %v; want InvalidParameterValue", err)
	}
}

// TestMoveTaskFailed checks a task whose destination is deleted while it
// runs fails with FailureReason AWS.SimpleQueueService.NonExistentQueue
// (as recorded against AWS in localstack's
// test_move_task_delete_destination_queue_while_running).
func TestMoveTaskFailed(t *testing.T) {
	_, clock, client := startClocked(t)
	ctx := t.Context()
	src, _, _, dlqARN := deadLetters(t, client, "jobs", 3)
	if _, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqARN), MaxNumberOfMessagesPerSecond: aws.Int32(1)}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second)
	if _, err := client.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: src}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(5 * time.Second)
	e := tasks(t, client, dlqARN, 1)[0]
	if aws.ToString(e.Status) != "FAILED" || aws.ToString(e.FailureReason) != "AWS.SimpleQueueService.NonExistentQueue" || e.ApproximateNumberOfMessagesMoved != 1 {
		t.Errorf("task = %s %q, %d moved; want FAILED NonExistentQueue after 1", aws.ToString(e.Status), aws.ToString(e.FailureReason), e.ApproximateNumberOfMessagesMoved)
	}
}

// TestMoveTaskErrors checks the refusals, each leaving the state as it
// was: the codes and messages recorded against AWS in localstack's
// test_sqs_move_task snapshots (test_source_needs_redrive_policy,
// test_destination_needs_to_exist, test_start_multiple_move_tasks,
// test_cancel_with_invalid_*), and the API Reference's limits (at most
// 500 messages a second; MaxResults up to 10).
func TestMoveTaskErrors(t *testing.T) {
	srv, _, client := startClocked(t)
	ctx := t.Context()
	_, _, srcARN, dlqARN := deadLetters(t, client, "jobs", 2)
	running, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqARN), MaxNumberOfMessagesPerSecond: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	_, _, _, idleARN := deadLetters(t, client, "idle", 1)
	gone := dlqARN + "-gone"
	tests := []struct {
		name string
		call func() error
		code string
	}{
		{"source is no DLQ", func() error {
			_, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(srcARN)})
			return err
		}, "InvalidParameterValue"},
		{"no such source", func() error {
			_, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(gone)})
			return err
		}, "ResourceNotFoundException"},
		{"source not an ARN", func() error {
			_, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String("jobs-dlq")})
			return err
		}, "InvalidParameterValue"},
		{"no such destination", func() error {
			_, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(idleARN), DestinationArn: aws.String(gone)})
			return err
		}, "ResourceNotFoundException"},
		{"a second active task", func() error {
			_, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqARN)})
			return err
		}, "InvalidParameterValue"},
		{"501 a second", func() error {
			_, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(idleARN), MaxNumberOfMessagesPerSecond: aws.Int32(501)})
			return err
		}, "InvalidParameterValue"},
		{"list 11", func() error {
			_, err := client.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(dlqARN), MaxResults: aws.Int32(11)})
			return err
		}, "InvalidParameterValue"},
		{"list no such source", func() error {
			_, err := client.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(gone)})
			return err
		}, "ResourceNotFoundException"},
		{"cancel a handle that is not one", func() error {
			_, err := client.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: aws.String("not-a-handle")})
			return err
		}, "InvalidParameterValue"},
		{"cancel a task of a queue that does not exist", func() error {
			_, err := client.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: aws.String(handleFor(t, "x", gone))})
			return err
		}, "ResourceNotFoundException"},
		{"cancel a task that does not exist", func() error {
			_, err := client.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: aws.String(handleFor(t, "x", dlqARN))})
			return err
		}, "ResourceNotFoundException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.digest()
			if err := tt.call(); apiCode(err) != tt.code {
				t.Fatalf("err = %v; want %s", err, tt.code)
			}
			if srv.digest() != before {
				t.Error("a refused request changed the state")
			}
		})
	}
	if len(tasks(t, client, idleARN, 10)) != 0 || aws.ToString(tasks(t, client, dlqARN, 10)[0].TaskHandle) != aws.ToString(running.TaskHandle) {
		t.Error("a refused start left a task behind")
	}
}
