package s3test

import (
	"encoding/base64"
	"maps"
	"net/http"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// The checksum types of a multipart upload, as x-amz-checksum-type
// names them.
const (
	checksumComposite  = "COMPOSITE"
	checksumFullObject = "FULL_OBJECT"
)

// uploadChecksum is the checksum a multipart upload declared on
// CreateMultipartUpload: an algorithm and a type, or neither.
type uploadChecksum struct {
	algo checksumAlgorithm // header "" when none was declared
	typ  string            // COMPOSITE or FULL_OBJECT; "" with no algorithm
}

func (c uploadChecksum) declared() bool { return c.algo.header != "" }

// lowerName is the algorithm as S3's multipart messages spell it: crc32c.
func (a checksumAlgorithm) lowerName() string {
	return strings.TrimPrefix(a.header, "x-amz-checksum-")
}

// algorithmByHeader returns the algorithm of a checksum header.
func algorithmByHeader(header string) checksumAlgorithm {
	for _, a := range checksumAlgorithms() {
		if a.header == header {
			return a
		}
	}
	return checksumAlgorithm{}
}

func invalidRequest(msg string) *fake.Error {
	return s3err(http.StatusBadRequest, "InvalidRequest", msg)
}

// parseUploadChecksum reads x-amz-checksum-algorithm and
// x-amz-checksum-type of a CreateMultipartUpload request with S3's rules:
// CRC32, CRC32C and CRC64NVME combine into a FULL_OBJECT checksum; CRC32,
// CRC32C, SHA1 and SHA256 into a COMPOSITE one; CRC64NVME defaults to
// FULL_OBJECT and the others to COMPOSITE.
func parseUploadChecksum(h http.Header) (uploadChecksum, *fake.Error) {
	name, typ := h.Get("X-Amz-Checksum-Algorithm"), h.Get("X-Amz-Checksum-Type")
	if name == "" {
		if typ != "" {
			return uploadChecksum{}, invalidRequest("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.")
		}
		return uploadChecksum{}, nil
	}
	var c uploadChecksum
	for _, a := range checksumAlgorithms() {
		if strings.EqualFold(a.name(), name) {
			c.algo = a
		}
	}
	if !c.declared() {
		return uploadChecksum{}, invalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
	}
	_, isCRC := crcSpecs[c.algo.header]
	switch typ {
	case "":
		c.typ = checksumComposite
		if c.algo.header == "x-amz-checksum-crc64nvme" {
			c.typ = checksumFullObject
		}
	case checksumFullObject:
		if !isCRC {
			return uploadChecksum{}, invalidRequest("The FULL_OBJECT checksum type cannot be used with the " + c.algo.lowerName() + " checksum algorithm.")
		}
		c.typ = typ
	case checksumComposite:
		if c.algo.header == "x-amz-checksum-crc64nvme" {
			return uploadChecksum{}, invalidRequest("The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.")
		}
		c.typ = typ
	default:
		return uploadChecksum{}, invalidRequest("Value for x-amz-checksum-type header is invalid.")
	}
	return c, nil
}

// algoName is the declared algorithm as S3 names it (CRC32C), "" for
// none.
func (c uploadChecksum) algoName() string {
	if !c.declared() {
		return ""
	}
	return c.algo.name()
}

// setHeaders echoes the upload's checksum as CreateMultipartUpload
// answers it.
func (c uploadChecksum) setHeaders(h http.Header) {
	if c.declared() {
		h.Set("x-amz-checksum-algorithm", c.algoName())
		h.Set("x-amz-checksum-type", c.typ)
	}
}

// digest returns the base64 checksum of c by algorithm a.
func (b *Backend) digest(c content, a checksumAlgorithm) (string, error) {
	h := a.new()
	if _, err := b.writeContent(h, c, 0, c.size); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(h.Sum(nil)), nil
}

// partChecksums checks the checksums an UploadPart request sent (sums)
// against the upload's algorithm and returns the ones to keep. A part of
// an upload that declared an algorithm must carry that algorithm's
// checksum, except in a FULL_OBJECT upload, where S3 computes a missing
// one itself. Uploads that declared none take any checksum.
func (b *Backend) partChecksums(c uploadChecksum, sums map[string]string, body content) (map[string]string, error) {
	if !c.declared() {
		return sums, nil
	}
	if _, ok := sums[c.algo.header]; ok {
		return sums, nil
	}
	actual := "null"
	for _, a := range checksumAlgorithms() {
		if _, ok := sums[a.header]; ok {
			actual = a.lowerName()
			break
		}
	}
	if actual != "null" || c.typ != checksumFullObject {
		return nil, invalidRequest("Checksum Type mismatch occurred, expected checksum Type: " + c.algo.lowerName() +
			", actual checksum Type: " + actual)
	}
	v, err := b.digest(body, c.algo)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(sums)+1)
	maps.Copy(out, sums)
	out[c.algo.header] = v
	return out, nil
}

