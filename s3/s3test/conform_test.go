package s3test

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// s3DocumentedCodes are the error codes of the S3 API Reference, "Error
// responses", "List of error codes"
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList),
// and the few S3 documents elsewhere, each cited.
var s3DocumentedCodes = []string{
	"AccessControlListNotSupported", "AccessDenied", "AccessPointAlreadyOwnedByYou", "AccountProblem",
	"AllAccessDisabled", "AmbiguousGrantByEmailAddress", "AuthorizationHeaderMalformed",
	"AuthorizationQueryParametersError", "BadDigest", "BucketAlreadyExists", "BucketAlreadyOwnedByYou",
	"BucketNotEmpty", "ClientTokenConflict", "ConditionalRequestConflict", "CredentialsNotSupported",
	"CrossLocationLoggingProhibited", "EncryptionTypeMismatch", "EntityTooLarge", "EntityTooSmall",
	"ExpiredToken", "IllegalLocationConstraintException", "IllegalVersioningConfigurationException",
	"IncompleteBody", "IncorrectNumberOfFilesInPostRequest", "InlineDataTooLarge", "InternalError",
	"InvalidAccessKeyId", "InvalidAccessPoint", "InvalidAccessPointAliasError", "InvalidAddressingHeader",
	"InvalidArgument", "InvalidBucketAclWithObjectOwnership", "InvalidBucketName", "InvalidBucketOwnerAWSAccountID",
	"InvalidBucketState", "InvalidDigest", "InvalidEncryptionAlgorithmError", "InvalidLocationConstraint",
	"InvalidObjectState", "InvalidPart", "InvalidPartOrder", "InvalidPayer", "InvalidPolicyDocument",
	"InvalidRange", "InvalidRequest", "InvalidSecurity", "InvalidSOAPRequest", "InvalidStorageClass",
	"InvalidTag", "InvalidTargetBucketForLogging", "InvalidToken", "InvalidURI", "InvalidWriteOffset",
	"KeyTooLongError", "MalformedACLError", "MalformedPOSTRequest", "MalformedPolicy", "MalformedXML",
	"MaxMessageLengthExceeded", "MaxPostPreDataLengthExceededError", "MetadataTooLarge", "MethodNotAllowed",
	"MissingAttachment", "MissingContentLength", "MissingRequestBodyError", "MissingSecurityElement",
	"MissingSecurityHeader", "NoLoggingStatusForKey", "NoSuchBucket", "NoSuchBucketPolicy",
	"NoSuchCORSConfiguration", "NoSuchKey", "NoSuchLifecycleConfiguration", "NoSuchPublicAccessBlockConfiguration",
	"NoSuchTagSet", "NoSuchUpload", "NoSuchVersion", "NoSuchWebsiteConfiguration", "NotImplemented",
	"NotModified", "NotSignedUp", "ObjectLockConfigurationNotFoundError", "OperationAborted",
	"OwnershipControlsNotFoundError", "PermanentRedirect", "PreconditionFailed", "Redirect",
	"ReplicationConfigurationNotFoundError", "RequestHeaderSectionTooLarge", "RequestIsNotMultiPartContent",
	"RequestTimeout", "RequestTimeTooSkewed", "RequestTorrentOfBucketError", "RestoreAlreadyInProgress",
	"ServerSideEncryptionConfigurationNotFoundError", "ServiceUnavailable", "SignatureDoesNotMatch", "SlowDown",
	"TemporaryRedirect", "TokenRefreshRequired", "TooManyAccessPoints", "TooManyBuckets", "TooManyParts",
	"UnexpectedContent", "UnresolvableGrantByEmailAddress", "UserKeyMustBeSpecified",
	// S3 API Reference, GetBucketAnalyticsConfiguration and the other
	// configurations by ID: NoSuchConfiguration for an ID that is not set.
	"NoSuchConfiguration",
	// S3 User Guide, "Blocking public access": an ACL that grants public
	// access while BlockPublicAcls is set.
	"InvalidBucketAclWithBlockPublicAccessError",
	// S3 User Guide, "Categorizing your objects using tags": more than 10
	// tags on an object is 400 BadRequest.
	"BadRequest",
	// S3 API Reference, GetObject, partNumber: a part that does not exist
	// is 416 InvalidPartNumber.
	"InvalidPartNumber",
	// S3 API Reference, HeadBucket and HeadObject: an error answer has no
	// body, only its status; s3ErrorCode reads 404 as NotFound, as the
	// SDKs do.
	"NotFound",
}

