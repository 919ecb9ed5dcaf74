package s3

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
)

// cancelAfter is a context that cancels itself on the nth call of its Err
// method, so that a test can cancel in the middle of local work (a walk,
// a run of removals) that sends nothing it could hook, and count what was
// done after.
type cancelAfter struct {
	context.Context
	cancel func()
	calls  atomic.Int64
	n      int64
}

func newCancelAfter(t *testing.T, n int64) *cancelAfter {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return &cancelAfter{Context: ctx, cancel: cancel, n: n}
}

func (c *cancelAfter) Err() error {
	if c.calls.Add(1) >= c.n {
		c.cancel()
	}
	return c.Context.Err()
}

func manyFiles(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, "f"+strconv.Itoa(i)), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// SyncUp's walk of the local tree stops at the first entry after the
// context is cancelled instead of walking the rest.
func TestWalkLocalStopsOnCancel(t *testing.T) {
	dir := manyFiles(t, 200)
	ctx := newCancelAfter(t, 10)
	files, _, err := walkLocal(ctx, dir, "p/")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(files) >= 10 {
		t.Errorf("walk listed %d of 200 files, want it stopped at the cancel (fewer than 10)", len(files))
	}
	if got := ctx.calls.Load(); got != 10 {
		t.Errorf("ctx.Err consulted %d times, want 10: once per entry until the cancel, then no more", got)
	}
}

// SyncDown's removal of unmatched local files stops once the context is
// cancelled, leaving the rest in place.
func TestRemoveUnmatchedStopsOnCancel(t *testing.T) {
	const n = 100
	dir := manyFiles(t, n)
	// The walk consults ctx once for dir and once for each of its n
	// files; the cancel comes with the fifth removal.
	ctx := newCancelAfter(t, 1+n+5)
	removed, err := removeUnmatched(ctx, dir, "p/", map[string]*Key{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	left, rerr := os.ReadDir(dir)
	if rerr != nil {
		t.Fatal(rerr)
	}
	if len(removed) != 4 || len(left) != n-4 {
		t.Errorf("removed %d, %d files left; want 4 removed before the cancel and %d left", len(removed), len(left), n-4)
	}
}

// A cancel during the walk of removeUnmatched removes nothing.
func TestRemoveUnmatchedCancelledInWalk(t *testing.T) {
	dir := manyFiles(t, 50)
	removed, err := removeUnmatched(newCancelAfter(t, 3), dir, "p/", map[string]*Key{})
	left, _ := os.ReadDir(dir)
	if !errors.Is(err, context.Canceled) || len(removed) != 0 || len(left) != 50 {
		t.Errorf("err = %v, removed %d, %d left; want context.Canceled, none removed, 50 left", err, len(removed), len(left))
	}
}
