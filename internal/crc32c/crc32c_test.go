package crc32c

import (
	"bytes"
	"hash/crc32"
	"math/rand/v2"
	"testing"
)

var tab = crc32.MakeTable(crc32.Castagnoli)

// randomBytes is n deterministic pseudo-random bytes.
func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// TestUpdateLengthsAlignments checks every length up to 4096 at every
// offset within a cache line, so each of the kernel's loops, its
// thresholds and the remainder are met with every misalignment.
func TestUpdateLengthsAlignments(t *testing.T) {
	if testing.Short() {
		t.Skip("exhaustive")
	}
	buf := randomBytes(1, 4096+64)
	for align := range 64 {
		for n := 0; n <= 4096; n++ {
			p := buf[align : align+n]
			crc := uint32(n)*2654435761 ^ uint32(align)
			if got, want := Update(crc, p), crc32.Update(crc, tab, p); got != want {
				t.Fatalf("Update(%#x, len %d at offset %d) = %#x, want %#x", crc, n, align, got, want)
			}
		}
	}
}

func TestUpdateLarge(t *testing.T) {
	for i, n := range []int{1 << 16, 1<<20 + 13, 3<<20 + 255, 8 << 20} {
		p := randomBytes(uint64(i+10), n)
		for _, crc := range []uint32{0, 0xffffffff, 0xdeadbeef} {
			if got, want := Update(crc, p), crc32.Update(crc, tab, p); got != want {
				t.Errorf("Update(%#x, %d bytes) = %#x, want %#x", crc, n, got, want)
			}
		}
	}
}

// TestUpdateSpecial pins inputs whose structure random bytes miss: all
// zeros and all ones, where a wrong constant can cancel out.
func TestUpdateSpecial(t *testing.T) {
	for _, n := range []int{256, 1024, 4096, 65536 + 64} {
		for _, b := range []byte{0, 0xff} {
			p := bytes.Repeat([]byte{b}, n)
			for _, crc := range []uint32{0, 0xffffffff} {
				if got, want := Update(crc, p), crc32.Update(crc, tab, p); got != want {
					t.Errorf("Update(%#x, %d×%#x) = %#x, want %#x", crc, n, b, got, want)
				}
			}
		}
	}
}

// TestChained checks that splitting the input anywhere gives the CRC of
// the whole, so a running hash over parts of any size is right.
func TestChained(t *testing.T) {
	p := randomBytes(2, 200_000)
	want := crc32.Update(0x12345678, tab, p)
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		crc := uint32(0x12345678)
		for rest := p; len(rest) > 0; {
			n := min(len(rest), r.IntN(20_000))
			crc = Update(crc, rest[:n])
			rest = rest[n:]
		}
		if crc != want {
			t.Fatalf("chained Update = %#x, want %#x", crc, want)
		}
	}
}

// TestFallback runs the portable path the package takes without the
// kernel, whatever this machine supports.
func TestFallback(t *testing.T) {
	p := randomBytes(5, 5000)
	for _, n := range []int{0, 1, 63, 1024, 5000} {
		if got, want := update(7, p[:n], false), crc32.Update(7, tab, p[:n]); got != want {
			t.Errorf("update(fallback, %d bytes) = %#x, want %#x", n, got, want)
		}
	}
}

// TestKernelUsed makes the kernel's absence visible: on a CPU that has
// what it needs, the tests above must have exercised it.
func TestKernelUsed(t *testing.T) {
	t.Logf("folding kernel available: %v", haveFold)
}

func TestHash(t *testing.T) {
	p := randomBytes(6, 70_000)
	h, ref := New(), crc32.New(tab)
	h.Write(p[:5])
	h.Write(p[5:])
	ref.Write(p)
	if got, want := h.Sum32(), ref.Sum32(); got != want {
		t.Errorf("Sum32 = %#x, want %#x", got, want)
	}
	if got, want := h.Sum([]byte("x")), ref.Sum([]byte("x")); !bytes.Equal(got, want) {
		t.Errorf("Sum = %x, want %x", got, want)
	}
	if h.Size() != ref.Size() || h.BlockSize() != ref.BlockSize() {
		t.Errorf("Size, BlockSize = %d, %d, want %d, %d", h.Size(), h.BlockSize(), ref.Size(), ref.BlockSize())
	}
	h.Reset()
	if got := h.Sum32(); got != 0 {
		t.Errorf("Sum32 after Reset = %#x, want 0", got)
	}
	if got, want := Checksum(p), crc32.Checksum(p, tab); got != want {
		t.Errorf("Checksum = %#x, want %#x", got, want)
	}
}

func FuzzUpdate(f *testing.F) {
	f.Add(uint32(0), []byte("123456789"), uint16(0))
	f.Add(uint32(0xffffffff), bytes.Repeat([]byte{0xa5}, 3000), uint16(1))
	f.Add(uint32(1), randomBytes(9, 9000), uint16(4500))
	f.Fuzz(func(t *testing.T, crc uint32, p []byte, split uint16) {
		want := crc32.Update(crc, tab, p)
		if got := Update(crc, p); got != want {
			t.Fatalf("Update(%#x, %d bytes) = %#x, want %#x", crc, len(p), got, want)
		}
		s := min(int(split), len(p))
		if got := Update(Update(crc, p[:s]), p[s:]); got != want {
			t.Fatalf("split at %d of %d: %#x, want %#x", s, len(p), got, want)
		}
		// The fuzzer's inputs are mostly short; repeated, they reach the
		// kernel with the fuzzer's patterns.
		if len(p) > 0 {
			big := bytes.Repeat(p, foldMin/len(p)+1)
			if got, want := Update(crc, big), crc32.Update(crc, tab, big); got != want {
				t.Fatalf("Update(%#x, %d bytes repeated to %d) = %#x, want %#x", crc, len(p), len(big), got, want)
			}
		}
	})
}
