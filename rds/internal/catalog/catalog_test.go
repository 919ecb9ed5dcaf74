package catalog

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// versionLess compares dotted version numbers numerically: 10.11.9 is
// before 10.11.10.
func versionLess(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := range min(len(as), len(bs)) {
		x, _ := strconv.Atoi(as[i])
		y, _ := strconv.Atoi(bs[i])
		if x != y {
			return x < y
		}
	}
	return len(as) < len(bs)
}

// TestCatalogShape holds the table to the rules the client and the fake
// rely on: versions ascend so the last is the default, each belongs to
// its major, families are unique, and every major offers classes.
func TestCatalogShape(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Engines() {
		if _, ok := e.Major(e.DefaultMajor); !ok {
			t.Errorf("%s: default major %s is not one of its majors", e.Name, e.DefaultMajor)
		}
		for _, m := range e.Majors {
			if seen[m.Family] {
				t.Errorf("family %s twice", m.Family)
			}
			seen[m.Family] = true
			if m.Family != e.Name+m.Version {
				t.Errorf("%s %s: family %s", e.Name, m.Version, m.Family)
			}
			for i, v := range m.Versions {
				if !strings.HasPrefix(v, m.Version+".") {
					t.Errorf("%s: version %s is not of major %s", e.Name, v, m.Version)
				}
				if i > 0 && !versionLess(m.Versions[i-1], v) {
					t.Errorf("%s: %s before %s", e.Name, m.Versions[i-1], v)
				}
			}
			if len(m.Classes) < 20 || !slices.IsSorted(m.Classes) || !slices.Contains(m.Classes, "db.t3.micro") {
				t.Errorf("%s %s: classes %v", e.Name, m.Version, m.Classes)
			}
		}
	}
	want := []string{"mariadb10.11", "mariadb10.6", "mariadb11.4", "mysql8.0", "mysql8.4",
		"postgres13", "postgres14", "postgres15", "postgres16", "postgres17"}
	if diff := cmp.Diff(want, Families()); diff != "" {
		t.Errorf("families (-want +got):\n%s", diff)
	}
}

func TestResolve(t *testing.T) {
	pg, _ := Lookup("POSTGRES")
	for _, tc := range []struct{ in, want, family string }{
		{"", "17.6", "postgres17"},
		{"16", "16.10", "postgres16"},
		{"13.20", "13.20", "postgres13"},
		{"12", "", ""},
		{"16.1", "", ""},
		{"1", "", ""},
	} {
		got, m, ok := pg.Resolve(tc.in)
		if got != tc.want || m.Family != tc.family || ok != (tc.want != "") {
			t.Errorf("Resolve(%q) = %q, %q, %t; want %q, %q", tc.in, got, m.Family, ok, tc.want, tc.family)
		}
	}
	if _, ok := Lookup("oracle-ee"); ok {
		t.Error("the catalog has oracle-ee")
	}
	if e, m, ok := FamilyEngine("MySQL8.4"); !ok || e.Name != "mysql" || m.Version != "8.4" {
		t.Errorf("FamilyEngine(MySQL8.4) = %s %s %t", e.Name, m.Version, ok)
	}
}
