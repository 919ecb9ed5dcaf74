package fake

import (
	"io"
	"net/http"
	"net/url"
	"time"
)

// Protocol is an AWS wire protocol; it decides how errors are rendered and
// how the operation name is found.
type Protocol int

const (
	// Query is awsQuery (RDS, AutoScaling, old SQS and CloudWatch): form
	// parameters in, <XxxResponse> XML out, <ErrorResponse> errors.
	Query Protocol = iota
	// EC2 is the ec2 query protocol: like Query, but errors are
	// <Response><Errors><Error>…</Error></Errors><RequestID>. SimpleDB
	// answers errors in this shape too.
	EC2
	// RestXML is S3 and CloudFront: the operation is in the method and path.
	RestXML
	// JSON10 is awsJson1_0 (SQS, CloudWatch): X-Amz-Target names the
	// operation, errors are {"__type": …, "message": …}.
	JSON10
	// RPCv2CBOR is smithy-rpc-v2-cbor (CloudWatch's newest protocol).
	RPCv2CBOR
)

// Credential is one set of test credentials the fake knows, and the account
// it belongs to.
type Credential struct {
	AccountID       string
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string // when set, requests must carry this token
}

// Test credentials every fake knows unless Options.Credentials says
// otherwise. They are public test values, not secrets.
const (
	TestAccountID     = "111122223333"
	TestAccessKeyID   = "AKIDGOBOTOTEST0000001"
	TestSecretKey     = "goboto/test/secret/key/0000000000000001"
	OtherAccountID    = "444455556666"
	OtherAccessKeyID  = "AKIDGOBOTOTEST0000002"
	OtherSecretKey    = "goboto/test/secret/key/0000000000000002"
	SessionAccessKey  = "ASIDGOBOTOTEST0000003"
	SessionSecretKey  = "goboto/test/secret/key/0000000000000003"
	SessionTokenValue = "goboto-test-session-token-0000000000000003"
	DefaultRegion     = "us-east-1"
)

// DefaultCredentials returns the built-in test credentials: the main
// account, a second account (for sharing and permission tests), and
// temporary session credentials for the main account.
func DefaultCredentials() []Credential {
	return []Credential{
		{AccountID: TestAccountID, AccessKeyID: TestAccessKeyID, SecretAccessKey: TestSecretKey},
		{AccountID: OtherAccountID, AccessKeyID: OtherAccessKeyID, SecretAccessKey: OtherSecretKey},
		{AccountID: TestAccountID, AccessKeyID: SessionAccessKey, SecretAccessKey: SessionSecretKey, SessionToken: SessionTokenValue},
	}
}

// Request is an authenticated request handed to a Service.
type Request struct {
	HTTP *http.Request
	Body []byte // the whole body, already read; nil when Stream is the body
	// Stream, set for a service whose StreamBody chose the request, reads
	// the payload as it arrives: an aws-chunked body decoded, its chunk and
	// trailer signatures checked, an unread body checked against its
	// X-Amz-Content-Sha256. A read fails with an *Error (IncompleteBody,
	// SignatureDoesNotMatch, XAmzContentSHA256Mismatch) when the payload
	// does not match what was signed, so handlers must read it to the end
	// before they keep what they read.
	Stream io.Reader
	// Trailers holds an aws-chunked payload's trailing headers (names
	// lower-cased, x-amz-trailer-signature left out) once Stream has been
	// read to its end.
	Trailers   map[string]string
	Service    string     // the Service.Name it was routed to
	Region     string     // from the SigV4 scope, the Host, or the default
	Operation  string     // "PutAttributes", "DescribeRegions", ...
	Protocol   Protocol   // the protocol the request speaks (see Service.Also)
	Params     url.Values // query protocols: form body or URL query, signing parameters removed
	Credential Credential // who signed it; zero for anonymous requests
	RequestID  string
	SigVersion int       // 2, 4, or 0 when anonymous
	Now        time.Time // the fake's clock when the request arrived
	// Internal marks a request Invoke made: another service acting on
	// the account's behalf (AutoScaling launching a group's instances),
	// which may do what AWS lets only services do, such as tags with
	// the reserved aws: prefix.
	Internal bool
}

// Account returns the ID of the account that signed the request.
func (r *Request) Account() string { return r.Credential.AccountID }

