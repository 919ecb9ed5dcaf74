package sdbtest

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// requestIDs matches the random request IDs, which the golden files hold
// as a fixed placeholder.
var requestIDs = regexp.MustCompile(`<(RequestId|RequestID)>[0-9a-f-]{36}</`)

// TestGolden compares whole answers with testdata/*.xml, byte for byte,
// so any change to SimpleDB's wire shapes shows up in review.
func TestGolden(t *testing.T) {
	srv := Start(t)
	c := newClient(t, srv)
	c.must("CreateDomain", "DomainName", "golden")
	c.must("PutAttributes", "DomainName", "golden", "ItemName", "item1",
		"Attribute.1.Name", "color", "Attribute.1.Value", "blue",
		"Attribute.2.Name", "color", "Attribute.2.Value", "red",
		"Attribute.3.Name", "note", "Attribute.3.Value", `<a & "b">`,
		"Attribute.4.Name", "raw\x00name", "Attribute.4.Value", "bell\x07")
	c.must("PutAttributes", "DomainName", "golden", "ItemName", "item2",
		"Attribute.1.Name", "color", "Attribute.1.Value", "green")
	tests := []struct {
		file   string
		action string
		kv     []string
	}{
		{"getattributes.xml", "GetAttributes", []string{"DomainName", "golden", "ItemName", "item1"}},
		{"getattributes-empty.xml", "GetAttributes", []string{"DomainName", "golden", "ItemName", "nothing"}},
		{"select.xml", "Select", []string{"SelectExpression", "select * from golden where color != 'x' limit 1"}},
		{"select-count.xml", "Select", []string{"SelectExpression", "select count(*) from golden"}},
		{"listdomains.xml", "ListDomains", nil},
		{"putattributes.xml", "PutAttributes", []string{"DomainName", "golden", "ItemName", "item2", "Attribute.1.Name", "size", "Attribute.1.Value", "L"}},
		{"error-nosuchdomain.xml", "GetAttributes", []string{"DomainName", "nothere", "ItemName", "i"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := c.call(tt.action, tt.kv...)
			got := requestIDs.ReplaceAll(r.body, []byte("<$1>00000000-0000-4000-8000-000000000000</"))
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}
