package s3_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// TestVersionsSameMillisecond lists versions and delete markers that
// share a LastModified, which only S3's own order tells apart: the fake's
// clock stands still, so every entry of a key has the same time.
func TestVersionsSameMillisecond(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	srv := s3test.Start(t, fakes.WithClock(func() time.Time { return now }))
	conn := s3.New(srv.Config(""))
	ctx := context.Background()
	b := bucket(t, conn, "frozen-clock")
	if err := b.SetVersioning(ctx, s3.VersioningEnabled); err != nil {
		t.Fatal(err)
	}
	put := func(key, body string) func() error {
		return func() error { return b.Key(key).PutBytes(ctx, []byte(body)) }
	}
	del := func(key string) func() error { return func() error { return b.Key(key).Delete(ctx) } }
	// Newest last; each key's listing is the reverse.
	for _, step := range []func() error{
		put("a", "1"), del("a"), put("a", "333"), // a version under the latest, above a marker
		put("b", "1"), del("b"), put("b", "22"), del("b"), // markers and versions alternating
		put("c", "1"), put("c", "22"), del("c"),
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	want := []versionShape{
		{"a", true, false, 3}, {"a", false, true, 0}, {"a", false, false, 1},
		{"b", true, true, 0}, {"b", false, false, 2}, {"b", false, true, 0}, {"b", false, false, 1},
		{"c", true, true, 0}, {"c", false, false, 2}, {"c", false, false, 1},
	}
	for _, size := range []int{0, 1, 2, 3} {
		got := listVersions(t, b, s3.PageSize(size))
		if diff := cmp.Diff(want, shapes(got)); diff != "" {
			t.Errorf("page size %d: versions (-want +got):\n%s", size, diff)
		}
		for _, v := range got {
			if !v.LastModified.Equal(now) {
				t.Fatalf("%s %s LastModified = %v, want the frozen %v", v.Key, v.VersionID, v.LastModified, now)
			}
		}
	}
}
