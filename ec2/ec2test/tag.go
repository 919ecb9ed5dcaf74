package ec2test

import (
	"encoding/xml"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// tagItem is one element of a tagSet.
type tagItem struct {
	Key   string `xml:"key"`
	Value string `xml:"value"`
}

// tagSet renders tags sorted by key.
func tagSet(tags map[string]string) []tagItem {
	out := []tagItem{}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out = append(out, tagItem{k, tags[k]})
	}
	return out
}

func cloneTags(tags map[string]string) map[string]string {
	if len(tags) == 0 {
		return nil
	}
	return maps.Clone(tags)
}

// setTags adds tags to a resource. The compute lock must be held.
func (st *computeStore) setTags(id string, tags map[string]string) {
	if len(tags) == 0 {
		return
	}
	if st.tags[id] == nil {
		st.tags[id] = map[string]string{}
	}
	maps.Copy(st.tags[id], tags)
}

// dropTags removes the tags of the deleted resource id in region, in
// every account: a shared snapshot or image carries each account's own
// tags. The compute lock must be held; a network handler, which holds its
// scope's lock instead, calls dropNetTags after unlocking.
func (c *computeState) dropTags(region, id string) {
	c.stores.Each(func(_, reg string, st *computeStore) {
		if reg == region {
			delete(st.tags, id)
		}
	})
}

// tagMatch answers the tag:<key> and tag-key filters; other names return
// ok false.
func tagMatch(tags map[string]string, f filter) (matched, ok bool) {
	switch {
	case f.name == "tag-key":
		for k := range tags {
			if slices.ContainsFunc(f.values, func(p string) bool { return wildcard(p, k) }) {
				return true, true
			}
		}
		return false, true
	case strings.HasPrefix(f.name, "tag:"):
		v, has := tags[strings.TrimPrefix(f.name, "tag:")]
		return has && slices.ContainsFunc(f.values, func(p string) bool { return wildcard(p, v) }), true
	case f.name == "tag-value":
		for _, v := range tags {
			if slices.ContainsFunc(f.values, func(p string) bool { return wildcard(p, v) }) {
				return true, true
			}
		}
		return false, true
	}
	return false, false
}

// resourceFilters reads Filter.N for a Describe action: the names in known
// plus tag:<key>, tag-key and tag-value.
func resourceFilters(params url.Values, known ...string) ([]filter, error) {
	var tagNames []string
	for _, f := range structs(params, "Filter") {
		if n := f.Get("Name"); strings.HasPrefix(n, "tag:") {
			tagNames = append(tagNames, n)
		}
	}
	return filters(params, append(append(known, "tag-key", "tag-value"), tagNames...)...)
}

