package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

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
	for e, err := range s3.New(env.Config).Bucket("demo-photos").Keys(context.Background(), s3.ListOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, e.Name)
	}
	if len(keys) != 4 {
		t.Errorf("bucket holds %v, want the 3 synced files and the single one", keys)
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
