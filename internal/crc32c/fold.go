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
