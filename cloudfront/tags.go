package cloudfront

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto"
)

// MaxTags is how many tags a distribution may have (Developer Guide,
// "Tagging Amazon CloudFront distributions").
const MaxTags = 50

// checkTags checks tags as CloudFront does (the model's TagKey and
// TagValue: 1-128 and 0-256 characters of letters, digits, spaces and
// _ . : / = + - @; no aws: prefix).
func checkTags(tags map[string]string) error {
	if len(tags) > MaxTags {
		return goboto.Invalid("Tags", itoa(len(tags)), "more than 50 tags")
	}
	for k, v := range tags {
		if n := utf8.RuneCountInString(k); n < 1 || n > 128 || !tagText(k) || strings.HasPrefix(strings.ToLower(k), "aws:") {
			return goboto.Invalid("Tags.Key", k, "must be 1-128 letters, digits, spaces or _.:/=+-@ and not begin with aws:")
		}
		if utf8.RuneCountInString(v) > 256 || !tagText(v) {
			return goboto.Invalid("Tags.Value", v, "must be 0-256 letters, digits, spaces or _.:/=+-@")
		}
	}
	return nil
}

func tagText(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r) && !unicode.Is(unicode.Zs, r) && !strings.ContainsRune("_.:/=+-@", r) {
			return false
		}
	}
	return true
}

// arn returns the handle's ARN, or a *goboto.ValidationError when it has
// not been read yet.
func (d *Distribution) arn() (string, error) {
	if d.ARN == "" {
		return "", goboto.Invalid("Distribution.ARN", "", "is not loaded: Refresh the distribution first")
	}
	return d.ARN, nil
}

// Tags returns the distribution's tags (ListTagsForResource, by the
// handle's ARN, which Refresh or a creation loads).
func (d *Distribution) Tags(ctx context.Context) (map[string]string, error) {
	client, err := d.api()
	if err != nil {
		return nil, err
	}
	arn, err := d.arn()
	if err != nil {
		return nil, err
	}
	out, err := client.ListTagsForResource(ctx, &cloudfront.ListTagsForResourceInput{Resource: aws.String(arn)})
	if err != nil {
		return nil, convert(err)
	}
	tags := map[string]string{}
	if out.Tags != nil {
		for _, t := range out.Tags.Items {
			tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
	}
	return tags, nil
}

// Tag adds tags to the distribution, replacing the values of keys it has
// (TagResource).
func (d *Distribution) Tag(ctx context.Context, tags map[string]string) error {
	client, err := d.api()
	if err != nil {
		return err
	}
	arn, err := d.arn()
	if err != nil {
		return err
	}
	if len(tags) == 0 {
		return goboto.Invalid("Tags", "", "is empty")
	}
	if err := checkTags(tags); err != nil {
		return err
	}
	_, err = client.TagResource(ctx, &cloudfront.TagResourceInput{Resource: aws.String(arn), Tags: v2Tags(tags)})
	return convert(err)
}

// Untag removes the tags with keys from the distribution (UntagResource).
func (d *Distribution) Untag(ctx context.Context, keys ...string) error {
	client, err := d.api()
	if err != nil {
		return err
	}
	arn, err := d.arn()
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		return goboto.Invalid("TagKeys", "", "is empty")
	}
	_, err = client.UntagResource(ctx, &cloudfront.UntagResourceInput{Resource: aws.String(arn), TagKeys: &types.TagKeys{Items: keys}})
	return convert(err)
}