// s3Aliases are the deprecated operations whose requests are the same as
// a current one's, which the fake answers as that one (S3 API Reference,
// GetBucketLifecycle: "this operation is deprecated ... use
// GetBucketLifecycleConfiguration"; the same for PutBucketLifecycle and
// the notification pair).
var s3Aliases = map[string]string{
	"GetBucketLifecycle":    "GetBucketLifecycleConfiguration",
	"PutBucketLifecycle":    "PutBucketLifecycleConfiguration",
	"GetBucketNotification": "GetBucketNotificationConfiguration",
	"PutBucketNotification": "PutBucketNotificationConfiguration",
}

// s3ErrorCode reads an S3 error answer's code; a HEAD's error has no
// body, so its status names it, as the SDKs do (404 NotFound).
func s3ErrorCode(status int, h http.Header, body []byte) string {
	if c := awsmodel.ErrorCode(h, body); c != "" {
		return c
	}
	switch status {
	case http.StatusNotFound:
		return "NotFound"
	case http.StatusForbidden:
		return "AccessDenied"
	case http.StatusPreconditionFailed:
		return "PreconditionFailed"
	case http.StatusNotModified:
		return "NotModified"
	}
	return ""
}

// s3Conform is the S3 case for awsmodel.Conform against srv.
func s3Conform(t *testing.T, m *awsmodel.Model, srv *Server) awsmodel.Case {
	t.Helper()
	c := awsmodel.NewCase(t, m, srv, "us-east-1", srv.stateDigest)
	c.Implemented = func(op string) bool { return srv.ops[op] != nil || srv.ops[s3Aliases[op]] != nil }
	// S3 API Reference, Error responses: NotImplemented, "A header you
	// provided implies functionality that is not implemented".
	c.NotImplementedCodes = []string{"NotImplemented"}
	c.ExtraErrorCodes = s3DocumentedCodes
	c.ErrorCode = s3ErrorCode
	return c
}

// s3Seed is what seedS3 made.
type s3Seed struct{ upload, partETag string }

// seedS3 makes a bucket "keep" with an object "obj" and a multipart
// upload of "big" with one part.
func seedS3(t *testing.T, srv *Server) s3Seed {
	t.Helper()
	if err := srv.CreateBucket("", "", "keep"); err != nil {
		t.Fatal(err)
	}
	if err := srv.PutObject("keep", "obj", []byte("precious bytes"), nil); err != nil {
		t.Fatal(err)
	}
	c := s3.NewFromConfig(srv.Config(""), func(o *s3.Options) { o.UsePathStyle = true })
	ctx := context.Background()
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("keep"), Key: aws.String("big")})
	if err != nil {
		t.Fatal(err)
	}
	part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("keep"), Key: aws.String("big"), UploadId: up.UploadId,
		PartNumber: aws.Int32(1), Body: strings.NewReader("part one")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String("keep"), Key: aws.String("obj"),
		Tagging: &s3types.Tagging{TagSet: []s3types.Tag{{Key: aws.String("team"), Value: aws.String("blue")}}}}); err != nil {
		t.Fatal(err)
	}
	return s3Seed{upload: *up.UploadId, partETag: *part.ETag}
}

