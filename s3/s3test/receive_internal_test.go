package s3test

import (
	"bytes"
	"hash"
	"hash/crc32"
	"hash/maphash"
	"io"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// readHashed, the memory store's copy, stores and hashes exactly what
// copyHashed does, whatever the size hint (exact, short, long, none) and
// however the reads come.
func TestReadHashedMatchesCopy(t *testing.T) {
	data := make([]byte, 3*hashChunk+1000)
	for i := range data {
		data[i] = byte(i*131 + i>>11)
	}
	seeds := &[2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}
	type result struct {
		Data []byte
		Size int64
		Sums [2][]byte
	}
	run := func(copyFn func(w *blobWriter, src io.Reader, sum hash.Hash, hashes []hash.Hash) error, hint int, src io.Reader) (result, error) {
		w := &blobWriter{mem: make([]byte, 0, hint)}
		sum, crc := newFastETag(seeds), crc32.New(crc32.MakeTable(crc32.Castagnoli))
		err := copyFn(w, src, sum, []hash.Hash{crc})
		return result{Data: w.mem, Size: w.size, Sums: [2][]byte{sum.Sum(nil), crc.Sum(nil)}}, err
	}
	viaCopy := func(w *blobWriter, src io.Reader, sum hash.Hash, hashes []hash.Hash) error {
		return copyHashed(w, src, make([]byte, 4096), sum, hashes)
	}
	viaRead := func(w *blobWriter, src io.Reader, sum hash.Hash, hashes []hash.Hash) error {
		return w.readHashed(src, make([]byte, 1000), sum, hashes)
	}
	for _, tc := range []struct {
		name string
		n    int // bytes sent
		hint int
		wrap func(io.Reader) io.Reader
	}{
		{"exact hint", len(data), len(data), nil},
		{"no hint", len(data), 0, nil},
		{"hint short of the body", len(data), hashChunk + 5, nil},
		{"hint past the body", len(data) - 7, len(data), nil},
		{"empty body", 0, 0, nil},
		{"one byte reads", 3000, 3000, iotest.OneByteReader},
		{"half reads", len(data), len(data), iotest.HalfReader},
		{"data with EOF", len(data), len(data), iotest.DataErrReader},
	} {
		wrap := func(r io.Reader) io.Reader {
			if tc.wrap != nil {
				return tc.wrap(r)
			}
			return r
		}
		want, werr := run(viaCopy, 0, bytes.NewReader(data[:tc.n]))
		got, gerr := run(viaRead, tc.hint, wrap(bytes.NewReader(data[:tc.n])))
		if werr != nil || gerr != nil {
			t.Fatalf("%s: errors %v, %v", tc.name, werr, gerr)
		}
		if len(want.Data) == 0 {
			want.Data = got.Data[:0] // an empty slice, whatever its capacity
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-copyHashed +readHashed):\n%s", tc.name, diff)
		}
	}
}

// A body that breaks off mid-way is the read error S3 answers.
func TestReadHashedBrokenBody(t *testing.T) {
	w := &blobWriter{mem: make([]byte, 0, 100)}
	src := io.MultiReader(bytes.NewReader(make([]byte, 10)), iotest.ErrReader(io.ErrUnexpectedEOF))
	err := w.readHashed(src, make([]byte, 16), newFastETag(&[2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}), nil)
	if err == nil {
		t.Fatal("readHashed of a broken body: no error")
	}
	if diff := cmp.Diff(readError(io.ErrUnexpectedEOF).Error(), err.Error()); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
}
