package s3

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
)

func TestDeleteKeysChunks(t *testing.T) {
	// The server fails every key named "fail-*" and answers each call with
	// the keys it was sent, so the test can check the split.
	var sizes []int
	rec := newRecorder(t, nil)
	rec.handle = func(w http.ResponseWriter, r *http.Request) {
		if _, ok := r.URL.Query()["delete"]; !ok || r.Method != http.MethodPost {
			t.Errorf("got %s %s, want POST ?delete", r.Method, r.URL)
		}
		rec.mu.Lock()
		body := rec.body[len(rec.body)-1]
		rec.mu.Unlock()
		var del struct {
			Quiet   bool
			Objects []struct{ Key string } `xml:"Object"`
		}
		if err := xml.Unmarshal(body, &del); err != nil {
			t.Errorf("bad DeleteObjects body: %v", err)
		}
		if !del.Quiet {
			t.Error("DeleteObjects not quiet")
		}
		rec.mu.Lock()
		sizes = append(sizes, len(del.Objects))
		rec.mu.Unlock()
		var b strings.Builder
		b.WriteString("<DeleteResult>")
		for _, o := range del.Objects {
			if strings.HasPrefix(o.Key, "fail-") {
				fmt.Fprintf(&b, "<Error><Key>%s</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", o.Key)
			}
		}
		b.WriteString("</DeleteResult>")
		xmlAnswer(w, 200, b.String())
	}
	keys := make([]string, 2500)
	for i := range keys {
		keys[i] = "k" + strconv.Itoa(i)
	}
	keys[5], keys[1500], keys[2499] = "fail-5", "fail-1500", "fail-2499"
	err := rec.conn("us-east-1").Bucket("bkt").DeleteKeys(context.Background(), keys)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if diff := cmp.Diff([]int{1000, 1000, 500}, sizes); diff != "" {
		t.Errorf("DeleteObjects call sizes (-want +got):\n%s", diff)
	}
	var de *DeleteError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want *DeleteError", err)
	}
	if diff := cmp.Diff([]string{"fail-5", "fail-1500", "fail-2499"}, de.Keys()); diff != "" {
		t.Errorf("failed keys (-want +got):\n%s", diff)
	}
	if de.Failed[0].Code != "AccessDenied" {
		t.Errorf("code = %q, want AccessDenied", de.Failed[0].Code)
	}
}

func TestDeleteKeysCallFails(t *testing.T) {
	// The second of three calls fails as a whole: its 1000 keys are
	// reported, the third call is still made.
	var calls atomic.Int32
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 2 {
			xmlAnswer(w, 403, "<Error><Code>AccessDenied</Code><Message>no</Message><RequestId>r2</RequestId></Error>")
			return
		}
		xmlAnswer(w, 200, "<DeleteResult></DeleteResult>")
	})
	keys := make([]string, 2001)
	for i := range keys {
		keys[i] = "k" + strconv.Itoa(i)
	}
	err := rec.conn("us-east-1").Bucket("bkt").DeleteKeys(context.Background(), keys)
	var de *DeleteError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want *DeleteError", err)
	}
	if diff := cmp.Diff(keys[1000:2000], de.Keys()); diff != "" {
		t.Errorf("failed keys (-want +got):\n%s", diff)
	}
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != "AccessDenied" {
		t.Errorf("errors.As APIError = %v, want code AccessDenied", ae)
	}
	if rec.count() != 3 {
		t.Errorf("%d calls, want 3", rec.count())
	}
}

