package ec2test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// structs reads a list of structures, prefix.N.Field, as one url.Values of
// Field per N, in index order.
func structs(params url.Values, prefix string) []url.Values {
	idx := map[int]url.Values{}
	for k, vs := range params {
		rest, ok := strings.CutPrefix(k, prefix+".")
		if !ok || len(vs) == 0 {
			continue
		}
		num, field, ok := strings.Cut(rest, ".")
		n, err := strconv.Atoi(num)
		if !ok || err != nil {
			continue
		}
		if idx[n] == nil {
			idx[n] = url.Values{}
		}
		idx[n].Set(field, vs[0])
	}
	nums := make([]int, 0, len(idx))
	for n := range idx {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	out := make([]url.Values, len(nums))
	for i, n := range nums {
		out[i] = idx[n]
	}
	return out
}

// intParam reads an integer parameter; def when absent.
func intParam(params url.Values, name string, def int) (int, error) {
	v := params.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, invalidValue("Invalid value '" + v + "' for " + name)
	}
	return n, nil
}

// page cuts items for NextToken/MaxResults paging: the token is the offset
// of the next item. MaxResults must lie in lo..hi; zero means everything.
func page[T any](params url.Values, items []T, lo, hi int) ([]T, string, error) {
	return pageLimited(params, items, lo, hi, false)
}

// pageCapped is page for the actions whose documentation says a MaxResults
// above hi returns hi items rather than an error (DescribeVolumes,
// DescribeSnapshots).
func pageCapped[T any](params url.Values, items []T, lo, hi int) ([]T, string, error) {
	return pageLimited(params, items, lo, hi, true)
}

func pageLimited[T any](params url.Values, items []T, lo, hi int, capped bool) ([]T, string, error) {
	max, err := intParam(params, "MaxResults", 0)
	if err != nil {
		return nil, "", err
	}
	if capped && max > hi {
		max = hi
	}
	if params.Has("MaxResults") && (max < lo || max > hi) {
		return nil, "", invalidValue("Value ( " + strconv.Itoa(max) + " ) for parameter maxResults is invalid. Expecting a value between " +
			strconv.Itoa(lo) + " and " + strconv.Itoa(hi) + ".")
	}
	start := 0
	if tok := params.Get("NextToken"); tok != "" {
		start, err = strconv.Atoi(strings.TrimPrefix(tok, "page-"))
		if err != nil || start < 0 || start > len(items) {
			return nil, "", invalidValue("Invalid NextToken: " + tok)
		}
	}
	items = items[start:]
	if max == 0 || len(items) <= max {
		return items, "", nil
	}
	return items[:max], "page-" + strconv.Itoa(start+max), nil
}

// xmlTime is EC2's timestamp format.
const xmlTime = "2006-01-02T15:04:05.000Z"

// returnResponse is the answer of actions that only say they succeeded.
type returnResponse struct {
	XMLName   xml.Name
	Xmlns     string `xml:"xmlns,attr"`
	RequestID string `xml:"requestId"`
	Return    bool   `xml:"return"`
}

func writeReturn(w http.ResponseWriter, r *fake.Request) error {
	return fake.WriteXML(w, http.StatusOK, returnResponse{
		XMLName: xml.Name{Local: r.Operation + "Response"}, Xmlns: responseNamespace(r),
		RequestID: r.RequestID, Return: true,
	})
}

func boolParam(params url.Values, name string) bool { return params.Get(name) == "true" }

// hasPrefix reports whether any parameter name starts with prefix.
func hasPrefix(params url.Values, prefix string) bool {
	for k := range params {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}
