package sqstest

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"
)

// TestLimits checks the fake enforces SQS's own limits, whatever the
// client checked first, and that every refusal leaves the state as it
// was. Citations are to the SQS API Reference unless noted.
func TestLimits(t *testing.T) {
	srv := Start(t)
	ctx := t.Context()
	client := sqs.NewFromConfig(srv.Config(""))
	cqURL := mustQueue(t, client, "limits", map[string]string{"VisibilityTimeout": "60"})
	u := cqURL
	attrs := func(n int) map[string]types.MessageAttributeValue {
		m := map[string]types.MessageAttributeValue{}
		for i := range n {
			m["a"+strconv.Itoa(i)] = types.MessageAttributeValue{DataType: aws.String("String"), StringValue: aws.String("v")}
		}
		return m
	}
	tests := []struct {
		name string
		call func() error
		code string // "" for success
	}{
		// SendMessage, MessageBody: "The maximum size is 1 MiB or
		// 1,048,576 bytes" (since August 2025), which is also a new
		// queue's default MaximumMessageSize (CreateQueue).
		{"1 MiB body", func() error {
			_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String(strings.Repeat("x", 1<<20))})
			return err
		}, ""},
		{"1 MiB + 1 body", func() error {
			_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String(strings.Repeat("x", 1<<20+1))})
			return err
		}, "InvalidParameterValue"},
		// SendMessage, MessageAttributes: "up to 10 metadata attributes".
		{"10 attributes", func() error {
			_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String("x"), MessageAttributes: attrs(10)})
			return err
		}, ""},
		{"11 attributes", func() error {
			_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String("x"), MessageAttributes: attrs(11)})
			return err
		}, "InvalidParameterValue"},
		// Developer Guide, message attributes: no AWS. prefix.
		{"AWS. attribute", func() error {
			_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String("x"),
				MessageAttributes: map[string]types.MessageAttributeValue{"AWS.x": {DataType: aws.String("String"), StringValue: aws.String("v")}}})
			return err
		}, "InvalidParameterValue"},
		{"delay 901", func() error {
			_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String("x"), DelaySeconds: 901})
			return err
		}, "InvalidParameterValue"},
		// Developer Guide, message quotas, Message group ID: "In standard
		// queues, using MessageGroupId enables fair queues", with the
		// FIFO rule for its characters.
		{"group ID on a standard queue", func() error {
			_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String("x"), MessageGroupId: aws.String("g")})
			return err
		}, ""},
		{"group ID with a space", func() error {
			_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String("x"), MessageGroupId: aws.String("g 1")})
			return err
		}, "InvalidParameterValue"},
		{"11 messages", func() error {
			_, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: u, MaxNumberOfMessages: 11})
			return err
		}, "InvalidParameterValue"},
		{"wait 21", func() error {
			_, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: u, WaitTimeSeconds: 21})
			return err
		}, "InvalidParameterValue"},
		// SetQueueAttributes: VisibilityTimeout 0 to 43,200.
		{"visibility 43201", func() error {
			_, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("v"), Attributes: map[string]string{"VisibilityTimeout": "43201"}})
			return err
		}, "InvalidAttributeValue"},
		{"unknown attribute", func() error {
			_, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("v"), Attributes: map[string]string{"Colour": "1"}})
			return err
		}, "InvalidAttributeName"},
		// CreateQueue: a FIFO queue's name ends in .fifo, and only its.
		{"fifo name, standard queue", func() error {
			_, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("v.fifo")})
			return err
		}, "InvalidParameterValue"},
		{"FIFO queue, no .fifo", func() error {
			_, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("v"), Attributes: map[string]string{"FifoQueue": "true"}})
			return err
		}, "InvalidParameterValue"},
		{"content dedup on a standard queue", func() error {
			_, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("v"), Attributes: map[string]string{"ContentBasedDeduplication": "true"}})
			return err
		}, "InvalidAttributeName"},
		{"dedup ID on a standard queue", func() error {
			_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String("x"), MessageDeduplicationId: aws.String("d")})
			return err
		}, "InvalidParameterValue"},
		// SetQueueAttributes, RedrivePolicy: deadLetterTargetArn and
		// maxReceiveCount are both needed.
		{"redrive policy without a target", func() error {
			_, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("v"), Attributes: map[string]string{"RedrivePolicy": "{}"}})
			return err
		}, "InvalidParameterValue"},
		{"bad name", func() error {
			_, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("has space")})
			return err
		}, "InvalidParameterValue"},
		// CreateQueue: the same name with other attributes is an error.
		{"same name, other attributes", func() error {
			_, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("limits")})
			return err
		}, "QueueAlreadyExists"},
		{"same name and attributes", func() error {
			_, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("limits"), Attributes: map[string]string{"VisibilityTimeout": "60"}})
			return err
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.digest()
			err := tt.call()
			if tt.code == "" {
				if err != nil {
					t.Fatalf("err = %v; want success", err)
				}
				return
			}
			var ae smithy.APIError
			// aws-sdk-go-v2 reports x-amzn-query-error's code, so the
			// legacy codes show here (AWS.SimpleQueueService.* where
			// they differ).
			if !errors.As(err, &ae) || !strings.HasSuffix(ae.ErrorCode(), tt.code) {
				t.Fatalf("err = %v; want %s", err, tt.code)
			}
			if srv.digest() != before {
				t.Error("a refused request changed the state")
			}
		})
	}
}

// TestDeletedRecently checks CreateQueue: "After you delete a queue, you
// must wait at least 60 seconds before creating a queue with the same
// name."
func TestDeletedRecently(t *testing.T) {
	srv := Start(t)
	ctx := t.Context()
	client := sqs.NewFromConfig(srv.Config(""))
	cqURL := mustQueue(t, client, "again", nil)
	if _, err := client.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: cqURL}); err != nil {
		t.Fatal(err)
	}
	_, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("again")})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "AWS.SimpleQueueService.QueueDeletedRecently" {
		t.Errorf("CreateQueue right after DeleteQueue = %v; want QueueDeletedRecently", err)
	}
}