// matchResource reports whether every filter matches a resource with tags
// whose other fields field returns. field may return several values
// (multi-valued fields such as attachment.instance-id), any of which may
// match.
func matchResource(fs []filter, tags map[string]string, field func(name string) []string) bool {
	for _, f := range fs {
		if m, ok := tagMatch(tags, f); ok {
			if !m {
				return false
			}
			continue
		}
		hit := false
		for _, v := range field(f.name) {
			if slices.ContainsFunc(f.values, func(p string) bool { return wildcard(p, v) }) {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// tagSpecs reads TagSpecification.N.ResourceType and .Tag.M.Key/Value,
// returning the tags meant for resourceType.
func tagSpecs(params url.Values, resourceType string) map[string]string {
	var out map[string]string
	for _, spec := range structs(params, "TagSpecification") {
		if spec.Get("ResourceType") != resourceType {
			continue
		}
		for _, t := range structs(spec, "Tag") {
			if out == nil {
				out = map[string]string{}
			}
			out[t.Get("Key")] = t.Get("Value")
		}
	}
	return out
}

// resourceType names a resource by its ID's prefix, as DescribeTags does.
func resourceType(id string) string {
	prefix, _, _ := strings.Cut(id, "-")
	switch prefix {
	case "i":
		return "instance"
	case "vol":
		return "volume"
	case "snap":
		return "snapshot"
	case "ami":
		return "image"
	case "sg":
		return "security-group"
	case "eipalloc":
		return "elastic-ip"
	case "key":
		return "key-pair"
	case "r":
		return "reservation"
	}
	return prefix
}

// createTags answers CreateTags: ResourceId.N, Tag.N.Key, Tag.N.Value.
// Every resource must exist (checkTagTargets); netErrs holds the answers
// for network resources, looked up before the compute lock was taken.
func (s *Backend) createTags(w http.ResponseWriter, r *fake.Request, netErrs map[string]error) error {
	ids := list(r.Params, "ResourceId")
	if len(ids) == 0 {
		return missing("ResourceId")
	}
	tags := map[string]string{}
	for _, t := range structs(r.Params, "Tag") {
		k := t.Get("Key")
		if k == "" {
			return invalidValue("Tag key must not be empty")
		}
		// A service acting for the account (AutoScaling tagging an
		// attached instance) may use aws: keys; users may not.
		if !r.Internal && strings.HasPrefix(strings.ToLower(k), "aws:") {
			return invalidValue("Tag keys starting with 'aws:' are reserved for internal use")
		}
		tags[k] = t.Get("Value")
	}
	if len(tags) == 0 {
		return missing("Tag")
	}
	if err := s.checkTagTargets(r, ids, netErrs); err != nil {
		return err
	}
	st := s.store(r)
	for _, id := range ids {
		if len(st.tags[id])+len(tags) > 50 {
			merged := maps.Clone(st.tags[id])
			maps.Copy(merged, tags)
			if len(merged) > 50 {
				return ec2Error("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.")
			}
		}
	}
	for _, id := range ids {
		st.setTags(id, tags)
	}
	return writeReturn(w, r)
}

// deleteTags answers DeleteTags: Tag.N.Key removes the key; with
// Tag.N.Value only when the value matches. No Tag removes every tag. The
// resources must exist, as for CreateTags.
func (s *Backend) deleteTags(w http.ResponseWriter, r *fake.Request, netErrs map[string]error) error {
	ids := list(r.Params, "ResourceId")
	if len(ids) == 0 {
		return missing("ResourceId")
	}
	if err := s.checkTagTargets(r, ids, netErrs); err != nil {
		return err
	}
	st := s.store(r)
	specs := structs(r.Params, "Tag")
	for _, id := range ids {
		if len(specs) == 0 {
			delete(st.tags, id)
			continue
		}
		for _, t := range specs {
			v, has := st.tags[id][t.Get("Key")]
			if has && (!t.Has("Value") || t.Get("Value") == v) {
				delete(st.tags[id], t.Get("Key"))
			}
		}
		if len(st.tags[id]) == 0 {
			delete(st.tags, id)
		}
	}
	return writeReturn(w, r)
}

type tagDescription struct {
	ResourceID   string `xml:"resourceId"`
	ResourceType string `xml:"resourceType"`
	Key          string `xml:"key"`
	Value        string `xml:"value"`
}

type describeTagsResponse struct {
	XMLName   xml.Name         `xml:"DescribeTagsResponse"`
	Xmlns     string           `xml:"xmlns,attr"`
	RequestID string           `xml:"requestId"`
	Tags      []tagDescription `xml:"tagSet>item"`
	NextToken string           `xml:"nextToken,omitempty"`
}

// describeTags answers DescribeTags with filters key, value, resource-id,
// resource-type, tag:<key>, and MaxResults 5..1000 paging.
func (s *Backend) describeTags(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, "key", "value", "resource-id", "resource-type")
	if err != nil {
		return err
	}
	st := s.store(r)
	var all []tagDescription
	for _, id := range slices.Sorted(maps.Keys(st.tags)) {
		tags := st.tags[id]
		for _, k := range slices.Sorted(maps.Keys(tags)) {
			d := tagDescription{ResourceID: id, ResourceType: resourceType(id), Key: k, Value: tags[k]}
			ok := matchResource(fs, tags, func(name string) []string {
				switch name {
				case "key":
					return []string{d.Key}
				case "value":
					return []string{d.Value}
				case "resource-id":
					return []string{d.ResourceID}
				}
				return []string{d.ResourceType}
			})
			if ok {
				all = append(all, d)
			}
		}
	}
	items, next, err := page(r.Params, all, 5, 1000)
	if err != nil {
		return err
	}
	return fake.WriteXML(w, http.StatusOK, describeTagsResponse{
		Xmlns: responseNamespace(r), RequestID: r.RequestID, Tags: items, NextToken: next,
	})
}
