package s3

import (
	"context"
	"iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Bucket is a handle on an S3 bucket. Making one does no I/O; the methods
// that call S3 take a context and name the operation they call.
type Bucket struct {
	conn *Conn
	Name string

	// CreationDate is when the bucket was made, as ListBuckets tells it;
	// zero until then.
	CreationDate time.Time
	// Region is where the bucket lives, as ListBuckets or Refresh
	// (x-amz-bucket-region) last told it; "" until then.
	Region string
}

// Bucket returns a handle on the bucket name. It sends no request and does
// not check that the bucket exists or that the name is valid; methods that
// call S3 do the latter first.
func (c *Conn) Bucket(name string) *Bucket { return &Bucket{conn: c, Name: name} }

// Conn returns the connection the handle was made by; nil for a Bucket
// not made by Conn.Bucket.
func (b *Bucket) Conn() *Conn {
	if b == nil {
		return nil
	}
	return b.conn
}

// String returns "<Bucket: name>".
func (b *Bucket) String() string {
	if b == nil {
		return "<Bucket: >"
	}
	return "<Bucket: " + b.Name + ">"
}

// check validates the bucket name, then that the handle has a
// connection, before a request.
func (b *Bucket) check() error {
	if b == nil {
		return goboto.Invalid("Bucket", "nil", "is required")
	}
	if err := validBucketName(b.Name); err != nil {
		return err
	}
	return b.conn.ready()
}

// client is the connection's aws-sdk-go-v2 client; check has made sure
// there is one.
func (b *Bucket) client() *s3.Client { return b.conn.client }

// BucketOption changes how CreateBucket creates a bucket.
type BucketOption interface{ applyBucket(*s3.CreateBucketInput) }

type bucketOptionFunc func(*s3.CreateBucketInput)

func (f bucketOptionFunc) applyBucket(in *s3.CreateBucketInput) { f(in) }

// ACL is a BucketOption giving a new bucket a canned ACL (private,
// public-read, ...). Buckets with Object Ownership "bucket owner enforced",
// the default for new buckets, refuse every ACL but private.
func ACL(acl string) BucketOption {
	return bucketOptionFunc(func(in *s3.CreateBucketInput) { in.ACL = types.BucketCannedACL(acl) })
}

// ObjectLock is a BucketOption turning on S3 Object Lock for a new bucket.
func ObjectLock() BucketOption {
	return bucketOptionFunc(func(in *s3.CreateBucketInput) { in.ObjectLockEnabledForBucket = aws.Bool(true) })
}

// createBucketInput builds the CreateBucket request: the location
// constraint is the connection's region, except for us-east-1, where S3
// wants none.
func (c *Conn) createBucketInput(name string, opts []BucketOption) *s3.CreateBucketInput {
	in := &s3.CreateBucketInput{Bucket: aws.String(name)}
	if c.region != "" && c.region != "us-east-1" {
		in.CreateBucketConfiguration = &types.CreateBucketConfiguration{
			LocationConstraint: types.BucketLocationConstraint(c.region),
		}
	}
	for _, o := range opts {
		if o != nil {
			o.applyBucket(in)
		}
	}
	return in
}

// CreateBucket creates the bucket name in the connection's region
// (CreateBucket) and returns a handle on it. Creating a bucket you already
// own fails with BucketAlreadyOwnedByYou everywhere but us-east-1.
func (c *Conn) CreateBucket(ctx context.Context, name string, opts ...BucketOption) (*Bucket, error) {
	if err := validBucketName(name); err != nil {
		return nil, err
	}
	if err := checkGrants(opts, false); err != nil {
		return nil, err
	}
	if _, err := c.client.CreateBucket(ctx, c.createBucketInput(name, opts)); err != nil {
		return nil, core.Error(err)
	}
	return c.Bucket(name), nil
}

// Buckets lists the buckets the caller owns (ListBuckets), fetching pages
// only as the loop asks for more.
func (c *Conn) Buckets(ctx context.Context) iter.Seq2[*Bucket, error] {
	return func(yield func(*Bucket, error) bool) {
		p := s3.NewListBucketsPaginator(c.client, &s3.ListBucketsInput{})
		each(ctx, yield, p, func(out *s3.ListBucketsOutput) []types.Bucket { return out.Buckets },
			func(b types.Bucket) *Bucket { return c.Bucket(aws.ToString(b.Name)) })
	}
}

// Delete deletes the bucket (DeleteBucket), which must be empty.
func (b *Bucket) Delete(ctx context.Context) error {
	if err := b.check(); err != nil {
		return err
	}
	_, err := b.client().DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(b.Name)})
	return core.Error(err)
}

// Location returns the region the bucket lives in (GetBucketLocation). S3
// answers an empty location for us-east-1; Location reports "us-east-1",
// and "eu-west-1" for the legacy "EU".
func (b *Bucket) Location(ctx context.Context) (string, error) {
	if err := b.check(); err != nil {
		return "", err
	}
	out, err := b.client().GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(b.Name)})
	if err != nil {
		return "", core.Error(err)
	}
	return regionOf(out.LocationConstraint), nil
}

func regionOf(c types.BucketLocationConstraint) string {
	switch c {
	case "":
		return "us-east-1"
	case types.BucketLocationConstraintEu:
		return "eu-west-1"
	}
	return string(c)
}

// Refresh checks that the bucket exists and the caller may reach it
// (HeadBucket), and sets Region from the answer's x-amz-bucket-region. A
// missing bucket is a *goboto.APIError with code NoSuchBucket, the HEAD's
// status (404) and request ID, for which goboto.IsNotFound is true; a
// bucket that belongs to someone else is 403 Forbidden.
func (b *Bucket) Refresh(ctx context.Context) error {
	if err := b.check(); err != nil {
		return err
	}
	out, err := b.client().HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(b.Name)})
	if err != nil {
		return headError(err, "NoSuchBucket", "The specified bucket does not exist")
	}
	if r := aws.ToString(out.BucketRegion); r != "" {
		b.Region = r
	}
	return nil
}

// Exists reports whether the bucket exists and the caller may reach it
// (HeadBucket). A bucket that does not exist is (false, nil); one that
// exists but belongs to someone else is an error (403 Forbidden).
func (b *Bucket) Exists(ctx context.Context) (bool, error) {
	err := b.Refresh(ctx)
	if err == nil {
		return true, nil
	}
	if goboto.IsNotFound(err) {
		return false, nil
	}
	return false, err
}
