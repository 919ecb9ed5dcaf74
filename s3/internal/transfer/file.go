package transfer

import (
	"os"
	"path/filepath"
)

// WriteFile has write fill a temporary file beside path and renames it
// into place only when write succeeds, so a failed download never leaves
// a partial file at path, nor replaces one already there. The file keeps
// the permissions of the one it replaces, or gets 0644. Download's ToFile
// and package s3's GetFile both write through it.
func WriteFile(path string, write func(f *os.File) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Chmod(fileMode(path)); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// fileMode is the permission WriteFile gives path: that of the file
// there now, or 0644.
func fileMode(path string) os.FileMode {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		return fi.Mode().Perm()
	}
	return 0o644
}
