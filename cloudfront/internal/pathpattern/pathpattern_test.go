package pathpattern

import (
	"regexp"
	"strings"
	"testing"
)

// TestMatch pins the Developer Guide's examples ("Cache behavior
// settings", Path pattern): "/images/*.jpg", "/*.jpg", "*.gif" style
// wildcards, "?" for one character, case sensitivity, and the optional
// leading slash.
func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"*", "/", true},
		{"*", "/anything/at/all.txt", true},
		{"/images/*.jpg", "/images/a.jpg", true},
		{"/images/*.jpg", "/images/sub/dir/a.jpg", true},
		{"/images/*.jpg", "/images/a.JPG", false}, // case sensitive
		{"/images/*.jpg", "/images/a.jpg.png", false},
		{"images/*.jpg", "/images/a.jpg", true}, // leading slash optional
		{"/*.jpg", "/a.jpg", true},
		{"/*.jpg", "/deep/a.jpg", true},
		{"/wp-admin/*", "/wp-admin/", true},
		{"/wp-admin/*", "/wp-admin", false},
		{"/wp-login.php", "/wp-login.php", true},
		{"/wp-login.php", "/wp-login.phpx", false},
		{"/file?.txt", "/file1.txt", true},
		{"/file?.txt", "/file.txt", false},
		{"/file?.txt", "/file12.txt", false},
		{"/a*b*c", "/aXbYc", true},
		{"/a*b*c", "/aXbY", false},
		{"/**", "/x", true},
	}
	for _, tc := range tests {
		if got := Match(tc.pattern, tc.path); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}

func TestPick(t *testing.T) {
	patterns := []string{"/wp-admin/*", "/wp-login.php", "/*.php", "/images/*"}
	for path, want := range map[string]int{
		"/wp-admin/edit.php": 0, // first match wins over /*.php
		"/wp-login.php":      1,
		"/index.php":         2,
		"/images/a.png":      3,
		"/about":             -1,
	} {
		if got := Pick(patterns, path); got != want {
			t.Errorf("Pick(%q) = %d, want %d", path, got, want)
		}
	}
}

// reference is Match written as a regular expression, to compare with.
func reference(pattern, path string) bool {
	if !strings.HasPrefix(pattern, "/") && pattern != "*" {
		pattern = "/" + pattern
	}
	var re strings.Builder
	re.WriteString(`^`)
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; c {
		case '*':
			re.WriteString(`[\x00-\xff]*`)
		case '?':
			re.WriteString(`[\x00-\xff]`)
		default:
			re.WriteString(regexp.QuoteMeta(string([]byte{c})))
		}
	}
	re.WriteString(`$`)
	// Latin-1 view so a regexp byte is a path byte.
	toRunes := func(s string) string {
		r := make([]rune, len(s))
		for i := range len(s) {
			r[i] = rune(s[i])
		}
		return string(r)
	}
	return regexp.MustCompile(toRunes(re.String())).MatchString(toRunes(path))
}

// FuzzMatch checks Match against the regular-expression reference, for
// any pattern and path.
func FuzzMatch(f *testing.F) {
	f.Add("/images/*.jpg", "/images/a.jpg")
	f.Add("/a?c*", "/abcdef")
	f.Add("*", "/")
	f.Add("x*y*z", "/xayz")
	f.Fuzz(func(t *testing.T, pattern, path string) {
		if len(pattern) > 64 || len(path) > 256 {
			return
		}
		if got, want := Match(pattern, path), reference(pattern, path); got != want {
			t.Fatalf("Match(%q, %q) = %v, reference %v", pattern, path, got, want)
		}
	})
}
