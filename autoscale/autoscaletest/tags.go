package autoscaletest

import (
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// tagOps are the tag operations.
func (b *Backend) tagOps() map[string]op {
	return map[string]op{
		"CreateOrUpdateTags": b.createOrUpdateTags,
		"DeleteTags":         b.deleteTags,
		"DescribeTags":       b.describeTags,
	}
}

type tagsInput struct {
	Tags []tagIn
}

// tagGroup is the group a tag names (ResourceType auto-scaling-group,
// ResourceId its name).
func tagGroup(st *region, t tagIn) (*group, error) {
	if t.ResourceType != "auto-scaling-group" {
		return nil, errValidation("Invalid resource type %q: tags go on auto-scaling-group resources.", t.ResourceType)
	}
	if t.ResourceId == "" {
		return nil, errValidation("1 validation error detected: Value null at 'tags.member.resourceId' failed to satisfy constraint: Member must not be null")
	}
	return findGroup(st, t.ResourceId)
}

// createOrUpdateTags answers CreateOrUpdateTags. All the tags are
// checked before any changes; a group past 50 tags is LimitExceeded.
// Changed tags reach only instances launched later, as in AWS.
func (b *Backend) createOrUpdateTags(r *fake.Request) (any, error) {
	var in tagsInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	after := map[*group]map[string]groupTag{}
	for _, t := range in.Tags {
		g, err := tagGroup(st, t)
		if err != nil {
			return nil, err
		}
		if err := checkTag(t); err != nil {
			return nil, err
		}
		if after[g] == nil {
			after[g] = map[string]groupTag{}
			for k, v := range g.tags {
				after[g][k] = v
			}
		}
		after[g][t.Key] = groupTag{value: t.Value, propagate: deref(t.PropagateAtLaunch)}
		if len(after[g]) > maxTags {
			return nil, errLimitExceeded("The number of tags for AutoScalingGroup %s would exceed the limit of %d.", g.name, maxTags)
		}
	}
	for g, tags := range after {
		g.tags = tags
	}
	return nil, nil
}

// deleteTags answers DeleteTags; a Value given must match the tag's.
func (b *Backend) deleteTags(r *fake.Request) (any, error) {
	var in tagsInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	type del struct {
		g   *group
		key string
	}
	var dels []del
	for _, t := range in.Tags {
		g, err := tagGroup(st, t)
		if err != nil {
			return nil, err
		}
		if t.Key == "" {
			return nil, errValidation("1 validation error detected: Value null at 'tags.member.key' failed to satisfy constraint: Member must not be null")
		}
		if cur, ok := g.tags[t.Key]; ok && (t.Value == "" || cur.value == t.Value) {
			dels = append(dels, del{g, t.Key})
		}
	}
	for _, d := range dels {
		delete(d.g.tags, d.key)
	}
	return nil, nil
}

type describeTagsInput struct {
	Filters    []filter
	NextToken  string
	MaxRecords *int32
}

type describeTagsOutput struct {
	Tags      []tagDescription
	NextToken *string
}

// describeTags answers DescribeTags, by group then key, with the filters
// auto-scaling-group, key, value and propagate-at-launch (API Reference,
// DescribeTags); 50 a page unless MaxRecords (at most 100) says otherwise.
func (b *Backend) describeTags(r *fake.Request) (any, error) {
	var in describeTagsInput
	if err := decodeIn(r, &in); err != nil {
		return nil, err
	}
	for _, f := range in.Filters {
		switch f.Name {
		case "auto-scaling-group", "key", "value", "propagate-at-launch":
		default:
			return nil, errValidation("Filter type %s is not correct. Allowed Filter types are: auto-scaling-group key value propagate-at-launch", f.Name)
		}
	}
	st := b.regions.Get(r.Account(), r.Region)
	st.mu.Lock()
	defer st.mu.Unlock()
	var all []tagDescription
	for _, g := range sortedGroups(st) {
		for _, t := range g.tagList() {
			if matchTag(t, in.Filters) {
				all = append(all, t)
			}
		}
	}
	pg, next, err := page(all, func(t tagDescription) string { return t.ResourceId + "\x00" + t.Key }, in.NextToken, in.MaxRecords, 50, 100)
	if err != nil {
		return nil, err
	}
	return &describeTagsOutput{Tags: orEmptyOf(pg), NextToken: next}, nil
}

func matchTag(t tagDescription, fs []filter) bool {
	for _, f := range fs {
		var v string
		switch f.Name {
		case "auto-scaling-group":
			v = t.ResourceId
		case "key":
			v = t.Key
		case "value":
			v = t.Value
		case "propagate-at-launch":
			v = strings.ToLower(strconvBool(t.PropagateAtLaunch))
		}
		if !slices.Contains(f.Values, v) {
			return false
		}
	}
	return true
}

func strconvBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
