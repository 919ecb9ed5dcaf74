package sdb

import (
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/sigv2"
)

func TestHostname(t *testing.T) {
	for region, want := range map[string]string{
		"us-east-1":      "sdb.amazonaws.com",
		"us-west-1":      "sdb.us-west-1.amazonaws.com",
		"eu-west-1":      "sdb.eu-west-1.amazonaws.com",
		"ap-northeast-1": "sdb.ap-northeast-1.amazonaws.com",
	} {
		if got := hostname(region); got != want {
			t.Errorf("hostname(%q) = %q, want %q", region, got, want)
		}
	}
}

func TestInspect(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want exprInfo
		bad  bool
	}{
		{expr: "select * from books", want: exprInfo{domain: "books"}},
		{expr: "SELECT * FROM `my-domain` WHERE a = 'x' LIMIT 20", want: exprInfo{domain: "my-domain", limit: 20}},
		{expr: "select * from `a``b` where `from` = 'limit 5000'", want: exprInfo{domain: "a`b"}},
		{expr: `select * from d where a = "from x" limit 2500`, want: exprInfo{domain: "d", limit: 2500}},
		{expr: "select * from d where a = 'unterminated limit 9999", want: exprInfo{}},
		{expr: "select * from d limit 2501", bad: true},
		{expr: "select * from d limit 0", bad: true},
		{expr: "select * from d limit 99999999999999999999", bad: true},
		{expr: "", bad: true},
	} {
		got, err := inspect(tc.expr)
		if tc.bad {
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("inspect(%q) err = %v, want a ValidationError", tc.expr, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("inspect(%q): %v", tc.expr, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(exprInfo{})); diff != "" {
			t.Errorf("inspect(%q) (-want +got):\n%s", tc.expr, diff)
		}
	}
}

func TestChunks(t *testing.T) {
	item := func(name string, valueBytes int) Item {
		return Item{Name: name, Attributes: Attributes{"v": {strings.Repeat("x", valueBytes)}}}
	}
	small := make([]Item, 51)
	for i := range small {
		small[i] = item("s", 1)
	}
	// Each big item is ~225 KB encoded: four fit under 1 MB, five do not.
	big := make([]Item, 12)
	for i := range big {
		a := Attributes{}
		for j := range 200 {
			a.Add("v", strings.Repeat(string(rune('a'+j%26)), 1000))
		}
		big[i] = Item{Name: "b", Attributes: a}
	}
	// 256 KB of control bytes each, but three times that once
	// percent-encoded: two such items need two calls.
	escaped := make([]Item, 2)
	for i := range escaped {
		a := Attributes{}
		for j := range 256 {
			a.Add("v", strings.Repeat(string(rune(j%32)), 1024))
		}
		escaped[i] = Item{Name: "e", Attributes: a}
	}
	for _, tc := range []struct {
		name  string
		items []Item
		want  []int
	}{
		{"none", nil, nil},
		{"by count", small, []int{25, 25, 1}},
		{"by size", big, []int{4, 4, 4}},
		{"escaping counted", escaped, []int{1, 1}},
	} {
		var got []int
		for _, c := range chunks(tc.items) {
			got = append(got, len(c))
			size := 0
			for _, it := range c {
				size += encodedSize(it)
			}
			if size > maxBatchBodyBytes {
				t.Errorf("%s: chunk of %d bytes", tc.name, size)
			}
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestEscapedLen(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc-_.~": 7, "a b": 5, "é": 6, "\x00": 3} {
		if got := escapedLen(s); got != want {
			t.Errorf("escapedLen(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestEncodeAttributes pins the parameters a write sends, past the end of
// attrKeys' table too, and checks that the value slices sharing one array
// do not overwrite each other when a caller appends to one.
func TestEncodeAttributes(t *testing.T) {
	attrs := Attributes{"b": {"1", "2"}, "a": {"x"}, "gone": nil}
	for _, prefix := range []string{"", "Item.3."} {
		p := url.Values{}
		encodeAttributes(p, prefix, attrs, false, []string{"b"})
		want := url.Values{
			prefix + "Attribute.1.Name": {"a"}, prefix + "Attribute.1.Value": {"x"},
			prefix + "Attribute.2.Name": {"b"}, prefix + "Attribute.2.Value": {"1"}, prefix + "Attribute.2.Replace": {"true"},
			prefix + "Attribute.3.Name": {"b"}, prefix + "Attribute.3.Value": {"2"}, prefix + "Attribute.3.Replace": {"true"},
			prefix + "Attribute.4.Name": {"gone"},
		}
		if diff := cmp.Diff(want, p); diff != "" {
			t.Errorf("prefix %q (-want +got):\n%s", prefix, diff)
		}
		p.Add(prefix+"Attribute.1.Name", "appended")
		if got := p.Get(prefix + "Attribute.1.Value"); got != "x" {
			t.Errorf("prefix %q: appending to one parameter changed the next to %q", prefix, got)
		}
	}

	many := Attributes{}
	for i := range MaxPairsPerPut + 2 {
		many.Add("n", strconv.Itoa(i))
	}
	p := url.Values{}
	encodeAttributes(p, "", many, true, nil)
	for _, n := range []int{1, MaxPairsPerPut, MaxPairsPerPut + 1, MaxPairsPerPut + 2} {
		key := "Attribute." + strconv.Itoa(n) + "."
		if p.Get(key+"Name") != "n" || p.Get(key+"Value") == "" || p.Get(key+"Replace") != "true" {
			t.Errorf("pair %d: Name %q Value %q Replace %q", n, p.Get(key+"Name"), p.Get(key+"Value"), p.Get(key+"Replace"))
		}
	}
	if len(p) != 3*(MaxPairsPerPut+2) {
		t.Errorf("%d parameters, want %d", len(p), 3*(MaxPairsPerPut+2))
	}
}

// encodeAttributePairs sends what encodeAttributes sends, already in the
// canonical order SigV2 signs in, across the attribute numbers where the
// decimal order differs from the numeric one.
func TestEncodeAttributePairs(t *testing.T) {
	for _, n := range []int{1, 2, 9, 10, 11, 25, 100, MaxPairsPerPut} {
		attrs := Attributes{"empty": nil}
		for i := range n {
			attrs.Add("a"+strconv.Itoa(i%7), strconv.Itoa(i))
		}
		for _, replaceAll := range []bool{false, true} {
			want := url.Values{}
			encodeAttributes(want, "", attrs, replaceAll, []string{"a3"})
			pairs := encodeAttributePairs(nil, attrs, replaceAll, []string{"a3"})
			got := url.Values{}
			for _, p := range pairs {
				got.Add(p.Name, p.Value)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%d values, replaceAll %v (-encodeAttributes +encodeAttributePairs):\n%s", n, replaceAll, diff)
			}
			if !slices.IsSortedFunc(pairs, func(a, b sigv2.Param) int { return strings.Compare(a.Name, b.Name) }) {
				t.Errorf("%d values, replaceAll %v: pairs not in canonical order", n, replaceAll)
			}
		}
	}
}

func TestDecimalOrder(t *testing.T) {
	for _, n := range []int{0, 1, 9, 10, 19, 100, 101, 256, 1000} {
		want := make([]string, n)
		for i := range n {
			want[i] = strconv.Itoa(i + 1)
		}
		slices.Sort(want)
		var got []string
		for k := range decimalOrder(n) {
			got = append(got, strconv.Itoa(k))
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("n %d (-want +got):\n%s", n, diff)
		}
	}
}
