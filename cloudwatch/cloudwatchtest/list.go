package cloudwatchtest

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// ListMetrics answers at most 500 metrics a page (CloudWatch API
// Reference, ListMetrics: "Up to 500 results are returned for any one
// call"), of those with data in the last two weeks; RecentlyActive PT3H
// narrows that to the last three hours.
const listPage = 500

func (b *Backend) listMetrics(r *fake.Request) (*listMetricsOutput, error) {
	var in listMetricsInput
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	if in.OwningAccount != nil || in.IncludeLinkedAccounts != nil && *in.IncludeLinkedAccounts {
		return nil, errUnsupported("ListMetrics across linked accounts")
	}
	if in.Namespace != "" {
		if err := checkNamespace(in.Namespace, false); err != nil {
			return nil, err
		}
	}
	if len(in.Dimensions) > 10 {
		return nil, errInvalidParameterValue("The collection Dimensions must not have a size greater than 10.")
	}
	window := maxAge
	switch in.RecentlyActive {
	case "":
	case "PT3H":
		window = 3 * time.Hour
	default:
		return nil, errInvalidParameterValue("The parameter RecentlyActive must be a value in the set PT3H.")
	}
	start := 0
	if in.NextToken != nil {
		n, err := decodeToken(*in.NextToken)
		if err != nil {
			return nil, errInvalidNextToken()
		}
		start = n
	}
	reg := b.regions.Get(r.Account(), r.Region)
	reg.mu.Lock()
	var all []*series
	for _, s := range reg.metrics {
		if r.Now.Sub(s.last) > window || !s.matches(in) {
			continue
		}
		all = append(all, s)
	}
	reg.mu.Unlock()
	for _, s := range b.ec2Listing(r.Account(), r.Region) {
		if s.matches(in) {
			all = append(all, s)
		}
	}
	slices.SortFunc(all, func(a, b *series) int {
		return strings.Compare(seriesKey(a.namespace, a.name, a.dims), seriesKey(b.namespace, b.name, b.dims))
	})
	if start > len(all) {
		return nil, errInvalidNextToken()
	}
	out := &listMetricsOutput{Metrics: []metric{}}
	end := min(start+listPage, len(all))
	for _, s := range all[start:end] {
		out.Metrics = append(out.Metrics, metric{Namespace: s.namespace, MetricName: s.name, Dimensions: slices.Clone(s.dims)})
		if out.Metrics[len(out.Metrics)-1].Dimensions == nil {
			out.Metrics[len(out.Metrics)-1].Dimensions = []dimension{}
		}
	}
	if end < len(all) {
		tok := encodeToken(end)
		out.NextToken = &tok
	}
	return out, nil
}

// matches reports whether s passes ListMetrics' filters: the namespace
// and name, and every dimension filter (a name it has, with the value
// given, if any).
func (s *series) matches(in listMetricsInput) bool {
	if in.Namespace != "" && s.namespace != in.Namespace || in.MetricName != "" && s.name != in.MetricName {
		return false
	}
	for _, f := range in.Dimensions {
		i := slices.IndexFunc(s.dims, func(d dimension) bool { return d.Name == f.Name })
		if i < 0 || f.Value != nil && s.dims[i].Value != *f.Value {
			return false
		}
	}
	return true
}

// Tokens are opaque to clients; a position in the sorted listing is
// enough for a fake whose listing a test does not change mid-walk.
func encodeToken(n int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("cwt:" + strconv.Itoa(n)))
}

func decodeToken(tok string) (int, error) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, err
	}
	rest, ok := strings.CutPrefix(string(b), "cwt:")
	if !ok {
		return 0, strconv.ErrSyntax
	}
	return strconv.Atoi(rest)
}
