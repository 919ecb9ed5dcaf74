package cloudfront_test

import (
	"errors"
	"strconv"
	"testing"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/fakes"
)

// startFake starts a cloudfronttest server and returns it with a
// connection for its first test account.
func startFake(t *testing.T, opts ...fakes.Option) (*cloudfronttest.Server, *cloudfront.Conn) {
	t.Helper()
	srv := cloudfronttest.Start(t, opts...)
	return srv, cloudfront.New(srv.Config(""))
}

// s3Site is a configuration with one S3 origin and legacy TTLs.
func s3Site() cloudfront.DistributionConfig {
	return cloudfront.DistributionConfig{
		Comment: "site",
		Enabled: true,
		Origins: []cloudfront.Origin{{ID: "bucket", DomainName: "bucket.s3.amazonaws.com", S3: &cloudfront.S3Origin{}}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "bucket", ViewerProtocol: cloudfront.RedirectToHTTPS,
			TTL: &cloudfront.TTL{Default: 3600e9, Max: 86400e9}},
	}
}

// code returns the AWS error code of err, "" for none.
func code(err error) string {
	var ae *goboto.APIError
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}

// isValidation reports whether err is a *goboto.ValidationError.
func isValidation(err error) bool {
	var ve *goboto.ValidationError
	return errors.As(err, &ve)
}

func itoa(i int) string { return strconv.Itoa(i) }

func errorsAs[T error](err error, target *T) bool { return errors.As(err, target) }
