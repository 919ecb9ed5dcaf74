// Package suite is a conformance suite for goboto's s3 package: one set of
// tests that runs unchanged against any S3 server, so that the in-process
// fake (s3test) and a real server (MinIO) are held to the same behaviour.
//
// Where backends are known to answer differently, Differences says so, and
// each flag's comment says which answer matches Amazon S3. A test that
// meets a difference checks the backend's documented answer instead of
// skipping, so a flag that is no longer true shows up as a failure.
package suite

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
)

// Env is one backend the suite runs against.
type Env struct {
	// Name names the backend in failure messages ("s3test", "minio").
	Name string
	// Conn is a goboto connection to the backend, in Region us-east-1.
	Conn *s3.Conn
	// HTTPClient sends presigned requests; nil means http.DefaultClient.
	HTTPClient *http.Client
	// NewBucketName returns a bucket name not used before; nil means
	// Names("gbt").
	NewBucketName func() string
	// Diff lists the backend's known differences.
	Diff Differences
}

// Differences are the places a backend is known to answer otherwise than
// Amazon S3. Each flag says which answer matches S3 and on what evidence.
type Differences struct {
	// RecreateOwnedBucketFails: creating again a bucket you own in
	// us-east-1 fails with BucketAlreadyOwnedByYou. S3 answers 200 OK
	// there, for legacy compatibility, and BucketAlreadyOwnedByYou only in
	// the other regions (the BucketAlreadyOwnedByYou error's documentation
	// in the S3 API model). MinIO differs from S3.
	RecreateOwnedBucketFails bool
	// LocationConstraintIgnored: CreateBucket puts every bucket in the
	// server's one region whatever its LocationConstraint says, accepting
	// an explicit "us-east-1". S3 creates the bucket in the region named
	// (sent to us-east-1) and refuses an explicit "us-east-1" with
	// InvalidLocationConstraint (CreateBucketConfiguration reference;
	// boto/boto3#125). MinIO differs from S3.
	LocationConstraintIgnored bool
	// IfModifiedSinceBeatsIfNoneMatch: a GET whose If-None-Match holds
	// (the ETag differs) but whose If-Modified-Since fails answers 304.
	// RFC 7232 section 3.3, which the S3 GetObject reference points to,
	// says If-Modified-Since is ignored when If-None-Match is present, so
	// the answer is 200. MinIO differs.
	IfModifiedSinceBeatsIfNoneMatch bool
	// EmptyCompleteInvalidRequest: CompleteMultipartUpload with a body
	// listing no parts answers InvalidRequest ("You must specify at least
	// one part"). S3 answers MalformedXML to such a body (seen against S3
	// in apache/arrow-rs#5404, versity/versitygw#1328, apache/ozone#10731);
	// InvalidRequest is its answer to a request with no body at all.
	// MinIO differs.
	EmptyCompleteInvalidRequest bool
	// RejectsOddKeys: keys with an empty path segment inside ("a//b") or
	// a "." segment ("./x") are refused (XMinioInvalidObjectName,
	// XMinioInvalidResourceName), and leading slashes are dropped ("/x"
	// is stored as "x"). S3 keeps any UTF-8 key of at most 1024 bytes as
	// it is (Object key naming guidelines). MinIO differs, by design: it
	// stores objects as files.
	RejectsOddKeys bool
	// PolicyNotValidated: PutBucketPolicy accepts any JSON object, even
	// one without a Statement. S3 answers 400 MalformedPolicy ("Missing
	// required field Statement"). Both s3test and MinIO differ.
	PolicyNotValidated bool
	// HeadersNotChecked: any x-amz-storage-class and
	// x-amz-server-side-encryption value is stored. S3 refuses an unknown
	// storage class with 400 InvalidStorageClass (Error responses list)
	// and an unknown encryption with 400 InvalidArgument, "The encryption
	// method specified is not supported". s3test differs.
	HeadersNotChecked bool
	// OnlyStandardStorage: only STANDARD and REDUCED_REDUNDANCY storage
	// classes are accepted; STANDARD_IA and the others answer 400
	// InvalidStorageClass. S3 accepts them all. MinIO differs (it takes
	// others only with tiers configured).
	OnlyStandardStorage bool
	// NoDefaultEncryption: objects put without encryption headers are
	// stored unencrypted, so HeadObject has no
	// x-amz-server-side-encryption. S3 applies SSE-S3 (AES256) to every
	// new object since 5 January 2023 and says so in HeadObject. MinIO
	// differs. (With a KMS key configured, as the tests start it, MinIO
	// does honour explicit AES256 and aws:kms.)
	NoDefaultEncryption bool
	// NoCORS: PutBucketCors and DeleteBucketCors answer NotImplemented
	// (501) and GetBucketCors always NoSuchCORSConfiguration. S3 supports
	// CORS. MinIO differs.
	NoCORS bool
	// NoWebsite: PutBucketWebsite is refused with 400 MalformedXML (for a
	// well-formed document s3test accepts), and GetBucketWebsite always
	// answers NoSuchWebsiteConfiguration. S3 supports website
	// configurations. MinIO differs; it means to answer NotImplemented
	// (its router lists PUT ?website as rejected) but does not.
	NoWebsite bool
	// NoACLs: ACLs and ownership are not modelled. ACLs have an empty
	// owner ID, writing any ACL but private answers NotImplemented (501),
	// and GetBucketOwnershipControls and GetPublicAccessBlock answer
	// NotImplemented. S3 gives new buckets Object Ownership
	// BucketOwnerEnforced, so it answers 400 AccessControlListNotSupported
	// to such ACL writes, and turns all four Block Public Access settings
	// on (S3 User Guide, "Controlling ownership of objects and disabling
	// ACLs"; the April 2023 change of defaults). MinIO differs.
	NoACLs bool
	// LifecycleNoAbortMultipart: AbortIncompleteMultipartUpload in a
	// lifecycle rule is not kept: beside another action it is dropped
	// without a word, alone it leaves a rule with no action, refused as
	// not well-formed XML (InvalidArgument). S3 keeps it. MinIO differs
	// (its lifecycle.Rule has no such field).
	LifecycleNoAbortMultipart bool
}

