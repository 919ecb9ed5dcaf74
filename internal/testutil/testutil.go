// Package testutil holds what goboto's own tests share across packages:
// big bodies that cost no memory, and the heap counter that shows they
// stayed that way. It imports nothing of goboto's.
package testutil

import (
	"io"
	"runtime"
	"runtime/metrics"
)

// Pattern returns a reader of n bytes of a fixed pseudo-random sequence
// (xorshift64 from seed, which must not be 0), generated as it is read,
// so a test can send a big body without holding it. Equal arguments give
// equal bytes.
func Pattern(n int64, seed uint64) io.Reader { return &pattern{n: n, x: seed} }

type pattern struct {
	n int64
	x uint64
}

func (p *pattern) Read(b []byte) (int, error) {
	if p.n <= 0 {
		return 0, io.EOF
	}
	b = b[:min(int64(len(b)), p.n)]
	for i := range b {
		p.x ^= p.x << 13
		p.x ^= p.x >> 7
		p.x ^= p.x << 17
		b[i] = byte(p.x)
	}
	p.n -= int64(len(b))
	return len(b), nil
}

// HeapAllocs is the number of bytes the whole process has allocated on
// the heap so far (runtime/metrics /gc/heap/allocs:bytes): the difference
// across a step is what it allocated, whatever the GC freed meanwhile.
func HeapAllocs() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// Mallocs is the number of heap allocations this process has made so
// far; benchmarks take differences of it around the calls they compare.
func Mallocs() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.Mallocs
}
