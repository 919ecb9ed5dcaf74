package sqs

import (
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto"
)

// Attribute is one message attribute: a data type of String, Number or
// Binary, optionally with a custom label ("Number.float",
// "Binary.png"), and its value.
type Attribute struct {
	DataType    string
	StringValue string // String and Number
	BinaryValue []byte // Binary
}

// String returns a String attribute.
func String(v string) Attribute { return Attribute{DataType: "String", StringValue: v} }

// Number returns a Number attribute; SQS keeps its text as sent.
func Number(v string) Attribute { return Attribute{DataType: "Number", StringValue: v} }

// Binary returns a Binary attribute.
func Binary(v []byte) Attribute { return Attribute{DataType: "Binary", BinaryValue: v} }

func (a Attribute) base() string {
	b, _, _ := strings.Cut(a.DataType, ".")
	return b
}

func (a Attribute) check(name string) error {
	if len(a.DataType) > 256 {
		return goboto.Invalid("MessageAttributes."+name+".DataType", a.DataType, "is longer than 256 characters")
	}
	switch a.base() {
	case "String", "Number":
		if a.StringValue == "" || a.BinaryValue != nil {
			return goboto.Invalid("MessageAttributes."+name, "", "a "+a.base()+" attribute needs a non-empty StringValue and no BinaryValue")
		}
		if _, ok := validText(a.StringValue); !ok {
			return goboto.Invalid("MessageAttributes."+name, "", "holds a character SQS refuses")
		}
		if a.base() == "Number" {
			if _, err := strconv.ParseFloat(a.StringValue, 64); err != nil {
				return goboto.Invalid("MessageAttributes."+name, a.StringValue, "is not a number")
			}
		}
	case "Binary":
		if len(a.BinaryValue) == 0 || a.StringValue != "" {
			return goboto.Invalid("MessageAttributes."+name, "", "a Binary attribute needs a non-empty BinaryValue and no StringValue")
		}
	default:
		return goboto.Invalid("MessageAttributes."+name+".DataType", a.DataType, "must be String, Number or Binary, with an optional .label")
	}
	return nil
}

func (a Attribute) wire() types.MessageAttributeValue {
	v := types.MessageAttributeValue{DataType: aws.String(a.DataType)}
	if a.base() == "Binary" {
		v.BinaryValue = a.BinaryValue
	} else {
		v.StringValue = aws.String(a.StringValue)
	}
	return v
}

func fromWire(v types.MessageAttributeValue) Attribute {
	return Attribute{DataType: aws.ToString(v.DataType), StringValue: aws.ToString(v.StringValue), BinaryValue: v.BinaryValue}
}

// md5Hex is an MD5 in hex, as SQS writes MD5OfMessageBody.
func md5Hex(b []byte) string {
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}

// AttributesMD5 is MD5OfMessageAttributes as the SQS Developer Guide
// defines it ("Calculating the MD5 message digest for message
// attributes"): attributes sorted by name; for each, the name, the data
// type, one transport byte (1 for String and Number, 2 for Binary) and
// the value, where name, type and value are each preceded by their
// length as 4 big-endian bytes; the MD5 of all that, in hex. "" for no
// attributes, as SQS then sends none.
func AttributesMD5(attrs map[string]Attribute) string {
	if len(attrs) == 0 {
		return ""
	}
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf []byte
	put := func(b []byte) {
		buf = binary.BigEndian.AppendUint32(buf, uint32(len(b)))
		buf = append(buf, b...)
	}
	for _, n := range names {
		a := attrs[n]
		put([]byte(n))
		put([]byte(a.DataType))
		if a.base() == "Binary" {
			buf = append(buf, 2)
			put(a.BinaryValue)
		} else {
			buf = append(buf, 1)
			put([]byte(a.StringValue))
		}
	}
	return md5Hex(buf)
}
