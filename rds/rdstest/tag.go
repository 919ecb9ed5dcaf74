package rdstest

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/goboto/goboto/internal/fake"
)

// Tag limits, from RDS's API reference (Tag) and the RDS User Guide
// ("Tagging Amazon RDS resources"): at most 50 tags a resource, keys of 1
// to 128 Unicode characters and values of 0 to 256, neither starting with
// aws: or rds:, drawn from letters, digits, white space and _.:/=+-@.
const (
	maxTags        = 50
	maxTagKeyLen   = 128
	maxTagValueLen = 256
)

var tagPattern = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// tag is one key and value; a resource keeps its tags in the order their
// keys were first set.
type tag struct{ key, value string }

type tagXML struct {
	Key   string
	Value string
}

// tagList is a resource's tags.
type tagList []tag

func (ts tagList) xml() []tagXML {
	out := make([]tagXML, len(ts))
	for i, t := range ts {
		out[i] = tagXML{t.key, t.value}
	}
	return out
}

// merge returns ts with add set over it: a key ts has keeps its place and
// takes the new value.
func (ts tagList) merge(add tagList) tagList {
	out := slices.Clone(ts)
	for _, t := range add {
		if i := slices.IndexFunc(out, func(o tag) bool { return o.key == t.key }); i >= 0 {
			out[i].value = t.value
		} else {
			out = append(out, t)
		}
	}
	return out
}

// without returns ts less the tags with the given keys.
func (ts tagList) without(keys []string) tagList {
	return slices.DeleteFunc(slices.Clone(ts), func(t tag) bool { return slices.Contains(keys, t.key) })
}

// checkTagText applies RDS's rules for a tag key, or with value set a
// tag value, to s.
func checkTagText(what, s string, max int, value bool) error {
	n := utf8.RuneCountInString(s)
	switch lower := strings.ToLower(s); {
	case !utf8.ValidString(s):
		return invalidValue("The tag %s is not valid UTF-8.", what)
	case !value && n == 0:
		return invalidValue("Tag keys must be between 1 and %d characters in length.", max)
	case n > max:
		return invalidValue("Tag %s %q is longer than %d characters.", what, s, max)
	case strings.HasPrefix(lower, "aws:"), strings.HasPrefix(lower, "rds:"):
		return invalidValue("Tag %s %q cannot start with aws: or rds:, which are reserved.", what, s)
	case !tagPattern.MatchString(s):
		return invalidValue("Tag %s %q may contain only Unicode letters, digits, white space and _.:/=+-@.", what, s)
	}
	return nil
}

// readTags reads a request's Tags.Tag.N.Key and .Value, checking them.
// The limit of 50 is checked where the tags land, against what the
// resource already has.
func readTags(r *fake.Request) (tagList, error) {
	var out tagList
	for _, v := range indexed(r.Params, "Tags") {
		t := tag{key: v.Get("Key"), value: v.Get("Value")}
		if err := checkTagText("key", t.key, maxTagKeyLen, false); err != nil {
			return nil, err
		}
		if err := checkTagText("value", t.value, maxTagValueLen, true); err != nil {
			return nil, err
		}
		out = out.merge(tagList{t})
	}
	return out, checkTagCount(out)
}

func checkTagCount(ts tagList) error {
	if len(ts) > maxTags {
		return invalidValue("A resource can have at most %d tags; the request would give it %d.", maxTags, len(ts))
	}
	return nil
}

func (b *Backend) tagActions() map[string]action {
	return map[string]action{
		"AddTagsToResource":      b.addTagsToResource,
		"ListTagsForResource":    b.listTagsForResource,
		"RemoveTagsFromResource": b.removeTagsFromResource,
	}
}

// tagged finds the resource an ARN names and returns a pointer to its
// tags. RDS takes only ARNs here, of the caller's account and the
// request's region.
func (b *Backend) tagged(a *account, arn string) (*tagList, error) {
	parts := strings.SplitN(arn, ":", 7)
	if len(parts) != 7 || parts[0] != "arn" || parts[2] != "rds" || parts[6] == "" {
		return nil, invalidValue("The specified resource name does not match an RDS resource in this region: %s", arn)
	}
	kind, name := parts[5], parts[6]
	// Another account's or region's resource is not the caller's to tag;
	// RDS answers that it cannot find it.
	foreign := parts[3] != a.region || parts[4] != a.id
	switch kind {
	case "db":
		if inst, ok := a.instances[strings.ToLower(name)]; ok && !foreign {
			return &inst.tags, nil
		}
		return nil, notFound(CodeDBInstanceNotFound, "DBInstance %s not found.", name)
	case "snapshot":
		if s, ok := a.snapshots[strings.ToLower(name)]; ok && !foreign {
			return &s.tags, nil
		}
		return nil, snapshotNotFound(name)
	case "pg":
		if g, ok := a.paramGroups[strings.ToLower(name)]; ok && !foreign {
			return &g.tags, nil
		}
		return nil, notFound(CodeDBParameterGroupNotFound, "DBParameterGroup not found: %s", name)
	case "secgrp":
		if g, ok := a.secGroups[strings.ToLower(name)]; ok && !foreign {
			return &g.tags, nil
		}
		return nil, notFound(CodeDBSecurityGroupNotFound, "DBSecurityGroup %s not found.", name)
	case "subgrp":
		if g, ok := a.subnetGroups[strings.ToLower(name)]; ok && !foreign {
			return &g.tags, nil
		}
		return nil, subnetGroupNotFound(name)
	case "cluster":
		return nil, notFound(CodeDBClusterNotFound, "DBCluster %s not found.", name)
	}
	return nil, invalidCombination("The fake does not implement tags on RDS resources of type %s (%s).", kind, arn)
}

func (b *Backend) addTagsToResource(r *fake.Request, a *account) (any, error) {
	arn, err := required(r.Params, "ResourceName")
	if err != nil {
		return nil, err
	}
	add, err := readTags(r)
	if err != nil {
		return nil, err
	}
	if len(add) == 0 {
		return nil, missing("Tags")
	}
	ts, err := b.tagged(a, arn)
	if err != nil {
		return nil, err
	}
	next := ts.merge(add)
	if err := checkTagCount(next); err != nil {
		return nil, err
	}
	*ts = next
	return done(nil)
}

func (b *Backend) removeTagsFromResource(r *fake.Request, a *account) (any, error) {
	arn, err := required(r.Params, "ResourceName")
	if err != nil {
		return nil, err
	}
	keys := strList(r.Params, "TagKeys")
	if len(keys) == 0 {
		return nil, missing("TagKeys")
	}
	ts, err := b.tagged(a, arn)
	if err != nil {
		return nil, err
	}
	*ts = ts.without(keys)
	return done(nil)
}

func (b *Backend) listTagsForResource(r *fake.Request, a *account) (any, error) {
	arn, err := required(r.Params, "ResourceName")
	if err != nil {
		return nil, err
	}
	ts, err := b.tagged(a, arn)
	if err != nil {
		return nil, err
	}
	return done(struct {
		TagList []tagXML `xml:"TagList>Tag"`
	}{ts.xml()})
}
