package s3

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto"

	"github.com/goboto/goboto/internal/core"
)

// Key is a handle on an object in a bucket. Making one does no I/O. Its
// attribute fields are the last answer seen: filled in by Refresh, Get or
// a listing (Bucket.Keys), and zero until then.
type Key struct {
	bucket *Bucket
	Name   string

	Size         int64
	ETag         string
	ContentType  string
	LastModified time.Time
	Metadata     map[string]string
	CacheControl string
	StorageClass string
	// SSE is the server-side encryption S3 applied (AES256, aws:kms, ...).
	SSE string
	// Owner is the object's owner, as a key listing with FetchOwner
	// tells it.
	Owner Owner
	// IsPrefix marks a common prefix of a key listing with a Delimiter:
	// Name is the prefix and names no object.
	IsPrefix bool
}

// Key returns a handle on the object name in the bucket. It sends no
// request.
func (b *Bucket) Key(name string) *Key { return &Key{bucket: b, Name: name} }

// Bucket returns the bucket the key is in; nil for a Key not made by
// Bucket.Key.
func (k *Key) Bucket() *Bucket {
	if k == nil {
		return nil
	}
	return k.bucket
}

// Conn returns the connection of the key's bucket.
func (k *Key) Conn() *Conn { return k.Bucket().Conn() }

// String returns "<Key: bucket,name>", as boto prints keys.
func (k *Key) String() string {
	if k == nil {
		return "<Key: ,>"
	}
	bucket := ""
	if k.bucket != nil {
		bucket = k.bucket.Name
	}
	return "<Key: " + bucket + "," + k.Name + ">"
}

// check validates the bucket and key names, then that the handle has a
// connection, before a request.
func (k *Key) check() error {
	if k == nil {
		return goboto.Invalid("Key", "nil", "is required")
	}
	if k.bucket == nil {
		return goboto.Invalid("Bucket", "", "is required; make keys with Bucket.Key")
	}
	if err := validBucketName(k.bucket.Name); err != nil {
		return err
	}
	if err := validKeyName("Key", k.Name); err != nil {
		return err
	}
	return k.bucket.conn.ready()
}

// client is the connection's aws-sdk-go-v2 client; check has made sure
// there is one.
func (k *Key) client() *s3.Client { return k.bucket.conn.client }

// Refresh fetches the object's attributes into k (HeadObject). A missing
// object is a *goboto.APIError with code NoSuchKey, the HEAD's status
// (404) and request ID, for which goboto.IsNotFound is true.
func (k *Key) Refresh(ctx context.Context) error {
	if err := k.check(); err != nil {
		return err
	}
	out, err := k.client().HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(k.bucket.Name), Key: aws.String(k.Name)})
	if err != nil {
		return headError(err, "NoSuchKey", "The specified key does not exist.")
	}
	k.setHead(out)
	return nil
}

// Exists reports whether the object exists (HeadObject). A missing object
// is (false, nil); a missing bucket is false too, since a HEAD's bare 404
// does not tell the two apart.
func (k *Key) Exists(ctx context.Context) (bool, error) {
	err := k.Refresh(ctx)
	if err == nil {
		return true, nil
	}
	if goboto.IsNotFound(err) {
		return false, nil
	}
	return false, err
}

// headError converts a HeadObject or HeadBucket error. S3 answers a
// missing bucket or object with a bare 404: HEAD answers carry no body,
// so the code (aws-sdk-go-v2 says NotFound) comes from the status.
func headError(err error, code, message string) error {
	err = core.Error(err)
	var ae *goboto.APIError
	if errors.As(err, &ae) && ae.StatusCode == http.StatusNotFound {
		out := *ae
		out.Code, out.Message = code, message
		return &out
	}
	return err
}

// setHead fills in k from a HeadObject answer.
func (k *Key) setHead(out *s3.HeadObjectOutput) {
	k.set(attrs{
		size: out.ContentLength, etag: out.ETag, contentType: out.ContentType,
		lastModified: out.LastModified, metadata: out.Metadata, cacheControl: out.CacheControl,
		storageClass: string(out.StorageClass), sse: string(out.ServerSideEncryption),
	})
}

// attrs are the object attributes HeadObject and GetObject both answer.
type attrs struct {
	size                            *int64
	etag, contentType, cacheControl *string
	lastModified                    *time.Time
	metadata                        map[string]string
	storageClass, sse               string
}

func (k *Key) set(a attrs) {
	k.Size = aws.ToInt64(a.size)
	k.ETag = aws.ToString(a.etag)
	k.ContentType = aws.ToString(a.contentType)
	k.LastModified = aws.ToTime(a.lastModified)
	k.Metadata = a.metadata
	k.CacheControl = aws.ToString(a.cacheControl)
	k.StorageClass = a.storageClass
	k.SSE = a.sse
}

// Delete deletes the object (DeleteObject). Deleting a key that does not
// exist succeeds, as it does in S3.
func (k *Key) Delete(ctx context.Context) error {
	if err := k.check(); err != nil {
		return err
	}
	_, err := k.client().DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(k.Bucket().Name), Key: aws.String(k.Name)})
	return core.Error(err)
}
