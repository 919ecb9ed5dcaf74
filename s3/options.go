package s3

import (
	"maps"
	"strconv"
	"time"

	"github.com/goboto/goboto"
)

// Every call with a few optional settings takes them as ...XOption, where
// XOption is a func(*XOptions) over the exported XOptions struct below
// and the constructors name the setting. A constructor given a bad
// argument records it, and the call returns it as a
// *goboto.ValidationError before sending anything.

// BucketOptions are the settings of CreateBucket.
type BucketOptions struct {
	// ACL is the new bucket's canned ACL; "" sends none. Buckets with
	// Object Ownership "bucket owner enforced", the default for new
	// buckets, refuse every ACL but private.
	ACL CannedACL
	// Grants give grantees permissions (x-amz-grant-* headers).
	Grants []Grant
	// ObjectLock turns on S3 Object Lock for the bucket.
	ObjectLock bool
}

// BucketOption changes BucketOptions.
type BucketOption func(*BucketOptions)

// BucketACL gives the new bucket a canned ACL (x-amz-acl).
func BucketACL(acl CannedACL) BucketOption { return func(o *BucketOptions) { o.ACL = acl } }

// BucketGrants gives grantees permissions on the new bucket
// (x-amz-grant-* headers); several add up.
func BucketGrants(grants ...Grant) BucketOption {
	grants = append([]Grant(nil), grants...)
	return func(o *BucketOptions) { o.Grants = append(o.Grants, grants...) }
}

// ObjectLock turns on S3 Object Lock for the new bucket
// (x-amz-bucket-object-lock-enabled), which also turns on versioning.
// s3test does not model Object Lock and refuses it with NotImplemented.
func ObjectLock() BucketOption { return func(o *BucketOptions) { o.ObjectLock = true } }

// applyOpts runs the options opts, skipping nil ones, on o in order.
func applyOpts[O any, F ~func(*O)](o *O, opts []F) {
	for _, fn := range opts {
		if fn != nil {
			fn(o)
		}
	}
}

func bucketOptions(opts []BucketOption) BucketOptions {
	var o BucketOptions
	applyOpts(&o, opts)
	return o
}

func (o BucketOptions) check() error {
	if o.ACL != "" {
		if err := validCanned(o.ACL); err != nil {
			return err
		}
	}
	return checkGrants(o.Grants, false)
}

// PutOptions are the settings of the object Put, PresignPut and the
// uploads write.
type PutOptions struct {
	ContentType  string
	CacheControl string
	// Metadata is the user metadata, sent as x-amz-meta-* headers.
	Metadata map[string]string
	// StorageClass is STANDARD, STANDARD_IA, GLACIER_IR, ...; "" is S3's
	// default, STANDARD.
	StorageClass string
	// ServerSideEncryption asks S3 to encrypt the object at rest with the
	// named algorithm (AES256, aws:kms, aws:kms:dsse).
	ServerSideEncryption string
	// Grants give grantees permissions (x-amz-grant-* headers). Objects
	// take no WRITE grant.
	Grants []Grant
}

// PutOption changes PutOptions.
type PutOption func(*PutOptions)

// ContentType sets the object's Content-Type.
func ContentType(t string) PutOption { return func(o *PutOptions) { o.ContentType = t } }

// Metadata sets the object's user metadata (x-amz-meta-* headers). The map
// is copied.
func Metadata(m map[string]string) PutOption {
	m = maps.Clone(m)
	return func(o *PutOptions) { o.Metadata = m }
}

// CacheControl sets the object's Cache-Control.
func CacheControl(v string) PutOption { return func(o *PutOptions) { o.CacheControl = v } }

// StorageClass chooses the object's storage class (STANDARD, STANDARD_IA,
// GLACIER_IR, ...).
func StorageClass(c string) PutOption { return func(o *PutOptions) { o.StorageClass = c } }