// values points every operation at what seedS3 made, with bodies S3
// accepts.
func (sd s3Seed) values() awsmodel.Values {
	return awsmodel.Values{
		"*.Bucket":                    "keep",
		"*.Key":                       "obj",
		"*.UploadId":                  sd.upload,
		"*.ExpectedBucketOwner":       awsmodel.Omit,
		"CreateBucket.Bucket":         "fresh-bucket",
		"CopyObject.CopySource":       "keep/obj",
		"CopyObject.Key":              "copy",
		"UploadPartCopy.CopySource":   "keep/obj",
		"UploadPartCopy.Key":          "big",
		"UploadPart.Key":              "big",
		"UploadPart.PartNumber":       "2",
		"ListParts.Key":               "big",
		"AbortMultipartUpload.Key":    "big",
		"CompleteMultipartUpload.Key": "big",
		"CompleteMultipartUpload.MultipartUpload.Parts.1.PartNumber": "1",
		"CompleteMultipartUpload.MultipartUpload.Parts.1.ETag":       sd.partETag,
		"PutBucketAcl.ACL": "private",
		"PutObjectAcl.ACL": "private",
		"PutBucketEncryption.ServerSideEncryptionConfiguration.Rules.1.ApplyServerSideEncryptionByDefault.SSEAlgorithm": "AES256",
		"PutBucketLifecycleConfiguration.LifecycleConfiguration.Rules.1.ID":                                             "r",
		"PutBucketLifecycleConfiguration.LifecycleConfiguration.Rules.1.Filter.Prefix":                                  "",
		"PutBucketLifecycleConfiguration.LifecycleConfiguration.Rules.1.Expiration.Days":                                "1",
		"PutBucketLifecycle.LifecycleConfiguration.Rules.1.ID":                                                          "r",
		"PutBucketLifecycle.LifecycleConfiguration.Rules.1.Prefix":                                                      "",
		"PutBucketLifecycle.LifecycleConfiguration.Rules.1.Status":                                                      "Enabled",
		"PutBucketLifecycle.LifecycleConfiguration.Rules.1.Expiration.Days":                                             "1",
		"DeleteObjects.Delete.Objects.1.Key":                                                                            "obj",
		"GetObjectAttributes.ObjectAttributes.1":                                                                        "ETag",
		"PutObject.Key":                                                                                                 "new",
		"PutObject.Body":                                                                                                "new bytes",
		"PutBucketPolicy.Policy": `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*",` +
			`"Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::keep"}]}`,
		"PutBucketTagging.Tagging.TagSet.1.Key":                        "env",
		"PutBucketTagging.Tagging.TagSet.1.Value":                      "test",
		"PutObjectTagging.Tagging.TagSet.1.Key":                        "env",
		"PutObjectTagging.Tagging.TagSet.1.Value":                      "test",
		"PutBucketVersioning.VersioningConfiguration.Status":           "Enabled",
		"PutBucketRequestPayment.RequestPaymentConfiguration.Payer":    "Requester",
		"PutBucketCors.CORSConfiguration.CORSRules.1.AllowedMethods.1": "GET",
		"PutBucketCors.CORSConfiguration.CORSRules.1.AllowedOrigins.1": "*",
	}
}

// s3SeedFor adds what op needs beyond seedS3: a configuration to read or
// delete.
func s3SeedFor(t *testing.T, srv *Server, op string) {
	t.Helper()
	c := s3.NewFromConfig(srv.Config(""), func(o *s3.Options) { o.UsePathStyle = true })
	ctx := context.Background()
	var err error
	b := aws.String("keep")
	switch op {
	case "GetBucketPolicy", "DeleteBucketPolicy", "GetBucketPolicyStatus":
		_, err = c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b, Policy: aws.String(`{"Version":"2012-10-17",` +
			`"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::keep"}]}`)})
	case "GetBucketTagging", "DeleteBucketTagging":
		_, err = c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b,
			Tagging: &s3types.Tagging{TagSet: []s3types.Tag{{Key: aws.String("env"), Value: aws.String("test")}}}})
	case "GetBucketCors", "DeleteBucketCors":
		_, err = c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: b, CORSConfiguration: &s3types.CORSConfiguration{
			CORSRules: []s3types.CORSRule{{AllowedMethods: []string{"GET"}, AllowedOrigins: []string{"*"}}}}})
	case "GetBucketWebsite", "DeleteBucketWebsite":
		_, err = c.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: b, WebsiteConfiguration: &s3types.WebsiteConfiguration{
			IndexDocument: &s3types.IndexDocument{Suffix: aws.String("index.html")}}})
	case "GetBucketLifecycle", "GetBucketLifecycleConfiguration", "DeleteBucketLifecycle":
		_, err = c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: b,
			LifecycleConfiguration: &s3types.BucketLifecycleConfiguration{Rules: []s3types.LifecycleRule{{
				ID: aws.String("r"), Status: s3types.ExpirationStatusEnabled, Filter: &s3types.LifecycleRuleFilter{Prefix: aws.String("")},
				Expiration: &s3types.LifecycleExpiration{Days: aws.Int32(1)}}}}})
	case "GetPublicAccessBlock", "DeletePublicAccessBlock":
		_, err = c.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: b,
			PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(true)}})
	case "GetBucketOwnershipControls", "DeleteBucketOwnershipControls":
		_, err = c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b,
			OwnershipControls: &s3types.OwnershipControls{Rules: []s3types.OwnershipControlsRule{{ObjectOwnership: s3types.ObjectOwnershipBucketOwnerEnforced}}}})
	case "GetBucketEncryption", "DeleteBucketEncryption":
		_, err = c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b, ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{
			Rules: []s3types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAwsKms}}}}})
	case "DeleteBucket":
		if err = srv.CreateBucket("", "", "empty"); err == nil {
			_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("keep")})
			if err == nil {
				err = errors.New("deleted a bucket with objects")
			} else {
				err = nil
			}
		}
	}
	if err != nil {
		t.Fatalf("seeding for %s: %v", op, err)
	}
}

