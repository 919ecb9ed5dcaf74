package fake

import (
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/goboto/goboto/regions"
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

// via says how a request found its service.
type via int

const (
	viaScope   via = iota + 1 // the SigV4 scope's service
	viaVersion                // the query Version
	viaTarget                 // the X-Amz-Target prefix
	viaHost                   // an AWS host name
	viaDefault                // nothing named one: S3, or the only service
)

// routed is where route sends a request: a service, or, when no service
// can take it, the error to answer, rendered in errIn's protocol (nil:
// Query).
type routed struct {
	svc   *Service
	via   via
	err   *Error
	errIn *Service
}

// route finds the service of a request. A SigV4 request whose scope names
// a registered service goes there, as in AWS, where the scope must name
// the endpoint's service. Otherwise, in order: the service whose
// QueryVersions hold the Version parameter, whose TargetPrefix matches
// X-Amz-Target, or whose HostPrefix matches the Host; then the only
// service, if there is one. On a server hosting several services a
// request that names a Version, an Action or an X-Amz-Target nobody
// serves is refused with the common errors' InvalidAction, and anything
// else (a REST path, unsigned or signed with SigV2 or a SigV4 scope
// nobody serves) goes to S3, as S3 is the REST endpoint of the local
// cloud; with no S3 it is refused with MissingAction.
//
// Routing by Version or X-Amz-Target when the scope names no service is
// what lets boto 2 reach EC2 and RDS at an IP address: it guesses the
// scope from the host name, "127.0.0.1" giving service "127" and region
// "0". The signature is still checked against the scope that was signed.
func (s *Server) route(r *http.Request, res authResult, params url.Values) routed {
	s.mu.RLock()
	defer s.mu.RUnlock()
	find := func(match func(svc *Service) bool) *Service {
		for i := range s.services {
			if match(&s.services[i]) {
				svc := s.services[i]
				return &svc
			}
		}
		return nil
	}
	if res.v4 != nil {
		if svc := find(func(svc *Service) bool { return svc.Name == res.v4.service }); svc != nil {
			return routed{svc: svc, via: viaScope}
		}
	}
	version := params.Get("Version")
	if version != "" {
		if svc := find(func(svc *Service) bool { return slices.Contains(svc.QueryVersions, version) }); svc != nil {
			return routed{svc: svc, via: viaVersion}
		}
	}
	target := r.Header.Get("X-Amz-Target")
	if prefix, _, ok := strings.Cut(target, "."); ok {
		if svc := find(func(svc *Service) bool { return svc.TargetPrefix != "" && svc.TargetPrefix == prefix }); svc != nil {
			return routed{svc: svc, via: viaTarget}
		}
	}
	host := hostname(r.Host)
	if svc := find(func(svc *Service) bool {
		_, ok := regionFromHost(host, svc.HostPrefix)
		return svc.HostPrefix != "" && ok
	}); svc != nil {
		return routed{svc: svc, via: viaHost}
	}
	if len(s.services) == 1 {
		svc := s.services[0]
		return routed{svc: &svc, via: viaDefault}
	}
	switch {
	case target != "":
		return routed{err: errInvalidAction(), errIn: &Service{Protocol: JSON10}}
	case version != "" || params.Has("Action"):
		return routed{err: errInvalidAction()}
	}
	if svc := find(isS3); svc != nil {
		return routed{svc: svc, via: viaDefault}
	}
	return routed{err: &Error{Status: http.StatusBadRequest, Code: "MissingAction", Sender: true,
		Message: "The request is missing an action or a required parameter."}}
}

// isS3 reports whether svc is S3, the service that takes REST requests no
// scope, Version or Target routes.
func isS3(svc *Service) bool { return svc.Name == "s3" && svc.Protocol == RestXML }

// errInvalidAction is the common errors' answer to an action no service
// here serves (AWS General Reference, "Common Errors": InvalidAction,
// HTTP 400).
func errInvalidAction() *Error {
	return &Error{Status: http.StatusBadRequest, Code: "InvalidAction", Sender: true,
		Message: "The action or operation requested is invalid. Verify that the action is typed correctly."}
}

// scopeMismatch is the answer to a SigV4 request routed to svc although
// its scope names another service: only routing by Version or
// X-Amz-Target, which name the service themselves, may overrule the
// scope. AWS refuses a scope that names another service than the
// endpoint's: S3 with AuthorizationHeaderMalformed (or, presigned,
// AuthorizationQueryParametersError), the others with their signature
// error, "Credential should be scoped to correct service".
func scopeMismatch(svc *Service, rt routed, res authResult) *Error {
	if res.v4 == nil || rt.via == viaScope || rt.via == viaVersion || rt.via == viaTarget {
		return nil
	}
	if svc.Protocol == RestXML {
		if res.v4.presigned {
			return &Error{Status: http.StatusBadRequest, Code: "AuthorizationQueryParametersError", Sender: true,
				Message: "Error parsing the X-Amz-Credential parameter; incorrect service \"" + res.v4.service + "\". This endpoint belongs to \"" + svc.Name + "\"."}
		}
		return &Error{Status: http.StatusBadRequest, Code: "AuthorizationHeaderMalformed", Sender: true,
			Message: "The authorization header is malformed; incorrect service \"" + res.v4.service + "\". This endpoint belongs to \"" + svc.Name + "\"."}
	}
	e := svc.errorSet().BadSignature
	e.Message = "Credential should be scoped to correct service: '" + svc.Name + "'."
	return e
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

// region returns the region a request is served in: the SigV4 scope's,
// the Host's, or the default. A request routed by its Version or
// X-Amz-Target rather than its scope may carry a region no more real than
// its service (boto 2 at 127.0.0.1 signs for region "0"); it is served in
// the default region then.
func (s *Server) region(r *http.Request, svc *Service, res authResult) string {
	if res.v4 != nil {
		if res.v4.service == svc.Name || isRegion(res.v4.region) {
			return res.v4.region
		}
		return s.opts.DefaultRegion
	}
	if svc.HostPrefix != "" {
		if region, ok := regionFromHost(hostname(r.Host), svc.HostPrefix); ok {
			return region
		}
	}
	return s.opts.DefaultRegion
}

// isRegion reports whether name is a region of some partition, or has the
// shape of one (a region newer than the catalog).
func isRegion(name string) bool {
	_, ok := regions.PartitionOf(name)
	return ok
}

// protocolOf is the protocol a request speaks among those svc serves
// (Service.Protocol and Service.Also).
func protocolOf(r *http.Request, svc *Service, _ url.Values) Protocol {
	if len(svc.Also) == 0 {
		return svc.Protocol
	}
	serves := func(p Protocol) bool { return svc.Protocol == p || slices.Contains(svc.Also, p) }
	switch {
	case serves(RPCv2CBOR) && strings.HasPrefix(r.URL.Path, "/service/") && r.Header.Get("Smithy-Protocol") != "":
		return RPCv2CBOR
	case serves(JSON10) && r.Header.Get("X-Amz-Target") != "":
		return JSON10
	case serves(Query):
		// Neither CBOR nor JSON: a query form (SQS's old clients post
		// Action=... forms, boto 2 even to a queue's path).
		return Query
	}
	return svc.Protocol
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
