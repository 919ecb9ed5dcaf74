package cloudfront_test

import (
	"strings"
	"testing"

	"github.com/goboto/goboto/cloudfront"
)

// FuzzValidPathPattern checks ValidPathPattern against CloudFront's rule
// (Developer Guide, "Path pattern"): accepted exactly when the pattern
// is 1-255 characters, each one of A-Z a-z 0-9 _ - . * ? $ / ~ " ' @ :
// + &.
func FuzzValidPathPattern(f *testing.F) {
	for _, s := range []string{"/images/*.jpg", "*", "/a b", "/wp-login.php", "/é", strings.Repeat("a", 256), "", "/a?b&c"} {
		f.Add(s)
	}
	const allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.*?$/~\"'@:+&"
	f.Fuzz(func(t *testing.T, p string) {
		want := len(p) >= 1 && len(p) <= 255
		for i := 0; i < len(p) && want; i++ {
			want = strings.IndexByte(allowed, p[i]) >= 0
		}
		err := cloudfront.ValidPathPattern(p)
		if (err == nil) != want {
			t.Fatalf("ValidPathPattern(%q) = %v; want accepted %v", p, err, want)
		}
		if err != nil && !isValidation(err) {
			t.Fatalf("ValidPathPattern(%q) = %T; want a ValidationError", p, err)
		}
	})
}
