package cloudfronttest

import (
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The managed cache policies the edge knows (CloudFront Developer Guide,
// "Use managed cache policies"): CachingOptimized (TTLs 1 s, 1 day, 1
// year; nothing in the cache key) and CachingDisabled (TTLs 0), and the
// managed AllViewer origin request policy, which forwards every header,
// cookie and query string.
const (
	cachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6"
	cachingDisabled  = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
	allViewer        = "216adef6-5c7f-47e4-b989-5492eafa07d3"
)

// edgeCache is the edge's cache: responses by distribution and cache
// key.
type edgeCache struct {
	mu      sync.Mutex
	entries map[string]*cached
	client  *http.Client // for custom origins (edge_origin.go)
}

// cached is one cached response.
type cached struct {
	status  int
	header  http.Header
	body    []byte
	stored  time.Time
	expires time.Time
	// invSeen is how many of the distribution's invalidations existed
	// when the origin was asked: the later ones empty this entry. Order,
	// not time, decides, since on a clock a test holds still an
	// invalidation and the fetches around it share one instant.
	invSeen int
}

func (c *edgeCache) get(key string, now time.Time, path string, invs []invalidationMark) *cached {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[key]
	if e == nil {
		return nil
	}
	if !now.Before(e.expires) || invalidated(e.invSeen, path, invs) {
		delete(c.entries, key)
		return nil
	}
	return e
}

func (c *edgeCache) put(key string, e *cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]*cached{}
	}
	c.entries[key] = e
}

// invalidated reports whether an invalidation made after the first seen
// (invs in creation order) names path: exactly, or by a trailing *
// (CloudFront Developer Guide, "Invalidate files": "the * wildcard ...
// must be the last character in the path"). Paths are compared as the
// viewer sent them.
func invalidated(seen int, path string, invs []invalidationMark) bool {
	for _, inv := range invs[min(seen, len(invs)):] {
		for _, p := range inv.paths {
			if prefix, ok := strings.CutSuffix(p, "*"); ok && strings.HasPrefix(path, prefix) || p == path {
				return true
			}
		}
	}
	return false
}

// forwarding is what a behaviour forwards to the origin and caches on.
type forwarding struct {
	query         bool
	queryKeys     []string // cache on these only; nil: all forwarded
	headers       []string // canonical names; {"*"} all
	cookies       string   // none, all, whitelist
	cookieList    []string
	min, def, max time.Duration
}

// forwardingOf reads a behaviour's legacy ForwardedValues and TTLs, or
// its managed cache and origin request policies.
func forwardingOf(cb *node) forwarding {
	if id := cb.str("CachePolicyId"); id != "" {
		var f forwarding
		if id == cachingOptimized {
			f.min, f.def, f.max = time.Second, 24*time.Hour, 365*24*time.Hour
		}
		if cb.str("OriginRequestPolicyId") == allViewer {
			f.query, f.headers, f.cookies = true, []string{"*"}, "all"
			f.queryKeys = []string{} // forwarded, not cached on
		}
		return f
	}
	secs := func(path string, def int64) time.Duration {
		if v, ok := cb.integer(path); ok {
			return time.Duration(v) * time.Second
		}
		return time.Duration(def) * time.Second
	}
	f := forwarding{
		query:   cb.boolean("ForwardedValues/QueryString"),
		cookies: cb.str("ForwardedValues/Cookies/Forward"),
		min:     secs("MinTTL", 0), def: secs("DefaultTTL", 86400), max: secs("MaxTTL", 31536000),
	}
	if keys := cb.items("ForwardedValues/QueryStringCacheKeys/Items"); len(keys) > 0 {
		for _, k := range keys {
			f.queryKeys = append(f.queryKeys, k.text)
		}
	}
	for _, h := range cb.items("ForwardedValues/Headers/Items") {
		if h.text == "*" {
			f.headers = []string{"*"}
			break
		}
		f.headers = append(f.headers, http.CanonicalHeaderKey(h.text))
	}
	for _, c := range cb.items("ForwardedValues/Cookies/WhitelistedNames/Items") {
		f.cookieList = append(f.cookieList, c.text)
	}
	return f
}

// outgoing is the request the edge sends to the origin.
type outgoing struct {
	query  string
	header http.Header
}

