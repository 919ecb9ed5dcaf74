package transfer

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Part buffers come back whole whatever was made of them, and a pooled
// buffer far bigger than a part is never handed out.
func TestBuffersSizes(t *testing.T) {
	const size = 1 << 10
	tests := []struct {
		name   string
		pooled int // cap of a buffer an earlier transfer left; 0 for none
		short  int // the length the transfer gives it back with
	}{
		{"fresh", 0, size},
		{"given back short", 0, 10},
		{"pooled, same size", size, size},
		{"pooled, bigger", size + size/2, 3},
		{"pooled, too big", 4 * size, size},
		{"pooled, too small", size / 2, size},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var pool sync.Pool
			if tc.pooled > 0 {
				buf := make([]byte, tc.pooled)
				pool.Put(&buf)
			}
			b := newBuffers(&pool, size, 2)
			first := b.get()
			b.put(first[:tc.short])
			again := b.get()
			got := []int{len(first), len(again)}
			if diff := cmp.Diff([]int{size, size}, got); diff != "" {
				t.Errorf("lengths of get, get after put (-want +got):\n%s", diff)
			}
			if cap(first) > 2*size || cap(first) < size {
				t.Errorf("cap %d for parts of %d", cap(first), size)
			}
			b.put(again)
			b.release()
			if len(b.free) != 0 {
				t.Errorf("%d buffers left on the free list after release", len(b.free))
			}
		})
	}
}
