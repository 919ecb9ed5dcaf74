package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/s3"
)

// tourBucket names the chapter's bucket. Bucket names are global in S3, so
// on a real account it gets a random suffix.
func tourBucket(env *exenv.Env) string {
	if env.Local {
		return "goboto-tour"
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "goboto-tour-" + hex.EncodeToString(b[:])
}

func s3Chapter(ctx context.Context, t *transcript, env *exenv.Env) (err error) {
	conn := s3.New(env.Config)
	t.call("conn := s3.New(cfg)   // %s", conn.Region())

	name := tourBucket(env)
	t.call("b, err := conn.CreateBucket(ctx, %q)", name)
	b, err := conn.CreateBucket(ctx, name)
	if err != nil {
		return err
	}
	var keys []string
	defer func() {
		t.call("b.DeleteKeys(ctx, %d keys); b.Delete(ctx)", len(keys))
		if derr := b.DeleteKeys(ctx, keys); derr != nil && err == nil {
			err = derr
		}
		if derr := b.Delete(ctx); derr != nil && err == nil {
			err = derr
		}
	}()
	loc, err := b.Location(ctx)
	if err != nil {
		return err
	}
	t.result("bucket %s in %s", b.Name, loc)

	t.call("k := b.Key(\"notes/hello.txt\"); k.PutBytes(ctx, data, s3.ContentType(\"text/plain\"), s3.Metadata(...))")
	k := b.Key("notes/hello.txt")
	data := []byte("Hello from goboto, the boto way of doing S3 in Go.\n")
	if err := k.PutBytes(ctx, data, s3.ContentType("text/plain"), s3.Metadata(map[string]string{"author": "tour"})); err != nil {
		return err
	}
	keys = append(keys, k.Name)
	t.result("ETag %s", k.ETag)
	for _, n := range []string{"notes/todo.txt", "photos/2026/cat.jpg", "photos/2026/dog.jpg", "README"} {
		if err := b.Key(n).PutBytes(ctx, []byte(n)); err != nil {
			return err
		}
		keys = append(keys, n)
	}

	t.call("b.Key(\"notes/todo.txt\").Wait(ctx, s3.KeyExists)   // HeadObject; the first look is at once")
	if err := b.Key("notes/todo.txt").Wait(ctx, s3.KeyExists); err != nil {
		return err
	}
	t.call("ok, err := b.Key(\"notes/missing.txt\").Exists(ctx)   // asks about the key, not its bucket")
	ok, err := b.Key("notes/missing.txt").Exists(ctx)
	if err != nil {
		return err
	}
	t.result("%v", ok)

	t.call("k.Refresh(ctx)")
	if err := k.Refresh(ctx); err != nil {
		return err
	}
	t.result("%d bytes, %s, metadata %v", k.Size, k.ContentType, k.Metadata)
	t.call("k.Get(ctx, &buf, s3.Range(11, 12))")
	var buf bytes.Buffer
	if _, err := k.Get(ctx, &buf, s3.Range(11, 12)); err != nil {
		return err
	}
	t.result("%q", buf.String())

	t.call("for k, err := range b.Keys(ctx, s3.Delimiter(\"/\"))   // *s3.Key handles")
	for e, err := range b.Keys(ctx, s3.Delimiter("/")) {
		if err != nil {
			return err
		}
		if e.IsPrefix {
			t.result("%-20s (common prefix)", e.Name)
		} else {
			t.result("%-20s %d bytes", e.Name, e.Size)
		}
	}

	t.call("k.SetCannedACL(ctx, s3.PublicRead)   // new buckets enforce bucket-owner ownership")
	err = k.SetCannedACL(ctx, s3.PublicRead)
	t.result("s3.IsACLNotSupported(err) = %v", s3.IsACLNotSupported(err))
	if err != nil && !s3.IsACLNotSupported(err) {
		return err
	}

	t.call("u, err := k.PresignGet(ctx, 15*time.Minute)   // no request sent")
	u, err := k.PresignGet(ctx, 15*time.Minute)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, u.Method, u.URL, nil)
	if err != nil {
		return err
	}
	resp, err := env.Config.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	t.result("GET with no credentials: %s, %q", resp.Status, strings.TrimSpace(string(body)))
	return nil
}
