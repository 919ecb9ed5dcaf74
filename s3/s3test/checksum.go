package s3test

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"net/http"
	"strconv"
	"strings"
)

func itoa(n int) string { return strconv.Itoa(n) }

// checksumAlgorithms are S3's additional checksums by header name, with
// the digest the fake verifies (nil: stored and echoed unverified).
var checksumAlgorithms = []struct {
	header string
	sum    func([]byte) []byte
}{
	{"x-amz-checksum-crc32", func(b []byte) []byte { return binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(b)) }},
	{"x-amz-checksum-crc32c", func(b []byte) []byte {
		return binary.BigEndian.AppendUint32(nil, crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)))
	}},
	{"x-amz-checksum-crc64nvme", nil},
	{"x-amz-checksum-sha1", func(b []byte) []byte { s := sha1.Sum(b); return s[:] }},
	{"x-amz-checksum-sha256", func(b []byte) []byte { s := sha256.Sum256(b); return s[:] }},
}

// checksums returns the x-amz-checksum-* values a request carries in its
// headers or aws-chunked trailers, after checking them against data.
func checksums(h http.Header, trailers map[string]string, data []byte) (map[string]string, error) {
	out := map[string]string{}
	for _, a := range checksumAlgorithms {
		v := h.Get(a.header)
		if t, ok := trailers[a.header]; ok {
			v = t
		}
		if v == "" {
			continue
		}
		if a.sum != nil {
			want, err := base64.StdEncoding.DecodeString(v)
			name := strings.ToUpper(strings.TrimPrefix(a.header, "x-amz-checksum-"))
			if err != nil || len(want) != len(a.sum(nil)) {
				return nil, s3err(http.StatusBadRequest, "InvalidRequest",
					"Value for x-amz-checksum-"+strings.ToLower(name)+" header is invalid.")
			}
			if string(a.sum(data)) != string(want) {
				return nil, s3err(http.StatusBadRequest, "BadDigest",
					"The "+name+" you specified did not match the calculated checksum.")
			}
		}
		out[a.header] = v
	}
	return out, nil
}
