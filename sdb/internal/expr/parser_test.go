package expr

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func attr(name string) Operand { return Operand{Kind: Attr, Name: name} }

func cmpv(o Operand, op CmpOp, vs ...string) *Comparison {
	return &Comparison{Operand: o, Op: op, Values: vs}
}

func and(l, r Expr) Expr   { return &Binary{Op: And, Left: l, Right: r} }
func or(l, r Expr) Expr    { return &Binary{Op: Or, Left: l, Right: r} }
func inter(l, r Expr) Expr { return &Binary{Op: Intersection, Left: l, Right: r} }

func TestParse(t *testing.T) {
	a1 := cmpv(attr("a"), Eq, "1")
	b2 := cmpv(attr("b"), Eq, "2")
	c3 := cmpv(attr("c"), Eq, "3")
	tests := []struct {
		in   string
		want *Select
	}{
		{"select * from d", &Select{Output: Output{Kind: All}, Domain: "d"}},
		{"SELECT ItemName() FROM `my-domain`", &Select{Output: Output{Kind: ItemNames}, Domain: "my-domain"}},
		{"select count( * ) from d", &Select{Output: Output{Kind: Count}, Domain: "d"}},
		{"select a, `b c`, $x_1 from d", &Select{Output: Output{Kind: Attributes, Attributes: []string{"a", "b c", "$x_1"}}, Domain: "d"}},
		{"select `select`, `a``b` from `d``x`", &Select{Output: Output{Kind: Attributes, Attributes: []string{"select", "a`b"}}, Domain: "d`x"}},
		{"select * from d where a = '1'", &Select{Domain: "d", Where: a1}},
		{`select * from d where a = "it""s" and b != 'it''s'`, &Select{Domain: "d", Where: and(cmpv(attr("a"), Eq, `it"s`), cmpv(attr("b"), Ne, "it's"))}},
		{"select * from d where a<'1' or a>'2' or a<='3' or a>='4'", &Select{Domain: "d", Where: or(or(or(
			cmpv(attr("a"), Lt, "1"), cmpv(attr("a"), Gt, "2")), cmpv(attr("a"), Le, "3")), cmpv(attr("a"), Ge, "4"))}},
		{"select * from d where a like 'x%' and a not like '%y'", &Select{Domain: "d", Where: and(cmpv(attr("a"), Like, "x%"), cmpv(attr("a"), NotLike, "%y"))}},
		{"select * from d where a between '1' and '5' and b = '2'", &Select{Domain: "d", Where: and(cmpv(attr("a"), Between, "1", "5"), b2)}},
		{"select * from d where a in ('1','2', \"3\")", &Select{Domain: "d", Where: cmpv(attr("a"), In, "1", "2", "3")}},
		{"select * from d where a is null or b IS NOT NULL", &Select{Domain: "d", Where: or(cmpv(attr("a"), IsNull), cmpv(attr("b"), IsNotNull))}},
		{"select * from d where every(k) = 'x'", &Select{Domain: "d", Where: cmpv(Operand{Kind: Every, Name: "k"}, Eq, "x")}},
		{"select * from d where itemName() in ('i1') ", &Select{Domain: "d", Where: cmpv(Operand{Kind: ItemName}, In, "i1")}},
		// Precedence: not > and > or > intersection.
		{"select * from d where a = '1' or b = '2' and c = '3'", &Select{Domain: "d", Where: or(a1, and(b2, c3))}},
		{"select * from d where a = '1' and b = '2' intersection c = '3'", &Select{Domain: "d", Where: inter(and(a1, b2), c3)}},
		{"select * from d where a = '1' intersection b = '2' or c = '3'", &Select{Domain: "d", Where: inter(a1, or(b2, c3))}},
		{"select * from d where not a = '1' and b = '2'", &Select{Domain: "d", Where: and(&Not{X: a1}, b2)}},
		{"select * from d where not (a = '1' and b = '2')", &Select{Domain: "d", Where: &Not{X: and(a1, b2)}}},
		{"select * from d where a = '1' and (b = '2' or c = '3')", &Select{Domain: "d", Where: and(a1, or(b2, c3))}},
		{"select * from d where ((a = '1'))", &Select{Domain: "d", Where: a1}},
		{"select * from d where a = '1' order by a", &Select{Domain: "d", Where: a1, OrderBy: &OrderBy{Operand: attr("a")}}},
		{"select * from d where a = '1' order by a ASC limit 10", &Select{Domain: "d", Where: a1, OrderBy: &OrderBy{Operand: attr("a")}, Limit: 10}},
		{"select * from d order by itemName() desc limit 2500", &Select{Domain: "d", OrderBy: &OrderBy{Operand: Operand{Kind: ItemName}, Desc: true}, Limit: 2500}},
		{"select * from d limit 007", &Select{Domain: "d", Limit: 7}},
		{"select `count` from `itemName`", &Select{Output: Output{Kind: Attributes, Attributes: []string{"count"}}, Domain: "itemName"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in      string
		pos     int
		msgPart string
	}{
		{"", 0, `expected "select"`},
		{"select", 6, "expected an attribute name"},
		{"select * d", 9, `expected "from"`},
		{"select * from", 13, "expected a domain name"},
		{"select * from where", 14, "reserved word"},
		{"select * from d where", 21, "expected an attribute name"},
		{"select * from d where a", 23, "expected a comparison operator"},
		{"select * from d where a = 1", 26, "expected a quoted value"},
		{"select * from d where a = '1' limit 1x", 36, "a name must not start with a digit"},
		{"select count from d", 7, "reserved word"},
		{"select * from d where a = b", 26, "expected a quoted value"},
		{"select * from d where a = 'x", 26, "unterminated value"},
		{"select * from d where `a = 'x'", 22, "unterminated name"},
		{"select * from d where `` = 'x'", 22, "must not be empty"},
		{"select * from d where a ! 'x'", 24, `"!" must be followed by "="`},
		{"select * from d where a == 'x'", 25, "expected a quoted value"},
		{"select * from d where a between 'x'", 35, `expected "and"`},
		{"select * from d where a in ()", 28, "expected a quoted value"},
		{"select * from d where a is 'x'", 27, `expected "null"`},
		{"select * from d where a not 'x'", 28, `expected "like"`},
		{"select * from d where (a = 'x'", 30, `expected ")"`},
		{"select * from d where every(itemName()) = 'x'", 28, "reserved word"},
		{"select * from d where every('x') = 'x'", 28, "expected an attribute name"},
		{"select * from d where select = 'x'", 22, "reserved word"},
		{"select * from d limit 0", 22, "limit must be between 1 and 2500"},
		{"select * from d limit 2501", 22, "limit must be between 1 and 2500"},
		{"select * from d limit 99999999999999999999", 22, "limit must be between 1 and 2500"},
		{"select * from d limit", 21, "expected a number"},
		{"select * from d order a", 22, `expected "by"`},
		{"select * from d order by every(a)", 25, "reserved word"},
		{"select * from d where a = 'x' limit 5 order by a", 38, "expected end of expression"},
		{"select * from d where a = 'x' #", 30, "unexpected character"},
		{"select count(a) from d", 13, `expected "*"`},
		{"select a, from d", 10, "reserved word"},
		{"select * from d where " + strings.Repeat("(", maxDepth+1) + "a = 'x'" + strings.Repeat(")", maxDepth+1), 22 + maxDepth, "nested too deeply"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse = %v, %v; want *SyntaxError", got, err)
			}
			if se.Pos != tt.pos || !strings.Contains(se.Msg, tt.msgPart) {
				t.Errorf("error = {%d %q}; want position %d and a message containing %q", se.Pos, se.Msg, tt.pos, tt.msgPart)
			}
		})
	}
}

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT * FROM d", "select * from d"},
		{"select ITEMNAME() from `my.domain`", "select itemName() from `my.domain`"},
		{"select COUNT(*) from d LIMIT 5", "select count(*) from d limit 5"},
		{"select a,`b c`,`count` from d", "select a, `b c`, `count` from d"},
		{`select * from d where a = "x'y""z"`, `select * from d where a = 'x''y"z'`},
		{"select * from d where (a = '1' or b = '2') and c = '3'", "select * from d where (a = '1' or b = '2') and c = '3'"},
		{"select * from d where a = '1' or (b = '2' or c = '3')", "select * from d where a = '1' or (b = '2' or c = '3')"},
		{"select * from d where (a = '1' or b = '2') or c = '3'", "select * from d where a = '1' or b = '2' or c = '3'"},
		{"select * from d where (a = '1' intersection b = '2') and c = '3'", "select * from d where (a = '1' intersection b = '2') and c = '3'"},
		{"select * from d where not (not a = '1')", "select * from d where not not a = '1'"},
		{"select * from d where not (a = '1' and b = '2')", "select * from d where not (a = '1' and b = '2')"},
		{"select * from d where a between 'x' and 'y' and every(b) in ('1','2')", "select * from d where a between 'x' and 'y' and every(b) in ('1', '2')"},
		{"select * from d where a is not null order by a asc", "select * from d where a is not null order by a"},
		{"select * from d where itemName() > 'x' order by itemName() DESC limit 1", "select * from d where itemName() > 'x' order by itemName() desc limit 1"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(tt.want, s.String()); diff != "" {
				t.Errorf("String (-want +got):\n%s", diff)
			}
		})
	}
}

