package suite

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssqs "github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto/sqs"
)

// testLimits checks SQS's limits on the server, through the raw client
// since goboto refuses these requests before sending: bodies of up to
// 1 MiB (SendMessage, MessageBody: "The maximum size is 1 MiB or
// 1,048,576 bytes", since August 2025), at most 10 message attributes,
// the characters a body may hold (InvalidMessageContents), and
// ReceiveMessage's MaxNumberOfMessages 1-10 and WaitTimeSeconds 0-20.
func testLimits(t *testing.T, e *Env) {
	ctx := t.Context()
	q := e.queue(t, sqs.QueueOptions{})
	client := e.Conn.Client()
	send := func(body string, attrs map[string]types.MessageAttributeValue) error {
		_, err := client.SendMessage(ctx, &awssqs.SendMessageInput{QueueUrl: aws.String(q.URL), MessageBody: aws.String(body),
			MessageAttributes: attrs})
		return err
	}
	max := sqs.MaxMessageSize
	if err := send(strings.Repeat("m", max), nil); err != nil {
		t.Errorf("%s: a body of %d bytes: %v; want it accepted", e.Name, max, err)
	}
	e.wantCode(t, "a body one byte over the maximum", send(strings.Repeat("m", max+1), nil), "InvalidParameterValue")

	eleven := map[string]types.MessageAttributeValue{}
	for i := range 11 {
		eleven["a"+strconv.Itoa(i)] = types.MessageAttributeValue{DataType: aws.String("String"), StringValue: aws.String("v")}
	}
	if e.Diff.AttributeCountNotChecked {
		e.wantAccepted(t, "11 message attributes", "AttributeCountNotChecked", send("x", eleven))
	} else {
		e.wantCode(t, "11 message attributes", send("x", eleven), "InvalidParameterValue")
	}
	for _, body := range []string{"nul \x00 here", "\ufffe"} {
		what := fmt.Sprintf("a body %q", body)
		if e.Diff.MessageContentsNotChecked {
			e.wantAccepted(t, what, "MessageContentsNotChecked", send(body, nil))
			continue
		}
		e.wantCode(t, what, send(body, nil), "InvalidMessageContents")
	}

	_, err := client.ReceiveMessage(ctx, &awssqs.ReceiveMessageInput{QueueUrl: aws.String(q.URL), MaxNumberOfMessages: 11})
	e.wantCode(t, "ReceiveMessage of 11", err, "InvalidParameterValue")
	_, err = client.ReceiveMessage(ctx, &awssqs.ReceiveMessageInput{QueueUrl: aws.String(q.URL), WaitTimeSeconds: 21})
	e.wantCode(t, "ReceiveMessage waiting 21 s", err, "InvalidParameterValue")
	for _, name := range []string{e.NewQueueName() + " bad!", e.NewQueueName() + strings.Repeat("n", 81)} {
		_, err = client.CreateQueue(ctx, &awssqs.CreateQueueInput{QueueName: aws.String(name)})
		what := fmt.Sprintf("a queue named %q", name)
		if e.Diff.QueueNameNotChecked {
			e.dropQueue(t, name)
			e.wantAccepted(t, what, "QueueNameNotChecked", err)
			continue
		}
		e.wantCode(t, what, err, "InvalidParameterValue")
	}
}
