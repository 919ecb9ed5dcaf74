package s3test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// FuzzPostPolicy feeds arbitrary policy documents to the POST policy
// checks: they must never panic, must refuse with a 400 or 403 S3 error,
// and an accepted policy's exact conditions must hold for the form.
func FuzzPostPolicy(f *testing.F) {
	f.Add(`{"expiration":"2099-01-01T00:00:00.000Z","conditions":[{"bucket":"b"},["starts-with","$key","a/"],["content-length-range",1,10]]}`, "a/x", 5)
	f.Add(`{"expiration":"2000-01-01T00:00:00Z","conditions":[]}`, "k", 0)
	f.Add(`{"expiration":"2099-01-01T00:00:00Z","conditions":[["eq","$key"],{"key":1},[1,2,3]]}`, "k", 1)
	f.Add(`{"expiration":"2099-01-01T00:00:00Z","conditions":[{"Key":"k","x-amz-meta-a":"v"}]}`, "k", 1)
	f.Add(`not json`, "", -1)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, doc, key string, size int) {
		form := map[string]string{"key": key, "policy": "p", "x-amz-signature": "s"}
		conds, err := checkPolicy(base64.StdEncoding.EncodeToString([]byte(doc)), now)
		if err == nil {
			err = matchConditions(conds, form, "b", int64(size))
		}
		if err != nil {
			var fe *fake.Error
			if !errors.As(err, &fe) || fe.Status != 400 && fe.Status != 403 {
				t.Fatalf("error %v, want a 400 or 403 *fake.Error", err)
			}
			return
		}
		// Accepted: the form's only field that needs covering, key, was.
		if !strings.Contains(strings.ToLower(doc), `$key`) && !strings.Contains(strings.ToLower(doc), `"key"`) {
			t.Errorf("policy %s accepted a form whose key it does not mention", doc)
		}
	})
}

func TestMatchConditions(t *testing.T) {
	form := map[string]string{"key": "in/a", "content-type": "image/png", "x-ignore-me": "1"}
	tests := []struct {
		name  string
		conds string
		size  int64
		code  string // "" accepted
	}{
		{"all hold", `[{"bucket":"b"},["starts-with","$key","in/"],["starts-with","$Content-Type","image/"],["content-length-range",0,5]]`, 5, ""},
		{"condition names are case-insensitive", `[{"KEY":"in/a"},["eq","$content-TYPE","image/png"]]`, 0, ""},
		{"content type not covered", `[{"key":"in/a"}]`, 0, "AccessDenied"},
		{"bucket", `[{"bucket":"c"},{"key":"in/a"},["starts-with","$Content-Type",""]]`, 0, "AccessDenied"},
		{"too big", `[{"key":"in/a"},["starts-with","$Content-Type",""],["content-length-range",0,4]]`, 5, "EntityTooLarge"},
		{"too small", `[{"key":"in/a"},["starts-with","$Content-Type",""],["content-length-range",6,9]]`, 5, "EntityTooSmall"},
		{"unknown operator", `[["ends-with","$key","a"]]`, 0, "InvalidPolicyDocument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := `{"expiration":"2099-01-01T00:00:00.000Z","conditions":` + tt.conds + `}`
			conds, err := checkPolicy(base64.StdEncoding.EncodeToString([]byte(doc)), time.Now())
			if err == nil {
				err = matchConditions(conds, form, "b", tt.size)
			}
			code := ""
			var fe *fake.Error
			if errors.As(err, &fe) {
				code = fe.Code
			} else if err != nil {
				code = err.Error()
			}
			if code != tt.code {
				t.Errorf("got %q (%v), want %q", code, err, tt.code)
			}
		})
	}
}
