package transfer

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
)

var crcs = []Checksum{ChecksumCRC32C, ChecksumCRC32, ChecksumCRC64NVME}

func TestCRCCombine(t *testing.T) {
	data := bytes.Repeat([]byte("goboto transfers combine CRCs. "), 1000)
	for _, alg := range crcs {
		for _, cut := range []int{0, 1, 7, 4096, len(data) - 1, len(data)} {
			a, b := data[:cut], data[cut:]
			got := crcCombine(alg.crcPoly(), alg.crcWidth(), alg.crcOf(a), alg.crcOf(b), int64(len(b)))
			if want := alg.crcOf(data); got != want {
				t.Errorf("%s cut at %d: combined %x, want %x", alg, cut, got, want)
			}
		}
	}
}

// TestCRCCheckValues pins each CRC to its catalogued check value (the CRC
// of "123456789") and S3's base64 form, so that a wrong polynomial or
// width cannot pass the combine tests by being consistently wrong.
func TestCRCCheckValues(t *testing.T) {
	for _, tc := range []struct {
		alg  Checksum
		want uint64
	}{
		{ChecksumCRC32, 0xcbf43926},
		{ChecksumCRC32C, 0xe3069283},
		{ChecksumCRC64NVME, 0xae8b14860a799888},
	} {
		if got := tc.alg.crcOf([]byte("123456789")); got != tc.want {
			t.Errorf("%s check value %x, want %x", tc.alg, got, tc.want)
		}
		h := tc.alg.newHash()
		h.Write([]byte("123456789"))
		if got, want := tc.alg.sum([]byte("123456789")), base64.StdEncoding.EncodeToString(h.Sum(nil)); got != want {
			t.Errorf("%s sum %s, digest %s", tc.alg, got, want)
		}
	}
}

func FuzzCRCCombine(f *testing.F) {
	f.Add([]byte("hello"), []byte(" world"), []byte("!"))
	f.Add([]byte{}, []byte{0}, []byte{})
	f.Fuzz(func(t *testing.T, a, b, c []byte) {
		for _, alg := range crcs {
			run := crcRun{alg: alg}
			for _, p := range [][]byte{a, b, c} {
				run.add(alg.crcOf(p), int64(len(p)))
			}
			whole := append(append(append([]byte{}, a...), b...), c...)
			if want := alg.sum(whole); run.encode() != want {
				t.Fatalf("%s: run %s, want %s", alg, run.encode(), want)
			}
		}
	})
}

func TestPlan(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		name     string
		set      int64 // PartSize option, 0 for none
		size     int64
		want     int64
		badField string
	}{
		{"unknown size", 0, -1, DefaultPartSize, ""},
		{"small", 0, 1, DefaultPartSize, ""},
		{"default fits", 0, 10000 * DefaultPartSize, DefaultPartSize, ""},
		{"raised to whole MiB", 0, 10000*DefaultPartSize + 1, 9 * mib, ""},
		{"100 GiB", 0, 100 << 30, 11 * mib, ""},
		{"5 TiB", 0, MaxObjectSize, 525 * mib, ""},
		{"caller's kept", 6 * mib, 1 << 30, 6 * mib, ""},
		{"caller's too small for size", 5 * mib, 10000*5*mib + 1, 0, "PartSize"},
		{"over 5 TiB", 0, MaxObjectSize + 1, 0, "Size"},
	} {
		c := Config{PartSize: tc.set}
		got, err := c.Plan(tc.size)
		var ve *goboto.ValidationError
		switch {
		case tc.badField != "" && (!errors.As(err, &ve) || ve.Field != tc.badField):
			t.Errorf("%s: err = %v, want a ValidationError on %s", tc.name, err, tc.badField)
		case tc.badField == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: part size (-want +got):\n%s", tc.name, diff)
		}
		if tc.badField == "" && tc.size > 0 && PartCount(tc.size, got) > MaxParts {
			t.Errorf("%s: %d parts", tc.name, PartCount(tc.size, got))
		}
	}
}

func TestSamePart(t *testing.T) {
	data := []byte("part bytes")
	md5ETag := `"` + "1a5e1a0f3b5b14c1e4d1b8f0c6d4c2a1" + `"` // not data's MD5
	for _, tc := range []struct {
		name string
		alg  Checksum
		p    havePart
		want bool
	}{
		{"checksum matches", ChecksumCRC32C, havePart{etag: md5ETag, sum: ChecksumCRC32C.sum(data)}, true},
		{"checksum differs", ChecksumCRC32C, havePart{etag: md5ETag, sum: ChecksumCRC32C.sum([]byte("other"))}, false},
		{"sha256 matches", ChecksumSHA256, havePart{sum: ChecksumSHA256.sum(data)}, true},
		{"etag is the md5", ChecksumNone, havePart{etag: `"c8a3f6c2f1a8c5cd8d2a7a4b8d8b7e7f"`}, false},
		{"etag matches", ChecksumCRC32C, havePart{etag: `"` + md5Hex(data) + `"`}, true},
		{"etag differs", ChecksumCRC32C, havePart{etag: md5ETag}, false},
	} {
		u := &uploader{c: Config{Checksum: tc.alg}}
		if got := u.samePart(tc.p, tc.alg.sum(data), data); got != tc.want {
			t.Errorf("%s: samePart = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func md5Hex(b []byte) string {
	s := md5.Sum(b)
	return hex.EncodeToString(s[:])
}
