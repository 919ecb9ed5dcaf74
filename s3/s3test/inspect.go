package s3test

import (
	"fmt"
	"maps"
	"net/http"
	"sort"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// BucketInfo describes a bucket for tests.
type BucketInfo struct {
	Name, Owner, Region string
	Created             time.Time
}

// ObjectInfo describes a stored object for tests.
type ObjectInfo struct {
	Key          string
	Data         []byte
	ETag         string // quoted, as S3 sends it
	LastModified time.Time
	ContentType  string
	Metadata     map[string]string // x-amz-meta-* without the prefix, names lower-cased
	StorageClass string
	Checksums    map[string]string // "x-amz-checksum-crc32" -> base64
}

// CreateBucket seeds a bucket owned by account (fake.TestAccountID when
// empty) in region (us-east-1 when empty), created at the Backend's clock
// (SetClock). It fails if the name is invalid or taken.
func (b *Backend) CreateBucket(account, region, name string) error {
	if account == "" {
		account = fake.TestAccountID
	}
	if region == "" {
		region = "us-east-1"
	}
	if !validBucketName(name) {
		return errInvalidBucketName(name)
	}
	created := b.clock().UTC().Truncate(time.Millisecond)
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.buckets[name]; ok {
		return fmt.Errorf("s3test: bucket %q exists", name)
	}
	b.buckets[name] = &bucket{name: name, owner: account, region: region,
		created: created, objects: map[string]*object{}, uploads: map[string]*upload{}}
	return nil
}

// PutObject seeds an object with data, last modified at the Backend's
// clock (SetClock); header may set Content-Type, x-amz-meta-* and the
// other stored headers (nil for none).
func (b *Backend) PutObject(bucketName, key string, data []byte, header http.Header) error {
	if header == nil {
		header = http.Header{}
	}
	bw, err := b.store.create(int64(len(data)))
	if err != nil {
		return err
	}
	if _, err := bw.Write(data); err != nil {
		bw.abort()
		return err
	}
	body, err := bw.commit()
	if err != nil {
		return err
	}
	o := newObject(key, header, b.clock())
	sum := b.etagHash() // as for a PUT, so equal bytes give equal ETags
	sum.Write(data)
	o.body, o.etag = body, quotedMD5(sum.Sum(nil))
	b.mu.Lock()
	defer b.mu.Unlock()
	bk, ok := b.buckets[bucketName]
	if !ok {
		body.release()
		return errNoSuchBucket(bucketName)
	}
	bk.setObject(o)
	return nil
}

// Object returns the object at bucket/key, its bytes read into Data.
func (b *Backend) Object(bucketName, key string) (ObjectInfo, bool) {
	b.mu.RLock()
	bk, ok := b.buckets[bucketName]
	var o *object
	if ok {
		o, ok = bk.objects[key]
	}
	if ok {
		o.body.retain()
	}
	b.mu.RUnlock()
	if !ok {
		return ObjectInfo{}, false
	}
	defer o.body.release()
	data, err := o.body.bytes()
	if err != nil {
		return ObjectInfo{}, false
	}
	meta := map[string]string{}
	for k, v := range o.header {
		if name, ok := cutMeta(k); ok && len(v) > 0 {
			meta[name] = v[0]
		}
	}
	return ObjectInfo{Key: o.key, Data: data, ETag: o.etag, LastModified: o.lastModified,
		ContentType: o.header.Get("Content-Type"), Metadata: meta, StorageClass: o.storageClass,
		Checksums: maps.Clone(o.checksums)}, true
}

// Buckets returns every bucket of every account, by name.
func (b *Backend) Buckets() []BucketInfo {
	b.mu.RLock()
	out := make([]BucketInfo, 0, len(b.buckets))
	for _, bk := range b.buckets {
		out = append(out, BucketInfo{bk.name, bk.owner, bk.region, bk.created})
	}
	b.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
