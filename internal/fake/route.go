package fake

import (
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// requestParams merges a form body (POST, x-www-form-urlencoded) with the
// URL query, the way query-protocol services read parameters.
func requestParams(r *http.Request, body []byte) url.Values {
	params := url.Values{}
	if r.Method == http.MethodPost && len(body) > 0 {
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
			if form, err := url.ParseQuery(string(body)); err == nil {
				params = form
			}
		}
	}
	for k, vs := range r.URL.Query() {
		params[k] = append(params[k], vs...)
	}
	return params
}

// signingParams are the parameters SigV2 and presigned SigV4 add; services
// never see them.
var signingParams = []string{"Signature", "AWSAccessKeyId", "SignatureVersion", "SignatureMethod", "Timestamp", "SecurityToken"}

// serviceParams returns params without the signing ones. Expires is a
// signing parameter only in a SigV2 request.
func serviceParams(params url.Values, sigVersion int) url.Values {
	out := make(url.Values, len(params))
	for k, v := range params {
		if slices.Contains(signingParams, k) || strings.HasPrefix(strings.ToLower(k), "x-amz-") ||
			(sigVersion == 2 && k == "Expires") {
			continue
		}
		out[k] = v
	}
	return out
}

// route finds the service of a request: by the SigV4 scope's service name;
// otherwise by the query Version, the X-Amz-Target prefix, the Host name, or as the only
// service registered.
func (s *Server) route(r *http.Request, res authResult, params url.Values) (*Service, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if res.v4 != nil {
		for i := range s.services {
			if s.services[i].Name == res.v4.service {
				svc := s.services[i]
				return &svc, true
			}
		}
		return nil, false
	}
	if v := params.Get("Version"); v != "" {
		for i := range s.services {
			if slices.Contains(s.services[i].QueryVersions, v) {
				svc := s.services[i]
				return &svc, true
			}
		}
	}
	if t, _, ok := strings.Cut(r.Header.Get("X-Amz-Target"), "."); ok {
		for i := range s.services {
			if p := s.services[i].TargetPrefix; p != "" && p == t {
				svc := s.services[i]
				return &svc, true
			}
		}
	}
	host := hostname(r.Host)
	for i := range s.services {
		if p := s.services[i].HostPrefix; p != "" {
			if _, ok := regionFromHost(host, p); ok {
				svc := s.services[i]
				return &svc, true
			}
		}
	}
	if len(s.services) == 1 {
		svc := s.services[0]
		return &svc, true
	}
	return nil, false
}

// hostname strips the port from a Host header.
func hostname(host string) string {
	if h, _, ok := strings.Cut(host, ":"); ok && !strings.Contains(host, "]") {
		return h
	}
	if strings.HasPrefix(host, "[") {
		if i := strings.LastIndexByte(host, ']'); i > 0 {
			return host[1:i]
		}
	}
	return host
}

// regionFromHost reads the region of <prefix>.<region>.amazonaws.com[.cn];
// <prefix>.amazonaws.com is us-east-1.
func regionFromHost(host, prefix string) (string, bool) {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	rest, ok := strings.CutPrefix(host, strings.ToLower(prefix)+".")
	if !ok {
		return "", false
	}
	if rest == "amazonaws.com" {
		return "us-east-1", true
	}
	for _, suffix := range []string{".amazonaws.com", ".amazonaws.com.cn"} {
		if region, ok := strings.CutSuffix(rest, suffix); ok && region != "" && !strings.Contains(region, ".") {
			return region, true
		}
	}
	return "", false
}

// region returns the region a request is served in.
func (s *Server) region(r *http.Request, svc *Service, res authResult) string {
	if res.v4 != nil {
		return res.v4.region
	}
	if svc != nil && svc.HostPrefix != "" {
		if region, ok := regionFromHost(hostname(r.Host), svc.HostPrefix); ok {
			return region
		}
	}
	return s.opts.DefaultRegion
}

// operation names the operation of a request: Service.Operation when set,
// else the Action parameter (query protocols), the X-Amz-Target suffix
// (JSON) or the last path segment (RPC v2 CBOR).
func operation(r *http.Request, svc *Service, params url.Values) string {
	if svc.Operation != nil {
		return svc.Operation(r)
	}
	switch svc.Protocol {
	case Query, EC2:
		return params.Get("Action")
	case JSON10:
		t := r.Header.Get("X-Amz-Target")
		return t[strings.LastIndexByte(t, '.')+1:]
	case RPCv2CBOR:
		if _, op, ok := strings.Cut(r.URL.Path, "/operation/"); ok {
			return op
		}
	}
	return ""
}
