// Package transfer is the engine behind goboto's S3 transfers: it cuts an
// upload into parts and schedules them, Concurrency at a time, through a
// bounded set of reused part buffers; checksums every part and the whole
// object; retries parts; reports progress; and aborts a multipart upload
// that fails or is cancelled on a context no cancellation can cut. A
// download fetches ranges concurrently and verifies the object's
// checksum.
//
// It talks to S3 only through API, the handful of calls it needs, so it
// can be tested against an in-memory implementation without a server.
// Package s3 adapts its aws-sdk-go-v2 client to API and turns the
// engine's errors and progress into its own exported types.
package transfer
