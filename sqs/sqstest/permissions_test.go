package sqstest

import (
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/google/go-cmp/cmp"
)

// TestPermissions checks AddPermission and RemovePermission write the
// queue's Policy as SQS does (recorded against AWS in localstack's
// test_sqs_permission_lifecycle: Version 2008-10-17, Id
// "<queue ARN>/SQSDefaultPolicy", one statement per label whose
// Principal.AWS and Action are a string for one and a list for more, and
// no Policy once the last label is removed).
func TestPermissions(t *testing.T) {
	srv, _, client := startClocked(t)
	ctx := t.Context()
	u := mustQueue(t, client, "shared", nil)
	arn := allAttrs(t, client, u)["QueueArn"]
	add := func(label string, accounts, actions []string) error {
		_, err := client.AddPermission(ctx, &sqs.AddPermissionInput{QueueUrl: u, Label: aws.String(label), AWSAccountIds: accounts, Actions: actions})
		return err
	}
	if err := add("one", []string{"111122223333"}, []string{"ReceiveMessage"}); err != nil {
		t.Fatal(err)
	}
	if err := add("two", []string{"111122223333", "444455556666"}, []string{"SendMessage", "*"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"Version": "2008-10-17",
		"Id":      arn + "/SQSDefaultPolicy",
		"Statement": []any{
			map[string]any{"Sid": "one", "Effect": "Allow", "Principal": map[string]any{"AWS": "arn:aws:iam::111122223333:root"},
				"Action": "SQS:ReceiveMessage", "Resource": arn},
			map[string]any{"Sid": "two", "Effect": "Allow",
				"Principal": map[string]any{"AWS": []any{"arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"}},
				"Action":    []any{"SQS:SendMessage", "SQS:*"}, "Resource": arn},
		},
	}
	if diff := cmp.Diff(want, policyOf(t, client, u)); diff != "" {
		t.Errorf("Policy after AddPermission (-want +got):\n%s", diff)
	}
	if _, err := client.RemovePermission(ctx, &sqs.RemovePermissionInput{QueueUrl: u, Label: aws.String("one")}); err != nil {
		t.Fatal(err)
	}
	want["Statement"] = want["Statement"].([]any)[1:]
	if diff := cmp.Diff(want, policyOf(t, client, u)); diff != "" {
		t.Errorf("Policy after RemovePermission (-want +got):\n%s", diff)
	}

	tests := []struct {
		name string
		call func() error
		code string
	}{
		{"label exists", func() error { return add("two", []string{"111122223333"}, []string{"SendMessage"}) }, "InvalidParameterValue"},
		// AddPermission: "An Amazon SQS policy can have a maximum of seven
		// actions per statement"; OverLimit, "AddPermission returns this
		// error if the maximum number of permissions for the queue is
		// reached".
		{"8 actions", func() error {
			return add("eight", []string{"111122223333"}, []string{"SendMessage", "ReceiveMessage", "DeleteMessage",
				"ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl", "PurgeQueue", "ListDeadLetterSourceQueues"})
		}, "OverLimit"},
		{"an owner-only action", func() error { return add("owner", []string{"111122223333"}, []string{"DeleteQueue"}) }, "InvalidParameterValue"},
		{"a batch action", func() error { return add("batch", []string{"111122223333"}, []string{"SendMessageBatch"}) }, "InvalidParameterValue"},
		{"not an account ID", func() error { return add("who", []string{"alice"}, []string{"SendMessage"}) }, "InvalidParameterValue"},
		// Label: "Maximum 80 characters. Allowed characters include
		// alphanumeric characters, hyphens (-), and underscores (_)."
		{"label with a space", func() error { return add("a b", []string{"111122223333"}, []string{"SendMessage"}) }, "InvalidParameterValue"},
		{"label of 81", func() error {
			return add(repeat("l", 81), []string{"111122223333"}, []string{"SendMessage"})
		}, "InvalidParameterValue"},
		{"remove an unknown label", func() error {
			_, err := client.RemovePermission(ctx, &sqs.RemovePermissionInput{QueueUrl: u, Label: aws.String("one")})
			return err
		}, "InvalidParameterValue"},
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
	if err := add(repeat("l", 80), []string{"111122223333"}, []string{"SendMessage"}); err != nil {
		t.Errorf("AddPermission with an 80-character label = %v", err)
	}

	// Developer Guide, "Special Information for SQS Policies": at most 20
	// statements and 50 principals.
	full := mustQueue(t, client, "full", nil)
	for i := range 20 {
		if _, err := client.AddPermission(ctx, &sqs.AddPermissionInput{QueueUrl: full, Label: aws.String("l" + strconv.Itoa(i)),
			AWSAccountIds: []string{"111122223333"}, Actions: []string{"SendMessage"}}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := client.AddPermission(ctx, &sqs.AddPermissionInput{QueueUrl: full, Label: aws.String("l20"),
		AWSAccountIds: []string{"111122223333"}, Actions: []string{"SendMessage"}})
	if apiCode(err) != "OverLimit" {
		t.Errorf("a 21st statement = %v; want OverLimit", err)
	}
	crowd := mustQueue(t, client, "crowd", nil)
	var ids []string
	for i := range 51 {
		ids = append(ids, strconv.Itoa(100000000000+i))
	}
	_, err = client.AddPermission(ctx, &sqs.AddPermissionInput{QueueUrl: crowd, Label: aws.String("all"), AWSAccountIds: ids, Actions: []string{"SendMessage"}})
	if apiCode(err) != "OverLimit" {
		t.Errorf("51 principals = %v; want OverLimit", err)
	}
	// The last label removed takes the Policy with it.
	if _, err := client.RemovePermission(ctx, &sqs.RemovePermissionInput{QueueUrl: u, Label: aws.String("two")}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.RemovePermission(ctx, &sqs.RemovePermissionInput{QueueUrl: u, Label: aws.String(repeat("l", 80))}); err != nil {
		t.Fatal(err)
	}
	if p := policyOf(t, client, u); p != nil {
		t.Errorf("Policy after removing every label = %v; want none", p)
	}
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }

// TestPermissionsKeepPolicy checks AddPermission adds to a policy set
// with SetQueueAttributes rather than replacing it.
func TestPermissionsKeepPolicy(t *testing.T) {
	_, _, client := startClocked(t)
	ctx := t.Context()
	u := mustQueue(t, client, "own", map[string]string{"Policy": `{"Version":"2012-10-17","Id":"mine","Statement":{"Sid":"mine","Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*"}}`})
	if _, err := client.AddPermission(ctx, &sqs.AddPermissionInput{QueueUrl: u, Label: aws.String("more"),
		AWSAccountIds: []string{"111122223333"}, Actions: []string{"SendMessage"}}); err != nil {
		t.Fatal(err)
	}
	p := policyOf(t, client, u)
	st, _ := p["Statement"].([]any)
	if p["Id"] != "mine" || p["Version"] != "2012-10-17" || len(st) != 2 || st[0].(map[string]any)["Sid"] != "mine" {
		t.Errorf("Policy = %v; want the set one with a second statement", p)
	}
}
