package cloudfront

import (
	"testing"

	"github.com/goboto/goboto/cloudfront/internal/viewerauth"
)

// FuzzResourceCovers holds the signer's Resource matcher and the local
// edge's to the same answers: they are written apart on purpose, so a
// disagreement is a bug in one of them.
func FuzzResourceCovers(f *testing.F) {
	for _, c := range [][2]string{
		{"https://d111111abcdef8.cloudfront.net/*", "https://d111111abcdef8.cloudfront.net/a/b?c=d"},
		{"http*://d111111abcdef8.cloudfront.net/a?.jpg", "https://d111111abcdef8.cloudfront.net/a1.jpg"},
		{"*a*a*b", "aaaaaaaaaaaaaaaaaaaaaa"},
		{"", ""},
		{"?", ""},
		{"**?", "x"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, pattern, url string) {
		if got, want := resourceCovers(pattern, url), viewerauth.MatchResource(pattern, url); got != want {
			t.Fatalf("resourceCovers(%q, %q) = %v, viewerauth.MatchResource = %v", pattern, url, got, want)
		}
	})
}
