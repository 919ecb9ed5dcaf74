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
//	for k, err := range b.Keys(ctx, s3.Prefix("photos/"), s3.Delimiter("/")) { ... }
//	err = b.DeleteKeys(ctx, names)                   // 1000 per call
//	err = b.Key("report.csv").Wait(ctx, s3.KeyExists) // HeadObject until it is there
//
// Handles (Conn.Bucket, Bucket.Key) do no I/O; every method that calls S3
// takes a context first and names the operation it calls. A handle holds
// its parent unexported: Key.Bucket, Key.Conn and Bucket.Conn return it.
// Refresh (HeadObject), Get and the key listing fill in a Key's
// attributes (Size, ETag, ContentType, LastModified, Metadata,
// CacheControl, StorageClass, SSE, and from a listing with FetchOwner,
// Owner); Bucket.Refresh (HeadBucket) its Region.
//
// # Options
//
// Calls with optional settings take ...XOption, a func(*XOptions) over an
// exported struct: BucketOption for CreateBucket, PutOption for Put,
// PresignPut and the uploads (WithPut), GetOption for Get, GetFile and
// PresignGet, CopyOption for Copy, TransferOption for transfers and
// syncs, ListOption for every listing. Every listing (Conn.Buckets,
// Bucket.Keys, Bucket.Versions, Bucket.Uploads, Key.Parts) takes the one
// ListOptions (Prefix, Delimiter, StartAfter, KeyMarker, VersionIDMarker,
// PageSize, FetchOwner) and refuses with a *goboto.ValidationError a
// setting it does not take. Bucket.Keys yields *Key handles; with a
// Delimiter, the common prefixes come after each page's keys as *Keys
// with IsPrefix set and only Name filled in.
//
// # Waiters
//
// Bucket.Wait and Key.Wait are S3's four waiters (BucketExists,
// BucketNotExists, KeyExists, KeyNotExists, AWS's ObjectExists and
// ObjectNotExists): the first look at once, then every 5 seconds for up
// to 100 seconds unless goboto.Timeout, goboto.Interval say otherwise.
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
// siblings make Grants, which Grants, BucketGrants and CopyGrants send as
// x-amz-grant-* headers on Put, CreateBucket and Copy, and SetGrants
// replaces an ACL with; buckets with BucketOwnerEnforced
// object ownership refuse them, which IsACLNotSupported recognises.
// Bucket.PresignPost signs a browser upload form (a policy with
// conditions such as PostContentLengthRange) for at most 7 days.
//
// # Addressing
//
// Against AWS, requests use virtual-hosted addressing
// (https://bucket.s3.region.amazonaws.com/key). Whenever an endpoint
// override is in force, by goboto.WithEndpoint, AWS_ENDPOINT_URL_S3 or
// the shared config file's services section, or aws.Config.BaseEndpoint
// (AWS_ENDPOINT_URL), they use path-style addressing
// (http://host/bucket/key) instead, since local fakes such as s3test and
// emulators answer on a single host name. WithClientOptions passes
// aws-sdk-go-v2's own per-client options (func(*s3.Options)), applied
// after goboto's, and Conn.Client returns the client for what goboto
// does not wrap.
//
// # Errors
//
// Errors S3 answers with are *goboto.APIError, carrying the code
// (NoSuchBucket, NoSuchKey, AccessDenied, ...), the message, the request
// ID and the HTTP status. goboto.IsNotFound matches NoSuchBucket and
// NoSuchKey. S3 answers HEAD requests with a bare 404, which
// aws-sdk-go-v2 reports as NotFound; Refresh gives it S3's code
// (NoSuchBucket, NoSuchKey) with the HEAD's status and request ID, and
// Bucket.Exists and Key.Exists turn it into (false, nil).
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
// sizes of 1-1000 (1-10000 for buckets); listing settings a listing does
// not take; handles not made by their connection; byte ranges with a non-negative offset and a non-zero
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
