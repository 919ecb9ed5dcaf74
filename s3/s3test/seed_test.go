package s3test_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/s3/s3test"
)

// TestSeedingUsesServerClock seeds a bucket and an object on servers and
// backends with a fixed clock: their times are the clock's, not the
// machine's.
func TestSeedingUsesServerClock(t *testing.T) {
	at := time.Date(2001, 2, 3, 4, 5, 6, 789_000_000, time.UTC)
	clock := func() time.Time { return at }
	tests := []struct {
		name    string
		backend func(t *testing.T) *s3test.Backend
	}{
		{"server", func(t *testing.T) *s3test.Backend {
			return s3test.Start(t, fakes.WithClock(clock)).Backend
		}},
		{"backend with server options", func(t *testing.T) *s3test.Backend {
			b, err := s3test.NewBackend(fakes.WithClock(clock))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}},
		{"backend with SetClock", func(t *testing.T) *s3test.Backend {
			b, err := s3test.NewBackend()
			if err != nil {
				t.Fatal(err)
			}
			b.SetClock(clock)
			return b
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.backend(t)
			if err := b.CreateBucket("", "", "seeded"); err != nil {
				t.Fatal(err)
			}
			if err := b.PutObject("seeded", "k", []byte("v"), nil); err != nil {
				t.Fatal(err)
			}
			o, ok := b.Object("seeded", "k")
			if !ok {
				t.Fatal("seeded object missing")
			}
			got := []time.Time{b.Buckets()[0].Created, o.LastModified}
			want := []time.Time{at.Truncate(time.Millisecond), at.Truncate(time.Second)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("bucket created, object last modified (-want +got):\n%s", diff)
			}
		})
	}
	// The server answers the seeded time to a client too (whose
	// signature's time is the machine's, hence the skew).
	srv := s3test.Start(t, fakes.WithClock(clock), fakes.WithMaxSkew(100*365*24*time.Hour))
	if err := srv.CreateBucket("", "", "seeded"); err != nil {
		t.Fatal(err)
	}
	if err := srv.PutObject("seeded", "k", []byte("v"), nil); err != nil {
		t.Fatal(err)
	}
	head, err := client(srv).HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("seeded"), Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(at.Truncate(time.Second), aws.ToTime(head.LastModified)); diff != "" {
		t.Errorf("HeadObject LastModified (-want +got):\n%s", diff)
	}
}

// TestFastETagsEverywhere checks that with WithFastETags every way of
// storing the same bytes as one part gives the same ETag, which is not
// their MD5: a PUT, a seeded object, and a copy of a multipart object
// (which CopyObject re-hashes).
func TestFastETagsEverywhere(t *testing.T) {
	srv := s3test.Start(t, s3test.WithFastETags())
	c := client(srv)
	ctx := context.Background()
	mustBucket(t, c, "bkt")
	parts := [][]byte{bytes.Repeat([]byte{'a'}, 5<<20), []byte("tail")}
	data := bytes.Join(parts, nil)

	put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("put"), Body: bytes.NewReader(data)})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.PutObject("bkt", "seeded", data, nil); err != nil {
		t.Fatal(err)
	}
	seeded, _ := srv.Object("bkt", "seeded")

	cr, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("mp")})
	if err != nil {
		t.Fatal(err)
	}
	var done []types.CompletedPart
	for i, p := range parts {
		n := int32(i + 1)
		up, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String("mp"), UploadId: cr.UploadId,
			PartNumber: &n, Body: bytes.NewReader(p)})
		if err != nil {
			t.Fatal(err)
		}
		done = append(done, types.CompletedPart{PartNumber: &n, ETag: up.ETag})
	}
	if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("mp"),
		UploadId: cr.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: done}}); err != nil {
		t.Fatal(err)
	}
	cp, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("bkt"), Key: aws.String("copy"), CopySource: aws.String("bkt/mp")})
	if err != nil {
		t.Fatal(err)
	}

	sum := md5.Sum(data)
	md5ETag := `"` + hex.EncodeToString(sum[:]) + `"`
	got := map[string]string{"seeded": seeded.ETag, "copy of multipart": aws.ToString(cp.CopyObjectResult.ETag)}
	want := map[string]string{"seeded": aws.ToString(put.ETag), "copy of multipart": aws.ToString(put.ETag)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ETags, want the PUT's (-want +got):\n%s", diff)
	}
	if aws.ToString(put.ETag) == md5ETag {
		t.Errorf("PUT ETag %s is the MD5: WithFastETags not in effect", md5ETag)
	}
}
