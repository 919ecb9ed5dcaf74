package ec2test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// list reads an EC2 query list: prefix.1, prefix.2, ... in index order.
func list(params url.Values, prefix string) []string {
	type item struct {
		n int
		v string
	}
	var items []item
	for k, vs := range params {
		rest, ok := strings.CutPrefix(k, prefix+".")
		if !ok || len(vs) == 0 {
			continue
		}
		n, err := strconv.Atoi(rest)
		if err != nil {
			continue
		}
		items = append(items, item{n, vs[0]})
	}
	slices.SortFunc(items, func(a, b item) int { return a.n - b.n })
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out
}

// filter is one Filter.N: a name and the values any of which may match.
type filter struct {
	name   string
	values []string
}

// filters reads Filter.N.Name and Filter.N.Value.M, checking each name
// against those the operation knows. A name the action documents but the
// fake cannot evaluate is UnsupportedOperation (unsupportedFilters); the
// action is the request's Action parameter.
func filters(params url.Values, known ...string) ([]filter, error) {
	idx := map[int]*filter{}
	for k, vs := range params {
		rest, ok := strings.CutPrefix(k, "Filter.")
		if !ok || len(vs) == 0 {
			continue
		}
		num, field, _ := strings.Cut(rest, ".")
		n, err := strconv.Atoi(num)
		if err != nil {
			continue
		}
		f := idx[n]
		if f == nil {
			f = &filter{}
			idx[n] = f
		}
		switch {
		case field == "Name":
			f.name = vs[0]
		case strings.HasPrefix(field, "Value."):
			f.values = append(f.values, vs[0])
		}
	}
	nums := make([]int, 0, len(idx))
	for n := range idx {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	out := make([]filter, 0, len(nums))
	for _, n := range nums {
		f := idx[n]
		if err := unsupportedFilter(params.Get("Action"), f.name); err != nil {
			return nil, err
		}
		if !slices.Contains(known, f.name) {
			return nil, invalidValue(fmt.Sprintf("The filter '%s' is invalid", f.name))
		}
		if len(f.values) == 0 {
			return nil, invalidValue(fmt.Sprintf("The filter '%s' requires a value", f.name))
		}
		out = append(out, *f)
	}
	return out, nil
}

// matchAll reports whether every filter matches: field returns the value
// a filter name selects.
func matchAll(fs []filter, field func(name string) string) bool {
	for _, f := range fs {
		v := field(f.name)
		if !slices.ContainsFunc(f.values, func(p string) bool { return wildcard(p, v) }) {
			return false
		}
	}
	return true
}

func invalidValue(msg string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidParameterValue", Sender: true, Message: msg}
}
