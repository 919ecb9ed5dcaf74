package main

import (
	"crypto/md5"
	"encoding/hex"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/sqs"
)

// The aws CLI's JSON for SQS's answers.
type (
	cliQueueURL  struct{ QueueUrl string }
	cliQueueURLs struct{ QueueUrls []string }
	cliSent      struct{ MD5OfMessageBody, MD5OfMessageAttributes, MessageId string }
	cliAttrValue struct{ DataType, StringValue, BinaryValue string }
	cliMessage   struct {
		MessageId, ReceiptHandle, MD5OfBody, Body, MD5OfMessageAttributes string
		Attributes                                                        map[string]string
		MessageAttributes                                                 map[string]cliAttrValue
	}
	cliMessages   struct{ Messages []cliMessage }
	cliQueueAttrs struct{ Attributes map[string]string }
)

// startSQSCloud is startCloud with the cloud kept, for its SQS state.
func startSQSCloud(t *testing.T) (*localcloud.Cloud, *fake.Server) {
	t.Helper()
	cloud := localcloud.Start(t, fakes.WithTLS(false))
	return cloud, fake.ServerOf(cloud.Server)
}

// TestAWSCLISQS drives a queue through the local cloud with Debian's
// aws CLI 2.9, whose botocore still speaks SQS's query protocol (its
// sqs/2012-11-05 model says protocol "query"): every command the CLI
// sends is a signed Action=...&Version=2012-11-05 form, and every answer
// it reads is query XML. Message attributes go both ways, a long poll
// gets a message sent while it waits, and a missing queue is the legacy
// AWS.SimpleQueueService.NonExistentQueue.
func TestAWSCLISQS(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	cloud, srv := startSQSCloud(t)
	cred := fake.DefaultCredentials()[0]
	env := clientEnv(t, cred, srv.DefaultRegion())
	conn := sqs.New(srv.Config(srv.DefaultRegion(), cred))

	var created cliQueueURL
	awsJSON(t, srv, env, &created, "sqs", "create-queue", "--queue-name", "cli-q", "--attributes", "VisibilityTimeout=40,DelaySeconds=0")
	wantURL := srv.URL() + "/" + cred.AccountID + "/cli-q"
	if created.QueueUrl != wantURL {
		t.Fatalf("create-queue URL %q; want %q", created.QueueUrl, wantURL)
	}
	var list cliQueueURLs
	awsJSON(t, srv, env, &list, "sqs", "list-queues", "--queue-name-prefix", "cli-")
	if diff := cmp.Diff([]string{wantURL}, list.QueueUrls); diff != "" {
		t.Errorf("list-queues (-want +got):\n%s", diff)
	}
	var got cliQueueURL
	awsJSON(t, srv, env, &got, "sqs", "get-queue-url", "--queue-name", "cli-q")
	if got.QueueUrl != wantURL {
		t.Errorf("get-queue-url = %q; want %q", got.QueueUrl, wantURL)
	}

	body := "h\u00e9llo <world> & \"friends\"\ttab"
	var sent cliSent
	awsJSON(t, srv, env, &sent, "sqs", "send-message", "--queue-url", wantURL, "--message-body", body,
		"--message-attributes", `{"color":{"DataType":"String","StringValue":"red"},"count":{"DataType":"Number","StringValue":"42"},"raw":{"DataType":"Binary","BinaryValue":"AAH/"}}`)
	sum := md5.Sum([]byte(body))
	if sent.MD5OfMessageBody != hex.EncodeToString(sum[:]) || sent.MessageId == "" || sent.MD5OfMessageAttributes == "" {
		t.Fatalf("send-message = %+v", sent)
	}

	var recv cliMessages
	awsJSON(t, srv, env, &recv, "sqs", "receive-message", "--queue-url", wantURL, "--wait-time-seconds", "1",
		"--attribute-names", "All", "--message-attribute-names", "All", "--max-number-of-messages", "10")
	if len(recv.Messages) != 1 {
		t.Fatalf("receive-message: %d messages; want 1", len(recv.Messages))
	}
	m := recv.Messages[0]
	wantAttrs := map[string]cliAttrValue{
		"color": {DataType: "String", StringValue: "red"},
		"count": {DataType: "Number", StringValue: "42"},
		"raw":   {DataType: "Binary", BinaryValue: "AAH/"},
	}
	if m.MessageId != sent.MessageId || m.Body != body || m.MD5OfBody != sent.MD5OfMessageBody ||
		m.MD5OfMessageAttributes != sent.MD5OfMessageAttributes || m.Attributes["ApproximateReceiveCount"] != "1" ||
		m.Attributes["SenderId"] != cred.AccessKeyID {
		t.Errorf("receive-message = %+v", m)
	}
	if diff := cmp.Diff(wantAttrs, m.MessageAttributes); diff != "" {
		t.Errorf("receive-message attributes (-want +got):\n%s", diff)
	}

	var attrs cliQueueAttrs
	awsJSON(t, srv, env, &attrs, "sqs", "get-queue-attributes", "--queue-url", wantURL, "--attribute-names", "All")
	for k, want := range map[string]string{"VisibilityTimeout": "40", "ApproximateNumberOfMessagesNotVisible": "1",
		"ApproximateNumberOfMessages": "0", "QueueArn": "arn:aws:sqs:" + srv.DefaultRegion() + ":" + cred.AccountID + ":cli-q"} {
		if attrs.Attributes[k] != want {
			t.Errorf("get-queue-attributes %s = %q; want %q", k, attrs.Attributes[k], want)
		}
	}
	awsJSON(t, srv, env, nil, "sqs", "delete-message", "--queue-url", wantURL, "--receipt-handle", m.ReceiptHandle)
	if v, f, d, _ := cloud.SQS().Counts(cred.AccountID, srv.DefaultRegion(), "cli-q"); v+f+d != 0 {
		t.Errorf("after delete-message: %d, %d, %d messages", v, f, d)
	}

	// A long poll gets a message sent while it waits (ReceiveMessage,
	// WaitTimeSeconds: "The call waits until a message is available").
	type result struct {
		out, errOut []byte
		err         error
	}
	done := make(chan result, 1)
	go func() {
		stdout, stderr, err := awsCLI(t, srv, env, "sqs", "receive-message", "--queue-url", wantURL, "--wait-time-seconds", "20")
		done <- result{stdout, stderr, err}
	}()
	time.Sleep(time.Second) // usually lets the CLI start its poll first; either order must deliver
	if _, err := conn.Queue(wantURL).Send(t.Context(), "late"); err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.err != nil || !strings.Contains(string(r.out), `"Body": "late"`) {
		t.Errorf("long poll: %v\nstdout: %s\nstderr: %s", r.err, r.out, r.errOut)
	}

	awsJSON(t, srv, env, nil, "sqs", "purge-queue", "--queue-url", wantURL)
	if v, f, d, _ := cloud.SQS().Counts(cred.AccountID, srv.DefaultRegion(), "cli-q"); v+f+d != 0 {
		t.Errorf("after purge-queue: %d, %d, %d messages", v, f, d)
	}
	awsJSON(t, srv, env, nil, "sqs", "delete-queue", "--queue-url", wantURL)
	_, stderr, err := awsCLI(t, srv, env, "sqs", "get-queue-url", "--queue-name", "cli-q")
	if err == nil || !strings.Contains(string(stderr), "AWS.SimpleQueueService.NonExistentQueue") {
		t.Errorf("get-queue-url of a deleted queue: %v\nstderr: %s", err, stderr)
	}
	if calls := srv.Calls(); !slices.ContainsFunc(calls, func(c fake.Call) bool { return c.Operation == "PurgeQueue" && c.Status == 200 }) {
		t.Errorf("no PurgeQueue call recorded: %+v", calls)
	}
}
