package sdb_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sdb"
	"github.com/goboto/goboto/sdb/internal/expr"
)

type myInt int

func TestSelectf(t *testing.T) {
	dom := sdb.New(aws.Config{}).Domain("my-domain")
	for _, tc := range []struct {
		name   string
		format string
		args   []any
		want   string
	}{
		{"plain", "select * from %n where %n = %v", []any{"books", "Title", "Dune"},
			"select * from books where Title = 'Dune'"},
		{"domain handle", "select * from %n", []any{dom}, "select * from `my-domain`"},
		{"single quote doubled", "select * from d where a = %v", []any{"it's"}, "select * from d where a = 'it''s'"},
		{"double quote left alone", "select * from d where a = %v", []any{`say "hi"`}, `select * from d where a = 'say "hi"'`},
		{"injection stays a value", "select * from d where a = %v", []any{"x' or b != '"}, "select * from d where a = 'x'' or b != '''"},
		{"backquote in name doubled", "select * from d where %n = %v", []any{"abc`123", "1"}, "select * from d where `abc``123` = '1'"},
		{"reserved name quoted", "select %n from d where %n is null", []any{"order", "Limit"}, "select `order` from d where `Limit` is null"},
		{"function names quoted", "select * from d where %n = %v and %n = %v", []any{"itemName", "a", "COUNT", "b"},
			"select * from d where `itemName` = 'a' and `COUNT` = 'b'"},
		{"name with parens", "select * from d where %n = %v", []any{"itemName()", "a"}, "select * from d where `itemName()` = 'a'"},
		{"dash and dot", "select * from %n where %n > %v", []any{"a.b-c", "timestamp-1", "1194393600"},
			"select * from `a.b-c` where `timestamp-1` > '1194393600'"},
		{"leading digit", "select * from d where %n = %v", []any{"1st", "x"}, "select * from d where `1st` = 'x'"},
		{"dollar and underscore", "select * from d where %n = %v", []any{"$_a1", "x"}, "select * from d where $_a1 = 'x'"},
		{"unicode", "select * from d where %n = %v", []any{"café", "naïve"}, "select * from d where `café` = 'naïve'"},
		{"empty value", "select * from d where a = %v", []any{""}, "select * from d where a = ''"},
		{"integers", "select * from d where a > %v and b < %v and c = %v", []any{42, uint8(7), myInt(-3)},
			"select * from d where a > '42' and b < '7' and c = '-3'"},
		{"percent", "select * from d where a like %v", []any{"50%"}, "select * from d where a like '50%'"},
		{"literal percent", "select * from d where a like '100%%'", nil, "select * from d where a like '100%'"},
		{"no verbs", "select * from d", nil, "select * from d"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sdb.Selectf(tc.format, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if _, err := expr.Parse(got); err != nil {
				t.Errorf("Parse(%q): %v", got, err)
			}
		})
	}
}

func TestSelectfErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		format string
		args   []any
		field  string
	}{
		{"unknown verb", "select * from %s", []any{"d"}, "format"},
		{"lone percent", "select * from d where a like 'x%", nil, "format"},
		{"too few", "select * from %n where %n = %v", []any{"d", "a"}, "args"},
		{"too many", "select * from %n", []any{"d", "extra"}, "args"},
		{"no args for verb", "select * from %n", nil, "args"},
		{"empty name", "select * from %n", []any{""}, "args[0]"},
		{"name not a string", "select * from %n", []any{42}, "args[0]"},
		{"nil domain", "select * from %n", []any{(*sdb.Domain)(nil)}, "args[0]"},
		{"value a float", "select * from d where a = %v", []any{1.5}, "args[0]"},
		{"value a slice", "select * from d where a = %v", []any{[]string{"x"}}, "args[0]"},
		{"value nil", "select * from d where a = %v", []any{nil}, "args[0]"},
		{"value not UTF-8", "select * from d where a = %v", []any{"\xff"}, "args[0]"},
		{"name not UTF-8", "select * from d where %n = 'x'", []any{"a\xc3"}, "args[0]"},
		{"long value", "select * from d where %n = %v", []any{"a", strings.Repeat("v", 1025)}, "args[1]"},
		{"long name", "select * from d where %n = 'x'", []any{strings.Repeat("n", 1025)}, "args[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sdb.Selectf(tc.format, tc.args...)
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Selectf = %q, %v; want a *goboto.ValidationError", got, err)
			}
			if ve.Field != tc.field {
				t.Errorf("Field = %q, want %q (%v)", ve.Field, tc.field, err)
			}
			if got != "" {
				t.Errorf("Selectf returned %q with its error", got)
			}
			if w := sdb.Where(tc.format, tc.args...); w.String() != "" {
				t.Errorf("Where kept text %q despite the error", w.String())
			}
		})
	}
}

