package s3test_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/s3/s3test"
)

func TestPutObjectCannedACLUnderEnforced(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t)
	c := client(srv)
	mustBucket(t, c, "enforced")
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
	srv := s3test.Start(t)
	c := client(srv)
	mustBucket(t, c, "owned")
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
	srv := s3test.Start(t)
	c := client(srv)
	mustBucket(t, c, "wire")
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
