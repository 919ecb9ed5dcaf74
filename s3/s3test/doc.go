// Package s3test is an in-process fake of Amazon S3 for tests, built on
// goboto's shared fake machinery: it checks SigV4 signatures against the
// fake's test accounts, records every call, and can be told to fail with
// Faults.
//
//	srv := s3test.Start(t)
//	client := s3.NewFromConfig(srv.Config(""), func(o *s3.Options) { o.UsePathStyle = true })
//
// The fake listens on 127.0.0.1, so clients must use path-style addresses
// (http://127.0.0.1:port/bucket/key); goboto's s3 package does so by
// itself when an endpoint is set. Virtual-host-style requests are
// understood too when the Host is <bucket>.s3[.<region>].amazonaws.com or
// <bucket>.localhost[:port]. Keys are the URL path after the bucket,
// percent-decoded once.
//
// It answers ListBuckets (with prefix, bucket-region, max-buckets and continuation-token), CreateBucket (with CreateBucketConfiguration),
// DeleteBucket, HeadBucket, GetBucketLocation, PutObject, GetObject,
// HeadObject, DeleteObject, DeleteObjects, CopyObject, ListObjects,
// ListObjectsV2, ListObjectVersions, CreateMultipartUpload, UploadPart,
// UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload, ListParts
// and ListMultipartUploads, the ACL, ownership, public access block,
// versioning, policy, CORS, lifecycle, website, default encryption,
// request payment and tagging operations and GetObjectAttributes, in S3's
// XML, with S3's error codes (NoSuchBucket, NoSuchKey, NoSuchVersion,
// BucketAlreadyExists, BucketAlreadyOwnedByYou, InvalidBucketName,
// InvalidLocationConstraint, IllegalLocationConstraintException,
// BucketNotEmpty, BadDigest, InvalidDigest, InvalidRange,
// PreconditionFailed, MalformedXML, InvalidArgument, InvalidRequest,
// NoSuchUpload, InvalidPart, InvalidPartOrder, EntityTooSmall,
// AccessControlListNotSupported, MethodNotAllowed, InvalidStorageClass,
// MalformedPolicy, InvalidTag, NoSuchTagSet) and x-amz-request-id
// and x-amz-id-2 on every answer.
//
// # What it does not implement
//
// Operation names every operation of S3's API model, from the method,
// whether a bucket or an object is addressed, the query subresource and,
// for copies, x-amz-copy-source. A request for an operation the fake does
// not implement, or with a subresource S3 does not have (a query
// parameter without a value that no operation takes), answers
// NotImplemented (501) and changes nothing; it never falls through to
// the plain bucket or object operation. Features the fake does not model
// answer as S3 does for a bucket where they were never configured, which
// is true of every bucket of the fake: GetBucketReplication
// ReplicationConfigurationNotFoundError and DeleteBucketReplication 204;
// GetObjectLockConfiguration ObjectLockConfigurationNotFoundError; the
// legal hold and retention operations, and Object Lock headers on writes,
// InvalidRequest "Bucket is missing Object Lock Configuration";
// GetBucketAccelerateConfiguration, GetBucketLogging and
// GetBucketNotificationConfiguration an empty document; the analytics,
// metrics, inventory and Intelligent-Tiering configurations an empty
// list, and NoSuchConfiguration for any ID. Their Put operations,
// RestoreObject, SelectObjectContent, the S3 Express
// and metadata-table operations, CreateBucket with Object Lock, SSE-C
// keys and conditional writes (If-Match, If-None-Match on PutObject and
// CompleteMultipartUpload) are NotImplemented.
//
// # Storage
//
// Object and part bytes live in memory, or with WithDir (NewDiskBackend)
// in files of a directory, so objects can be bigger than memory. Bodies
// stream: PutObject and UploadPart copy the request into the store while
// computing the MD5 (for the ETag) and any checksum the request claims in
// one pass, and GetObject streams from the store. Completing a multipart
// upload, copying an object and UploadPartCopy share the bytes already
// stored instead of copying them. Objects are replaced, never changed in
// place: a GET in flight keeps reading the object it started on, and the
// bytes of replaced or deleted objects go when the last reader is done.
// WithFastETags trades the MD5 ETag for a far cheaper hash, for
// benchmarks that would otherwise measure the fake's MD5.
//
// PutObject keeps Content-Type, Cache-Control, Content-Disposition,
// Content-Encoding, Content-Language, Expires, x-amz-meta-*,
// x-amz-storage-class and x-amz-server-side-encryption; checks Content-MD5
// and the CRC32, CRC32C, CRC64NVME, SHA1 and SHA256 x-amz-checksum-*
// values (from headers or aws-chunked trailers); and decodes aws-chunked
// bodies (STREAMING-UNSIGNED-PAYLOAD-TRAILER, which aws-sdk-go-v2 sends
// for unseekable bodies over TLS, and STREAMING-AWS4-HMAC-SHA256-PAYLOAD
// and -TRAILER, whose chunk and trailer signatures internal/fake checks).
// GetObject echoes the stored checksums when x-amz-checksum-mode is
// ENABLED (not for a range, as S3) and serves single byte ranges, partNumber (with
// x-amz-mp-parts-count), versionId and the If-* preconditions. A part of
// a COMPOSITE multipart object answers the part's own checksum; a part of
// a FULL_OBJECT one none, unless it is the whole object (part_checksum.go).
//
// Multipart uploads keep S3's checksum rules. CreateMultipartUpload takes
// x-amz-checksum-algorithm and x-amz-checksum-type: CRC32, CRC32C and
// CRC64NVME may be FULL_OBJECT, CRC32, CRC32C, SHA1 and SHA256 COMPOSITE;
// CRC64NVME defaults to FULL_OBJECT, the others to COMPOSITE; any other
// pairing is InvalidRequest. The algorithm and type are echoed by
// CreateMultipartUpload, ListParts and ListMultipartUploads. Every part
// must carry the declared algorithm's checksum (InvalidRequest "Checksum
// Type mismatch occurred"), except in a FULL_OBJECT upload, where a
// missing one is computed. CompleteMultipartUpload checks the part
// checksums it lists against the stored ones (InvalidPart), requires them
// in a COMPOSITE upload, and stores either the COMPOSITE checksum (the
// checksum of the parts' checksums, then "-<parts>") or the FULL_OBJECT
// CRC of the whole object, combined from the parts' CRCs (a part copied
// with UploadPartCopy is read for its CRC) and checked against an
// x-amz-checksum-<algorithm> header (BadDigest). HeadObject and GetObject
// return it with x-amz-checksum-type.
//
// Versioning is kept as S3 keeps it: with Enabled every put adds a
// version with an opaque URL-safe ID and DeleteObject adds a delete
// marker; Suspended (and a bucket never versioned) keeps one "null"
// version per key; GET, HEAD, DELETE, CopyObject and UploadPartCopy take a
// version; ListObjectVersions lists versions and delete markers by key,
// newest first, with S3's markers and pagination.
//
// Tags are kept as S3 keeps them: x-amz-tagging on PutObject,
// CreateMultipartUpload, CopyObject (with x-amz-tagging-directive) and the
// tagging field of POST uploads, PutObjectTagging, GetObjectTagging and
// DeleteObjectTagging of a version or the latest, x-amz-tagging-count on
// GetObject and HeadObject, and the bucket tagging operations, checked
// against S3's limits (10 tags an object, 50 a bucket, keys of 128
// characters, values of 256, no aws: prefix, no duplicate keys).
//
// Every bucket encrypts new objects with SSE-S3 unless PutBucketEncryption
// set another default, as S3 does since January 2023; GetBucketEncryption
// answers that rule and DeleteBucketEncryption returns to it.
//
// Seed and inspect state with CreateBucket, PutObject, Object and
// Buckets; seeded times come from the server's clock (SetClock). Backend and Service let one fake.Server host S3 next to other
// fake services.
//
// # Differences from S3
//
//   - Buckets live in memory in one global namespace (as in S3). Another
//     account, or an unsigned (anonymous) request, may read an object
//     (GetObject, HeadObject) or list a bucket (ListObjects,
//     ListObjectsV2, ListObjectVersions) when the bucket policy or an ACL
//     grants it and the public access block and Object Ownership let the
//     grant count (access.go has the rules). Everything else they ask is
//     AccessDenied, whatever the policy or ACL grants: writes, ACL and
//     configuration reads. The bucket policy's Condition, NotPrincipal,
//     NotAction and NotResource are not evaluated: a statement using one
//     applies if it is a Deny and never if it is an Allow. The owner's own
//     requests are not limited by its bucket policy.
//   - ACLs (canned, x-amz-grant-* headers and AccessControlPolicy
//     documents), object ownership (BucketOwnerEnforced by default,
//     refusing ACL writes with AccessControlListNotSupported) and the
//     public access block (all four settings on by default) are kept as
//     S3 keeps them; acl.go lists the details that differ (e-mail grants
//     kept as sent, BlockPublicPolicy not enforced).
//   - Bucket policy, CORS, lifecycle and website documents are returned
//     exactly as sent; S3 rewrites them into its own canonical form. A
//     policy must be JSON with a non-empty Statement (MalformedPolicy
//     otherwise); its principals, actions and resources are not checked.
//   - An unknown x-amz-storage-class is InvalidStorageClass and an unknown
//     x-amz-server-side-encryption InvalidArgument, as in S3.
//   - Browser POST uploads (PostObject, post.go) check the policy and its
//     signature and store the file as a PUT would (versions, the acl
//     field as a canned ACL, Content-MD5). The form streams into the
//     store as it arrives, and a file over 5 GiB is EntityTooLarge.
//     x-amz-checksum-* form fields, which S3 does not document for POST,
//     are accepted by the policy check but neither verified nor kept.
//   - The region of a request is not checked against the bucket's region
//     (S3 answers PermanentRedirect or AuthorizationHeaderMalformed).
//   - Object Lock, MFA delete and SSE-C keys are not there (see above).
//     SSE-KMS is recorded as the object's encryption but no key is
//     kept or checked. A
//     single-part ETag is the MD5 of the data (unless WithFastETags), a
//     multipart one the MD5 of the parts' MD5s and "-<parts>", as in S3.
//   - A multipart upload that declares no x-amz-checksum-algorithm takes
//     any part checksums; S3 would add its default CRC64NVME to every
//     part and to the object, which the fake does only when every part
//     carries a CRC64NVME (else it keeps a COMPOSITE checksum of each
//     algorithm all parts carry). Error messages of a CompleteMultipartUpload
//     whose x-amz-checksum-type differs from the upload's, and of an
//     unknown checksum algorithm, are the fake's own wording.
//   - Only single byte ranges are served; a multi-range header is ignored
//     and answers the whole object, as S3 does.
//   - max-keys=0 (and max-uploads, max-parts 0) answers an empty page that
//     is not truncated.
//   - Owners carry their canonical ID without DisplayName, which S3
//     stopped returning in November 2025.
//   - The ListObjectsV2 continuation token is the last entry of the
//     previous page, base64-encoded; S3's is opaque and differently shaped.
//   - encoding-type=url escapes keys with Go's query escaping (space as
//     '+', '/' kept), which may differ from S3 for unusual characters.
//   - With WithDir only the bytes are on disk: bucket and object metadata
//     are in memory, so a new server does not see a previous one's
//     objects.
package s3test