// partSum returns p's checksum by algorithm a: the one it was uploaded
// with or, for a part that has none (UploadPartCopy), one computed from
// its bytes. The Backend's lock must be held.
func (b *Backend) partSum(p *part, a checksumAlgorithm) (string, error) {
	if v, ok := p.checksums[a.header]; ok {
		return v, nil
	}
	v, err := b.digest(p.body, a)
	if err != nil {
		return "", err
	}
	if p.checksums == nil {
		p.checksums = map[string]string{}
	}
	p.checksums[a.header] = v
	return v, nil
}

// checkCompleteType refuses a CompleteMultipartUpload whose
// x-amz-checksum-type is not the one the upload was created with.
func checkCompleteType(c uploadChecksum, h http.Header) *fake.Error {
	typ := h.Get("X-Amz-Checksum-Type")
	if typ == "" || !c.declared() || typ == c.typ {
		return nil
	}
	if typ != checksumComposite && typ != checksumFullObject {
		return invalidRequest("Value for x-amz-checksum-type header is invalid.")
	}
	return invalidRequest("The upload was created using the " + c.typ + " checksum type. The complete request must use the same checksum type.")
}

// checkCompletePart refuses a COMPOSITE upload's part listed without the
// upload's checksum, which S3 needs to build the composite.
func checkCompletePart(c uploadChecksum, lp completePart) *fake.Error {
	if !c.declared() || c.typ != checksumComposite {
		return nil
	}
	if _, ok := lp.claims()[c.algo.header]; ok {
		return nil
	}
	return invalidRequest("The upload was created using a " + c.algo.lowerName() +
		" checksum. The complete request must include the checksum for each part. It was missing for part " +
		strconv.Itoa(lp.PartNumber) + " in the request.")
}

// fullObjectChecksum combines the parts' CRCs by algorithm a into the
// CRC of the whole object. The Backend's lock must be held.
func (b *Backend) fullObjectChecksum(parts []*part, a checksumAlgorithm) (string, error) {
	spec := crcSpecs[a.header]
	var whole uint64
	for i, p := range parts {
		v, err := b.partSum(p, a)
		if err != nil {
			return "", err
		}
		crc, ok := spec.decode(v)
		if !ok {
			return "", invalidRequest("Value for " + a.header + " header is invalid.")
		}
		if i == 0 {
			whole = crc
		} else {
			whole = spec.combine(whole, crc, uint64(p.body.size))
		}
	}
	return spec.encode(whole), nil
}

// completedChecksums returns the checksums and checksum type of the
// object a CompleteMultipartUpload makes of parts, checking a whole-object
// checksum the request sends in its headers (h). An upload that declared
// no algorithm gets S3's COMPOSITE checksum of every algorithm all its
// parts carry or, failing that, the FULL_OBJECT CRC64NVME when all carry
// one. The Backend's lock must be held.
func (b *Backend) completedChecksums(c uploadChecksum, parts []*part, h http.Header) (map[string]string, string, error) {
	if !c.declared() {
		sums := compositeChecksums(parts)
		if len(sums) > 0 {
			return sums, checksumComposite, nil
		}
		nvme := algorithmByHeader("x-amz-checksum-crc64nvme")
		for _, p := range parts {
			if _, ok := p.checksums[nvme.header]; !ok {
				return sums, "", nil
			}
		}
		c = uploadChecksum{nvme, checksumFullObject}
	}
	if c.typ == checksumComposite {
		for _, p := range parts {
			if _, err := b.partSum(p, c.algo); err != nil {
				return nil, "", err
			}
		}
		v, ok := compositeChecksums(parts)[c.algo.header]
		if !ok {
			return map[string]string{}, "", nil
		}
		return map[string]string{c.algo.header: v}, checksumComposite, nil
	}
	v, err := b.fullObjectChecksum(parts, c.algo)
	if err != nil {
		return nil, "", err
	}
	if claim := h.Get(c.algo.header); claim != "" && claim != v {
		return nil, "", s3err(http.StatusBadRequest, "BadDigest",
			"The "+c.algo.lowerName()+" you specified did not match the calculated checksum.")
	}
	return map[string]string{c.algo.header: v}, checksumFullObject, nil
}
