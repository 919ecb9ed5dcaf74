package s3transfer

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"unsafe"
)

// diskWrite writes size bytes into files of partSize in dir, concurrency
// files at once, the shape of the fake's part blobs, from buffers filled
// before the clock starts (newDiskBufs). With direct, the files are opened
// O_DIRECT, so the figure is the device's sustained write bandwidth, past
// the page cache; without it, the bytes land in the page cache as the
// fake's writes do. The files are removed untimed.
func (e *env) diskWrite(b *testing.B, bufs chan []byte, direct bool) error {
	flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if direct {
		flags |= syscall.O_DIRECT
	}
	var names []string
	for off := int64(0); off < e.size; off += partSize {
		names = append(names, filepath.Join(e.dir, "disk-"+strconv.FormatInt(off/partSize, 10)))
	}
	err := inParts(e.size, func(off, n int64) error {
		buf := <-bufs
		defer func() { bufs <- buf }()
		f, err := os.OpenFile(names[off/partSize], flags, 0o600)
		if err != nil {
			return err
		}
		// O_DIRECT wants whole blocks; partSize is a multiple of 4096, and
		// a short last part is written whole and cut back.
		w := (n + 4095) &^ 4095
		if _, err := f.Write(buf[:w]); err != nil {
			f.Close()
			return err
		}
		if w != n {
			f.Truncate(n)
		}
		return f.Close()
	})
	b.StopTimer()
	for _, n := range names {
		os.Remove(n)
	}
	b.StartTimer()
	return err
}

// newDiskBufs returns concurrency part buffers holding the object's first
// parts, aligned to 4096 bytes as O_DIRECT needs.
func (e *env) newDiskBufs() chan []byte {
	bufs := make(chan []byte, concurrency)
	src := newSource(e.block, e.size)
	for range concurrency {
		raw := make([]byte, partSize+4096)
		skip := int(4096-uintptr(unsafe.Pointer(&raw[0]))%4096) % 4096
		buf := raw[skip : skip+partSize]
		io.ReadFull(src, buf)
		bufs <- buf
	}
	return bufs
}
