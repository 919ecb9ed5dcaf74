package sdb_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sdb"
)

// TestLimitsRefusedBeforeSending runs every client-side check and proves,
// by the recorder's empty call log, that nothing reached the wire.
func TestLimitsRefusedBeforeSending(t *testing.T) {
	ctx := context.Background()
	long := strings.Repeat("x", 1025)
	bad := "bad\xff"
	many := sdb.Attributes{}
	for i := range 257 {
		many.Add("a", strings.Repeat("v", i%7)+string(rune('a'+i%26))+strings.Repeat("w", i/26))
	}
	for _, tc := range []struct {
		name  string
		field string
		call  func(c *sdb.Conn) error
	}{
		{"domain too short", "DomainName", func(c *sdb.Conn) error { _, err := c.CreateDomain(ctx, "ab"); return err }},
		{"domain too long", "DomainName", func(c *sdb.Conn) error { _, err := c.CreateDomain(ctx, strings.Repeat("d", 256)); return err }},
		{"domain bad char", "DomainName", func(c *sdb.Conn) error { return c.DeleteDomain(ctx, "my domain") }},
		{"domain slash", "DomainName", func(c *sdb.Conn) error { return c.Domain("a/b/c").Refresh(ctx) }},
		{"empty item name", "ItemName", func(c *sdb.Conn) error { return c.Domain("dom").Put(ctx, "", sdb.Attributes{"a": {"1"}}) }},
		{"long item name", "ItemName", func(c *sdb.Conn) error { _, err := c.Domain("dom").Get(ctx, long); return err }},
		{"item name not UTF-8", "ItemName", func(c *sdb.Conn) error { return c.Domain("dom").DeleteAttributes(ctx, bad, nil) }},
		{"empty attribute name", "Attribute.Name", func(c *sdb.Conn) error { return c.Domain("dom").Put(ctx, "i", sdb.Attributes{"": {"1"}}) }},
		{"long attribute name", "Attribute.Name", func(c *sdb.Conn) error { return c.Domain("dom").Put(ctx, "i", sdb.Attributes{long: {"1"}}) }},
		{"long value", "Attribute.Value", func(c *sdb.Conn) error { return c.Domain("dom").Put(ctx, "i", sdb.Attributes{"a": {long}}) }},
		{"value not UTF-8", "Attribute.Value", func(c *sdb.Conn) error { return c.Domain("dom").Put(ctx, "i", sdb.Attributes{"a": {bad}}) }},
		{"name without values in put", "Attribute.Value", func(c *sdb.Conn) error { return c.Domain("dom").Put(ctx, "i", sdb.Attributes{"a": nil}) }},
		{"nothing to put", "Attribute", func(c *sdb.Conn) error { return c.Domain("dom").Put(ctx, "i", nil) }},
		{"257 pairs", "Attribute", func(c *sdb.Conn) error { return c.Domain("dom").Put(ctx, "i", many) }},
		{"257 pairs delete", "Attribute", func(c *sdb.Conn) error { return c.Domain("dom").DeleteAttributes(ctx, "i", many) }},
		{"replace unknown name", "Attribute.Replace", func(c *sdb.Conn) error {
			return c.Domain("dom").Put(ctx, "i", sdb.Attributes{"a": {"1"}}, sdb.Replace("b"))
		}},
		{"two conditions", "Expected", func(c *sdb.Conn) error {
			return c.Domain("dom").Put(ctx, "i", sdb.Attributes{"a": {"1"}}, sdb.IfValue("a", "1"), sdb.IfNotExists("b"))
		}},
		{"empty condition name", "Expected.Name", func(c *sdb.Conn) error {
			return c.Domain("dom").DeleteAttributes(ctx, "i", nil, sdb.IfNotExists(""))
		}},
		{"condition value not UTF-8", "Expected.Value", func(c *sdb.Conn) error {
			return c.Domain("dom").DeleteAttributes(ctx, "i", nil, sdb.IfValue("a", bad))
		}},
		{"get name not UTF-8", "Attribute.Name", func(c *sdb.Conn) error { _, err := c.Domain("dom").Get(ctx, "i", sdb.Names("ok", bad)); return err }},
		{"batch condition", "Expected", func(c *sdb.Conn) error {
			return c.Domain("dom").BatchPut(ctx, []sdb.Item{{Name: "i", Attributes: sdb.Attributes{"a": {"1"}}}}, sdb.IfValue("a", "1"))
		}},
		{"batch duplicate", "Items[2].Name", func(c *sdb.Conn) error {
			a := sdb.Attributes{"a": {"1"}}
			return c.Domain("dom").BatchPut(ctx, []sdb.Item{{Name: "i", Attributes: a}, {Name: "j", Attributes: a}, {Name: "i", Attributes: a}})
		}},
		{"batch item without attributes", "Items[1].Attributes", func(c *sdb.Conn) error {
			return c.Domain("dom").BatchPut(ctx, []sdb.Item{{Name: "i", Attributes: sdb.Attributes{"a": {"1"}}}, {Name: "j"}})
		}},
		{"batch bad item late", "Attribute.Value", func(c *sdb.Conn) error {
			items := make([]sdb.Item, 60)
			for i := range items {
				items[i] = sdb.Item{Name: "item" + string(rune('A'+i)), Attributes: sdb.Attributes{"a": {"1"}}}
			}
			items[59].Attributes = sdb.Attributes{"a": {long}}
			return c.Domain("dom").BatchPut(ctx, items)
		}},
		{"batch delete 257 pairs", "Attribute", func(c *sdb.Conn) error {
			return c.Domain("dom").BatchDelete(ctx, []sdb.Item{{Name: "i", Attributes: many}})
		}},
		{"page size -1", "MaxNumberOfDomains", func(c *sdb.Conn) error { return drain(c.Domains(ctx, sdb.PageSize(-1))) }},
		{"domains consistent", "Consistent", func(c *sdb.Conn) error { return drain(c.Domains(ctx, sdb.Consistent())) }},
		{"domains names", "Names", func(c *sdb.Conn) error { return drain(c.Domains(ctx, sdb.Names("a"))) }},
		{"get page size", "PageSize", func(c *sdb.Conn) error { _, err := c.Domain("dom").Get(ctx, "i", sdb.PageSize(5)); return err }},
		{"count page size", "PageSize", func(c *sdb.Conn) error {
			_, err := c.Domain("dom").Count(ctx, sdb.Where(""), sdb.PageSize(5))
			return err
		}},
		{"count names", "Names", func(c *sdb.Conn) error {
			_, err := c.Domain("dom").Count(ctx, sdb.Where(""), sdb.Names("a"))
			return err
		}},
		{"select names", "Names", func(c *sdb.Conn) error { return drain(c.Select(ctx, "select * from dom", sdb.Names("a"))) }},
		{"select page size 2501", "PageSize", func(c *sdb.Conn) error { return drain(c.Select(ctx, "select * from dom", sdb.PageSize(2501))) }},
		{"select page size and limit", "PageSize", func(c *sdb.Conn) error {
			return drain(c.Select(ctx, "select * from dom limit 10", sdb.PageSize(20)))
		}},
		{"domain select page size and limit", "PageSize", func(c *sdb.Conn) error {
			return drain(c.Domain("dom").Select(ctx, sdb.Where("%n > %v limit 10", "a", "1"), sdb.PageSize(20)))
		}},
		{"delete with replace", "Replace", func(c *sdb.Conn) error { return c.Domain("dom").DeleteAttributes(ctx, "i", nil, sdb.Replace()) }},
		{"item delete with replace", "Replace", func(c *sdb.Conn) error { return c.Domain("dom").Item("i").Delete(ctx, sdb.Replace("a")) }},
		{"not-exists condition with a value", "Expected.Value", func(c *sdb.Conn) error {
			return c.Domain("dom").Put(ctx, "i", sdb.Attributes{"a": {"1"}}, sdb.If(sdb.Condition{Name: "b", Value: "x"}))
		}},
		{"page size 101", "MaxNumberOfDomains", func(c *sdb.Conn) error { return drain(c.Domains(ctx, sdb.PageSize(101))) }},
		{"empty select", "SelectExpression", func(c *sdb.Conn) error { return drain(c.Select(ctx, "  ")) }},
		{"select not UTF-8", "SelectExpression", func(c *sdb.Conn) error { return drain(c.Select(ctx, "select * from d where a = '"+bad+"'")) }},
		{"select limit 2501", "SelectExpression", func(c *sdb.Conn) error { return drain(c.Select(ctx, "select * from dom LIMIT 2501")) }},
		{"select limit 0", "SelectExpression", func(c *sdb.Conn) error { return drain(c.Select(ctx, "select * from dom where a > '1' limit 0")) }},
		{"where limit 5000", "SelectExpression", func(c *sdb.Conn) error {
			return drain(c.Domain("dom").Select(ctx, sdb.Where("%n > %v limit 5000", "a", "1")))
		}},
		{"count limit 5000", "SelectExpression", func(c *sdb.Conn) error {
			_, err := c.Domain("dom").Count(ctx, sdb.Where("%n > %v limit 5000", "a", "1"))
			return err
		}},
		{"bad where", "format", func(c *sdb.Conn) error { return drain(c.Domain("dom").Select(ctx, sdb.Where("%n = %q", "a", "b"))) }},
		{"save without domain", "Item.Domain", func(c *sdb.Conn) error { return (&sdb.Item{Name: "i"}).Save(ctx) }},
		{"delete without domain", "Item.Domain", func(c *sdb.Conn) error { return (&sdb.Item{Name: "i"}).Delete(ctx) }},
		{"refresh without domain", "Item.Domain", func(c *sdb.Conn) error { return (&sdb.Item{Name: "i"}).Refresh(ctx) }},
		{"refresh empty item name", "ItemName", func(c *sdb.Conn) error { return c.Domain("dom").Item("").Refresh(ctx) }},
		{"zero conn", "Conn", func(*sdb.Conn) error { return drain(new(sdb.Conn).Domains(ctx)) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder(t, okAll)
			err := tc.call(r.conn("us-east-1"))
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v (%T), want *goboto.ValidationError", err, err)
			}
			if ve.Field != tc.field {
				t.Errorf("Field = %q, want %q (%v)", ve.Field, tc.field, err)
			}
			if calls := r.seen(); len(calls) != 0 {
				t.Errorf("%d requests sent, want none: %v", len(calls), r.actions())
			}
		})
	}
}

