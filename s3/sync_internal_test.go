package s3

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
)

func TestLocalPath(t *testing.T) {
	dir := filepath.FromSlash("/data/out")
	for _, tc := range []struct {
		key, want string
		bad       bool
	}{
		{key: "pfx/a.txt", want: filepath.FromSlash("/data/out/a.txt")},
		{key: "pfx/sub/b.txt", want: filepath.FromSlash("/data/out/sub/b.txt")},
		{key: "pfx/", want: ""},
		{key: "pfx/folder/", want: ""},
		{key: "pfx/..", bad: true},
		{key: "pfx/.", bad: true}, // found by FuzzLocalPath: would replace dir itself
		{key: "pfx/../evil", bad: true},
		{key: "pfx/a/../../evil", bad: true},
		{key: "pfx/a/../b", bad: true},
		{key: "pfx//etc/passwd", bad: true},
		{key: "pfx/./x", bad: true},
		{key: "other/x", bad: true},
	} {
		got, err := localPath(dir, "pfx/", tc.key)
		var ve *goboto.ValidationError
		if tc.bad != errors.As(err, &ve) {
			t.Errorf("%q: err = %v, want bad %v", tc.key, err, tc.bad)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%q: path (-want +got):\n%s", tc.key, diff)
		}
	}
}

func FuzzLocalPath(f *testing.F) {
	for _, k := range []string{"a", "a/b", "../x", "a/../../x", "/abs", "a//b", "./a", "a/", "..", "a\\..\\..\\b"} {
		f.Add(k)
	}
	dir := filepath.FromSlash("/data/out")
	f.Fuzz(func(t *testing.T, rest string) {
		p, err := localPath(dir, "pfx/", "pfx/"+rest)
		if err != nil || p == "" {
			return
		}
		rel, rerr := filepath.Rel(dir, p)
		if rerr != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || !strings.HasPrefix(p, dir+string(filepath.Separator)) {
			t.Fatalf("key %q maps to %q, outside %q", "pfx/"+rest, p, dir)
		}
	})
}
