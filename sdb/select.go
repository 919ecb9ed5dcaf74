package sdb

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goboto/goboto"
)

type xmlItem struct {
	Name         xmlText        `xml:"Name"`
	NameEncoding string         `xml:"AlternateNameEncoding"`
	Attributes   []xmlAttribute `xml:"Attribute"`
}

type selectResult struct {
	Items     []xmlItem `xml:"Item"`
	NextToken string    `xml:"NextToken"`
}

// Select runs a select expression (Select) and yields the matching items,
// fetching pages as the loop needs them by following NextToken; breaking
// out of the loop stops fetching. Consistent asks for consistent reads.
// PageSize adds a limit clause, SimpleDB's page size, to an expression
// that has none, and is refused for one that has. An error is yielded
// once, last.
//
// Build expressions holding user input with Selectf, never by pasting
// strings together. The items know their domain, taken from the
// expression's from clause, so Save and Delete work on them.
//
// An expression that is empty, not UTF-8, or whose limit is over 2500 is
// refused with a *goboto.ValidationError before anything is sent; other
// mistakes come back from SimpleDB as InvalidQueryExpression.
func (c *Conn) Select(ctx context.Context, expr string, opts ...ListOption) iter.Seq2[*Item, error] {
	return c.selectItems(ctx, "Select", expr, listOptions(opts), nil)
}

// selectItems is Select with the domain its items belong to; nil means
// the domain named in the from clause.
func (c *Conn) selectItems(ctx context.Context, call, expr string, o ListOptions, dom *Domain) iter.Seq2[*Item, error] {
	return func(yield func(*Item, error) bool) {
		if err := o.refuse(call, true, true, false); err != nil {
			yield(nil, err)
			return
		}
		info, err := inspect(expr)
		if err != nil {
			yield(nil, err)
			return
		}
		if expr, err = withPageSize(expr, info, o.PageSize); err != nil {
			yield(nil, err)
			return
		}
		if dom == nil && info.domain != "" {
			dom = c.Domain(info.domain)
		}
		c.pages(ctx, expr, o.Consistent, func(page []xmlItem) bool {
			for _, x := range page {
				it, err := decodeItem(x, dom)
				if err != nil {
					yield(nil, err)
					return false
				}
				if !yield(it, nil) {
					return false
				}
			}
			return true
		}, func(err error) { yield(nil, err) })
	}
}

// withPageSize makes n the expression's page size: in a select, the limit
// clause is what caps the items of one answer, NextToken giving the rest.
// The clause comes last in SimpleDB's grammar, so it is appended.
func withPageSize(expr string, info exprInfo, n int) (string, error) {
	if n == 0 {
		return expr, nil
	}
	if n < 1 || n > MaxSelectLimit {
		return "", goboto.Invalid("PageSize", strconv.Itoa(n), "out of range 1-2500")
	}
	if info.limit != 0 {
		return "", goboto.Invalid("PageSize", strconv.Itoa(n), "given with an expression that has its own limit "+strconv.Itoa(info.limit))
	}
	return strings.TrimRight(expr, " \t\r\n") + " limit " + strconv.Itoa(n), nil
}

// pages calls Select for expr page after page, handing each page's items
// to page until it returns false, and any error to fail.
func (c *Conn) pages(ctx context.Context, expr string, consistent bool, page func([]xmlItem) bool, fail func(error)) {
	token := ""
	for {
		params := url.Values{"SelectExpression": {expr}}
		if consistent {
			params.Set("ConsistentRead", "true")
		}
		if token != "" {
			params.Set("NextToken", token)
		}
		var res selectResult
		if err := c.do(ctx, "Select", params, &res); err != nil {
			fail(err)
			return
		}
		if !page(res.Items) {
			return
		}
		// A token equal to the last one would loop for ever.
		if res.NextToken == "" || res.NextToken == token {
			return
		}
		token = res.NextToken
	}
}

func decodeItem(x xmlItem, dom *Domain) (*Item, error) {
	name, err := x.Name.decode(x.NameEncoding)
	if err != nil {
		return nil, fmt.Errorf("SimpleDB Select: decode answer: %w", err)
	}
	attrs, err := attributes(x.Attributes)
	if err != nil {
		return nil, fmt.Errorf("SimpleDB Select: decode answer: %w", err)
	}
	return &Item{Name: name, Attributes: attrs, domain: dom}, nil
}

// selectExpr is "select <output> from <d> [where <f>]".
func (d *Domain) selectExpr(output string, f Filter) (string, error) {
	if f.err != nil {
		return "", f.err
	}
	if err := validDomainName(d.name); err != nil {
		return "", err
	}
	s := "select " + output + " from " + QuoteName(d.name)
	if strings.TrimSpace(f.text) != "" {
		s += " where " + f.text
	}
	return s, nil
}

