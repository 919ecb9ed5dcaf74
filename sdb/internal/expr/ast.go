// Package expr reads SimpleDB's select language into a syntax tree:
//
//	select output_list from domain_name [where expression] [order by key [asc|desc]] [limit n]
//
// It is shared by the SimpleDB fake, which evaluates the tree, and by the
// sdb client's tests, which check that the client's expression builder only
// ever writes what SimpleDB reads back as intended.
//
// The grammar follows the SimpleDB Developer Guide ("Using Select",
// "Select Quoting Rules"). Keywords are case-insensitive. Names are bare
// when they match [A-Za-z_$][A-Za-z0-9_$]* and are not reserved, otherwise
// back-quoted with any backquote doubled. Values are between single or
// double quotes, the quote character doubled inside. The guide leaves the
// precedence of the boolean operators open; this package binds, from
// tightest to loosest: not, and, or, intersection. Parentheses group as
// usual and leave no trace in the tree, which String restores as needed.
package expr

import (
	"strconv"
	"strings"
)

// Select is a parsed select expression.
type Select struct {
	Output  Output
	Domain  string
	Where   Expr     // nil without a where clause
	OrderBy *OrderBy // nil without an order by clause
	Limit   int      // 0 without a limit clause; otherwise 1..MaxLimit
}

// MaxLimit is the largest limit SimpleDB takes.
const MaxLimit = 2500

// OutputKind says what a select returns.
type OutputKind int

const (
	// All is "select *": every attribute.
	All OutputKind = iota
	// ItemNames is "select itemName()": item names only.
	ItemNames
	// Count is "select count(*)": the number of matching items.
	Count
	// Attributes is "select a, b, ...": the listed attributes.
	Attributes
)

// Output is the output list of a select.
type Output struct {
	Kind       OutputKind
	Attributes []string // the names, in order, when Kind is Attributes
}

// OrderBy is a sort instruction.
type OrderBy struct {
	Operand Operand // an attribute or itemName(); never every()
	Desc    bool
}

// Expr is a where-clause expression: *Binary, *Not or *Comparison.
type Expr interface {
	String() string
	prec() int
}

// BoolOp joins two expressions.
type BoolOp int

const (
	// And holds when both sides hold. Comparisons on the same attribute
	// joined by and are, in SimpleDB, tested against each single value.
	And BoolOp = iota + 1
	// Or holds when either side holds.
	Or
	// Intersection holds when both sides hold, each side tested on its
	// own: the intersection of two sets of items.
	Intersection
)

func (op BoolOp) String() string {
	switch op {
	case And:
		return "and"
	case Or:
		return "or"
	case Intersection:
		return "intersection"
	}
	return "BoolOp(" + strconv.Itoa(int(op)) + ")"
}

// Binary is "Left op Right".
type Binary struct {
	Op          BoolOp
	Left, Right Expr
}

// Not is "not X".
type Not struct {
	X Expr
}

// OperandKind says what a comparison's left side is.
type OperandKind int

const (
	// Attr is an attribute by name; a comparison holds when any one value
	// of the attribute satisfies it.
	Attr OperandKind = iota
	// ItemName is itemName().
	ItemName
	// Every is every(name); a comparison holds when every value of the
	// attribute satisfies it.
	Every
)

// Operand is the left side of a comparison or the key of a sort.
type Operand struct {
	Kind OperandKind
	Name string // the attribute name; "" for ItemName
}

// CmpOp is a comparison operator.
type CmpOp int

const (
	Eq        CmpOp = iota + 1 // =
	Ne                         // !=
	Lt                         // <
	Gt                         // >
	Le                         // <=
	Ge                         // >=
	Like                       // like
	NotLike                    // not like
	Between                    // between Values[0] and Values[1]
	In                         // in (Values...)
	IsNull                     // is null
	IsNotNull                  // is not null
)

var cmpOpText = [...]string{
	Eq: "=", Ne: "!=", Lt: "<", Gt: ">", Le: "<=", Ge: ">=", Like: "like", NotLike: "not like",
	Between: "between", In: "in", IsNull: "is null", IsNotNull: "is not null",
}

func (op CmpOp) String() string {
	if op > 0 && int(op) < len(cmpOpText) {
		return cmpOpText[op]
	}
	return "CmpOp(" + strconv.Itoa(int(op)) + ")"
}

