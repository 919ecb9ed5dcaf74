package s3test_test

import (
	"context"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
)

func TestPutObjectCannedACLUnderEnforced(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "enforced")
	tests := []struct {
		acl  types.ObjectCannedACL
		want string
	}{
		{types.ObjectCannedACLPublicRead, "AccessControlListNotSupported"},
		{types.ObjectCannedACLBucketOwnerFullControl, ""},
		{types.ObjectCannedACLPrivate, ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.acl), func(t *testing.T) {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("enforced"), Key: aws.String("k"),
				Body: strings.NewReader("x"), ACL: tt.acl})
			if got := errCode(t, err); got != tt.want {
				t.Errorf("PutObject ACL %s: code %q, want %q", tt.acl, got, tt.want)
			}
		})
	}
}

func TestOwnershipControls(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "owned")
	get := func() (string, string) {
		out, err := c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String("owned")})
		if err != nil {
			return "", errCode(t, err)
		}
		return string(out.OwnershipControls.Rules[0].ObjectOwnership), ""
	}
	if got, code := get(); got != "BucketOwnerEnforced" {
		t.Errorf("new bucket: ownership %q (%s), want BucketOwnerEnforced", got, code)
	}
	_, err := c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String("owned"),
		OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerPreferred}}}})
	if err != nil {
		t.Fatal(err)
	}
	if got, code := get(); got != "BucketOwnerPreferred" {
		t.Errorf("after put: ownership %q (%s), want BucketOwnerPreferred", got, code)
	}
	_, err = c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String("owned"), ACL: types.BucketCannedACLPublicRead})
	if got := errCode(t, err); got != "AccessDenied" {
		t.Errorf("public ACL with BlockPublicAcls: code %q, want AccessDenied", got)
	}
	if _, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String("owned")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String("owned"), ACL: types.BucketCannedACLPublicRead}); err != nil {
		t.Fatalf("PutBucketAcl with ACLs enabled: %v", err)
	}
	_, err = c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String("owned"),
		OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerEnforced}}}})
	if got := errCode(t, err); got != "InvalidBucketAclWithObjectOwnership" {
		t.Errorf("enforcing with a public ACL: code %q, want InvalidBucketAclWithObjectOwnership", got)
	}
	if _, err := c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: aws.String("owned")}); err != nil {
		t.Fatal(err)
	}
	if _, code := get(); code != "OwnershipControlsNotFoundError" {
		t.Errorf("after delete: code %q, want OwnershipControlsNotFoundError", code)
	}
}

// TestACLWire checks the XML the fake writes: grantees carry xsi:type.
func TestACLWire(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "wire")
	if _, err := c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String("wire"),
		OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipObjectWriter}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String("wire")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String("wire"), ACL: types.BucketCannedACLAuthenticatedRead}); err != nil {
		t.Fatal(err)
	}
	out, err := c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String("wire")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range out.Grants {
		got = append(got, string(g.Grantee.Type)+" "+aws.ToString(g.Grantee.URI)+" "+string(g.Permission))
	}
	want := []string{"CanonicalUser  FULL_CONTROL", "Group http://acs.amazonaws.com/groups/global/AuthenticatedUsers READ"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("grants (-want +got):\n%s", diff)
	}
}

// TestACLWireOneTypeAttribute reads GetObjectAcl's raw XML: each Grantee
// must carry its type once. encoding/xml can write a namespaced type
// attribute beside xsi:type, which botocore (the aws CLI) rejects as a
// duplicate attribute.
func TestACLWireOneTypeAttribute(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "raw")
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("raw"), Key: aws.String("k"), Body: strings.NewReader("x")}); err != nil {
		t.Fatal(err)
	}
	creds, err := srv.Config("").Credentials.Retrieve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second answer must not inherit the first one's rendering
		req, _ := http.NewRequest("GET", srv.URL()+"/raw/k?acl", nil)
		const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
		req.Header.Set("X-Amz-Content-Sha256", emptySHA256)
		if err := v4.NewSigner().SignHTTP(ctx, creds, req, emptySHA256, "s3", "us-east-1", time.Now()); err != nil {
			t.Fatal(err)
		}
		resp, err := srv.HTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		tags := regexp.MustCompile(`<Grantee[^>]*>`).FindAllString(string(body), -1)
		if len(tags) == 0 {
			t.Fatalf("no Grantee in %s", body)
		}
		for _, tag := range tags {
			if n := strings.Count(tag, "type="); n != 1 {
				t.Errorf("Grantee tag has %d type attributes: %s", n, tag)
			}
		}
	}
}
