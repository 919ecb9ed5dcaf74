package s3_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// heads counts the HeadBucket and HeadObject calls the fake received.
func heads(srv *s3test.Server) int {
	n := 0
	for _, c := range srv.Calls() {
		if c.Operation == "HeadBucket" || c.Operation == "HeadObject" {
			n++
		}
	}
	return n
}

// A key is not its bucket: Exists on a missing key of a bucket that
// exists asks about the key (HeadObject), and the handles reach their
// parents only through accessors.
func TestKeyIsNotBucket(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	if err := srv.CreateBucket("", "us-east-1", "parent"); err != nil {
		t.Fatal(err)
	}
	if err := srv.PutObject("parent", "there", []byte("x"), nil); err != nil {
		t.Fatal(err)
	}
	b := conn.Bucket("parent")
	for _, tt := range []struct {
		key  string
		want bool
	}{{"no-such-key", false}, {"there", true}} {
		srv.ResetCalls()
		got, err := b.Key(tt.key).Exists(ctx)
		if err != nil || got != tt.want {
			t.Errorf("Key(%q).Exists = %v, %v; want %v", tt.key, got, err, tt.want)
		}
		if calls := srv.Calls(); len(calls) != 1 || calls[0].Operation != "HeadObject" {
			t.Errorf("Key(%q).Exists sent %v; want one HeadObject", tt.key, calls)
		}
	}
	k := b.Key("there")
	if k.Bucket() != b || k.Conn() != conn || b.Conn() != conn {
		t.Errorf("accessors: Bucket() = %p (want %p), Conn() = %p, %p (want %p)", k.Bucket(), b, k.Conn(), b.Conn(), conn)
	}
}

// S3 API Reference, HeadBucket and HeadObject: "A HEAD request has the
// same options as a GET operation ... but without the body": a missing
// bucket or object is a bare 404, so Refresh names S3's own codes.
func TestRefreshNotFound(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	if err := srv.CreateBucket("", "eu-west-1", "here"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		call func() error
		code string
	}{
		{"bucket", func() error { return conn.Bucket("not-here").Refresh(ctx) }, "NoSuchBucket"},
		{"key", func() error { return conn.Bucket("here").Key("nothing").Refresh(ctx) }, "NoSuchKey"},
	} {
		err := tt.call()
		var ae *goboto.APIError
		if !errors.As(err, &ae) {
			t.Fatalf("%s: Refresh = %v; want a *goboto.APIError", tt.name, err)
		}
		got := struct {
			Code     string
			Status   int
			HasID    bool
			NotFound bool
		}{ae.Code, ae.StatusCode, ae.RequestID != "", goboto.IsNotFound(err)}
		want := got
		want.Code, want.Status, want.HasID, want.NotFound = tt.code, 404, true, true
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: Refresh error (-want +got):\n%s", tt.name, diff)
		}
	}
	b := conn.Bucket("here")
	if err := b.Refresh(ctx); err != nil || b.Region != "eu-west-1" {
		t.Errorf("Refresh = %v, Region %q; want eu-west-1", err, b.Region)
	}
}

func TestWaitFirstLookAtOnce(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	if err := srv.CreateBucket("", "us-east-1", "ready"); err != nil {
		t.Fatal(err)
	}
	if err := srv.PutObject("ready", "k", []byte("x"), nil); err != nil {
		t.Fatal(err)
	}
	// An hour between looks: only a first look made at once can return.
	slow := []goboto.WaitOption{goboto.Interval(time.Hour), goboto.Timeout(2 * time.Hour)}
	for _, tt := range []struct {
		name string
		wait func() error
	}{
		{"BucketExists", func() error { return conn.Bucket("ready").Wait(ctx, s3.BucketExists, slow...) }},
		{"BucketNotExists", func() error { return conn.Bucket("gone").Wait(ctx, s3.BucketNotExists, slow...) }},
		{"KeyExists", func() error { return conn.Bucket("ready").Key("k").Wait(ctx, s3.KeyExists, slow...) }},
		{"KeyNotExists", func() error { return conn.Bucket("ready").Key("nope").Wait(ctx, s3.KeyNotExists, slow...) }},
		{"KeyNotExists, no bucket", func() error { return conn.Bucket("gone").Key("k").Wait(ctx, s3.KeyNotExists, slow...) }},
	} {
		srv.ResetCalls()
		if err := tt.wait(); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		if n := heads(srv); n != 1 {
			t.Errorf("%s: %d HEADs, want 1", tt.name, n)
		}
	}
}