// Comparison is "Operand Op Values": one value for =, !=, <, >, <=, >=,
// like and not like; two for between; one or more for in; none for is
// null and is not null.
type Comparison struct {
	Operand Operand
	Op      CmpOp
	Values  []string
}

// Precedences, loosest first.
const (
	precIntersection = iota + 1
	precOr
	precAnd
	precNot
	precAtom
)

func (b *Binary) prec() int {
	switch b.Op {
	case And:
		return precAnd
	case Or:
		return precOr
	}
	return precIntersection
}

func (*Not) prec() int        { return precNot }
func (*Comparison) prec() int { return precAtom }

// String renders b with the parentheses its shape needs. The operators
// are left-associative, so a right operand of equal precedence is
// parenthesised.
func (b *Binary) String() string {
	p := b.prec()
	return wrap(b.Left, p > b.Left.prec()) + " " + b.Op.String() + " " + wrap(b.Right, p >= b.Right.prec())
}

func (n *Not) String() string { return "not " + wrap(n.X, n.X.prec() < precNot) }

func wrap(e Expr, paren bool) string {
	if paren {
		return "(" + e.String() + ")"
	}
	return e.String()
}

func (c *Comparison) String() string {
	var b strings.Builder
	b.WriteString(c.Operand.String())
	b.WriteByte(' ')
	switch c.Op {
	case IsNull, IsNotNull:
		b.WriteString(c.Op.String())
	case Between:
		b.WriteString("between ")
		b.WriteString(QuoteValue(value(c.Values, 0)))
		b.WriteString(" and ")
		b.WriteString(QuoteValue(value(c.Values, 1)))
	case In:
		b.WriteString("in (")
		for i, v := range c.Values {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(QuoteValue(v))
		}
		b.WriteByte(')')
	default:
		b.WriteString(c.Op.String())
		b.WriteByte(' ')
		b.WriteString(QuoteValue(value(c.Values, 0)))
	}
	return b.String()
}

// value returns vs[i], or "" when a hand-built Comparison is short of
// values, so String never panics.
func value(vs []string, i int) string {
	if i < len(vs) {
		return vs[i]
	}
	return ""
}

func (o Operand) String() string {
	switch o.Kind {
	case ItemName:
		return "itemName()"
	case Every:
		return "every(" + QuoteName(o.Name) + ")"
	}
	return QuoteName(o.Name)
}

func (o Output) String() string {
	switch o.Kind {
	case ItemNames:
		return "itemName()"
	case Count:
		return "count(*)"
	case Attributes:
		names := make([]string, len(o.Attributes))
		for i, n := range o.Attributes {
			names[i] = QuoteName(n)
		}
		return strings.Join(names, ", ")
	}
	return "*"
}

// String renders s in canonical form: lower-case keywords, single-quoted
// values, names quoted only when they must be. Parsing the result gives
// back a Select equal to s.
func (s *Select) String() string {
	var b strings.Builder
	b.WriteString("select ")
	b.WriteString(s.Output.String())
	b.WriteString(" from ")
	b.WriteString(QuoteName(s.Domain))
	if s.Where != nil {
		b.WriteString(" where ")
		b.WriteString(s.Where.String())
	}
	if s.OrderBy != nil {
		b.WriteString(" order by ")
		b.WriteString(s.OrderBy.Operand.String())
		if s.OrderBy.Desc {
			b.WriteString(" desc")
		}
	}
	if s.Limit > 0 {
		b.WriteString(" limit ")
		b.WriteString(strconv.Itoa(s.Limit))
	}
	return b.String()
}

// Walk calls fn for e and, while fn returns true, for each expression
// below it, depth first, left to right.
func Walk(e Expr, fn func(Expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	switch e := e.(type) {
	case *Binary:
		Walk(e.Left, fn)
		Walk(e.Right, fn)
	case *Not:
		Walk(e.X, fn)
	}
}

// Comparisons returns the comparisons of e in the order they appear.
func Comparisons(e Expr) []*Comparison {
	var out []*Comparison
	Walk(e, func(e Expr) bool {
		if c, ok := e.(*Comparison); ok {
			out = append(out, c)
		}
		return true
	})
	return out
}
