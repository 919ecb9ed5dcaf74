package s3

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Version is a handle on one item of a version listing: a version of an
// object, a delete marker (IsDeleteMarker: no Size, ETag or
// StorageClass), or with IsPrefix set a common prefix (only Key is set
// then). An unversioned bucket lists each object once, with VersionID
// "null". Its fields are what the listing answered.
type Version struct {
	bucket *Bucket

	Key            string
	VersionID      string
	IsLatest       bool
	IsDeleteMarker bool
	IsPrefix       bool
	Size           int64
	ETag           string
	LastModified   time.Time
	StorageClass   string
	Owner          Owner
}

func versionsInput(bucket string, opts ...ListOption) (*s3.ListObjectVersionsInput, error) {
	o, err := listOptions("Versions", opts, 1000, "Prefix", "Delimiter", "KeyMarker", "VersionIDMarker")
	if err != nil {
		return nil, err
	}
	if o.VersionIDMarker != "" && o.KeyMarker == "" {
		return nil, goboto.Invalid("VersionIDMarker", o.VersionIDMarker, "needs a KeyMarker")
	}
	return &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), Prefix: optional(o.Prefix), Delimiter: optional(o.Delimiter),
		KeyMarker: optional(o.KeyMarker), VersionIdMarker: optional(o.VersionIDMarker), MaxKeys: pageSize(o.PageSize)}, nil
}

// Versions lists every version and delete marker of the bucket's keys
// (ListObjectVersions), by key in UTF-8 binary order and newest first
// within a key, fetching a page only when the loop asks for more. It
// takes Prefix, Delimiter, KeyMarker, VersionIDMarker and PageSize. With
// a Delimiter, each page's common prefixes come after its versions, as
// Versions with IsPrefix set.
func (b *Bucket) Versions(ctx context.Context, opts ...ListOption) iter.Seq2[*Version, error] {
	return func(yield func(*Version, error) bool) {
		if err := b.check(); err != nil {
			yield(nil, err)
			return
		}
		in, err := versionsInput(b.Name, opts...)
		if err != nil {
			yield(nil, err)
			return
		}
		p := &versionPager{client: b.client(), in: in, more: true}
		each(ctx, yield, p, p.versions, func(v Version) *Version { v.bucket = b; return &v })
	}
}

// Bucket returns the bucket the version was listed in; nil for a Version
// not made by a listing.
func (v *Version) Bucket() *Bucket {
	if v == nil {
		return nil
	}
	return v.bucket
}

// Conn returns the connection of the version's bucket.
func (v *Version) Conn() *Conn { return v.Bucket().Conn() }

// Object returns a handle on the key the version belongs to.
func (v *Version) Object() *Key {
	if v.Bucket() == nil {
		return nil
	}
	return v.bucket.Key(v.Key)
}

// check refuses a version that no listing made, a common prefix, or one
// without an ID, before a request.
func (v *Version) check() error {
	if v == nil || v.bucket == nil {
		return goboto.Invalid("Version", "", "is required; versions come from Bucket.Versions")
	}
	if v.IsPrefix {
		return goboto.Invalid("Version", v.Key, "is a common prefix, not a version")
	}
	return validVersionID(v.VersionID)
}

// Refresh reads the version's attributes again (HeadObject with
// versionId). A version deleted since it was listed is a NoSuchVersion or
// NoSuchKey error (goboto.IsNotFound); a delete marker cannot be read and
// S3 answers 405 MethodNotAllowed.
func (v *Version) Refresh(ctx context.Context) error {
	if err := v.check(); err != nil {
		return err
	}
	k := v.Object()
	if err := k.HeadVersion(ctx, v.VersionID); err != nil {
		return err
	}
	v.Size, v.ETag, v.LastModified, v.StorageClass = k.Size, k.ETag, k.LastModified, k.StorageClass
	return nil
}

// Delete deletes the version for good, or removes the delete marker
// (DeleteObject with versionId); see Key.DeleteVersion.
func (v *Version) Delete(ctx context.Context) (wasDeleteMarker bool, err error) {
	if err := v.check(); err != nil {
		return false, err
	}
	return v.Object().DeleteVersion(ctx, v.VersionID)
}

// versionPager pages ListObjectVersions by its two markers, which
// aws-sdk-go-v2 has no paginator for.
type versionPager struct {
	client *s3.Client
	in     *s3.ListObjectVersionsInput
	more   bool
	order  wireOrder // of the last page fetched
}

func (p *versionPager) HasMorePages() bool { return p.more }