// Names returns a NewBucketName for names "<prefix>-<random>-<n>": the
// random part keeps runs against a shared server apart.
func Names(prefix string) func() string {
	var b [4]byte
	rand.Read(b[:]) // never fails (Go 1.24 and later)
	tag := prefix + "-" + hex.EncodeToString(b[:]) + "-"
	var n atomic.Int64
	return func() string { return tag + strconv.FormatInt(n.Add(1), 10) }
}

// Run runs the whole suite against env as subtests of t.
func Run(t *testing.T, env Env) {
	if env.Conn == nil {
		t.Fatal("suite: Env.Conn is nil")
	}
	if env.HTTPClient == nil {
		env.HTTPClient = http.DefaultClient
	}
	if env.NewBucketName == nil {
		env.NewBucketName = Names("gbt")
	}
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, *Env)
	}{
		{"Buckets", testBuckets},
		{"BucketErrors", testBucketErrors},
		{"BucketRegion", testBucketRegion},
		{"Objects", testObjects},
		{"KeyNames", testKeyNames},
		{"Digests", testDigests},
		{"Storage", testStorage},
		{"Ranges", testRanges},
		{"Conditionals", testConditionals},
		{"Copy", testCopy},
		{"DeleteKeys", testDeleteKeys},
		{"Listing", testListing},
		{"ListingPages", testListingPages},
		{"Thousand", testThousand},
		{"Multipart", testMultipart},
		{"MultipartErrors", testMultipartErrors},
		{"MultipartDeleteBucket", testMultipartDeleteBucket},
		{"MultipartReupload", testMultipartReupload},
		{"Presign", testPresign},
		{"Versioning", testVersioning},
		{"Policy", testPolicy},
		{"CORS", testCORS},
		{"Lifecycle", testLifecycle},
		{"Website", testWebsite},
		{"ACL", testACL},
		{"Transfers", testTransfers},
		{"TransferFailures", testTransferFailures},
		{"MultipartCopy", testMultipartCopy},
		{"Versions", testVersions},
		{"PresignPost", testPresignPost},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, &env) })
	}
}

// bucket creates a fresh bucket for t and empties and deletes it when t
// ends, so a shared server is left as it was found.
func (e *Env) bucket(t *testing.T) *s3.Bucket {
	t.Helper()
	ctx := context.Background()
	b, err := e.Conn.CreateBucket(ctx, e.NewBucketName())
	if err != nil {
		t.Fatalf("%s: CreateBucket: %v", e.Name, err)
	}
	t.Cleanup(func() { e.remove(t, b) })
	return b
}

// remove empties and deletes b, ignoring a bucket already gone.
func (e *Env) remove(t *testing.T, b *s3.Bucket) {
	ctx := context.Background()
	var keys []string
	for k, err := range b.Keys(ctx) {
		if err != nil {
			if code(err) != "NoSuchBucket" {
				t.Errorf("%s: cleanup: listing %s: %v", e.Name, b.Name, err)
			}
			return
		}
		keys = append(keys, k.Name)
	}
	if len(keys) > 0 {
		if err := b.DeleteKeys(ctx, keys); err != nil {
			t.Errorf("%s: cleanup: emptying %s: %v", e.Name, b.Name, err)
		}
	}
	if err := b.Delete(ctx); err != nil && code(err) != "NoSuchBucket" {
		t.Errorf("%s: cleanup: deleting %s: %v", e.Name, b.Name, err)
	}
}

// code is the S3 error code of err, "" when err is nil or not an API
// error.
func code(err error) string {
	var ae *goboto.APIError
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}

// status is the HTTP status of err, 0 when err is not an API error.
func status(err error) int {
	var ae *goboto.APIError
	if errors.As(err, &ae) {
		return ae.StatusCode
	}
	return 0
}

// wantCode fails t unless err is an API error with code and HTTP status.
func (e *Env) wantCode(t *testing.T, what string, err error, wantCode string, wantStatus int) {
	t.Helper()
	if got, st := code(err), status(err); got != wantCode || st != wantStatus {
		t.Errorf("%s: %s: err = %v (code %q, status %d); want code %q, status %d",
			e.Name, what, err, got, st, wantCode, wantStatus)
	}
}

// wantValidation fails t unless err is a *goboto.ValidationError for field.
func (e *Env) wantValidation(t *testing.T, what string, err error, field string) {
	t.Helper()
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) || ve.Field != field {
		t.Errorf("%s: %s: err = %v; want a ValidationError for %s", e.Name, what, err, field)
	}
}
