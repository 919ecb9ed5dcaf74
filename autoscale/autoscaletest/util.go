package autoscaletest

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goboto/goboto/internal/fake"
)

// awsTime is how causes and suspension reasons write a time
// ("2026-12-06T10:00:00Z").
func awsTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// checkName refuses a name AutoScaling refuses: empty, over 255
// characters (the model's XmlStringMaxLen255), or with a colon, which
// AutoScaling keeps for ARNs. member is the request member, for the
// message.
func checkName(member, name string) error {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return errValidation("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must not be null", lowerFirst(member))
	case n > 255:
		return errValidation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to 255", name, lowerFirst(member))
	case strings.Contains(name, ":"):
		return errValidation("%s cannot contain a colon: %s", member, name)
	}
	return nil
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// refuseUnsupported answers errUnsupported when in (a pointer to an input
// struct) sets a member typed any: one the fake does not implement and
// must not silently ignore.
func refuseUnsupported(op string, in any) error {
	v := reflect.ValueOf(in).Elem()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.IsExported() && f.Type.Kind() == reflect.Interface && !v.Field(i).IsNil() {
			return errUnsupported(op + "'s " + f.Name)
		}
	}
	return nil
}

// decodeIn decodes r into in and refuses members the fake does not
// implement.
func decodeIn(r *fake.Request, in any) error {
	if err := decode(r, in); err != nil {
		return err
	}
	return refuseUnsupported(r.Operation, in)
}

// page cuts one page from items, already in their listing order, each
// with a unique key: after the item token names (NextToken), at most
// size items. size 0 means def; past limit it is a ValidationError.
// The token is opaque to clients.
func page[T any](items []T, key func(T) string, token string, size *int32, def, limit int) ([]T, *string, error) {
	n := def
	if size != nil {
		if *size < 1 || int(*size) > limit {
			return nil, nil, errValidation("1 validation error detected: Value '%d' at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and %d", *size, limit)
		}
		n = int(*size)
	}
	start := 0
	if token != "" {
		raw, err := base64.RawURLEncoding.DecodeString(token)
		if err != nil || !strings.HasPrefix(string(raw), "as1:") {
			return nil, nil, errInvalidNextToken()
		}
		after := strings.TrimPrefix(string(raw), "as1:")
		start = -1
		for i, it := range items {
			if key(it) == after {
				start = i + 1
				break
			}
		}
		if start < 0 {
			return nil, nil, errInvalidNextToken()
		}
	}
	end := min(start+n, len(items))
	out := items[start:end]
	if end < len(items) {
		t := base64.RawURLEncoding.EncodeToString([]byte("as1:" + key(items[end-1])))
		return out, &t, nil
	}
	return out, nil, nil
}

// groupARN is a group's ARN, with a UUID as AWS gives it.
func groupARN(account, region, name string) string {
	return fmt.Sprintf("arn:aws:autoscaling:%s:%s:autoScalingGroup:%s:autoScalingGroupName/%s", region, account, newUUID(), name)
}

// newUUID is a random version-4 UUID.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func ptr[T any](v T) *T { return &v }
