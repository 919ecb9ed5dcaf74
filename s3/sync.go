package s3

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3/internal/transfer"
)

// DefaultSyncFiles is how many files a sync moves at once.
const DefaultSyncFiles = 4

// SyncFiles sets how many files SyncUp and SyncDown move at once (at
// least 1). Each file's transfer has its own Concurrency, so peak memory
// is about SyncFiles × (Concurrency+1) × PartSize.
func SyncFiles(n int) TransferOption {
	return func(o *TransferOptions) { o.SyncFiles = n }
}

// SyncResult says what a sync did.
type SyncResult struct {
	// Transferred and Skipped are the keys sent or fetched, and those left
	// alone because they were unchanged, in no particular order.
	Transferred, Skipped []string
	// Bytes is the size of what was transferred.
	Bytes int64
	// Deleted, with SyncDelete, are the keys SyncUp deleted or the paths
	// of the local files SyncDown removed, sorted.
	Deleted []string
}

// syncItem is one file to consider.
type syncItem struct {
	key, path string
	size      int64
	modTime   time.Time // of a local file, for SyncUp
}

// SyncUp uploads the regular files under dir to keys under prefix (a file
// a/b.txt becomes prefix/a/b.txt; a prefix that does not end in "/" gets
// one), SyncFiles at a time, skipping files that are unchanged. It lists
// the keys under prefix first (ListObjectsV2) and uploads with Upload.
//
// A file is unchanged when an object of the same size exists and either
// the object is at least as new as the file, to the second (S3's
// LastModified is when it was uploaded, in whole seconds, so a file
// edited since is sent again, unless within that same second), or, for
// an object uploaded in one part, its ETag (the MD5 of its bytes) equals
// the file's MD5. A dir that is a symbolic link is followed; below it,
// symbolic links and other non-regular files are skipped. Keys are
// deleted only with SyncDelete: after every upload succeeded, the keys
// under prefix that no local file maps to, except folder markers and
// keys at or below a skipped link. Progress, when asked for, covers all
// the files to be sent.
func (b *Bucket) SyncUp(ctx context.Context, dir, prefix string, opts ...TransferOption) (SyncResult, error) {
	c, err := b.syncConfig(dir, opts)
	if err != nil {
		return SyncResult{}, err
	}
	prefix = dirPrefix(prefix)
	root, err := syncRoot(dir)
	if err != nil {
		return SyncResult{}, err
	}
	files, others, err := walkLocal(ctx, root, prefix)
	if err != nil {
		return SyncResult{}, err
	}
	remote, err := b.listing(ctx, prefix)
	if err != nil {
		return SyncResult{}, err
	}
	var res SyncResult
	var todo []syncItem
	for _, f := range files {
		// Deciding may read the whole file for its MD5.
		if err := ctx.Err(); err != nil {
			return SyncResult{}, err
		}
		if e, ok := remote[f.key]; ok && unchanged(f, e) {
			res.Skipped = append(res.Skipped, f.key)
			continue
		}
		todo = append(todo, f)
	}
	err = b.syncRun(ctx, c, opts, todo, &res, func(ctx context.Context, f syncItem, o []TransferOption) error {
		return b.Key(f.key).UploadFile(ctx, f.path, o...)
	})
	if err != nil || !c.syncDelete {
		return res, err
	}
	res.Deleted, err = b.deleteUnmatched(ctx, prefix, remote, files, others)
	return res, err
}

// walkLocal lists the regular files under root as SyncUp sends them,
// with their keys under prefix, and the keys of what the walk skipped
// (symbolic links, devices, sockets). It stops at the first entry after
// ctx is done.
func walkLocal(ctx context.Context, root, prefix string) (files []syncItem, others []string, err error) {
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		key := prefix + filepath.ToSlash(rel)
		if !d.Type().IsRegular() {
			if !d.IsDir() {
				others = append(others, key)
			}
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if err := validKeyName("Key", key); err != nil {
			return err
		}
		files = append(files, syncItem{key: key, path: p, size: fi.Size(), modTime: fi.ModTime()})
		return nil
	})
	return files, others, err
}

