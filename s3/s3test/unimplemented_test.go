package s3test_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/s3/s3test"
)

// rawAnswer is the status and error code of an answer.
type rawAnswer struct {
	Status int
	Code   string
}

// do sends method path (with its query) to srv, signed, with headers and
// body, and returns the status, the error code and the body.
func do(t *testing.T, srv *s3test.Server, method, path string, header http.Header, body string) (rawAnswer, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
	cfg := srv.Config("")
	creds, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, "UNSIGNED-PAYLOAD", "s3", cfg.Region, time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var e struct{ Code string }
	if resp.StatusCode >= 300 {
		xml.Unmarshal(data, &e)
	}
	return rawAnswer{resp.StatusCode, e.Code}, data
}

// seedState gives srv a bucket "keep" with a policy, an object "obj" with
// tags and a multipart upload in progress, so a request that wrongly
// changed or deleted anything shows in the digest.
func seedState(t *testing.T, srv *s3test.Server) {
	t.Helper()
	ctx := context.Background()
	c := client(srv)
	mustBucket(t, c, "keep")
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("keep"), Key: aws.String("obj"),
		Body: strings.NewReader("precious bytes"), Tagging: aws.String("team=blue")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("keep"), Key: aws.String("big")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("keep"),
		Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::keep"}]}`)}); err != nil {
		t.Fatal(err)
	}
}

