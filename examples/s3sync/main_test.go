package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/examples/internal/golden"
	"github.com/goboto/goboto/s3"
)

// TestDemo runs the demo on the local fakes and checks its transcript,
// temporary paths masked.
func TestDemo(t *testing.T) {
	env := golden.LocalEnv(t)
	var out bytes.Buffer
	tmp := t.TempDir()
	if err := demo(context.Background(), &out, env, false, tmp); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}
	golden.Check(t, "demo.golden", []byte(strings.ReplaceAll(out.String(), tmp, "$TMP")))

	var keys []string
	for e, err := range s3.New(env.Config).Bucket("demo-photos").Keys(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, e.Name)
	}
	want := []string{"backup/2026/beach.jpg", "backup/2026/raw/beach.dng", "single/notes.txt"}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("bucket keys (-want +got):\n%s\nwant the synced files but the one deleted, and the single one", diff)
	}
	if _, err := os.Stat(filepath.Join(tmp, "copy", "notes.txt")); !os.IsNotExist(err) {
		t.Errorf("copy/notes.txt after the mirror down: %v, want it gone", err)
	}
}

func TestPrinterTTY(t *testing.T) {
	var out bytes.Buffer
	p := newPrinter(&out, true)
	p.update(s3.Progress{Done: 1 << 20, Total: 4 << 20, Rate: 2e6})
	p.done()
	if got, want := out.String(), "\r\033[K  1.0 MiB / 4.0 MiB  25%  2.0 MB/s\n"; got != want {
		t.Errorf("terminal line %q, want %q", got, want)
	}
}
