package s3test

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"slices"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// A key's versions, newest first, are its current object (bk.objects,
// which ListObjects and GetObject read) followed by its noncurrent
// versions and delete markers (bk.history). The latest version is in
// bk.objects unless it is a delete marker, so a key whose latest version
// is a delete marker has no current object.
//
// A bucket whose versioning was never set keeps one version of a key, as
// a bucket whose versioning is Suspended keeps one "null" version: a put
// replaces the null version and leaves the others.

const (
	versioningEnabled   = "Enabled"
	versioningSuspended = "Suspended"
	// nullVersion is the version ID of objects stored while versioning
	// was not Enabled.
	nullVersion = "null"
)

// newVersionID returns an opaque, URL-safe, unique version ID.
func newVersionID() string {
	b := make([]byte, 24)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// versionsOf returns key's versions, newest first, in a new slice. The
// lock must be held.
func (bk *bucket) versionsOf(key string) []*object {
	var vs []*object
	if o, ok := bk.objects[key]; ok {
		vs = append(vs, o)
	}
	return append(vs, bk.history[key]...)
}

// setVersions makes vs, newest first, key's versions. The lock must be
// held.
func (bk *bucket) setVersions(key string, vs []*object) {
	delete(bk.objects, key)
	delete(bk.history, key)
	if len(vs) > 0 && !vs[0].deleteMarker {
		bk.objects[key] = vs[0]
		vs = vs[1:]
	}
	if len(vs) > 0 {
		if bk.history == nil {
			bk.history = map[string][]*object{}
		}
		bk.history[key] = vs
	}
}

// withoutNull returns key's versions but the null one, which it releases.
func (bk *bucket) withoutNull(key string) []*object {
	vs := bk.versionsOf(key)
	return slices.DeleteFunc(vs, func(o *object) bool {
		if o.versionID == nullVersion {
			o.body.release()
			return true
		}
		return false
	})
}

// versioned reports whether the bucket's versioning was ever set, so its
// answers carry x-amz-version-id.
func (bk *bucket) versioned() bool { return bk.config.versioning != "" }

// setObject makes o, an object or a delete marker, the latest version of
// its key: a new version when versioning is Enabled, else the null
// version, replacing (and releasing) the old null version. An object
// that asked for no encryption takes the bucket's default. The lock must
// be held.
func (bk *bucket) setObject(o *object) {
	if !o.deleteMarker {
		o.sse = bk.sseFor(o.sse)
	}
	if bk.config.versioning == versioningEnabled {
		o.versionID = newVersionID()
		bk.setVersions(o.key, append([]*object{o}, bk.versionsOf(o.key)...))
		return
	}
	o.versionID = nullVersion
	bk.setVersions(o.key, append([]*object{o}, bk.withoutNull(o.key)...))
}

// deleteLatest is DeleteObject without a version: it removes the object
// of an unversioned bucket, and otherwise makes a delete marker the latest
// version, which it returns. The lock must be held.
func (bk *bucket) deleteLatest(key string, now time.Time) *object {
	if !bk.versioned() {
		bk.setVersions(key, bk.withoutNull(key))
		return nil
	}
	m := &object{key: key, deleteMarker: true, lastModified: now.UTC().Truncate(time.Second)}
	bk.setObject(m)
	return m
}

// deleteVersion removes one version of key for good and returns it, or
// nil when there is no such version. The lock must be held.
func (bk *bucket) deleteVersion(key, id string) *object {
	vs := bk.versionsOf(key)
	i := slices.IndexFunc(vs, func(o *object) bool { return o.versionID == id })
	if i < 0 {
		return nil
	}
	gone := vs[i]
	gone.body.release()
	bk.setVersions(key, slices.Delete(vs, i, i+1))
	return gone
}

func errNoSuchVersion(key, id string) *fake.Error {
	e := s3err(http.StatusNotFound, "NoSuchVersion", "The specified version does not exist.")
	e.Extra = map[string]string{"Key": key, "VersionId": id}
	return e
}

// errDeleteMarker is a delete marker asked for by version ID.
func errDeleteMarker(method string) *fake.Error {
	e := s3err(http.StatusMethodNotAllowed, "MethodNotAllowed", "The specified method is not allowed against this resource.")
	e.Extra = map[string]string{"Method": method, "ResourceType": "DeleteMarker"}
	return e
}

// findVersion returns version id of key ("" for the latest): the object,
// or the delete marker that stands in its place with the error to answer.
// The lock must be held.
func (bk *bucket) findVersion(key, id, method string) (o, marker *object, err error) {
	if id == "" {
		if o, ok := bk.objects[key]; ok {
			return o, nil, nil
		}
		if h := bk.history[key]; len(h) > 0 && h[0].deleteMarker {
			return nil, h[0], errNoSuchKey(key)
		}
		return nil, nil, errNoSuchKey(key)
	}
	for _, v := range bk.versionsOf(key) {
		if v.versionID != id {
			continue
		}
		if v.deleteMarker {
			return nil, v, errDeleteMarker(method)
		}
		return v, nil, nil
	}
	return nil, nil, errNoSuchVersion(key, id)
}

// getVersion returns version id ("" for the latest) of bucket/key for
// reading, with a reference to its body the caller must release. When a
// delete marker is in the way it is returned too, so the answer can say
// so. Only the owner may read it this way; readVersion (access.go) lets
// others read what the bucket grants them.
func (b *Backend) getVersion(r *fake.Request, bucketName, key, id string) (o, marker *object, versioned bool, err error) {
	return b.readVersion(r, bucketName, key, id, "")
}

// markerHeaders says that a delete marker answered in place of an object.
func markerHeaders(h http.Header, m *object, lastModified bool) {
	h.Set("x-amz-delete-marker", "true")
	h.Set("x-amz-version-id", m.versionID)
	if lastModified {
		h.Set("Last-Modified", m.lastModified.Format(http.TimeFormat))
	}
}
