// Package fake is the machinery every goboto local fake is built on: an
// in-process HTTP(S) server that checks SigV4 and SigV2 signatures against
// known test accounts, routes each request to a registered service by its
// signing scope (or by Version, X-Amz-Target or Host, see Routing), keeps
// state per account and region, renders errors in each AWS protocol's own
// format, and injects faults on demand.
//
// A service fake (sdb/sdbtest, ec2/ec2test, ...) is a Service value: a name,
// a protocol and a Handle function that sees only authenticated requests.
// One Server can host any number of them; examples/localcloud hosts all.
//
// # Authentication
//
// The server has its own SigV4 verifier, written from the specification
// rather than borrowed from the SDK, so the fakes check what goes on the
// wire independently: header and presigned (query) signatures, session
// tokens, X-Amz-Content-Sha256, S3's single-encoded paths and every other
// service's double-encoded ones. SigV2 (SimpleDB, old EC2 clients) is
// checked with internal/sigv2 for services that set Service.SigV2.
// Requests more than Options.MaxSkew from the server's clock, and SigV2
// requests past their Expires, get the service's Expired error; expired
// presigned URLs get its PresignExpired error (S3: AccessDenied, "Request
// has expired"), or Expired when it has none.
//
// # Streaming payloads
//
// A service whose StreamBody chooses a request gets it with the body
// unread, as Request.Stream, so uploads of any size stream through. The
// payload is checked as it is read: against X-Amz-Content-Sha256 when
// that names a hash, and for aws-chunked bodies
// (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER],
// STREAMING-UNSIGNED-PAYLOAD-TRAILER) every chunk signature against the
// chain that starts at the Authorization header's seed signature, and the
// trailer signature (x-amz-trailer-signature). A failed check fails the
// read with SignatureDoesNotMatch, XAmzContentSHA256Mismatch or
// IncompleteBody.
//
// A request with no signature at all streams too when it is routed to a
// service with AllowAnonymous whose StreamBody chooses it (S3's browser
// POST uploads, which carry their signature in a form field). Unsigned
// application/x-www-form-urlencoded bodies are always read first, as they
// may hold a SigV2 signature. Streamed or not, a request is counted in
// Calls and matched against faults the same way.
//
// # Routing
//
// A SigV4 request whose credential scope names a registered service goes
// to it, in the scope's region. Other requests go to the first service
// whose QueryVersions hold the Version parameter, whose TargetPrefix
// matches X-Amz-Target, or whose HostPrefix matches the Host; failing
// those, to the only service, if there is one. On a server with several
// services, a Version, Action or X-Amz-Target no service serves gets the
// common errors' InvalidAction, and anything else (a REST path, unsigned,
// SigV2-signed, or signed for a scope no service has) goes to the service
// registered as "s3", path-style; with no S3 it gets MissingAction.
//
// So a SigV4 scope naming no registered service is overruled by Version
// and X-Amz-Target only: boto 2 at 127.0.0.1 signs EC2 and RDS for
// region "0" and service "127", guessed from the host. The signature is
// still checked against the scope as signed, and a scope region that is
// no region of any partition is served as Options.DefaultRegion. A scope
// that is overruled by anything else (a Host, or S3 as the last resort)
// is refused as AWS refuses a scope for another service: S3 answers
// AuthorizationHeaderMalformed (AuthorizationQueryParametersError when
// presigned), the others their signature error, "Credential should be
// scoped to correct service".
//
// S3 refuses SigV2 ("Authorization: AWS key:signature", or a presigned
// URL with Signature and AWSAccessKeyId) with InvalidRequest, "Please use
// AWS4-HMAC-SHA256", as buckets created since June 2020 do; other
// services without Service.SigV2 answer their signature error.
// Requests other than SigV4 are served in the region their AWS host name
// names, or Options.DefaultRegion.
//
// # Errors
//
// Auth failures, faults and errors returned by handlers are rendered in
// the service's protocol, with the protocol's usual codes (see
// DefaultErrors) unless Service.Errors says otherwise. A handler error
// that is not an *Error becomes the ServerError; its text is logged at
// debug level, never sent.
//
// # RPC v2 CBOR
//
// A service with Protocol RPCv2CBOR (CloudWatch) decodes requests with
// ParseCBOR and answers with WriteCBOR; its errors are CBOR maps
// {"__type", "message"} with Smithy-Protocol: rpc-v2-cbor and
// x-amzn-query-error. The encoding is smithy-go's encoding/cbor, the one
// aws-sdk-go-v2 itself uses, and the tests check it against requests and
// answers of the v2 CloudWatch client.
//
// # Where it differs from AWS
//
//   - Non-S3 paths are not normalised (no removal of "." segments or
//     duplicate slashes) before signing checks; the SDKs do not send such
//     paths.
//   - A mismatched X-Amz-Content-Sha256 on a body read before the
//     handler runs is the service's BadSignature error; only streamed
//     bodies get S3's XAmzContentSHA256Mismatch.
//   - AWS's IncompleteSignature for malformed signatures is the service's
//     BadSignature error with a message saying what is malformed.
package fake
