package awsmodel

import (
	"slices"
	"strings"
	"testing"
)

func TestCheckSomeRefused(t *testing.T) {
	tests := []struct {
		name    string
		results []Result
		fails   bool
	}{
		{"all implemented succeeded", []Result{{Implemented: true}, {Implemented: true}, {Code: "InvalidAction"}}, true},
		{"one refused", []Result{{Implemented: true}, {Implemented: true, Code: "NoSuchThing"}}, false},
		{"nothing implemented", []Result{{Code: "InvalidAction"}}, true},
	}
	for _, tt := range tests {
		var r recorder
		CheckSomeRefused(&r, tt.results)
		if got := len(r.errors) > 0; got != tt.fails {
			t.Errorf("%s: failed = %v, want %v (%q)", tt.name, got, tt.fails, r.errors)
		}
	}
}

func TestSource(t *testing.T) {
	var names []string
	for _, f := range Source(t, "sign.go") {
		names = append(names, f.Name)
		if f.Name == "harness.go" && !strings.Contains(f.Text, "func Source(") {
			t.Errorf("harness.go read as %.40q", f.Text)
		}
	}
	if !slices.Contains(names, "conform.go") || slices.Contains(names, "sign.go") || slices.ContainsFunc(names, func(n string) bool {
		return strings.HasSuffix(n, "_test.go")
	}) {
		t.Errorf("Source(sign.go) read %v", names)
	}
}
