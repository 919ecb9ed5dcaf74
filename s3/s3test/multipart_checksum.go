package s3test

import (
	"encoding/base64"
	"strconv"
)

// completePart is a part as CompleteMultipartUpload lists it.
type completePart struct {
	PartNumber        int
	ETag              string
	ChecksumCRC32     string
	ChecksumCRC32C    string
	ChecksumCRC64NVME string
	ChecksumSHA1      string
	ChecksumSHA256    string

	// Checksums the fake does not compute: refused by name
	// (unimplementedChecksum), never ignored.
	ChecksumMD5, ChecksumSHA512, ChecksumXXHASH64, ChecksumXXHASH3, ChecksumXXHASH128 string `xml:",omitempty"`
}

// unimplementedChecksum names the first checksum p claims that the fake
// cannot check, "" when there is none.
func (p completePart) unimplementedChecksum() string {
	for _, c := range []struct{ name, v string }{{"ChecksumMD5", p.ChecksumMD5}, {"ChecksumSHA512", p.ChecksumSHA512},
		{"ChecksumXXHASH64", p.ChecksumXXHASH64}, {"ChecksumXXHASH3", p.ChecksumXXHASH3}, {"ChecksumXXHASH128", p.ChecksumXXHASH128}} {
		if c.v != "" {
			return c.name
		}
	}
	return ""
}

// claims returns the checksums the request gives for the part, by header
// name.
func (p completePart) claims() map[string]string {
	out := map[string]string{}
	for h, v := range map[string]string{
		"x-amz-checksum-crc32": p.ChecksumCRC32, "x-amz-checksum-crc32c": p.ChecksumCRC32C,
		"x-amz-checksum-crc64nvme": p.ChecksumCRC64NVME, "x-amz-checksum-sha1": p.ChecksumSHA1,
		"x-amz-checksum-sha256": p.ChecksumSHA256,
	} {
		if v != "" {
			out[h] = v
		}
	}
	return out
}

// checksumsXML are the checksum elements of CompleteMultipartUploadResult
// and of a ListParts part.
type checksumsXML struct {
	ChecksumCRC32     string `xml:",omitempty"`
	ChecksumCRC32C    string `xml:",omitempty"`
	ChecksumCRC64NVME string `xml:",omitempty"`
	ChecksumSHA1      string `xml:",omitempty"`
	ChecksumSHA256    string `xml:",omitempty"`
}

func toChecksumsXML(sums map[string]string) checksumsXML {
	return checksumsXML{sums["x-amz-checksum-crc32"], sums["x-amz-checksum-crc32c"], sums["x-amz-checksum-crc64nvme"],
		sums["x-amz-checksum-sha1"], sums["x-amz-checksum-sha256"]}
}

// compositeChecksums returns a completed upload's checksums as S3's
// COMPOSITE ones: for each algorithm every part has, the checksum of the
// parts' checksums followed by "-<parts>". CRC64NVME is left out: S3 only
// combines it into a FULL_OBJECT checksum (see completedChecksums).
func compositeChecksums(parts []*part) map[string]string {
	out := map[string]string{}
	for _, a := range checksumAlgorithms() {
		if a.header == "x-amz-checksum-crc64nvme" {
			continue
		}
		h := a.new()
		complete := len(parts) > 0
		for _, p := range parts {
			raw, err := base64.StdEncoding.DecodeString(p.checksums[a.header])
			if err != nil || len(raw) == 0 {
				complete = false
				break
			}
			h.Write(raw)
		}
		if complete {
			out[a.header] = base64.StdEncoding.EncodeToString(h.Sum(nil)) + "-" + strconv.Itoa(len(parts))
		}
	}
	return out
}
