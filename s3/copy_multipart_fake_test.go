package s3_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3"
)

func TestCopyMultipartAgainstFake(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	for _, b := range []string{"src", "dst"} {
		if err := srv.CreateBucket("", "us-east-1", b); err != nil {
			t.Fatal(err)
		}
	}
	data := bytes.Repeat([]byte("0123456789abcdef"), (11<<20)/16+5) // 11 MiB and 80 bytes: three parts
	h := http.Header{"Content-Type": {"video/mp4"}, "X-Amz-Meta-Owner": {"ann"}, "Cache-Control": {"max-age=60"}}
	if err := srv.PutObject("src", "big file", data, h); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts []s3.CopyOption
		want [2]string // content type, owner metadata
	}{
		{"keeps headers", nil, [2]string{"video/mp4", "ann"}},
		{"replaces them", []s3.CopyOption{s3.ReplaceMetadata("text/plain", map[string]string{"owner": "bob"})}, [2]string{"text/plain", "bob"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetCalls()
			opts := append([]s3.CopyOption{s3.CopyPartSize(5 << 20)}, tt.opts...)
			dst, err := conn.Bucket("src").Key("big file").Copy(ctx, "dst", "copy/"+tt.name, opts...)
			if err != nil {
				t.Fatal(err)
			}
			obj, ok := srv.Object("dst", "copy/"+tt.name)
			if !ok {
				t.Fatal("no copy stored")
			}
			if !bytes.Equal(obj.Data, data) {
				t.Errorf("copy has %d bytes that differ from the source's %d", len(obj.Data), len(data))
			}
			if got := [2]string{obj.ContentType, obj.Metadata["owner"]}; got != tt.want {
				t.Errorf("copy's content type and owner = %v, want %v", got, tt.want)
			}
			if dst.ETag != obj.ETag || dst.Size != int64(len(data)) {
				t.Errorf("handle = %s %d, want %s %d", dst.ETag, dst.Size, obj.ETag, len(data))
			}
			ops := map[string]int{}
			for _, c := range srv.Calls() {
				ops[c.Operation]++
			}
			want := map[string]int{"HeadObject": 1, "CreateMultipartUpload": 1, "UploadPartCopy": 3, "CompleteMultipartUpload": 1}
			if diff := cmp.Diff(want, ops); diff != "" {
				t.Errorf("operations (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("failed part aborts", func(t *testing.T) {
		remove := srv.Faults().Add(fake.Fault{Operation: "UploadPartCopy", Kind: fake.ServerError, Times: 1,
			Err: &fake.Error{Status: 403, Code: "AccessDenied", Message: "Access Denied", Sender: true}})
		defer remove()
		if _, err := conn.Bucket("src").Key("big file").Copy(ctx, "dst", "failed", s3.CopyPartSize(5<<20)); err == nil {
			t.Fatal("Copy succeeded with a failing part")
		}
		out, err := conn.Client().ListMultipartUploads(ctx, &sdk.ListMultipartUploadsInput{Bucket: aws.String("dst")})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Uploads) != 0 {
			t.Errorf("%d multipart uploads left behind", len(out.Uploads))
		}
		if _, ok := srv.Object("dst", "failed"); ok {
			t.Error("a failed copy stored an object")
		}
	})

	t.Run("cancelled copy aborts", func(t *testing.T) {
		// The copy is cancelled once its upload exists, while parts are
		// slowed down; the abort that follows runs on a context of its
		// own and must still reach the server. (The fake records a call
		// when it answers, so a stalled part cannot be the signal; the
		// wire test cancels in the middle of a part.)
		remove := srv.Faults().Add(fake.Fault{Operation: "UploadPartCopy", Kind: fake.Latency, Delay: 2 * time.Second})
		defer remove()
		srv.ResetCalls()
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go func() {
			for {
				for _, c := range srv.Calls() {
					if c.Operation == "CreateMultipartUpload" {
						cancel()
						return
					}
				}
				select {
				case <-cctx.Done():
					return
				case <-time.After(time.Millisecond):
				}
			}
		}()
		_, err := conn.Bucket("src").Key("big file").Copy(cctx, "dst", "cancelled", s3.CopyPartSize(5<<20))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
		out, err := conn.Client().ListMultipartUploads(ctx, &sdk.ListMultipartUploadsInput{Bucket: aws.String("dst")})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Uploads) != 0 {
			t.Errorf("%d multipart uploads left behind after cancel", len(out.Uploads))
		}
		aborted := false
		for _, c := range srv.Calls() {
			aborted = aborted || c.Operation == "AbortMultipartUpload" && c.Status == http.StatusNoContent
		}
		if !aborted {
			t.Error("no AbortMultipartUpload answered 204 after the cancel")
		}
	})
}
