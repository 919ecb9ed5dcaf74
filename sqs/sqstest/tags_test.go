package sqstest

import (
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/google/go-cmp/cmp"
)

// TestTags checks TagQueue, UntagQueue and ListQueueTags, and tags on
// CreateQueue: a tag with an existing key overwrites it (TagQueue),
// untagging a key the queue lacks is no error, and the Developer Guide's
// tag quotas ("Amazon SQS standard queue quotas", Queue tag) are
// refused with the state unchanged.
func TestTags(t *testing.T) {
	srv, _, client := startClocked(t)
	ctx := t.Context()
	out, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("tagged"), Tags: map[string]string{"team": "a", "empty": ""}})
	if err != nil {
		t.Fatal(err)
	}
	u := out.QueueUrl
	list := func() map[string]string {
		t.Helper()
		out, err := client.ListQueueTags(ctx, &sqs.ListQueueTagsInput{QueueUrl: u})
		if err != nil {
			t.Fatal(err)
		}
		return out.Tags
	}
	if diff := cmp.Diff(map[string]string{"team": "a", "empty": ""}, list()); diff != "" {
		t.Errorf("tags from CreateQueue (-want +got):\n%s", diff)
	}
	if _, err := client.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: u, Tags: map[string]string{"team": "b", "Team": "c"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.UntagQueue(ctx, &sqs.UntagQueueInput{QueueUrl: u, TagKeys: []string{"empty", "never"}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"team": "b", "Team": "c"}, list()); diff != "" {
		t.Errorf("tags after TagQueue and UntagQueue (-want +got):\n%s", diff)
	}
	if _, err := client.UntagQueue(ctx, &sqs.UntagQueueInput{QueueUrl: u, TagKeys: []string{"team", "Team"}}); err != nil {
		t.Fatal(err)
	}
	if got := list(); len(got) != 0 {
		t.Errorf("tags after removing all = %v", got)
	}

	many := func(n int) map[string]string {
		m := map[string]string{}
		for i := range n {
			m["k"+strconv.Itoa(i)] = "v"
		}
		return m
	}
	if _, err := client.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: u, Tags: many(50)}); err != nil {
		t.Fatalf("TagQueue with 50 tags = %v", err)
	}
	tests := []struct {
		name string
		tags map[string]string
	}{
		{"a 51st tag", map[string]string{"one-more": "v"}},
		{"key of 129", map[string]string{strings.Repeat("k", 129): "v"}},
		{"value of 257", map[string]string{"k0": strings.Repeat("v", 257)}},
		{"aws: prefix", map[string]string{"aws:x": "v"}},
		{"a character tags may not hold", map[string]string{"k0": "a#b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.digest()
			_, err := client.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: u, Tags: tt.tags})
			if apiCode(err) != "InvalidParameterValue" {
				t.Fatalf("TagQueue = %v; want InvalidParameterValue", err)
			}
			if srv.digest() != before {
				t.Error("a refused TagQueue changed the state")
			}
		})
	}
	// 128 and 256 characters are allowed, and overwriting keeps the count.
	if _, err := client.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: u, Tags: map[string]string{"k1": strings.Repeat("v", 256)}}); err != nil {
		t.Errorf("TagQueue with a 256-character value = %v", err)
	}
	_, err = client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("over"), Tags: many(51)})
	if apiCode(err) != "InvalidParameterValue" {
		t.Errorf("CreateQueue with 51 tags = %v; want InvalidParameterValue", err)
	}
	if _, err := client.ListQueueTags(ctx, &sqs.ListQueueTagsInput{QueueUrl: aws.String(aws.ToString(u) + "-gone")}); apiCode(err) != "AWS.SimpleQueueService.NonExistentQueue" {
		t.Errorf("ListQueueTags of a missing queue = %v; want QueueDoesNotExist", err)
	}
}