func TestQuote(t *testing.T) {
	names := []struct{ in, want string }{
		{"a", "a"},
		{"_a$9", "_a$9"},
		{"9a", "`9a`"},
		{"", "``"},
		{"a-b", "`a-b`"},
		{"a`b", "`a``b`"},
		{"Select", "`Select`"},
		{"ITEMNAME", "`ITEMNAME`"},
		{"count", "`count`"},
		{"héllo", "`héllo`"},
	}
	for _, tt := range names {
		if got := QuoteName(tt.in); got != tt.want {
			t.Errorf("QuoteName(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	values := []struct{ in, want string }{
		{"", "''"},
		{"x", "'x'"},
		{"it's", "'it''s'"},
		{`"`, `'"'`},
		{"''", "''''''"},
	}
	for _, tt := range values {
		if got := QuoteValue(tt.in); got != tt.want {
			t.Errorf("QuoteValue(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestQuoteRoundTrip checks that quoted names and values read back as
// themselves, whatever bytes they hold.
func TestQuoteRoundTrip(t *testing.T) {
	for _, s := range []string{"a", "it's", "`", "``x``", "select", "\x00\xff", "a b\nc", "'\"`", "%_\\"} {
		q := "select " + QuoteName(s) + " from " + QuoteName(s) + " where " + QuoteName(s) + " = " + QuoteValue(s)
		got, err := Parse(q)
		if err != nil {
			t.Fatalf("Parse(%q): %v", q, err)
		}
		want := &Select{Output: Output{Kind: Attributes, Attributes: []string{s}}, Domain: s, Where: cmpv(attr(s), Eq, s)}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("round trip of %q (-want +got):\n%s", s, diff)
		}
	}
}

func TestComparisons(t *testing.T) {
	s, err := Parse("select * from d where a = '1' and not (b = '2' or every(c) > '3') intersection itemName() < 'x'")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range Comparisons(s.Where) {
		got = append(got, c.String())
	}
	want := []string{"a = '1'", "b = '2'", "every(c) > '3'", "itemName() < 'x'"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Comparisons (-want +got):\n%s", diff)
	}
}
