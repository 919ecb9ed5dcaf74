package ec2test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestZoneIDPrefix(t *testing.T) {
	tests := map[string]string{
		"us-east-1": "use1", "us-west-2": "usw2", "ap-southeast-2": "apse2", "ap-northeast-1": "apne1",
		"eu-central-1": "euc1", "sa-east-1": "sae1", "il-central-1": "ilc1", "us-gov-west-1": "usgovw1",
	}
	for region, want := range tests {
		if got := zoneIDPrefix(region); got != want {
			t.Errorf("zoneIDPrefix(%q) = %q, want %q", region, got, want)
		}
	}
}

func TestFiltersParse(t *testing.T) {
	params := url.Values{
		"Filter.2.Name": {"state"}, "Filter.2.Value.1": {"available"},
		"Filter.10.Name": {"zone-name"}, "Filter.10.Value.1": {"a"}, "Filter.10.Value.2": {"b"},
		"Filter.1.Name": {"region-name"}, "Filter.1.Value.1": {"us-*"},
	}
	got, err := filters(params, "region-name", "state", "zone-name")
	if err != nil {
		t.Fatal(err)
	}
	want := []filter{{"region-name", []string{"us-*"}}, {"state", []string{"available"}}, {"zone-name", nil}}
	// Value order within one filter does not matter: they are ORed.
	if len(got) != 3 || len(got[2].values) != 2 {
		t.Fatalf("filters = %+v", got)
	}
	got[2].values = nil
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(filter{})); diff != "" {
		t.Errorf("filters (-want +got):\n%s", diff)
	}
	if got := list(url.Values{"RegionName.2": {"b"}, "RegionName.1": {"a"}, "RegionName.10": {"c"}, "RegionNameX": {"x"}}, "RegionName"); !cmp.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("list = %v", got)
	}
}

func TestWildcard(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"us-*", "us-east-1", true},
		{"us-*", "eu-west-1", false},
		{"*", "", true},
		{"", "", true},
		{"", "a", false},
		{"?", "", false},
		{"??-west-?", "eu-west-1", true},
		{"*-1", "us-east-1", true},
		{"*a*b*", "xxaxxbxx", true},
		{"*a*b", "xxaxxbxx", false},
		{"us-east-1", "US-EAST-1", false},
		{"*y", "*0y", true}, // found by FuzzWildcard: a * in the text is a literal
		// EC2 API Reference, Filter: "a filter value of \*amazon\?\\
		// specifies the literal string *amazon?\".
		{`\*amazon\?\\`, `*amazon?\`, true},
		{`\*amazon\?\\`, `xamazony\`, false},
		{`\*`, "*", true},
		{`\*`, "a", false},
		{`\?`, "?", true},
		{`\?`, "a", false},
		{`a\\*`, `a\bc`, true}, // \\ is one backslash; the * after it is a wildcard
		{`a\\*`, `abc`, false},
		{`\x`, `\x`, true}, // a backslash before another character stands for itself
		{`x\`, `x\`, true},
		{`*\**`, "no star", false},
		{`*\**`, "a*b", true},
	}
	for _, tt := range tests {
		if got := wildcard(tt.pattern, tt.s); got != tt.want {
			t.Errorf("wildcard(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

// FuzzWildcard checks wildcard against a regular expression built from
// the same pattern, escapes included.
func FuzzWildcard(f *testing.F) {
	f.Add("us-*", "us-east-1")
	f.Add("*a?b*", "xxacbyy")
	f.Add(`\*a\?\\*`, `*a?\\b`)
	f.Fuzz(func(t *testing.T, pattern, s string) {
		var re strings.Builder
		re.WriteString(`^(?s)`)
		p := []rune(pattern)
		for i := 0; i < len(p); i++ {
			switch r := p[i]; {
			case r == '\\' && i+1 < len(p) && strings.ContainsRune(`*?\`, p[i+1]):
				i++
				re.WriteString(regexp.QuoteMeta(string(p[i])))
			case r == '*':
				re.WriteString(".*")
			case r == '?':
				re.WriteString(".")
			default:
				re.WriteString(regexp.QuoteMeta(string(r)))
			}
		}
		re.WriteString("$")
		want := regexp.MustCompile(re.String()).MatchString(s)
		if got := wildcard(pattern, s); got != want {
			t.Errorf("wildcard(%q, %q) = %v, regexp says %v", pattern, s, got, want)
		}
	})
}
