// Package viewerauth decides, as a CloudFront edge does, whether a viewer
// request carrying a signed URL or signed cookies may fetch private
// content. cloudfronttest's local edge uses it for cache behaviours with
// trusted key groups or trusted signers.
//
// It is written apart from the cloudfront package's signer and from
// aws-sdk-go-v2's feature/cloudfront/sign, and shares no code with them,
// so that a mistake in one is caught by the other: it decodes the
// policy, rebuilds canned policies, matches Resource wildcards and checks
// signatures itself, for SHA-1 and SHA-256 and for RSA-2048 and ECDSA
// P-256 keys.
//
// What it implements is from the CloudFront Developer Guide ("Use signed
// URLs", "Use signed cookies", "Create a signed URL using a canned
// policy", "... using a custom policy") and the error answers CloudFront
// is seen to give (AWS re:Post, "How do I troubleshoot issues related to
// a signed URL or signed cookies in CloudFront?"; aws-sdk-js#2236 for
// MalformedPolicy).
package viewerauth
