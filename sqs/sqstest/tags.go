package sqstest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goboto/goboto/internal/fake"
)

// maxTags is how many tags a queue may have (Developer Guide, "Amazon
// SQS standard queue quotas", Queue tag: "We don't recommend adding more
// than 50 tags to a queue"; TagQueue refuses more with
// InvalidParameterValue, "Too many tags added for queue", as moto
// answers too).
const maxTags = 50

// checkTags checks tags to add to the queue name that already has the
// tags have, by the Developer Guide's "Amazon SQS standard queue quotas",
// Queue tag: "The maximum tag Key length is 128 Unicode characters ...
// must not be empty"; "The maximum tag Value length is 256 Unicode
// characters ... may be empty"; "Unicode alphanumeric characters in
// UTF-8 and whitespaces. The following special characters are allowed:
// _ . : / = + - @"; "must not include the reserved prefix aws:"; and no
// more than 50 tags in all.
func checkTags(name string, tags map[string]string, have map[string]string) error {
	for _, k := range sortedKeys(tags) {
		v := tags[k]
		if n := utf8.RuneCountInString(k); n < 1 || n > 128 || !tagText(k) || strings.HasPrefix(k, "aws:") {
			return errInvalidValue("Tag key %q is invalid. Reason: must be 1 to 128 letters, digits, spaces or _ . : / = + - @, not starting with aws:.", k)
		}
		if utf8.RuneCountInString(v) > 256 || !tagText(v) || strings.HasPrefix(v, "aws:") {
			return errInvalidValue("Tag value for key %q is invalid. Reason: must be up to 256 letters, digits, spaces or _ . : / = + - @, not starting with aws:.", k)
		}
	}
	total := len(have)
	for k := range tags {
		if _, ok := have[k]; !ok {
			total++
		}
	}
	if total > maxTags {
		return errInvalidValue("Too many tags added for queue %s.", name)
	}
	return nil
}

// tagText reports whether s holds only what a tag may.
func tagText(s string) bool {
	for _, c := range s {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !unicode.IsSpace(c) && !strings.ContainsRune("_.:/=+-@", c) {
			return false
		}
	}
	return true
}

func (b *Backend) tagQueue(r *fake.Request) (any, error) {
	var in struct {
		QueueUrl string
		Tags     map[string]string
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if len(in.Tags) == 0 {
		return nil, errMissing("Tags")
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	if err := checkTags(q.name, in.Tags, q.settings.tags); err != nil {
		return nil, err
	}
	// TagQueue: "A new tag with a key identical to that of an existing
	// tag overwrites the existing tag."
	for k, v := range in.Tags {
		q.settings.tags[k] = v
	}
	return struct{}{}, nil
}

func (b *Backend) untagQueue(r *fake.Request) (any, error) {
	var in struct {
		QueueUrl string
		TagKeys  []string
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if len(in.TagKeys) == 0 {
		return nil, errMissing("TagKeys")
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	// A key the queue does not have is no error (as recorded against AWS
	// in localstack's test_untag_queue_ignores_non_existing_tag).
	for _, k := range in.TagKeys {
		delete(q.settings.tags, k)
	}
	return struct{}{}, nil
}

func (b *Backend) listQueueTags(r *fake.Request) (any, error) {
	var in struct{ QueueUrl string }
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	// A queue without tags answers no Tags member (localstack's
	// test_tag_untag_queue snapshot, get-tag-after-untag).
	out := map[string]any{}
	if len(q.settings.tags) > 0 {
		out["Tags"] = q.settings.tags
	}
	return out, nil
}