// ServerSideEncryption asks S3 to encrypt the object at rest with the
// named algorithm (AES256, aws:kms, aws:kms:dsse).
func ServerSideEncryption(alg string) PutOption {
	return func(o *PutOptions) { o.ServerSideEncryption = alg }
}

// Grants gives grantees permissions on the object (x-amz-grant-*
// headers); several add up. In a bucket whose Object Ownership is
// BucketOwnerEnforced (the default for new buckets) S3 refuses grants
// with an error IsACLNotSupported matches.
func Grants(grants ...Grant) PutOption {
	grants = append([]Grant(nil), grants...)
	return func(o *PutOptions) { o.Grants = append(o.Grants, grants...) }
}

func putOptions(opts []PutOption) PutOptions {
	var o PutOptions
	applyOpts(&o, opts)
	return o
}

func (o PutOptions) check() error { return checkGrants(o.Grants, true) }

// GetOptions narrow or condition a Get, GetFile or PresignGet.
type GetOptions struct {
	// Range, when set, fetches only those bytes (an HTTP Range header).
	Range *ByteRange
	// IfMatch fails the Get with PreconditionFailed (412) unless the
	// object's ETag is this one.
	IfMatch string
	// IfNoneMatch fails the Get with NotModified (304) when the object's
	// ETag is this one.
	IfNoneMatch string
	// IfModifiedSince fails the Get with NotModified (304) unless the
	// object changed after it.
	IfModifiedSince time.Time
	// IfUnmodifiedSince fails the Get with PreconditionFailed (412) when
	// the object changed after it.
	IfUnmodifiedSince time.Time
	// VersionID fetches that version of the object rather than the
	// latest. A version that is a delete marker answers MethodNotAllowed
	// (405).
	VersionID string

	err error // a bad argument to a constructor
}

// ByteRange is Length bytes from Offset; a negative Length runs to the
// end of the object.
type ByteRange struct{ Offset, Length int64 }

// GetOption changes GetOptions.
type GetOption func(*GetOptions)

// Range fetches n bytes starting at byte off (an HTTP Range header). n < 0
// means to the end of the object.
func Range(off, n int64) GetOption {
	return func(o *GetOptions) { o.Range = &ByteRange{Offset: off, Length: n} }
}

// IfMatch makes Get fail with code PreconditionFailed (HTTP 412) unless
// the object's ETag is etag.
func IfMatch(etag string) GetOption { return func(o *GetOptions) { o.IfMatch = etag } }

// IfNoneMatch makes Get fail with code NotModified (HTTP 304) when the
// object's ETag is etag.
func IfNoneMatch(etag string) GetOption { return func(o *GetOptions) { o.IfNoneMatch = etag } }

// IfModifiedSince makes Get fail with code NotModified (HTTP 304) unless
// the object changed after t.
func IfModifiedSince(t time.Time) GetOption { return func(o *GetOptions) { o.IfModifiedSince = t } }

// IfUnmodifiedSince makes Get fail with code PreconditionFailed (HTTP 412)
// when the object changed after t.
func IfUnmodifiedSince(t time.Time) GetOption {
	return func(o *GetOptions) { o.IfUnmodifiedSince = t }
}

// VersionID fetches the given version of the object rather than the
// latest (GetObject with versionId). A version that is a delete marker
// answers MethodNotAllowed (HTTP 405).
func VersionID(id string) GetOption {
	return func(o *GetOptions) {
		if err := validVersionID(id); err != nil && o.err == nil {
			o.err = err
		}
		o.VersionID = id
	}
}

func getOptions(opts []GetOption) (GetOptions, error) {
	var o GetOptions
	applyOpts(&o, opts)
	if o.err != nil {
		return o, o.err
	}
	if r := o.Range; r != nil {
		switch {
		case r.Offset < 0:
			return o, goboto.Invalid("Range", strconv.FormatInt(r.Offset, 10), "offset must not be negative")
		case r.Length == 0:
			return o, goboto.Invalid("Range", "0", "length must not be zero")
		}
	}
	return o, nil
}

