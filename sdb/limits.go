package sdb

import (
	"strconv"
	"unicode/utf8"

	"github.com/goboto/goboto"
)

// SimpleDB's documented limits (Developer Guide, "Limits"). Requests that
// break one are refused with a *goboto.ValidationError before anything is
// sent: the service would refuse them anyway, after a round trip and a
// BoxUsage charge.
const (
	MinDomainName     = 3    // shortest domain name, in characters
	MaxDomainName     = 255  // longest domain name, in characters
	MaxNameBytes      = 1024 // longest item name or attribute name, in bytes
	MaxValueBytes     = 1024 // longest attribute value, in bytes
	MaxPairsPerPut    = 256  // attribute name-value pairs per PutAttributes call, and per item in a batch
	MaxBatchItems     = 25   // items per BatchPutAttributes or BatchDeleteAttributes call
	MaxListDomains    = 100  // largest MaxNumberOfDomains
	MaxSelectLimit    = 2500 // largest limit clause in a select expression
	maxBatchBodyBytes = 1 << 20
)

// validDomainName checks a domain name: 3 to 255 characters from a-z, A-Z,
// 0-9, '_', '-' and '.'.
func validDomainName(name string) error {
	if len(name) < MinDomainName || len(name) > MaxDomainName {
		return goboto.Invalid("DomainName", show(name), "must be 3-255 characters long")
	}
	for i := 0; i < len(name); i++ {
		if !domainChar(name[i]) {
			return goboto.Invalid("DomainName", show(name), "may hold only a-z, A-Z, 0-9, '_', '-' and '.'")
		}
	}
	return nil
}

func domainChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '_' || c == '-' || c == '.'
}

// validItemName checks an item name: not empty, valid UTF-8, at most 1024
// bytes.
func validItemName(name string) error {
	return validText("ItemName", name, MaxNameBytes, false)
}

// validAttrName checks an attribute name: not empty (SimpleDB refuses the
// empty name), valid UTF-8, at most 1024 bytes.
func validAttrName(name string) error {
	return validText("Attribute.Name", name, MaxNameBytes, false)
}

// validAttrValue checks an attribute value: valid UTF-8, at most 1024
// bytes. The empty value is allowed.
func validAttrValue(value string) error {
	return validText("Attribute.Value", value, MaxValueBytes, true)
}

func validText(field, s string, maxBytes int, emptyOK bool) error {
	switch {
	case s == "" && !emptyOK:
		return goboto.Invalid(field, "", "is empty")
	case !utf8.ValidString(s):
		return goboto.Invalid(field, show(s), "is not valid UTF-8")
	case len(s) > maxBytes:
		return goboto.Invalid(field, show(s), "is longer than "+strconv.Itoa(maxBytes)+" bytes")
	}
	return nil
}

// validAttributes checks every name and value of attrs and counts the
// name-value pairs against max. A name with no values is allowed only
// when namesOnly is set (DeleteAttributes: delete every value of it).
func validAttributes(attrs Attributes, max int, namesOnly bool) error {
	pairs := 0
	for name, values := range attrs {
		if err := validAttrName(name); err != nil {
			return err
		}
		if len(values) == 0 {
			if !namesOnly {
				return goboto.Invalid("Attribute.Value", show(name), "has no values")
			}
			pairs++
		}
		for _, v := range values {
			if err := validAttrValue(v); err != nil {
				return err
			}
		}
		pairs += len(values)
	}
	if pairs > max {
		return goboto.Invalid("Attribute", strconv.Itoa(pairs)+" pairs", "exceed the limit of "+strconv.Itoa(max)+" per item")
	}
	return nil
}

// validListSize checks MaxNumberOfDomains.
func validListSize(n int) error {
	if n < 1 || n > MaxListDomains {
		return goboto.Invalid("MaxNumberOfDomains", strconv.Itoa(n), "out of range 1-100")
	}
	return nil
}

// show renders s for an error message: quoted, so invalid UTF-8 and
// control characters stay visible and harmless in a log line.
func show(s string) string {
	return strconv.Quote(s)
}
