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
	}
	for _, tt := range tests {
		if got := wildcard(tt.pattern, tt.s); got != tt.want {
			t.Errorf("wildcard(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

// FuzzWildcard checks wildcard against a regular expression built from
// the same pattern.
func FuzzWildcard(f *testing.F) {
	f.Add("us-*", "us-east-1")
	f.Add("*a?b*", "xxacbyy")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		var re strings.Builder
		re.WriteString(`^(?s)`)
		for _, r := range pattern {
			switch r {
			case '*':
				re.WriteString(".*")
			case '?':
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
