// Package cloudfront is goboto's Amazon CloudFront connection (API
// 2020-05-31), in the style boto users know: one connection, distribution
// handles that know their connection and do no I/O until a method asks,
// and invalidations that know their distribution. It wraps
// aws-sdk-go-v2's CloudFront client, reachable through Conn.Client for
// what goboto does not wrap; WithClientOptions passes aws-sdk-go-v2's
// per-client options to it.
//
// CloudFront is a global service: every request is signed for the
// partition's global region (us-east-1; cn-northwest-1 in China), whatever
// region the aws.Config names, so a Conn made for any region of a
// partition talks to the same CloudFront, and an endpoint override (a
// local fake, an emulator) sees the scope AWS's own endpoint expects.
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
// PreconditionFailed rather than applying twice.
package cloudfront
