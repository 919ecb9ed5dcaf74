package crc32c

import "math/bits"

// castagnoliNormal is the Castagnoli polynomial without its x^32 term,
// bit i the coefficient of x^i; 0x82F63B78 is its bit reversal.
const castagnoliNormal = 0x1EDC6F41

// xPowMod returns x^n mod P(x), bit i the coefficient of x^i.
func xPowMod(n int) uint32 {
	r := uint32(1)
	for range n {
		carry := r & 0x80000000
		r <<= 1
		if carry != 0 {
			r ^= castagnoliNormal
		}
	}
	return r
}

// foldPair returns the two multipliers that move a 16-byte block d bits
// further along the message, in the order the block's two quadwords
// appear in memory.
//
// CRC-32C is reflected: a byte's low bit is its highest power of x, so a
// little-endian quadword a holds a0·x^63 + … + a63·x^0. For the block's
// first quadword A1 and second A2, the block is A1·x^64 + A2, and moving
// it d bits on means multiplying by x^d; modulo P that is
// A1·(x^(d+64) mod P) + A2·(x^d mod P), each a product of under 96 bits.
// A carry-less multiply of two reflected quadwords leaves the product's
// top coefficient in bit 0 of a 127-bit result, one short of a reflected
// 128-bit block; writing each constant as x·(x^(e-1) mod P), reflected
// in 64 bits, supplies the missing factor x. The products then line up,
// bit for bit, with the 16 bytes d bits on, and are XORed into them.
func foldPair(d int) [2]uint64 {
	return [2]uint64{
		bits.Reverse64(uint64(xPowMod(d + 63))),
		bits.Reverse64(uint64(xPowMod(d - 1))),
	}
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