// Error is an AWS error answer. Handlers return it, or pass it to
// Server.WriteError, and the server renders it in the service's protocol.
type Error struct {
	Status  int    // HTTP status
	Code    string // AWS error code
	Message string
	Sender  bool // <Type>Sender</Type> (client's fault) rather than Receiver
	// QueryCode is the code an awsQueryCompatible JSON service (SQS)
	// writes in x-amzn-query-error when its legacy query code differs
	// from Code ("AWS.SimpleQueueService.NonExistentQueue" for
	// QueueDoesNotExist); empty means Code.
	QueryCode string

	// BoxUsage is SimpleDB's <BoxUsage>, written inside <Error> after
	// Message when set.
	BoxUsage string
	// Extra elements written inside XML <Error> after Message (and
	// BoxUsage), sorted by name: S3's BucketName, Key, Resource, ...
	Extra map[string]string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Service is one AWS service a Server can host.
type Service struct {
	// Name is the SigV4 signing name: "sdb", "ec2", "s3", "sqs", "rds",
	// "monitoring", "autoscaling", "cloudfront".
	Name string
	// Protocol decides error rendering and operation lookup.
	Protocol Protocol
	// XMLNamespace is written on Query-protocol error documents.
	XMLNamespace string
	// QueryVersions are the API versions ("2009-04-15") by which query
	// requests that name no registered service in a SigV4 scope (SigV2,
	// unsigned, or boto 2's guessed scopes) are routed here.
	QueryVersions []string
	// SigV2 allows Signature Version 2 (SimpleDB always, EC2 for old
	// clients such as boto 2).
	SigV2 bool
	// AllowAnonymous lets requests that carry no signature at all through
	// (S3's public objects); they reach Handle with a zero Credential.
	AllowAnonymous bool
	// HostPrefix is the first label of the service's AWS hostnames
	// ("sdb" in sdb.us-west-1.amazonaws.com). A SigV2 request whose Host is
	// such a name is served in that name's region.
	HostPrefix string
	// TargetPrefix is the part of X-Amz-Target before the '.'
	// ("AmazonSQS") by which JSON requests that name no registered service
	// in a SigV4 scope are routed here.
	TargetPrefix string
	// Operation names the operation of a request for protocols that do not
	// carry it in Action or X-Amz-Target (RestXML). May be nil otherwise.
	Operation func(r *http.Request) string
	// Errors overrides the protocol's default auth and throttle errors.
	Errors ErrorSet
	// StreamBody, when set and true for a request, makes the server hand
	// the request to Handle with its body unread, as Request.Stream, so
	// large uploads are neither held in memory nor read twice. Requests
	// whose signature needs the body hashed first are read anyway, and
	// still arrive as Stream. With AllowAnonymous it is asked about
	// unsigned requests too (but for url-encoded forms, which may carry a
	// SigV2 signature), which then stream the same way.
	StreamBody func(r *http.Request) bool
	// Also lists the other protocols the service serves besides Protocol
	// (CloudWatch: JSON10 and Query besides RPCv2CBOR; SQS: Query besides
	// JSON10). Each request is served, and its errors rendered, in the
	// protocol it speaks: RPC v2 CBOR for a /service/<name>/operation/<op> path with Smithy-Protocol,
	// JSON 1.0 for an X-Amz-Target, and Query for anything else (an
	// Action=... form; SQS's old clients, boto 2 even posting to a queue's
	// path). Request.Protocol tells the handler which.
	Also []Protocol
	// Hosts, when set, claims every request whose Host (its port and a
	// trailing dot dropped, lower-cased) it reports true for, before
	// authentication and routing: such a request reaches Handle as it
	// was sent, with a zero Credential and SigVersion 0, and is recorded
	// like any other. CloudFront's edge serves viewer requests so: they
	// carry no AWS signature, and a signed URL's own Signature and
	// Expires parameters are no SigV2 presign.
	Hosts func(host string) bool
	// Handle serves an authenticated request. It writes the whole answer;
	// for an error it may instead return one, which the server renders.
	Handle func(w http.ResponseWriter, r *Request) error
}

// ErrorSet holds the errors a Server answers on a service's behalf. A nil
// field falls back to the protocol's default.
type ErrorSet struct {
	UnknownAccessKey *Error // e.g. InvalidClientTokenId, AuthFailure, InvalidAccessKeyId
	BadSignature     *Error // SignatureDoesNotMatch, AuthFailure
	Expired          *Error // RequestExpired, RequestTimeTooSkewed, SignatureDoesNotMatch
	// PresignExpired is the answer to a presigned URL past its expiry
	// (S3: AccessDenied, "Request has expired"); nil means Expired.
	PresignExpired *Error
	MissingAuth    *Error // MissingAuthenticationToken, AccessDenied
	BadToken       *Error // a session token that does not match
	Throttle       *Error // Throttling, RequestLimitExceeded, ServiceUnavailable, SlowDown
	ServerError    *Error // InternalError, InternalFailure
}
