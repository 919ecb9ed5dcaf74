package suite_test

import (
	"testing"

	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/internal/suite"
	"github.com/goboto/goboto/sqs/sqstest"
)

// TestSQSTest runs the suite against the in-process fake.
func TestSQSTest(t *testing.T) {
	t.Parallel()
	srv := sqstest.Start(t)
	suite.Run(t, suite.Env{Name: "sqstest", Conn: sqs.New(srv.Config("")), Diff: suite.SQSTestDifferences()})
}
