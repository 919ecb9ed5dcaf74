// Package s3test is an in-process fake of Amazon S3 for tests, built on
// goboto's shared fake machinery: it checks SigV4 signatures against the
// fake's test accounts, records every call, and can be told to fail with
// Faults.
//
//	srv := s3test.Start(t)
//	client := s3.NewFromConfig(srv.Config(), func(o *s3.Options) { o.UsePathStyle = true })
//
// The fake listens on 127.0.0.1, so clients must use path-style addresses
// (http://127.0.0.1:port/bucket/key); goboto's s3 package does so by
// itself when an endpoint is set. Virtual-host-style requests are
// understood too when the Host is <bucket>.s3[.<region>].amazonaws.com or
// <bucket>.localhost[:port]. Keys are the URL path after the bucket,
// percent-decoded once.
//
// It answers ListBuckets, CreateBucket (with CreateBucketConfiguration),
// DeleteBucket, HeadBucket, GetBucketLocation, PutObject, GetObject,
// HeadObject, DeleteObject, DeleteObjects, CopyObject, ListObjects,
// ListObjectsV2, CreateMultipartUpload, UploadPart,
// CompleteMultipartUpload, AbortMultipartUpload, ListParts and
// ListMultipartUploads in S3's XML, with S3's error codes (NoSuchBucket,
// NoSuchKey, BucketAlreadyExists, BucketAlreadyOwnedByYou,
// InvalidBucketName, InvalidLocationConstraint,
// IllegalLocationConstraintException, BucketNotEmpty, BadDigest,
// InvalidDigest, InvalidRange, PreconditionFailed, MalformedXML,
// InvalidArgument, InvalidRequest, NoSuchUpload, InvalidPart,
// InvalidPartOrder, EntityTooSmall) and x-amz-request-id and x-amz-id-2
// on every answer. Operation names every other S3 operation for Calls;
// the fake answers them NotImplemented (501).
//
// PutObject keeps Content-Type, Cache-Control, Content-Disposition,
// Content-Encoding, Content-Language, Expires, x-amz-meta-*,
// x-amz-storage-class and x-amz-server-side-encryption; checks Content-MD5
// and the CRC32, CRC32C, SHA1 and SHA256 x-amz-checksum-* values (from
// headers or aws-chunked trailers); and decodes aws-chunked bodies
// (STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD),
// which aws-sdk-go-v2 sends for unseekable bodies over TLS. GetObject
// echoes the stored checksums when x-amz-checksum-mode is ENABLED and
// serves single byte ranges and the If-* preconditions.
//
// Seed and inspect state with CreateBucket, PutObject, Object and
// Buckets. Backend and Service let one fake.Server host S3 next to other
// fake services.
//
// # Differences from S3
//
//   - Buckets live in memory in one global namespace (as in S3), but
//     another account's bucket is always AccessDenied: bucket policies and
//     ACLs are stored and returned but never grant another account access,
//     and there are no anonymous requests.
//   - ACLs, object ownership (BucketOwnerEnforced by default, refusing ACL
//     writes with AccessControlListNotSupported) and the public access
//     block (all four settings on by default) are kept as S3 keeps them;
//     acl.go lists the details that differ (e-mail grants, x-amz-grant-*
//     headers, only BlockPublicAcls enforced).
//   - Bucket policy, CORS, lifecycle and website documents are returned
//     exactly as sent; S3 rewrites them into its own canonical form.
//   - The region of a request is not checked against the bucket's region
//     (S3 answers PermanentRedirect or AuthorizationHeaderMalformed).
//   - Versioning is a stored setting only: no object versions are kept.
//     Object lock, tagging, SSE-C/SSE-KMS keys and UploadPartCopy are not
//     there yet; those operations are NotImplemented. A single-part ETag is the MD5 of the data, a
//     multipart one the MD5 of the parts' MD5s and "-<parts>", as in S3.
//   - A completed multipart object keeps no checksums, and
//     ListMultipartUploads ignores delimiter.
//   - aws-chunked chunk and trailer signatures are not verified; the
//     CRC64NVME checksum is stored and echoed without being checked.
//   - Only single byte ranges are served; a multi-range header is ignored
//     and answers the whole object, as S3 does.
//   - The ListObjectsV2 continuation token is the last entry of the
//     previous page, base64-encoded; S3's is opaque and differently shaped.
//   - encoding-type=url escapes keys with Go's query escaping (space as
//     '+', '/' kept), which may differ from S3 for unusual characters.
package s3test
