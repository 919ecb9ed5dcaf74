package sdbtest

import (
	"encoding/base64"
	"encoding/xml"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// Namespace is the XML namespace of SimpleDB's answers.
const Namespace = "http://sdb.amazonaws.com/doc/2009-04-15/"

// Box usage the fake reports per operation: plausible constants, not a
// model of SimpleDB's billing.
const (
	boxDomain = "0.0055590278"
	boxList   = "0.0000071759"
	boxWrite  = "0.0000219907"
	boxRead   = "0.0000093282"
	boxSelect = "0.0000228616"
)

// answer builds a SimpleDB answer by hand: the documents are small and
// fixed in shape, and the hot PutAttributes path then costs no
// reflection.
type answer struct {
	b  []byte
	op string
}

func newAnswer(op string) *answer {
	a := &answer{b: make([]byte, 0, 256), op: op}
	a.b = append(a.b, xml.Header...)
	a.b = append(a.b, '<')
	a.b = append(a.b, op...)
	a.b = append(a.b, `Response xmlns="`+Namespace+`">`...)
	return a
}

func (a *answer) open(tag string) {
	a.b = append(a.b, '<')
	a.b = append(a.b, tag...)
	a.b = append(a.b, '>')
}

func (a *answer) close(tag string) {
	a.b = append(a.b, "</"...)
	a.b = append(a.b, tag...)
	a.b = append(a.b, '>')
}

// text writes <tag>s</tag>. Text XML cannot carry (control characters,
// invalid UTF-8) is sent base64-encoded with encoding="base64", as
// SimpleDB does.
func (a *answer) text(tag, s string) {
	a.b = append(a.b, '<')
	a.b = append(a.b, tag...)
	if !xmlSafe(s) {
		a.b = append(a.b, ` encoding="base64">`...)
		a.b = base64.StdEncoding.AppendEncode(a.b, []byte(s))
	} else {
		a.b = append(a.b, '>')
		a.b = appendEscaped(a.b, s)
	}
	a.close(tag)
}

// finish closes the document with ResponseMetadata and sends it.
func (a *answer) finish(w http.ResponseWriter, requestID, boxUsage string) error {
	a.b = append(a.b, "<ResponseMetadata><RequestId>"...)
	a.b = appendEscaped(a.b, requestID)
	a.b = append(a.b, "</RequestId><BoxUsage>"...)
	a.b = append(a.b, boxUsage...)
	a.b = append(a.b, "</BoxUsage></ResponseMetadata></"...)
	a.b = append(a.b, a.op...)
	a.b = append(a.b, "Response>"...)
	h := w.Header()
	h.Set("Content-Type", "text/xml")
	h.Set("Content-Length", strconv.Itoa(len(a.b)))
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(a.b)
	return err
}

// xmlSafe reports whether s is valid UTF-8 made only of characters XML
// 1.0 allows.
func xmlSafe(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		if !(r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return false
		}
		i += n
	}
	return true
}

// appendEscaped appends s with XML's special characters escaped. Carriage
// returns are escaped too, or a parser would turn them into newlines.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '\r':
			esc = "&#xD;"
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		last = i + 1
	}
	return append(b, s[last:]...)
}
