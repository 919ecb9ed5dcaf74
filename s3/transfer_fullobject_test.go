package s3_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"hash/crc64"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// wholeCRC is the CRC S3 keeps for an object's bytes, computed here
// straight from hash/crc32 and hash/crc64.
func wholeCRC(alg s3.Checksum, data []byte) string {
	switch alg {
	case s3.ChecksumCRC32:
		return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(data)))
	case s3.ChecksumCRC32C:
		return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil,
			crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli))))
	}
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint64(nil,
		crc64.Checksum(data, crc64.MakeTable(0x9a6c9329ac4bc9b5))))
}

// A multipart upload gets a FULL_OBJECT CRC in s3test, which a download
// of the object then checks: clean bytes pass, a flipped byte is a
// *ChecksumError.
func TestMultipartFullObjectChecksum(t *testing.T) {
	srv := s3test.Start(t)
	corrupt := false
	conn := s3.New(srv.Config(""), goboto.WithEndpoint(corruptingProxy(t, srv, &corrupt)))
	b := bucket(t, conn, "full-object")
	ctx := context.Background()
	data := randomBytes(11, 11*mib)
	for _, alg := range []s3.Checksum{s3.ChecksumCRC32C, s3.ChecksumCRC32, s3.ChecksumCRC64NVME} {
		t.Run(string(alg), func(t *testing.T) {
			corrupt = false
			k := b.Key("mp-" + string(alg))
			srv.ResetCalls()
			if err := k.Upload(ctx, bytes.NewReader(data), s3.PartSize(5*mib), s3.WithChecksum(alg)); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(map[string]int{"CreateMultipartUpload": 1, "UploadPart": 3, "CompleteMultipartUpload": 1},
				ops(srv)); diff != "" {
				t.Errorf("upload calls (-want +got):\n%s", diff)
			}
			header := "x-amz-checksum-" + strings.ToLower(string(alg))
			obj, _ := srv.Object(b.Name, k.Name)
			if diff := cmp.Diff(map[string]string{header: wholeCRC(alg, data)}, obj.Checksums); diff != "" {
				t.Errorf("stored checksums (-want +got):\n%s", diff)
			}
			var f memFile
			if _, err := k.Download(ctx, &f, s3.PartSize(5*mib)); err != nil || !bytes.Equal(f.buf, data) {
				t.Fatalf("clean download: %v, equal %v", err, bytes.Equal(f.buf, data))
			}
			corrupt = true
			var ce *s3.ChecksumError
			if _, err := k.Download(ctx, &memFile{}, s3.PartSize(5*mib)); !errors.As(err, &ce) || ce.Algorithm != alg ||
				ce.Want != wholeCRC(alg, data) {
				t.Errorf("download of corrupted bytes: err = %v, want a %s *ChecksumError", err, alg)
			}
		})
	}
}