// s3Reads reports whether op only reads: Get*, Head*, List*.
func s3Read(op string) bool {
	return strings.HasPrefix(op, "Get") || strings.HasPrefix(op, "Head") || strings.HasPrefix(op, "List")
}

// TestConformModel sends every operation of S3's API model to the fake.
// Each operation the package doc lists runs against a freshly seeded fake
// and must succeed, a write changing the state and a read not (or answer
// what S3 documents for that operation); every other operation must be
// NotImplemented with the state unchanged; every error code must be one
// the model or S3's error list declares.
func TestConformModel(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "s3")
	srv0 := Start(t)
	var implemented, others []string
	for _, op := range m.OperationNames() {
		if s3Conform(t, m, srv0).Implemented(op) {
			implemented = append(implemented, op)
		} else {
			others = append(others, op)
		}
	}
	got := map[string]string{}
	for _, op := range implemented {
		t.Run(op, func(t *testing.T) {
			srv := Start(t)
			sd := seedS3(t, srv)
			s3SeedFor(t, srv, op)
			c := s3Conform(t, m, srv)
			c.Only = []string{op}
			c.Overrides = sd.values()
			if op == "DeleteBucket" {
				c.Overrides["DeleteBucket.Bucket"] = "empty"
			}
			c.OperationErrors = s3OperationErrors
			c.Check = func(r awsmodel.Result) error {
				switch {
				case r.Code != "":
				case s3Read(r.Operation) && r.Changed():
					return errors.New("a read changed the state")
				case !s3Read(r.Operation) && !r.Changed() && !slices.Contains(s3UnchangedWrites, r.Operation):
					return errors.New("succeeded but changed nothing")
				}
				return nil
			}
			for _, r := range awsmodel.Conform(t, c) {
				if r.Code != "" {
					got[r.Operation] = r.Code
				}
			}
		})
	}
	if diff := cmp.Diff(s3Unconfigured, got); diff != "" {
		t.Errorf("implemented operations that did not succeed on seeded resources (-want +got):\n%s", diff)
	}
	t.Run("not implemented", func(t *testing.T) {
		srv := Start(t)
		sd := seedS3(t, srv)
		c := s3Conform(t, m, srv)
		c.Only = others
		c.Overrides = sd.values()
		c.Skip = map[string]string{
			// S3 API Reference, ListDirectoryBuckets: served by the
			// s3express-control endpoint; at the S3 endpoint its request,
			// GET /, is ListBuckets, which the fake answers.
			"ListDirectoryBuckets": "the same request as ListBuckets at the S3 endpoint",
		}
		results := awsmodel.Conform(t, c)
		if len(results) != len(others)-len(c.Skip) {
			t.Errorf("sent %d unimplemented operations; want %d", len(results), len(others)-len(c.Skip))
		}
	})
}

