package cloudfronttest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/goboto/goboto/cloudfront/internal/pathpattern"
	"github.com/goboto/goboto/cloudfront/internal/viewerauth"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3/s3test"
)

// The local edge serves viewer requests for every distribution at the
// fake server's address: a request whose Host is a distribution's
// domain (d111111abcdef8.cloudfront.net) or one of its aliases reaches
// it unsigned (fake.Service.Hosts), and EdgeClient gives tests an
// *http.Client that sends *.cloudfront.net there. For each request it
// does what the CloudFront Developer Guide describes:
//
//   - picks the cache behaviour by path pattern ("Cache behavior
//     settings", Path pattern; package pathpattern), refuses methods the
//     behaviour does not allow, and applies its viewer protocol policy
//     (redirect-to-https answers 301, https-only 403 over HTTP);
//   - with trusted key groups or trusted signers, lets only requests
//     with a valid signed URL or signed cookies through ("Serve private
//     content with signed URLs and signed cookies"), answering 403 with
//     CloudFront's <Error> document otherwise (package viewerauth);
//   - serves from its cache while the object's TTL lasts, "X-Cache: Hit
//     from cloudfront", and otherwise fetches from the origin, "Miss
//     from cloudfront"; an invalidation created after an object was
//     cached empties it for the paths it names;
//   - fetches an S3 origin from the S3 fake in process, as the
//     distribution's origin access identity, as cloudfront.amazonaws.com
//     with the distribution's ARN (origin access control), or unsigned,
//     so the bucket's policy, ACLs and Block Public Access decide as S3
//     decides, and an origin's 403 AccessDenied reaches the viewer as
//     CloudFront relays it; fetches a custom origin over HTTP(S), on
//     loopback addresses only;
//   - forwards to the origin the query string, headers and cookies the
//     behaviour forwards (legacy ForwardedValues; with a cache policy,
//     the managed AllViewer origin request policy forwards everything and
//     nothing is forwarded otherwise), and caches on them.
//
// Where it is simpler than CloudFront: one cache for the whole world (no
// POPs), error responses are not cached, only the managed cache
// policies CachingOptimized and CachingDisabled are known (any other
// cache policy caches nothing), Lambda@Edge and CloudFront Functions do
// not run, and origin groups serve from their primary.

// edgeHostSuffix is the domain of every distribution.
const edgeHostSuffix = ".cloudfront.net"

// EdgeService returns the service that serves viewer requests: every
// request whose Host ends in .cloudfront.net, or is an alias of a
// distribution, before any AWS authentication.
func (b *Backend) EdgeService() fake.Service {
	return fake.Service{
		Name:      "cloudfront-edge",
		Protocol:  fake.RestXML,
		Hosts:     b.edgeHost,
		Operation: func(*http.Request) string { return "ViewerRequest" },
		Handle:    b.serveEdge,
	}
}

// SetS3 gives the edge the S3 fake its S3 origins live in; without one
// an S3 origin answers 502. New and fakes/localcloud set it.
func (b *Backend) SetS3(s *s3test.Backend) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.s3 = s
}

