package s3_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// cancelOnResponse is an HTTP client that cancels a context once the
// first response to a request match accepts has arrived, so a test can
// cancel a sync between two pages or two batches.
type cancelOnResponse struct {
	next   aws.HTTPClient
	match  func(*http.Request) bool
	cancel func()
	seen   atomic.Bool
}

func (c *cancelOnResponse) Do(r *http.Request) (*http.Response, error) {
	resp, err := c.next.Do(r)
	if c.match(r) && c.seen.CompareAndSwap(false, true) {
		c.cancel()
	}
	return resp, err
}

// cancellingConn is a Conn to srv whose client cancels the returned
// context after the first response to a request match accepts.
func cancellingConn(t *testing.T, srv *s3test.Server, match func(*http.Request) bool) (*s3.Conn, context.Context) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	cfg := srv.Config("")
	cfg.HTTPClient = &cancelOnResponse{next: cfg.HTTPClient, match: match, cancel: cancel}
	return s3.New(cfg), ctx
}

func seedMany(t *testing.T, srv *s3test.Server, bucket, prefix string, n int) {
	t.Helper()
	for i := range n {
		if err := srv.PutObject(bucket, fmt.Sprintf("%s%05d", prefix, i), []byte("x"), nil); err != nil {
			t.Fatal(err)
		}
	}
}

// SyncDown cancelled after the first page of its listing asks for no
// more pages and fetches nothing.
func TestSyncDownStopsOnCancelDuringListing(t *testing.T) {
	srv := s3test.Start(t)
	if _, err := s3.New(srv.Config("")).CreateBucket(context.Background(), "down"); err != nil {
		t.Fatal(err)
	}
	seedMany(t, srv, "down", "p/", 2500) // three pages of ListObjectsV2
	conn, ctx := cancellingConn(t, srv, func(r *http.Request) bool { return r.Method == http.MethodGet })
	srv.ResetCalls()
	_, err := conn.Bucket("down").SyncDown(ctx, "p", t.TempDir())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got := ops(srv); got["ListObjectsV2"] != 1 || got["GetObject"] != 0 || len(srv.Calls()) != 1 {
		t.Errorf("calls %v, want the one ListObjectsV2 page before the cancel", got)
	}
}

// SyncUp's deletion cancelled after its first batch of 1,000 keys sends
// no further DeleteObjects, and the keys of the later batches stay.
func TestSyncUpDeleteStopsOnCancel(t *testing.T) {
	srv := s3test.Start(t)
	if _, err := s3.New(srv.Config("")).CreateBucket(context.Background(), "up-sync"); err != nil {
		t.Fatal(err)
	}
	seedMany(t, srv, "up-sync", "p/", 2500) // no local file matches: all are to be deleted
	conn, ctx := cancellingConn(t, srv, func(r *http.Request) bool {
		return r.Method == http.MethodPost && strings.Contains(r.URL.RawQuery, "delete")
	})
	srv.ResetCalls()
	res, err := conn.Bucket("up-sync").SyncUp(ctx, t.TempDir(), "p", s3.SyncDelete())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got := ops(srv); got["DeleteObjects"] != 1 {
		t.Errorf("calls %v, want one DeleteObjects before the cancel", got)
	}
	left := 0
	for _, err := range s3.New(srv.Config("")).Bucket("up-sync").Keys(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		left++
	}
	if left != 1500 || len(res.Deleted) != 1000 {
		t.Errorf("%d keys left, %d reported deleted; want 1500 left and 1000 deleted", left, len(res.Deleted))
	}
}
