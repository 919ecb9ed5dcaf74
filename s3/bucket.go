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

// createBucketInput builds the CreateBucket request: the location
// constraint is the connection's region, except for us-east-1, where S3
// wants none.
func (c *Conn) createBucketInput(name string, o BucketOptions) *s3.CreateBucketInput {
	in := &s3.CreateBucketInput{Bucket: aws.String(name), ACL: types.BucketCannedACL(o.ACL)}
	if o.ObjectLock {
		in.ObjectLockEnabledForBucket = aws.Bool(true)
	}
	applyGrants(o.Grants, grantHeaders{full: &in.GrantFullControl, read: &in.GrantRead, write: &in.GrantWrite,
		readACP: &in.GrantReadACP, writeACP: &in.GrantWriteACP})
	if c.region != "" && c.region != "us-east-1" {
		in.CreateBucketConfiguration = &types.CreateBucketConfiguration{
			LocationConstraint: types.BucketLocationConstraint(c.region),
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
	if err := c.ready(); err != nil {
		return nil, err
	}
	o := bucketOptions(opts)
	if err := o.check(); err != nil {
		return nil, err
	}
	if _, err := c.client.CreateBucket(ctx, c.createBucketInput(name, o)); err != nil {
		return nil, core.Error(err)
	}
	return c.Bucket(name), nil
}

// Buckets lists the buckets the caller owns (ListBuckets), fetching pages
// only as the loop asks for more. It takes Prefix and PageSize (1-10000);
// each *Bucket carries its CreationDate and Region.
func (c *Conn) Buckets(ctx context.Context, opts ...ListOption) iter.Seq2[*Bucket, error] {
	return func(yield func(*Bucket, error) bool) {
		if err := c.ready(); err != nil {
			yield(nil, err)
			return
		}
		o, err := listOptions("Buckets", opts, 10000, "Prefix")
		if err != nil {
			yield(nil, err)
			return
		}
		in := &s3.ListBucketsInput{Prefix: optional(o.Prefix), MaxBuckets: pageSize(o.PageSize)}
		p := s3.NewListBucketsPaginator(c.client, in)
		each(ctx, yield, p, func(out *s3.ListBucketsOutput) []types.Bucket { return out.Buckets },
			func(sb types.Bucket) *Bucket {
				b := c.Bucket(aws.ToString(sb.Name))
				b.CreationDate = aws.ToTime(sb.CreationDate)
				b.Region = aws.ToString(sb.BucketRegion)
				return b
			})
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