// s3Unconfigured are the operations on features the fake's buckets never
// have, with the answer S3 documents for a bucket where the feature was
// never configured (see the package doc).
var s3Unconfigured = map[string]string{
	// S3 API Reference, GetBucketReplication: no replication
	// configuration is 404 ReplicationConfigurationNotFoundError.
	"GetBucketReplication": "ReplicationConfigurationNotFoundError",
	// S3 API Reference, GetObjectLockConfiguration.
	"GetObjectLockConfiguration": "ObjectLockConfigurationNotFoundError",
	// S3 API Reference, GetObjectLegalHold, PutObjectLegalHold,
	// GetObjectRetention, PutObjectRetention: InvalidRequest "Bucket is
	// missing Object Lock Configuration".
	"GetObjectLegalHold": "InvalidRequest",
	"PutObjectLegalHold": "InvalidRequest",
	"GetObjectRetention": "InvalidRequest",
	"PutObjectRetention": "InvalidRequest",
	// S3 API Reference, GetBucketAnalyticsConfiguration and the other
	// configurations by ID: an ID not set is 404 NoSuchConfiguration.
	"GetBucketAnalyticsConfiguration":             "NoSuchConfiguration",
	"DeleteBucketAnalyticsConfiguration":          "NoSuchConfiguration",
	"GetBucketMetricsConfiguration":               "NoSuchConfiguration",
	"DeleteBucketMetricsConfiguration":            "NoSuchConfiguration",
	"GetBucketInventoryConfiguration":             "NoSuchConfiguration",
	"DeleteBucketInventoryConfiguration":          "NoSuchConfiguration",
	"GetBucketIntelligentTieringConfiguration":    "NoSuchConfiguration",
	"DeleteBucketIntelligentTieringConfiguration": "NoSuchConfiguration",
}

// s3OperationErrors are the codes S3 documents for an operation that the
// model does not list under it: the unconfigured features' answers.
var s3OperationErrors = func() map[string][]string {
	out := map[string][]string{}
	for op, code := range s3Unconfigured {
		out[op] = []string{code}
	}
	return out
}()

// s3UnchangedWrites succeed without changing what the fake keeps: S3 API
// Reference, DeleteBucketReplication on a bucket with no replication
// configuration answers 204 and there is nothing to delete.
var s3UnchangedWrites = []string{"DeleteBucketReplication"}

// TestConformModelMinimal sends each implemented operation's minimal
// request (placeholder names: bucket "goboto", which does not exist) to an
// empty fake: each answer must be a code S3 documents (S3 lists its codes
// for every operation together, so any of them may answer any operation)
// and change nothing.
func TestConformModelMinimal(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "s3")
	srv := Start(t)
	c := s3Conform(t, m, srv)
	c.OperationErrors = map[string][]string{}
	for _, op := range m.OperationNames() {
		if c.Implemented(op) && op != "CreateBucket" && op != "ListBuckets" {
			c.Only = append(c.Only, op)
			c.OperationErrors[op] = s3DocumentedCodes
		}
	}
	codes := map[string]int{}
	c.Check = func(r awsmodel.Result) error {
		codes[r.Code]++
		if r.Code == "" && r.Changed() {
			return errors.New("changed the state of an empty fake")
		}
		return nil
	}
	awsmodel.Conform(t, c)
	// Every operation here addresses a bucket that does not exist.
	if codes[""] > 0 || codes["NoSuchBucket"] == 0 {
		t.Errorf("answers by code: %v; want every one refused, most NoSuchBucket", codes)
	}
}

// Every error code written in the fake's source is in S3's error list (or
// cited beside it), so the paths the conformance runs do not reach are
// held to the same list.
func TestSourceCodesAreDocumented(t *testing.T) {
	codes := sourceCodes(t, `s3err\([^,]+, *"([A-Za-z.]+)"|Code: *"([A-Za-z.]+)"`)
	if len(codes) < 30 {
		t.Fatalf("found only %d error codes in the source; the pattern is stale", len(codes))
	}
	for _, code := range codes {
		if !slices.Contains(s3DocumentedCodes, code) {
			t.Errorf("error code %s is not in S3's error list", code)
		}
	}
}

// sourceCodes returns the first non-empty group of every match of expr in
// the package's non-test Go files.
func sourceCodes(t *testing.T, expr string) []string {
	t.Helper()
	re := regexp.MustCompile(expr)
	var out []string
	for _, f := range awsmodel.Source(t) {
		for _, m := range re.FindAllStringSubmatch(f.Text, -1) {
			for _, g := range m[1:] {
				if g != "" && !slices.Contains(out, g) {
					out = append(out, g)
				}
			}
		}
	}
	return out
}
