package suite

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
	gs3 "github.com/goboto/goboto/s3"
)

// testBuckets walks a bucket through create, exists, location, list and
// delete.
func testBuckets(t *testing.T, e *Env) {
	ctx := context.Background()
	name := e.NewBucketName()
	b := e.Conn.Bucket(name)
	if ok, err := b.Exists(ctx); err != nil || ok {
		t.Fatalf("%s: Exists before CreateBucket = %v, %v; want false, nil", e.Name, ok, err)
	}
	b, err := e.Conn.CreateBucket(ctx, name)
	if err != nil {
		t.Fatalf("%s: CreateBucket: %v", e.Name, err)
	}
	t.Cleanup(func() { e.remove(t, b) })
	if ok, err := b.Exists(ctx); err != nil || !ok {
		t.Errorf("%s: Exists = %v, %v; want true, nil", e.Name, ok, err)
	}
	if loc, err := b.Location(ctx); err != nil || loc != "us-east-1" {
		t.Errorf("%s: Location = %q, %v; want us-east-1", e.Name, loc, err)
	}
	names, err := goboto.Collect(e.Conn.Buckets(ctx))
	if err != nil {
		t.Fatalf("%s: Buckets: %v", e.Name, err)
	}
	if !slices.ContainsFunc(names, func(x *gs3.Bucket) bool { return x.Name == name }) {
		t.Errorf("%s: Buckets does not list %s", e.Name, name)
	}
	if err := b.Delete(ctx); err != nil {
		t.Fatalf("%s: Delete: %v", e.Name, err)
	}
	if ok, err := b.Exists(ctx); err != nil || ok {
		t.Errorf("%s: Exists after Delete = %v, %v; want false, nil", e.Name, ok, err)
	}
}

// testBucketErrors checks the error codes of the bucket calls.
func testBucketErrors(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)

	// Creating it again: S3 answers 200 in us-east-1 (legacy), and
	// BucketAlreadyOwnedByYou elsewhere.
	_, err := e.Conn.CreateBucket(ctx, b.Name)
	if e.Diff.RecreateOwnedBucketFails {
		e.wantCode(t, "CreateBucket again", err, "BucketAlreadyOwnedByYou", http.StatusConflict)
	} else if err != nil {
		t.Errorf("%s: CreateBucket again in us-east-1: %v; want success, as S3 answers", e.Name, err)
	}

	if err := b.Key("k").PutBytes(ctx, []byte("x")); err != nil {
		t.Fatalf("%s: PutBytes: %v", e.Name, err)
	}
	e.wantCode(t, "Delete of a non-empty bucket", b.Delete(ctx), "BucketNotEmpty", http.StatusConflict)

	missing := e.Conn.Bucket(e.NewBucketName())
	e.wantCode(t, "Delete of a missing bucket", missing.Delete(ctx), "NoSuchBucket", http.StatusNotFound)
	_, err = missing.Location(ctx)
	e.wantCode(t, "Location of a missing bucket", err, "NoSuchBucket", http.StatusNotFound)
	_, err = goboto.Collect(missing.Keys(ctx))
	e.wantCode(t, "Keys of a missing bucket", err, "NoSuchBucket", http.StatusNotFound)
	if !goboto.IsNotFound(err) {
		t.Errorf("%s: IsNotFound(NoSuchBucket) = false", e.Name)
	}
	err = missing.Key("k").PutBytes(ctx, []byte("x"))
	e.wantCode(t, "Put into a missing bucket", err, "NoSuchBucket", http.StatusNotFound)
	_, err = missing.Versioning(ctx)
	e.wantCode(t, "Versioning of a missing bucket", err, "NoSuchBucket", http.StatusNotFound)

	// goboto refuses bad names before sending; the server must refuse
	// them too when a client does not.
	_, err = e.Conn.CreateBucket(ctx, "Bad_Name")
	e.wantValidation(t, "CreateBucket Bad_Name", err, "Bucket")
	_, err = e.Conn.Client().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bad_name")})
	e.wantCode(t, "raw CreateBucket bad_name", core.Error(err), "InvalidBucketName", http.StatusBadRequest)
}

// testBucketRegion creates buckets with explicit location constraints
// through a us-east-1 connection, as the v2 client lets callers do.
func testBucketRegion(t *testing.T, e *Env) {
	ctx := context.Background()
	create := func(name string, constraint types.BucketLocationConstraint) error {
		_, err := e.Conn.Client().CreateBucket(ctx, &s3.CreateBucketInput{
			Bucket:                    aws.String(name),
			CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: constraint},
		})
		if err == nil {
			t.Cleanup(func() { e.remove(t, e.Conn.Bucket(name)) })
		}
		return core.Error(err)
	}

	eu := e.NewBucketName()
	if err := create(eu, "eu-west-1"); err != nil {
		t.Fatalf("%s: CreateBucket in eu-west-1: %v", e.Name, err)
	}
	want := "eu-west-1"
	if e.Diff.LocationConstraintIgnored {
		want = "us-east-1"
	}
	if loc, err := e.Conn.Bucket(eu).Location(ctx); err != nil || loc != want {
		t.Errorf("%s: Location = %q, %v; want %q", e.Name, loc, err, want)
	}

	err := create(e.NewBucketName(), "us-east-1")
	if e.Diff.LocationConstraintIgnored {
		if err != nil {
			t.Errorf("%s: CreateBucket with constraint us-east-1: %v; the flag says it succeeds", e.Name, err)
		}
	} else {
		e.wantCode(t, "CreateBucket with constraint us-east-1", err, "InvalidLocationConstraint", http.StatusBadRequest)
	}
}
