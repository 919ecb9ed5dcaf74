package cloudfronttest

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/smithy-go"
)

// An operation of the model the fake does not serve is refused with the
// model's UnsupportedOperation (CloudFront API Reference, Common error
// shapes: "This operation is not supported in this Amazon Web Services
// Region"), HTTP 400, and recorded under its name.
func TestUnservedOperationRefused(t *testing.T) {
	srv := Start(t)
	c := cloudfront.NewFromConfig(srv.Config("us-east-1"), func(o *cloudfront.Options) { o.BaseEndpoint = aws.String(srv.URL()) })
	_, err := c.ListFunctions(t.Context(), &cloudfront.ListFunctionsInput{})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "UnsupportedOperation" {
		t.Fatalf("ListFunctions: %v; want UnsupportedOperation", err)
	}
	calls := srv.Calls()
	if len(calls) != 1 || calls[0].Operation != "ListFunctions" {
		t.Errorf("calls = %+v; want one ListFunctions", calls)
	}
}

// CloudFront is signed for us-east-1 only; a scope for another region is
// refused before anything is done.
func TestOtherRegionRefused(t *testing.T) {
	srv := Start(t)
	c := cloudfront.NewFromConfig(srv.Config("eu-west-1"), func(o *cloudfront.Options) { o.BaseEndpoint = aws.String(srv.URL()) })
	_, err := c.ListFunctions(t.Context(), &cloudfront.ListFunctionsInput{})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "SignatureDoesNotMatch" {
		t.Fatalf("ListFunctions signed for eu-west-1: %v; want SignatureDoesNotMatch", err)
	}
}
