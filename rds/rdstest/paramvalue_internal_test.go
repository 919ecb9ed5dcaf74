package rdstest

import (
	"math/big"
	"slices"
	"strings"
	"testing"
)

func TestValidValue(t *testing.T) {
	for _, tc := range []struct {
		dataType, allowed, value string
		want                     bool
	}{
		{"integer", "1024-1073741824", "1024", true},
		{"integer", "1024-1073741824", "1073741824", true},
		{"integer", "1024-1073741824", "1023", false},
		{"integer", "1024-1073741824", "-5", false},
		{"integer", "1024-1073741824", "1073741825", false},
		{"integer", "1024-1073741824", "2k", false},
		{"integer", "1024-1073741824", "", false},
		{"integer", "-1-2147483647", "-1", true},
		{"integer", "-1-2147483647", "-2", false},
		{"integer", "-1-2147483647", "0", true},
		{"integer", "-15-3", "-15", true},
		{"integer", "-15-3", "4", false},
		{"integer", "0,1,2", "2", true},
		{"integer", "0,1,2", "3", false},
		{"integer", "1-65535,131072", "131072", true},
		{"integer", "1-65535,131072", "65536", false},
		{"integer", "0-18446744073709551615", "18446744073709551615", true},
		{"integer", "0-18446744073709551615", "18446744073709551616", false},
		{"integer", "", "-42", true},
		{"integer", "1024-1073741824", "{DBInstanceClassMemory*3/4}", true},
		{"integer", "6-262143", "LEAST({DBInstanceClassMemory/9531392},5000)", true},
		{"float", "0-99.99", "99.99", true},
		{"float", "0-99.99", "99.991", false},
		{"float", "0-1.79769e+308", "1e300", true},
		{"float", "-1-100", "-0.5", true},
		{"float", "-1-100", "-1.5", false},
		{"float", "0-1", "x", false},
		{"float", "0-1", "NaN", false},
		{"float", "", "NaN", false},
		{"float", "", "Inf", false},
		{"float", "0-100", "0x1p3", false},
		{"float", "1e-5-1", "2.5E-5", true},
		{"float", "0-10", "{DBInstanceVCPU/2}", true},
		{"integer", "1-100000", "{}", false},
		{"integer", "1-100000", "}x{", false},
		{"integer", "1-100000", "{x", false},
		{"integer", "-1-2147483647", "{GREATEST({DBInstanceClassMemory/32768},131072)}", true},
		{"integer", "-1-2147483647", "IF({TrueIfReplica},1,0)", true},
		{"string", "ROW,STATEMENT,MIXED", "{ROW}", false},
		{"list", "ANSI_QUOTES,NO_ZERO_DATE", "{ANSI_QUOTES}", false},
		{"string", "", "{%t}", true},
		{"boolean", "0,1", "1", true},
		{"boolean", "0,1", "true", false},
		{"boolean", "0-1", "1", true},
		{"boolean", "0-1", "2", false},
		{"boolean", "", "0", true},
		{"boolean", "{TrueIfReplica},0,1", "{TrueIfReplica}", true},
		{"string", "ON,OFF", "on", true},
		{"string", "ON,OFF", "MAYBE", false},
		{"string", "", "anything at all", true},
		{"list", "ANSI_QUOTES,NO_ZERO_DATE,STRICT_ALL_TABLES", "NO_ZERO_DATE,STRICT_ALL_TABLES", true},
		{"list", "ANSI_QUOTES,NO_ZERO_DATE", "NO_ZERO_DATE,FAST", false},
	} {
		p := param{Name: "p", DataType: tc.dataType, AllowedValues: tc.allowed}
		if got := validValue(p, tc.value); got != tc.want {
			t.Errorf("validValue(%s %q, %q) = %v, want %v", tc.dataType, tc.allowed, tc.value, got, tc.want)
		}
	}
}

func TestSplitRange(t *testing.T) {
	for _, tc := range []struct {
		item, lo, hi string
		ok           bool
	}{
		{"1024-1073741824", "1024", "1073741824", true},
		{"-1-2147483647", "-1", "2147483647", true},
		{"-15--3", "-15", "-3", true},
		{"0-1.79769e+308", "0", "1.79769e+308", true},
		{"1e-3-5", "1e-3", "5", true},
		{"-7", "", "", false},
		{"42", "", "", false},
	} {
		lo, hi, ok := splitRange(tc.item)
		if lo != tc.lo || hi != tc.hi || ok != tc.ok {
			t.Errorf("splitRange(%q) = %q, %q, %v", tc.item, lo, hi, ok)
		}
	}
}

// FuzzValidValue checks that no allowed-values string or value makes the
// checker panic, and that an integer range "lo-hi" with lo <= hi admits
// both of its bounds.
func FuzzValidValue(f *testing.F) {
	for _, s := range []string{"1024-1073741824", "-1-2147483647", "0,1,2", "ON,OFF", "1-65535,131072", "0-1.79769e+308", "{x}", "--", "-"} {
		f.Add("integer", s, "5")
		f.Add("float", s, "-0.5")
	}
	f.Fuzz(func(t *testing.T, dataType, allowed, value string) {
		validValue(param{DataType: dataType, AllowedValues: allowed}, value)
		lo, hi, ok := splitRange(allowed)
		if !ok || strings.Contains(allowed, ",") {
			return
		}
		a, okA := new(big.Int).SetString(lo, 10)
		b, okB := new(big.Int).SetString(hi, 10)
		if !okA || !okB || a.Cmp(b) > 0 {
			return
		}
		p := param{DataType: "integer", AllowedValues: allowed}
		if !validValue(p, a.String()) || !validValue(p, b.String()) {
			t.Errorf("%q does not admit its bounds %s and %s", allowed, a, b)
		}
	})
}

func TestSeed(t *testing.T) {
	c := newCatalog()
	for _, fam := range c.families {
		if len(fam.params) < 150 {
			t.Errorf("%s: %d parameters, want at least 150 so that paging matters", fam.name, len(fam.params))
		}
		names := make([]string, len(fam.params))
		types := map[string]int{}
		for i, p := range fam.params {
			names[i] = p.Name
			types[p.DataType]++
			if p.Value != "" && !validValue(p, p.Value) {
				t.Errorf("%s: %s's own value %q breaks its allowed values %q", fam.name, p.Name, p.Value, p.AllowedValues)
			}
			if p.Description == "" {
				t.Errorf("%s: %s has no description", fam.name, p.Name)
			}
		}
		if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
			t.Errorf("%s: names not sorted and unique", fam.name)
		}
		for _, dt := range []string{"integer", "float", "boolean", "string", "list"} {
			if types[dt] == 0 {
				t.Errorf("%s: no %s parameter", fam.name, dt)
			}
		}
	}
	if _, err := parseSeed("a|integer|1-2|x|y|e|||d"); err == nil {
		t.Error("a bad apply type parsed")
	}
	if _, err := parseSeed("a|integer|1-2"); err == nil {
		t.Error("a short line parsed")
	}
}