// TestNeverDestroys sends requests the fake does not implement, or that
// name features its buckets never have, and checks each gets S3's answer
// and leaves the state exactly as it was. Before, PUT ?legal-hold and PUT
// ?retention overwrote the object with the request's XML, DELETE
// ?replication and DELETE ?metrics deleted the bucket, and GET
// ?replication, ?object-lock, ?requestPayment and ?accelerate answered a
// ListObjects body.
func TestNeverDestroys(t *testing.T) {
	srv := s3test.Start(t)
	seedState(t, srv)
	hdr := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	notImpl := rawAnswer{501, "NotImplemented"}
	// S3 API Reference, PutObjectLegalHold / PutObjectRetention /
	// GetObjectLegalHold / GetObjectRetention: Object Lock must be on the
	// bucket; without it S3 answers InvalidRequest "Bucket is missing
	// Object Lock Configuration".
	noLock := rawAnswer{400, "InvalidRequest"}
	// S3 API Reference, GetBucketMetricsConfiguration and the other ID
	// configurations: an ID that does not exist is 404 NoSuchConfiguration.
	noConfig := rawAnswer{404, "NoSuchConfiguration"}
	tests := []struct {
		name, method, path string
		header             http.Header
		body               string
		want               rawAnswer
	}{
		{"put-object-legal-hold", "PUT", "/keep/obj?legal-hold", nil, `<LegalHold><Status>ON</Status></LegalHold>`, noLock},
		{"get-object-legal-hold", "GET", "/keep/obj?legal-hold", nil, "", noLock},
		{"put-object-retention", "PUT", "/keep/obj?retention", nil,
			`<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate></Retention>`, noLock},
		{"get-object-retention", "GET", "/keep/obj?retention", nil, "", noLock},
		// S3 API Reference, GetBucketReplication: a bucket without one
		// answers 404 ReplicationConfigurationNotFoundError; deleting
		// none succeeds with 204.
		{"get-bucket-replication", "GET", "/keep?replication", nil, "", rawAnswer{404, "ReplicationConfigurationNotFoundError"}},
		{"delete-bucket-replication", "DELETE", "/keep?replication", nil, "", rawAnswer{204, ""}},
		{"put-bucket-replication", "PUT", "/keep?replication", nil, `<ReplicationConfiguration/>`, notImpl},
		{"delete-bucket-metrics-configuration", "DELETE", "/keep?metrics&id=all", nil, "", noConfig},
		{"get-bucket-metrics-configuration", "GET", "/keep?metrics&id=all", nil, "", noConfig},
		{"put-bucket-metrics-configuration", "PUT", "/keep?metrics&id=all", nil, `<MetricsConfiguration><Id>all</Id></MetricsConfiguration>`, notImpl},
		{"list-bucket-metrics-configurations", "GET", "/keep?metrics", nil, "", rawAnswer{200, ""}},
		{"delete-bucket-analytics-configuration", "DELETE", "/keep?analytics&id=a", nil, "", noConfig},
		{"delete-bucket-inventory-configuration", "DELETE", "/keep?inventory&id=a", nil, "", noConfig},
		{"delete-bucket-intelligent-tiering-configuration", "DELETE", "/keep?intelligent-tiering&id=a", nil, "", noConfig},
		// S3 API Reference, GetObjectLockConfiguration: a bucket without
		// one answers 404 ObjectLockConfigurationNotFoundError.
		{"get-object-lock-configuration", "GET", "/keep?object-lock", nil, "", rawAnswer{404, "ObjectLockConfigurationNotFoundError"}},
		{"put-object-lock-configuration", "PUT", "/keep?object-lock", nil, `<ObjectLockConfiguration/>`, notImpl},
		{"get-bucket-request-payment", "GET", "/keep?requestPayment", nil, "", rawAnswer{200, ""}},
		{"get-bucket-accelerate-configuration", "GET", "/keep?accelerate", nil, "", rawAnswer{200, ""}},
		{"put-bucket-accelerate-configuration", "PUT", "/keep?accelerate", nil, `<AccelerateConfiguration><Status>Enabled</Status></AccelerateConfiguration>`, notImpl},
		// Used to answer the object's bytes.
		{"get-object-attributes", "GET", "/keep/obj?attributes", hdr("X-Amz-Object-Attributes", "ETag"), "", rawAnswer{200, ""}},
		{"get-object-torrent", "GET", "/keep/obj?torrent", nil, "", notImpl},
		{"restore-object", "POST", "/keep/obj?restore", nil, `<RestoreRequest><Days>1</Days></RestoreRequest>`, notImpl},
		{"select-object-content", "POST", "/keep/obj?select&select-type=2", nil, `<SelectObjectContentRequest/>`, notImpl},
		{"rename-object", "PUT", "/keep/obj?renameObject", hdr("X-Amz-Rename-Source", "/keep/obj"), "", notImpl},
		{"update-object-encryption", "PUT", "/keep/obj?encryption", nil, `<ObjectEncryption/>`, notImpl},
		{"put-bucket-notification-configuration", "PUT", "/keep?notification", nil, `<NotificationConfiguration/>`, notImpl},
		{"put-bucket-logging", "PUT", "/keep?logging", nil, `<BucketLoggingStatus/>`, notImpl},
		{"get-bucket-policy-status", "GET", "/keep?policyStatus", nil, "", notImpl},
		{"create-session", "GET", "/keep?session", nil, "", notImpl},
		{"write-get-object-response", "POST", "/WriteGetObjectResponse", nil, "data", notImpl},
		// Subresources S3 does not have never fall through.
		{"unknown object PUT", "PUT", "/keep/obj?frobnicate", nil, "overwrite?", notImpl},
		{"unknown object DELETE", "DELETE", "/keep/obj?frobnicate", nil, "", notImpl},
		{"unknown bucket DELETE", "DELETE", "/keep?frobnicate", nil, "", notImpl},
		{"unknown bucket GET", "GET", "/keep?frobnicate", nil, "", notImpl},
		{"subresource with another method", "DELETE", "/keep?versioning", nil, "", notImpl},
		{"bucket subresource on an object", "PUT", "/keep/obj?versioning", nil, "<VersioningConfiguration/>", notImpl},
		// Headers that would change what a write means.
		{"object lock header", "PUT", "/keep/obj", hdr("X-Amz-Object-Lock-Legal-Hold", "ON"), "replaced", noLock},
		{"conditional write", "PUT", "/keep/obj", hdr("If-None-Match", "*"), "replaced", notImpl},
		{"SSE-C", "PUT", "/keep/obj", hdr("X-Amz-Server-Side-Encryption-Customer-Algorithm", "AES256"), "replaced", notImpl},
		{"bucket with object lock", "PUT", "/locked", hdr("X-Amz-Bucket-Object-Lock-Enabled", "true"), "", notImpl},
		// Body elements asking for what the fake does not do: refused by
		// name, never ignored (a conditional delete would otherwise
		// delete what its condition protects).
		{"conditional delete", "POST", "/keep?delete", hdr("Content-MD5", md5Of(condDelete)), condDelete, notImpl},
		{"MFA delete", "PUT", "/keep?versioning", nil,
			`<VersioningConfiguration><Status>Enabled</Status><MFADelete>Enabled</MFADelete></VersioningConfiguration>`, notImpl},
		{"blocked encryption types", "PUT", "/keep?encryption", nil,
			`<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>` +
				`<BlockedEncryptionTypes><EncryptionType>SSE-C</EncryptionType></BlockedEncryptionTypes></Rule></ServerSideEncryptionConfiguration>`, notImpl},
		{"directory bucket", "PUT", "/dir-bucket", nil,
			`<CreateBucketConfiguration><Location><Type>AvailabilityZone</Type><Name>use1-az5</Name></Location>` +
				`<Bucket><DataRedundancy>SingleAvailabilityZone</DataRedundancy><Type>Directory</Type></Bucket></CreateBucketConfiguration>`, notImpl},
		// S3 API Reference, common request headers:
		// x-amz-expected-bucket-owner naming another account is 403.
		{"expected bucket owner", "DELETE", "/keep/obj", hdr("X-Amz-Expected-Bucket-Owner", "999999999999"), "", rawAnswer{403, "AccessDenied"}},
		// S3 User Guide, "Categorizing your storage using tags": at most
		// 10 tags an object, no aws: prefix, no duplicate keys.
		{"eleven object tags", "PUT", "/keep/obj?tagging", nil, tagDoc(11), rawAnswer{400, "BadRequest"}},
		{"aws: tag", "PUT", "/keep/obj?tagging", nil, `<Tagging><TagSet><Tag><Key>aws:x</Key><Value>v</Value></Tag></TagSet></Tagging>`, rawAnswer{400, "InvalidTag"}},
		{"duplicate x-amz-tagging", "PUT", "/keep/obj", hdr("X-Amz-Tagging", "a=1&a=2"), "replaced", rawAnswer{400, "InvalidArgument"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := s3test.Digest(srv.Backend)
			got, body := do(t, srv, tt.method, tt.path, tt.header, tt.body)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s %s (-want +got):\n%s\n%s", tt.method, tt.path, diff, body)
			}
			if after := s3test.Digest(srv.Backend); after != before {
				t.Errorf("%s %s changed the fake's state", tt.method, tt.path)
			}
		})
	}
	if o, ok := srv.Object("keep", "obj"); !ok || string(o.Data) != "precious bytes" {
		t.Errorf("keep/obj = %q, %v; want the seeded bytes", o.Data, ok)
	}
}