// The waiters poll until the state changes: here the change happens in
// the Progress callback of the first look.
func TestWaitPolls(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	b := conn.Bucket("polled")
	k := b.Key("k")
	fast := goboto.Interval(time.Millisecond)
	var states []string
	progress := func(change func() error) goboto.WaitOption {
		return goboto.Progress(func(state string, _ time.Duration) {
			if len(states) == 0 {
				if err := change(); err != nil {
					t.Error(err)
				}
			}
			states = append(states, state)
		})
	}
	steps := []struct {
		name string
		wait func() error
		want []string
	}{
		{"BucketExists", func() error {
			return b.Wait(ctx, s3.BucketExists, fast, progress(func() error { return srv.CreateBucket("", "us-east-1", "polled") }))
		}, []string{"not exists", "exists"}},
		{"KeyExists", func() error {
			return k.Wait(ctx, s3.KeyExists, fast, progress(func() error { return k.PutBytes(ctx, []byte("x")) }))
		}, []string{"not exists", "exists"}},
		{"KeyNotExists", func() error {
			return k.Wait(ctx, s3.KeyNotExists, fast, progress(func() error { return k.Delete(ctx) }))
		}, []string{"exists", "not exists"}},
		{"BucketNotExists", func() error {
			return b.Wait(ctx, s3.BucketNotExists, fast, progress(func() error { return b.Delete(ctx) }))
		}, []string{"exists", "not exists"}},
	}
	for _, st := range steps {
		states = nil
		if err := st.wait(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if diff := cmp.Diff(st.want, states); diff != "" {
			t.Errorf("%s: states seen (-want +got):\n%s", st.name, diff)
		}
	}
}

func TestWaitFailures(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	if err := srv.CreateBucket("", "us-east-1", "mine"); err != nil {
		t.Fatal(err)
	}
	if err := srv.CreateBucket("444455556666", "us-east-1", "theirs"); err != nil {
		t.Fatal(err)
	}
	// Long enough for one look to finish on a loaded machine: the error
	// reports the last state seen, and a look cut short sees none.
	quick := []goboto.WaitOption{goboto.Interval(20 * time.Millisecond), goboto.Timeout(time.Second)}

	err := conn.Bucket("mine").Wait(ctx, s3.BucketNotExists, quick...)
	var te *goboto.WaitTimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("Wait(BucketNotExists) on a bucket that stays = %v; want *goboto.WaitTimeoutError", err)
	}
	if diff := cmp.Diff(goboto.WaitTimeoutError{Service: "S3", Resource: "bucket", ID: "mine", Want: "not exists", State: "exists"},
		*te, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Elapsed" }, cmp.Ignore())); diff != "" {
		t.Errorf("WaitTimeoutError (-want +got):\n%s", diff)
	}

	// AWS's BucketExists waiter counts a 403 as existing; its
	// BucketNotExists waiter matches only 404, so a 403 ends it.
	if err := conn.Bucket("theirs").Wait(ctx, s3.BucketExists, quick...); err != nil {
		t.Errorf("Wait(BucketExists) on another account's bucket = %v; want nil", err)
	}
	err = conn.Bucket("theirs").Wait(ctx, s3.BucketNotExists, quick...)
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 403 {
		t.Errorf("Wait(BucketNotExists) on another account's bucket = %v; want the 403", err)
	}

	srv.ResetCalls()
	var ve *goboto.ValidationError
	if err := conn.Bucket("mine").Wait(ctx, "gone"); !errors.As(err, &ve) {
		t.Errorf("Wait(bad state) = %v; want *goboto.ValidationError", err)
	}
	if err := conn.Bucket("mine").Key("k").Wait(ctx, s3.KeyState(s3.BucketExists+"!")); !errors.As(err, &ve) {
		t.Errorf("Key.Wait(bad state) = %v; want *goboto.ValidationError", err)
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("refused waits sent %d requests", n)
	}
}

// S3 User Guide, "Enabling S3 Object Lock": CreateBucket takes
// x-amz-bucket-object-lock-enabled. s3test does not model Object Lock, so
// it refuses the request with NotImplemented and makes no bucket rather
// than making one without the lock.
func TestObjectLockRefusedByFake(t *testing.T) {
	srv, conn := start(t)
	_, err := conn.CreateBucket(context.Background(), "locked", s3.ObjectLock())
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != "NotImplemented" {
		t.Fatalf("CreateBucket(ObjectLock) = %v; want s3test's NotImplemented", err)
	}
	if got := srv.Calls(); len(got) != 1 || got[0].Operation != "CreateBucket" {
		t.Errorf("calls = %v; want one CreateBucket", got)
	}
	if ok, err := conn.Bucket("locked").Exists(context.Background()); ok || err != nil {
		t.Errorf("Exists after a refused CreateBucket = %v, %v; want false", ok, err)
	}
}
