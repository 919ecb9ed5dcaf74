//go:build !amd64

package crc32c

import "hash/crc32"

// haveFold is false: the folding kernel is amd64 assembly.
const haveFold = false

// foldMin is where the kernel would start; the tests reach it.
const foldMin = 1024

func update(crc uint32, p []byte, _ bool) uint32 { return crc32.Update(crc, castagnoli, p) }
