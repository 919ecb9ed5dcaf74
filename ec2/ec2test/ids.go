package ec2test

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// newID returns a resource ID in today's long form: prefix, '-', 17
// lower-case hex digits ("i-0123456789abcdef0").
func newID(prefix string) string {
	var b [9]byte
	rand.Read(b[:])
	return prefix + "-" + hex.EncodeToString(b[:])[:17]
}

// validID reports whether id has the shape of an ID with prefix: the short
// (8 hex digits) or long (17 hex digits) form.
func validID(prefix, id string) bool {
	rest, ok := strings.CutPrefix(id, prefix+"-")
	if !ok || (len(rest) != 8 && len(rest) != 17) {
		return false
	}
	for _, c := range rest {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// randomBytes returns n random bytes, for addresses.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

func ec2Error(code, format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: code, Sender: true, Message: fmt.Sprintf(format, args...)}
}

func missing(name string) *fake.Error {
	return ec2Error("MissingParameter", "The request must contain the parameter %s", name)
}

// checkIDs answers code (InvalidInstanceID.Malformed, ...) for the first
// ID that does not have the shape of an ID with prefix.
func checkIDs(code, prefix string, ids ...string) error {
	for _, id := range ids {
		if !validID(prefix, id) {
			return ec2Error(code, "Invalid id: \"%s\"", id)
		}
	}
	return nil
}
