package s3test_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
)

// TestUnconfiguredAnswers checks, through the SDK, the answers S3 gives
// for features a bucket never configured.
func TestUnconfiguredAnswers(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "plain")
	b := aws.String("plain")

	// S3 API Reference, GetBucketRequestPayment: Payer is BucketOwner
	// unless the bucket is Requester Pays.
	pay, err := c.GetBucketRequestPayment(ctx, &s3.GetBucketRequestPaymentInput{Bucket: b})
	if err != nil || pay.Payer != types.PayerBucketOwner {
		t.Errorf("GetBucketRequestPayment = %v, %v; want BucketOwner", pay, err)
	}
	if _, err := c.PutBucketRequestPayment(ctx, &s3.PutBucketRequestPaymentInput{Bucket: b,
		RequestPaymentConfiguration: &types.RequestPaymentConfiguration{Payer: types.PayerRequester}}); err != nil {
		t.Fatal(err)
	}
	if pay, err = c.GetBucketRequestPayment(ctx, &s3.GetBucketRequestPaymentInput{Bucket: b}); err != nil || pay.Payer != types.PayerRequester {
		t.Errorf("GetBucketRequestPayment after Put = %v, %v; want Requester", pay, err)
	}

	// S3 API Reference, GetBucketAccelerateConfiguration: a bucket never
	// configured answers an empty configuration, without Status.
	acc, err := c.GetBucketAccelerateConfiguration(ctx, &s3.GetBucketAccelerateConfigurationInput{Bucket: b})
	if err != nil || acc.Status != "" {
		t.Errorf("GetBucketAccelerateConfiguration = %v, %v; want no Status", acc, err)
	}
	logging, err := c.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: b})
	if err != nil || logging.LoggingEnabled != nil {
		t.Errorf("GetBucketLogging = %v, %v; want logging off", logging, err)
	}
	metrics, err := c.ListBucketMetricsConfigurations(ctx, &s3.ListBucketMetricsConfigurationsInput{Bucket: b})
	if err != nil || len(metrics.MetricsConfigurationList) != 0 || aws.ToBool(metrics.IsTruncated) {
		t.Errorf("ListBucketMetricsConfigurations = %v, %v; want an empty complete list", metrics, err)
	}

	type codeCase struct {
		name string
		err  error
		want string
	}
	var codes []codeCase
	_, err = c.GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: b})
	codes = append(codes, codeCase{"GetBucketReplication", err, "ReplicationConfigurationNotFoundError"})
	_, err = c.DeleteBucketReplication(ctx, &s3.DeleteBucketReplicationInput{Bucket: b})
	codes = append(codes, codeCase{"DeleteBucketReplication", err, ""})
	_, err = c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: b})
	codes = append(codes, codeCase{"GetObjectLockConfiguration", err, "ObjectLockConfigurationNotFoundError"})
	_, err = c.DeleteBucketMetricsConfiguration(ctx, &s3.DeleteBucketMetricsConfigurationInput{Bucket: b, Id: aws.String("x")})
	codes = append(codes, codeCase{"DeleteBucketMetricsConfiguration", err, "NoSuchConfiguration"})
	_, err = c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: b, Key: aws.String("k"),
		LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}})
	codes = append(codes, codeCase{"PutObjectLegalHold", err, "InvalidRequest"})
	for _, cc := range codes {
		if got := errCode(t, cc.err); got != cc.want {
			t.Errorf("%s: %q, want %q (%v)", cc.name, got, cc.want, cc.err)
		}
	}
	if len(srv.Buckets()) != 1 {
		t.Errorf("buckets after the calls: %v, want plain still there", srv.Buckets())
	}
}