// forward builds what f forwards from the viewer's request, and the
// cache key it makes.
func (f forwarding) forward(req *http.Request, path, query string) (outgoing, string) {
	out := outgoing{header: http.Header{}}
	key := []string{path}
	if f.query && query != "" {
		out.query = query
		cacheQ := query
		if f.queryKeys != nil {
			vals, _ := url.ParseQuery(query)
			var kept []string
			for _, k := range f.queryKeys {
				for _, v := range vals[k] {
					kept = append(kept, url.QueryEscape(k)+"="+url.QueryEscape(v))
				}
			}
			cacheQ = strings.Join(kept, "&")
		}
		key = append(key, "?"+cacheQ)
	}
	if r := req.Header.Get("Range"); r != "" {
		out.header.Set("Range", r)
		key = append(key, "range="+r)
	}
	for name, vals := range req.Header {
		if name == "Cookie" || !(slices.Contains(f.headers, "*") || slices.Contains(f.headers, name)) || hopByHop(name) {
			continue
		}
		out.header[name] = append([]string(nil), vals...)
	}
	names := make([]string, 0, len(out.header))
	for n := range out.header {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		key = append(key, n+":"+strings.Join(out.header[n], ","))
	}
	var cookies []string
	for _, c := range req.Cookies() {
		if f.cookies == "all" || f.cookies == "whitelist" && slices.Contains(f.cookieList, c.Name) {
			cookies = append(cookies, c.Name+"="+c.Value)
		}
	}
	if len(cookies) > 0 {
		out.header.Set("Cookie", strings.Join(cookies, "; "))
		slices.Sort(cookies)
		key = append(key, "cookie:"+strings.Join(cookies, ";"))
	}
	return out, strings.Join(key, "\n")
}

// hopByHop reports the headers that never pass a proxy.
func hopByHop(name string) bool {
	switch name {
	case "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade", "Host":
		return true
	}
	return false
}

// ttl is how long a response may be cached: the origin's s-maxage or
// max-age held within [min, max], min when the origin says no-cache,
// no-store or private, and the default when it says nothing
// (CloudFront Developer Guide, "Manage how long content stays in the
// cache (expiration)").
func (f forwarding) ttl(h http.Header) time.Duration {
	cc := strings.ToLower(h.Get("Cache-Control"))
	if cc == "" {
		return f.def
	}
	var age time.Duration = -1
	for _, d := range strings.Split(cc, ",") {
		d = strings.TrimSpace(d)
		name, val, _ := strings.Cut(d, "=")
		switch name {
		case "no-cache", "no-store", "private":
			return f.min
		case "s-maxage":
			if n, err := strconv.Atoi(val); err == nil {
				age = time.Duration(n) * time.Second
				return min(max(age, f.min), f.max)
			}
		case "max-age":
			if n, err := strconv.Atoi(val); err == nil {
				age = time.Duration(n) * time.Second
			}
		}
	}
	if age < 0 {
		return f.def
	}
	return min(max(age, f.min), f.max)
}

// serveCached answers from the cache or from the origin.
func (b *Backend) serveCached(w http.ResponseWriter, req *http.Request, v *viewerDist, path, query string, now time.Time) error {
	f := forwardingOf(v.behavior)
	out, key := f.forward(req, path, query)
	key = v.id + "\n" + key
	cacheable := req.Method == http.MethodGet || req.Method == http.MethodHead
	if cacheable {
		if e := b.edge.get(key, now, path, v.invalidations); e != nil {
			return writeCached(w, req, e, "Hit from cloudfront", now)
		}
	}
	e, err := b.fetch(req, v, path, out)
	if err != nil {
		return couldNotSatisfy(w, http.StatusBadGateway, "CloudFront wasn't able to connect to the origin.")
	}
	label := "Miss from cloudfront"
	if e.status >= 400 {
		label = "Error from cloudfront"
	} else if ttl := f.ttl(e.header); cacheable && ttl > 0 && e.status < 300 {
		e.stored, e.expires, e.invSeen = now, now.Add(ttl), len(v.invalidations)
		b.edge.put(key, e)
	}
	e.stored = now
	return writeCached(w, req, e, label, now)
}

// writeCached sends e with the edge's headers.
func writeCached(w http.ResponseWriter, req *http.Request, e *cached, label string, now time.Time) error {
	h := w.Header()
	for k, vs := range e.header {
		if !hopByHop(k) {
			h[k] = append([]string(nil), vs...)
		}
	}
	h.Set("X-Cache", label)
	if strings.HasPrefix(label, "Hit") {
		h.Set("Age", strconv.Itoa(int(now.Sub(e.stored)/time.Second)))
	}
	h.Set("Content-Length", strconv.Itoa(len(e.body)))
	w.WriteHeader(e.status)
	if req.Method == http.MethodHead {
		return nil
	}
	_, err := w.Write(e.body)
	return err
}

// clientIP is the viewer's address.
func clientIP(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, _ := netip.ParseAddr(host)
	return a.Unmap()
}
