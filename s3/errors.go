package s3

import (
	"errors"
	"strconv"
	"strings"

	"github.com/goboto/goboto"
)

// hasCode reports whether err is an API error with code or, codeless, the
// HTTP status.
func hasCode(err error, code string, status int) bool {
	var ae *goboto.APIError
	if !errors.As(err, &ae) {
		return false
	}
	return ae.Code == code || ae.Code == "" && ae.StatusCode == status
}

// DeleteError reports the keys a DeleteKeys call could not delete. Every
// key passed to DeleteKeys that is not in Failed was deleted (or did not
// exist, which S3 counts as deleted).
type DeleteError struct {
	Bucket string
	Failed []KeyError

	calls []error // errors of whole DeleteObjects calls, for Unwrap
}

// KeyError is why one key could not be deleted.
type KeyError struct {
	Key string
	// Code and Message are S3's per-key answer (AccessDenied, ...), or
	// the error of the whole DeleteObjects call that carried the key.
	Code    string
	Message string
	// Err is the error of the whole call when the call itself failed.
	Err error
}

func (e *DeleteError) Error() string {
	var b strings.Builder
	b.WriteString("s3: DeleteKeys in ")
	b.WriteString(e.Bucket)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(len(e.Failed)))
	b.WriteString(" key(s) not deleted")
	if len(e.Failed) > 0 {
		f := e.Failed[0]
		b.WriteString(", first ")
		b.WriteString(strconv.Quote(f.Key))
		b.WriteString(": ")
		if f.Err != nil {
			b.WriteString(f.Err.Error())
		} else {
			b.WriteString(f.Code)
			if f.Message != "" {
				b.WriteString(": " + f.Message)
			}
		}
	}
	return b.String()
}

// Keys returns the names of the keys that were not deleted.
func (e *DeleteError) Keys() []string {
	out := make([]string, len(e.Failed))
	for i, f := range e.Failed {
		out[i] = f.Key
	}
	return out
}

// Unwrap returns the errors of whole DeleteObjects calls that failed, so
// that errors.Is(err, context.Canceled) and errors.As to *goboto.APIError
// work.
func (e *DeleteError) Unwrap() []error { return e.calls }
