package sqstest

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

// apiCode is the code aws-sdk-go-v2 reports for err (x-amzn-query-error's,
// so the legacy code where it differs), or "" for no API error.
func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// allAttrs reads every attribute of the queue at u.
func allAttrs(t *testing.T, client *sqs.Client, u *string) map[string]string {
	t.Helper()
	out, err := client.GetQueueAttributes(t.Context(), &sqs.GetQueueAttributesInput{QueueUrl: u,
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll}})
	if err != nil {
		t.Fatal(err)
	}
	return out.Attributes
}

// TestSetQueueAttributes sets every settable attribute of the model on a
// queue and reads it back, and checks each range and rule SQS documents
// is refused with the state left as it was. Citations are to the SQS API
// Reference, SetQueueAttributes, unless noted.
func TestSetQueueAttributes(t *testing.T) {
	srv, _, client := startClocked(t)
	ctx := t.Context()
	dlq := mustQueue(t, client, "attrs-dlq", nil)
	dlqARN := allAttrs(t, client, dlq)["QueueArn"]
	u := mustQueue(t, client, "attrs", nil)
	fifo := mustQueue(t, client, "attrs.fifo", map[string]string{"FifoQueue": "true"})

	// A new queue: SSE-SQS on, no policy, no redrive, no KMS key
	// (recorded against AWS in localstack's
	// test_set_queue_attributes_default_values).
	got := allAttrs(t, client, u)
	if got["SqsManagedSseEnabled"] != "true" {
		t.Errorf("new queue SqsManagedSseEnabled = %q; want true", got["SqsManagedSseEnabled"])
	}
	for _, n := range []string{"Policy", "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId", "DeduplicationScope", "FifoQueue"} {
		if v, ok := got[n]; ok {
			t.Errorf("new standard queue answers %s = %q; want nothing", n, v)
		}
	}
	// FIFO queues answer their throughput settings, "queue" and
	// "perQueue" until set.
	if f := allAttrs(t, client, fifo); f["DeduplicationScope"] != "queue" || f["FifoThroughputLimit"] != "perQueue" {
		t.Errorf("new FIFO queue: DeduplicationScope %q, FifoThroughputLimit %q; want queue, perQueue", f["DeduplicationScope"], f["FifoThroughputLimit"])
	}

	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}`
	set := map[string]string{
		"VisibilityTimeout": "43200", "DelaySeconds": "900", "MaximumMessageSize": "1048576",
		"MessageRetentionPeriod": "1209600", "ReceiveMessageWaitTimeSeconds": "20", "Policy": policy,
		"RedrivePolicy":      `{"deadLetterTargetArn":"` + dlqARN + `","maxReceiveCount":"1000"}`,
		"RedriveAllowPolicy": `{"redrivePermission":"denyAll"}`,
		"KmsMasterKeyId":     "alias/aws/sqs", "KmsDataKeyReusePeriodSeconds": "86400",
	}
	if _, err := client.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: u, Attributes: set}); err != nil {
		t.Fatal(err)
	}
	got = allAttrs(t, client, u)
	want := map[string]string{}
	for k, v := range set {
		want[k] = v
	}
	// maxReceiveCount comes back as a number however it was sent, and a
	// KMS key turns SSE-SQS off.
	want["RedrivePolicy"] = `{"deadLetterTargetArn":"` + dlqARN + `","maxReceiveCount":1000}`
	want["SqsManagedSseEnabled"] = "false"
	for k := range got {
		if _, ok := want[k]; !ok {
			delete(got, k)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("attributes after SetQueueAttributes (-want +got):\n%s", diff)
	}
	// An empty Policy, RedrivePolicy or KmsMasterKeyId removes it
	// (localstack's test_set_empty_queue_policy and
	// test_set_empty_redrive_policy, recorded against AWS).
	if _, err := client.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: u,
		Attributes: map[string]string{"Policy": "", "RedrivePolicy": "", "KmsMasterKeyId": "", "SqsManagedSseEnabled": "true"}}); err != nil {
		t.Fatal(err)
	}
	got = allAttrs(t, client, u)
	for _, n := range []string{"Policy", "RedrivePolicy", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds"} {
		if v, ok := got[n]; ok {
			t.Errorf("after clearing, %s = %q; want nothing", n, v)
		}
	}
	if got["SqsManagedSseEnabled"] != "true" {
		t.Errorf("SqsManagedSseEnabled = %q; want true", got["SqsManagedSseEnabled"])
	}

	fifoSet := map[string]string{"ContentBasedDeduplication": "true", "DeduplicationScope": "messageGroup",
		"FifoThroughputLimit": "perMessageGroupId", "FifoQueue": "true"}
	if _, err := client.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: fifo, Attributes: fifoSet}); err != nil {
		t.Fatal(err)
	}
	got = allAttrs(t, client, fifo)
	for k, v := range fifoSet {
		if got[k] != v {
			t.Errorf("FIFO %s = %q; want %q", k, got[k], v)
		}
	}

	tests := []struct {
		name  string
		queue *string
		attrs map[string]string
		code  string
	}{
		{"VisibilityTimeout 43201", u, map[string]string{"VisibilityTimeout": "43201"}, "InvalidAttributeValue"},
		{"DelaySeconds 901", u, map[string]string{"DelaySeconds": "901"}, "InvalidAttributeValue"},
		{"MaximumMessageSize 1 MiB + 1", u, map[string]string{"MaximumMessageSize": "1048577"}, "InvalidAttributeValue"},
		{"MaximumMessageSize 1023", u, map[string]string{"MaximumMessageSize": "1023"}, "InvalidAttributeValue"},
		{"MessageRetentionPeriod 59", u, map[string]string{"MessageRetentionPeriod": "59"}, "InvalidAttributeValue"},
		{"MessageRetentionPeriod 14 days + 1 s", u, map[string]string{"MessageRetentionPeriod": "1209601"}, "InvalidAttributeValue"},
		{"ReceiveMessageWaitTimeSeconds 21", u, map[string]string{"ReceiveMessageWaitTimeSeconds": "21"}, "InvalidAttributeValue"},
		{"KmsDataKeyReusePeriodSeconds 59", u, map[string]string{"KmsDataKeyReusePeriodSeconds": "59"}, "InvalidAttributeValue"},
		{"KmsDataKeyReusePeriodSeconds 86401", u, map[string]string{"KmsDataKeyReusePeriodSeconds": "86401"}, "InvalidAttributeValue"},
		{"SqsManagedSseEnabled yes", u, map[string]string{"SqsManagedSseEnabled": "yes"}, "InvalidAttributeValue"},
		// "Only one server-side encryption option is supported per queue"
		// (InvalidAttributeName, as recorded against AWS in localstack's
		// test_sse_kms_and_sqs_are_mutually_exclusive).
		{"KMS and SSE-SQS together", u, map[string]string{"KmsMasterKeyId": "k", "SqsManagedSseEnabled": "true"}, "InvalidAttributeName"},
		{"Policy not JSON", u, map[string]string{"Policy": "{"}, "InvalidAttributeValue"},
		{"unknown attribute", u, map[string]string{"Colour": "blue"}, "InvalidAttributeName"},
		{"read-only QueueArn", u, map[string]string{"QueueArn": "arn:aws:sqs:us-east-1:1:x"}, "InvalidAttributeName"},
		// Recorded against AWS in localstack's
		// test_set_unsupported_attribute_{standard,fifo}.
		{"FifoQueue on a standard queue", u, map[string]string{"FifoQueue": "true"}, "InvalidAttributeName"},
		{"FifoQueue false on a FIFO queue", fifo, map[string]string{"FifoQueue": "false"}, "InvalidAttributeValue"},
		{"ContentBasedDeduplication on a standard queue", u, map[string]string{"ContentBasedDeduplication": "true"}, "InvalidAttributeName"},
		{"DeduplicationScope on a standard queue", u, map[string]string{"DeduplicationScope": "queue"}, "InvalidAttributeName"},
		{"FifoThroughputLimit on a standard queue", u, map[string]string{"FifoThroughputLimit": "perQueue"}, "InvalidAttributeName"},
		{"DeduplicationScope bad", fifo, map[string]string{"DeduplicationScope": "group"}, "InvalidAttributeValue"},
		// "The perMessageGroupId value is allowed only when the value for
		// DeduplicationScope is messageGroup."
		{"perMessageGroupId with queue scope", fifo, map[string]string{"DeduplicationScope": "queue"}, "InvalidAttributeValue"},
		{"RedrivePolicy maxReceiveCount 0", u, map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + dlqARN + `","maxReceiveCount":0}`}, "InvalidParameterValue"},
		{"RedriveAllowPolicy byQueue without sources", u, map[string]string{"RedriveAllowPolicy": `{"redrivePermission":"byQueue"}`}, "InvalidParameterValue"},
		// A refused request sets none of its attributes, even valid ones.
		{"valid and invalid together", u, map[string]string{"DelaySeconds": "5", "VisibilityTimeout": "-1"}, "InvalidAttributeValue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.digest()
			_, err := client.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: tt.queue, Attributes: tt.attrs})
			if got := apiCode(err); got != tt.code {
				t.Fatalf("SetQueueAttributes(%v) = %v; want %s", tt.attrs, err, tt.code)
			}
			if srv.digest() != before {
				t.Error("a refused request changed the state")
			}
		})
	}
}

