package core

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/goboto/goboto"
)

// A Refresh's not-found error carries the status and request ID of the
// Describe answer it was made from, taken from a real client's metadata.
func TestNotFoundCarriesTheDescribeAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-amzn-RequestId", "req-1")
		w.Header().Set("Content-Type", "text/xml")
		w.Write([]byte(`<GetCallerIdentityResponse><GetCallerIdentityResult><Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`))
	}))
	defer srv.Close()
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")}
	out, err := sts.NewFromConfig(Config(cfg, goboto.Options{Endpoint: srv.URL})).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	e := NotFound(out.ResultMetadata, "STS", "GetCallerIdentity", "NoSuchThing", "gone")
	if !goboto.IsNotFound(e) || e.StatusCode != 200 || e.RequestID != "req-1" || e.Service != "STS" || e.Operation != "GetCallerIdentity" {
		t.Errorf("NotFound = %+v", e)
	}
}
