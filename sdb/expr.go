package sdb

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sdb/internal/expr"
)

// QuoteName renders a domain or attribute name for a select expression:
// bare when it is a plain identifier (ASCII letters, digits, '_' and '$',
// not starting with a digit) that is not a reserved word, and otherwise
// between backquotes with any backquote doubled. Whatever name holds, the
// result is read back as exactly that one name.
func QuoteName(name string) string { return expr.QuoteName(name) }

// plainName reports whether s may appear unquoted, reserved words aside.
func plainName(s string) bool {
	if s == "" || '0' <= s[0] && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '$') {
			return false
		}
	}
	return true
}

// QuoteValue renders a value for a select expression: between single
// quotes with any single quote doubled. Double quotes and backquotes need
// no escape inside single quotes. Whatever value holds, the result is read
// back as exactly that one value.
func QuoteValue(value string) string { return expr.QuoteValue(value) }

// Selectf builds a select expression from a format in which user input
// can only ever be a name or a value, never a piece of the query:
//
//	%n  a domain or attribute name, quoted by QuoteName; the argument is a
//	    string or a *Domain
//	%v  a value, quoted by QuoteValue; the argument is a string or an
//	    integer (SimpleDB compares values as strings, so zero-pad numbers
//	    you want to order)
//	%%  a percent sign
//
// For example:
//
//	q, err := sdb.Selectf("select * from %n where %n = %v and `year` > %v",
//		dom, "author", userInput, "1990")
//
// A verb it does not know, an argument of the wrong type, invalid UTF-8, a
// name that is empty or a name or value over 1024 bytes, and too few or
// too many arguments all yield a *goboto.ValidationError.
func Selectf(format string, args ...any) (string, error) {
	var b strings.Builder
	b.Grow(len(format) + 16*len(args))
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(format) {
			return "", goboto.Invalid("format", show(format), "ends with a lone %")
		}
		verb := format[i]
		if verb == '%' {
			b.WriteByte('%')
			continue
		}
		if verb != 'n' && verb != 'v' {
			return "", goboto.Invalid("format", "%"+string(verb), "is not a verb Selectf knows (%n, %v, %%)")
		}
		if next >= len(args) {
			return "", goboto.Invalid("args", strconv.Itoa(len(args)), "too few arguments for the format")
		}
		arg := args[next]
		next++
		var err error
		if verb == 'n' {
			err = writeName(&b, next, arg)
		} else {
			err = writeValue(&b, next, arg)
		}
		if err != nil {
			return "", err
		}
	}
	if next != len(args) {
		return "", goboto.Invalid("args", strconv.Itoa(len(args)), "too many arguments for the format (it uses "+strconv.Itoa(next)+")")
	}
	return b.String(), nil
}

func writeName(b *strings.Builder, n int, arg any) error {
	field := "args[" + strconv.Itoa(n-1) + "]"
	var name string
	switch a := arg.(type) {
	case string:
		name = a
	case *Domain:
		if a == nil {
			return goboto.Invalid(field, "nil *Domain", "is not a name")
		}
		name = a.name
	default:
		return goboto.Invalid(field, typeName(arg), "is not a name: %n takes a string or *Domain")
	}
	if err := validText(field, name, MaxNameBytes, false); err != nil {
		return err
	}
	b.WriteString(QuoteName(name))
	return nil
}

func writeValue(b *strings.Builder, n int, arg any) error {
	field := "args[" + strconv.Itoa(n-1) + "]"
	var value string
	switch a := arg.(type) {
	case string:
		value = a
	default:
		v := reflect.ValueOf(arg)
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			value = strconv.FormatInt(v.Int(), 10)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			value = strconv.FormatUint(v.Uint(), 10)
		default:
			return goboto.Invalid(field, typeName(arg), "is not a value: %v takes a string or an integer")
		}
	}
	if err := validText(field, value, MaxValueBytes, true); err != nil {
		return err
	}
	b.WriteString(QuoteValue(value))
	return nil
}

func typeName(v any) string {
	if v == nil {
		return "nil"
	}
	return reflect.TypeOf(v).String()
}

// Filter is the where clause of a Domain.Select or Domain.Count, built by
// Where. The zero Filter matches every item.
type Filter struct {
	text string
	err  error
}

// Where builds a Filter with Selectf's verbs: the text after "where" in a
// select expression, which may end in an order by or limit clause.
//
//	dom.Select(ctx, sdb.Where("%n > %v order by %n", "year", "1990", "year"))
func Where(format string, args ...any) Filter {
	s, err := Selectf(format, args...)
	return Filter{text: s, err: err}
}

// String returns the clause, or "" for the zero Filter.
func (f Filter) String() string { return f.text }
