package ec2

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Tag limits, as EC2 documents them.
const (
	MaxTagKeyLength    = 128 // characters
	MaxTagValueLength  = 256 // characters
	MaxTagsPerResource = 50
)

// validTagKey checks a key: 1-128 characters, not starting with "aws:",
// which AWS keeps for itself.
func validTagKey(field, k string) error {
	switch n := utf8.RuneCountInString(k); {
	case n == 0:
		return goboto.Invalid(field, "", "tag key must not be empty")
	case n > MaxTagKeyLength:
		return goboto.Invalid(field, k, "tag key is longer than 128 characters")
	case !utf8.ValidString(k):
		return goboto.Invalid(field, k, "tag key is not valid UTF-8")
	case strings.HasPrefix(strings.ToLower(k), "aws:"):
		return goboto.Invalid(field, k, "tag keys starting with aws: are reserved")
	}
	return nil
}

// validTags checks tags' keys and values.
func validTags(field string, tags Tags) error {
	if len(tags) > MaxTagsPerResource {
		return goboto.Invalid(field, "", "more than 50 tags")
	}
	for k, v := range tags {
		if err := validTagKey(field, k); err != nil {
			return err
		}
		if utf8.RuneCountInString(v) > MaxTagValueLength || !utf8.ValidString(v) {
			return goboto.Invalid(field+"["+k+"]", v, "tag value must be valid UTF-8 of at most 256 characters")
		}
	}
	return nil
}

// CreateTags adds tags to every resource in ids, replacing the values of
// keys they already have (CreateTags). Any EC2 resource ID will do:
// instances, volumes, snapshots, images, security groups, ...
func (c *Conn) CreateTags(ctx context.Context, ids []string, tags Tags) error {
	if err := validResourceIDs(ids); err != nil {
		return err
	}
	if len(tags) == 0 {
		return goboto.Invalid("Tags", "", "needs at least one tag")
	}
	if err := validTags("Tags", tags); err != nil {
		return err
	}
	client, err := c.api()
	if err != nil {
		return err
	}
	_, err = client.CreateTags(ctx, &ec2.CreateTagsInput{Resources: ids, Tags: tags.v2()})
	return core.Error(err)
}

// DeleteTags removes the tags with the given keys, whatever their values,
// from every resource in ids (DeleteTags). At least one key is required:
// EC2 reads a DeleteTags without keys as "delete every tag", which is
// rarely what a caller with an empty list meant.
func (c *Conn) DeleteTags(ctx context.Context, ids []string, keys ...string) error {
	if err := validResourceIDs(ids); err != nil {
		return err
	}
	if len(keys) == 0 {
		return goboto.Invalid("Tags", "", "needs at least one key")
	}
	ts := make([]types.Tag, 0, len(keys))
	for _, k := range keys {
		if err := validTagKey("Tags", k); err != nil {
			return err
		}
		ts = append(ts, types.Tag{Key: aws.String(k)})
	}
	client, err := c.api()
	if err != nil {
		return err
	}
	_, err = client.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: ids, Tags: ts})
	return core.Error(err)
}

// validResourceIDs checks that ids is not empty and each looks like an
// EC2 ID ("<prefix>-<hex>"); which prefixes are valid is EC2's business.
func validResourceIDs(ids []string) error {
	if len(ids) == 0 {
		return goboto.Invalid("ResourceIds", "", "needs at least one ID")
	}
	for _, id := range ids {
		prefix, rest, ok := strings.Cut(id, "-")
		if !ok || prefix == "" || rest == "" {
			return goboto.Invalid("ResourceIds", id, "is not an EC2 resource ID")
		}
	}
	return nil
}

// addTag and removeTag are what the handles' AddTag and RemoveTag share.
func addTag(ctx context.Context, c *Conn, id string, tags *Tags, key, value string) error {
	if err := c.CreateTags(ctx, []string{id}, Tags{key: value}); err != nil {
		return err
	}
	if *tags == nil {
		*tags = Tags{}
	}
	(*tags)[key] = value
	return nil
}

func removeTag(ctx context.Context, c *Conn, id string, tags *Tags, key string) error {
	if err := c.DeleteTags(ctx, []string{id}, key); err != nil {
		return err
	}
	delete(*tags, key)
	return nil
}

// AddTag sets the tag key to value on the instance (CreateTags) and in
// i.Tags.
func (i *Instance) AddTag(ctx context.Context, key, value string) error {
	if err := i.check(); err != nil {
		return err
	}
	return addTag(ctx, i.conn, i.ID, &i.Tags, key, value)
}

// RemoveTag removes the tag key from the instance (DeleteTags) and from
// i.Tags.
func (i *Instance) RemoveTag(ctx context.Context, key string) error {
	if err := i.check(); err != nil {
		return err
	}
	return removeTag(ctx, i.conn, i.ID, &i.Tags, key)
}
