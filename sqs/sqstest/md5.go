package sqstest

import (
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"sort"
	"strings"
)

// attr is one message attribute as it was sent.
type attr struct {
	DataType    string
	StringValue string `json:",omitempty"`
	BinaryValue []byte `json:",omitempty"`
}

// md5Hex is the MD5OfMessageBody of body (SQS Developer Guide, "Amazon
// SQS message attributes": the MD5 of the UTF-8 body).
func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// attributesMD5 is MD5OfMessageAttributes as the SQS Developer Guide
// describes it ("Calculating the MD5 message digest for message
// attributes"): the attributes sorted by name, each encoded as its name,
// its data type, a transport byte (1 for String and Number values, 2
// for Binary) and its value, where name, data type and value are each
// preceded by their length as a 4-byte big-endian integer; then the MD5
// of the whole. Custom types ("Number.float") are encoded whole, and the
// transport byte follows the base type. "" for no attributes.
func attributesMD5(attrs map[string]attr) string {
	if len(attrs) == 0 {
		return ""
	}
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	h := md5.New()
	put := func(b []byte) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	for _, n := range names {
		a := attrs[n]
		put([]byte(n))
		put([]byte(a.DataType))
		if strings.HasPrefix(a.DataType, "Binary") {
			h.Write([]byte{2})
			put(a.BinaryValue)
		} else {
			h.Write([]byte{1})
			put([]byte(a.StringValue))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
