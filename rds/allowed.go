package rds

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// AllowedValues is a parameter's AllowedValues string as RDS describes it,
// parsed for its data type. Numeric parameters (integer, float) list
// ranges and single numbers separated by commas: "1024-1073741824",
// "-1-2147483647", "1-65535,131072", "0.1-100". The others (boolean,
// string, list) list the values themselves: "0,1", "ON,OFF",
// "ROW,STATEMENT,MIXED". An empty string allows anything of the type.
type AllowedValues struct {
	Raw    string     // as RDS sent it
	Ranges []Range    // numeric types: every range and single number
	Values []string   // other types: every value, in RDS's order
	kind   valueKind  // how Raw was read
	list   bool       // a list type: a value is comma-separated items
	bool   bool       // a boolean type: 0 or 1 unless Values say otherwise
	ints   []intRange // Ranges as exact integers, for integer types
}

// Range is one numeric range of an AllowedValues; a single number has
// Min == Max. Integer bounds beyond float64's exact range (such as
// 18446744073709551615) are held exactly elsewhere and only approximated
// here.
type Range struct{ Min, Max float64 }

type intRange struct{ min, max *big.Int }

type valueKind int

const (
	kindString valueKind = iota // string, list, boolean: an enumeration
	kindInteger
	kindFloat
)

func kindOf(dataType string) valueKind {
	switch strings.ToLower(dataType) {
	case "integer", "long":
		return kindInteger
	case "float", "double":
		return kindFloat
	}
	return kindString
}

// ParseAllowedValues reads s as the AllowedValues of a parameter of
// dataType ("integer", "float", "boolean", "string", "list"). It fails
// when a numeric type's ranges do not parse or run backwards.
//
// A minus sign at the start of a number is its sign, so "-1-2147483647"
// is the range from -1 to 2147483647 and "-10--1" the range from -10 to
// -1; boto 2 split such strings at the first '-' and broke on them.
func ParseAllowedValues(dataType, s string) (AllowedValues, error) {
	a := AllowedValues{Raw: s, kind: kindOf(dataType)}
	a.list = strings.EqualFold(dataType, "list")
	a.bool = strings.EqualFold(dataType, "boolean")
	if strings.TrimSpace(s) == "" {
		return a, nil
	}
	if a.kind == kindString {
		for v := range strings.SplitSeq(s, ",") {
			if v = strings.TrimSpace(v); v != "" {
				a.Values = append(a.Values, boolRange(a.bool, v)...)
			}
		}
		return a, nil
	}
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			return AllowedValues{}, fmt.Errorf("rds: allowed values %q: empty item", s)
		}
		lo, hi, isRange := splitRange(item)
		if isRange && hi == "" {
			return AllowedValues{}, fmt.Errorf("rds: allowed values %q: range %q has no upper bound", s, item)
		}
		if a.kind == kindInteger {
			r, err := parseIntRange(lo, hi)
			if err != nil {
				return AllowedValues{}, fmt.Errorf("rds: allowed values %q: %w", s, err)
			}
			a.ints = append(a.ints, r)
			fmin, _ := new(big.Float).SetInt(r.min).Float64()
			fmax, _ := new(big.Float).SetInt(r.max).Float64()
			a.Ranges = append(a.Ranges, Range{fmin, fmax})
			continue
		}
		r, err := parseFloatRange(lo, hi)
		if err != nil {
			return AllowedValues{}, fmt.Errorf("rds: allowed values %q: %w", s, err)
		}
		a.Ranges = append(a.Ranges, r)
	}
	return a, nil
}

// splitRange cuts "lo-hi" at the '-' that separates the bounds: not a
// leading sign, and not the sign of an exponent ("1e-5"). Without one,
// item is a single number, hi is "" and isRange false.
func splitRange(item string) (lo, hi string, isRange bool) {
	for i := 1; i < len(item); i++ {
		if item[i] != '-' {
			continue
		}
		if p := item[i-1]; p == 'e' || p == 'E' {
			continue
		}
		return item[:i], item[i+1:], true
	}
	return item, "", false
}

