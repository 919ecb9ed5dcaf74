package s3

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto/internal/core"
)

// Key is a handle on an object in a bucket. Making one does no I/O. Its
// attribute fields are filled in by Head and Get and are zero until then.
type Key struct {
	*Bucket
	Name string

	Size         int64
	ETag         string
	ContentType  string
	LastModified time.Time
	Metadata     map[string]string
	CacheControl string
	StorageClass string
	// SSE is the server-side encryption S3 applied (AES256, aws:kms, ...).
	SSE string
}

// Key returns a handle on the object name in the bucket. It sends no
// request.
func (b *Bucket) Key(name string) *Key { return &Key{Bucket: b, Name: name} }

// String returns "<Key: bucket,name>", as boto prints keys.
func (k *Key) String() string { return "<Key: " + k.Bucket.Name + "," + k.Name + ">" }

// check validates the bucket and key names before a request.
func (k *Key) check() error {
	if err := validBucketName(k.Bucket.Name); err != nil {
		return err
	}
	return validKeyName("Key", k.Name)
}

// Head fetches the object's attributes into k (HeadObject). A missing
// object is an error goboto.IsNotFound matches: S3 answers HEAD with a
// bare 404, which arrives with the code NotFound.
func (k *Key) Head(ctx context.Context) error {
	if err := k.check(); err != nil {
		return err
	}
	out, err := k.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(k.Bucket.Name), Key: aws.String(k.Name)})
	if err != nil {
		return core.Error(err)
	}
	k.setHead(out)
	return nil
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
	_, err := k.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(k.Bucket.Name), Key: aws.String(k.Name)})
	return core.Error(err)
}
