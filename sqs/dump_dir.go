package sqs

import (
	"context"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/goboto/goboto"
)

// Dir is an Archive in the directory path, one file per record, made
// when the first record is saved. Each record is written to a temporary
// file and renamed into place, so a record is either whole or absent,
// and a drain deletes a message only once its file is complete.
func Dir(path string) Archive { return dirArchive(path) }

type dirArchive string

// file is the path of the record name, which must be a plain file name.
func (d dirArchive) file(name string) (string, error) {
	if d == "" {
		return "", goboto.Invalid("Dir", "", "is empty")
	}
	if name == "" || name != filepath.Base(name) || name == "." || name == ".." || strings.HasPrefix(name, ".") {
		return "", goboto.Invalid("Record", name, "must be a plain file name")
	}
	return filepath.Join(string(d), name), nil
}

func (d dirArchive) Save(ctx context.Context, name string, record []byte) error {
	path, err := d.file(name)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.MkdirAll(string(d), 0o755); err != nil {
		return err
	}
	// A dot name, which Names skips, until it is complete.
	f, err := os.CreateTemp(string(d), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(record)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// Names yields the directory's .json files, in name order.
func (d dirArchive) Names(ctx context.Context) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		if d == "" {
			yield("", goboto.Invalid("Dir", "", "is empty"))
			return
		}
		entries, err := os.ReadDir(string(d))
		if err != nil {
			yield("", err)
			return
		}
		for _, e := range entries { // ReadDir sorts by name
			if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") || !strings.HasSuffix(e.Name(), ".json") {
				continue
			}
			if err := ctx.Err(); err != nil {
				yield("", err)
				return
			}
			if !yield(e.Name(), nil) {
				return
			}
		}
	}
}

func (d dirArchive) Load(ctx context.Context, name string) ([]byte, error) {
	path, err := d.file(name)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}
