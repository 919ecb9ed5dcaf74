package s3store

import (
	"bytes"
	"context"
	"iter"
	"strings"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/sqs"
)

// Archive returns a sqs.Archive that keeps each record as the object
// <prefix>/<name> in bucket (PutObject, ListObjectsV2, GetObject), for
// Queue.Dump and Queue.Restore. "dumps/work" and "dumps/work/" are the
// same archive; "" is the bucket's top level.
func Archive(bucket *s3.Bucket, prefix string) sqs.Archive {
	return &archive{bucket: bucket, prefix: normalPrefix(prefix)}
}

type archive struct {
	bucket *s3.Bucket
	prefix string
}

func (a *archive) key(name string) (*s3.Key, error) {
	if a.bucket == nil {
		return nil, goboto.Invalid("Bucket", "", "is nil")
	}
	if name == "" || strings.Contains(name, "/") {
		return nil, goboto.Invalid("Record", name, "must be a name without /")
	}
	return a.bucket.Key(a.prefix + name), nil
}

func (a *archive) Save(ctx context.Context, name string, record []byte) error {
	k, err := a.key(name)
	if err != nil {
		return err
	}
	return k.PutBytes(ctx, record, s3.ContentType("application/json"))
}

// Names lists the archive's .json objects; S3 lists keys in byte order.
func (a *archive) Names(ctx context.Context) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		if a.bucket == nil {
			yield("", goboto.Invalid("Bucket", "", "is nil"))
			return
		}
		opts := []s3.ListOption{s3.Delimiter("/")}
		if a.prefix != "" {
			opts = append(opts, s3.Prefix(a.prefix))
		}
		for k, err := range a.bucket.Keys(ctx, opts...) {
			if err != nil {
				yield("", err)
				return
			}
			if k.IsPrefix || !strings.HasSuffix(k.Name, ".json") {
				continue
			}
			if !yield(strings.TrimPrefix(k.Name, a.prefix), nil) {
				return
			}
		}
	}
}

func (a *archive) Load(ctx context.Context, name string) ([]byte, error) {
	k, err := a.key(name)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := k.Get(ctx, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
