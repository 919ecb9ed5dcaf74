package suite

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
)

// put writes each key with its own name as content.
func (e *Env) put(t *testing.T, b *s3.Bucket, keys ...string) {
	t.Helper()
	ctx := context.Background()
	for _, k := range keys {
		if err := b.Key(k).PutBytes(ctx, []byte(k)); err != nil {
			t.Fatalf("%s: PutBytes %s: %v", e.Name, k, err)
		}
	}
}

// names lists b with opts, as "name" for keys and "name(prefix)" for
// common prefixes.
func (e *Env) names(t *testing.T, b *s3.Bucket, opts ...s3.ListOption) []string {
	t.Helper()
	var out []string
	for en, err := range b.Keys(context.Background(), opts...) {
		if err != nil {
			t.Fatalf("%s: Keys(%+v): %v", e.Name, opts, err)
		}
		if en.IsPrefix {
			out = append(out, en.Name+"(prefix)")
		} else {
			out = append(out, en.Name)
		}
	}
	return out
}

// testListing checks prefix, delimiter and start-after.
func testListing(t *testing.T, e *Env) {
	b := e.bucket(t)
	e.put(t, b, "a", "b/1", "b/2", "b/c/3", "c", "d/4", "e+f", "e f")
	for _, tc := range []struct {
		name string
		opts []s3.ListOption
		want []string
	}{
		{"all", []s3.ListOption{}, []string{"a", "b/1", "b/2", "b/c/3", "c", "d/4", "e f", "e+f"}},
		{"prefix", []s3.ListOption{s3.Prefix("b/")}, []string{"b/1", "b/2", "b/c/3"}},
		{"delimiter", []s3.ListOption{s3.Delimiter("/")}, []string{"a", "c", "e f", "e+f", "b/(prefix)", "d/(prefix)"}},
		{"prefix and delimiter", []s3.ListOption{s3.Prefix("b/"), s3.Delimiter("/")}, []string{"b/1", "b/2", "b/c/(prefix)"}},
		{"start after", []s3.ListOption{s3.StartAfter("b/2")}, []string{"b/c/3", "c", "d/4", "e f", "e+f"}},
		{"start after and prefix", []s3.ListOption{s3.Prefix("b/"), s3.StartAfter("b/1")}, []string{"b/2", "b/c/3"}},
		{"no match", []s3.ListOption{s3.Prefix("zzz")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, e.names(t, b, tc.opts...)); diff != "" {
				t.Errorf("%s: Keys (-want +got):\n%s", e.Name, diff)
			}
		})
	}

	var got []*s3.Key
	for en, err := range b.Keys(context.Background(), s3.Prefix("a")) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, en)
	}
	if len(got) != 1 || got[0].Size != 1 || got[0].ETag == "" || got[0].LastModified.IsZero() {
		t.Errorf("%s: entry for a = %+v; want size 1 with ETag and LastModified", e.Name, got)
	}
	_, err := goboto.Collect(b.Keys(context.Background(), s3.PageSize(1001)))
	e.wantValidation(t, "PageSize 1001", err, "PageSize")
}

// testListingPages lists more than one page, with and without a
// delimiter, and stops early.
func testListingPages(t *testing.T, e *Env) {
	b := e.bucket(t)
	var want []string
	for i := range 11 {
		want = append(want, fmt.Sprintf("k%02d", i))
	}
	e.put(t, b, want...)
	e.put(t, b, "p/1", "q/1", "r/1")
	for _, size := range []int{1, 3, 1000} {
		got := e.names(t, b, s3.Prefix("k"), s3.PageSize(size))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: Keys with PageSize %d (-want +got):\n%s", e.Name, size, diff)
		}
	}
	// Common prefixes count toward MaxKeys and must not repeat across
	// pages.
	got := e.names(t, b, s3.Delimiter("/"), s3.PageSize(2))
	slices.Sort(got)
	wantAll := append(slices.Clone(want), "p/(prefix)", "q/(prefix)", "r/(prefix)")
	slices.Sort(wantAll)
	if diff := cmp.Diff(wantAll, got); diff != "" {
		t.Errorf("%s: Keys with delimiter, PageSize 2 (-want +got):\n%s", e.Name, diff)
	}
}

// testDeleteKeys batch-deletes existing and missing keys.
func testDeleteKeys(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	e.put(t, b, "x/1", "x/2", "y", "z")
	if err := b.DeleteKeys(ctx, []string{"x/1", "y", "never-there"}); err != nil {
		t.Fatalf("%s: DeleteKeys: %v", e.Name, err)
	}
	if diff := cmp.Diff([]string{"x/2", "z"}, e.names(t, b)); diff != "" {
		t.Errorf("%s: keys after DeleteKeys (-want +got):\n%s", e.Name, diff)
	}
	if err := b.DeleteKeys(ctx, nil); err != nil {
		t.Errorf("%s: DeleteKeys(nil): %v", e.Name, err)
	}
	err := e.Conn.Bucket(e.NewBucketName()).DeleteKeys(ctx, []string{"a"})
	var de *s3.DeleteError
	if !errors.As(err, &de) || len(de.Failed) != 1 {
		t.Fatalf("%s: DeleteKeys in a missing bucket: err = %v; want a DeleteError", e.Name, err)
	}
	e.wantCode(t, "DeleteKeys in a missing bucket", err, "NoSuchBucket", 404)
}
