package transfer

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// readPart must read what io.ReadFull reads, with the same error, and
// its piecewise CRC must be the part's CRC whatever sizes the reads come
// in.
func TestReadPart(t *testing.T) {
	data := make([]byte, 3*crcChunk+17)
	for i := range data {
		data[i] = byte(i*31 + i>>9)
	}
	type result struct {
		N   int
		CRC uint64
		Err error
	}
	for _, alg := range []Checksum{ChecksumCRC32C, ChecksumCRC32, ChecksumCRC64NVME, ChecksumSHA256, ChecksumNone} {
		for _, tc := range []struct {
			name string
			src  int // bytes the reader holds
			buf  int
			wrap func(io.Reader) io.Reader
		}{
			{"full part", len(data), len(data), nil},
			{"one chunk", crcChunk, crcChunk, nil},
			{"short last part", len(data), len(data) + 5, nil},
			{"empty reader", 0, 100, nil},
			{"bigger source", len(data), crcChunk + 3, nil},
			{"one byte at a time", 1000, 800, iotest.OneByteReader},
			{"half reads", len(data), len(data), iotest.HalfReader},
			{"data with EOF", len(data), len(data), iotest.DataErrReader},
		} {
			var r io.Reader = bytes.NewReader(data[:tc.src])
			if tc.wrap != nil {
				r = tc.wrap(r)
			}
			u := &uploader{c: Config{Checksum: alg}}
			buf := make([]byte, tc.buf)
			n, crc, err := u.readPart(r, buf)

			wantN, wantErr := io.ReadFull(bytes.NewReader(data[:tc.src]), make([]byte, tc.buf))
			want := result{N: wantN, Err: wantErr}
			if alg.isCRC() {
				want.CRC = alg.crcOf(data[:wantN])
			}
			got := result{N: n, CRC: crc, Err: err}
			if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("%s, %s (-want +got):\n%s", alg, tc.name, diff)
			}
			if !bytes.Equal(buf[:n], data[:n]) {
				t.Errorf("%s, %s: bytes read differ from the source's", alg, tc.name)
			}
		}
	}
}
