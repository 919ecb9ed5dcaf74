package viewerauth

import (
	"regexp"
	"strings"
	"testing"
)

// TestMatchResource pins the wildcards of a custom policy's Resource
// (Developer Guide, "Create a signed URL using a custom policy": * matches
// zero or more characters, ? exactly one), including the guide's
// examples of a whole distribution and a scheme wildcard.
func TestMatchResource(t *testing.T) {
	for _, c := range []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"*", "https://d111111abcdef8.cloudfront.net/a?b=c", true},
		{"https://d111111abcdef8.cloudfront.net/*", "https://d111111abcdef8.cloudfront.net/", true},
		{"https://d111111abcdef8.cloudfront.net/*", "https://d111111abcdef8.cloudfront.net/training/orientation.avi", true},
		{"https://d111111abcdef8.cloudfront.net/*", "https://d222222abcdef8.cloudfront.net/x", false},
		{"http*://d111111abcdef8.cloudfront.net/*", "http://d111111abcdef8.cloudfront.net/x", true},
		{"http*://d111111abcdef8.cloudfront.net/*", "https://d111111abcdef8.cloudfront.net/x", true},
		{"https://d111111abcdef8.cloudfront.net/*game_download.zip*", "https://d111111abcdef8.cloudfront.net/example/game_download.zip?license=yes", true},
		{"https://example.com/a?.jpg", "https://example.com/a1.jpg", true},
		{"https://example.com/a?.jpg", "https://example.com/a.jpg", false},
		{"https://example.com/a?.jpg", "https://example.com/a12.jpg", false},
		{"https://example.com/A.jpg", "https://example.com/a.jpg", false},
		{"https://example.com/a%20b", "https://example.com/a b", false},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "aXbYbZ", false},
		{"**", "x", true},
		{"", "", true},
		{"", "x", false},
	} {
		if got := MatchResource(c.pattern, c.s); got != c.want {
			t.Errorf("MatchResource(%q, %q) = %v, want %v", c.pattern, c.s, got, c.want)
		}
	}
}

// wildcardRegexp is the reference MatchResource is fuzzed against.
func wildcardRegexp(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^`)
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(`(?s:.*)`)
		case '?':
			b.WriteString(`(?s:.)`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}

// FuzzMatchResource compares MatchResource with a regular expression
// built from the same pattern. Inputs are kept to ASCII, what a signed
// Resource and a request URL hold, so that bytes and characters agree.
func FuzzMatchResource(f *testing.F) {
	f.Add("https://d111111abcdef8.cloudfront.net/*", "https://d111111abcdef8.cloudfront.net/a/b")
	f.Add("a?c*", "abcdef")
	f.Add("*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	f.Add("?", "")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if !ascii(pattern) || !ascii(s) {
			return
		}
		want := wildcardRegexp(pattern).MatchString(s)
		if got := MatchResource(pattern, s); got != want {
			t.Fatalf("MatchResource(%q, %q) = %v, regexp says %v", pattern, s, got, want)
		}
	})
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
