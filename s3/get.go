package s3

import (
	"context"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
	"github.com/goboto/goboto/s3/internal/transfer"
)

func (k *Key) getInput(opts []GetOption) (*s3.GetObjectInput, error) {
	o, err := getOptions(opts)
	if err != nil {
		return nil, err
	}
	in := &s3.GetObjectInput{Bucket: aws.String(k.bucket.Name), Key: aws.String(k.Name)}
	if r := o.Range; r != nil {
		first := strconv.FormatInt(r.Offset, 10)
		if r.Length < 0 {
			in.Range = aws.String("bytes=" + first + "-")
		} else {
			in.Range = aws.String("bytes=" + first + "-" + strconv.FormatInt(r.Offset+r.Length-1, 10))
		}
	}
	for _, h := range []struct {
		dst **string
		v   string
	}{{&in.IfMatch, o.IfMatch}, {&in.IfNoneMatch, o.IfNoneMatch}, {&in.VersionId, o.VersionID}} {
		if h.v != "" {
			*h.dst = aws.String(h.v)
		}
	}
	if !o.IfModifiedSince.IsZero() {
		in.IfModifiedSince = aws.Time(o.IfModifiedSince)
	}
	if !o.IfUnmodifiedSince.IsZero() {
		in.IfUnmodifiedSince = aws.Time(o.IfUnmodifiedSince)
	}
	return in, nil
}

// Get copies the object's content, or the part a Range names, to w
// (GetObject) and returns how many bytes it wrote. It fills in k's
// attributes from the response; with a Range, k.Size is still the size of
// the whole object, as the Content-Range header tells it. A condition that does not hold is a *goboto.APIError with code
// PreconditionFailed (IfMatch, IfUnmodifiedSince) or NotModified
// (IfNoneMatch, IfModifiedSince); IsPreconditionFailed and IsNotModified
// match them.
func (k *Key) Get(ctx context.Context, w io.Writer, opts ...GetOption) (int64, error) {
	if err := k.check(); err != nil {
		return 0, err
	}
	in, err := k.getInput(opts)
	if err != nil {
		return 0, err
	}
	if w == nil {
		return 0, goboto.Invalid("Writer", "nil", "is required")
	}
	out, err := k.client().GetObject(ctx, in)
	if err != nil {
		return 0, core.Error(err)
	}
	defer out.Body.Close()
	k.set(attrs{
		size: objectSize(out.ContentLength, out.ContentRange), etag: out.ETag, contentType: out.ContentType,
		lastModified: out.LastModified, metadata: out.Metadata, cacheControl: out.CacheControl,
		storageClass: string(out.StorageClass), sse: string(out.ServerSideEncryption),
	})
	n, err := io.Copy(w, out.Body)
	if err == nil && out.ContentLength != nil && n != *out.ContentLength {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// objectSize is the whole object's size: the total of a Content-Range
// ("bytes 0-9/1234") when there is one, else the Content-Length.
func objectSize(length *int64, contentRange *string) *int64 {
	cr := aws.ToString(contentRange)
	if i := strings.LastIndexByte(cr, '/'); i >= 0 {
		if n, err := strconv.ParseInt(cr[i+1:], 10, 64); err == nil {
			return &n
		}
	}
	return length
}

// GetFile downloads the object to the file at path (GetObject). It writes
// to a temporary file in the same directory and renames it into place
// only when the whole object has arrived, so a failed download never
// leaves a partial file at path (nor replaces one already there). The
// file keeps the permissions of the one it replaces, or gets 0644.
func (k *Key) GetFile(ctx context.Context, path string, opts ...GetOption) error {
	if err := k.check(); err != nil {
		return err
	}
	if _, err := k.getInput(opts); err != nil {
		return err
	}
	return transfer.WriteFile(path, func(f *os.File) error {
		_, err := k.Get(ctx, f, opts...)
		return err
	})
}

// IsPreconditionFailed reports whether err says a conditional request's
// condition did not hold (PreconditionFailed, HTTP 412).
func IsPreconditionFailed(err error) bool { return hasCode(err, "PreconditionFailed", 412) }

// IsNotModified reports whether err says the object has not changed
// (NotModified, HTTP 304), the answer to IfNoneMatch and IfModifiedSince.
func IsNotModified(err error) bool { return hasCode(err, "NotModified", 304) }
