package rdstest

import (
	"encoding/base64"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// xmlTime is RDS's timestamp format.
const xmlTime = "2006-01-02T15:04:05.000Z"

func stamp(t time.Time) string { return t.UTC().Format(xmlTime) }

// indexed reads the entries of a query list, base.<label>.N[.field], as
// one url.Values per N in index order. The label is whatever the client
// wrote: aws-sdk-go-v2 and botocore use the member's locationName
// (Parameters.Parameter.1.ParameterName), boto 2 used "member".
func indexed(params url.Values, base string) []url.Values {
	idx := map[int]url.Values{}
	for k, vs := range params {
		rest, ok := strings.CutPrefix(k, base+".")
		if !ok || len(vs) == 0 {
			continue
		}
		parts := strings.SplitN(rest, ".", 3)
		if len(parts) < 2 {
			continue
		}
		n, err := strconv.Atoi(parts[1])
		if err != nil {
			continue
		}
		field := ""
		if len(parts) == 3 {
			field = parts[2]
		}
		if idx[n] == nil {
			idx[n] = url.Values{}
		}
		idx[n][field] = append(idx[n][field], vs[0])
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

// strList reads a list of strings, base.<label>.N.
func strList(params url.Values, base string) []string {
	var out []string
	for _, v := range indexed(params, base) {
		out = append(out, v.Get(""))
	}
	return out
}

// filter is one Filters.Filter.N: a name and the values any of which may
// match.
type filter struct {
	name   string
	values []string
}

// filters reads Filters.Filter.N.Name and Filters.Filter.N.Values.Value.M,
// checking each name against those the operation knows.
func filters(params url.Values, known ...string) ([]filter, error) {
	var out []filter
	for _, v := range indexed(params, "Filters") {
		f := filter{name: v.Get("Name"), values: strList(v, "Values")}
		if !slices.Contains(known, f.name) {
			return nil, invalidValue("Unrecognized filter name: %s.", f.name)
		}
		if len(f.values) == 0 {
			return nil, invalidValue("Filter %s requires at least one value.", f.name)
		}
		out = append(out, f)
	}
	return out, nil
}

// matchFilters reports whether every filter matches: field returns the
// values of the resource a filter name selects.
func matchFilters(fs []filter, field func(name string) []string) bool {
	for _, f := range fs {
		have := field(f.name)
		if !slices.ContainsFunc(f.values, func(v string) bool { return slices.Contains(have, v) }) {
			return false
		}
	}
	return true
}

// page cuts items for Marker/MaxRecords paging. MaxRecords defaults to
// 100 and must lie in 20..100, as RDS requires. The marker is opaque to
// clients: the offset of the next item, base64-encoded.
func page[T any](params url.Values, items []T) ([]T, string, error) {
	return pageUpTo(params, items, 100)
}

// pageUpTo is page for a listing whose MaxRecords may go up to limit
// (DescribeOrderableDBInstanceOptions takes 20 to 1000).
func pageUpTo[T any](params url.Values, items []T, limit int) ([]T, string, error) {
	max := 100
	if v := params.Get("MaxRecords"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, "", invalidValue("Invalid value %s for MaxRecords.", v)
		}
		if n < 20 || n > limit {
			return nil, "", invalidValue("Invalid value %d for MaxRecords. Must be between 20 and %d", n, limit)
		}
		max = n
	}
	start := 0
	if m := params.Get("Marker"); m != "" {
		raw, err := base64.RawURLEncoding.DecodeString(m)
		off, ok := strings.CutPrefix(string(raw), "offset:")
		n, aerr := strconv.Atoi(off)
		if err != nil || !ok || aerr != nil || n < 0 || n > len(items) {
			return nil, "", invalidValue("The marker %q is not valid.", m)
		}
		start = n
	}
	items = items[start:]
	if len(items) <= max {
		return items, "", nil
	}
	return items[:max], base64.RawURLEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(start+max))), nil
}

// boolParam reads a Boolean parameter; def when absent.
func boolParam(params url.Values, name string, def bool) (bool, error) {
	switch strings.ToLower(params.Get(name)) {
	case "":
		return def, nil
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, invalidValue("Invalid value %q for %s: must be true or false.", params.Get(name), name)
}

// intParam reads an integer parameter; def when absent.
func intParam(params url.Values, name string, def int) (int, error) {
	v := params.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, invalidValue("Invalid value %s for %s: must be an integer.", v, name)
	}
	return n, nil
}

// required returns the parameter name, or MissingParameter when it is
// absent or blank.
func required(params url.Values, name string) (string, error) {
	v := params.Get(name)
	if strings.TrimSpace(v) == "" {
		return "", missing(name)
	}
	return v, nil
}

// result wraps an action's answer in RDS's envelope:
// <XxxResponse><XxxResult>…</XxxResult><ResponseMetadata><RequestId/></ResponseMetadata></XxxResponse>.
type result struct {
	name string
	v    any
}

func (res *result) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Name = xml.Name{Local: res.name}
	return e.EncodeElement(res.v, start)
}

type envelope struct {
	XMLName   xml.Name
	NS        string  `xml:"xmlns,attr"`
	Result    *result `xml:",omitempty"`
	RequestID string  `xml:"ResponseMetadata>RequestId"`
}

// render returns r's answer with v as its result; a nil v renders an
// answer with no result element (DeleteDBParameterGroup,
// DeleteDBSecurityGroup).
func render(r *fake.Request, v any) ([]byte, error) {
	env := envelope{XMLName: xml.Name{Local: r.Operation + "Response"}, NS: namespace, RequestID: r.RequestID}
	if v != nil {
		env.Result = &result{name: r.Operation + "Result", v: v}
	}
	return xml.Marshal(env)
}

// writeBody writes a rendered answer, as fake.WriteXML would have.
func writeBody(w http.ResponseWriter, body []byte) {
	h := w.Header()
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "text/xml")
	}
	h.Set("Content-Length", strconv.Itoa(len(xml.Header)+len(body)))
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, xml.Header)
	w.Write(body)
}