// TestCreateQueueAttributes checks CreateQueue takes the same attributes
// and tags, and that creating an existing queue with other values of
// them is QueueNameExists (CreateQueue: "If the queue name, attribute
// names, or attribute values don't match an existing queue, CreateQueue
// returns an error").
func TestCreateQueueAttributes(t *testing.T) {
	srv, _, client := startClocked(t)
	ctx := t.Context()
	attrs := map[string]string{"Policy": `{"Statement":[]}`, "KmsMasterKeyId": "alias/mine", "KmsDataKeyReusePeriodSeconds": "600"}
	u := mustQueue(t, client, "made", attrs)
	if _, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("made"), Attributes: attrs}); err != nil {
		t.Errorf("CreateQueue again with the same attributes = %v; want its URL", err)
	}
	before := srv.digest()
	_, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("made"),
		Attributes: map[string]string{"Policy": `{"Statement":[]}`, "KmsMasterKeyId": "alias/other", "KmsDataKeyReusePeriodSeconds": "600"}})
	if apiCode(err) != "QueueAlreadyExists" {
		t.Errorf("CreateQueue with another KMS key = %v; want QueueAlreadyExists", err)
	}
	if srv.digest() != before {
		t.Error("a refused CreateQueue changed the state")
	}
	got := allAttrs(t, client, u)
	if got["KmsMasterKeyId"] != "alias/mine" || got["SqsManagedSseEnabled"] != "false" || got["KmsDataKeyReusePeriodSeconds"] != "600" {
		t.Errorf("attributes = %v", got)
	}
	// CreateQueue: FifoQueue false is no attribute a standard queue has
	// (as recorded against AWS in localstack's
	// test_create_standard_queue_with_fifo_attribute_raises_error).
	_, err = client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("plain"), Attributes: map[string]string{"FifoQueue": "false"}})
	if apiCode(err) != "InvalidAttributeName" {
		t.Errorf("CreateQueue with FifoQueue false = %v; want InvalidAttributeName", err)
	}
}

