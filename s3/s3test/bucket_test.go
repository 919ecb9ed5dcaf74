package s3test_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3/s3test"
)

func TestCreateBucketErrors(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "taken")
	if err := srv.CreateBucket(fake.TestAccountID, "us-west-2", "west"); err != nil {
		t.Fatal(err)
	}
	west := clientFor(srv, fake.DefaultCredentials()[0], "us-west-2")
	tests := []struct {
		name   string
		c      *s3.Client
		bucket string
		loc    types.BucketLocationConstraint
		want   string
	}{
		{"owned us-east-1 is 200", c, "taken", "", ""},
		{"other account", clientFor(srv, second(), "us-east-1"), "taken", "", "BucketAlreadyExists"},
		{"owned elsewhere", west, "west", "us-west-2", "BucketAlreadyOwnedByYou"},
		{"upper case", c, "Upper", "", "InvalidBucketName"},
		{"too short", c, "ab", "", "InvalidBucketName"},
		{"ip address", c, "192.168.1.1", "", "InvalidBucketName"},
		{"double dot", c, "a..b", "", "InvalidBucketName"},
		{"us-east-1 constraint", c, "explicit", "us-east-1", "InvalidLocationConstraint"},
		{"missing constraint", west, "nowhere", "", "IllegalLocationConstraintException"},
		{"wrong constraint", west, "wrong", "eu-west-1", "IllegalLocationConstraintException"},
		{"matching constraint", west, "west-2", "us-west-2", ""},
		{"global endpoint elsewhere", c, "in-eu", "eu-west-1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &s3.CreateBucketInput{Bucket: aws.String(tt.bucket)}
			if tt.loc != "" {
				in.CreateBucketConfiguration = &types.CreateBucketConfiguration{LocationConstraint: tt.loc}
			}
			_, err := tt.c.CreateBucket(ctx, in)
			if got := errCode(t, err); got != tt.want {
				t.Errorf("code = %q, want %q (%v)", got, tt.want, err)
			}
		})
	}
	loc, err := c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String("in-eu")})
	if err != nil || loc.LocationConstraint != "eu-west-1" {
		t.Errorf("GetBucketLocation in-eu = %v, %v", loc, err)
	}
	loc, err = c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String("taken")})
	if err != nil || loc.LocationConstraint != "" {
		t.Errorf("GetBucketLocation taken = %q, %v; want empty", loc.LocationConstraint, err)
	}
}

func TestBucketLifecycle(t *testing.T) {
	srv := s3test.Start(t)
	ctx := context.Background()
	c := client(srv)
	for _, b := range []string{"b-two", "a-one"} {
		mustBucket(t, c, b)
	}
	mustBucket(t, clientFor(srv, second(), "us-east-1"), "theirs")
	out, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, b := range out.Buckets {
		names = append(names, aws.ToString(b.Name))
	}
	if diff := cmp.Diff([]string{"a-one", "b-two"}, names); diff != "" {
		t.Errorf("ListBuckets (-want +got):\n%s", diff)
	}
	if _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("a-one")}); err != nil {
		t.Errorf("HeadBucket: %v", err)
	}
	_, err = c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("missing")})
	if got := errCode(t, err); got != "NotFound" {
		t.Errorf("HeadBucket missing code = %q, want NotFound", got)
	}
	_, err = c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("theirs")})
	if got := errCode(t, err); got != "Forbidden" {
		t.Errorf("HeadBucket theirs code = %q, want Forbidden", got)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("a-one"), Key: aws.String("k")}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("a-one")})
	if got := errCode(t, err); got != "BucketNotEmpty" {
		t.Errorf("DeleteBucket non-empty code = %q", got)
	}
	_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("missing")})
	if got := errCode(t, err); got != "NoSuchBucket" {
		t.Errorf("DeleteBucket missing code = %q", got)
	}
	if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("b-two")}); err != nil {
		t.Errorf("DeleteBucket: %v", err)
	}
	var got []string
	for _, b := range srv.Buckets() {
		got = append(got, b.Owner+"/"+b.Name)
	}
	want := []string{fake.TestAccountID + "/a-one", fake.OtherAccountID + "/theirs"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Buckets (-want +got):\n%s", diff)
	}
}
