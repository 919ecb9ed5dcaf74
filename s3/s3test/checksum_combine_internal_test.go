package s3test

import (
	"hash/crc32"
	"hash/crc64"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// crcOf is the CRC of data named by a checksum header, straight from
// hash/crc32 and hash/crc64.
func crcOf(header string, data []byte) uint64 {
	switch header {
	case "x-amz-checksum-crc32":
		return uint64(crc32.ChecksumIEEE(data))
	case "x-amz-checksum-crc32c":
		return uint64(crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli)))
	}
	return crc64.Checksum(data, crc64.MakeTable(crc64NVME))
}

var crcHeaders = []string{"x-amz-checksum-crc32", "x-amz-checksum-crc32c", "x-amz-checksum-crc64nvme"}

// checkCombine compares combining the CRCs of a and b with the CRC of a
// followed by b, for every CRC S3 knows.
func checkCombine(t *testing.T, a, b []byte) {
	t.Helper()
	for _, h := range crcHeaders {
		s := crcSpecs[h]
		want := crcOf(h, append(append([]byte{}, a...), b...))
		got := s.combine(crcOf(h, a), crcOf(h, b), uint64(len(b)))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s combine(%d bytes, %d bytes) (-want +got):\n%s", h, len(a), len(b), diff)
		}
	}
}

func TestCRCCombine(t *testing.T) {
	long := make([]byte, 1<<20+7)
	for i := range long {
		long[i] = byte(i*31 + i>>8)
	}
	tests := []struct {
		name string
		a, b []byte
	}{
		{"both empty", nil, nil},
		{"empty first", nil, []byte("hello")},
		{"empty second", []byte("hello"), nil},
		{"one byte each", []byte{0}, []byte{0xff}},
		{"words", []byte("Hello, "), []byte("World!")},
		{"long second", []byte("x"), long},
		{"long both", long[:1<<19], long[1<<19:]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkCombine(t, tt.a, tt.b) })
	}
}

// The known CRCs of "123456789" (the check values of the CRC catalogue)
// pin the specs themselves, so combine cannot agree with a wrong table.
func TestCRCCheckValues(t *testing.T) {
	want := map[string]string{}
	got := map[string]string{}
	for h, v := range map[string]uint64{"x-amz-checksum-crc32": 0xcbf43926, "x-amz-checksum-crc32c": 0xe3069283,
		"x-amz-checksum-crc64nvme": 0xae8b14860a799888} {
		s := crcSpecs[h]
		want[h] = s.encode(v)
		// Combine the check string from its pieces.
		data := []byte("123456789")
		c := crcOf(h, data[:4])
		c = s.combine(c, crcOf(h, data[4:]), 5)
		got[h] = s.encode(c)
		if back, ok := s.decode(got[h]); !ok || back != c {
			t.Errorf("%s decode(encode(%#x)) = %#x, %v", h, c, back, ok)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CRCs of 123456789 (-want +got):\n%s", diff)
	}
}

func FuzzCRCCombine(f *testing.F) {
	f.Add([]byte("abc"), []byte("defgh"))
	f.Add([]byte{}, []byte{1, 2, 3})
	f.Add(make([]byte, 300), []byte{0xff})
	f.Fuzz(checkCombine)
}
