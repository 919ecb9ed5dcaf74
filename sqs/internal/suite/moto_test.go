package suite_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/goboto/goboto/internal/testutil/moto"
	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/internal/suite"
)

// TestMoto runs the suite against moto, the second opinion
// (internal/testutil/moto: $GOBOTO_MOTO_ENDPOINT, or a moto started for
// the test; skipped without moto or in -short mode).
func TestMoto(t *testing.T) {
	t.Parallel()
	endpoint := moto.Endpoint(t)
	suite.Run(t, suite.Env{Name: "moto", Conn: sqs.New(config(endpoint, moto.AccessKey, moto.SecretKey)),
		NewQueueName: suite.Names("gbt-sqs"), Diff: suite.MotoDifferences()})
}

// config is an aws-sdk-go-v2 configuration for an emulator at endpoint.
func config(endpoint, key, secret string) aws.Config {
	return aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(key, secret, ""),
		BaseEndpoint: aws.String(endpoint),
	}
}
