package s3test_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/s3/s3test"
)

// TestCreateBucketCannedACL creates buckets with canned ACLs: ACLs need an
// Object Ownership other than BucketOwnerEnforced, and a public one is
// refused because a new bucket's public access block is on.
func TestCreateBucketCannedACL(t *testing.T) {
	tests := []struct {
		acl       types.BucketCannedACL
		ownership types.ObjectOwnership
		code      string
	}{
		{types.BucketCannedACLPrivate, "", ""},
		{types.BucketCannedACLPublicRead, "", "InvalidBucketAclWithObjectOwnership"},
		{types.BucketCannedACLPublicRead, types.ObjectOwnershipObjectWriter, "InvalidBucketAclWithBlockPublicAccessError"},
		{types.BucketCannedACLPublicReadWrite, types.ObjectOwnershipBucketOwnerPreferred, "InvalidBucketAclWithBlockPublicAccessError"},
		{types.BucketCannedACLAuthenticatedRead, types.ObjectOwnershipObjectWriter, "InvalidBucketAclWithBlockPublicAccessError"},
		{types.BucketCannedACLPrivate, types.ObjectOwnershipObjectWriter, ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.acl)+"/"+string(tt.ownership), func(t *testing.T) {
			srv := s3test.Start(t)
			c := client(srv)
			ctx := context.Background()
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bkt"), ACL: tt.acl, ObjectOwnership: tt.ownership})
			_, exists := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("bkt")})
			if diff := cmp.Diff([]any{tt.code, tt.code == ""}, []any{errCode(t, err), exists == nil}); diff != "" {
				t.Errorf("code, bucket exists (-want +got):\n%s", diff)
			}
		})
	}
}
