package cloudfront_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/fakes"
)

func TestInvalidations(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	_, conn := startFake(t, fakes.WithClock(clock.Now), cloudfronttest.WithDeployTime(time.Minute))
	ctx := t.Context()
	d, err := conn.CreateDistribution(ctx, s3Site())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range []string{"/a", "/b/*", "/c"} {
		inv, err := d.Invalidate(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if inv.Status != "InProgress" || inv.Paths[0] != p {
			t.Errorf("Invalidate(%s) = %+v", p, inv)
		}
		ids = append([]string{inv.ID}, ids...) // newest first
	}
	var got []string
	for inv, err := range d.Invalidations(ctx, cloudfront.PageSize(2)) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, inv.ID)
	}
	if diff := cmp.Diff(ids, got); diff != "" {
		t.Errorf("Invalidations, newest first (-want +got):\n%s", diff)
	}
	inv := d.Invalidation(ids[0])
	polls := 0
	err = inv.Wait(ctx, cloudfront.InvalidationCompleted, goboto.Interval(time.Millisecond), goboto.Progress(func(string, time.Duration) {
		if polls++; polls == 2 {
			clock.Advance(time.Minute)
		}
	}))
	if err != nil || inv.Status != "Completed" || inv.Paths[0] != "/c" {
		t.Fatalf("Wait: %v, %+v", err, inv)
	}
	if err := d.Invalidation("INOPE").Refresh(ctx); code(err) != "NoSuchInvalidation" || !goboto.IsNotFound(err) {
		t.Errorf("missing invalidation: %v; want NoSuchInvalidation", err)
	}
	// The same caller reference and paths answer the same invalidation.
	a, err := d.InvalidateRef(ctx, "ref", "/x")
	if err != nil {
		t.Fatal(err)
	}
	b, err := d.InvalidateRef(ctx, "ref", "/x")
	if err != nil || b.ID != a.ID {
		t.Errorf("repeated InvalidateRef: %v, %v; want %s", b, err, a.ID)
	}
}

func TestInvalidateRefusesBadPaths(t *testing.T) {
	srv, conn := startFake(t)
	d, err := conn.CreateDistribution(t.Context(), s3Site())
	if err != nil {
		t.Fatal(err)
	}
	n := len(srv.Calls())
	for _, paths := range [][]string{nil, {"relative"}, {"/a*b"}} {
		if _, err := d.Invalidate(t.Context(), paths...); !isValidation(err) {
			t.Errorf("Invalidate(%q): %v; want a ValidationError", paths, err)
		}
	}
	if len(srv.Calls()) != n {
		t.Error("refused invalidations were sent")
	}
	if _, err := conn.Distribution("ENOPE").Invalidate(t.Context(), "/a"); code(err) != "NoSuchDistribution" {
		t.Errorf("invalidating a missing distribution: %v; want NoSuchDistribution", err)
	}
}

func TestTags(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	d, err := conn.CreateDistribution(ctx, s3Site())
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Tag(ctx, map[string]string{"a": "1", "b": "2"}); err != nil {
		t.Fatal(err)
	}
	if err := d.Tag(ctx, map[string]string{"a": "3"}); err != nil {
		t.Fatal(err)
	}
	if err := d.Untag(ctx, "b", "missing"); err != nil {
		t.Fatal(err)
	}
	got, err := d.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"a": "3"}, got); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	if _, err := conn.Distribution(d.ID).Tags(ctx); !isValidation(err) {
		t.Errorf("Tags on a handle without ARN: %v; want a ValidationError", err)
	}
}
