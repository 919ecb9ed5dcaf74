package s3test_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3/s3test"
)

// canonical is the canonical user ID the fake gives an account.
func canonical(account string) string { return strings.Repeat("0", 64-len(account)) + account }

// grantStrings renders grants as "PERMISSION type:value" for comparison.
func grantStrings(gs []types.Grant) []string {
	var out []string
	for _, g := range gs {
		e := g.Grantee
		v := aws.ToString(e.ID) + aws.ToString(e.EmailAddress) + aws.ToString(e.URI)
		out = append(out, string(g.Permission)+" "+string(e.Type)+":"+v)
	}
	return out
}

// openBucket makes a bucket that takes ACLs: ObjectWriter ownership and
// no public access block.
func openBucket(t *testing.T, c *s3.Client, name string) {
	t.Helper()
	ctx := context.Background()
	mustBucket(t, c, name)
	if _, err := c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String(name),
		OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipObjectWriter}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
}

func TestGrantHeaders(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "enforced")
	openBucket(t, c, "open")
	if err := srv.PutObject("open", "k", []byte("x"), nil); err != nil {
		t.Fatal(err)
	}
	if err := srv.PutObject("enforced", "k", []byte("x"), nil); err != nil {
		t.Fatal(err)
	}
	other := canonical(fake.OtherAccountID)
	allUsers := "http://acs.amazonaws.com/groups/global/AllUsers"
	tests := []struct {
		name   string
		bucket string
		in     s3.PutObjectAclInput
		code   string
		want   []string
	}{
		{name: "one of each", bucket: "open", in: s3.PutObjectAclInput{
			GrantFullControl: aws.String(`id="` + canonical(fake.TestAccountID) + `"`),
			GrantRead:        aws.String(`id="` + other + `", emailAddress="someone@example.com"`),
			GrantReadACP:     aws.String(`uri="` + allUsers + `"`),
			GrantWrite:       aws.String(`id=` + other),
			GrantWriteACP:    aws.String(`emailAddress="a,b@example.com"`),
		}, want: []string{
			"FULL_CONTROL CanonicalUser:" + canonical(fake.TestAccountID),
			"WRITE CanonicalUser:" + other,
			"WRITE_ACP AmazonCustomerByEmail:a,b@example.com",
			"READ CanonicalUser:" + other,
			"READ AmazonCustomerByEmail:someone@example.com",
			"READ_ACP Group:" + allUsers,
		}},
		{name: "enforced", bucket: "enforced", in: s3.PutObjectAclInput{GrantRead: aws.String(`id="` + other + `"`)},
			code: "AccessControlListNotSupported"},
		{name: "enforced, owner only", bucket: "enforced", in: s3.PutObjectAclInput{
			GrantFullControl: aws.String(`id="` + canonical(fake.TestAccountID) + `"`)},
			want: []string{"FULL_CONTROL CanonicalUser:" + canonical(fake.TestAccountID)}},
		{name: "unknown grantee type", bucket: "open", in: s3.PutObjectAclInput{GrantRead: aws.String(`name="x"`)}, code: "InvalidArgument"},
		{name: "unknown group", bucket: "open", in: s3.PutObjectAclInput{GrantRead: aws.String(`uri="http://example.com/g"`)}, code: "InvalidArgument"},
		{name: "unterminated quote", bucket: "open", in: s3.PutObjectAclInput{GrantRead: aws.String(`id="abc`)}, code: "InvalidArgument"},
		{name: "with a canned ACL", bucket: "open", in: s3.PutObjectAclInput{GrantRead: aws.String(`id="` + other + `"`),
			ACL: types.ObjectCannedACLPrivate}, code: "InvalidRequest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Bucket, in.Key = aws.String(tt.bucket), aws.String("k")
			_, err := c.PutObjectAcl(ctx, &in)
			if diff := cmp.Diff(tt.code, errCode(t, err)); diff != "" {
				t.Fatalf("PutObjectAcl code (-want +got):\n%s", diff)
			}
			if tt.code != "" {
				return
			}
			out, err := c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: in.Bucket, Key: in.Key})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, grantStrings(out.Grants)); diff != "" {
				t.Errorf("grants (-want +got):\n%s", diff)
			}
		})
	}
}