// edgeHost reports whether host is for the edge.
func (b *Backend) edgeHost(host string) bool {
	if strings.HasSuffix(host, edgeHostSuffix) {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, a := range b.accounts {
		for _, d := range a.dists {
			for _, al := range d.config.items("Aliases/Items") {
				if strings.EqualFold(al.text, host) {
					return true
				}
			}
		}
	}
	return false
}

// viewerDist is what the edge needs of a distribution, copied under the
// backend's lock.
type viewerDist struct {
	id, arn, account string
	enabled          bool
	config           *node
	behavior         *node // the behaviour that serves the request
	keys             viewerauth.Keys
	signed           bool // the behaviour restricts viewer access
	origin           *node
	principal        s3test.Principal // for an S3 origin
	invalidations    []invalidationMark
	s3               *s3test.Backend
}

// invalidationMark is what an invalidation names; the edge keeps them
// in the order they were made.
type invalidationMark struct {
	paths []string
}

// lookupViewer finds the distribution host names and the behaviour that
// serves path, or nil.
func (b *Backend) lookupViewer(host, path string) *viewerDist {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	b.mu.Lock()
	defer b.mu.Unlock()
	for acct, a := range b.accounts {
		for _, d := range a.dists {
			match := strings.EqualFold(d.domain, host)
			for _, al := range d.config.items("Aliases/Items") {
				match = match || strings.EqualFold(al.text, host)
			}
			if !match {
				continue
			}
			v := &viewerDist{id: d.id, arn: d.arn, account: acct, enabled: d.enabled(), config: d.config.clone(), s3: b.s3}
			var patterns []string
			cbs := v.config.items("CacheBehaviors/Items")
			for _, cb := range cbs {
				patterns = append(patterns, cb.str("PathPattern"))
			}
			if i := pathpattern.Pick(patterns, path); i >= 0 {
				v.behavior = cbs[i]
			} else {
				v.behavior = v.config.child("DefaultCacheBehavior")
			}
			v.keys, v.signed = b.trustedKeysLocked(acct, v.behavior)
			v.origin = b.originLocked(acct, v, v.behavior.str("TargetOriginId"))
			for _, inv := range d.invalidations {
				v.invalidations = append(v.invalidations, invalidationMark{paths: append([]string(nil), inv.paths...)})
			}
			return v
		}
	}
	return nil
}

// originLocked returns the origin target names (an origin group's
// primary) and sets v's S3 principal for it; b.mu is held.
func (b *Backend) originLocked(acct string, v *viewerDist, target string) *node {
	for _, g := range v.config.items("OriginGroups/Items") {
		if g.str("Id") == target {
			if ms := g.items("Members/Items"); len(ms) > 0 {
				target = ms[0].str("OriginId")
			}
		}
	}
	for _, o := range v.config.items("Origins/Items") {
		if o.str("Id") != target {
			continue
		}
		if oacID := o.str("OriginAccessControlId"); oacID != "" {
			if oac := b.findLocked(kinds["OriginAccessControl"], acct, oacID); oac != nil && oac.config.str("SigningBehavior") != "never" {
				v.principal = s3test.Principal{Service: "cloudfront.amazonaws.com", SourceARN: v.arn, SourceAccount: acct}
			}
		} else if ref := o.str("S3OriginConfig/OriginAccessIdentity"); ref != "" {
			if id, ok := strings.CutPrefix(ref, oaiRefPrefix); ok {
				if oai := b.findLocked(kinds["CloudFrontOriginAccessIdentity"], acct, id); oai != nil {
					v.principal = s3test.Principal{CanonicalUser: oai.canonical, ARN: OAIARN(oai.id)}
				}
			}
		}
		return o
	}
	return nil
}

// serveEdge answers one viewer request.
func (b *Backend) serveEdge(w http.ResponseWriter, r *fake.Request) error {
	req := r.HTTP
	now := b.clock()
	rawPath, rawQuery, _ := strings.Cut(req.RequestURI, "?")
	if rawPath == "" || !strings.HasPrefix(rawPath, "/") {
		rawPath = req.URL.EscapedPath()
		rawQuery = req.URL.RawQuery
	}
	h := w.Header()
	h.Set("Via", "1.1 "+randomHex(16)+".cloudfront.net (CloudFront)")
	h.Set("X-Amz-Cf-Pop", "LCL50-C1")
	h.Set("X-Amz-Cf-Id", cfID())
	h.Del("x-amzn-RequestId")
	h.Del("x-amz-request-id")

	v := b.lookupViewer(hostOnly(req.Host), rawPath)
	if v == nil || !v.enabled {
		return couldNotSatisfy(w, http.StatusForbidden, "Bad request. We can't connect to the server for this app or website at this time.")
	}
	if rawPath == "/" {
		if root := v.config.str("DefaultRootObject"); root != "" {
			rawPath = "/" + root
		}
	}
	switch policy := v.behavior.str("ViewerProtocolPolicy"); {
	case req.TLS != nil || policy == "allow-all":
	case policy == "redirect-to-https":
		h.Set("Location", "https://"+req.Host+req.RequestURI)
		h.Set("X-Cache", "Redirect from cloudfront")
		w.WriteHeader(http.StatusMovedPermanently)
		return nil
	default:
		return couldNotSatisfy(w, http.StatusForbidden, "This distribution is configured to accept only HTTPS requests.")
	}
	if !methodAllowed(v.behavior, req.Method) {
		return couldNotSatisfy(w, http.StatusForbidden,
			"This distribution is not configured to allow the HTTP request method that was used for this request. The distribution supports only cachable requests.")
	}
	if v.signed {
		d := viewerauth.Verify(viewerauth.Request{URL: viewerauth.RequestURL(req), Cookies: req.Cookies(),
			ClientIP: clientIP(req.RemoteAddr), Time: now}, v.keys)
		if !d.Allowed() {
			return accessDenied(w, d.Reason)
		}
	}
	return b.serveCached(w, req, v, rawPath, stripSigning(rawQuery), now)
}

// hostOnly drops a Host's port.
func hostOnly(host string) string {
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host[i:], "]") {
		return host[:i]
	}
	return host
}

