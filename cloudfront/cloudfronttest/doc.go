// Package cloudfronttest is an in-process fake of Amazon CloudFront's
// control plane (API 2020-05-31) for tests. It speaks rest-xml as
// aws-sdk-go-v2, boto3 and the aws CLI send it, checks SigV4 signatures
// for the service "cloudfront" in us-east-1 (the only region CloudFront
// is signed for in the aws partition; any other scope is
// SignatureDoesNotMatch), keeps resources per account, and answers
// errors as CloudFront does: an <ErrorResponse> in CloudFront's
// namespace with the model's codes and statuses.
//
// Served: distributions (Create, CreateWithTags, Get, GetConfig, Update,
// Delete, List), invalidations (Create, Get, List), streaming
// distributions (all seven), tags (TagResource, UntagResource,
// ListTagsForResource), origin access identities, origin access controls,
// public keys and key groups (Create, Get, GetConfig, Update, Delete,
// List each).
//
// Documents are read against the model's shapes: every member is kept
// and answered back in the model's order, with the defaults CloudFront
// fills in (PriceClass_All, the default certificate, HTTP/2, ...); an
// element the model does not have, a Quantity that does not match its
// Items (InconsistentQuantities) or a malformed value is refused. A
// member the fake does not act on (Lambda@Edge and CloudFront Functions
// associations, VPC origins, staging and multi-tenant distributions,
// gRPC, ...) is refused with InvalidArgument naming it, changing
// nothing. Cache and origin request policies are the AWS managed ones
// the fake knows (Managed-CachingOptimized, Managed-CachingDisabled,
// Managed-AllViewer, Managed-CORS-S3Origin,
// Managed-AllViewerExceptHostHeader); any other ID is NoSuchCachePolicy
// or NoSuchOriginRequestPolicy.
//
// Writes follow CloudFront's rules: a distribution's or streaming
// distribution's CallerReference sent again is
// DistributionAlreadyExists (StreamingDistributionAlreadyExists),
// whatever the configuration, as AWS answers today; an invalidation's
// or OAI's sent again with the same paths or configuration answers
// the one it made, and with others is the kind's AlreadyExists (the
// model's CallerReference documentation of each); every update
// changes the ETag; an update or delete without If-Match is
// InvalidIfMatchVersion and with a stale one PreconditionFailed;
// DeleteDistribution needs the distribution disabled and deployed
// (DistributionNotDisabled); the CallerReference cannot change
// (IllegalUpdate); CNAMEs are unique across accounts
// (CNAMEAlreadyExists) and need a certificate; behaviours must target
// an origin or origin group (NoSuchOrigin) with TTLs in order
// (InvalidTTLOrder); an OAI, OAC, public key or key group in use
// cannot be deleted. Quotas: 75 cache behaviours
// (TooManyCacheBehaviors), 25 origins, 10 origin groups, 100 CNAMEs,
// 3,000 invalidation paths and 15 wildcard paths in progress, 100
// OAIs and OACs, 10 public keys and key groups, 5 keys per group, 4
// key groups per distribution.
//
// Distributions are InProgress after each change and Deployed once
// WithDeployTime has passed on the server's clock (fakes.WithClock);
// invalidations are InProgress, then Completed, the same way. Both are
// instant by default.
//
// Creating a streaming (RTMP) distribution is refused, since CloudFront
// discontinued them on 2020-12-31, unless WithLegacyStreaming is given.
// The refusal is TooManyStreamingDistributions: no record of the exact
// answer AWS sends today was found, and the model declares that code
// for a creation over the account's quota, which is now zero.
//
// Every other operation of the model is refused with the model's
// UnsupportedOperation, changing nothing; a path the model does not
// have is NoSuchResource (404).
//
// Seeding and inspection: Backend.Distributions,
// Backend.OriginAccessIdentities and Backend.CanonicalUser (which OAI an
// S3 canonical user ID belongs to, for an S3 fake to recognise OAIs).
//
// # The edge
//
// Backend.EdgeService serves viewer requests for every distribution's
// domain (d….cloudfront.net) and aliases, claimed by host before any
// AWS authentication; EdgeClient gives an *http.Client that reaches it
// for any *.cloudfront.net URL. It picks the cache behaviour by path
// pattern, applies the viewer protocol policy and allowed methods,
// enforces signed URLs and cookies against the behaviour's trusted key
// groups or trusted signers (cloudfront/internal/viewerauth), forwards the
// query strings, headers and cookies the behaviour names, caches by TTL
// with X-Cache: Hit/Miss from cloudfront, honours invalidations, and
// reads S3 origins in process as the OAI or OAC principal (s3test's
// ServeAs), so a bucket that does not grant the distribution answers 403
// as CloudFront relays it. Custom origins are fetched on loopback
// addresses only.
package cloudfronttest
