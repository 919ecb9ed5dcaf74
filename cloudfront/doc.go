// Package cloudfront is goboto's Amazon CloudFront connection (API
// 2020-05-31), in the style boto users know: one connection, distribution
// handles that know their connection and do no I/O until a method asks,
// and invalidations that know their distribution. It wraps
// aws-sdk-go-v2's CloudFront client, reachable through Conn.Client for
// what goboto does not wrap; WithClientOptions passes aws-sdk-go-v2's
// per-client options to it.
//
//	conn := cloudfront.New(cfg) // cfg from config.LoadDefaultConfig
//	d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{
//		Enabled: true,
//		Origins: []cloudfront.Origin{{ID: "site", DomainName: "site.s3.amazonaws.com", S3: &cloudfront.S3Origin{}}},
//		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "site", ViewerProtocol: cloudfront.RedirectToHTTPS,
//			CachePolicyID: "658327ea-f89d-4fab-a63d-7e88639e58f6"}, // Managed-CachingOptimized
//	})
//	err = d.Wait(ctx, cloudfront.DistributionDeployed, goboto.Progress(report))
//	err = d.Update(ctx, func(c *cloudfront.DistributionConfig) error { c.DefaultRootObject = "index.html"; return nil })
//	inv, err := d.Invalidate(ctx, "/index.html")
//	err = d.Delete(ctx) // disables, waits until deployed, deletes
//
// CloudFront is a global service: every request is signed for the
// partition's global region (us-east-1; cn-northwest-1 in China), whatever
// region the aws.Config names, so a Conn made for any region of a
// partition talks to the same CloudFront, and an endpoint override (a
// local fake, an emulator) sees the scope AWS's own endpoint expects.
//
// # Configurations and ETags
//
// A DistributionConfig is checked before anything is sent (Validate):
// path patterns (1-255 characters CloudFront allows), at most 75
// behaviours, behaviours naming known origins or origin groups, TTLs
// with Min ≤ Default ≤ Max, origin groups of two known origins, a
// certificate for aliases. CloudFront guards every change with an ETag:
// Save sends the configuration with the ETag last loaded (and refuses,
// before sending, a handle without one), while Update reads, edits and
// saves, reading again when another writer got in first
// (PreconditionFailed). A configuration read from CloudFront keeps the
// members DistributionConfig does not model and sends them back.
//
// # Private content
//
// Origin access identities (OriginAccessIdentity, with the S3 canonical
// user to grant), origin access controls (OriginAccessControl, Attach to
// an origin), public keys (RSA 2048 or ECDSA P-256) and key groups that
// behaviours trust (Behavior.TrustedKeyGroups), or legacy trusted
// signers (Behavior.TrustedSigners).
//
// # Streaming distributions
//
// CloudFront discontinued RTMP distributions on 2020-12-31; their Get,
// List, Update and Delete operations remain in the API and are wrapped
// here (StreamingDistribution), marked deprecated, with creation for
// emulators and the fake's legacy mode. StreamingObject.URL gives the
// rtmp://<domain>/cfx/st/<key> URL players were given.
//
// # Errors
//
// AWS's answers are *goboto.APIError with CloudFront's code
// (NoSuchDistribution, PreconditionFailed, DistributionNotDisabled, ...);
// goboto.IsNotFound is true for the NoSuch* codes, and errors.As finds
// aws-sdk-go-v2's typed errors (*types.NoSuchDistribution, ...). Input
// CloudFront would refuse is a *goboto.ValidationError before anything is
// sent.
//
// # Retrying
//
// Calls are retried by the connection's retryer (goboto's policy unless
// the aws.Config has its own or goboto.WithRetry replaces it). Writes
// that CloudFront guards with an ETag (updates, deletes) are safe to
// retry: a retried write whose first attempt landed answers
// PreconditionFailed rather than applying twice. Creations carry a
// caller reference, which CloudFront refuses the second time
// (DistributionAlreadyExists), whatever the configuration; so when a
// distribution's creation is refused that way, CreateDistribution looks
// for the distribution holding the reference and returns it if its
// configuration is the one asked for. That costs nothing until the
// refusal, then one GetDistribution (AWS's refusal names the
// distribution), or a listing and a read per similar distribution when
// it does not. The retryer also sends a creation again when its answer
// was cut short, which aws-sdk-go-v2 leaves to the caller, so a lost
// answer comes back as the distribution, not as an error. Streaming
// distributions are not looked up: a reused reference is
// StreamingDistributionAlreadyExists.
package cloudfront
