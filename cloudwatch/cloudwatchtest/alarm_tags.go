package cloudwatchtest

import (
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// Tags on alarms (API Reference, TagResource, UntagResource,
// ListTagsForResource). Alarms are the only taggable resources this fake
// has, so the ARN of a dashboard, metric stream or Contributor Insights
// rule names nothing that exists.

// taggedAlarm finds the alarm an ARN names in the caller's account and
// region. The caller holds reg.mu on return without error.
func (b *Backend) taggedAlarm(r *fake.Request, arn string) (*region, *alarm, error) {
	if arn == "" {
		return nil, nil, errMissingParameter("ResourceARN")
	}
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" || parts[2] != "cloudwatch" || len(arn) > 1024 {
		return nil, nil, errInvalidParameterValue("Invalid ARN %s: a CloudWatch ARN is arn:<partition>:cloudwatch:<region>:<account-id>:<resource>.", arn)
	}
	name, isAlarm := strings.CutPrefix(parts[5], "alarm:")
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	a := reg.alarms[name]
	if !isAlarm || a == nil || a.arn != arn {
		reg.mu.Unlock()
		return nil, nil, errResourceNotFoundException("%s not found", arn)
	}
	return reg, a, nil
}

func (b *Backend) tagResource(r *fake.Request) error {
	var in tagResourceInput
	if err := decodeInput(r, &in); err != nil {
		return err
	}
	if in.Tags == nil {
		return errMissingParameter("Tags")
	}
	if err := checkTags(in.Tags); err != nil {
		return err
	}
	reg, a, err := b.taggedAlarm(r, in.ResourceARN)
	if err != nil {
		return err
	}
	defer reg.mu.Unlock()
	tags := slices.Clone(a.tags)
	for _, t := range in.Tags {
		// "If you specify a tag key that is already associated with the
		// alarm, the new tag value that you specify replaces the previous
		// value for that tag."
		if i := slices.IndexFunc(tags, func(x tag) bool { return x.Key == t.Key }); i >= 0 {
			tags[i].Value = t.Value
		} else {
			tags = append(tags, t)
		}
	}
	if len(tags) > maxTags {
		return errInvalidParameterValue("A resource can have at most %d tags.", maxTags)
	}
	slices.SortFunc(tags, func(x, y tag) int { return strings.Compare(x.Key, y.Key) })
	a.tags = tags
	return nil
}

func (b *Backend) untagResource(r *fake.Request) error {
	var in untagResourceInput
	if err := decodeInput(r, &in); err != nil {
		return err
	}
	if in.TagKeys == nil {
		return errMissingParameter("TagKeys")
	}
	reg, a, err := b.taggedAlarm(r, in.ResourceARN)
	if err != nil {
		return err
	}
	defer reg.mu.Unlock()
	a.tags = slices.DeleteFunc(a.tags, func(t tag) bool { return slices.Contains(in.TagKeys, t.Key) })
	return nil
}

func (b *Backend) listTagsForResource(r *fake.Request) (*listTagsForResourceOutput, error) {
	var in listTagsForResourceInput
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	reg, a, err := b.taggedAlarm(r, in.ResourceARN)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	return &listTagsForResourceOutput{Tags: append([]tag{}, a.tags...)}, nil
}