// TestDeduplicationScope checks a FIFO queue with DeduplicationScope
// messageGroup deduplicates within each group only (SetQueueAttributes,
// DeduplicationScope: "whether message deduplication occurs at the
// message group or queue level").
func TestDeduplicationScope(t *testing.T) {
	_, _, client := startClocked(t)
	ctx := t.Context()
	for _, tc := range []struct {
		scope string
		want  int
	}{{"queue", 1}, {"messageGroup", 2}} {
		u := mustQueue(t, client, "scope-"+tc.scope+".fifo", map[string]string{"FifoQueue": "true", "DeduplicationScope": tc.scope})
		ids := map[string]bool{}
		for _, g := range []string{"a", "b"} {
			out, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String("x"),
				MessageGroupId: aws.String(g), MessageDeduplicationId: aws.String("same")})
			if err != nil {
				t.Fatal(err)
			}
			ids[aws.ToString(out.MessageId)] = true
		}
		if len(ids) != tc.want {
			t.Errorf("scope %s: %d distinct messages from one dedup ID in two groups; want %d", tc.scope, len(ids), tc.want)
		}
	}
}

// policyOf reads the queue's Policy attribute as JSON.
func policyOf(t *testing.T, client *sqs.Client, u *string) map[string]any {
	t.Helper()
	p, ok := allAttrs(t, client, u)["Policy"]
	if !ok {
		return nil
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(p), &doc); err != nil {
		t.Fatalf("Policy %q: %v", p, err)
	}
	return doc
}
