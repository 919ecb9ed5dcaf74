package s3

import (
	"context"
	"iter"
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// pager is what every aws-sdk-go-v2 S3 paginator offers.
type pager[Out any] interface {
	HasMorePages() bool
	NextPage(context.Context, ...func(*s3.Options)) (Out, error)
}

// each drives p for an iterator; see core.Each.
func each[Out, X, T any](ctx context.Context, yield func(T, error) bool, p pager[Out], items func(Out) []X, item func(X) T) {
	core.Each(ctx, yield, p.HasMorePages, func(ctx context.Context) (Out, error) { return p.NextPage(ctx) }, items, item)
}

// ListOptions are the settings of every listing: Conn.Buckets,
// Bucket.Keys, Bucket.Versions, Bucket.Uploads and Key.Parts. A listing
// refuses, with a *goboto.ValidationError, a setting it does not take.
type ListOptions struct {
	// Prefix limits the listing to names that begin with it (Buckets,
	// Keys, Versions, Uploads).
	Prefix string
	// Delimiter groups keys that contain it after Prefix into one common
	// prefix each ("/" lists a "directory") (Keys, Versions).
	Delimiter string
	// StartAfter starts the listing after this key (Keys).
	StartAfter string
	// KeyMarker starts the listing after this key, or with
	// VersionIDMarker after that version of it (Versions, Uploads).
	KeyMarker string
	// VersionIDMarker starts the listing after this version of KeyMarker
	// (Versions); S3 refuses it without a KeyMarker.
	VersionIDMarker string
	// PageSize is how many items each call asks for: 1-1000 (MaxKeys,
	// MaxUploads, MaxParts), for Buckets 1-10000 (MaxBuckets); 0 leaves
	// it to S3.
	PageSize int
	// FetchOwner asks for each key's owner (Keys), which ListObjectsV2
	// leaves out unless asked.
	FetchOwner bool
}

// ListOption changes ListOptions.
type ListOption func(*ListOptions)

// Prefix limits a listing to names that begin with p.
func Prefix(p string) ListOption { return func(o *ListOptions) { o.Prefix = p } }

// Delimiter groups keys that contain d after the prefix into common
// prefixes.
func Delimiter(d string) ListOption { return func(o *ListOptions) { o.Delimiter = d } }

// StartAfter starts a key listing after key.
func StartAfter(key string) ListOption { return func(o *ListOptions) { o.StartAfter = key } }

// KeyMarker starts a version or upload listing after key.
func KeyMarker(key string) ListOption { return func(o *ListOptions) { o.KeyMarker = key } }

// VersionIDMarker starts a version listing after this version of the
// KeyMarker key.
func VersionIDMarker(id string) ListOption { return func(o *ListOptions) { o.VersionIDMarker = id } }

// PageSize sets how many items each call of a listing asks for.
func PageSize(n int) ListOption { return func(o *ListOptions) { o.PageSize = n } }

// FetchOwner asks a key listing for each key's owner.
func FetchOwner() ListOption { return func(o *ListOptions) { o.FetchOwner = true } }

// listOptions folds opts for the listing op, refusing a setting op does
// not take (takes names the ones it does) and a PageSize over maxPage.
func listOptions(op string, opts []ListOption, maxPage int, takes ...string) (ListOptions, error) {
	var o ListOptions
	applyOpts(&o, opts)
	for _, f := range []struct {
		name string
		set  bool
		v    string
	}{
		{"Prefix", o.Prefix != "", o.Prefix}, {"Delimiter", o.Delimiter != "", o.Delimiter},
		{"StartAfter", o.StartAfter != "", o.StartAfter}, {"KeyMarker", o.KeyMarker != "", o.KeyMarker},
		{"VersionIDMarker", o.VersionIDMarker != "", o.VersionIDMarker}, {"FetchOwner", o.FetchOwner, "true"},
	} {
		if f.set && !slices.Contains(takes, f.name) {
			return o, goboto.Invalid(f.name, f.v, op+" does not take it")
		}
	}
	if o.PageSize < 0 || o.PageSize > maxPage {
		return o, goboto.Invalid("PageSize", strconv.Itoa(o.PageSize), "out of range 1-"+strconv.Itoa(maxPage))
	}
	return o, nil
}

func optional(v string) *string {
	if v == "" {
		return nil
	}
	return aws.String(v)
}

func pageSize(n int) *int32 {
	if n == 0 {
		return nil
	}
	return aws.Int32(int32(n))
}

// Keys lists the bucket's keys in UTF-8 binary order (ListObjectsV2),
// fetching a page only when the loop asks for more. It takes Prefix,
// Delimiter, StartAfter, PageSize and FetchOwner. Each *Key carries what
// the listing says of it: Size, ETag, LastModified, StorageClass and,
// with FetchOwner, Owner. With a Delimiter, each page's common prefixes
// come after its keys as *Keys with IsPrefix set and only Name (the
// prefix) filled in: they name no object, and the Key methods that call
// S3 treat them as the key of that name.
func (b *Bucket) Keys(ctx context.Context, opts ...ListOption) iter.Seq2[*Key, error] {
	return func(yield func(*Key, error) bool) {
		if err := b.check(); err != nil {
			yield(nil, err)
			return
		}
		o, err := listOptions("Keys", opts, 1000, "Prefix", "Delimiter", "StartAfter", "FetchOwner")
		if err != nil {
			yield(nil, err)
			return
		}
		in := &s3.ListObjectsV2Input{Bucket: aws.String(b.Name), Prefix: optional(o.Prefix), Delimiter: optional(o.Delimiter),
			StartAfter: optional(o.StartAfter), MaxKeys: pageSize(o.PageSize)}
		if o.FetchOwner {
			in.FetchOwner = aws.Bool(true)
		}
		p := s3.NewListObjectsV2Paginator(b.client(), in)
		each(ctx, yield, p, b.listed, func(k *Key) *Key { return k })
	}
}

// listed turns one ListObjectsV2 page into Keys: keys, then prefixes.
func (b *Bucket) listed(out *s3.ListObjectsV2Output) []*Key {
	ks := make([]*Key, 0, len(out.Contents)+len(out.CommonPrefixes))
	for _, o := range out.Contents {
		k := b.Key(aws.ToString(o.Key))
		k.Size = aws.ToInt64(o.Size)
		k.ETag = aws.ToString(o.ETag)
		k.LastModified = aws.ToTime(o.LastModified)
		k.StorageClass = string(o.StorageClass)
		k.Owner = ownerOf(o.Owner)
		ks = append(ks, k)
	}
	for _, p := range out.CommonPrefixes {
		k := b.Key(aws.ToString(p.Prefix))
		k.IsPrefix = true
		ks = append(ks, k)
	}
	return ks
}
