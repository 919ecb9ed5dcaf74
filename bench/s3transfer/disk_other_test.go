//go:build !linux

package s3transfer

import (
	"testing"
)

// The storage ceilings use O_DIRECT, which is Linux's; elsewhere they are
// skipped.
func (e *env) diskWrite(b *testing.B, _ chan []byte, _ bool) error {
	b.Skip("disk ceilings are measured on Linux only")
	return nil
}

func (e *env) newDiskBufs() chan []byte { return nil }
