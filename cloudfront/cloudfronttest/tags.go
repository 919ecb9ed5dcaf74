package cloudfronttest

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/goboto/goboto/internal/fake"
)

func init() {
	handlers["TagResource"] = (*Backend).tagResource
	handlers["UntagResource"] = (*Backend).untagResource
	handlers["ListTagsForResource"] = (*Backend).listTags
}

// Tag rules of the model's TagKey and TagValue shapes (1-128 and 0-256
// characters of letters, digits, spaces and _ . : / = + - @) and
// CloudFront Developer Guide, "Tagging Amazon CloudFront distributions":
// at most 50 tags per distribution.
var tagChars = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

const maxTags = 50

func errInvalidTagging(format string, args ...any) *fake.Error {
	return cferr(http.StatusBadRequest, "InvalidTagging", format, args...)
}

// checkTags checks a Tags element's items.
func checkTags(items []*node) *fake.Error {
	if len(items) > maxTags {
		return errInvalidTagging("A resource may have at most %d tags.", maxTags)
	}
	seen := map[string]bool{}
	for _, t := range items {
		k, v := t.str("Key"), t.str("Value")
		if n := utf8.RuneCountInString(k); n < 1 || n > 128 || !tagChars.MatchString(k) {
			return errInvalidTagging("The tag key %q is not valid.", k)
		}
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			return errInvalidTagging("The tag key %q uses the reserved prefix aws:.", k)
		}
		if utf8.RuneCountInString(v) > 256 || !tagChars.MatchString(v) {
			return errInvalidTagging("The tag value %q is not valid.", v)
		}
		if seen[k] {
			return errInvalidTagging("The tag key %q appears twice.", k)
		}
		seen[k] = true
	}
	return nil
}

// taggedLocked returns the distribution or streaming distribution of
// acct whose ARN is arn; b.mu is held. CloudFront tags only these
// (Developer Guide, "Tagging"): any other ARN is NoSuchResource.
func (b *Backend) taggedLocked(acct, arn string) (*distribution, *fake.Error) {
	if a := b.accounts[acct]; a != nil {
		for _, d := range append(slices.Clip(a.dists), a.streams...) {
			if d.arn == arn {
				return d, nil
			}
		}
	}
	if !strings.HasPrefix(arn, "arn:aws:cloudfront::") {
		return nil, errInvalidTagging("The resource %q is not a CloudFront ARN.", arn)
	}
	return nil, cferr(http.StatusNotFound, "NoSuchResource", "The resource %s does not exist.", arn)
}

// tagResource serves TagResource: the tags are added, replacing the
// values of keys the resource has.
func (b *Backend) tagResource(c *call) (*answer, error) {
	doc, err := parseDoc(c.Body, "Tags")
	if err != nil {
		return nil, err
	}
	if err := check(doc, "Tags", "Tags"); err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.taggedLocked(c.Account(), c.HTTP.URL.Query().Get("Resource"))
	if e != nil {
		return nil, e
	}
	merged := d.tags.clone()
	if merged.child("Items") == nil {
		merged.kids = append(merged.kids, el("Items"))
	}
	list := merged.child("Items")
	for _, t := range doc.items("Items") {
		i := slices.IndexFunc(list.kids, func(x *node) bool { return x.str("Key") == t.str("Key") })
		if i >= 0 {
			list.kids[i] = t
		} else {
			list.kids = append(list.kids, t)
		}
	}
	if e := checkTags(list.kids); e != nil {
		return nil, e
	}
	d.tags = merged
	return &answer{status: http.StatusNoContent}, nil
}

// untagResource serves UntagResource: the keys are removed; keys the
// resource does not have are ignored, as CloudFront does.
func (b *Backend) untagResource(c *call) (*answer, error) {
	doc, err := parseDoc(c.Body, "TagKeys")
	if err != nil {
		return nil, err
	}
	if err := check(doc, "TagKeys", "TagKeys"); err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.taggedLocked(c.Account(), c.HTTP.URL.Query().Get("Resource"))
	if e != nil {
		return nil, e
	}
	drop := map[string]bool{}
	for _, k := range doc.items("Items") {
		drop[k.text] = true
	}
	kept := el("Items")
	for _, t := range d.tags.items("Items") {
		if !drop[t.str("Key")] {
			kept.kids = append(kept.kids, t)
		}
	}
	d.tags = el("Tags", kept)
	return &answer{status: http.StatusNoContent}, nil
}

// listTags serves ListTagsForResource.
func (b *Backend) listTags(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.taggedLocked(c.Account(), c.HTTP.URL.Query().Get("Resource"))
	if e != nil {
		return nil, e
	}
	return &answer{doc: d.tags.clone()}, nil
}