// TestLimitsAccepted checks the edges of the limits are allowed: exactly
// at a limit is fine.
func TestLimitsAccepted(t *testing.T) {
	ctx := context.Background()
	max := strings.Repeat("é", 512) // 1024 bytes
	pairs := sdb.Attributes{}
	for i := range 256 {
		pairs.Add("n"+string(rune('a'+i%26)), strings.Repeat("v", i/26)+string(rune('a'+i%26)))
	}
	for _, tc := range []struct {
		name string
		call func(c *sdb.Conn) error
	}{
		{"3 char domain", func(c *sdb.Conn) error { _, err := c.CreateDomain(ctx, "a.b"); return err }},
		{"255 char domain", func(c *sdb.Conn) error { _, err := c.CreateDomain(ctx, strings.Repeat("d", 255)); return err }},
		{"1024 byte names and value", func(c *sdb.Conn) error {
			return c.Domain("dom").Put(ctx, max, sdb.Attributes{max: {max}})
		}},
		{"empty value", func(c *sdb.Conn) error { return c.Domain("dom").Put(ctx, "i", sdb.Attributes{"a": {""}}) }},
		{"control characters", func(c *sdb.Conn) error { return c.Domain("dom").Put(ctx, "i\x01", sdb.Attributes{"a\x00": {"\x02"}}) }},
		{"256 pairs", func(c *sdb.Conn) error { return c.Domain("dom").Put(ctx, "i", pairs) }},
		{"page size 1", func(c *sdb.Conn) error { return drain(c.Domains(ctx, sdb.PageSize(1))) }},
		{"page size 100", func(c *sdb.Conn) error { return drain(c.Domains(ctx, sdb.PageSize(100))) }},
		{"limit 2500", func(c *sdb.Conn) error { return drain(c.Select(ctx, "select * from dom limit 2500")) }},
		{"limit in a value", func(c *sdb.Conn) error { return drain(c.Select(ctx, "select * from dom where a = 'limit 9999'")) }},
		{"limit as a name", func(c *sdb.Conn) error { return drain(c.Select(ctx, "select * from dom where `limit` = '9999'")) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder(t, func(_ int, c call) (int, string) {
				if c.Action == "ListDomains" {
					return 200, ok("ListDomains", "")
				}
				return 200, ok(c.Action, "")
			})
			if err := tc.call(r.conn("us-east-1")); err != nil {
				t.Fatal(err)
			}
			if len(r.seen()) != 1 {
				t.Errorf("calls = %v, want one", r.actions())
			}
		})
	}
}

// drain runs an iterator to its end and returns its error.
func drain[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}
