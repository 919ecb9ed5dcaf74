package s3test_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
)

// tagMap turns a TagSet into a map for comparison.
func tagMap(ts []types.Tag) map[string]string {
	m := map[string]string{}
	for _, t := range ts {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}

// TestObjectTagging pins S3 API Reference, PutObject (x-amz-tagging,
// URL-encoded query parameters), GetObject/HeadObject
// (x-amz-tagging-count), PutObjectTagging (replaces the whole set),
// DeleteObjectTagging, CopyObject (x-amz-tagging-directive COPY by
// default, REPLACE takes x-amz-tagging) and CreateMultipartUpload
// (x-amz-tagging applies to the completed object).
func TestObjectTagging(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "tags")
	b := aws.String("tags")
	get := func(key string) map[string]string {
		t.Helper()
		out, err := c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: b, Key: aws.String(key)})
		if err != nil {
			t.Fatalf("GetObjectTagging %s: %v", key, err)
		}
		return tagMap(out.TagSet)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("k"), Body: strings.NewReader("x"),
		Tagging: aws.String("team=blue&cost%20centre=a%2Fb")}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"team": "blue", "cost centre": "a/b"}, get("k")); diff != "" {
		t.Errorf("tags after PutObject (-want +got):\n%s", diff)
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	obj, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	obj.Body.Close()
	if aws.ToInt32(head.TagCount) != 2 || aws.ToInt32(obj.TagCount) != 2 {
		t.Errorf("x-amz-tagging-count: head %v, get %v; want 2", head.TagCount, obj.TagCount)
	}

	if _, err := c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: b, Key: aws.String("k"),
		Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("only"), Value: aws.String("")}}}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"only": ""}, get("k")); diff != "" {
		t.Errorf("tags after PutObjectTagging (-want +got):\n%s", diff)
	}

	copyTo := func(key string, directive types.TaggingDirective, tagging string) {
		t.Helper()
		in := &s3.CopyObjectInput{Bucket: b, Key: aws.String(key), CopySource: aws.String("tags/k"), TaggingDirective: directive}
		if tagging != "" {
			in.Tagging = aws.String(tagging)
		}
		if _, err := c.CopyObject(ctx, in); err != nil {
			t.Fatalf("CopyObject %s: %v", key, err)
		}
	}
	copyTo("copied", "", "ignored=yes")
	copyTo("replaced", types.TaggingDirectiveReplace, "new=tag")
	if diff := cmp.Diff(map[string]string{"only": ""}, get("copied")); diff != "" {
		t.Errorf("tags after CopyObject COPY (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"new": "tag"}, get("replaced")); diff != "" {
		t.Errorf("tags after CopyObject REPLACE (-want +got):\n%s", diff)
	}

	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: aws.String("mp"), Tagging: aws.String("from=upload")})
	if err != nil {
		t.Fatal(err)
	}
	part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: aws.String("mp"), UploadId: up.UploadId,
		PartNumber: aws.Int32(1), Body: strings.NewReader("part")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: aws.String("mp"), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: part.ETag}}}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"from": "upload"}, get("mp")); diff != "" {
		t.Errorf("tags after multipart upload (-want +got):\n%s", diff)
	}

	if _, err := c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: b, Key: aws.String("k")}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{}, get("k")); diff != "" {
		t.Errorf("tags after DeleteObjectTagging (-want +got):\n%s", diff)
	}
	head, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: aws.String("k")})
	if err != nil || head.TagCount != nil {
		t.Errorf("HeadObject after DeleteObjectTagging: TagCount %v, %v; want none", head.TagCount, err)
	}
	if _, err := c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: b, Key: aws.String("missing")}); errCode(t, err) != "NoSuchKey" {
		t.Errorf("GetObjectTagging missing key: %v, want NoSuchKey", err)
	}
}

