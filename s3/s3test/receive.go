package s3test

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash"
	"hash/maphash"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/goboto/goboto/internal/fake"
)

// received is a payload stored by receive, with what S3 computes of it.
type received struct {
	body content           // holds one reference
	md5  [md5.Size]byte    // or, with WithFastETags, the fast hash
	sums map[string]string // x-amz-checksum-* kept with the object
}

// etag is the quoted hex MD5 S3 answers as a single-part ETag.
func (rc received) etag() string { return quotedMD5(rc.md5[:]) }

// receive stores a request's payload as it arrives, computing its MD5 and
// the checksums the request claims in the same pass, then checks
// Content-MD5 and the x-amz-checksum-* values (headers or aws-chunked
// trailers). On any failure nothing stays stored.
func (b *Backend) receive(r *fake.Request) (received, error) {
	src := r.Stream
	if src == nil {
		src = bytes.NewReader(r.Body)
	}
	h := r.HTTP.Header
	streaming := strings.HasPrefix(h.Get("X-Amz-Content-Sha256"), "STREAMING-")
	hint := r.HTTP.ContentLength
	if v := h.Get("X-Amz-Decoded-Content-Length"); v != "" {
		hint, _ = strconv.ParseInt(v, 10, 64)
	} else if r.Stream != nil && streaming {
		hint = 0
	}
	return b.receiveFrom(src, hint, streaming, h, r.Trailers)
}

// receiveFrom is receive of the payload src, about hint bytes long (-1 or
// 0 when unknown), whose Content-MD5 and x-amz-checksum-* claims are in h
// and trailers. streaming sends it through pipeHashed whatever its size.
// POST uploads (post.go) store their file field through it.
func (b *Backend) receiveFrom(src io.Reader, hint int64, streaming bool, h http.Header, trailers map[string]string) (received, error) {
	w, err := b.store.create(hint)
	if err != nil {
		return received{}, err
	}
	algos := checksumsWanted(h)
	sum := b.etagHash()
	if h.Get("Content-MD5") != "" {
		sum = md5.New() // Content-MD5 is checked against the real MD5
	}
	hashes := make([]hash.Hash, len(algos))
	for i, a := range algos {
		hashes[i] = a.new()
	}
	_, fast := sum.(*fastETag)
	switch {
	case w.file == nil && fast:
		bufp := b.bufs.Get().(*[]byte)
		err = w.readHashed(src, *bufp, sum, hashes)
		b.bufs.Put(bufp)
	case hint >= 0 && hint <= copyBufSize && !streaming:
		bufp := b.bufs.Get().(*[]byte)
		err = copyHashed(w, src, *bufp, sum, hashes)
		b.bufs.Put(bufp)
	default:
		err = b.pipeHashed(w, src, sum, hashes)
	}
	if err != nil {
		w.abort()
		return received{}, err
	}
	var rc received
	sum.Sum(rc.md5[:0])
	computed := make(map[string]string, len(algos))
	for i, a := range algos {
		computed[a.header] = base64.StdEncoding.EncodeToString(hashes[i].Sum(nil))
	}
	if err := checkContentMD5(h.Get("Content-MD5"), rc.md5[:]); err != nil {
		w.abort()
		return received{}, err
	}
	if rc.sums, err = checkChecksums(checksumClaims(h, trailers), computed); err != nil {
		w.abort()
		return received{}, err
	}
	if rc.body, err = w.commit(); err != nil {
		return received{}, err
	}
	return rc, nil
}

// copyHashed copies src to w through buf, feeding every byte to sum and
// hashes on the way.
func copyHashed(w io.Writer, src io.Reader, buf []byte, sum hash.Hash, hashes []hash.Hash) error {
	for {
		n, rerr := src.Read(buf)
		if n > 0 {
			p := buf[:n]
			sum.Write(p)
			for _, h := range hashes {
				h.Write(p)
			}
			if _, err := w.Write(p); err != nil {
				return err
			}
		}
		switch {
		case rerr == io.EOF:
			return nil
		case rerr != nil:
			return readError(rerr)
		}
	}
}

// hashChunk is the most readHashed reads before it hashes what arrived:
// little enough that the hashes find the bytes still in the core's
// cache.
const hashChunk = 128 << 10

// readHashed is copyHashed for the memory store: the payload is read
// straight into the blob's memory and hashed where it lands, a piece at a
// time, with no copy through a buffer. Hashing after each read rather
// than beside it in another goroutine (pipeHashed) costs wall time only
// for a hash slower than the socket, which the fast ETag hash is not, and
// saves a copy of every byte. scratch takes what arrives past the
// expected length, so that reading to EOF does not grow the blob.
func (w *blobWriter) readHashed(src io.Reader, scratch []byte, sum hash.Hash, hashes []hash.Hash) error {
	for {
		var p []byte
		var n int
		var rerr error
		if l := len(w.mem); l < cap(w.mem) {
			n, rerr = src.Read(w.mem[l:min(cap(w.mem), l+hashChunk)])
			p = w.mem[l : l+n]
			w.mem = w.mem[:l+n]
		} else {
			n, rerr = src.Read(scratch)
			p = scratch[:n]
			w.mem = append(w.mem, p...)
		}
		if n > 0 {
			w.size += int64(n)
			sum.Write(p)
			for _, h := range hashes {
				h.Write(p)
			}
		}
		switch {
		case rerr == io.EOF:
			return nil
		case rerr != nil:
			return readError(rerr)
		}
	}
}

