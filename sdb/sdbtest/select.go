package sdbtest

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/sdb/internal/expr"
)

// query is a checked select expression, ready to run.
type query struct {
	sel   *expr.Select
	test  itemTest
	want  map[string]bool // the attributes to answer; nil for all
	hash  uint64          // what a NextToken must have been made for
	limit int
}

// prepare parses and checks a select expression as SimpleDB does.
func prepare(text string) (*query, *fake.Error) {
	sel, err := expr.Parse(text)
	if err != nil {
		var se *expr.SyntaxError
		if errors.As(err, &se) {
			return nil, errQuery(se.Error())
		}
		return nil, errQuery("")
	}
	comps := expr.Comparisons(sel.Where)
	if len(comps) > maxPredicates {
		return nil, apiError(http.StatusBadRequest, "InvalidNumberPredicates",
			"Too many predicates in the query expression. Up to "+strconv.Itoa(maxPredicates)+" are allowed.")
	}
	for _, c := range comps {
		if c.Op == expr.In && len(c.Values) > maxValueTests {
			return nil, apiError(http.StatusBadRequest, "InvalidNumberValueTests",
				"Too many value tests per predicate in the query expression. Up to "+strconv.Itoa(maxValueTests)+" are allowed.")
		}
	}
	if len(sel.Output.Attributes) > maxRequestedAttrs {
		return nil, apiError(http.StatusBadRequest, "TooManyRequestedAttributes", "Too many attributes requested.")
	}
	if ob := sel.OrderBy; ob != nil && ob.Operand.Kind == expr.Attr && !constrains(comps, ob.Operand.Name) {
		return nil, apiError(http.StatusBadRequest, "InvalidSortExpression",
			"The sort attribute must be present in at least one of the predicates, and the predicate cannot contain the is null operator.")
	}
	q := &query{sel: sel, test: compile(sel.Where), hash: queryHash(sel), limit: sel.Limit}
	if q.limit == 0 {
		q.limit = defaultLimit
	}
	if sel.Output.Kind == expr.Attributes {
		q.want = make(map[string]bool, len(sel.Output.Attributes))
		for _, a := range sel.Output.Attributes {
			q.want[a] = true
		}
	}
	return q, nil
}

// constrains reports whether a comparison other than is null tests name,
// which SimpleDB asks of a sort attribute.
func constrains(comps []*expr.Comparison, name string) bool {
	for _, c := range comps {
		if c.Operand.Kind != expr.ItemName && c.Operand.Name == name && c.Op != expr.IsNull {
			return true
		}
	}
	return false
}

// match is an item that passed the where clause.
type match struct {
	name string
	it   *item
	key  string // the sort value; "" when not sorting by an attribute
}

// before reports whether a comes before b in the query's order.
func (q *query) before(a, b position) bool {
	c := strings.Compare(a.key, b.key)
	if c == 0 {
		c = strings.Compare(a.name, b.name)
	}
	if q.sel.OrderBy != nil && q.sel.OrderBy.Desc {
		return c > 0
	}
	return c < 0
}

// run finds the matching items of v in order, after the position start
// when there is one.
func (q *query) run(v view, start *position) []match {
	ob := q.sel.OrderBy
	var out []match
	for name, it := range v {
		if !q.test(name, it.attrs) {
			continue
		}
		m := match{name: name, it: it}
		switch {
		case ob == nil:
		case ob.Operand.Kind == expr.ItemName:
			m.key = name
		default:
			vs := it.attrs[ob.Operand.Name]
			if len(vs) == 0 {
				continue // SimpleDB leaves out items without the sort attribute
			}
			m.key = slices.Min(vs)
		}
		if start != nil && !q.before(*start, position{key: m.key, name: m.name}) {
			continue
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b match) int {
		pa, pb := position{key: a.key, name: a.name}, position{key: b.key, name: b.name}
		switch {
		case q.before(pa, pb):
			return -1
		case q.before(pb, pa):
			return 1
		}
		return 0
	})
	return out
}

func (b *Backend) selectItems(w http.ResponseWriter, r *fake.Request, reg *region) error {
	if !r.Params.Has("SelectExpression") {
		return errMissing("SelectExpression")
	}
	consistent, e := consistentRead(r.Params)
	if e != nil {
		return e
	}
	q, e := prepare(r.Params.Get("SelectExpression"))
	if e != nil {
		return e
	}
	var start *position
	if tok := r.Params.Get("NextToken"); tok != "" {
		p, ok := decodeToken(tok, q.hash)
		if !ok {
			return errInvalidNextToken()
		}
		start = &p
	}
	a := newAnswer("Select")
	a.open("SelectResult")
	reg.mu.Lock()
	d := reg.domains[q.sel.Domain]
	if d == nil {
		reg.mu.Unlock()
		return errNoSuchDomain()
	}
	matches := q.run(b.read(d, consistent, r.Now), start)
	if q.sel.Output.Kind == expr.Count {
		q.writeCount(a, matches)
	} else {
		q.writeItems(a, matches)
	}
	reg.mu.Unlock()
	a.close("SelectResult")
	return a.finish(w, r.RequestID, boxSelect)
}

// writeCount answers count(*): one item named Domain with attribute
// Count. Without a limit the whole domain is counted at once; with one,
// at most limit items are, and a NextToken continues the count.
func (q *query) writeCount(a *answer, matches []match) {
	n := len(matches)
	more := q.sel.Limit > 0 && n > q.sel.Limit
	if more {
		n = q.sel.Limit
	}
	a.open("Item")
	a.text("Name", "Domain")
	a.open("Attribute")
	a.text("Name", "Count")
	a.text("Value", strconv.Itoa(n))
	a.close("Attribute")
	a.close("Item")
	if more {
		last := matches[n-1]
		a.text("NextToken", encodeToken(q.hash, position{key: last.key, name: last.name}))
	}
}

// writeItems answers up to limit items, fewer when the answer would pass
// 1 MB, and a NextToken when items remain.
func (q *query) writeItems(a *answer, matches []match) {
	size := 0
	for i, m := range matches {
		est := q.size(m)
		if i == q.limit || i > 0 && size+est > maxResponseBytes {
			last := matches[i-1]
			a.text("NextToken", encodeToken(q.hash, position{key: last.key, name: last.name}))
			return
		}
		size += est
		a.open("Item")
		a.text("Name", m.name)
		if q.sel.Output.Kind != expr.ItemNames {
			writeAttrs(a, m.it, q.want)
		}
		a.close("Item")
	}
}

// size estimates the bytes m adds to an answer.
func (q *query) size(m match) int {
	n := len("<Item><Name></Name></Item>") + len(m.name)
	if q.sel.Output.Kind == expr.ItemNames {
		return n
	}
	for name, vs := range m.it.attrs {
		if q.want != nil && !q.want[name] {
			continue
		}
		for _, v := range vs {
			n += len("<Attribute><Name></Name><Value></Value></Attribute>") + len(name) + len(v)
		}
	}
	return n
}
