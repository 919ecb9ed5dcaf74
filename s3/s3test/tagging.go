package s3test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goboto/goboto/internal/fake"
)

// tag is one key-value pair of a TagSet.
type tag struct {
	Key   string
	Value string
}

// taggingXML is a Tagging document, read and written.
type taggingXML struct {
	XMLName xml.Name `xml:"Tagging"`
	NS      string   `xml:"xmlns,attr,omitempty"`
	TagSet  []tag    `xml:"TagSet>Tag"`
}

// Limits of S3 tags (User Guide, "Categorizing your storage using tags"
// and "Using cost allocation S3 bucket tags"): 10 tags an object, 50 a
// bucket, keys up to 128 Unicode characters, values up to 256.
const (
	maxObjectTags  = 10
	maxBucketTags  = 50
	maxTagKeyLen   = 128
	maxTagValueLen = 256
)

func errInvalidTag(msg string) *fake.Error {
	return s3err(http.StatusBadRequest, "InvalidTag", msg)
}

// tagChar reports whether S3 takes c in a tag: letters, digits and white
// space representable in UTF-8, and + - = . _ : / @.
func tagChar(c rune) bool {
	return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.IsSpace(c) || strings.ContainsRune("+-=._:/@", c)
}

// checkTags applies S3's rules to a tag set of at most limit tags. The
// count is BadRequest for objects (S3's answer, "Object tags cannot be
// greater than 10"); every other rule is InvalidTag.
func checkTags(tags []tag, limit int) *fake.Error {
	if len(tags) > limit {
		if limit == maxObjectTags {
			return s3err(http.StatusBadRequest, "BadRequest", "Object tags cannot be greater than 10")
		}
		return errInvalidTag("Bucket tag count cannot be greater than 50")
	}
	seen := map[string]bool{}
	for _, t := range tags {
		switch {
		case t.Key == "" || !utf8.ValidString(t.Key) || strings.IndexFunc(t.Key, func(c rune) bool { return !tagChar(c) }) >= 0:
			return errInvalidTag("The TagKey you have provided is invalid")
		case utf8.RuneCountInString(t.Key) > maxTagKeyLen:
			return errInvalidTag("The TagKey you have provided is too long, max " + strconv.Itoa(maxTagKeyLen))
		case !utf8.ValidString(t.Value) || strings.IndexFunc(t.Value, func(c rune) bool { return !tagChar(c) }) >= 0:
			return errInvalidTag("The TagValue you have provided is invalid")
		case utf8.RuneCountInString(t.Value) > maxTagValueLen:
			return errInvalidTag("The TagValue you have provided is too long, max " + strconv.Itoa(maxTagValueLen))
		case strings.HasPrefix(strings.ToLower(t.Key), "aws:"):
			return errInvalidTag("Your TagKey cannot be prefixed with aws:")
		case seen[t.Key]:
			return errInvalidTag("Cannot provide multiple Tags with the same key")
		}
		seen[t.Key] = true
	}
	return nil
}

// readTagging reads a Tagging document of at most limit tags.
func readTagging(body []byte, limit int) ([]tag, error) {
	var in taggingXML
	if err := xml.Unmarshal(body, &in); err != nil {
		return nil, errMalformedXML()
	}
	if err := checkTags(in.TagSet, limit); err != nil {
		return nil, err
	}
	return in.TagSet, nil
}

// headerTags reads the x-amz-tagging header (or POST tagging field, as
// the header's form): tags as URL query parameters. present is false when
// h has no such header.
func headerTags(h http.Header) (tags []tag, present bool, err error) {
	v, ok := h["X-Amz-Tagging"]
	if !ok || len(v) == 0 {
		return nil, false, nil
	}
	bad := errInvalidArgument("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
		"x-amz-tagging", v[0])
	q, perr := url.ParseQuery(v[0])
	if perr != nil {
		return nil, true, bad
	}
	for _, pair := range strings.Split(v[0], "&") {
		if pair == "" {
			continue
		}
		k, _, _ := strings.Cut(pair, "=")
		k, _ = url.QueryUnescape(k)
		if len(q[k]) > 1 {
			return nil, true, bad
		}
		tags = append(tags, tag{Key: k, Value: q.Get(k)})
	}
	if e := checkTags(tags, maxObjectTags); e != nil {
		return nil, true, e
	}
	return tags, true, nil
}

// setTagCount answers x-amz-tagging-count, which GetObject and HeadObject
// send when the object has tags.
func setTagCount(h http.Header, o *object) {
	if len(o.tags) > 0 {
		h.Set("x-amz-tagging-count", strconv.Itoa(len(o.tags)))
	}
}

