package s3test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// formatGrantee writes a grantee back in header form.
func formatGrantee(e grantee) string {
	switch e.InType {
	case "CanonicalUser":
		return `id="` + e.ID + `"`
	case "AmazonCustomerByEmail":
		return `emailAddress="` + e.EmailAddress + `"`
	}
	return `uri="` + e.URI + `"`
}

func FuzzHeaderGrants(f *testing.F) {
	f.Add(`id="abc", emailAddress="x@example.com"`)
	f.Add(`uri="http://acs.amazonaws.com/groups/global/AllUsers"`)
	f.Add(`id=abc,id="d,e"`)
	f.Add(`"`)
	f.Fuzz(func(t *testing.T, v string) {
		h := http.Header{}
		h.Set("X-Amz-Grant-Read", v)
		p, err := headerGrants(h)
		if err != nil || strings.ContainsAny(v, "\r\n") {
			return
		}
		// What was read reads back the same once written out again.
		var parts []string
		for _, g := range p.Grants {
			parts = append(parts, formatGrantee(g.Grantee))
		}
		h.Set("X-Amz-Grant-Read", strings.Join(parts, ", "))
		again, err := headerGrants(h)
		if err != nil {
			t.Fatalf("%q read as %q, which does not read again: %v", v, h.Get("X-Amz-Grant-Read"), err)
		}
		if diff := cmp.Diff(p.Grants, again.Grants); diff != "" {
			t.Fatalf("%q: round trip (-first +second):\n%s", v, diff)
		}
	})
}