func TestKeysEarlyBreak(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("list-type") != "2" {
			t.Errorf("list-type = %q, want 2", q.Get("list-type"))
		}
		page := 0
		if tok := q.Get("continuation-token"); tok != "" {
			page, _ = strconv.Atoi(tok)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "<ListBucketResult><Name>bkt</Name><IsTruncated>true</IsTruncated><NextContinuationToken>%d</NextContinuationToken>", page+1)
		for i := range 3 {
			fmt.Fprintf(&b, "<Contents><Key>p%d-%d</Key><Size>%d</Size><ETag>&quot;e&quot;</ETag><StorageClass>STANDARD</StorageClass></Contents>", page, i, i)
		}
		b.WriteString("<CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes></ListBucketResult>")
		xmlAnswer(w, 200, b.String())
	})
	// entry is what a listed Key carries.
	type entry struct {
		Name         string
		IsPrefix     bool
		Size         int64
		ETag         string
		StorageClass string
	}
	var got []entry
	bkt := rec.conn("us-east-1").Bucket("bkt")
	for k, err := range bkt.Keys(context.Background(), Delimiter("/"), PageSize(3)) {
		if err != nil {
			t.Fatal(err)
		}
		if k.Bucket() != bkt {
			t.Errorf("listed key %s has Bucket() %v, want the bucket listed", k.Name, k.Bucket())
		}
		got = append(got, entry{k.Name, k.IsPrefix, k.Size, k.ETag, k.StorageClass})
		if len(got) == 4 {
			break
		}
	}
	want := []entry{
		{Name: "p0-0", Size: 0, ETag: `"e"`, StorageClass: "STANDARD"},
		{Name: "p0-1", Size: 1, ETag: `"e"`, StorageClass: "STANDARD"},
		{Name: "p0-2", Size: 2, ETag: `"e"`, StorageClass: "STANDARD"},
		{Name: "dir/", IsPrefix: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if n := rec.count(); n != 1 {
		t.Errorf("%d pages fetched, want 1", n)
	}
}

func TestGetFileAtomic(t *testing.T) {
	tests := []struct {
		name   string
		handle http.HandlerFunc
	}{
		{"error answer", func(w http.ResponseWriter, r *http.Request) {
			xmlAnswer(w, 403, "<Error><Code>AccessDenied</Code><Message>no</Message></Error>")
		}},
		{"truncated body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(200)
			w.Write([]byte("only part of it"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, tt.handle)
			dir := t.TempDir()
			path := filepath.Join(dir, "out.txt")
			err := rec.conn("us-east-1").Bucket("bkt").Key("k").GetFile(context.Background(), path)
			if err == nil {
				t.Fatal("GetFile succeeded, want an error")
			}
			ents, _ := os.ReadDir(dir)
			if len(ents) != 0 {
				t.Errorf("GetFile left %d file(s) behind, first %s", len(ents), ents[0].Name())
			}
		})
	}
}

func TestGetFile(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"abc"`)
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("x-amz-meta-owner", "alice")
		w.Write([]byte("hello, world"))
	})
	path := filepath.Join(t.TempDir(), "out.txt")
	if err := os.WriteFile(path, []byte("old contents, longer than the new"), 0o640); err != nil {
		t.Fatal(err)
	}
	k := rec.conn("us-east-1").Bucket("bkt").Key("dir/k")
	if err := k.GetFile(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "hello, world" {
		t.Errorf("file = %q, want %q", got, "hello, world")
	}
	if k.ETag != `"abc"` || k.Size != 12 || k.ContentType != "text/plain" || k.Metadata["owner"] != "alice" {
		t.Errorf("key attributes = %+v", k)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("mode after GetFile = %v, %v; want the old file's 0640", fi.Mode(), err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if p := rec.reqs[0].URL.Path; p != "/bkt/dir/k" {
		t.Errorf("path = %q, want path-style /bkt/dir/k", p)
	}
}

func TestStatusErrors(t *testing.T) {
	var status atomic.Int32
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(int(status.Load())) })
	k := rec.conn("us-east-1").Bucket("bkt").Key("k")
	ctx := context.Background()
	tests := []struct {
		status int
		call   func() error
		is     func(error) bool
		code   string
	}{
		{404, func() error { return k.Refresh(ctx) }, goboto.IsNotFound, "NoSuchKey"},
		{412, func() error { _, err := k.Get(ctx, &strings.Builder{}, IfMatch(`"x"`)); return err }, IsPreconditionFailed, "PreconditionFailed"},
		{304, func() error { _, err := k.Get(ctx, &strings.Builder{}, IfNoneMatch(`"x"`)); return err }, IsNotModified, "NotModified"},
		{412, func() error { return k.Refresh(ctx) }, IsPreconditionFailed, "PreconditionFailed"},
	}
	for _, tt := range tests {
		status.Store(int32(tt.status))
		err := tt.call()
		var ae *goboto.APIError
		if !errors.As(err, &ae) || ae.Code != tt.code || ae.StatusCode != tt.status || !tt.is(err) {
			t.Errorf("status %d: err = %v, want *goboto.APIError code %s", tt.status, err, tt.code)
		}
	}
}

func TestExists(t *testing.T) {
	for _, tt := range []struct {
		status int
		want   bool
		err    bool
	}{{200, true, false}, {404, false, false}, {403, false, true}} {
		rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(tt.status) })
		got, err := rec.conn("us-east-1").Bucket("bkt").Exists(context.Background())
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("status %d: Exists = %v, %v; want %v, error %v", tt.status, got, err, tt.want, tt.err)
		}
	}
}

func TestDeleteKeysCancelled(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { xmlAnswer(w, 200, "<DeleteResult/>") })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := rec.conn("us-east-1").Bucket("bkt").DeleteKeys(ctx, []string{"a", "b"})
	var de *DeleteError
	if !errors.As(err, &de) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want a *DeleteError matching context.Canceled", err)
	}
	if diff := cmp.Diff([]string{"a", "b"}, de.Keys()); diff != "" {
		t.Errorf("failed keys (-want +got):\n%s", diff)
	}
	if rec.count() != 0 {
		t.Errorf("%d requests after cancel, want 0", rec.count())
	}
}

func TestKeysPageError(t *testing.T) {
	// The first page lists one key; the second fails. The loop sees the
	// key, then the error, once, and nothing after.
	var page atomic.Int32
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if page.Add(1) == 1 {
			xmlAnswer(w, 200, "<ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>t</NextContinuationToken><Contents><Key>a</Key></Contents></ListBucketResult>")
			return
		}
		xmlAnswer(w, 403, "<Error><Code>AccessDenied</Code><Message>no</Message></Error>")
	})
	var names []string
	var errs []error
	for e, err := range rec.conn("us-east-1").Bucket("bkt").Keys(context.Background()) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		names = append(names, e.Name)
	}
	if diff := cmp.Diff([]string{"a"}, names); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	var ae *goboto.APIError
	if len(errs) != 1 || !errors.As(errs[0], &ae) || ae.Code != "AccessDenied" {
		t.Errorf("errors = %v, want one AccessDenied", errs)
	}
}

func TestLocationAndBuckets(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Query().Has("location"):
			xmlAnswer(w, 200, `<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">EU</LocationConstraint>`)
		case r.URL.Path == "/":
			xmlAnswer(w, 200, "<ListAllMyBucketsResult><Buckets><Bucket><Name>one</Name></Bucket><Bucket><Name>two</Name></Bucket></Buckets></ListAllMyBucketsResult>")
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL)
		}
	})
	c := rec.conn("eu-west-1")
	loc, err := c.Bucket("bkt").Location(context.Background())
	if err != nil || loc != "eu-west-1" {
		t.Errorf("Location = %q, %v; want eu-west-1", loc, err)
	}
	var names []string
	for b, err := range c.Buckets(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if b.Conn() != c {
			t.Error("bucket handle does not point back at its connection")
		}
		names = append(names, b.Name)
	}
	if diff := cmp.Diff([]string{"one", "two"}, names); diff != "" {
		t.Errorf("Buckets (-want +got):\n%s", diff)
	}
}
