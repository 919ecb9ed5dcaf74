// Package s3 is goboto's Amazon S3 client, in the style boto users know:
// a connection, bucket handles that know their connection, key handles
// that know their bucket, and lazy iterators for listings.
// It wraps aws-sdk-go-v2's S3 client, reachable through Conn.Client for
// what goboto does not wrap.
//
//	conn := s3.New(cfg)                              // cfg from config.LoadDefaultConfig
//	b, err := conn.CreateBucket(ctx, "my-bucket")    // CreateBucket, in cfg.Region
//	k := b.Key("photos/beach.jpg")                   // no I/O
//	err = k.PutFile(ctx, "beach.jpg", s3.ContentType("image/jpeg"))
//	err = k.GetFile(ctx, "/tmp/beach.jpg")           // all or nothing
//	for e, err := range b.Keys(ctx, s3.ListOptions{Prefix: "photos/", Delimiter: "/"}) { ... }
//	err = b.DeleteKeys(ctx, names)                   // 1000 per call
//
// Handles (Conn.Bucket, Bucket.Key) do no I/O; every method that calls S3
// takes a context first and names the operation it calls. Head and Get
// fill in a Key's attributes (Size, ETag, ContentType, LastModified,
// Metadata, CacheControl, StorageClass, SSE).
//
// Put sends an object in one PutObject request, which S3 limits to 5 GiB.
// Copy copies an object in one CopyObject request up to 5 GiB, and past
// that (or past CopyPartSize) in parts with UploadPartCopy.
//
// # Transfers
//
// Upload, UploadFile, Download, DownloadStream and DownloadFile move large
// objects in concurrent parts with goboto's own part scheduler over the
// v2 client (no transfer manager underneath; the benchmark in
// bench/s3transfer compares it with both of aws-sdk-go-v2's):
//
//	err := k.Upload(ctx, r,                            // any io.Reader, never held whole
//		s3.PartSize(16<<20), s3.Concurrency(8),        // at most Concurrency+1 parts in memory
//		s3.OnProgress(func(p s3.Progress) { ... }))    // Done, Total, Rate; never concurrent
//	err = k.DownloadFile(ctx, "/tmp/big.iso")          // ranged GETs, CRC checked, all or nothing
//	res, err := b.SyncUp(ctx, "./site", "www/")        // skips unchanged files
//	res, err = b.SyncDown(ctx, "www/", "./copy",       // and mirrors, like aws s3 sync --delete:
//		s3.SyncDelete())                               // removes what the source lacks, after success
//
// An object smaller than one part goes in a single PutObject. Larger ones
// use CreateMultipartUpload, UploadPart and CompleteMultipartUpload; every
// part carries a CRC32C (WithChecksum picks another, or none), and the
// whole object's CRC, combined from the parts', is checked by S3 on
// completion and by Download against what S3 stored. Any failure, and a
// cancelled context, aborts the upload (AbortMultipartUpload, on a
// context of its own) so no parts are left to be billed; the
// *TransferError says which part failed and whether the abort went
// through. KeepOnError keeps a failed upload instead, for Resume, which
// lists the parts already there (ListParts), sends only the missing or
// different ones, and completes. Bucket.Uploads and Key.Parts list what
// is in progress; Key.AbortUpload removes one.
//
// Download fetches ranges concurrently into an io.WriterAt, each with
// If-Match on the ETag HeadObject showed, so an object replaced
// mid-download is an error, not a mix of two objects. DownloadStream
// writes to a plain io.Writer in order, holding a bounded window of parts.
// Besides full-object CRCs, downloads check a full-object SHA-256 or SHA-1
// (DownloadStream as it writes, DownloadFile by reading its file back)
// and, when the download's PartSize matches the upload's, the per-part
// checksums of a COMPOSITE object; Key.Download says exactly when.
//
// # Versions, grants and presigned POST
//
// Bucket.Versions lists object versions and delete markers
// (ListObjectVersions); VersionID, Key.HeadVersion, Key.DeleteVersion and
// CopyVersion address one version. GrantRead, GrantFullControl and their
// siblings send x-amz-grant-* headers on Put, CreateBucket and Copy, and
// SetGrants replaces an ACL with them; buckets with BucketOwnerEnforced
// object ownership refuse them, which IsACLNotSupported recognises.
// Bucket.PresignPost signs a browser upload form (a policy with
// conditions such as PostContentLengthRange) for at most 7 days.
//
// # Addressing
//
// Against AWS, requests use virtual-hosted addressing
// (https://bucket.s3.region.amazonaws.com/key). Whenever an endpoint is
// set, by goboto.WithEndpoint or aws.Config.BaseEndpoint, they use
// path-style addressing (http://host/bucket/key) instead, since local
// fakes such as s3test and emulators answer on a single host name.
//
// # Errors
//
// Errors S3 answers with are *goboto.APIError, carrying the code
// (NoSuchBucket, NoSuchKey, AccessDenied, ...), the message, the request
// ID and the HTTP status. goboto.IsNotFound matches NoSuchBucket and
// NoSuchKey, and the bare 404 S3 answers to HEAD requests, which arrives
// with the code NotFound. Bucket.Exists turns a 404 into (false, nil).
// Get's conditions that do not hold are errors with code
// PreconditionFailed (HTTP 412) or NotModified (HTTP 304);
// IsPreconditionFailed and IsNotModified match them.
//
// Input S3 would refuse is refused first, before any request, with a
// *goboto.ValidationError naming the parameter, the value and the rule:
// bucket names by S3's general purpose naming rules (3-63 lower-case
// letters, digits, '.' and '-', beginning and ending with a letter or
// digit, no "..", not an IP address, none of the reserved prefixes
// xn--, sthree- and amzn-s3-demo- or suffixes -s3alias, --ol-s3, .mrap,
// --x-s3 and --table-s3); key names of 1-1024 bytes of valid UTF-8; page
// sizes of 1-1000; byte ranges with a non-negative offset and a non-zero
// length; nil bodies and writers; part sizes outside 5 MiB-5 GiB, plans
// of more than 10,000 parts, and objects over 5 TiB.
//
// DeleteKeys sends its keys in calls of 1000 and goes on past failures;
// a *DeleteError lists every key that was not deleted, with S3's per-key
// code or the error of the call that carried it, so none are lost track
// of.
//
// GetFile writes to a temporary file beside the target and renames it
// into place only after the whole object has arrived, so a failed
// download leaves nothing behind and never clobbers an existing file.
//
// # Retrying
//
// Each call is retried under goboto's policy: aws-sdk-go-v2's standard
// retryer with exponential backoff and jitter, three attempts unless
// goboto.WithRetry or aws.Config.RetryMaxAttempts says otherwise. S3
// answers SlowDown (HTTP 503) when a caller outruns a prefix's request
// rate; that counts as throttling (goboto.IsThrottled) and is retried
// after a pause, as are other 5xx answers and broken connections. Client
// errors such as NoSuchKey are not retried. A Put body that is not an
// io.Seeker cannot be rewound for a retry (and over plain HTTP cannot be
// sent at all); pass a *bytes.Reader, *strings.Reader or *os.File where
// possible. Get retries only until the response starts: an error
// while copying the body to w is returned, not retried, because w has
// already received part of it.
//
// Listings retry each page separately, and DeleteKeys each call of 1000,
// so a throttle late in a long walk does not repeat earlier work. A
// cancelled context stops a call at once, also while it waits to retry,
// and the error matches context.Canceled under errors.Is.
package s3
