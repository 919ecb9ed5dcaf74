package s3

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/goboto/goboto"
)

// SyncDelete makes SyncUp and SyncDown mirror their source, as
// `aws s3 sync --delete` does: once every transfer has succeeded,
// SyncUp deletes the keys under its prefix that no local file maps to,
// and SyncDown removes the local regular files under its directory that
// no key maps to. A sync that fails deletes nothing. What was deleted is
// listed in SyncResult.Deleted. Other transfers ignore it.
func SyncDelete() TransferOption {
	return func(o *TransferOptions) { o.SyncDelete = true }
}

// syncRoot is the directory a sync walks: dir with symbolic links
// resolved, so that a dir which is itself a link is walked rather than
// passed over as one (which, with SyncDelete, would look like an empty
// directory). It must be a directory.
func syncRoot(dir string) (string, error) {
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(root)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return "", goboto.Invalid("Dir", dir, "is not a directory")
	}
	return root, nil
}

// deleteUnmatched is SyncUp's deletion (DeleteObjects, 1000 keys a
// call): the keys of remote, all under prefix, that no file of files
// maps to. It keeps keys SyncUp could not have written from a file
// (folder markers ending in "/", the prefix itself, keys SyncDown would
// refuse such as "a/../b" or "a//b") and keys at or under a path the
// walk skipped (others: symbolic links, devices), which are not missing
// but passed over. It returns the keys deleted; on a *DeleteError, those
// not named by it.
func (b *Bucket) deleteUnmatched(ctx context.Context, prefix string, remote map[string]*Key, files []syncItem, others []string) ([]string, error) {
	have := make(map[string]bool, len(files))
	for _, f := range files {
		have[f.key] = true
	}
	var gone []string
	for key := range remote {
		if have[key] {
			continue
		}
		// A key SyncDown would refuse (or the prefix's own folder marker)
		// maps to no file, so it is kept; every key listed has the prefix.
		if p, err := localPath(".", prefix, key); err != nil || p == "" {
			continue
		}
		if slices.ContainsFunc(others, func(o string) bool { return key == o || strings.HasPrefix(key, o+"/") }) {
			continue
		}
		gone = append(gone, key)
	}
	if len(gone) == 0 {
		return nil, nil
	}
	slices.Sort(gone)
	err := b.DeleteKeys(ctx, gone)
	var de *DeleteError
	if errors.As(err, &de) {
		failed := de.Keys()
		gone = slices.DeleteFunc(gone, func(k string) bool { return slices.Contains(failed, k) })
	}
	return gone, err
}

// removeUnmatched is SyncDown's deletion: it removes the regular files
// under dir whose key (prefix and the file's path under dir) is not in
// remote, then each directory above a removed file that is left empty,
// up to but not including dir. It does not follow symbolic links below
// dir, and leaves alone what is not a regular file, directories it did
// not empty, and files whose name could not be a key. It returns the
// paths removed; every removal is tried, and the errors joined, until
// ctx is done: then it stops, and its error is among them.
func removeUnmatched(ctx context.Context, dir, prefix string, remote map[string]*Key) ([]string, error) {
	root, err := syncRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // nothing was downloaded, so there is nothing to remove
	}
	if err != nil {
		return nil, err
	}
	var rels []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		key := prefix + filepath.ToSlash(rel)
		if _, ok := remote[key]; !ok && validKeyName("Key", key) == nil {
			rels = append(rels, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(rels)
	var removed []string
	var errs []error
	for _, rel := range rels {
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			break
		}
		p := filepath.Join(root, rel)
		if err := os.Remove(p); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, filepath.Join(dir, rel))
		// Remove only fails on a directory that is not empty, which ends
		// the climb.
		for parent := filepath.Dir(p); parent != root && strings.HasPrefix(parent, root); parent = filepath.Dir(parent) {
			if os.Remove(parent) != nil {
				break
			}
		}
	}
	return removed, errors.Join(errs...)
}
