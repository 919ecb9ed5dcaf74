package suite

import (
	"context"
	"net/http"
	"testing"

	"github.com/goboto/goboto/s3"
)

// testStorage puts objects with storage classes and server-side
// encryption and reads back what was applied.
func testStorage(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)

	// S3 encrypts every new object with SSE-S3 (AES256) since January
	// 2023, and leaves x-amz-storage-class out for STANDARD.
	k := b.Key("default")
	if err := k.PutBytes(ctx, []byte("x")); err != nil {
		t.Fatalf("%s: PutBytes: %v", e.Name, err)
	}
	if err := k.Refresh(ctx); err != nil {
		t.Fatalf("%s: Head: %v", e.Name, err)
	}
	wantSSE := "AES256"
	if e.Diff.NoDefaultEncryption {
		wantSSE = ""
	}
	if k.SSE != wantSSE || k.StorageClass != "" {
		t.Errorf("%s: default object: SSE %q, StorageClass %q; want %q and \"\"", e.Name, k.SSE, k.StorageClass, wantSSE)
	}
	if es, err := e.list(b, "default"); err != nil || len(es) != 1 || es[0].StorageClass != "STANDARD" {
		t.Errorf("%s: listing of the default object = %+v, %v; want StorageClass STANDARD", e.Name, es, err)
	}

	for _, tc := range []struct {
		name string
		opt  s3.PutOption
		// sc and sse are what Head should report; code is the error
		// expected instead ("" for none).
		sc, sse, code string
	}{
		{name: "REDUCED_REDUNDANCY", opt: s3.StorageClass("REDUCED_REDUNDANCY"), sc: "REDUCED_REDUNDANCY"},
		{name: "STANDARD_IA", opt: s3.StorageClass("STANDARD_IA"), sc: "STANDARD_IA",
			code: pick(e.Diff.OnlyStandardStorage, "InvalidStorageClass", "")},
		{name: "bogus class", opt: s3.StorageClass("BOGUS"), sc: "BOGUS",
			code: pick(e.Diff.HeadersNotChecked, "", "InvalidStorageClass")},
		{name: "AES256", opt: s3.ServerSideEncryption("AES256"), sse: "AES256"},
		{name: "aws:kms", opt: s3.ServerSideEncryption("aws:kms"), sse: "aws:kms"},
		{name: "bogus encryption", opt: s3.ServerSideEncryption("BOGUS"), sse: "BOGUS",
			code: pick(e.Diff.HeadersNotChecked, "", "InvalidArgument")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := b.Key("k")
			err := k.PutBytes(ctx, []byte("x"), tc.opt)
			if tc.code != "" {
				e.wantCode(t, "PutBytes", err, tc.code, http.StatusBadRequest)
				return
			}
			if err != nil {
				t.Fatalf("%s: PutBytes: %v", e.Name, err)
			}
			if err := k.Refresh(ctx); err != nil {
				t.Fatalf("%s: Head: %v", e.Name, err)
			}
			if tc.sse == "" && !e.Diff.NoDefaultEncryption {
				tc.sse = "AES256"
			}
			if k.StorageClass != tc.sc || k.SSE != tc.sse {
				t.Errorf("%s: Head: StorageClass %q, SSE %q; want %q, %q", e.Name, k.StorageClass, k.SSE, tc.sc, tc.sse)
			}
		})
	}
}

// pick is a when true, else b.
func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// list returns the entries of b under prefix.
func (e *Env) list(b *s3.Bucket, prefix string) ([]*s3.Key, error) {
	var es []*s3.Key
	for en, err := range b.Keys(context.Background(), s3.Prefix(prefix)) {
		if err != nil {
			return es, err
		}
		es = append(es, en)
	}
	return es, nil
}
