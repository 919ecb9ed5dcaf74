package sdbtest

import (
	"strings"

	"github.com/goboto/goboto/sdb/internal/expr"
)

// itemTest decides whether an item, by name and attributes, matches.
type itemTest func(name string, attrs map[string][]string) bool

// valueTest decides whether one attribute value matches.
type valueTest func(v string) bool

// compile turns a where clause into an itemTest. A nil clause matches
// every item.
//
// SimpleDB tests each value of an attribute on its own: "a = '1' and
// a = '2'" asks for one value that is both, and so matches nothing, while
// "a = '1' intersection a = '2'" asks for an item with both values
// (Developer Guide, "Queries on Attributes with Multiple Values"). The
// fake gets this by grouping, within a chain of and, the parts that test
// only plain values of one attribute, and asking for one value that
// passes every part of the group. Everything else combines per item:
// not is the complement of a set of items, as the guide describes it.
func compile(e expr.Expr) itemTest {
	if e == nil {
		return func(string, map[string][]string) bool { return true }
	}
	switch e := e.(type) {
	case *expr.Comparison:
		return compileComparison(e)
	case *expr.Not:
		x := compile(e.X)
		return func(n string, a map[string][]string) bool { return !x(n, a) }
	case *expr.Binary:
		switch e.Op {
		case expr.Or:
			l, r := compile(e.Left), compile(e.Right)
			return func(n string, a map[string][]string) bool { return l(n, a) || r(n, a) }
		case expr.Intersection:
			l, r := compile(e.Left), compile(e.Right)
			return func(n string, a map[string][]string) bool { return l(n, a) && r(n, a) }
		case expr.And:
			return compileAnd(e)
		}
	}
	return func(string, map[string][]string) bool { return false }
}

func compileComparison(c *expr.Comparison) itemTest {
	switch c.Operand.Kind {
	case expr.ItemName:
		switch c.Op {
		case expr.IsNull:
			return func(string, map[string][]string) bool { return false }
		case expr.IsNotNull:
			return func(string, map[string][]string) bool { return true }
		}
		vt := valueTestOf(c)
		return func(n string, _ map[string][]string) bool { return vt(n) }
	case expr.Every:
		name := c.Operand.Name
		switch c.Op {
		case expr.IsNull:
			return func(_ string, a map[string][]string) bool { return len(a[name]) == 0 }
		case expr.IsNotNull:
			return func(_ string, a map[string][]string) bool { return len(a[name]) > 0 }
		}
		vt := valueTestOf(c)
		return func(_ string, a map[string][]string) bool {
			vs := a[name]
			for _, v := range vs {
				if !vt(v) {
					return false
				}
			}
			return len(vs) > 0
		}
	}
	name := c.Operand.Name
	switch c.Op {
	case expr.IsNull:
		return func(_ string, a map[string][]string) bool { return len(a[name]) == 0 }
	case expr.IsNotNull:
		return func(_ string, a map[string][]string) bool { return len(a[name]) > 0 }
	}
	return anyValue(name, valueTestOf(c))
}

// anyValue matches items with a value of attribute name that passes vt.
func anyValue(name string, vt valueTest) itemTest {
	return func(_ string, a map[string][]string) bool {
		for _, v := range a[name] {
			if vt(v) {
				return true
			}
		}
		return false
	}
}

// valueLevel reports the attribute e tests when e is built only of plain
// value comparisons of that one attribute joined by and and or.
func valueLevel(e expr.Expr) (string, bool) {
	switch e := e.(type) {
	case *expr.Comparison:
		if e.Operand.Kind == expr.Attr && e.Op != expr.IsNull && e.Op != expr.IsNotNull {
			return e.Operand.Name, true
		}
	case *expr.Binary:
		if e.Op == expr.And || e.Op == expr.Or {
			l, ok1 := valueLevel(e.Left)
			r, ok2 := valueLevel(e.Right)
			if ok1 && ok2 && l == r {
				return l, true
			}
		}
	}
	return "", false
}