// FuzzSelectf feeds arbitrary names and values through Selectf and parses
// the result with the select-language parser the SimpleDB fake uses. The
// parse must give exactly the intended structure, with each name and
// value unchanged: no input can add a clause, a comparison or a quote.
func FuzzSelectf(f *testing.F) {
	for _, seed := range [][4]string{
		{"books", "Title", "Dune", "Year"},
		{"my-domain", "it's", "x' or '1' = '1", "`drop`"},
		{"order", "limit", "\" or \"\"=\"", "every"},
		{"a`b", "itemName()", "'; select * from other", "c"},
		{"d", "é", "", "$x"},
		{"1d", "a b", "%n %v %%", "where"},
	} {
		f.Add(seed[0], seed[1], seed[2], seed[3])
	}
	f.Fuzz(func(t *testing.T, domain, attr, value, attr2 string) {
		const format = "select * from %n where %n = %v and %n > %v order by %n desc limit 10"
		got, err := sdb.Selectf(format, domain, attr, value, attr2, value, attr2)
		valid := func(s string, emptyOK bool) bool {
			return (emptyOK || s != "") && utf8.ValidString(s) && len(s) <= 1024
		}
		if !valid(domain, false) || !valid(attr, false) || !valid(attr2, false) || !valid(value, true) {
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("invalid input gave %q, %v; want a *goboto.ValidationError", got, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Selectf(%q, %q, %q, %q): %v", domain, attr, value, attr2, err)
		}
		parsed, err := expr.Parse(got)
		if err != nil {
			t.Fatalf("Selectf built %q, which does not parse: %v", got, err)
		}
		want := &expr.Select{
			Output: expr.Output{Kind: expr.All},
			Domain: domain,
			Where: &expr.Binary{Op: expr.And,
				Left:  &expr.Comparison{Operand: expr.Operand{Kind: expr.Attr, Name: attr}, Op: expr.Eq, Values: []string{value}},
				Right: &expr.Comparison{Operand: expr.Operand{Kind: expr.Attr, Name: attr2}, Op: expr.Gt, Values: []string{value}},
			},
			OrderBy: &expr.OrderBy{Operand: expr.Operand{Kind: expr.Attr, Name: attr2}, Desc: true},
			Limit:   10,
		}
		if diff := cmp.Diff(want, parsed); diff != "" {
			t.Fatalf("Selectf built %q, which parses to another query (-want +got):\n%s", got, diff)
		}
	})
}

// FuzzQuote checks QuoteName and QuoteValue on their own, in an output
// list and an in clause, where Selectf's fixed format does not put them.
func FuzzQuote(f *testing.F) {
	f.Add("a", "b")
	f.Add("`", "'")
	f.Add("select", "\"")
	f.Fuzz(func(t *testing.T, name, value string) {
		if name == "" {
			return
		}
		q := "select " + sdb.QuoteName(name) + " from d where " + sdb.QuoteName(name) + " in (" +
			sdb.QuoteValue(value) + ", " + sdb.QuoteValue(value+"'") + ")"
		parsed, err := expr.Parse(q)
		if err != nil {
			t.Fatalf("%q does not parse: %v", q, err)
		}
		want := &expr.Select{
			Output: expr.Output{Kind: expr.Attributes, Attributes: []string{name}},
			Domain: "d",
			Where: &expr.Comparison{Operand: expr.Operand{Kind: expr.Attr, Name: name}, Op: expr.In,
				Values: []string{value, value + "'"}},
		}
		if diff := cmp.Diff(want, parsed); diff != "" {
			t.Fatalf("%q parses to another query (-want +got):\n%s", q, diff)
		}
	})
}
