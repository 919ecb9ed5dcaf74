package cloudfronttest

import (
	"net/http"
	"net/url"
	"strings"
)

// route is one operation of the model: its method, its request URI with
// {Label} segments, and a query marker the URI carries ("WithTags" or
// "Operation=Tag"), empty when none.
type route struct {
	method, path, query, op string
}

// match reports whether r's method, path and query are this route's, and
// returns the path's labels.
func (rt route) match(method string, segs []string, q url.Values) (map[string]string, bool) {
	if method != rt.method {
		return nil, false
	}
	want := strings.Split(strings.TrimPrefix(rt.path, "/"), "/")
	if len(want) != len(segs) {
		return nil, false
	}
	if rt.query != "" {
		k, v, hasValue := strings.Cut(rt.query, "=")
		if !q.Has(k) || (hasValue && q.Get(k) != v) {
			return nil, false
		}
	}
	var labels map[string]string
	for i, w := range want {
		if strings.HasPrefix(w, "{") {
			if segs[i] == "" {
				return nil, false
			}
			if labels == nil {
				labels = map[string]string{}
			}
			labels[strings.Trim(w, "{}")] = segs[i]
			continue
		}
		if w != segs[i] {
			return nil, false
		}
	}
	return labels, true
}

// literals counts a route's fixed path segments: of two routes that
// match, the one with more wins, so /distribution/{Id}/config is never
// read as a label.
func (rt route) literals() int {
	n := 0
	for _, w := range strings.Split(rt.path, "/") {
		if !strings.HasPrefix(w, "{") {
			n++
		}
	}
	return n
}

// lookup names the operation of a request and its path labels, decoded;
// "" when the model has no operation at that method and path.
func lookup(r *http.Request) (string, map[string]string) {
	raw := r.URL.EscapedPath()
	parts := strings.Split(strings.TrimPrefix(raw, "/"), "/")
	segs := make([]string, len(parts))
	for i, p := range parts {
		s, err := url.PathUnescape(p)
		if err != nil {
			return "", nil
		}
		segs[i] = s
	}
	q := r.URL.Query()
	best, bestLit := -1, -1
	var bestLabels map[string]string
	for i, rt := range modelRoutes {
		labels, ok := rt.match(r.Method, segs, q)
		if !ok {
			continue
		}
		lit := rt.literals()
		if rt.query != "" {
			lit += 100 // a query marker decides between equal paths
		}
		if lit > bestLit {
			best, bestLit, bestLabels = i, lit, labels
		}
	}
	if best < 0 {
		return "", nil
	}
	return modelRoutes[best].op, bestLabels
}

// Operation names the CloudFront operation of r from its method, path and
// query marker, as the API model defines them; "" when there is none. It
// is the fake.Service's Operation, so calls are recorded by name.
func Operation(r *http.Request) string {
	op, _ := lookup(r)
	return op
}