// compileValue turns a valueLevel expression into a valueTest.
func compileValue(e expr.Expr) valueTest {
	switch e := e.(type) {
	case *expr.Comparison:
		return valueTestOf(e)
	case *expr.Binary:
		l, r := compileValue(e.Left), compileValue(e.Right)
		if e.Op == expr.And {
			return func(v string) bool { return l(v) && r(v) }
		}
		return func(v string) bool { return l(v) || r(v) }
	}
	return func(string) bool { return false }
}

// compileAnd flattens a chain of and, groups its value-level parts by
// attribute and joins the groups and the other parts per item.
func compileAnd(e *expr.Binary) itemTest {
	var parts []expr.Expr
	var flatten func(expr.Expr)
	flatten = func(x expr.Expr) {
		if b, ok := x.(*expr.Binary); ok && b.Op == expr.And {
			// A value-level chain on one attribute is grouped whole below;
			// flattening it first gives the same groups.
			flatten(b.Left)
			flatten(b.Right)
			return
		}
		parts = append(parts, x)
	}
	flatten(e)
	var order []string
	groups := map[string][]valueTest{}
	var tests []itemTest
	for _, p := range parts {
		if name, ok := valueLevel(p); ok {
			if _, seen := groups[name]; !seen {
				order = append(order, name)
			}
			groups[name] = append(groups[name], compileValue(p))
			continue
		}
		tests = append(tests, compile(p))
	}
	for _, name := range order {
		vts := groups[name]
		tests = append(tests, anyValue(name, func(v string) bool {
			for _, vt := range vts {
				if !vt(v) {
					return false
				}
			}
			return true
		}))
	}
	return func(n string, a map[string][]string) bool {
		for _, t := range tests {
			if !t(n, a) {
				return false
			}
		}
		return true
	}
}

// valueTestOf compiles a comparison's operator and values; comparisons
// are lexicographic on the UTF-8 bytes, as SimpleDB's are.
func valueTestOf(c *expr.Comparison) valueTest {
	arg := func(i int) string {
		if i < len(c.Values) {
			return c.Values[i]
		}
		return ""
	}
	x := arg(0)
	switch c.Op {
	case expr.Eq:
		return func(v string) bool { return v == x }
	case expr.Ne:
		return func(v string) bool { return v != x }
	case expr.Lt:
		return func(v string) bool { return v < x }
	case expr.Gt:
		return func(v string) bool { return v > x }
	case expr.Le:
		return func(v string) bool { return v <= x }
	case expr.Ge:
		return func(v string) bool { return v >= x }
	case expr.Between:
		hi := arg(1)
		return func(v string) bool { return v >= x && v <= hi }
	case expr.In:
		set := make(map[string]bool, len(c.Values))
		for _, v := range c.Values {
			set[v] = true
		}
		return func(v string) bool { return set[v] }
	case expr.Like:
		return likeTest(x)
	case expr.NotLike:
		t := likeTest(x)
		return func(v string) bool { return !t(v) }
	}
	return func(string) bool { return false }
}

// likeTest compiles a like pattern: a '%' at the start or the end is a
// wildcard, "\%" (or '\' before any character) is that character, and
// every other character stands for itself.
func likeTest(pat string) valueTest {
	type ch struct {
		c       byte
		escaped bool
	}
	var chars []ch
	for i := 0; i < len(pat); i++ {
		if pat[i] == '\\' && i+1 < len(pat) {
			i++
			chars = append(chars, ch{pat[i], true})
			continue
		}
		chars = append(chars, ch{pat[i], false})
	}
	wild := func(i int) bool { return chars[i].c == '%' && !chars[i].escaped }
	lead := len(chars) > 0 && wild(0)
	if lead {
		chars = chars[1:]
	}
	trail := len(chars) > 0 && wild(len(chars)-1)
	if trail {
		chars = chars[:len(chars)-1]
	}
	var b strings.Builder
	for _, c := range chars {
		b.WriteByte(c.c)
	}
	lit := b.String()
	switch {
	case lead && trail:
		return func(v string) bool { return strings.Contains(v, lit) }
	case lead:
		return func(v string) bool { return strings.HasSuffix(v, lit) }
	case trail:
		return func(v string) bool { return strings.HasPrefix(v, lit) }
	}
	return func(v string) bool { return v == lit }
}
