package s3test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
)

// Object and part bytes live in blobs: byte strings that never change,
// kept in memory or, with WithDir, in files of their own. An object's
// body is a list of segments of blobs, so completing a multipart upload,
// copying an object or copying a part into an upload only points at bytes
// already stored and never copies them.
//
// Blobs are counted: each stored object, version or part holds one
// reference to every blob its body uses, and a request reading a body
// holds references until it is done. The last release removes a blob's
// file, so a reader in flight keeps the bytes of an object replaced under
// it.

// blob is stored bytes.
type blob struct {
	size int64
	data []byte // in memory
	path string // on disk, when data is nil
	refs atomic.Int64
}

func (bl *blob) release() {
	if bl.refs.Add(-1) == 0 && bl.path != "" {
		os.Remove(bl.path)
	}
}

// segment is n bytes of a blob from off.
type segment struct {
	blob   *blob
	off, n int64
}

// content is an object's or part's bytes.
type content struct {
	segs []segment
	size int64
}

// retain takes a reference to every blob of c.
func (c content) retain() {
	for _, s := range c.segs {
		s.blob.refs.Add(1)
	}
}

// release drops the references retain (or the store) took.
func (c content) release() {
	for _, s := range c.segs {
		s.blob.release()
	}
}

// slice returns n bytes of c from off, sharing its blobs; it takes no
// references.
func (c content) slice(off, n int64) content {
	var out content
	for _, s := range c.segs {
		if n <= 0 {
			break
		}
		if off >= s.n {
			off -= s.n
			continue
		}
		take := min(s.n-off, n)
		out.segs = append(out.segs, segment{s.blob, s.off + off, take})
		out.size += take
		n -= take
		off = 0
	}
	return out
}

// concat joins contents; it takes no references.
func concat(cs ...content) content {
	var out content
	for _, c := range cs {
		out.segs = append(out.segs, c.segs...)
		out.size += c.size
	}
	return out
}

// writeTo writes n bytes of c from off to w, reading files through buf.
func (c content) writeTo(w io.Writer, off, n int64, buf []byte) (int64, error) {
	var written int64
	for _, s := range c.slice(off, n).segs {
		var k int64
		var err error
		if s.blob.data != nil || s.blob.path == "" {
			var m int
			m, err = w.Write(s.blob.data[s.off : s.off+s.n])
			k = int64(m)
		} else {
			k, err = copyFile(w, s.blob.path, s.off, s.n, buf)
		}
		written += k
		if err != nil {
			return written, err
		}
	}
	return written, nil
}

func copyFile(w io.Writer, path string, off, n int64, buf []byte) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if _, err := f.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	// A buffered copy beats sendfile(2) on loopback, so the writer's
	// ReadFrom is hidden.
	k, err := io.CopyBuffer(struct{ io.Writer }{w}, &io.LimitedReader{R: f, N: n}, buf)
	if err == nil && k < n {
		err = io.ErrUnexpectedEOF
	}
	return k, err
}

// bytes returns a copy of c's bytes.
func (c content) bytes() ([]byte, error) {
	var b bytes.Buffer
	b.Grow(int(c.size))
	_, err := c.writeTo(&b, 0, c.size, make([]byte, 64<<10))
	return b.Bytes(), err
}

// store makes blobs: in memory when dir is "", else as files in dir.
type store struct {
	dir string
}

// errStore is a failure of the disk store, answered as InternalError.
var errStore = errors.New("s3test: store")

// blobWriter receives one blob's bytes.
type blobWriter struct {
	mem      []byte
	file     *os.File
	size     int64
	prealloc bool // the file was extended ahead of the writes
}

// create starts a blob. sizeHint, when positive, preallocates memory or,
// on disk, the file's blocks (up to maxPrealloc): a file system that
// allocates blocks as writes arrive spends more per byte than the copy
// itself.
func (s store) create(sizeHint int64) (*blobWriter, error) {
	if s.dir == "" {
		return &blobWriter{mem: make([]byte, 0, min(max(sizeHint, 0), 1<<30))}, nil
	}
	f, err := os.CreateTemp(s.dir, "blob-*")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errStore, err)
	}
	w := &blobWriter{file: f}
	if sizeHint > 0 && sizeHint <= maxPrealloc {
		// Only a speed-up: where the file system cannot, writes allocate.
		w.prealloc = preallocate(f, sizeHint) == nil
	}
	return w, nil
}

// maxPrealloc bounds what a client's claimed length may preallocate: the
// largest single PUT or part S3 takes.
const maxPrealloc = 5 << 30

func (w *blobWriter) Write(p []byte) (int, error) {
	w.size += int64(len(p))
	if w.file == nil {
		w.mem = append(w.mem, p...)
		return len(p), nil
	}
	return w.file.Write(p)
}

// commit finishes the blob and returns it as content holding one
// reference.
func (w *blobWriter) commit() (content, error) {
	bl := &blob{size: w.size}
	if w.file == nil {
		bl.data = w.mem
		if bl.data == nil {
			bl.data = []byte{}
		}
	} else {
		bl.path = w.file.Name()
		err := w.trim()
		if cerr := w.file.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(bl.path)
			return content{}, fmt.Errorf("%w: %v", errStore, err)
		}
	}
	bl.refs.Store(1)
	if w.size == 0 {
		// Keep no empty files around; an empty body has no segments.
		bl.release()
		return content{}, nil
	}
	return content{segs: []segment{{bl, 0, w.size}}, size: w.size}, nil
}

// trim cuts a preallocated file to the bytes written: a body shorter than
// its claimed length leaves no zeros behind.
func (w *blobWriter) trim() error {
	if !w.prealloc {
		return nil
	}
	fi, err := w.file.Stat()
	if err != nil || fi.Size() == w.size {
		return err
	}
	return w.file.Truncate(w.size)
}

// abort throws the blob away.
func (w *blobWriter) abort() {
	if w.file != nil {
		w.file.Close()
		os.Remove(w.file.Name())
	}
	w.mem = nil
}

// copyBufSize is the buffer of every upload copy: big enough that
// copying costs few system calls.
const copyBufSize = 256 << 10

// writeContent writes n bytes of c from off to w through a pooled buffer.
func (b *Backend) writeContent(w io.Writer, c content, off, n int64) (int64, error) {
	bufp := b.bufs.Get().(*[]byte)
	defer b.bufs.Put(bufp)
	return c.writeTo(w, off, n, *bufp)
}
