package core

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/goboto/goboto"
)

// fakePages serves pages of ints and counts how many were fetched.
type fakePages struct {
	pages   [][]int
	fetched int
	failAt  int // 1-based page that fails; 0 for none
}

func (f *fakePages) more() bool { return f.fetched < len(f.pages) }
func (f *fakePages) next(context.Context) ([]int, error) {
	f.fetched++
	if f.fetched == f.failAt {
		return nil, &smithy.GenericAPIError{Code: "Throttling", Message: "slow down"}
	}
	return f.pages[f.fetched-1], nil
}

func collect(f *fakePages, stopAfter int) (got []string, errs []error) {
	seq := func(yield func(string, error) bool) {
		Each(context.Background(), yield, f.more, f.next,
			func(p []int) []int { return p }, func(x int) string { return fmt.Sprint(x) })
	}
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, v)
		if len(got) == stopAfter {
			break
		}
	}
	return got, errs
}

func TestEachPagesLazily(t *testing.T) {
	f := &fakePages{pages: [][]int{{1, 2}, {3, 4}, {5}}}
	got, errs := collect(f, 3)
	if fmt.Sprint(got) != "[1 2 3]" || len(errs) != 0 {
		t.Errorf("got %v, %v", got, errs)
	}
	if f.fetched != 2 {
		t.Errorf("fetched %d pages for 3 items, want 2", f.fetched)
	}
	f = &fakePages{pages: [][]int{{1, 2}, {3, 4}, {5}}}
	if got, _ := collect(f, 0); fmt.Sprint(got) != "[1 2 3 4 5]" || f.fetched != 3 {
		t.Errorf("full walk: %v after %d pages", got, f.fetched)
	}
}

func TestEachYieldsErrorOnceLast(t *testing.T) {
	f := &fakePages{pages: [][]int{{1}, {2}, {3}}, failAt: 2}
	got, errs := collect(f, 0)
	if fmt.Sprint(got) != "[1]" || len(errs) != 1 {
		t.Fatalf("got %v, errors %v", got, errs)
	}
	var ae *goboto.APIError
	if !errors.As(errs[0], &ae) || ae.Code != "Throttling" {
		t.Errorf("error %v is not converted to an APIError", errs[0])
	}
	if f.fetched != 2 {
		t.Errorf("fetched %d pages, want 2 (none after the failure)", f.fetched)
	}
}
