package autoscale

import (
	"context"
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/goboto/goboto"
)

// Tag is a tag on a group. With PropagateAtLaunch the group also sets it
// on the instances it launches. Group names the group it is on, in what
// Conn.Tags yields; Group.SetTags ignores it.
type Tag struct {
	Key, Value        string
	PropagateAtLaunch bool
	Group             string
}

func tagFrom(t types.TagDescription) Tag {
	return Tag{Key: aws.ToString(t.Key), Value: aws.ToString(t.Value), PropagateAtLaunch: aws.ToBool(t.PropagateAtLaunch),
		Group: aws.ToString(t.ResourceId)}
}

func (t Tag) v2(group string) types.Tag {
	return types.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value), PropagateAtLaunch: aws.Bool(t.PropagateAtLaunch),
		ResourceId: aws.String(group), ResourceType: aws.String("auto-scaling-group")}
}

// checkTagKey applies AWS's tag key rules: 1-128 characters, and not
// starting with "aws:", which AWS keeps for itself.
func checkTagKey(field, key string) error {
	switch n := utf8.RuneCountInString(key); {
	case n == 0:
		return goboto.Invalid(field, key, "a tag key is empty")
	case n > 128:
		return goboto.Invalid(field, key, "a tag key is longer than 128 characters")
	case strings.HasPrefix(strings.ToLower(key), "aws:"):
		return goboto.Invalid(field, key, "tag keys starting with aws: are AWS's own")
	}
	return nil
}

// checkTags checks tags as AWS would: key rules, values up to 256
// characters, no key twice, at most 50.
func checkTags(tags []Tag) error {
	if len(tags) > maxTags {
		return goboto.Invalid("Tags", strconv.Itoa(len(tags)), "more than 50 tags")
	}
	seen := map[string]bool{}
	for _, t := range tags {
		if err := checkTagKey("Tags", t.Key); err != nil {
			return err
		}
		if utf8.RuneCountInString(t.Value) > 256 {
			return goboto.Invalid("Tags."+t.Key, t.Value, "a tag value is longer than 256 characters")
		}
		if seen[t.Key] {
			return goboto.Invalid("Tags", t.Key, "is given twice")
		}
		seen[t.Key] = true
	}
	return nil
}

// SetTags adds tags to the group or replaces the value and
// PropagateAtLaunch of those it has (CreateOrUpdateTags). Propagation
// applies to instances launched afterwards.
func (g *Group) SetTags(ctx context.Context, tags ...Tag) error {
	client, err := g.namedAPI()
	if err != nil {
		return err
	}
	if len(tags) == 0 {
		return goboto.Invalid("Tags", "", "is empty")
	}
	if err := checkTags(tags); err != nil {
		return err
	}
	in := &autoscaling.CreateOrUpdateTagsInput{}
	for _, t := range tags {
		in.Tags = append(in.Tags, t.v2(g.Name))
	}
	_, err = client.CreateOrUpdateTags(ctx, in)
	return convert(err)
}

// DeleteTags removes the tags with these keys from the group
// (DeleteTags); a key the group does not have is no error.
func (g *Group) DeleteTags(ctx context.Context, keys ...string) error {
	client, err := g.namedAPI()
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		return goboto.Invalid("Tags", "", "is empty")
	}
	in := &autoscaling.DeleteTagsInput{}
	for _, k := range keys {
		if err := checkTagKey("Tags", k); err != nil {
			return err
		}
		in.Tags = append(in.Tags, types.Tag{Key: aws.String(k), ResourceId: aws.String(g.Name), ResourceType: aws.String("auto-scaling-group")})
	}
	_, err = client.DeleteTags(ctx, in)
	return convert(err)
}

// Tags lists the tags of the region's groups (DescribeTags), lazily, a
// page of PageSize (at most 100) at a time. It takes Names (the groups,
// the auto-scaling-group filter) and Tags (WithTag: the key and value
// filters; one key per listing, as DescribeTags ANDs its filters).
func (c *Conn) Tags(ctx context.Context, opts ...ListOption) iter.Seq2[*Tag, error] {
	return paged(ctx, c.api, listing{max: 100, takes: []string{takesNames, takesTags}}, opts,
		func(client *autoscaling.Client, o ListOptions) (pager[*autoscaling.DescribeTagsOutput], error) {
			if len(o.Tags) > 1 {
				return nil, goboto.Invalid("Tags", strconv.Itoa(len(o.Tags)), "Conn.Tags takes one tag key: DescribeTags would need every key on one tag")
			}
			in := &autoscaling.DescribeTagsInput{MaxRecords: o.maxRecords()}
			if len(o.Names) > 0 {
				in.Filters = append(in.Filters, types.Filter{Name: aws.String("auto-scaling-group"), Values: o.Names})
			}
			for k, vs := range o.Tags {
				in.Filters = append(in.Filters, types.Filter{Name: aws.String("key"), Values: []string{k}})
				if len(vs) > 0 {
					in.Filters = append(in.Filters, types.Filter{Name: aws.String("value"), Values: vs})
				}
			}
			return autoscaling.NewDescribeTagsPaginator(client, in), nil
		},
		func(out *autoscaling.DescribeTagsOutput) []types.TagDescription { return out.Tags },
		func(x types.TagDescription) *Tag { t := tagFrom(x); return &t })
}
