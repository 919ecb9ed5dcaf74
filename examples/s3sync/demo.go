package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/goboto/goboto/examples/exenv"
)

// demo, on the local fakes, writes a small directory, syncs it up and
// down, syncs again to show that unchanged files are skipped, copies
// one file each way, and mirrors a local deletion up and back down.
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
	steps := []struct {
		say, src, dst string
		del           bool
		before        func() error
	}{
		{say: "sync a directory up", src: src, dst: "s3://demo-photos/backup"},
		{say: "again: nothing changed", src: src, dst: "s3://demo-photos/backup"},
		{say: "sync it down elsewhere", src: "s3://demo-photos/backup", dst: dst},
		{say: "again: nothing changed", src: "s3://demo-photos/backup", dst: dst},
		{say: "one file up", src: filepath.Join(src, "notes.txt"), dst: "s3://demo-photos/single/"},
		{say: "and down", src: "s3://demo-photos/single/notes.txt", dst: tmp},
		{say: "notes.txt deleted locally; mirror up (-delete)", src: src, dst: "s3://demo-photos/backup", del: true,
			before: func() error { return os.Remove(filepath.Join(src, "notes.txt")) }},
		{say: "and mirror down (-delete)", src: "s3://demo-photos/backup", dst: dst, del: true},
	}
	for _, s := range steps {
		fmt.Fprintf(out, "# %s\n", s.say)
		if s.before != nil {
			if err := s.before(); err != nil {
				return err
			}
		}
		if err := run(ctx, out, env, s.src, s.dst, tty, s.del); err != nil {
			return err
		}
	}
	return nil
}
