package s3

import (
	"net/netip"
	"strings"
	"unicode/utf8"

	"github.com/goboto/goboto"
)

// Limits S3 sets on names and batches.
const (
	minBucketName = 3
	maxBucketName = 63
	maxKeyName    = 1024 // bytes of UTF-8
	maxDeleteKeys = 1000 // keys per DeleteObjects call
)

// reserved bucket name prefixes and suffixes S3 refuses (general purpose
// bucket naming rules).
var (
	badBucketPrefixes = [...]string{"xn--", "sthree-", "amzn-s3-demo-"}
	badBucketSuffixes = [...]string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// validBucketName refuses a name S3's general purpose bucket naming rules
// forbid, so that S3 is never asked (InvalidBucketName).
func validBucketName(name string) error {
	if name == "" {
		return goboto.Invalid("Bucket", "", "is required")
	}
	if len(name) < minBucketName || len(name) > maxBucketName {
		return goboto.Invalid("Bucket", name, "must be 3-63 characters long")
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return goboto.Invalid("Bucket", name, "may contain only lower-case letters, digits, '.' and '-'")
		}
	}
	if !alnum(name[0]) || !alnum(name[len(name)-1]) {
		return goboto.Invalid("Bucket", name, "must begin and end with a letter or digit")
	}
	if strings.Contains(name, "..") {
		return goboto.Invalid("Bucket", name, "must not contain two adjacent periods")
	}
	if _, err := netip.ParseAddr(name); err == nil {
		return goboto.Invalid("Bucket", name, "must not be formatted as an IP address")
	}
	for _, p := range badBucketPrefixes {
		if strings.HasPrefix(name, p) {
			return goboto.Invalid("Bucket", name, "must not start with the reserved prefix "+p)
		}
	}
	for _, s := range badBucketSuffixes {
		if strings.HasSuffix(name, s) {
			return goboto.Invalid("Bucket", name, "must not end with the reserved suffix "+s)
		}
	}
	return nil
}

func alnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// validKeyName refuses an empty key, one longer than 1024 bytes, or one
// that is not valid UTF-8.
func validKeyName(field, name string) error {
	switch {
	case name == "":
		return goboto.Invalid(field, "", "is required")
	case len(name) > maxKeyName:
		return goboto.Invalid(field, name[:32]+"...", "must be at most 1024 bytes of UTF-8")
	case !utf8.ValidString(name):
		return goboto.Invalid(field, name, "must be valid UTF-8")
	}
	return nil
}
