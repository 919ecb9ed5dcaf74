package sdb_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sdb"
)

func batchItems(n int) []sdb.Item {
	items := make([]sdb.Item, n)
	for i := range items {
		items[i] = sdb.Item{Name: fmt.Sprintf("item%03d", i), Attributes: sdb.Attributes{"n": {strconv.Itoa(i)}}}
	}
	return items
}

// itemNames lists the Item.N.ItemName parameters of a batch call in order.
func itemNames(c call) []string {
	var out []string
	for i := 1; ; i++ {
		v := c.Form.Get("Item." + strconv.Itoa(i) + ".ItemName")
		if v == "" {
			return out
		}
		out = append(out, v)
	}
}

func TestBatchPutChunks(t *testing.T) {
	for _, n := range []int{0, 1, 25, 26, 60} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			r := newRecorder(t, okAll)
			items := batchItems(n)
			if err := r.conn("us-east-1").Domain("dom").BatchPut(context.Background(), items, sdb.Replace()); err != nil {
				t.Fatal(err)
			}
			var got []string
			var sizes []int
			for _, c := range r.seen() {
				if c.Action != "BatchPutAttributes" {
					t.Errorf("action = %s", c.Action)
				}
				names := itemNames(c)
				sizes = append(sizes, len(names))
				got = append(got, names...)
			}
			var want []string
			for _, it := range items {
				want = append(want, it.Name)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("items sent in order (-want +got):\n%s", diff)
			}
			for _, s := range sizes {
				if s > sdb.MaxBatchItems {
					t.Errorf("a call carried %d items", s)
				}
			}
			if wantCalls := (n + 24) / 25; len(sizes) != wantCalls {
				t.Errorf("calls = %d, want %d", len(sizes), wantCalls)
			}
		})
	}
}

func TestBatchPutSplitsLargeBodies(t *testing.T) {
	// 25 items of 200 values of 1000 bytes are ~5 MB: far over the 1 MB
	// request limit, so they must go in several calls.
	items := make([]sdb.Item, 25)
	for i := range items {
		a := sdb.Attributes{}
		for j := range 200 {
			a.Add("v"+strconv.Itoa(j), strings.Repeat(strconv.Itoa(i%10), 1000))
		}
		items[i] = sdb.Item{Name: "big" + strconv.Itoa(i), Attributes: a}
	}
	var bodies []int
	r := newRecorder(t, func(_ int, c call) (int, string) {
		size := 0
		for k, vs := range c.Form {
			for _, v := range vs {
				size += len(k) + len(v) + 2
			}
		}
		bodies = append(bodies, size)
		return 200, ok(c.Action, "")
	})
	if err := r.conn("us-east-1").Domain("dom").BatchPut(context.Background(), items); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, c := range r.seen() {
		total += len(itemNames(c))
	}
	if total != 25 || len(bodies) < 5 {
		t.Errorf("items = %d over %d calls, want 25 over at least 5", total, len(bodies))
	}
	for i, b := range bodies {
		if b > 1<<20 {
			t.Errorf("call %d: %d bytes, over 1 MB", i, b)
		}
	}
}

func TestBatchErrorReportsDone(t *testing.T) {
	for _, tc := range []struct {
		name     string
		failCall int
		wantDone int
	}{
		{"first call", 1, 0},
		{"second call", 2, 25},
		{"last call", 3, 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder(t, func(n int, c call) (int, string) {
				if n == tc.failCall {
					return 400, errorBody("NoSuchDomain", "The specified domain does not exist.")
				}
				return 200, ok(c.Action, "")
			})
			err := r.conn("us-east-1").Domain("dom").BatchDelete(context.Background(), batchItems(60))
			var be *sdb.BatchError
			if !errors.As(err, &be) {
				t.Fatalf("err = %v (%T), want *sdb.BatchError", err, err)
			}
			if be.Done != tc.wantDone {
				t.Errorf("Done = %d, want %d", be.Done, tc.wantDone)
			}
			if !goboto.IsNotFound(err) {
				t.Error("BatchError hides the NoSuchDomain underneath")
			}
			if n := len(r.seen()); n != tc.failCall {
				t.Errorf("calls = %d, want %d (stop at the first failure)", n, tc.failCall)
			}
		})
	}
}

func TestBatchThrottleRetriedPerCall(t *testing.T) {
	r := newRecorder(t, func(n int, c call) (int, string) {
		if n == 2 {
			return 503, errorBody("ServiceUnavailable", "busy")
		}
		return 200, ok(c.Action, "")
	})
	if err := r.conn("us-east-1").Domain("dom").BatchPut(context.Background(), batchItems(50)); err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, c := range r.seen() {
		got = append(got, []string{itemNames(c)[0], strconv.Itoa(len(itemNames(c)))})
	}
	want := [][]string{{"item000", "25"}, {"item025", "25"}, {"item025", "25"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}
