package s3

import (
	"bytes"
	"context"
	"io"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

func (k *Key) putInput(body io.Reader, o PutOptions) *s3.PutObjectInput {
	in := &s3.PutObjectInput{Bucket: aws.String(k.bucket.Name), Key: aws.String(k.Name), Body: body,
		Metadata: o.Metadata, StorageClass: types.StorageClass(o.StorageClass),
		ServerSideEncryption: types.ServerSideEncryption(o.ServerSideEncryption)}
	if o.ContentType != "" {
		in.ContentType = aws.String(o.ContentType)
	}
	if o.CacheControl != "" {
		in.CacheControl = aws.String(o.CacheControl)
	}
	applyGrants(o.Grants, grantHeaders{full: &in.GrantFullControl, read: &in.GrantRead, readACP: &in.GrantReadACP, writeACP: &in.GrantWriteACP})
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
	o := putOptions(opts)
	if err := o.check(); err != nil {
		return err
	}
	out, err := k.client().PutObject(ctx, k.putInput(body, o))
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
