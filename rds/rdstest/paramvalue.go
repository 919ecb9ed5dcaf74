package rdstest

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// isFormula reports whether v is an RDS formula, such as
// {DBInstanceClassMemory*3/4} or GREATEST({DBInstanceClassMemory/32768},131072),
// which RDS evaluates on the instance and so accepts as it is: a call of
// one of RDS's functions, or text whose braces pair up, none empty.
func isFormula(v string) bool {
	for _, fn := range []string{"GREATEST(", "LEAST(", "SUM(", "IF("} {
		if strings.HasPrefix(v, fn) && strings.HasSuffix(v, ")") {
			return true
		}
	}
	if !strings.Contains(v, "{") || strings.Contains(v, "{}") {
		return false
	}
	open := 0
	for _, c := range v {
		switch c {
		case '{':
			open++
		case '}':
			if open--; open < 0 {
				return false
			}
		}
	}
	return open == 0
}

// splitRange splits an allowed-values item "lo-hi" into its bounds; lo
// may be negative ("-1-2147483647") and either may carry an exponent
// ("0-1.79769e+308"). ok is false for a single value.
func splitRange(item string) (lo, hi string, ok bool) {
	for i := 1; i < len(item); i++ {
		if item[i] == '-' && item[i-1] != 'e' && item[i-1] != 'E' {
			return item[:i], item[i+1:], true
		}
	}
	return "", "", false
}

// validValue reports whether v is acceptable for p, checking it against
// p's DataType and AllowedValues the way RDS does.
func validValue(p param, v string) bool {
	// Formulas work out numbers and booleans; in a string or a list,
	// braces are only text.
	if isFormula(v) && p.DataType != "string" && p.DataType != "list" {
		return true
	}
	allowed := p.AllowedValues
	switch p.DataType {
	case "integer":
		n, ok := new(big.Int).SetString(v, 10)
		if !ok {
			return false
		}
		return allowed == "" || numberAllowed(allowed, func(s string) int {
			m, ok := new(big.Int).SetString(s, 10)
			if !ok {
				return 2 // never equal, never in range
			}
			return n.Cmp(m)
		})
	case "float":
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || strings.ContainsAny(v, "xXnN_") {
			return false // RDS takes decimal numbers only: no NaN, Inf or hex
		}
		return allowed == "" || numberAllowed(allowed, func(s string) int {
			g, err := strconv.ParseFloat(s, 64)
			switch {
			case err != nil:
				return 2
			case f < g:
				return -1
			case f > g:
				return 1
			}
			return 0
		})
	case "boolean":
		if allowed == "" {
			return v == "0" || v == "1"
		}
		if _, _, isRange := splitRange(allowed); isRange {
			return (v == "0" || v == "1") && numberAllowed(allowed, func(s string) int { return strings.Compare(v, s) })
		}
		return inList(allowed, v)
	case "list":
		if allowed == "" {
			return true
		}
		for _, item := range strings.Split(v, ",") {
			if !inList(allowed, strings.TrimSpace(item)) {
				return false
			}
		}
		return true
	default: // string
		return allowed == "" || inList(allowed, v)
	}
}

// numberAllowed reports whether the value cmp compares against lies in
// one of allowed's comma-separated values or ranges. cmp(s) is the sign of
// value - s, or 2 when s is not a number.
func numberAllowed(allowed string, cmp func(s string) int) bool {
	for _, item := range strings.Split(allowed, ",") {
		item = strings.TrimSpace(item)
		if lo, hi, ok := splitRange(item); ok {
			if a, b := cmp(lo), cmp(hi); (a == 0 || a == 1) && (b == 0 || b == -1) {
				return true
			}
			continue
		}
		if cmp(item) == 0 {
			return true
		}
	}
	return false
}

// inList reports whether v is one of allowed's comma-separated values,
// ignoring case as the engines do.
func inList(allowed, v string) bool {
	for _, item := range strings.Split(allowed, ",") {
		if strings.EqualFold(strings.TrimSpace(item), v) {
			return true
		}
	}
	return false
}