// withObjectVersion runs fn under the write lock on the version of t that
// versionId names (the latest when none): fn returns the object's new
// state (nil: unchanged). Objects are never changed in place, so a
// changed version is replaced by a copy. When the bucket is versioned it
// names the version in x-amz-version-id, as S3 does for the object
// subresource calls (tagging, ACL) that use it.
func (b *Backend) withObjectVersion(w http.ResponseWriter, r *fake.Request, t target, fn func(bk *bucket, o *object) (*object, error)) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	bk, err := b.lookupBucket(r, t.bucket)
	if err != nil {
		return err
	}
	o, _, err := bk.findVersion(t.key, r.HTTP.URL.Query().Get("versionId"), r.HTTP.Method)
	if err != nil {
		return err
	}
	c, err := fn(bk, o)
	if err != nil {
		return err
	}
	if c != nil {
		vs := bk.versionsOf(t.key)
		vs[slices.Index(vs, o)] = c
		bk.setVersions(t.key, vs)
	}
	if bk.versioned() {
		w.Header().Set("x-amz-version-id", o.versionID)
	}
	return nil
}

// putObjectTagging serves PutObjectTagging: the tag set replaces the
// object's (or the version's) whole set.
func (b *Backend) putObjectTagging(w http.ResponseWriter, r *fake.Request, t target) error {
	tags, err := readTagging(r.Body, maxObjectTags)
	if err != nil {
		return err
	}
	if err := b.withObjectVersion(w, r, t, func(_ *bucket, o *object) (*object, error) {
		c := *o
		c.tags = tags
		return &c, nil
	}); err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

// getObjectTagging serves GetObjectTagging.
func (b *Backend) getObjectTagging(w http.ResponseWriter, r *fake.Request, t target) error {
	var tags []tag
	if err := b.withObjectVersion(w, r, t, func(_ *bucket, o *object) (*object, error) {
		tags = o.tags
		return nil, nil
	}); err != nil {
		return err
	}
	return writeXML(w, http.StatusOK, taggingXML{NS: namespace, TagSet: tags})
}

// deleteObjectTagging serves DeleteObjectTagging: 204, the object keeps
// no tags.
func (b *Backend) deleteObjectTagging(w http.ResponseWriter, r *fake.Request, t target) error {
	if err := b.withObjectVersion(w, r, t, func(_ *bucket, o *object) (*object, error) {
		if len(o.tags) == 0 {
			return nil, nil
		}
		c := *o
		c.tags = nil
		return &c, nil
	}); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// putBucketTagging serves PutBucketTagging, which answers 204.
func (b *Backend) putBucketTagging(w http.ResponseWriter, r *fake.Request, t target) error {
	tags, err := readTagging(r.Body, maxBucketTags)
	if err != nil {
		return err
	}
	if err := b.configWith(r, t, func(c *bucketConfig) { c.tags = tags }); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// getBucketTagging serves GetBucketTagging: NoSuchTagSet when the bucket
// has no tags.
func (b *Backend) getBucketTagging(w http.ResponseWriter, r *fake.Request, t target) error {
	var tags []tag
	if err := b.configWith(r, t, func(c *bucketConfig) { tags = c.tags }); err != nil {
		return err
	}
	if len(tags) == 0 {
		e := s3err(http.StatusNotFound, "NoSuchTagSet", "The TagSet does not exist")
		e.Extra = map[string]string{"BucketName": t.bucket}
		return e
	}
	return writeXML(w, http.StatusOK, taggingXML{NS: namespace, TagSet: tags})
}

// deleteBucketTagging serves DeleteBucketTagging.
func (b *Backend) deleteBucketTagging(w http.ResponseWriter, r *fake.Request, t target) error {
	if err := b.configWith(r, t, func(c *bucketConfig) { c.tags = nil }); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// copyTags decides a CopyObject's tags by x-amz-tagging-directive: COPY
// (the default) keeps the source's, REPLACE takes x-amz-tagging.
func copyTags(h http.Header, from []tag) ([]tag, error) {
	tags, _, err := headerTags(h)
	if err != nil {
		return nil, err
	}
	switch d := h.Get("X-Amz-Tagging-Directive"); d {
	case "", "COPY":
		return slices.Clone(from), nil
	case "REPLACE":
		return tags, nil
	default:
		return nil, errInvalidArgument("Unknown tagging directive.", "x-amz-tagging-directive", d)
	}
}