func (p *versionPager) NextPage(ctx context.Context, fns ...func(*s3.Options)) (*s3.ListObjectVersionsOutput, error) {
	out, err := p.client.ListObjectVersions(ctx, p.in, append(fns, p.order.option())...)
	if err != nil {
		return nil, err
	}
	p.more = aws.ToBool(out.IsTruncated)
	// A truncated page without a next key marker would list the same
	// page again for ever; stop instead.
	if p.more && aws.ToString(out.NextKeyMarker) == "" {
		p.more = false
	}
	in := *p.in
	in.KeyMarker = out.NextKeyMarker
	in.VersionIdMarker = out.NextVersionIdMarker
	p.in = &in
	return out, nil
}

// versions turns the page NextPage just fetched into Versions, in the
// order S3 listed them: by key, newest first within a key. The XML
// interleaves <Version> and <DeleteMarker>, but the SDK hands them over
// as two lists; wireOrder recorded how they interleaved.
func (p *versionPager) versions(out *s3.ListObjectVersionsOutput) []Version {
	return versions(out, p.order.markers)
}

// versions merges a page's versions and delete markers by markers (see
// wireOrder), or, without a usable record of the wire order, by key,
// then the latest first, then newest first, which is the wire order
// except for entries of one key that share a millisecond.
func versions(out *s3.ListObjectVersionsOutput, markers []bool) []Version {
	vs := make([]Version, 0, len(out.Versions)+len(out.CommonPrefixes))
	for _, o := range out.Versions {
		vs = append(vs, Version{
			Key: aws.ToString(o.Key), VersionID: aws.ToString(o.VersionId), IsLatest: aws.ToBool(o.IsLatest),
			Size: aws.ToInt64(o.Size), ETag: aws.ToString(o.ETag), LastModified: aws.ToTime(o.LastModified),
			StorageClass: string(o.StorageClass), Owner: ownerOf(o.Owner),
		})
	}
	dms := make([]Version, 0, len(out.DeleteMarkers))
	for _, m := range out.DeleteMarkers {
		dms = append(dms, Version{
			Key: aws.ToString(m.Key), VersionID: aws.ToString(m.VersionId), IsLatest: aws.ToBool(m.IsLatest),
			IsDeleteMarker: true, LastModified: aws.ToTime(m.LastModified), Owner: ownerOf(m.Owner),
		})
	}
	merged, ok := interleave(vs, dms, markers)
	if !ok {
		merged = append(vs, dms...)
		slices.SortStableFunc(merged, func(a, b Version) int {
			if c := cmp.Compare(a.Key, b.Key); c != 0 {
				return c
			}
			if a.IsLatest != b.IsLatest { // the latest comes first, even on a tie of times
				if a.IsLatest {
					return -1
				}
				return 1
			}
			return b.LastModified.Compare(a.LastModified)
		})
	}
	for _, p := range out.CommonPrefixes {
		merged = append(merged, Version{Key: aws.ToString(p.Prefix), IsPrefix: true})
	}
	return merged
}

func ownerOf(o *types.Owner) Owner {
	if o == nil {
		return Owner{}
	}
	return Owner{ID: aws.ToString(o.ID)}
}

// validVersionID refuses an empty version ID, which S3 would read as "the
// latest" rather than as a mistake.
func validVersionID(id string) error {
	if id == "" {
		return goboto.Invalid("VersionID", "", "is required")
	}
	return nil
}

// HeadVersion fetches the attributes of one version of the object into k
// (HeadObject with versionId).
func (k *Key) HeadVersion(ctx context.Context, versionID string) error {
	if err := k.check(); err != nil {
		return err
	}
	if err := validVersionID(versionID); err != nil {
		return err
	}
	out, err := k.client().HeadObject(ctx, &s3.HeadObjectInput{
		Bucket: aws.String(k.Bucket().Name), Key: aws.String(k.Name), VersionId: aws.String(versionID),
	})
	if err != nil {
		return core.Error(err)
	}
	k.setHead(out)
	return nil
}

// DeleteVersion deletes one version of the object for good, or removes a
// delete marker (DeleteObject with versionId), and reports whether what
// it removed was a delete marker. Unlike Delete in a versioned bucket, it
// adds no delete marker.
func (k *Key) DeleteVersion(ctx context.Context, versionID string) (wasDeleteMarker bool, err error) {
	if err := k.check(); err != nil {
		return false, err
	}
	if err := validVersionID(versionID); err != nil {
		return false, err
	}
	out, err := k.client().DeleteObject(ctx, &s3.DeleteObjectInput{
		Bucket: aws.String(k.Bucket().Name), Key: aws.String(k.Name), VersionId: aws.String(versionID),
	})
	if err != nil {
		return false, core.Error(err)
	}
	return aws.ToBool(out.DeleteMarker), nil
}
