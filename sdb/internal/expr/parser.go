package expr

import (
	"strconv"
)

// Parse reads a select expression. Errors are *SyntaxError.
func Parse(s string) (*Select, error) {
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	return p.parseSelect()
}

type parser struct {
	toks    []token
	i       int
	nesting int // open parentheses
}

func (p *parser) peek() token { return p.toks[p.i] }

// peek2 returns the token after the next one.
func (p *parser) peek2() token {
	if p.i+1 < len(p.toks) {
		return p.toks[p.i+1]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) errorf(t token, msg string) error {
	return &SyntaxError{Pos: t.pos, Msg: msg}
}

func (p *parser) unexpected(t token, want string) error {
	return p.errorf(t, "expected "+want+", found "+t.describe())
}

func (p *parser) keyword(kw string) error {
	if t := p.next(); !t.is(kw) {
		return p.unexpected(t, strconv.Quote(kw))
	}
	return nil
}

func (p *parser) expectPunct(s string) error {
	if t := p.next(); !t.punct(s) {
		return p.unexpected(t, strconv.Quote(s))
	}
	return nil
}

// name reads a bare or back-quoted name.
func (p *parser) name(what string) (string, error) {
	t := p.next()
	switch {
	case t.kind == tQuoted:
		if t.text == "" {
			return "", p.errorf(t, what+" must not be empty")
		}
		return t.text, nil
	case t.kind == tIdent && !Reserved(t.text):
		return t.text, nil
	case t.kind == tIdent:
		return "", p.errorf(t, "reserved word "+strconv.Quote(t.text)+" must be back-quoted to be used as "+what)
	}
	return "", p.unexpected(t, what)
}

func (p *parser) value() (string, error) {
	t := p.next()
	if t.kind != tString {
		return "", p.unexpected(t, "a quoted value")
	}
	return t.text, nil
}

// function reports whether the next tokens are name "(", in any case.
func (p *parser) function(name string) bool {
	return p.peek().is(name) && p.peek2().punct("(")
}

func (p *parser) parseSelect() (*Select, error) {
	if err := p.keyword("select"); err != nil {
		return nil, err
	}
	s := &Select{}
	out, err := p.parseOutput()
	if err != nil {
		return nil, err
	}
	s.Output = out
	if err := p.keyword("from"); err != nil {
		return nil, err
	}
	if s.Domain, err = p.name("a domain name"); err != nil {
		return nil, err
	}
	if p.peek().is("where") {
		p.next()
		if s.Where, err = p.parseExpr(); err != nil {
			return nil, err
		}
	}
	if p.peek().is("order") {
		p.next()
		if err := p.keyword("by"); err != nil {
			return nil, err
		}
		op, err := p.parseOperand(false)
		if err != nil {
			return nil, err
		}
		s.OrderBy = &OrderBy{Operand: op}
		switch t := p.peek(); {
		case t.is("asc"):
			p.next()
		case t.is("desc"):
			p.next()
			s.OrderBy.Desc = true
		}
	}
	if p.peek().is("limit") {
		p.next()
		t := p.next()
		if t.kind != tNumber {
			return nil, p.unexpected(t, "a number")
		}
		n, err := strconv.Atoi(t.text)
		if err != nil || n < 1 || n > MaxLimit {
			return nil, p.errorf(t, "limit must be between 1 and "+strconv.Itoa(MaxLimit))
		}
		s.Limit = n
	}
	if t := p.next(); t.kind != tEOF {
		return nil, p.unexpected(t, "end of expression")
	}
	return s, nil
}

func (p *parser) parseOutput() (Output, error) {
	switch {
	case p.peek().punct("*"):
		p.next()
		return Output{Kind: All}, nil
	case p.function("itemname"):
		p.next()
		p.next()
		return Output{Kind: ItemNames}, p.expectPunct(")")
	case p.function("count"):
		p.next()
		p.next()
		if err := p.expectPunct("*"); err != nil {
			return Output{}, err
		}
		return Output{Kind: Count}, p.expectPunct(")")
	}
	out := Output{Kind: Attributes}
	for {
		n, err := p.name("an attribute name")
		if err != nil {
			return Output{}, err
		}
		out.Attributes = append(out.Attributes, n)
		if !p.peek().punct(",") {
			return out, nil
		}
		p.next()
	}
}

// parseExpr reads intersection, the loosest operator.
func (p *parser) parseExpr() (Expr, error) {
	return p.parseBinary(precIntersection)
}

var levelOp = map[int]struct {
	word string
	op   BoolOp
}{
	precIntersection: {"intersection", Intersection},
	precOr:           {"or", Or},
	precAnd:          {"and", And},
}

// parseBinary reads a left-associative chain of the operator of level
// prec, whose operands are of the next level.
func (p *parser) parseBinary(prec int) (Expr, error) {
	sub := func() (Expr, error) {
		if prec == precAnd {
			return p.parseNot()
		}
		return p.parseBinary(prec + 1)
	}
	left, err := sub()
	if err != nil {
		return nil, err
	}
	lv := levelOp[prec]
	for p.peek().is(lv.word) {
		p.next()
		right, err := sub()
		if err != nil {
			return nil, err
		}
		left = &Binary{Op: lv.op, Left: left, Right: right}
	}
	return left, nil
}

// maxDepth bounds nesting so a hostile expression cannot exhaust the
// stack.
const maxDepth = 200

func (p *parser) parseNot() (Expr, error) {
	depth := 0
	for p.peek().is("not") {
		p.next()
		depth++
		if depth > maxDepth {
			return nil, p.errorf(p.peek(), "expression nested too deeply")
		}
	}
	x, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	for ; depth > 0; depth-- {
		x = &Not{X: x}
	}
	return x, nil
}

func (p *parser) parsePrimary() (Expr, error) {
	if t := p.peek(); t.punct("(") {
		p.next()
		if p.nesting++; p.nesting > maxDepth {
			return nil, p.errorf(t, "expression nested too deeply")
		}
		x, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		p.nesting--
		return x, p.expectPunct(")")
	}
	return p.parseComparison()
}

// parseOperand reads itemName(), every(name) (when every is true) or a
// name.
func (p *parser) parseOperand(every bool) (Operand, error) {
	switch {
	case p.function("itemname"):
		p.next()
		p.next()
		return Operand{Kind: ItemName}, p.expectPunct(")")
	case every && p.function("every"):
		p.next()
		p.next()
		n, err := p.name("an attribute name")
		if err != nil {
			return Operand{}, err
		}
		return Operand{Kind: Every, Name: n}, p.expectPunct(")")
	}
	n, err := p.name("an attribute name")
	return Operand{Kind: Attr, Name: n}, err
}

var punctOps = map[string]CmpOp{"=": Eq, "!=": Ne, "<": Lt, ">": Gt, "<=": Le, ">=": Ge}

func (p *parser) parseComparison() (Expr, error) {
	op, err := p.parseOperand(true)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Operand: op}
	t := p.next()
	switch {
	case t.kind == tPunct && punctOps[t.text] != 0:
		c.Op = punctOps[t.text]
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		c.Values = []string{v}
	case t.is("like"), t.is("not"):
		c.Op = Like
		if t.is("not") {
			if err := p.keyword("like"); err != nil {
				return nil, err
			}
			c.Op = NotLike
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		c.Values = []string{v}
	case t.is("between"):
		c.Op = Between
		lo, err := p.value()
		if err != nil {
			return nil, err
		}
		if err := p.keyword("and"); err != nil {
			return nil, err
		}
		hi, err := p.value()
		if err != nil {
			return nil, err
		}
		c.Values = []string{lo, hi}
	case t.is("in"):
		c.Op = In
		if err := p.expectPunct("("); err != nil {
			return nil, err
		}
		for {
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			c.Values = append(c.Values, v)
			if !p.peek().punct(",") {
				break
			}
			p.next()
		}
		if err := p.expectPunct(")"); err != nil {
			return nil, err
		}
	case t.is("is"):
		c.Op = IsNull
		if p.peek().is("not") {
			p.next()
			c.Op = IsNotNull
		}
		if err := p.keyword("null"); err != nil {
			return nil, err
		}
	default:
		return nil, p.unexpected(t, "a comparison operator")
	}
	return c, nil
}
