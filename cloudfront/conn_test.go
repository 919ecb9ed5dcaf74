package cloudfront_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/cloudfront"
)

func TestGlobalRegion(t *testing.T) {
	tests := map[string]string{
		"":               "us-east-1",
		"us-east-1":      "us-east-1",
		"eu-west-3":      "us-east-1",
		"ap-southeast-7": "us-east-1",
		"cn-north-1":     "cn-northwest-1",
		"mars-1":         "mars-1", // refused when a request is made
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, cloudfront.GlobalRegion(in)); diff != "" {
			t.Errorf("GlobalRegion(%q) (-want +got):\n%s", in, diff)
		}
	}
}

// A connection made for any region of the aws partition signs for
// us-east-1, which the fake (like CloudFront) insists on; a region that
// is no region is refused before anything is sent.
func TestConnSignsForTheGlobalRegion(t *testing.T) {
	srv, _ := startFake(t)
	conn := cloudfront.New(srv.Config("eu-west-3"))
	if conn.Region() != "us-east-1" || conn.String() != "CloudFrontConnection:us-east-1" {
		t.Errorf("Region %s, String %s", conn.Region(), conn.String())
	}
	if _, err := conn.CreateDistribution(t.Context(), s3Site()); err != nil {
		t.Fatalf("from eu-west-3: %v", err)
	}
	n := len(srv.Calls())
	bad := cloudfront.New(srv.Config("mars-1"))
	if _, err := bad.CreateDistribution(t.Context(), s3Site()); !isValidation(err) {
		t.Errorf("region mars-1: %v; want a ValidationError", err)
	}
	if len(srv.Calls()) != n {
		t.Error("a request for region mars-1 was sent")
	}
}