// CopyOptions are the settings of Copy.
type CopyOptions struct {
	// ReplaceMetadata gives the copy ContentType and Metadata instead of
	// the source's (MetadataDirective REPLACE). Without it the copy
	// keeps the source's.
	ReplaceMetadata bool
	ContentType     string
	Metadata        map[string]string
	// StorageClass is the copy's storage class; "" is STANDARD.
	StorageClass string
	// SourceVersion copies that version of the source rather than its
	// latest (x-amz-copy-source with versionId).
	SourceVersion string
	// PartSize, when set, makes Copy use a multipart copy
	// (UploadPartCopy) in parts of this many bytes whenever the source is
	// larger, instead of one CopyObject: 5 MiB to 5 GiB, S3's part
	// limits. Unset, Copy goes multipart only for sources over 5 GiB,
	// which CopyObject refuses, in parts of 256 MiB or more.
	PartSize int64
	// Concurrency is how many UploadPartCopy requests a multipart copy
	// keeps in flight, 1-64; 0 is 4.
	Concurrency int
	// Grants give grantees permissions on the copy (x-amz-grant-*
	// headers). Objects take no WRITE grant.
	Grants []Grant

	err error // a bad argument to a constructor
}

// CopyOption changes CopyOptions.
type CopyOption func(*CopyOptions)

// ReplaceMetadata gives the copy the content type and user metadata
// passed here instead of the source's (MetadataDirective REPLACE). The
// map is copied.
func ReplaceMetadata(contentType string, metadata map[string]string) CopyOption {
	metadata = maps.Clone(metadata)
	return func(o *CopyOptions) {
		o.ReplaceMetadata, o.ContentType, o.Metadata = true, contentType, metadata
	}
}

// CopyVersion copies the given version of the source rather than its
// latest (x-amz-copy-source with versionId).
func CopyVersion(id string) CopyOption {
	return func(o *CopyOptions) {
		if id == "" && o.err == nil {
			o.err = goboto.Invalid("CopyVersion", "", "is required")
		}
		o.SourceVersion = id
	}
}

// CopyStorageClass chooses the copy's storage class.
func CopyStorageClass(c string) CopyOption { return func(o *CopyOptions) { o.StorageClass = c } }

// CopyPartSize makes Copy use a multipart copy in parts of n bytes; see
// CopyOptions.PartSize.
func CopyPartSize(n int64) CopyOption { return func(o *CopyOptions) { o.PartSize = n } }

// CopyConcurrency sets how many UploadPartCopy requests a multipart copy
// keeps in flight (default 4).
func CopyConcurrency(n int) CopyOption { return func(o *CopyOptions) { o.Concurrency = n } }

// CopyGrants gives grantees permissions on the copy (x-amz-grant-*
// headers); several add up.
func CopyGrants(grants ...Grant) CopyOption {
	grants = append([]Grant(nil), grants...)
	return func(o *CopyOptions) { o.Grants = append(o.Grants, grants...) }
}

func copyOptions(opts []CopyOption) (CopyOptions, error) {
	var o CopyOptions
	applyOpts(&o, opts)
	if o.err != nil {
		return o, o.err
	}
	if o.PartSize != 0 && (o.PartSize < MinPartSize || o.PartSize > MaxPartSize) {
		return o, goboto.Invalid("CopyPartSize", strconv.FormatInt(o.PartSize, 10), "out of range 5242880-5368709120 (5 MiB-5 GiB)")
	}
	if o.Concurrency == 0 {
		o.Concurrency = copyConcurrency
	}
	if o.Concurrency < 1 || o.Concurrency > 64 {
		return o, goboto.Invalid("CopyConcurrency", strconv.Itoa(o.Concurrency), "out of range 1-64")
	}
	return o, checkGrants(o.Grants, true)
}
