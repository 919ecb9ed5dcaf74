package suite_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/ec2/internal/suite"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/testutil/moto"
)

// TestEC2Test runs the suite against goboto's fake, as its first test
// account with its second to share with.
func TestEC2Test(t *testing.T) {
	srv := ec2test.Start(t)
	creds := fakes.DefaultCredentials()
	suite.Run(t, suite.Env{
		Name:    "ec2test",
		Conn:    ec2.New(srv.Config("us-east-1")),
		Account: creds[0].AccountID,
		Other:   ec2.New(srv.ConfigFor(creds[1], "us-east-1")), OtherAccount: creds[1].AccountID,
		ImageID: ec2test.DefaultEBSImage,
		Names:   moto.Names("gbt-ec2"),
	})
}

// motoAccount is moto's default account; motoOther is the second
// account the suite shares snapshots with, which moto serves to requests
// carrying its x-moto-account-id header (moto/core/responses.py,
// get_current_account).
const (
	motoAccount = "123456789012"
	motoOther   = "210987654321"
)

// motoImage is an EBS-backed Amazon Linux image of moto's built-in
// catalogue (moto/ec2/resources/amis.json).
const motoImage = "ami-760aaa0f"

// TestMoto runs the suite against moto 5.2.1 (internal/testutil/moto:
// $GOBOTO_MOTO_ENDPOINT, or a moto started for the test; skipped without
// moto or in -short mode).
func TestMoto(t *testing.T) {
	endpoint := moto.Endpoint(t)
	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider(moto.AccessKey, moto.SecretKey, "")}
	other := ec2.WithClientOptions(func(o *awsec2.Options) {
		o.APIOptions = append(o.APIOptions, smithyhttp.AddHeaderValue("x-moto-account-id", motoOther))
	})
	suite.Run(t, suite.Env{
		Name:    "moto",
		Conn:    ec2.New(cfg, goboto.WithRetry(1, 0)),
		Account: motoAccount,
		Other:   ec2.New(cfg, other, goboto.WithRetry(1, 0)), OtherAccount: motoOther,
		ImageID: motoImage,
		Names:   moto.Names("gbt-ec2"),
		Diff:    suite.MotoDifferences(),
	})
}
