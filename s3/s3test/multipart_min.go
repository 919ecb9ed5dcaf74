package s3test

import (
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// WithMinPartSize lowers the smallest part, but the last,
// CompleteMultipartUpload accepts from S3's 5 MiB to n bytes (n > 0), so
// that a test can move many parts of many concurrent uploads in little
// memory. S3 itself never accepts smaller parts (EntityTooSmall), so a
// test using this exercises a client told to cut parts smaller than it
// may against AWS.
func WithMinPartSize(n int64) fakes.Option {
	return fake.ServiceOption(func(o *options) { o.minPartSize = n })
}
