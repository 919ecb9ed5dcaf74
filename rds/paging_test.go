package rds_test

import (
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/rdstest"
)

// drain counts what a listing yields, stopping after stop items when
// stop > 0, and fails the test on an error.
func drain[T any](t *testing.T, seq iter.Seq2[T, error], stop int) int {
	t.Helper()
	n := 0
	for _, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == stop {
			break
		}
	}
	return n
}

// TestListingsPageLazily lists 25 of each resource 20 to a page: the full
// listing takes two calls, one that stops at the first item only one.
func TestListingsPageLazily(t *testing.T) {
	srv, conn := startFake(t, rdstest.WithManualTransitions())
	ctx := t.Context()
	for i := range 25 {
		db, err := conn.CreateDBInstance(ctx, mysqlOptions(fmt.Sprintf("page%02d", i)))
		if err != nil {
			t.Fatal(err)
		}
		srv.Settle()
		if _, err := db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: fmt.Sprintf("page%02d-snap", i)}); err != nil {
			t.Fatal(err)
		}
		srv.Settle()
	}
	type listing struct {
		op    string
		count func(stop int) int
		min   int // items the full listing yields at least
	}
	for _, l := range []listing{
		{"DescribeDBInstances", func(stop int) int { return drain(t, conn.DBInstances(ctx, rds.PageSize(20)), stop) }, 25},
		{"DescribeDBSnapshots", func(stop int) int {
			return drain(t, conn.DBSnapshots(ctx, rds.SnapshotFilter{Type: rds.SnapshotManual}, rds.PageSize(20)), stop)
		}, 25},
		{"DescribeEvents", func(stop int) int {
			return drain(t, conn.Events(ctx, rds.EventFilter{SourceType: rds.SourceInstance, Duration: time.Hour}, rds.PageSize(20)), stop)
		}, 25},
	} {
		srv.ResetCalls()
		n := l.count(0)
		if n < l.min {
			t.Errorf("%s: listed %d; want at least %d", l.op, n, l.min)
		}
		if got, want := count(srv, l.op), (n+19)/20; got != want {
			t.Errorf("%s: %d items took %d calls; want %d", l.op, n, got, want)
		}
		srv.ResetCalls()
		if n := l.count(1); n != 1 {
			t.Errorf("%s: stopped after %d; want 1", l.op, n)
		}
		if diff := cmp.Diff([]string{l.op}, ops(srv)); diff != "" {
			t.Errorf("%s: calls of a listing stopped at its first item (-want +got):\n%s", l.op, diff)
		}
	}
}