// TestObjectTaggingVersions pins S3 API Reference, PutObjectTagging and
// GetObjectTagging with versionId: the tags belong to one version.
func TestObjectTaggingVersions(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "vtags")
	setVersioning(t, c, "vtags", types.BucketVersioningStatusEnabled)
	b, k := aws.String("vtags"), aws.String("k")
	first, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: k, Body: strings.NewReader("1"), Tagging: aws.String("v=1")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: k, Body: strings.NewReader("2"), Tagging: aws.String("v=2")}); err != nil {
		t.Fatal(err)
	}
	put, err := c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: b, Key: k, VersionId: first.VersionId,
		Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("v"), Value: aws.String("one")}}}})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(put.VersionId) != aws.ToString(first.VersionId) {
		t.Errorf("PutObjectTagging version %v, want %v", put.VersionId, first.VersionId)
	}
	old, err := c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: b, Key: k, VersionId: first.VersionId})
	if err != nil {
		t.Fatal(err)
	}
	latest, err := c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: b, Key: k})
	if err != nil {
		t.Fatal(err)
	}
	got := []map[string]string{tagMap(old.TagSet), tagMap(latest.TagSet)}
	if diff := cmp.Diff([]map[string]string{{"v": "one"}, {"v": "2"}}, got); diff != "" {
		t.Errorf("tags of versions (-want +got):\n%s", diff)
	}
}

// TestTagRules pins S3's tag limits (User Guide, "Categorizing your
// storage using tags"; API Reference, PutObjectTagging and
// PutBucketTagging): 10 tags an object, 50 a bucket, keys up to 128
// characters, values up to 256, no aws: prefix, no duplicate keys.
func TestTagRules(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "rules")
	if err := srv.PutObject("rules", "k", []byte("x"), nil); err != nil {
		t.Fatal(err)
	}
	n := func(count int) []types.Tag {
		var ts []types.Tag
		for i := range count {
			ts = append(ts, types.Tag{Key: aws.String(strings.Repeat("k", i+1)), Value: aws.String("v")})
		}
		return ts
	}
	one := func(k, v string) []types.Tag { return []types.Tag{{Key: aws.String(k), Value: aws.String(v)}} }
	tests := []struct {
		name        string
		tags        []types.Tag
		obj, bucket string // wanted codes
	}{
		{"ten", n(10), "", ""},
		{"eleven", n(11), "BadRequest", ""},
		{"fifty-one", n(51), "BadRequest", "InvalidTag"},
		{"key 128", one(strings.Repeat("a", 128), "v"), "", ""},
		{"key 129", one(strings.Repeat("a", 129), "v"), "InvalidTag", "InvalidTag"},
		{"value 256", one("k", strings.Repeat("é", 256)), "", ""},
		{"value 257", one("k", strings.Repeat("a", 257)), "InvalidTag", "InvalidTag"},
		{"aws prefix", one("aws:cost", "v"), "InvalidTag", "InvalidTag"},
		{"duplicate", append(one("k", "1"), one("k", "2")...), "InvalidTag", "InvalidTag"},
		{"bad character", one("k*", "v"), "InvalidTag", "InvalidTag"},
		{"allowed characters", one("a b+c-d=e.f_g:h/i@j", "ü 1"), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String("rules"), Key: aws.String("k"),
				Tagging: &types.Tagging{TagSet: tt.tags}})
			if got := errCode(t, err); got != tt.obj {
				t.Errorf("PutObjectTagging: %q, want %q (%v)", got, tt.obj, err)
			}
			_, err = c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String("rules"),
				Tagging: &types.Tagging{TagSet: tt.tags}})
			if got := errCode(t, err); got != tt.bucket {
				t.Errorf("PutBucketTagging: %q, want %q (%v)", got, tt.bucket, err)
			}
		})
	}
}

// TestBucketTagging pins S3 API Reference, GetBucketTagging: a bucket
// without tags answers 404 NoSuchTagSet; PutBucketTagging replaces the
// set and DeleteBucketTagging removes it.
func TestBucketTagging(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "btags")
	b := aws.String("btags")
	if _, err := c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b}); errCode(t, err) != "NoSuchTagSet" {
		t.Fatalf("GetBucketTagging of a new bucket: %v, want NoSuchTagSet", err)
	}
	want := []types.Tag{{Key: aws.String("env"), Value: aws.String("test")}, {Key: aws.String("team"), Value: aws.String("blue")}}
	if _, err := c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b, Tagging: &types.Tagging{TagSet: want}}); err != nil {
		t.Fatal(err)
	}
	out, err := c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tagMap(want), tagMap(out.TagSet)); diff != "" {
		t.Errorf("GetBucketTagging (-want +got):\n%s", diff)
	}
	if _, err := c.DeleteBucketTagging(ctx, &s3.DeleteBucketTaggingInput{Bucket: b}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b}); errCode(t, err) != "NoSuchTagSet" {
		t.Errorf("GetBucketTagging after delete: %v, want NoSuchTagSet", err)
	}
}
