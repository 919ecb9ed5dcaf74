package crc32c

import (
	"hash/crc32"
	"strconv"
	"testing"
)

// BenchmarkUpdate compares the kernel with hash/crc32 on the same
// buffers in one run; MB/s is the comparison.
func BenchmarkUpdate(b *testing.B) {
	for _, n := range []int{4 << 10, 64 << 10, 1 << 20} {
		p := randomBytes(1, n)
		name := strconv.Itoa(n>>10) + "KiB"
		b.Run("crc32c/"+name, func(b *testing.B) {
			b.SetBytes(int64(n))
			var crc uint32
			for b.Loop() {
				crc = Update(crc, p)
			}
		})
		b.Run("hash-crc32/"+name, func(b *testing.B) {
			b.SetBytes(int64(n))
			var crc uint32
			for b.Loop() {
				crc = crc32.Update(crc, tab, p)
			}
		})
	}
}
