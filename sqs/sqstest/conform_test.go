package sqstest

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// sqsWrites are the served operations that change a queue when they
// succeed (SQS API Reference).
var sqsWrites = []string{"CreateQueue", "DeleteQueue", "PurgeQueue", "SendMessage", "SetQueueAttributes",
	"TagQueue", "UntagQueue", "AddPermission", "RemovePermission", "StartMessageMoveTask", "CancelMessageMoveTask",
	// ReceiveMessage hides the seeded message and counts the receive.
	"ReceiveMessage", "SendMessageBatch"}

// TestConformModel sends every operation of SQS's API model, pointed at
// a seeded queue: the served ones answer as the API Reference says (a
// write changes the state, a read does not and answers what was seeded),
// and the rest answer UnsupportedOperation, which the model declares for
// every SQS operation ("Error code 400. Unsupported operation."), with
// the state unchanged.
//
// The seeded queue is a dead-letter queue of a second one, holds a
// message, a tag and a permission, so that every queue-feature operation
// has something to act on; the clock stands still, so a move task
// started with a rate moves nothing while the request is judged.
func TestConformModel(t *testing.T) {
	srv := Start(t, fakes.WithClock(fakes.NewClock(time.Now()).Now))
	client := sqs.NewFromConfig(srv.Config(""))
	m := awsmodel.LoadOrSkip(t, "sqs")
	c := awsmodel.NewCase(t, m, srv, "", srv.digest)
	c.Implemented = func(op string) bool { _, ok := served[op]; return ok }
	// An operation SQS does not have answers JSON's common
	// UnknownOperationException.
	c.NotImplementedCodes = []string{"UnsupportedOperation", "UnknownOperationException"}
	c.Unknown = []string{"CreateQueues", "GetQueue"}
	const name = "conform"
	queueURL := srv.URL() + "/" + fake.TestAccountID + "/" + name
	arn := "arn:aws:sqs:us-east-1:" + fake.TestAccountID + ":" + name
	ctx := t.Context()
	c.Prepare = func(string) error {
		srv.Reset()
		if err := srv.CreateQueue(fake.TestAccountID, "us-east-1", name); err != nil {
			return err
		}
		_, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name + "-src"),
			Attributes: map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + arn + `","maxReceiveCount":3}`}})
		if err == nil {
			_, err = client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(queueURL), MessageBody: aws.String("dead")})
		}
		if err == nil {
			_, err = client.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: aws.String(queueURL), Tags: map[string]string{"team": "conform"}})
		}
		if err == nil {
			_, err = client.AddPermission(ctx, &sqs.AddPermissionInput{QueueUrl: aws.String(queueURL), Label: aws.String("conform-perm"),
				AWSAccountIds: []string{"111122223333"}, Actions: []string{"ReceiveMessage"}})
		}
		return err
	}
	// A running task to cancel and to list: one message a second, on a
	// clock that does not move.
	c.Seed = func(op string) (awsmodel.Values, error) {
		if op != "CancelMessageMoveTask" && op != "ListMessageMoveTasks" {
			return nil, nil
		}
		out, err := client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(arn),
			MaxNumberOfMessagesPerSecond: aws.Int32(1)})
		if err != nil {
			return nil, err
		}
		return awsmodel.Values{"CancelMessageMoveTask.TaskHandle": aws.ToString(out.TaskHandle)}, nil
	}
	c.Overrides = awsmodel.Values{
		"*.QueueUrl":                                               queueURL,
		"*.QueueName":                                              name,
		"CreateQueue.QueueName":                                    "conform-new",
		"SendMessage.MessageBody":                                  "hello",
		"GetQueueAttributes.AttributeNames.1":                      "QueueArn",
		"SetQueueAttributes.Attributes.All":                        awsmodel.Omit,
		"SetQueueAttributes.Attributes.VisibilityTimeout":          "45",
		"UntagQueue.TagKeys.1":                                     "team",
		"AddPermission.Label":                                      "conform-new",
		"AddPermission.AWSAccountIds.1":                            "444455556666",
		"AddPermission.Actions.1":                                  "SendMessage",
		"RemovePermission.Label":                                   "conform-perm",
		"*.SourceArn":                                              arn,
		"SendMessageBatch.Entries.1.Id":                            "first",
		"SendMessageBatch.Entries.1.MessageBody":                   "hello",
		"ChangeMessageVisibilityBatch.Entries.1.VisibilityTimeout": "5",
	}
	reads := map[string]string{
		"GetQueueUrl":        queueURL,
		"ListQueues":         queueURL,
		"GetQueueAttributes": "arn:aws:sqs:us-east-1:" + fake.TestAccountID + ":" + name,
		// ListQueueTags answers the seeded tag, ListDeadLetterSourceQueues
		// the queue whose RedrivePolicy names this one, and
		// ListMessageMoveTasks the task Seed started, by its handle.
		"ListQueueTags":              `"team":"conform"`,
		"ListDeadLetterSourceQueues": queueURL + "-src",
		"ListMessageMoveTasks":       `"Status":"RUNNING"`,
	}
	c.Check = func(r awsmodel.Result) error {
		if !r.Implemented {
			return nil
		}
		if r.Operation == "DeleteMessage" || r.Operation == "ChangeMessageVisibility" {
			// The placeholder handle was never issued (DeleteMessage:
			// ReceiptHandleIsInvalid, "The specified receipt handle isn't
			// valid").
			if r.Code != "ReceiptHandleIsInvalid" {
				return fmt.Errorf("HTTP %d %s for a made-up receipt handle; want ReceiptHandleIsInvalid", r.Status, r.Code)
			}
			return nil
		}
		if r.Status != http.StatusOK {
			return fmt.Errorf("HTTP %d %s; want 200: %s", r.Status, r.Code, r.Body)
		}
		if r.Operation == "DeleteMessageBatch" || r.Operation == "ChangeMessageVisibilityBatch" {
			// DeleteMessageBatch, ChangeMessageVisibilityBatch: "The
			// result of the action on each message is reported
			// individually in the response", so a made-up handle is a
			// Failed entry in a 200, which changes nothing.
			want := `"Failed":[{"Code":"ReceiptHandleIsInvalid"`
			if r.Changed() || !bytes.Contains(r.Body, []byte(want)) {
				return fmt.Errorf("changed %t; answer lacks %s:\n%s", r.Changed(), want, r.Body)
			}
			return nil
		}
		if r.Operation == "SendMessageBatch" && !bytes.Contains(r.Body, []byte(`"Id":"first"`)) {
			return fmt.Errorf("answer does not name the entry sent:\n%s", r.Body)
		}
		if slices.Contains(sqsWrites, r.Operation) {
			if !r.Changed() {
				return errors.New("succeeded but changed nothing")
			}
			return nil
		}
		if r.Changed() {
			return errors.New("a read changed the state")
		}
		if want := reads[r.Operation]; !bytes.Contains(r.Body, []byte(want)) {
			return fmt.Errorf("answer lacks %s:\n%s", want, r.Body)
		}
		return nil
	}
	results := awsmodel.Conform(t, c)
	if got, want := len(results), len(m.Operations)+len(c.Unknown); got != want {
		t.Errorf("Conform checked %d requests; want %d", got, want)
	}
}
