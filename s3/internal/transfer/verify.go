package transfer

import (
	"context"
	"encoding/base64"
	"hash"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go/middleware"
)

// compositeChecksum is the algorithm of a multipart object's composite
// checksum (type COMPOSITE, or a value ending in "-N" from before S3
// named the type), ChecksumNone if it has none.
func compositeChecksum(out *s3.HeadObjectOutput) Checksum {
	for _, c := range headChecksums(out) {
		if out.ChecksumType == types.ChecksumTypeComposite || strings.Contains(c.v, "-") {
			return c.alg
		}
	}
	return ChecksumNone
}

// partChecksum is the checksum of alg a GetObject of one part answered
// (with x-amz-checksum-mode ENABLED), "" if none.
func partChecksum(out *s3.GetObjectOutput, alg Checksum) string {
	for _, c := range checksumsOf(out.ChecksumCRC32C, out.ChecksumCRC32, out.ChecksumCRC64NVME, out.ChecksumSHA256, out.ChecksumSHA1) {
		if c.alg == alg && !strings.Contains(c.v, "-") {
			return c.v
		}
	}
	return ""
}

// algValue is one checksum an answer carried.
type algValue struct {
	alg Checksum
	v   string
}

// checksumsOf lists the checksums an answer's fields hold, in the order
// downloads prefer them: CRC32C, CRC32, CRC64NVME, SHA-256, SHA-1.
func checksumsOf(crc32c, crc32, crc64nvme, sha256, sha1 *string) []algValue {
	var out []algValue
	for _, c := range []algValue{
		{ChecksumCRC32C, aws.ToString(crc32c)}, {ChecksumCRC32, aws.ToString(crc32)}, {ChecksumCRC64NVME, aws.ToString(crc64nvme)},
		{ChecksumSHA256, aws.ToString(sha256)}, {ChecksumSHA1, aws.ToString(sha1)},
	} {
		if c.v != "" {
			out = append(out, c)
		}
	}
	return out
}

// headChecksums is checksumsOf a HeadObject answer.
func headChecksums(out *s3.HeadObjectOutput) []algValue {
	return checksumsOf(out.ChecksumCRC32C, out.ChecksumCRC32, out.ChecksumCRC64NVME, out.ChecksumSHA256, out.ChecksumSHA1)
}

// encode is the base64 value, as S3 writes it, of a digest newHash made.
func (c Checksum) encode(h hash.Hash) string {
	if c.isCRC() {
		return c.encodeCRC(crcValue(h))
	}
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

// partsCoincide reports whether the object's parts are the download's
// ranges, so that each range can be fetched as a part (GetObject with
// partNumber), whose answer carries the part's own checksum. It asks for
// part 1 (HeadObject with partNumber 1), which tells the part size and
// the number of parts: they coincide when part 1 is PartSize long and
// the count is what PartSize makes of the object. A part found elsewhere
// after all is fetched as a range (fetch). Any failure of the HeadObject
// but a cancelled context means ranges, unverified.
func (d *download) partsCoincide(ctx context.Context) (bool, error) {
	out, err := d.api.HeadObject(ctx, &s3.HeadObjectInput{
		Bucket: aws.String(d.obj.Bucket), Key: aws.String(d.obj.Key), IfMatch: aws.String(d.etag),
		PartNumber: aws.Int32(1),
	})
	if err != nil {
		return false, ctx.Err()
	}
	return aws.ToInt64(out.ContentLength) == d.partSize &&
		int64(aws.ToInt32(out.PartsCount)) == PartCount(d.size, d.partSize), nil
}

// sdkValidation is the ID of aws-sdk-go-v2's check of a response's
// checksum, which fetch replaces for parts with its own so that a
// mismatch is a *ChecksumError, whether or not the SDK's reader reaches
// the end of the body.
const sdkValidation = "AWSChecksum:ValidateOutputPayloadChecksum"

func withoutSDKValidation(o *s3.Options) {
	o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
		st.Deserialize.Remove(sdkValidation) // absent is as good as removed
		return nil
	})
}

// partInput turns a ranged GetObject into one of part i+1, with its
// checksum asked for.
func partInput(in *s3.GetObjectInput, i int) *s3.GetObjectInput {
	p := *in
	p.Range = nil
	p.PartNumber = aws.Int32(int32(i + 1))
	p.ChecksumMode = types.ChecksumModeEnabled
	return &p
}

// spans reports whether a Content-Range header ("bytes 0-99/200") is the
// n bytes from off.
func spans(contentRange *string, off, n int64) bool {
	want := "bytes " + strconv.FormatInt(off, 10) + "-" + strconv.FormatInt(off+n-1, 10) + "/"
	return strings.HasPrefix(aws.ToString(contentRange), want)
}
