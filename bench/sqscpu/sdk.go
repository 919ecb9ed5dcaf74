package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awssqs "github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto/internal/fake"
)

// The "sdk" client is aws-sdk-go-v2 alone, with its default options and
// the same calls, as the floor goboto builds on: what goboto adds is
// goboto's CPU less the sdk's.

// sdkOpen creates the queue name with a bare aws-sdk-go-v2 client.
func sdkOpen(ctx context.Context, endpoint, name string) (*awssqs.Client, string, error) {
	cred := fake.DefaultCredentials()[0]
	client := awssqs.NewFromConfig(aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(cred.AccessKeyID, cred.SecretAccessKey, ""),
		BaseEndpoint: aws.String(endpoint),
	})
	out, err := client.CreateQueue(ctx, &awssqs.CreateQueueInput{QueueName: aws.String(name)})
	if err != nil {
		return nil, "", err
	}
	return client, aws.ToString(out.QueueUrl), nil
}

// sdkLoop sends, receives and deletes n messages one at a time.
func sdkLoop(endpoint, name string, n int) error {
	ctx := context.Background()
	client, url, err := sdkOpen(ctx, endpoint, name)
	if err != nil {
		return err
	}
	for range n {
		if _, err := client.SendMessage(ctx, &awssqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(body)}); err != nil {
			return err
		}
		out, err := client.ReceiveMessage(ctx, &awssqs.ReceiveMessageInput{QueueUrl: aws.String(url)})
		if err != nil {
			return err
		}
		if len(out.Messages) != 1 || aws.ToString(out.Messages[0].Body) != body {
			return fmt.Errorf("received %d messages", len(out.Messages))
		}
		if _, err := client.DeleteMessage(ctx, &awssqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: out.Messages[0].ReceiptHandle}); err != nil {
			return err
		}
	}
	return nil
}

// sdkBatchLoop sends, receives and deletes n messages ten at a time.
func sdkBatchLoop(endpoint, name string, n int) error {
	ctx := context.Background()
	client, url, err := sdkOpen(ctx, endpoint, name)
	if err != nil {
		return err
	}
	entries := make([]types.SendMessageBatchRequestEntry, 10)
	for i := range entries {
		entries[i] = types.SendMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), MessageBody: aws.String(body)}
	}
	for range n / 10 {
		out, err := client.SendMessageBatch(ctx, &awssqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: entries})
		if err != nil {
			return err
		}
		if len(out.Failed) > 0 {
			return fmt.Errorf("SendMessageBatch: %d failed", len(out.Failed))
		}
		for got := 0; got < 10; {
			rcv, err := client.ReceiveMessage(ctx, &awssqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10})
			if err != nil {
				return err
			}
			if len(rcv.Messages) == 0 {
				return fmt.Errorf("received %d of 10 messages", got)
			}
			del := make([]types.DeleteMessageBatchRequestEntry, len(rcv.Messages))
			for i, m := range rcv.Messages {
				del[i] = types.DeleteMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), ReceiptHandle: m.ReceiptHandle}
			}
			if _, err := client.DeleteMessageBatch(ctx, &awssqs.DeleteMessageBatchInput{QueueUrl: aws.String(url), Entries: del}); err != nil {
				return err
			}
			got += len(rcv.Messages)
		}
	}
	return nil
}