// TestBucketEncryption pins S3's default encryption (S3 User Guide,
// "Setting default server-side encryption behavior": since January 2023
// every bucket encrypts new objects with SSE-S3, and GetBucketEncryption
// answers that rule), PutBucketEncryption changing what new objects get,
// and DeleteBucketEncryption returning the bucket to SSE-S3.
func TestBucketEncryption(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "enc")
	b := aws.String("enc")
	rule := func() (types.ServerSideEncryption, bool) {
		t.Helper()
		out, err := c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b})
		if err != nil {
			t.Fatalf("GetBucketEncryption: %v", err)
		}
		if n := len(out.ServerSideEncryptionConfiguration.Rules); n != 1 {
			t.Fatalf("GetBucketEncryption: %d rules, want 1", n)
		}
		r := out.ServerSideEncryptionConfiguration.Rules[0]
		return r.ApplyServerSideEncryptionByDefault.SSEAlgorithm, aws.ToBool(r.BucketKeyEnabled)
	}
	put := func(key string) types.ServerSideEncryption {
		t.Helper()
		out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String(key), Body: strings.NewReader("x")})
		if err != nil {
			t.Fatal(err)
		}
		return out.ServerSideEncryption
	}
	type state struct {
		Rule      types.ServerSideEncryption
		BucketKey bool
		Object    types.ServerSideEncryption
	}
	got := func(key string) state {
		a, k := rule()
		return state{a, k, put(key)}
	}
	if diff := cmp.Diff(state{"AES256", false, "AES256"}, got("a")); diff != "" {
		t.Errorf("default (-want +got):\n%s", diff)
	}
	if _, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b,
		ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAwsKms},
			BucketKeyEnabled:                   aws.Bool(true)}}}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(state{"aws:kms", true, "aws:kms"}, got("b")); diff != "" {
		t.Errorf("after PutBucketEncryption (-want +got):\n%s", diff)
	}
	if _, err := c.DeleteBucketEncryption(ctx, &s3.DeleteBucketEncryptionInput{Bucket: b}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(state{"AES256", false, "AES256"}, got("c")); diff != "" {
		t.Errorf("after DeleteBucketEncryption (-want +got):\n%s", diff)
	}
	_, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b,
		ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: "rot13"}}}}})
	if got := errCode(t, err); got != "MalformedXML" {
		t.Errorf("PutBucketEncryption rot13: %q, want MalformedXML", got)
	}
}

// TestMaxKeysZero pins S3 API Reference, ListObjectsV2 (max-keys: "the
// response might contain fewer keys but will never contain more"; when
// IsTruncated is true a NextContinuationToken is sent): max-keys=0
// answers an empty page that is not truncated, as S3 does, so a client
// that pages until IsTruncated is false stops.
func TestMaxKeysZero(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "zero")
	for _, k := range []string{"a", "b"} {
		if err := srv.PutObject("zero", k, []byte(k), nil); err != nil {
			t.Fatal(err)
		}
	}
	b := aws.String("zero")
	type page struct {
		Keys      int
		Truncated bool
		Token     string
	}
	v2, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: b, MaxKeys: aws.Int32(0)})
	if err != nil {
		t.Fatal(err)
	}
	v1, err := c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: b, MaxKeys: aws.Int32(0)})
	if err != nil {
		t.Fatal(err)
	}
	vs, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: b, MaxKeys: aws.Int32(0)})
	if err != nil {
		t.Fatal(err)
	}
	got := []page{
		{len(v2.Contents), aws.ToBool(v2.IsTruncated), aws.ToString(v2.NextContinuationToken)},
		{len(v1.Contents), aws.ToBool(v1.IsTruncated), aws.ToString(v1.NextMarker)},
		{len(vs.Versions), aws.ToBool(vs.IsTruncated), aws.ToString(vs.NextKeyMarker)},
	}
	if diff := cmp.Diff([]page{{}, {}, {}}, got); diff != "" {
		t.Errorf("max-keys=0 pages (-want +got):\n%s", diff)
	}
	if aws.ToInt32(v2.KeyCount) != 0 || aws.ToInt32(v2.MaxKeys) != 0 {
		t.Errorf("ListObjectsV2 KeyCount %v MaxKeys %v, want 0 and 0", v2.KeyCount, v2.MaxKeys)
	}
}

// TestNoDisplayName pins S3 API Reference, Owner: S3 stopped returning
// DisplayName in November 2025; the canonical ID stays.
func TestNoDisplayName(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "names")
	if err := srv.PutObject("names", "k", []byte("x"), nil); err != nil {
		t.Fatal(err)
	}
	b := aws.String("names")
	var owners []*types.Owner
	lb, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		t.Fatal(err)
	}
	owners = append(owners, lb.Owner)
	v1, err := c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: b})
	if err != nil {
		t.Fatal(err)
	}
	owners = append(owners, v1.Contents[0].Owner)
	v2, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: b, FetchOwner: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	owners = append(owners, v2.Contents[0].Owner)
	vs, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: b})
	if err != nil {
		t.Fatal(err)
	}
	owners = append(owners, vs.Versions[0].Owner)
	acl, err := c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: b})
	if err != nil {
		t.Fatal(err)
	}
	owners = append(owners, acl.Owner)
	for i, o := range owners {
		if o == nil || aws.ToString(o.ID) == "" || o.DisplayName != nil {
			t.Errorf("owner %d = %+v, want an ID and no DisplayName", i, o)
		}
	}
	for _, g := range acl.Grants {
		if g.Grantee.DisplayName != nil {
			t.Errorf("grantee %+v has a DisplayName", g.Grantee)
		}
	}
}
