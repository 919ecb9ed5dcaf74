package s3

import (
	"bytes"
	"context"
	"io"
	"maps"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// PutOption sets a header of the object Put writes.
type PutOption interface{ applyPut(*s3.PutObjectInput) }

type putOptionFunc func(*s3.PutObjectInput)

func (f putOptionFunc) applyPut(in *s3.PutObjectInput) { f(in) }

// ContentType is a PutOption setting the object's Content-Type.
func ContentType(t string) PutOption {
	return putOptionFunc(func(in *s3.PutObjectInput) { in.ContentType = aws.String(t) })
}

// Metadata is a PutOption setting the object's user metadata (sent as
// x-amz-meta-* headers). The map is copied.
func Metadata(m map[string]string) PutOption {
	m = maps.Clone(m)
	return putOptionFunc(func(in *s3.PutObjectInput) { in.Metadata = m })
}

// CacheControl is a PutOption setting the object's Cache-Control.
func CacheControl(v string) PutOption {
	return putOptionFunc(func(in *s3.PutObjectInput) { in.CacheControl = aws.String(v) })
}

// StorageClass is a PutOption choosing the object's storage class
// (STANDARD, STANDARD_IA, GLACIER_IR, ...).
func StorageClass(c string) PutOption {
	return putOptionFunc(func(in *s3.PutObjectInput) { in.StorageClass = types.StorageClass(c) })
}

// ServerSideEncryption is a PutOption asking S3 to encrypt the object at
// rest with the named algorithm (AES256, aws:kms, aws:kms:dsse).
func ServerSideEncryption(alg string) PutOption {
	return putOptionFunc(func(in *s3.PutObjectInput) { in.ServerSideEncryption = types.ServerSideEncryption(alg) })
}

func (k *Key) putInput(body io.Reader, opts []PutOption) *s3.PutObjectInput {
	in := &s3.PutObjectInput{Bucket: aws.String(k.Bucket().Name), Key: aws.String(k.Name), Body: body}
	for _, o := range opts {
		if o != nil {
			o.applyPut(in)
		}
	}
	return in
}

// Put writes body as the object's content in one request (PutObject), up
// to S3's limit of 5 GiB. On success k.ETag is set.
//
// Pass a body that is an io.ReadSeeker (*bytes.Reader, *strings.Reader,
// *os.File) where possible: aws-sdk-go-v2 can then learn its length,
// sign its hash and rewind it to retry. Other readers are sent aws-chunked
// with a trailing checksum, which the SDK does only over HTTPS; over a
// plain-HTTP endpoint it refuses them ("request stream is not seekable").
func (k *Key) Put(ctx context.Context, body io.Reader, opts ...PutOption) error {
	if err := k.check(); err != nil {
		return err
	}
	if body == nil {
		return goboto.Invalid("Body", "nil", "must not be nil; pass http.NoBody or an empty reader for an empty object")
	}
	if err := checkGrants(opts, true); err != nil {
		return err
	}
	out, err := k.client().PutObject(ctx, k.putInput(body, opts))
	if err != nil {
		return core.Error(err)
	}
	k.ETag = aws.ToString(out.ETag)
	return nil
}

// PutBytes is Put with data as the body.
func (k *Key) PutBytes(ctx context.Context, data []byte, opts ...PutOption) error {
	return k.Put(ctx, bytes.NewReader(data), opts...)
}

// PutFile is Put with the contents of the file at path as the body.
func (k *Key) PutFile(ctx context.Context, path string, opts ...PutOption) error {
	if err := k.check(); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return k.Put(ctx, f, opts...)
}
