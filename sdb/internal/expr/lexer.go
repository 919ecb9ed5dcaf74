package expr

import (
	"fmt"
	"strings"
)

// SyntaxError is a select expression SimpleDB would refuse as
// InvalidQueryExpression.
type SyntaxError struct {
	Pos int    // byte offset into the expression
	Msg string // what was wrong
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid select expression at offset %d: %s", e.Pos, e.Msg)
}

type tokenKind int

const (
	tEOF    tokenKind = iota
	tIdent            // bare word: a keyword or a name
	tQuoted           // `back-quoted name`
	tString           // 'value' or "value"
	tNumber           // 123
	tPunct            // * ( ) , = != < > <= >=
)

type token struct {
	kind tokenKind
	pos  int
	text string // the word, the unquoted name or value, the digits or the punctuation
}

func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "end of expression"
	case tQuoted:
		return "name " + QuoteName(t.text)
	case tString:
		return "value " + QuoteValue(t.text)
	}
	return fmt.Sprintf("%q", t.text)
}

// is reports whether t is the keyword kw (lower case), in any case.
func (t token) is(kw string) bool {
	return t.kind == tIdent && len(t.text) == len(kw) && strings.EqualFold(t.text, kw)
}

func (t token) punct(p string) bool { return t.kind == tPunct && t.text == p }

// lex splits s into tokens, ending with tEOF.
func lex(s string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '\'' || c == '"' || c == '`':
			text, end, ok := quoted(s, i)
			if !ok {
				what := "value"
				if c == '`' {
					what = "name"
				}
				return nil, &SyntaxError{Pos: i, Msg: "unterminated " + what}
			}
			kind := tString
			if c == '`' {
				kind = tQuoted
			}
			toks = append(toks, token{kind: kind, pos: i, text: text})
			i = end
		case isDigit(c):
			j := i
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			if j < len(s) && isIdent(s[j]) {
				return nil, &SyntaxError{Pos: i, Msg: "a name must not start with a digit"}
			}
			toks = append(toks, token{kind: tNumber, pos: i, text: s[i:j]})
			i = j
		case isIdent(c):
			j := i
			for j < len(s) && isIdent(s[j]) {
				j++
			}
			toks = append(toks, token{kind: tIdent, pos: i, text: s[i:j]})
			i = j
		case c == '*' || c == '(' || c == ')' || c == ',' || c == '=':
			toks = append(toks, token{kind: tPunct, pos: i, text: s[i : i+1]})
			i++
		case c == '<' || c == '>' || c == '!':
			if i+1 < len(s) && s[i+1] == '=' {
				toks = append(toks, token{kind: tPunct, pos: i, text: s[i : i+2]})
				i += 2
				continue
			}
			if c == '!' {
				return nil, &SyntaxError{Pos: i, Msg: `"!" must be followed by "="`}
			}
			toks = append(toks, token{kind: tPunct, pos: i, text: s[i : i+1]})
			i++
		default:
			return nil, &SyntaxError{Pos: i, Msg: fmt.Sprintf("unexpected character %q", rune(c))}
		}
	}
	return append(toks, token{kind: tEOF, pos: len(s)}), nil
}

// quoted reads the quoted text starting at s[start], whose quote
// character is doubled inside. It returns the text without quotes, the
// offset after the closing quote, and false when there is none.
func quoted(s string, start int) (string, int, bool) {
	q := s[start]
	i := start + 1
	// Fast path: no doubled quote.
	j := strings.IndexByte(s[i:], q)
	if j < 0 {
		return "", 0, false
	}
	if i+j+1 >= len(s) || s[i+j+1] != q {
		return s[i : i+j], i + j + 1, true
	}
	var b strings.Builder
	for {
		j := strings.IndexByte(s[i:], q)
		if j < 0 {
			return "", 0, false
		}
		b.WriteString(s[i : i+j])
		i += j + 1
		if i < len(s) && s[i] == q {
			b.WriteByte(q)
			i++
			continue
		}
		return b.String(), i, true
	}
}