// condDelete is a DeleteObjects body whose object carries a condition.
const condDelete = `<Delete><Object><Key>obj</Key><ETag>"not-its-etag"</ETag></Object></Delete>`

// md5Of is the Content-MD5 of s.
func md5Of(s string) string {
	sum := md5.Sum([]byte(s))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// tagDoc is a Tagging document of n distinct tags.
func tagDoc(n int) string {
	var b bytes.Buffer
	b.WriteString("<Tagging><TagSet>")
	for i := range n {
		b.WriteString("<Tag><Key>k" + string(rune('a'+i)) + "</Key><Value>v</Value></Tag>")
	}
	b.WriteString("</TagSet></Tagging>")
	return b.String()
}

// TestDigestSeesChanges keeps TestNeverDestroys honest: the digest moves
// with each kind of change it must notice.
func TestDigestSeesChanges(t *testing.T) {
	srv := s3test.Start(t)
	seedState(t, srv)
	ctx := context.Background()
	c := client(srv)
	changes := []struct {
		name string
		fn   func() error
	}{
		{"object bytes", func() error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("keep"), Key: aws.String("obj"), Body: strings.NewReader("precious byteZ"),
				Tagging: aws.String("team=blue")})
			return err
		}},
		{"object tags", func() error {
			_, err := c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: aws.String("keep"), Key: aws.String("obj")})
			return err
		}},
		{"bucket tags", func() error {
			_, err := c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String("keep"),
				Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("env"), Value: aws.String("test")}}}})
			return err
		}},
		{"request payment", func() error {
			_, err := c.PutBucketRequestPayment(ctx, &s3.PutBucketRequestPaymentInput{Bucket: aws.String("keep"),
				RequestPaymentConfiguration: &types.RequestPaymentConfiguration{Payer: types.PayerRequester}})
			return err
		}},
		{"upload", func() error {
			_, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("keep"), Key: aws.String("big")})
			return err
		}},
		{"bucket", func() error {
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("another")})
			return err
		}},
	}
	for _, ch := range changes {
		before := s3test.Digest(srv.Backend)
		if err := ch.fn(); err != nil {
			t.Fatalf("%s: %v", ch.name, err)
		}
		if s3test.Digest(srv.Backend) == before {
			t.Errorf("%s: digest unchanged", ch.name)
		}
	}
}

// A CompleteMultipartUpload naming a part checksum the fake cannot check
// (MD5, SHA-512, XXHASH) is refused by name, and the upload stays open:
// accepting it would claim a check that never happened.
func TestCompleteRefusesUncheckedChecksums(t *testing.T) {
	srv := s3test.Start(t)
	seedState(t, srv)
	c := client(srv)
	ctx := context.Background()
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("keep"), Key: aws.String("parts")})
	if err != nil {
		t.Fatal(err)
	}
	part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("keep"), Key: aws.String("parts"), UploadId: up.UploadId,
		PartNumber: aws.Int32(1), Body: strings.NewReader("one part")})
	if err != nil {
		t.Fatal(err)
	}
	for _, el := range []string{"ChecksumMD5", "ChecksumSHA512", "ChecksumXXHASH64", "ChecksumXXHASH3", "ChecksumXXHASH128"} {
		before := s3test.Digest(srv.Backend)
		body := `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>` + aws.ToString(part.ETag) +
			`</ETag><` + el + `>AAAA</` + el + `></Part></CompleteMultipartUpload>`
		got, answer := do(t, srv, "POST", "/keep/parts?uploadId="+aws.ToString(up.UploadId), nil, body)
		if got != (rawAnswer{501, "NotImplemented"}) || !strings.Contains(string(answer), el) {
			t.Errorf("%s: %+v %s; want 501 NotImplemented naming it", el, got, answer)
		}
		if s3test.Digest(srv.Backend) != before {
			t.Errorf("%s: the refused completion changed the fake's state", el)
		}
	}
}
