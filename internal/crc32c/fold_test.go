package crc32c

import (
	"encoding/binary"
	"hash/crc32"
	"testing"
)

// clmul is a carry-less 64×64-bit multiply, as PCLMULQDQ computes it.
func clmul(a, b uint64) (lo, hi uint64) {
	for i := range 64 {
		if b&(1<<i) != 0 {
			lo ^= a << i
			if i > 0 {
				hi ^= a >> (64 - i)
			}
		}
	}
	return lo, hi
}

// TestFoldPair checks the multipliers by the property the kernel relies
// on, in Go: a 16-byte block replaced by its two products, XORed into
// the 16 bytes d bits on, leaves the CRC of the message unchanged. It
// covers every distance the kernel uses.
func TestFoldPair(t *testing.T) {
	for _, n := range []int{16, 32, 48, 64, 128, 192, 256} {
		msg := randomBytes(uint64(n), n+16+40)
		// Update inverts the register on entry and exit; raw, from a zero
		// register, dropping the first block moves nothing else.
		want := ^crc32.Update(^uint32(0), tab, msg)

		k := foldPair(8 * n)
		a1 := binary.LittleEndian.Uint64(msg[0:])
		a2 := binary.LittleEndian.Uint64(msg[8:])
		lo1, hi1 := clmul(a1, k[0])
		lo2, hi2 := clmul(a2, k[1])
		folded := append([]byte(nil), msg[16:]...)
		dst := folded[n-16:]
		binary.LittleEndian.PutUint64(dst[0:], binary.LittleEndian.Uint64(dst[0:])^lo1^lo2)
		binary.LittleEndian.PutUint64(dst[8:], binary.LittleEndian.Uint64(dst[8:])^hi1^hi2)
		if got := ^crc32.Update(^uint32(0), tab, folded); got != want {
			t.Errorf("fold by %d bytes: raw CRC %#x, want %#x", n, got, want)
		}
	}
}

// TestXPowMod pins the reduction at its edges: powers below 32 are
// themselves, and x^32 is P without its top term.
func TestXPowMod(t *testing.T) {
	if got := xPowMod(32); got != castagnoliNormal {
		t.Errorf("x^32 mod P = %#x, want %#x", got, castagnoliNormal)
	}
	for _, n := range []int{0, 5, 31} {
		if got := xPowMod(n); got != 1<<n {
			t.Errorf("x^%d mod P = %#x, want %#x", n, got, uint32(1)<<n)
		}
	}
}
