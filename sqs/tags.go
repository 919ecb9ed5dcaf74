package sqs

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/goboto/goboto"
)

// MaxTags is how many tags a queue may have (Developer Guide, "Amazon SQS
// standard queue quotas", Queue tag).
const MaxTags = 50

// checkTags checks tags as the Developer Guide's queue tag quotas have
// them: keys of 1-128 and values of up to 256 Unicode letters, digits,
// spaces and _ . : / = + - @, neither starting with the reserved aws:,
// and at most 50.
func checkTags(tags map[string]string) error {
	if len(tags) > MaxTags {
		return goboto.Invalid("Tags", strconv.Itoa(len(tags)), "more than 50 tags")
	}
	for k, v := range tags {
		if n := utf8.RuneCountInString(k); n < 1 || n > 128 || !tagText(k) || strings.HasPrefix(k, "aws:") {
			return goboto.Invalid("TagKey", k, "must be 1-128 letters, digits, spaces or _ . : / = + - @, not starting with aws:")
		}
		if utf8.RuneCountInString(v) > 256 || !tagText(v) || strings.HasPrefix(v, "aws:") {
			return goboto.Invalid("TagValue", k, "must be up to 256 letters, digits, spaces or _ . : / = + - @, not starting with aws:")
		}
	}
	return nil
}

func tagText(s string) bool {
	for _, c := range s {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !unicode.IsSpace(c) && !strings.ContainsRune("_.:/=+-@", c) {
			return false
		}
	}
	return true
}

// Tags returns the queue's tags (ListQueueTags).
func (q *Queue) Tags(ctx context.Context) (map[string]string, error) {
	client, err := q.api()
	if err != nil {
		return nil, err
	}
	out, err := client.ListQueueTags(ctx, &sqs.ListQueueTagsInput{QueueUrl: aws.String(q.URL)})
	if err != nil {
		return nil, convert(err)
	}
	if out.Tags == nil {
		return map[string]string{}, nil
	}
	return out.Tags, nil
}

// Tag adds tags to the queue (TagQueue), replacing the values of keys it
// has; SQS refuses more than 50 tags in all.
func (q *Queue) Tag(ctx context.Context, tags map[string]string) error {
	if len(tags) == 0 {
		return goboto.Invalid("Tags", "", "no tags to add")
	}
	if err := checkTags(tags); err != nil {
		return err
	}
	client, err := q.api()
	if err != nil {
		return err
	}
	_, err = client.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: aws.String(q.URL), Tags: tags})
	return convert(err)
}

// Untag removes the tags with the given keys from the queue
// (UntagQueue); a key the queue does not have is no error.
func (q *Queue) Untag(ctx context.Context, keys ...string) error {
	if len(keys) == 0 || slices.Contains(keys, "") {
		return goboto.Invalid("TagKeys", strings.Join(keys, ","), "needs one or more non-empty keys")
	}
	client, err := q.api()
	if err != nil {
		return err
	}
	_, err = client.UntagQueue(ctx, &sqs.UntagQueueInput{QueueUrl: aws.String(q.URL), TagKeys: keys})
	return convert(err)
}
