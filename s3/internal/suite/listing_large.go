package suite

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"golang.org/x/sync/errgroup"

	"github.com/goboto/goboto"
)

// testThousand lists and batch-deletes more keys than one ListObjectsV2
// page (1000) and one DeleteObjects call (1000) hold, with S3's default
// page size.
func testThousand(t *testing.T, e *Env) {
	if testing.Short() {
		t.Skip("puts 1001 objects")
	}
	ctx := context.Background()
	b := e.bucket(t)
	want := make([]string, 1001)
	for i := range want {
		want[i] = fmt.Sprintf("many/%04d", i)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(16)
	for _, k := range want {
		g.Go(func() error { return b.Key(k).PutBytes(gctx, nil) })
	}
	if err := g.Wait(); err != nil {
		t.Fatalf("%s: PutBytes: %v", e.Name, err)
	}
	got := e.names(t, b)
	if !slices.Equal(want, got) {
		t.Errorf("%s: Keys listed %d keys, want %d in order (first %q, last %q)", e.Name, len(got), len(want),
			got[:min(1, len(got))], got[max(0, len(got)-1):])
	}
	if err := b.DeleteKeys(ctx, want); err != nil {
		t.Fatalf("%s: DeleteKeys of 1001 keys: %v", e.Name, err)
	}
	if left, err := goboto.Collect(b.Keys(ctx)); err != nil || len(left) != 0 {
		t.Errorf("%s: after DeleteKeys: %d keys left, %v", e.Name, len(left), err)
	}
}