// Select yields the items of d that f matches, with all their attributes
// (Select, "select * from <d> where <f>"), paging as Conn.Select does and
// taking the same options.
func (d *Domain) Select(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*Item, error] {
	expr, err := d.selectExpr("*", f)
	if err != nil {
		return func(yield func(*Item, error) bool) { yield(nil, err) }
	}
	return d.conn.selectItems(ctx, "Domain.Select", expr, listOptions(opts), d)
}

// Count returns how many items of d match f (Select, "select count(*)
// from <d> where <f>"). SimpleDB may count in several pages when a count
// takes long; Count adds them up. Consistent is the only ListOption it
// takes.
func (d *Domain) Count(ctx context.Context, f Filter, opts ...ListOption) (int64, error) {
	o := listOptions(opts)
	if err := o.refuse("Count", false, true, false); err != nil {
		return 0, err
	}
	expr, err := d.selectExpr("count(*)", f)
	if err != nil {
		return 0, err
	}
	if _, err := inspect(expr); err != nil {
		return 0, err
	}
	var total int64
	var failed error
	d.conn.pages(ctx, expr, o.Consistent, func(page []xmlItem) bool {
		for _, x := range page {
			attrs, err := attributes(x.Attributes)
			if err != nil {
				failed = fmt.Errorf("SimpleDB Select: decode answer: %w", err)
				return false
			}
			n, err := strconv.ParseInt(attrs.Get("Count"), 10, 64)
			if err != nil {
				failed = fmt.Errorf("SimpleDB Select: count is not a number: %w", err)
				return false
			}
			total += n
		}
		return true
	}, func(err error) { failed = err })
	if failed != nil {
		return 0, failed
	}
	return total, nil
}

// exprInfo is what inspect learns of a select expression.
type exprInfo struct {
	domain string // the name after "from", unquoted; "" if not found
	limit  int    // the number after "limit"; 0 if none
}

// inspect checks what can be checked of a select expression without a
// full parse: not empty, valid UTF-8, a limit within 1-2500. It also finds
// the domain in the from clause. It reads only tokens outside quotes, so
// a value such as 'limit 9999' is not mistaken for a clause.
func inspect(expr string) (exprInfo, error) {
	var info exprInfo
	if strings.TrimSpace(expr) == "" {
		return info, goboto.Invalid("SelectExpression", "", "is empty")
	}
	if !utf8.ValidString(expr) {
		return info, goboto.Invalid("SelectExpression", show(expr), "is not valid UTF-8")
	}
	toks, ok := lex(expr)
	if !ok {
		// Unbalanced quotes: leave the verdict to SimpleDB.
		return info, nil
	}
	for i, t := range toks {
		if t.kind != tokWord || i+1 >= len(toks) {
			continue
		}
		next := toks[i+1]
		switch strings.ToLower(t.text) {
		case "from":
			if info.domain == "" && (next.kind == tokWord || next.kind == tokName) {
				info.domain = next.text
			}
		case "limit":
			if next.kind != tokNumber {
				continue
			}
			n, err := strconv.Atoi(next.text)
			if err != nil || n < 1 || n > MaxSelectLimit {
				return info, goboto.Invalid("SelectExpression", "limit "+next.text, "out of range 1-2500")
			}
			info.limit = n
		}
	}
	return info, nil
}

type tokKind int

const (
	tokWord   tokKind = iota // bare identifier or keyword
	tokName                  // `back-quoted name`, unquoted in text
	tokValue                 // 'quoted' or "quoted" value, unquoted in text
	tokNumber                // digits
	tokPunct                 // anything else, one byte
)

type token struct {
	kind tokKind
	text string
}

// lex splits a select expression into tokens. It reports false when a
// quote is not closed.
func lex(s string) ([]token, bool) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '`' || c == '\'' || c == '"':
			text, n, ok := unquote(s[i:], c)
			if !ok {
				return nil, false
			}
			kind := tokValue
			if c == '`' {
				kind = tokName
			}
			toks = append(toks, token{kind, text})
			i += n
		case '0' <= c && c <= '9':
			j := i
			for j < len(s) && '0' <= s[j] && s[j] <= '9' {
				j++
			}
			toks = append(toks, token{tokNumber, s[i:j]})
			i = j
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '$':
			j := i
			for j < len(s) && (plainName(s[j:j+1]) || '0' <= s[j] && s[j] <= '9') {
				j++
			}
			toks = append(toks, token{tokWord, s[i:j]})
			i = j
		default:
			toks = append(toks, token{tokPunct, s[i : i+1]})
			i++
		}
	}
	return toks, true
}

// unquote reads a quoted token at the start of s whose quote character is
// q, a doubled q standing for one. It returns the text, the bytes read,
// and false if the quote is never closed.
func unquote(s string, q byte) (string, int, bool) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != q {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == q {
			b.WriteByte(q)
			i++
			continue
		}
		return b.String(), i + 1, true
	}
	return "", len(s), false
}
