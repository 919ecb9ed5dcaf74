package suite_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/goboto/goboto/internal/testutil/moto"
	"github.com/goboto/goboto/sdb/internal/suite"
	"github.com/goboto/goboto/sdb/sdbtest"
)

// TestSDBTest runs the suite against goboto's fake.
func TestSDBTest(t *testing.T) {
	srv := sdbtest.Start(t)
	suite.Run(t, suite.Env{Name: "sdbtest", Config: srv.Config("us-east-1"), NewDomain: moto.Names("suite")})
}

// TestMoto runs the suite against moto 5.2.1, which serves SimpleDB's
// domains, PutAttributes and GetAttributes and answers its other actions
// with HTTP 500 (MotoDifferences). moto tells SimpleDB from its SigV2
// requests by their Version, 2009-04-15, and checks no signature.
func TestMoto(t *testing.T) {
	endpoint := moto.Endpoint(t)
	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider(moto.AccessKey, moto.SecretKey, "")}
	suite.Run(t, suite.Env{Name: "moto", Config: cfg, NewDomain: moto.Names("suite"), Diff: suite.MotoDifferences()})
}
