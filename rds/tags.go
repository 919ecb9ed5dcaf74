package rds

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Tags are an RDS resource's tags, key to value, as ec2.Tags are EC2's.
type Tags map[string]string

// Tag limits, as RDS documents them (API Reference, Tag; User Guide,
// "Tagging Amazon RDS resources").
const (
	MaxTagKeyLength    = 128 // characters
	MaxTagValueLength  = 256 // characters
	MaxTagsPerResource = 50
)

// tagText is the set RDS takes in keys and values: Unicode letters,
// digits, white space and _ . : / = + - @. A *regexp.Regexp is safe for
// concurrent use and this one is never changed.
var tagText = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// validTagText checks a key (value false) or a value against RDS's rules.
func validTagText(field, s string, value bool) error {
	n, max, what := utf8.RuneCountInString(s), MaxTagKeyLength, "tag key"
	if value {
		max, what = MaxTagValueLength, "tag value"
	}
	lower := strings.ToLower(s)
	switch {
	case !utf8.ValidString(s):
		return goboto.Invalid(field, s, what+" is not valid UTF-8")
	case n == 0 && !value:
		return goboto.Invalid(field, "", "tag key must not be empty")
	case n > max:
		return goboto.Invalid(field, s, what+" is longer than "+strconv.Itoa(max)+" characters")
	case strings.HasPrefix(lower, "aws:") || strings.HasPrefix(lower, "rds:"):
		return goboto.Invalid(field, s, what+"s starting with aws: or rds: are reserved")
	case !tagText.MatchString(s):
		return goboto.Invalid(field, s, what+" may hold only letters, digits, spaces and _.:/=+-@")
	}
	return nil
}

// validTags checks tags' keys and values and their number.
func validTags(field string, tags Tags) error {
	if len(tags) > MaxTagsPerResource {
		return goboto.Invalid(field, "", "more than 50 tags")
	}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		if err := validTagText(field, k, false); err != nil {
			return err
		}
		if err := validTagText(field+"["+k+"]", tags[k], true); err != nil {
			return err
		}
	}
	return nil
}

// v2 returns tags as aws-sdk-go-v2 tags, sorted by key so that requests
// are reproducible.
func (t Tags) v2() []types.Tag {
	if len(t) == 0 {
		return nil
	}
	out := make([]types.Tag, 0, len(t))
	for _, k := range slices.Sorted(maps.Keys(t)) {
		out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(t[k])})
	}
	return out
}

