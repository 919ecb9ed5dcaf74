package s3test_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
)

func TestCallsAndCrossAccount(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "mine")
	srv.ResetCalls()
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("mine"), Key: aws.String("k"), Body: strings.NewReader("v")}); err != nil {
		t.Fatal(err)
	}
	other := clientFor(srv, second(), "us-east-1")
	_, err := other.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("mine"), Key: aws.String("k")})
	if got := errCode(t, err); got != "AccessDenied" {
		t.Errorf("other account GetObject: %q, want AccessDenied", got)
	}
	if _, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("mine")}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, call := range srv.Calls() {
		got = append(got, call.Operation+" "+call.Account+" "+call.Code)
	}
	want := []string{"PutObject " + fake.TestAccountID + " ", "GetObject " + fake.OtherAccountID + " AccessDenied",
		"ListObjectsV2 " + fake.TestAccountID + " "}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Calls (-want +got):\n%s", diff)
	}

	// An unsigned request is refused, and every answer carries S3's
	// request ID headers.
	resp, err := srv.HTTPClient().Get(srv.URL() + "/mine/k")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("x-amz-request-id") == "" {
		t.Errorf("anonymous GET: status %d, x-amz-request-id %q", resp.StatusCode, resp.Header.Get("x-amz-request-id"))
	}
}