// boolRange spells out a boolean's allowed values written as a range,
// "0-1", as the values "0" and "1". Anything else stays as it is.
func boolRange(isBool bool, v string) []string {
	if !isBool {
		return []string{v}
	}
	lo, hi, isRange := splitRange(v)
	if !isRange {
		return []string{v}
	}
	r, err := parseIntRange(lo, hi)
	if err != nil || r.min.Sign() < 0 || r.max.Cmp(big.NewInt(1)) > 0 {
		return []string{v}
	}
	var out []string
	for n := r.min.Int64(); n <= r.max.Int64(); n++ {
		out = append(out, strconv.FormatInt(n, 10))
	}
	return out
}

func parseInt(s string) (*big.Int, bool) {
	if s == "" {
		return nil, false
	}
	digits := strings.TrimPrefix(s, "-")
	if digits == "" {
		return nil, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return nil, false
		}
	}
	n, ok := new(big.Int).SetString(s, 10)
	return n, ok
}

func parseIntRange(lo, hi string) (intRange, error) {
	min, ok := parseInt(lo)
	if !ok {
		return intRange{}, fmt.Errorf("%q is not an integer", lo)
	}
	if hi == "" {
		return intRange{min, min}, nil
	}
	max, ok := parseInt(hi)
	if !ok {
		return intRange{}, fmt.Errorf("%q is not an integer", hi)
	}
	if min.Cmp(max) > 0 {
		return intRange{}, fmt.Errorf("range %s-%s runs backwards", lo, hi)
	}
	return intRange{min, max}, nil
}

// parseFloat reads a finite decimal number. strconv.ParseFloat alone
// would take "Inf", "NaN" and hex floats, which no engine does.
func parseFloat(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

func parseFloatRange(lo, hi string) (Range, error) {
	min, ok := parseFloat(lo)
	if !ok {
		return Range{}, fmt.Errorf("%q is not a number", lo)
	}
	if hi == "" {
		return Range{min, min}, nil
	}
	max, ok := parseFloat(hi)
	if !ok {
		return Range{}, fmt.Errorf("%q is not a number", hi)
	}
	if min > max {
		return Range{}, fmt.Errorf("range %s-%s runs backwards", lo, hi)
	}
	return Range{min, max}, nil
}

// Check reports, as a rule for a *goboto.ValidationError, why value is not
// allowed: "is not an integer", "out of range 1024-1073741824", "not one
// of ON,OFF". It returns "" for an allowed value. Check does not know
// about formulas; Parameter.Set passes those through before asking.
//
// Booleans are 0 or 1, as the engines' parameter groups write them,
// unless the allowed values list others. Strings and list items match an
// allowed value regardless of case, as MySQL and PostgreSQL read them; a
// list value is comma-separated items, each of which must be allowed.
func (a AllowedValues) Check(value string) string {
	switch a.kind {
	case kindInteger:
		n, ok := parseInt(value)
		if !ok {
			return "is not an integer"
		}
		if len(a.ints) == 0 {
			return ""
		}
		for _, r := range a.ints {
			if n.Cmp(r.min) >= 0 && n.Cmp(r.max) <= 0 {
				return ""
			}
		}
		return "out of range " + a.Raw
	case kindFloat:
		f, ok := parseFloat(value)
		if !ok {
			return "is not a number"
		}
		if len(a.Ranges) == 0 {
			return ""
		}
		for _, r := range a.Ranges {
			if f >= r.Min && f <= r.Max {
				return ""
			}
		}
		return "out of range " + a.Raw
	}
	values := a.Values
	if a.bool && len(values) == 0 {
		values = []string{"0", "1"}
	}
	if len(values) == 0 {
		return ""
	}
	if !a.list {
		if !containsFold(values, value) {
			return "not one of " + strings.Join(values, ",")
		}
		return ""
	}
	for item := range strings.SplitSeq(value, ",") {
		if !containsFold(values, strings.TrimSpace(item)) {
			return fmt.Sprintf("has %q, not one of %s", strings.TrimSpace(item), strings.Join(values, ","))
		}
	}
	return ""
}

func containsFold(values []string, v string) bool {
	for _, x := range values {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

// String returns the allowed values as RDS wrote them.
func (a AllowedValues) String() string { return a.Raw }