func tagsFromV2(ts []types.Tag) Tags {
	out := make(Tags, len(ts))
	for _, t := range ts {
		out[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return out
}

// validResourceARN checks that arn looks like an RDS ARN
// (arn:<partition>:rds:<region>:<account>:<type>:<name>); which types
// exist is RDS's business.
func validResourceARN(arn string) error {
	parts := strings.SplitN(arn, ":", 7)
	if len(parts) != 7 || parts[0] != "arn" || parts[2] != "rds" || parts[5] == "" || parts[6] == "" {
		return goboto.Invalid("ResourceName", arn, "is not an RDS ARN (arn:aws:rds:<region>:<account>:<type>:<name>)")
	}
	return nil
}

// AddTags sets tags on the RDS resource arn names, replacing the values
// of keys it already has (AddTagsToResource).
func (c *Conn) AddTags(ctx context.Context, arn string, tags Tags) error {
	if err := validResourceARN(arn); err != nil {
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
	_, err = client.AddTagsToResource(ctx, &rds.AddTagsToResourceInput{ResourceName: aws.String(arn), Tags: tags.v2()})
	return core.Error(err)
}

// RemoveTags removes the tags with the given keys from the RDS resource
// arn names (RemoveTagsFromResource). Keys it does not have are ignored.
func (c *Conn) RemoveTags(ctx context.Context, arn string, keys ...string) error {
	if err := validResourceARN(arn); err != nil {
		return err
	}
	if len(keys) == 0 {
		return goboto.Invalid("TagKeys", "", "needs at least one key")
	}
	for _, k := range keys {
		if err := validTagText("TagKeys", k, false); err != nil {
			return err
		}
	}
	client, err := c.api()
	if err != nil {
		return err
	}
	_, err = client.RemoveTagsFromResource(ctx, &rds.RemoveTagsFromResourceInput{ResourceName: aws.String(arn), TagKeys: keys})
	return core.Error(err)
}

// Tags returns the tags of the RDS resource arn names
// (ListTagsForResource).
func (c *Conn) Tags(ctx context.Context, arn string) (Tags, error) {
	if err := validResourceARN(arn); err != nil {
		return nil, err
	}
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	out, err := client.ListTagsForResource(ctx, &rds.ListTagsForResourceInput{ResourceName: aws.String(arn)})
	if err != nil {
		return nil, core.Error(err)
	}
	return tagsFromV2(out.TagList), nil
}

// tagTarget is what a handle's AddTags, RemoveTags and Tags need: how
// to check the name it was made with, where it keeps its ARN, how to
// learn the ARN and the connection to send with.
type tagTarget struct {
	valid   func() error
	arn     *string
	refresh func(context.Context) error
	conn    *Conn
}

// resolve checks the handle's name and then tags (nil for none) and
// returns the handle's ARN, refreshing the handle first (one Describe
// call) when it knows only its name.
func (t tagTarget) resolve(ctx context.Context, tags Tags) (string, error) {
	if err := t.valid(); err != nil {
		return "", err
	}
	if err := validTags("Tags", tags); err != nil {
		return "", err
	}
	if *t.arn == "" {
		if err := t.refresh(ctx); err != nil {
			return "", err
		}
	}
	return *t.arn, nil
}

func (t tagTarget) add(ctx context.Context, tags Tags) error {
	arn, err := t.resolve(ctx, tags)
	if err != nil {
		return err
	}
	return t.conn.AddTags(ctx, arn, tags)
}

func (t tagTarget) remove(ctx context.Context, keys []string) error {
	arn, err := t.resolve(ctx, nil)
	if err != nil {
		return err
	}
	return t.conn.RemoveTags(ctx, arn, keys...)
}

func (t tagTarget) tags(ctx context.Context) (Tags, error) {
	arn, err := t.resolve(ctx, nil)
	if err != nil {
		return nil, err
	}
	return t.conn.Tags(ctx, arn)
}

func (i *DBInstance) tagTarget() tagTarget {
	return tagTarget{func() error { return ValidInstanceID(i.ID) }, &i.ARN, i.Refresh, i.conn}
}

// AddTags sets tags on the instance (AddTagsToResource); a handle that
// knows only its identifier learns its ARN with DescribeDBInstances first.
func (i *DBInstance) AddTags(ctx context.Context, tags Tags) error {
	return i.tagTarget().add(ctx, tags)
}

// RemoveTags removes the tags with the given keys from the instance
// (RemoveTagsFromResource).
func (i *DBInstance) RemoveTags(ctx context.Context, keys ...string) error {
	return i.tagTarget().remove(ctx, keys)
}

// Tags returns the instance's tags (ListTagsForResource).
func (i *DBInstance) Tags(ctx context.Context) (Tags, error) { return i.tagTarget().tags(ctx) }

func (s *DBSnapshot) tagTarget() tagTarget {
	return tagTarget{func() error { return validExisting("DBSnapshotIdentifier", s.ID) }, &s.ARN, s.Refresh, s.conn}
}

// AddTags sets tags on the snapshot (AddTagsToResource).
func (s *DBSnapshot) AddTags(ctx context.Context, tags Tags) error {
	return s.tagTarget().add(ctx, tags)
}

// RemoveTags removes the tags with the given keys from the snapshot
// (RemoveTagsFromResource).
func (s *DBSnapshot) RemoveTags(ctx context.Context, keys ...string) error {
	return s.tagTarget().remove(ctx, keys)
}

// Tags returns the snapshot's tags (ListTagsForResource).
func (s *DBSnapshot) Tags(ctx context.Context) (Tags, error) { return s.tagTarget().tags(ctx) }

func (g *ParameterGroup) tagTarget() tagTarget {
	return tagTarget{func() error { return validExisting("DBParameterGroupName", g.Name) }, &g.ARN, g.Refresh, g.conn}
}

// AddTags sets tags on the parameter group (AddTagsToResource).
func (g *ParameterGroup) AddTags(ctx context.Context, tags Tags) error {
	return g.tagTarget().add(ctx, tags)
}

// RemoveTags removes the tags with the given keys from the parameter
// group (RemoveTagsFromResource).
func (g *ParameterGroup) RemoveTags(ctx context.Context, keys ...string) error {
	return g.tagTarget().remove(ctx, keys)
}

// Tags returns the parameter group's tags (ListTagsForResource).
func (g *ParameterGroup) Tags(ctx context.Context) (Tags, error) { return g.tagTarget().tags(ctx) }

func (g *DBSecurityGroup) tagTarget() tagTarget {
	return tagTarget{func() error { return validExisting("DBSecurityGroupName", g.Name) }, &g.ARN, g.Refresh, g.conn}
}

// AddTags sets tags on the DB security group (AddTagsToResource).
func (g *DBSecurityGroup) AddTags(ctx context.Context, tags Tags) error {
	return g.tagTarget().add(ctx, tags)
}

// RemoveTags removes the tags with the given keys from the DB security
// group (RemoveTagsFromResource).
func (g *DBSecurityGroup) RemoveTags(ctx context.Context, keys ...string) error {
	return g.tagTarget().remove(ctx, keys)
}

// Tags returns the DB security group's tags (ListTagsForResource).
func (g *DBSecurityGroup) Tags(ctx context.Context) (Tags, error) { return g.tagTarget().tags(ctx) }
