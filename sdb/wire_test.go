package sdb_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/sdb"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestWireGolden checks the form each method sends against golden files
// in testdata (signing parameters removed). Run with -update to rewrite
// them after a deliberate change, then review the diff.
func TestWireGolden(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		golden string
		call   func(c *sdb.Conn) error
	}{
		{"put_replace_some_if_value", func(c *sdb.Conn) error {
			return c.Domain("MyDomain").Put(ctx, "JumboFez", sdb.Attributes{
				"state":         {"fuzzy"},
				"VersionNumber": {"31"},
				"color":         {"red", "blue"},
			}, sdb.Replace("state", "VersionNumber"), sdb.IfValue("VersionNumber", "30"))
		}},
		{"put_replace_all_if_not_exists", func(c *sdb.Conn) error {
			return c.Domain("MyDomain").Put(ctx, "PetiteFez", sdb.Attributes{
				"quantity": {"144"}, "tags": {"a", "b"},
			}, sdb.Replace(), sdb.IfNotExists("quantity"))
		}},
		{"put_add_if_value_escaped", func(c *sdb.Conn) error {
			return c.Domain("MyDomain").Put(ctx, "item 1", sdb.Attributes{"note": {"it's \"quoted\" & más"}}, sdb.IfValue("owner", "bob's"))
		}},
		{"delete_attributes", func(c *sdb.Conn) error {
			return c.Domain("MyDomain").DeleteAttributes(ctx, "JumboFez", sdb.Attributes{
				"color": {"red"}, "size": nil,
			}, sdb.IfValue("quantity", "0"))
		}},
		{"delete_item", func(c *sdb.Conn) error {
			return c.Domain("MyDomain").DeleteAttributes(ctx, "JumboFez", nil)
		}},
		{"batch_put_numbering", func(c *sdb.Conn) error {
			return c.Domain("MyDomain").BatchPut(ctx, []sdb.Item{
				{Name: "a", Attributes: sdb.Attributes{"x": {"1", "2"}, "y": {"3"}}},
				{Name: "b", Attributes: sdb.Attributes{"x": {"4"}}},
				{Name: "c", Attributes: sdb.Attributes{"z": {""}}},
			}, sdb.Replace("x"))
		}},
		{"batch_delete_numbering", func(c *sdb.Conn) error {
			return c.Domain("MyDomain").BatchDelete(ctx, []sdb.Item{
				{Name: "a"},
				{Name: "b", Attributes: sdb.Attributes{"x": nil, "y": {"1"}}},
			})
		}},
		{"create_domain", func(c *sdb.Conn) error {
			_, err := c.CreateDomain(ctx, "My.Domain-1")
			return err
		}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			r := newRecorder(t, okAll)
			if err := tc.call(r.conn("us-east-1")); err != nil {
				t.Fatal(err)
			}
			calls := r.seen()
			if len(calls) != 1 {
				t.Fatalf("calls = %d, want 1", len(calls))
			}
			checkGolden(t, tc.golden, formText(calls[0].Form))
		})
	}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".form")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}
