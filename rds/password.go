package rds

import (
	"fmt"
	"log/slog"

	"github.com/goboto/goboto/internal/core"
)

// Password is a master user password. It prints as "[REDACTED]" under
// every fmt verb, in slog and through text encoders, so options holding
// one can be logged without leaking it. string(p) reads it.
type Password string

// Format prints "[REDACTED]", or nothing for an empty password.
func (p Password) Format(f fmt.State, _ rune) {
	if p != "" {
		fmt.Fprint(f, core.Redacted)
	}
}

// String returns "[REDACTED]", or "" when p is empty.
func (p Password) String() string {
	if p == "" {
		return ""
	}
	return core.Redacted
}

// GoString keeps %#v from showing the password too.
func (p Password) GoString() string { return p.String() }

// LogValue keeps slog from writing the password.
func (p Password) LogValue() slog.Value { return slog.StringValue(p.String()) }

// MarshalText keeps encoders (JSON, slog's JSON handler) from writing
// the password.
func (p Password) MarshalText() ([]byte, error) { return []byte(p.String()), nil }
