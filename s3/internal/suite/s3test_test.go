package suite_test

import (
	"testing"

	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/internal/suite"
	"github.com/goboto/goboto/s3/s3test"
)

// TestS3Test runs the suite against the in-process fake.
func TestS3Test(t *testing.T) {
	t.Parallel()
	srv := s3test.Start(t)
	suite.Run(t, suite.Env{
		Name:       "s3test",
		Conn:       s3.New(srv.Config("")),
		HTTPClient: srv.HTTPClient(),
		Diff:       suite.S3TestDifferences(),
	})
}
