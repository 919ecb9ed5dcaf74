package s3test

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"net/http"
	"strings"

	"github.com/goboto/goboto/internal/crc32c"
)

// crc64NVME is the reflected polynomial of CRC-64/NVME; hash/crc64's
// initial value and final XOR (all ones) match that CRC's.
const crc64NVME = 0x9a6c9329ac4bc9b5

// checksumAlgorithm is one of S3's additional checksums.
type checksumAlgorithm struct {
	header string // x-amz-checksum-crc32, ...
	new    func() hash.Hash
}

// crc64NVMETable is CRC64NVME's table, made once; never written after.
var crc64NVMETable = crc64.MakeTable(crc64NVME)

// algorithms are S3's additional checksums by header name; never
// written after.
var algorithms = []checksumAlgorithm{
	{"x-amz-checksum-crc32", func() hash.Hash { return crc32.NewIEEE() }},
	// The fake checks the CRC32C of every upload goboto sends, so it uses
	// the client's own kernel (internal/crc32c), about twice hash/crc32's
	// speed where AVX-512 is present: the fake's CPU is taken from the
	// same two cores the benchmarks measure the clients on.
	{"x-amz-checksum-crc32c", func() hash.Hash { return crc32c.New() }},
	{"x-amz-checksum-crc64nvme", func() hash.Hash { return crc64.New(crc64NVMETable) }},
	{"x-amz-checksum-sha1", sha1.New},
	{"x-amz-checksum-sha256", sha256.New},
}

// checksumAlgorithms returns S3's additional checksums by header name.
func checksumAlgorithms() []checksumAlgorithm { return algorithms }

// name is the algorithm's name as S3's messages spell it: CRC32, SHA256.
func (a checksumAlgorithm) name() string {
	return strings.ToUpper(strings.TrimPrefix(a.header, "x-amz-checksum-"))
}

// checksumClaims returns the x-amz-checksum-* values a request carries in
// its headers or aws-chunked trailers, by header name.
func checksumClaims(h http.Header, trailers map[string]string) map[string]string {
	out := map[string]string{}
	for _, a := range checksumAlgorithms() {
		v := h.Get(a.header)
		if t, ok := trailers[a.header]; ok {
			v = t
		}
		if v != "" {
			out[a.header] = v
		}
	}
	return out
}

// checksumsWanted returns the algorithms whose checksum a request sends,
// in a header or announced in x-amz-trailer, so only those are computed.
func checksumsWanted(h http.Header) []checksumAlgorithm {
	trailer := strings.ToLower(strings.Join(h.Values("X-Amz-Trailer"), ","))
	var out []checksumAlgorithm
	for _, a := range checksumAlgorithms() {
		if h.Get(a.header) != "" || strings.Contains(trailer, a.header) {
			out = append(out, a)
		}
	}
	return out
}

// checkChecksums compares the claimed checksums with the computed ones
// (base64 digests by header name) and returns the ones to keep.
func checkChecksums(claims, computed map[string]string) (map[string]string, error) {
	for _, a := range checksumAlgorithms() {
		v, ok := claims[a.header]
		if !ok {
			continue
		}
		want, err := base64.StdEncoding.DecodeString(v)
		if err != nil || len(want) != a.new().Size() {
			return nil, s3err(http.StatusBadRequest, "InvalidRequest",
				"Value for "+a.header+" header is invalid.")
		}
		if got, ok := computed[a.header]; ok && got != v {
			return nil, s3err(http.StatusBadRequest, "BadDigest",
				"The "+a.name()+" you specified did not match the calculated checksum.")
		}
	}
	return claims, nil
}