// methodAllowed reports whether the behaviour's AllowedMethods has m
// (GET and HEAD when it lists none).
func methodAllowed(cb *node, m string) bool {
	items := cb.items("AllowedMethods/Items")
	if len(items) == 0 {
		return m == http.MethodGet || m == http.MethodHead
	}
	for _, it := range items {
		if it.text == m {
			return true
		}
	}
	return false
}

// signingParams are a signed URL's query parameters, which the edge
// takes off before it forwards the request or caches on its query.
var signingParams = map[string]bool{"Expires": true, "Policy": true, "Signature": true, "Key-Pair-Id": true, "Hash-Algorithm": true}

// stripSigning removes the signing parameters from a raw query, keeping
// the rest as sent.
func stripSigning(raw string) string {
	if raw == "" {
		return ""
	}
	var kept []string
	for _, p := range strings.Split(raw, "&") {
		name, _, _ := strings.Cut(p, "=")
		if !signingParams[name] {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "&")
}

// accessDenied answers a refused signed request as CloudFront does: 403
// with <Error><Code/><Message/></Error> (viewerauth's codes).
func accessDenied(w http.ResponseWriter, reason viewerauth.Reason) error {
	body := `<?xml version="1.0" encoding="UTF-8"?>` + "\n<Error><Code>" + reason.Code() + "</Code><Message>" + reason.Message() + "</Message></Error>"
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Cache", "Error from cloudfront")
	w.WriteHeader(http.StatusForbidden)
	_, err := w.Write([]byte(body))
	return err
}

// couldNotSatisfy is CloudFront's own HTML error page.
func couldNotSatisfy(w http.ResponseWriter, status int, why string) error {
	body := "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\">\n" +
		"<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">\n<TITLE>ERROR: The request could not be satisfied</TITLE>\n" +
		"</HEAD><BODY>\n<H1>" + http.StatusText(status) + "</H1>\n<H2>The request could not be satisfied.</H2>\n<HR noshade size=\"1px\">\n" + why + "\n</BODY></HTML>"
	w.Header().Set("Content-Type", "text/html")
	w.Header().Set("X-Cache", "Error from cloudfront")
	w.WriteHeader(status)
	_, err := w.Write([]byte(body))
	return err
}

func randomHex(n int) string {
	b := make([]byte, n/2)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// cfID is an X-Amz-Cf-Id: 56 characters of URL-safe base64.
func cfID() string {
	b := make([]byte, 42)
	rand.Read(b)
	return base64.URLEncoding.EncodeToString(b)
}
