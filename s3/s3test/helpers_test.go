package s3test_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3/s3test"
)

// client returns an SDK S3 client for srv's main account, path-style.
func client(srv *s3test.Server) *s3.Client {
	return s3.NewFromConfig(srv.Config(""), func(o *s3.Options) { o.UsePathStyle = true })
}

// clientFor returns an SDK S3 client signing as cred in region.
func clientFor(srv *s3test.Server, cred fake.Credential, region string) *s3.Client {
	return s3.NewFromConfig(srv.ConfigFor(cred, region), func(o *s3.Options) { o.UsePathStyle = true })
}

// errCode returns the API error code of err, "" when err is nil.
func errCode(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("not an API error: %v", err)
	}
	return ae.ErrorCode()
}

// startWithBucket starts a fake holding one bucket, name, of its main
// account, and returns it with a client for that account.
func startWithBucket(t *testing.T, name string) (*s3test.Server, *s3.Client) {
	t.Helper()
	srv := s3test.Start(t)
	c := client(srv)
	mustBucket(t, c, name)
	return srv, c
}

func mustBucket(t testing.TB, c *s3.Client, name string) {
	t.Helper()
	if _, err := c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: &name}); err != nil {
		t.Fatalf("CreateBucket %s: %v", name, err)
	}
}

// setVersioning sets the versioning status of bucket name
// (PutBucketVersioning).
func setVersioning(t testing.TB, c *s3.Client, name string, status types.BucketVersioningStatus) {
	t.Helper()
	if _, err := c.PutBucketVersioning(context.Background(), &s3.PutBucketVersioningInput{Bucket: &name,
		VersioningConfiguration: &types.VersioningConfiguration{Status: status}}); err != nil {
		t.Fatalf("PutBucketVersioning %s %s: %v", name, status, err)
	}
}

func second() fake.Credential { return fake.DefaultCredentials()[1] }
