package s3

import (
	"context"
	"iter"
	"strconv"
	"time"

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

// ListOptions narrows and shapes Bucket.Keys.
type ListOptions struct {
	// Prefix limits the listing to keys that begin with it.
	Prefix string
	// Delimiter groups keys that contain it after Prefix into one
	// common-prefix Entry each ("/" lists a "directory").
	Delimiter string
	// StartAfter starts the listing after this key.
	StartAfter string
	// PageSize is how many keys each ListObjectsV2 call asks for, 1-1000
	// (MaxKeys); 0 leaves it to S3 (1000).
	PageSize int
}

// Entry is one item of a key listing: a key, or when IsPrefix is set a
// common prefix (only Name is set then).
type Entry struct {
	Name         string
	IsPrefix     bool
	Size         int64
	ETag         string
	LastModified time.Time
	StorageClass string
}

func (o ListOptions) input(bucket string) (*s3.ListObjectsV2Input, error) {
	if o.PageSize < 0 || o.PageSize > 1000 {
		return nil, goboto.Invalid("PageSize", strconv.Itoa(o.PageSize), "out of range 1-1000")
	}
	in := &s3.ListObjectsV2Input{Bucket: aws.String(bucket)}
	if o.Prefix != "" {
		in.Prefix = aws.String(o.Prefix)
	}
	if o.Delimiter != "" {
		in.Delimiter = aws.String(o.Delimiter)
	}
	if o.StartAfter != "" {
		in.StartAfter = aws.String(o.StartAfter)
	}
	if o.PageSize > 0 {
		in.MaxKeys = aws.Int32(int32(o.PageSize))
	}
	return in, nil
}

// Keys lists the bucket's keys in UTF-8 binary order (ListObjectsV2),
// fetching a page only when the loop asks for more. With a Delimiter,
// each page's common prefixes come after its keys as Entries with
// IsPrefix set.
func (b *Bucket) Keys(ctx context.Context, opts ListOptions) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		if err := b.check(); err != nil {
			yield(Entry{}, err)
			return
		}
		in, err := opts.input(b.Name)
		if err != nil {
			yield(Entry{}, err)
			return
		}
		p := s3.NewListObjectsV2Paginator(b.client(), in)
		each(ctx, yield, p, entries, func(e Entry) Entry { return e })
	}
}

// entries turns one ListObjectsV2 page into Entries: keys, then prefixes.
func entries(out *s3.ListObjectsV2Output) []Entry {
	es := make([]Entry, 0, len(out.Contents)+len(out.CommonPrefixes))
	for _, o := range out.Contents {
		es = append(es, Entry{
			Name:         aws.ToString(o.Key),
			Size:         aws.ToInt64(o.Size),
			ETag:         aws.ToString(o.ETag),
			LastModified: aws.ToTime(o.LastModified),
			StorageClass: string(o.StorageClass),
		})
	}
	for _, p := range out.CommonPrefixes {
		es = append(es, Entry{Name: aws.ToString(p.Prefix), IsPrefix: true})
	}
	return es
}
