package main

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3"
)

// botoS3 is what testdata/boto_s3.py prints.
type botoS3 struct {
	Get struct {
		Body        string
		ContentType string `json:"content_type"`
		Metadata    map[string]string
		Size        int64
	}
	ListDelimited []string `json:"list_delimited"`
	ListAll       []string `json:"list_all"`
	Copied        string
	Multipart     struct {
		Size      int64
		ETagParts string `json:"etag_parts"`
	}
	Missing struct {
		Status int
		Code   string
	}
	Deleted []string
	Left    []string
}

// TestBotoS3 drives boto 2.49's S3 client against the local cloud, then
// checks what it left through goboto, so both clients must agree with the
// fake.
func TestBotoS3(t *testing.T) {
	requireBoto(t)
	srv := startCloud(t)
	var got botoS3
	runBoto(t, srv, "boto_s3.py", &got)

	var want botoS3
	want.Get.Body, want.Get.ContentType, want.Get.Size = "hello from boto", "text/plain", 15
	want.Get.Metadata = map[string]string{"author": "boto"}
	want.ListDelimited = []string{"docs/a.txt", "docs/hello.txt", "docs/sub/"}
	want.ListAll = []string{"docs/a.txt", "docs/hello.txt", "docs/sub/b.txt", "top.txt"}
	want.Copied = "hello from boto"
	want.Multipart.Size, want.Multipart.ETagParts = 5<<20+10, "2"
	want.Missing.Status, want.Missing.Code = 404, "NoSuchKey"
	want.Deleted = []string{"docs/a.txt", "docs/sub/b.txt", "top.txt"}
	want.Left = []string{"big.bin", "copy/hello.txt", "docs/hello.txt"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("boto's view (-want +got):\n%s", diff)
	}

	// The same objects through goboto.
	ctx := context.Background()
	b := s3.New(srv.Config(srv.DefaultRegion(), fake.DefaultCredentials()[0])).Bucket("boto-s3-bucket")
	k := b.Key("docs/hello.txt")
	var body strings.Builder
	if _, err := k.Get(ctx, &body); err != nil {
		t.Fatal(err)
	}
	if body.String() != want.Get.Body || k.Metadata["author"] != "boto" || k.ContentType != "text/plain" {
		t.Errorf("goboto reads %q, metadata %v, type %q", body.String(), k.Metadata, k.ContentType)
	}
	var names []string
	for e, err := range b.Keys(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, e.Name)
	}
	if diff := cmp.Diff(want.Left, names); diff != "" {
		t.Errorf("goboto's listing (-want +got):\n%s", diff)
	}
}