// SyncDown downloads the objects under prefix into dir (prefix/a/b.txt
// becomes a/b.txt under dir; a prefix that does not end in "/" gets one),
// SyncFiles at a time, skipping files that are unchanged by SyncUp's rule
// with the roles swapped: a local file of the same size at least as new
// as the object, or with the MD5 a single-part object's ETag names. It
// lists the keys first (ListObjectsV2) and downloads with DownloadFile,
// so no partial file is ever left in place, then sets each file's
// modification time to the object's LastModified.
//
// A key that would land outside dir ("prefix/../x", an absolute path) is
// a *goboto.ValidationError before anything is fetched. Keys ending in
// "/" (folder markers) are skipped. Local files are removed only with
// SyncDelete: after every download succeeded, the regular files under dir
// that no key maps to, and the directories that removing them left
// empty; symbolic links below dir are neither followed nor removed.
func (b *Bucket) SyncDown(ctx context.Context, prefix, dir string, opts ...TransferOption) (SyncResult, error) {
	c, err := b.syncConfig(dir, opts)
	if err != nil {
		return SyncResult{}, err
	}
	prefix = dirPrefix(prefix)
	remote, err := b.listing(ctx, prefix)
	if err != nil {
		return SyncResult{}, err
	}
	var res SyncResult
	var todo []syncItem
	for key, e := range remote {
		// Deciding may read the whole local file for its MD5.
		if err := ctx.Err(); err != nil {
			return SyncResult{}, err
		}
		p, err := localPath(dir, prefix, key)
		if err != nil {
			return SyncResult{}, err
		}
		if p == "" {
			continue
		}
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Size() == e.Size &&
			(!fi.ModTime().Truncate(time.Second).Before(e.LastModified.Truncate(time.Second)) || sameMD5(p, e.ETag)) {
			res.Skipped = append(res.Skipped, key)
			continue
		}
		todo = append(todo, syncItem{key: key, path: p, size: e.Size})
	}
	lastModified := func(key string) time.Time { return remote[key].LastModified }
	err = b.syncRun(ctx, c, opts, todo, &res, func(ctx context.Context, f syncItem, o []TransferOption) error {
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			return err
		}
		if err := b.Key(f.key).DownloadFile(ctx, f.path, o...); err != nil {
			return err
		}
		t := lastModified(f.key)
		return os.Chtimes(f.path, t, t)
	})
	if err != nil || !c.syncDelete {
		return res, err
	}
	res.Deleted, err = removeUnmatched(ctx, dir, prefix, remote)
	return res, err
}

// localPath is where SyncDown writes key, which begins with prefix: the
// rest of the key under dir. It is "" for keys to skip (the prefix
// itself, folder markers ending in "/"), and an error for keys whose
// rest is not a clean relative path to something inside dir ("..", ".",
// absolute, "a//b", "./a").
func localPath(dir, prefix, key string) (string, error) {
	rel, ok := strings.CutPrefix(key, prefix)
	if !ok {
		return "", goboto.Invalid("Key", key, "does not begin with "+prefix)
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		return "", nil
	}
	local := filepath.FromSlash(rel)
	if !filepath.IsLocal(local) || path.Clean(rel) != rel || rel == "." || strings.Contains(rel, "\x00") {
		return "", goboto.Invalid("Key", key, "would be written outside "+dir)
	}
	return filepath.Join(dir, local), nil
}

func (b *Bucket) syncConfig(dir string, opts []TransferOption) (transferConfig, error) {
	if err := b.check(); err != nil {
		return transferConfig{}, err
	}
	if dir == "" {
		return transferConfig{}, goboto.Invalid("Dir", "", "is required")
	}
	c, err := newTransferConfig(opts)
	if err != nil {
		return c, err
	}
	if c.syncFiles < 1 {
		return c, goboto.Invalid("SyncFiles", strconv.Itoa(c.syncFiles), "must be at least 1")
	}
	return c, nil
}

// dirPrefix makes a non-empty prefix end in "/".
func dirPrefix(p string) string {
	if p != "" && !strings.HasSuffix(p, "/") {
		return p + "/"
	}
	return p
}

// listing fetches every key under prefix (ListObjectsV2, every page).
func (b *Bucket) listing(ctx context.Context, prefix string) (map[string]*Key, error) {
	out := map[string]*Key{}
	for e, err := range b.Keys(ctx, Prefix(prefix)) {
		if err != nil {
			return nil, err
		}
		out[e.Name] = e
	}
	return out, nil
}

// unchanged is SyncUp's rule for a file that need not be sent.
func unchanged(f syncItem, e *Key) bool {
	if e.Size != f.size {
		return false
	}
	return !e.LastModified.Before(f.modTime.Truncate(time.Second)) || sameMD5(f.path, e.ETag)
}

// sameMD5 reports whether etag is a single-part ETag equal to the MD5 of
// the file at p. Multipart ETags ("...-N") and those of SSE-KMS objects
// are not MD5s of the content, and never match.
func sameMD5(p, etag string) bool {
	etag = strings.Trim(etag, `"`)
	if len(etag) != 2*md5.Size || strings.Contains(etag, "-") {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	h := md5.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return strings.EqualFold(hex.EncodeToString(h.Sum(nil)), etag)
}

// syncRun transfers todo, SyncFiles at a time, reporting progress over
// all of it.
func (b *Bucket) syncRun(ctx context.Context, c transferConfig, opts []TransferOption, todo []syncItem, res *SyncResult,
	move func(context.Context, syncItem, []TransferOption) error) error {
	var total int64
	for _, f := range todo {
		total += f.size
	}
	prog := transfer.NewMeter(c.engine(nil).Progress, total)
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(c.syncFiles)
	for _, f := range todo {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			// Each file reports its own progress; pass on the increments.
			var last int64
			o := append(opts[:len(opts):len(opts)], OnProgress(func(p Progress) {
				prog.Add(p.Done - last)
				last = p.Done
			}))
			if err := move(gctx, f, o); err != nil {
				return err
			}
			mu.Lock()
			res.Transferred = append(res.Transferred, f.key)
			res.Bytes += f.size
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}
