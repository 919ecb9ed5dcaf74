package sqs

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goboto/goboto"
)

// Limits SQS documents (SQS Developer Guide, "Amazon SQS quotas"; SQS API
// Reference, SendMessage, MessageBody: "The maximum size is 1 MiB or
// 1,048,576 bytes", raised from 256 KiB in August 2025).
const (
	MaxMessageSize     = 1 << 20 // bytes of body and attributes
	MaxAttributes      = 10      // message attributes per message
	MaxReceive         = 10      // messages per ReceiveMessage
	MaxWaitTime        = 20 * time.Second
	MaxVisibility      = 12 * time.Hour
	MaxDelay           = 15 * time.Minute
	MaxQueueNameLength = 80
)

var queueName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// ValidQueueName checks a queue name as CreateQueue does: 1-80
// characters of A-Z a-z 0-9 - _, and for a FIFO queue a name that ends
// in ".fifo" (counted in the 80); a standard queue's name may not.
func ValidQueueName(name string, fifo bool) error {
	if name == "" || len(name) > MaxQueueNameLength {
		return goboto.Invalid("QueueName", name, "must be 1-80 characters")
	}
	base, isFIFO := strings.CutSuffix(name, ".fifo")
	if isFIFO != fifo {
		if fifo {
			return goboto.Invalid("QueueName", name, "a FIFO queue's name must end in .fifo")
		}
		return goboto.Invalid("QueueName", name, "only a FIFO queue's name may end in .fifo")
	}
	if !queueName.MatchString(base) {
		return goboto.Invalid("QueueName", name, "may hold only A-Z a-z 0-9 - _")
	}
	return nil
}

var attrNameChars = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,256}$`)

// ValidAttributeName checks a message attribute name as SQS does
// (Developer Guide, "Amazon SQS message attributes"): 1-256 of A-Z a-z
// 0-9 _ - ., neither starting nor ending with a period, no two periods
// in a row, and no "AWS." or "Amazon." prefix in any case.
func ValidAttributeName(name string) error {
	lower := strings.ToLower(name)
	switch {
	case !attrNameChars.MatchString(name):
		return goboto.Invalid("MessageAttributeName", name, "must be 1-256 of A-Z a-z 0-9 _ - .")
	case strings.HasPrefix(name, "."), strings.HasSuffix(name, "."), strings.Contains(name, ".."):
		return goboto.Invalid("MessageAttributeName", name, "may not start or end with a period or hold two in a row")
	case strings.HasPrefix(lower, "aws."), strings.HasPrefix(lower, "amazon."):
		return goboto.Invalid("MessageAttributeName", name, "may not start with AWS. or Amazon.")
	}
	return nil
}

// validText reports the first character SQS refuses in a body or string
// attribute (SendMessage: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to
// #xFFFD | #x10000 to #x10FFFF), or -1 when there is none.
func validText(s string) (int, bool) {
	if !utf8.ValidString(s) {
		return 0, false
	}
	for i, c := range s {
		switch {
		case c == 0x9, c == 0xA, c == 0xD, c >= 0x20 && c <= 0xD7FF, c >= 0xE000 && c <= 0xFFFD, c >= 0x10000 && c <= 0x10FFFF:
		default:
			return i, false
		}
	}
	return -1, true
}

// seconds checks d is whole seconds in [0, max] and returns them.
func seconds(field string, d, max time.Duration) (int32, error) {
	if d < 0 || d > max || d%time.Second != 0 {
		return 0, goboto.Invalid(field, d.String(), fmt.Sprintf("must be whole seconds from 0 to %s", max))
	}
	return int32(d / time.Second), nil
}

// checkAttributes validates message attributes and returns their size in
// bytes as SQS counts it toward the message size: name, data type and
// value.
func checkAttributes(attrs map[string]Attribute) (int, error) {
	if len(attrs) > MaxAttributes {
		return 0, goboto.Invalid("MessageAttributes", strconv.Itoa(len(attrs)), "more than 10 attributes")
	}
	size := 0
	for name, a := range attrs {
		if err := ValidAttributeName(name); err != nil {
			return 0, err
		}
		if err := a.check(name); err != nil {
			return 0, err
		}
		size += len(name) + len(a.DataType) + len(a.StringValue) + len(a.BinaryValue)
	}
	return size, nil
}
