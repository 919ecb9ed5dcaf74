// Package goboto holds the vocabulary every goboto service package shares:
// connection options, the typed errors, and small iterator helpers.
//
// The services live in their own packages (sdb, ec2, s3, ...), so importing
// one never compiles another's aws-sdk-go-v2 module. Each is built from the
// caller's aws.Config:
//
//	cfg, _ := config.LoadDefaultConfig(ctx)
//	db := sdb.New(cfg, goboto.WithRetry(5, 10*time.Second))
//
// # Errors
//
// Every error that AWS (or a local fake) answers with comes back as an
// *APIError carrying the service, operation, code, message, request ID and
// HTTP status; it unwraps to the aws-sdk-go-v2 or smithy error underneath.
// Mistakes caught before a request leaves the machine come back as a
// *ValidationError naming the field, the value and the rule. Match either
// with errors.As, or use IsNotFound and IsThrottled.
//
// # Retrying
//
// All services share one retry policy: aws-sdk-go-v2's standard retryer with
// exponential backoff and jitter, where SimpleDB's ServiceUnavailable and
// EC2's RequestLimitExceeded count as throttling. WithRetry sets the number
// of attempts and the longest backoff per connection. A cancelled context
// stops a call at once, including while it waits to retry.
package goboto
