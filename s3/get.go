package s3

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// GetOption narrows or conditions a Get.
type GetOption interface {
	applyGet(*s3.GetObjectInput) error
}

type getOptionFunc func(*s3.GetObjectInput) error

func (f getOptionFunc) applyGet(in *s3.GetObjectInput) error { return f(in) }

// Range is a GetOption fetching n bytes starting at byte off (an HTTP
// Range header). n < 0 means to the end of the object.
func Range(off, n int64) GetOption {
	return getOptionFunc(func(in *s3.GetObjectInput) error {
		switch {
		case off < 0:
			return goboto.Invalid("Range", strconv.FormatInt(off, 10), "offset must not be negative")
		case n == 0:
			return goboto.Invalid("Range", "0", "length must not be zero")
		case n < 0:
			in.Range = aws.String("bytes=" + strconv.FormatInt(off, 10) + "-")
		default:
			in.Range = aws.String("bytes=" + strconv.FormatInt(off, 10) + "-" + strconv.FormatInt(off+n-1, 10))
		}
		return nil
	})
}

// IfMatch is a GetOption making Get fail with code PreconditionFailed
// (HTTP 412) unless the object's ETag is etag.
func IfMatch(etag string) GetOption {
	return getOptionFunc(func(in *s3.GetObjectInput) error { in.IfMatch = aws.String(etag); return nil })
}

// IfNoneMatch is a GetOption making Get fail with code NotModified (HTTP
// 304) when the object's ETag is etag.
func IfNoneMatch(etag string) GetOption {
	return getOptionFunc(func(in *s3.GetObjectInput) error { in.IfNoneMatch = aws.String(etag); return nil })
}

// IfModifiedSince is a GetOption making Get fail with code NotModified
// (HTTP 304) unless the object changed after t.
func IfModifiedSince(t time.Time) GetOption {
	return getOptionFunc(func(in *s3.GetObjectInput) error { in.IfModifiedSince = aws.Time(t); return nil })
}

// IfUnmodifiedSince is a GetOption making Get fail with code
// PreconditionFailed (HTTP 412) when the object changed after t.
func IfUnmodifiedSince(t time.Time) GetOption {
	return getOptionFunc(func(in *s3.GetObjectInput) error { in.IfUnmodifiedSince = aws.Time(t); return nil })
}

func (k *Key) getInput(opts []GetOption) (*s3.GetObjectInput, error) {
	in := &s3.GetObjectInput{Bucket: aws.String(k.Bucket().Name), Key: aws.String(k.Name)}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o.applyGet(in); err != nil {
			return nil, err
		}
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
func (k *Key) GetFile(ctx context.Context, path string, opts ...GetOption) (err error) {
	if err := k.check(); err != nil {
		return err
	}
	if _, err := k.getInput(opts); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = k.Get(ctx, f, opts...); err != nil {
		return err
	}
	if err = f.Chmod(fileMode(path)); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// fileMode is the permission GetFile gives path: that of the file there
// now, or 0644.
func fileMode(path string) os.FileMode {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		return fi.Mode().Perm()
	}
	return 0o644
}

// IsPreconditionFailed reports whether err says a conditional request's
// condition did not hold (PreconditionFailed, HTTP 412).
func IsPreconditionFailed(err error) bool { return hasCode(err, "PreconditionFailed", 412) }

// IsNotModified reports whether err says the object has not changed
// (NotModified, HTTP 304), the answer to IfNoneMatch and IfModifiedSince.
func IsNotModified(err error) bool { return hasCode(err, "NotModified", 304) }