// PutObject, CreateMultipartUpload, CreateBucket and PutBucketAcl take
// grant headers too, and refuse them where ACLs are disabled.
func TestGrantHeadersOnWrites(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "enforced")
	openBucket(t, c, "open")
	read := aws.String(`id="` + canonical(fake.OtherAccountID) + `"`)
	wantRead := []string{"READ CanonicalUser:" + canonical(fake.OtherAccountID)}
	objectACL := func(bucket, key string) []string {
		out, err := c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(bucket), Key: aws.String(key)})
		if err != nil {
			t.Fatal(err)
		}
		return grantStrings(out.Grants)
	}
	for _, bucket := range []string{"enforced", "open"} {
		code := map[string]string{"enforced": "AccessControlListNotSupported", "open": ""}[bucket]
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("put"),
			Body: strings.NewReader("x"), GrantRead: read})
		if diff := cmp.Diff(code, errCode(t, err)); diff != "" {
			t.Errorf("PutObject to %s (-want +got):\n%s", bucket, diff)
		}
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String("mpu"), GrantRead: read})
		if diff := cmp.Diff(code, errCode(t, err)); diff != "" {
			t.Errorf("CreateMultipartUpload in %s (-want +got):\n%s", bucket, diff)
		}
		_, err = c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(bucket), GrantRead: read})
		if diff := cmp.Diff(code, errCode(t, err)); diff != "" {
			t.Errorf("PutBucketAcl of %s (-want +got):\n%s", bucket, diff)
		}
		if code != "" {
			continue
		}
		if diff := cmp.Diff(wantRead, objectACL(bucket, "put")); diff != "" {
			t.Errorf("ACL of the put object (-want +got):\n%s", diff)
		}
		part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(bucket), Key: aws.String("mpu"), UploadId: up.UploadId,
			PartNumber: aws.Int32(1), Body: strings.NewReader("y")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String("mpu"),
			UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: part.ETag}}}}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantRead, objectACL(bucket, "mpu")); diff != "" {
			t.Errorf("ACL of the completed upload (-want +got):\n%s", diff)
		}
		out, err := c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(bucket)})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantRead, grantStrings(out.Grants)); diff != "" {
			t.Errorf("bucket ACL (-want +got):\n%s", diff)
		}
	}

	creates := []struct {
		name      string
		ownership types.ObjectOwnership
		code      string
	}{
		{"default-ownership", "", "InvalidBucketAclWithObjectOwnership"},
		{"enforced-ownership", types.ObjectOwnershipBucketOwnerEnforced, "InvalidBucketAclWithObjectOwnership"},
		{"writer-ownership", types.ObjectOwnershipObjectWriter, ""},
	}
	for _, cr := range creates {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(cr.name), GrantRead: read, ObjectOwnership: cr.ownership})
		if diff := cmp.Diff(cr.code, errCode(t, err)); diff != "" {
			t.Errorf("CreateBucket %s (-want +got):\n%s", cr.name, diff)
			continue
		}
		if cr.code != "" {
			continue
		}
		out, err := c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(cr.name)})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantRead, grantStrings(out.Grants)); diff != "" {
			t.Errorf("ACL of bucket %s (-want +got):\n%s", cr.name, diff)
		}
	}
}

// PutObjectAcl and GetObjectAcl act on the version versionId names.
func TestObjectACLVersion(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t)
	c := client(srv)
	openBucket(t, c, "open")
	setVersioning(t, c, "open", types.BucketVersioningStatusEnabled)
	var versions []string
	for range 2 {
		out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("open"), Key: aws.String("k"), Body: strings.NewReader("x")})
		if err != nil {
			t.Fatal(err)
		}
		versions = append(versions, aws.ToString(out.VersionId))
	}
	read := `id="` + canonical(fake.OtherAccountID) + `"`
	if _, err := c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String("open"), Key: aws.String("k"),
		VersionId: aws.String(versions[0]), GrantRead: aws.String(read)}); err != nil {
		t.Fatal(err)
	}
	acl := func(version string) []string {
		in := &s3.GetObjectAclInput{Bucket: aws.String("open"), Key: aws.String("k")}
		if version != "" {
			in.VersionId = aws.String(version)
		}
		out, err := c.GetObjectAcl(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return grantStrings(out.Grants)
	}
	owner := []string{"FULL_CONTROL CanonicalUser:" + canonical(fake.TestAccountID)}
	got := [][]string{acl(versions[0]), acl(versions[1]), acl("")}
	want := [][]string{{"READ CanonicalUser:" + canonical(fake.OtherAccountID)}, owner, owner}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ACLs of [first version, second, latest] (-want +got):\n%s", diff)
	}
	if info, _ := srv.Object("open", "k"); string(info.Data) != "x" {
		t.Errorf("latest object after the ACL change: %q", info.Data)
	}
}