// pipeDepth is how many buffers one upload's pipeline cycles through.
const pipeDepth = 4

// pipeHashed is copyHashed for big payloads: reading the request, hashing
// and writing to the store run at once in three goroutines, so a PUT
// costs the slowest of them (usually MD5) rather than their sum. Buffers
// pass through the stages in order and come back to be filled again.
func (b *Backend) pipeHashed(w io.Writer, src io.Reader, sum hash.Hash, hashes []hash.Hash) error {
	type chunk struct {
		buf *[]byte
		n   int
	}
	free := make(chan *[]byte, pipeDepth)
	for range pipeDepth {
		free <- b.bufs.Get().(*[]byte)
	}
	toHash, toWrite := make(chan chunk, pipeDepth), make(chan chunk, pipeDepth)
	var failed atomic.Bool
	var werr error
	done := make(chan struct{})
	go func() {
		for c := range toHash {
			p := (*c.buf)[:c.n]
			sum.Write(p)
			for _, h := range hashes {
				h.Write(p)
			}
			toWrite <- c
		}
		close(toWrite)
	}()
	go func() {
		defer close(done)
		for c := range toWrite {
			if werr == nil {
				if _, werr = w.Write((*c.buf)[:c.n]); werr != nil {
					failed.Store(true)
				}
			}
			free <- c.buf
		}
	}()
	var rerr error
	for !failed.Load() {
		buf := <-free
		n, err := fill(src, *buf)
		if n > 0 {
			toHash <- chunk{buf, n}
		} else {
			free <- buf
		}
		if err != nil {
			if err != io.EOF {
				rerr = readError(err)
			}
			break
		}
	}
	close(toHash)
	<-done
	for range pipeDepth {
		b.bufs.Put(<-free)
	}
	if rerr != nil {
		return rerr
	}
	return werr
}

// fill reads into buf until it is full or src ends; it returns io.EOF
// with the last bytes rather than after them.
func fill(src io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		k, err := src.Read(buf[n:])
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// readError is the answer to a payload that could not be read.
func readError(err error) error {
	var fe *fake.Error
	if errors.As(err, &fe) {
		return fe
	}
	// The client went away mid-body; the answer will not reach it.
	return s3err(http.StatusBadRequest, "IncompleteBody",
		"You did not provide the number of bytes specified by the Content-Length HTTP header")
}

// checkContentMD5 compares a Content-MD5 header with the payload's MD5.
func checkContentMD5(header string, sum []byte) error {
	if header == "" {
		return nil
	}
	want, err := base64.StdEncoding.DecodeString(header)
	if err != nil || len(want) != md5.Size {
		return s3err(http.StatusBadRequest, "InvalidDigest", "The Content-MD5 you specified was invalid.")
	}
	if !bytes.Equal(sum, want) {
		return s3err(http.StatusBadRequest, "BadDigest", "The Content-MD5 you specified did not match what we received.")
	}
	return nil
}

// fastETag is the hash WithFastETags puts in ETags instead of MD5: one
// pass of a seeded 64-bit hash over the bytes, widened to the 16 bytes of
// an MD5 by a second seeded hash of that value and the length. A second
// full pass would double the cost (about 7 GB/s a pass here) for no
// benefit a fake needs: ETags of different content differ but for a 2^-64
// chance.
type fastETag struct {
	h     maphash.Hash
	seed2 maphash.Seed
	n     int64
}

// etagHash returns the hash a new body's ETag is made of: MD5 or, with
// WithFastETags, the fast hash.
func (b *Backend) etagHash() hash.Hash {
	if b.etagSeeds != nil {
		return newFastETag(b.etagSeeds)
	}
	return md5.New()
}

func newFastETag(seeds *[2]maphash.Seed) *fastETag {
	h := &fastETag{seed2: seeds[1]}
	h.h.SetSeed(seeds[0])
	return h
}

func (h *fastETag) Write(p []byte) (int, error) {
	h.n += int64(len(p))
	return h.h.Write(p)
}

func (h *fastETag) Sum(b []byte) []byte {
	v := h.h.Sum64()
	var x [16]byte
	binary.BigEndian.PutUint64(x[:8], v)
	binary.BigEndian.PutUint64(x[8:], uint64(h.n))
	b = binary.BigEndian.AppendUint64(b, v)
	return binary.BigEndian.AppendUint64(b, maphash.Bytes(h.seed2, x[:]))
}

func (h *fastETag) Reset()         { h.h.Reset(); h.n = 0 }
func (h *fastETag) Size() int      { return md5.Size }
func (h *fastETag) BlockSize() int { return h.h.BlockSize() }
