package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/s3"
)

// location is one side of a copy: a local path, or a bucket and key
// prefix.
type location struct {
	local          string
	bucket, prefix string
}

func parse(arg string) location {
	rest, ok := strings.CutPrefix(arg, "s3://")
	if !ok {
		return location{local: arg}
	}
	bucket, prefix, _ := strings.Cut(rest, "/")
	return location{bucket: bucket, prefix: prefix}
}

// run copies src to dst, one of which must be local and the other in S3.
// With del, a directory sync also removes from dst what src lacks.
func run(ctx context.Context, out io.Writer, env *exenv.Env, src, dst string, tty, del bool) error {
	from, to := parse(src), parse(dst)
	conn := s3.New(env.Config)
	p := newPrinter(out, tty)
	opts := []s3.TransferOption{s3.OnProgress(p.update)}
	if del {
		opts = append(opts, s3.SyncDelete())
	}
	switch {
	case from.local != "" && to.bucket != "":
		b, err := bucket(ctx, conn, env, to.bucket)
		if err != nil {
			return err
		}
		fi, err := os.Stat(from.local)
		if err != nil {
			return err
		}
		if !fi.IsDir() {
			key := to.prefix
			if key == "" || strings.HasSuffix(key, "/") {
				key += filepath.Base(from.local)
			}
			if err := b.Key(key).UploadFile(ctx, from.local, opts...); err != nil {
				return err
			}
			p.done()
			fmt.Fprintf(out, "uploaded %s to s3://%s/%s (%s)\n", from.local, b.Name, key, size(fi.Size()))
			return nil
		}
		res, err := b.SyncUp(ctx, from.local, to.prefix, opts...)
		p.done()
		report(out, "up", res)
		return err
	case from.bucket != "" && to.local != "":
		b := conn.Bucket(from.bucket)
		k := b.Key(from.prefix)
		if from.prefix != "" && !strings.HasSuffix(from.prefix, "/") {
			err := k.Refresh(ctx)
			switch {
			case err == nil:
				target := to.local
				if fi, err := os.Stat(target); err == nil && fi.IsDir() {
					target = filepath.Join(target, path.Base(k.Name))
				}
				if err := k.DownloadFile(ctx, target, opts...); err != nil {
					return err
				}
				p.done()
				fmt.Fprintf(out, "downloaded s3://%s/%s to %s (%s)\n", b.Name, k.Name, target, size(k.Size))
				return nil
			case !goboto.IsNotFound(err):
				return err
			}
		}
		if err := os.MkdirAll(to.local, 0o755); err != nil {
			return err
		}
		res, err := b.SyncDown(ctx, from.prefix, to.local, opts...)
		p.done()
		report(out, "down", res)
		return err
	}
	return errors.New("s3sync: one of src and dst must be s3://bucket/prefix and the other a local path")
}

// bucket returns a handle on name, creating the bucket first on the local
// fakes, which start empty.
func bucket(ctx context.Context, conn *s3.Conn, env *exenv.Env, name string) (*s3.Bucket, error) {
	b := conn.Bucket(name)
	if !env.Local {
		return b, nil
	}
	ok, err := b.Exists(ctx)
	if err != nil || ok {
		return b, err
	}
	return conn.CreateBucket(ctx, name)
}

func report(out io.Writer, dir string, r s3.SyncResult) {
	fmt.Fprintf(out, "synced %s: %d file(s) copied (%s), %d unchanged", dir, len(r.Transferred), size(r.Bytes), len(r.Skipped))
	if len(r.Deleted) > 0 {
		fmt.Fprintf(out, ", %d deleted", len(r.Deleted))
	}
	fmt.Fprintln(out)
	for _, d := range r.Deleted {
		fmt.Fprintf(out, "  deleted %s\n", d)
	}
}

// size formats n bytes in binary units.
func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// printer shows progress: on a terminal one line redrawn in place at most
// ten times a second, elsewhere a plain line at each quarter, so logs
// stay short and the same from run to run.
type printer struct {
	out     io.Writer
	tty     bool
	last    time.Time
	quarter int
	drawn   bool
}

func newPrinter(out io.Writer, tty bool) *printer { return &printer{out: out, tty: tty} }

// update is the OnProgress callback; transfers never call it concurrently.
func (p *printer) update(pr s3.Progress) {
	if !p.tty {
		if pr.Total <= 0 {
			return
		}
		for q := p.quarter + 1; q <= 4 && pr.Done*4 >= int64(q)*pr.Total; q++ {
			fmt.Fprintf(p.out, "  %3d%% of %s\n", q*25, size(pr.Total))
			p.quarter = q
		}
		return
	}
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond || pr.Done == pr.Total {
		p.last = now
		total, pct := "?", ""
		if pr.Total >= 0 {
			total, pct = size(pr.Total), fmt.Sprintf(" %3.0f%%", pr.Percent())
		}
		fmt.Fprintf(p.out, "\r\033[K  %s / %s%s  %.1f MB/s", size(pr.Done), total, pct, pr.Rate/1e6)
		p.drawn = true
	}
}

// done ends a redrawn line.
func (p *printer) done() {
	if p.drawn {
		fmt.Fprintln(p.out)
		p.drawn = false
	}
	p.quarter = 0
}
