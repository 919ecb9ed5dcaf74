package crc32c

import "hash/crc32"

// foldMin is the shortest input the folding kernel takes: below it the
// setup and the final reduction cost more than hash/crc32's loop saves.
const foldMin = 1024

// haveFold reports whether the CPU and OS support the kernel: AVX-512F
// with its register state enabled by the OS, VPCLMULQDQ, and SSE4.2's
// CRC32 for the finish.
var haveFold = detect()

// consts is the kernel's multipliers, computed once and only read.
var consts = foldConstants()

func update(crc uint32, p []byte, fold bool) uint32 {
	if !fold || len(p) < foldMin {
		return crc32.Update(crc, castagnoli, p)
	}
	n := len(p) &^ 63
	// The kernel works on the raw register; crc32.Update's convention
	// inverts it on the way in and out.
	crc = ^foldAVX512(^crc, p[:n], consts)
	return crc32.Update(crc, castagnoli, p[n:])
}

// foldAVX512 returns the raw CRC-32C register after p, starting from
// crc; len(p) is a multiple of 64 and at least 256.
//
//go:noescape
func foldAVX512(crc uint32, p []byte, k *[14]uint64) uint32

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax, edx uint32)

func detect() bool {
	maxID, _, _, _ := cpuid(0, 0)
	if maxID < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const (
		sse42   = 1 << 20
		osxsave = 1 << 27
		pclmul  = 1 << 1
	)
	if ecx1&(sse42|osxsave|pclmul) != sse42|osxsave|pclmul {
		return false
	}
	// XCR0: SSE (1), AVX (2), opmask (5), ZMM0–15 upper halves (6),
	// ZMM16–31 (7): the OS saves all the state the kernel touches.
	const zmmState = 1<<1 | 1<<2 | 1<<5 | 1<<6 | 1<<7
	if xcr0, _ := xgetbv(); xcr0&zmmState != zmmState {
		return false
	}
	_, ebx7, ecx7, _ := cpuid(7, 0)
	const (
		avx512f    = 1 << 16
		avx512vl   = 1 << 31
		vpclmulqdq = 1 << 10
	)
	return ebx7&(avx512f|avx512vl) == avx512f|avx512vl && ecx7&vpclmulqdq != 0
}

// foldConstants is the kernel's table, indexed by foldConstants' layout
// in the assembly: folds of 256 bytes (the main loop), 64, 128 and 192
// bytes (the four accumulators into one, and the 64-byte loop), then 48,
// 32 and 16 bytes (a 64-byte register's four blocks into one).
func foldConstants() *[14]uint64 {
	var k [14]uint64
	for i, n := range []int{256, 64, 128, 192, 48, 32, 16} {
		p := foldPair(8 * n)
		k[2*i], k[2*i+1] = p[0], p[1]
	}
	return &k
}
