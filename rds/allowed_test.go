package rds_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto/rds"
)

func TestParseAllowedValues(t *testing.T) {
	tests := []struct {
		dataType, raw string
		ranges        []rds.Range
		values        []string
	}{
		{"integer", "1024-1073741824", []rds.Range{{1024, 1073741824}}, nil},
		// boto 2 split at the first '-' and broke on negative bounds.
		{"integer", "-1-2147483647", []rds.Range{{-1, 2147483647}}, nil},
		{"integer", "-10--1", []rds.Range{{-10, -1}}, nil},
		{"integer", "-2147483648-2147483647", []rds.Range{{-2147483648, 2147483647}}, nil},
		{"integer", "1-65535,131072", []rds.Range{{1, 65535}, {131072, 131072}}, nil},
		{"integer", "0,1,2", []rds.Range{{0, 0}, {1, 1}, {2, 2}}, nil},
		{"integer", "0-18446744073709551615", []rds.Range{{0, 18446744073709551615}}, nil},
		{"integer", " 1 - 5 ", nil, nil}, // spaces around the dash: see the error table
		{"float", "0-1", []rds.Range{{0, 1}}, nil},
		{"float", "0.1-100.5", []rds.Range{{0.1, 100.5}}, nil},
		{"float", "-1.5-1e-5", []rds.Range{{-1.5, 1e-5}}, nil},
		{"float", "1e-10-1E+3", []rds.Range{{1e-10, 1000}}, nil},
		{"boolean", "0,1", nil, []string{"0", "1"}},
		{"boolean", "0-1", nil, []string{"0", "1"}},
		{"boolean", "{TrueIfReplica},0,1", nil, []string{"{TrueIfReplica}", "0", "1"}},
		{"string", "0-1", nil, []string{"0-1"}}, // only booleans spell out ranges
		{"string", "ON,OFF", nil, []string{"ON", "OFF"}},
		{"list", "ROW, STATEMENT ,MIXED", nil, []string{"ROW", "STATEMENT", "MIXED"}},
		{"string", "", nil, nil},
		{"integer", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.dataType+"/"+tt.raw, func(t *testing.T) {
			a, err := rds.ParseAllowedValues(tt.dataType, tt.raw)
			if tt.raw == " 1 - 5 " {
				if err == nil {
					t.Fatalf("ParseAllowedValues(%q) = %+v, want an error", tt.raw, a)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.ranges, a.Ranges, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Ranges (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.values, a.Values, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Values (-want +got):\n%s", diff)
			}
			if a.String() != tt.raw {
				t.Errorf("String() = %q, want %q", a.String(), tt.raw)
			}
		})
	}
}

func TestParseAllowedValuesErrors(t *testing.T) {
	for _, tt := range []struct{ dataType, raw string }{
		{"integer", "5-1"},
		{"integer", "1-"},
		{"integer", "-"},
		{"integer", "a-b"},
		{"integer", "1.5-2"},
		{"integer", "1,,2"},
		{"integer", "1-2-3"},
		{"float", "1-x"},
		{"float", "NaN"},
		{"float", "Inf"},
		{"float", "2-1"},
		{"float", "0x10"},
	} {
		if a, err := rds.ParseAllowedValues(tt.dataType, tt.raw); err == nil {
			t.Errorf("ParseAllowedValues(%q, %q) = %+v, want an error", tt.dataType, tt.raw, a.Ranges)
		}
	}
}

func TestAllowedValuesCheck(t *testing.T) {
	tests := []struct {
		dataType, raw, value, rule string
	}{
		{"integer", "1024-1073741824", "2048", ""},
		{"integer", "1024-1073741824", "1024", ""},
		{"integer", "1024-1073741824", "1073741824", ""},
		{"integer", "1024-1073741824", "-5", "out of range 1024-1073741824"},
		{"integer", "1024-1073741824", "1073741825", "out of range 1024-1073741824"},
		{"integer", "1024-1073741824", "2k", "is not an integer"},
		{"integer", "1024-1073741824", "2048.0", "is not an integer"},
		{"integer", "1024-1073741824", "", "is not an integer"},
		{"integer", "-1-2147483647", "-1", ""},
		{"integer", "-1-2147483647", "-2", "out of range -1-2147483647"},
		{"integer", "-1-2147483647", "2147483647", ""},
		{"integer", "-1-2147483647", "2147483648", "out of range -1-2147483647"},
		{"integer", "1-65535,131072", "131072", ""},
		{"integer", "1-65535,131072", "65536", "out of range 1-65535,131072"},
		{"integer", "0,1,2", "2", ""},
		{"integer", "0,1,2", "3", "out of range 0,1,2"},
		{"integer", "0-18446744073709551615", "18446744073709551615", ""},
		{"integer", "0-18446744073709551615", "18446744073709551616", "out of range 0-18446744073709551615"},
		{"integer", "", "-99999999999999999999", ""},
		{"float", "0-1", "0.5", ""},
		{"float", "0-1", "1", ""},
		{"float", "0-1", "1.01", "out of range 0-1"},
		{"float", "0-1", "abc", "is not a number"},
		{"float", "0-1", "NaN", "is not a number"},
		{"float", "", "3.25e2", ""},
		{"boolean", "0,1", "1", ""},
		{"boolean", "0,1", "true", "not one of 0,1"},
		{"boolean", "", "0", ""},
		{"boolean", "", "2", "not one of 0,1"},
		{"string", "ON,OFF", "ON", ""},
		{"string", "ON,OFF", "off", ""},
		{"string", "ON,OFF", "MAYBE", "not one of ON,OFF"},
		{"string", "", "anything at all", ""},
		{"list", "STRICT_TRANS_TABLES,NO_ZERO_DATE,ANSI_QUOTES", "STRICT_TRANS_TABLES,ANSI_QUOTES", ""},
		{"list", "STRICT_TRANS_TABLES,NO_ZERO_DATE,ANSI_QUOTES", "STRICT_TRANS_TABLES,BOGUS", `has "BOGUS", not one of STRICT_TRANS_TABLES,NO_ZERO_DATE,ANSI_QUOTES`},
	}
	for _, tt := range tests {
		t.Run(tt.dataType+"/"+tt.raw+"/"+tt.value, func(t *testing.T) {
			a, err := rds.ParseAllowedValues(tt.dataType, tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			if got := a.Check(tt.value); got != tt.rule {
				t.Errorf("Check(%q) = %q, want %q", tt.value, got, tt.rule)
			}
		})
	}
}

// FuzzAllowedValues checks the allowed-values parser never panics and
// agrees with itself: a value it accepts lies within one of the ranges it
// parsed, and every range's bounds are accepted.
func FuzzAllowedValues(f *testing.F) {
	for _, s := range []string{"1024-1073741824", "-1-2147483647", "1-65535,131072", "0,1,2", "-10--1",
		"0-18446744073709551615", "0.1-1e-5", "ON,OFF", "", "-", "--", "1-", "1e5-1e6"} {
		f.Add("integer", s, "5")
		f.Add("float", s, "-1.5")
	}
	f.Add("list", "A,B,C", "A,C")
	f.Add("boolean", "0-1", "1")
	f.Add("boolean", "", "2")
	f.Fuzz(func(t *testing.T, dataType, raw, value string) {
		a, err := rds.ParseAllowedValues(dataType, raw)
		if err != nil {
			return
		}
		rule := a.Check(value)
		if a.String() != raw {
			t.Fatalf("String() = %q, want %q", a.String(), raw)
		}
		for _, r := range a.Ranges {
			if r.Min > r.Max || math.IsNaN(r.Min) || math.IsNaN(r.Max) {
				t.Fatalf("%q parsed to bad range %+v", raw, r)
			}
		}
		switch dataType {
		case "integer":
			if len(a.Values) != 0 {
				t.Fatalf("integer %q parsed to values %q", raw, a.Values)
			}
			n, err := strconv.ParseInt(value, 10, 64)
			if err != nil || strings.HasPrefix(value, "+") {
				return
			}
			// Where float64 holds every bound and the value exactly,
			// Check must agree with the ranges both ways.
			const exact = 1 << 53
			if n > exact || n < -exact {
				return
			}
			in := len(a.Ranges) == 0
			for _, r := range a.Ranges {
				if math.Abs(r.Min) > exact || math.Abs(r.Max) > exact {
					return
				}
				in = in || float64(n) >= r.Min && float64(n) <= r.Max
			}
			if in != (rule == "") {
				t.Fatalf("%q: Check(%q) = %q, but in a range is %v (%+v)", raw, value, rule, in, a.Ranges)
			}
		case "boolean":
			allowed := a.Values
			if len(allowed) == 0 {
				allowed = []string{"0", "1"}
			}
			ok := false
			for _, v := range allowed {
				ok = ok || strings.EqualFold(v, value)
			}
			if ok != (rule == "") {
				t.Fatalf("boolean %q: Check(%q) = %q; allowed %q", raw, value, rule, allowed)
			}
		case "float":
			for _, r := range a.Ranges {
				for _, b := range []float64{r.Min, r.Max} {
					if got := a.Check(strconv.FormatFloat(b, 'g', -1, 64)); got != "" {
						t.Fatalf("%q refused its own bound %v: %s", raw, b, got)
					}
				}
			}
		}
	})
}
