package s3test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
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
	free *memPool // where data goes when the last reference is released
}

func (bl *blob) release() {
	if bl.refs.Add(-1) != 0 {
		return
	}
	if bl.path != "" {
		os.Remove(bl.path)
	} else {
		bl.free.put(bl.data)
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
	dir  string
	free *memPool // for the memory store; nil: every blob allocates
}

// memPool keeps the memory of released in-memory blobs for new ones of
// about the same size, by classes of whole MiB. Writing into memory the
// process has not touched yet costs a page fault every 4 KiB, which for
// a fake replacing big objects costs more than the copy itself; memory a
// released blob held is already mapped. The pools are sync.Pools, so
// what no upload takes back goes to the garbage collector as before.
type memPool struct {
	classes sync.Map // int64 (MiB) -> *sync.Pool of *[]byte
}

const (
	memClass    = 1 << 20 // a class's unit; smaller blobs are not pooled
	maxMemClass = 1 << 30 // the biggest blob allocated ahead of its bytes
)

// get returns an empty slice with room for at least hint bytes (up to
// maxMemClass).
func (p *memPool) get(hint int64) []byte {
	if p == nil || hint < memClass || hint > maxMemClass {
		return make([]byte, 0, min(max(hint, 0), maxMemClass))
	}
	c := (hint + memClass - 1) / memClass
	if v, ok := p.classes.Load(c); ok {
		if b, _ := v.(*sync.Pool).Get().(*[]byte); b != nil {
			return (*b)[:0]
		}
	}
	return make([]byte, 0, c*memClass)
}

// put hands b to the pool of its class, if it was one of get's.
func (p *memPool) put(b []byte) {
	if p == nil || cap(b) < memClass || cap(b) > maxMemClass || cap(b)%memClass != 0 {
		return
	}
	v, _ := p.classes.LoadOrStore(int64(cap(b)/memClass), new(sync.Pool))
	v.(*sync.Pool).Put(&b)
}

// errStore is a failure of the disk store, answered as InternalError.
var errStore = errors.New("s3test: store")

// blobWriter receives one blob's bytes.
type blobWriter struct {
	mem      []byte
	file     *os.File
	size     int64
	prealloc bool // the file was extended ahead of the writes
	free     *memPool
}

// create starts a blob. sizeHint, when positive, preallocates memory or,
// on disk, the file's blocks (up to maxPrealloc): a file system that
// allocates blocks as writes arrive spends more per byte than the copy
// itself.
func (s store) create(sizeHint int64) (*blobWriter, error) {
	if s.dir == "" {
		return &blobWriter{mem: s.free.get(sizeHint), free: s.free}, nil
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
		bl.data, bl.free = w.mem, w.free
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
	w.free.put(w.mem)
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
