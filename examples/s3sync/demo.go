package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/goboto/goboto/examples/internal/exenv"
)

// demo, on the local fakes, writes a small directory, syncs it up and
// down, syncs again to show that unchanged files are skipped, and copies
// one file each way.
// It works in the directory tmp.
func demo(ctx context.Context, out io.Writer, env *exenv.Env, tty bool, tmp string) error {
	src, dst := filepath.Join(tmp, "photos"), filepath.Join(tmp, "copy")
	files := map[string]int{"notes.txt": 2 << 10, "2026/beach.jpg": 3 << 20, "2026/raw/beach.dng": 20 << 20}
	for name, n := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(i*31 + len(name))
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	steps := []struct{ say, src, dst string }{
		{"sync a directory up", src, "s3://demo-photos/backup"},
		{"again: nothing changed", src, "s3://demo-photos/backup"},
		{"sync it down elsewhere", "s3://demo-photos/backup", dst},
		{"again: nothing changed", "s3://demo-photos/backup", dst},
		{"one file up", filepath.Join(src, "notes.txt"), "s3://demo-photos/single/"},
		{"and down", "s3://demo-photos/single/notes.txt", tmp},
	}
	for _, s := range steps {
		fmt.Fprintf(out, "# %s\n", s.say)
		if err := run(ctx, out, env, s.src, s.dst, tty); err != nil {
			return err
		}
	}
	return nil
}
