#include "textflag.h"

// func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL eaxArg+0(FP), AX
	MOVL ecxArg+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax, edx uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	MOVL DX, edx+4(FP)
	RET

// func foldAVX512(crc uint32, p []byte, k *[14]uint64) uint32
//
// Four ZMM accumulators hold 256 bytes; each step multiplies every
// 16-byte block by the constants that move it 256 bytes on and XORs in
// the next 256 bytes. k's pairs: 0 fold 256 bytes, 16 fold 64, 32 fold
// 128, 48 fold 192, 64 fold 48, 80 fold 32, 96 fold 16.
TEXT ·foldAVX512(SB), NOSPLIT, $0-44
	MOVL crc+0(FP), AX
	MOVQ p_base+8(FP), SI
	MOVQ p_len+16(FP), CX
	MOVQ k+32(FP), DX

	VMOVDQU64 0(SI), Z0
	VMOVDQU64 64(SI), Z1
	VMOVDQU64 128(SI), Z2
	VMOVDQU64 192(SI), Z3
	// XORing the register into the first four bytes makes the rest of
	// the computation start from zero.
	VMOVD AX, X4
	VPXORQ Z4, Z0, Z0
	ADDQ $256, SI
	SUBQ $256, CX

	VBROADCASTI32X4 0(DX), Z10
	CMPQ CX, $256
	JB   fold4

loop256:
	VPCLMULQDQ $0x00, Z10, Z0, Z4
	VPCLMULQDQ $0x11, Z10, Z0, Z0
	VPCLMULQDQ $0x00, Z10, Z1, Z5
	VPCLMULQDQ $0x11, Z10, Z1, Z1
	VPCLMULQDQ $0x00, Z10, Z2, Z6
	VPCLMULQDQ $0x11, Z10, Z2, Z2
	VPCLMULQDQ $0x00, Z10, Z3, Z7
	VPCLMULQDQ $0x11, Z10, Z3, Z3
	VPTERNLOGD $0x96, 0(SI), Z4, Z0
	VPTERNLOGD $0x96, 64(SI), Z5, Z1
	VPTERNLOGD $0x96, 128(SI), Z6, Z2
	VPTERNLOGD $0x96, 192(SI), Z7, Z3
	ADDQ $256, SI
	SUBQ $256, CX
	CMPQ CX, $256
	JAE  loop256

fold4:
	// Z0, Z1 and Z2 move 192, 128 and 64 bytes on, into Z3.
	VBROADCASTI32X4 48(DX), Z10
	VPCLMULQDQ $0x00, Z10, Z0, Z4
	VPCLMULQDQ $0x11, Z10, Z0, Z5
	VPTERNLOGD $0x96, Z5, Z4, Z3
	VBROADCASTI32X4 32(DX), Z10
	VPCLMULQDQ $0x00, Z10, Z1, Z4
	VPCLMULQDQ $0x11, Z10, Z1, Z5
	VPTERNLOGD $0x96, Z5, Z4, Z3
	VBROADCASTI32X4 16(DX), Z10
	VPCLMULQDQ $0x00, Z10, Z2, Z4
	VPCLMULQDQ $0x11, Z10, Z2, Z5
	VPTERNLOGD $0x96, Z5, Z4, Z3

loop64:
	CMPQ CX, $64
	JB   lanes
	VPCLMULQDQ $0x00, Z10, Z3, Z4
	VPCLMULQDQ $0x11, Z10, Z3, Z3
	VPTERNLOGD $0x96, 0(SI), Z4, Z3
	ADDQ $64, SI
	SUBQ $64, CX
	JMP  loop64

lanes:
	// Z3's blocks 0, 1 and 2 move 48, 32 and 16 bytes on, into block 3.
	VEXTRACTI32X4 $3, Z3, X0
	VEXTRACTI32X4 $2, Z3, X1
	VEXTRACTI32X4 $1, Z3, X2
	VMOVDQU 64(DX), X10
	VPCLMULQDQ $0x00, X10, X3, X4
	VPCLMULQDQ $0x11, X10, X3, X5
	VPXOR X4, X0, X0
	VPXOR X5, X0, X0
	VMOVDQU 80(DX), X10
	VPCLMULQDQ $0x00, X10, X2, X4
	VPCLMULQDQ $0x11, X10, X2, X5
	VPXOR X4, X0, X0
	VPXOR X5, X0, X0
	VMOVDQU 96(DX), X10
	VPCLMULQDQ $0x00, X10, X1, X4
	VPCLMULQDQ $0x11, X10, X1, X5
	VPXOR X4, X0, X0
	VPXOR X5, X0, X0

	// The last 16 bytes, now equivalent to everything before them, go
	// through the CRC32 instruction from a zero register.
	XORL BX, BX
	VMOVQ X0, AX
	CRC32Q AX, BX
	VPEXTRQ $1, X0, AX
	CRC32Q AX, BX
	VZEROUPPER
	MOVL BX, ret+40(FP)
	RET
