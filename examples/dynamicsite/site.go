package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/examples/exenv"
)

// AWS's managed policies (CloudFront Developer Guide, "Use managed cache
// policies" and "Use managed origin request policies").
const (
	cachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6" // Managed-CachingOptimized: cache, key on nothing
	cachingDisabled  = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" // Managed-CachingDisabled
	allViewer        = "216adef6-5c7f-47e4-b989-5492eafa07d3" // Managed-AllViewer: forward every header, cookie and query string
)

// allMethods are what a hole must allow for forms to post through it.
var allMethods = []string{"GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"}

// hole sends pattern straight to the origin: nothing cached, everything
// the viewer sent forwarded, every method allowed.
func hole(pattern string) cloudfront.Behavior {
	return cloudfront.Behavior{PathPattern: pattern, TargetOriginID: "wordpress", ViewerProtocol: cloudfront.RedirectToHTTPS,
		CachePolicyID: cachingDisabled, OriginRequestPolicyID: allViewer, AllowedMethods: allMethods}
}

// site is what the walkthrough shares.
type site struct {
	w      io.Writer
	d      *cloudfront.Distribution
	origin *origin
	viewer *http.Client
	sent   int // requests sent through CloudFront
}

func (s *site) printf(format string, args ...any) { fmt.Fprintf(s.w, format, args...) }
func (s *site) call(format string, args ...any)   { fmt.Fprintf(s.w, "> "+format+"\n", args...) }
func (s *site) result(format string, args ...any) { fmt.Fprintf(s.w, "    "+format+"\n", args...) }

// run is the walkthrough, with org as the origin.
func run(ctx context.Context, w io.Writer, env *exenv.Env, o options, org *origin) (err error) {
	s := &site{w: w, origin: org,
		viewer: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	if env.Local {
		s.viewer = cloudfronttest.EdgeClient(env.Cloud.Server)
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s.origin, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	_, portText, _ := net.SplitHostPort(ln.Addr().String())
	port, _ := strconv.Atoi(portText)

	s.printf("The origin: a stand-in for WordPress, served by this program over HTTP; it counts the requests it serves.\n")
	conn := cloudfront.New(env.Config)
	s.call("conn := cloudfront.New(cfg)")
	s.call("d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{Comment: \"My blog\", Enabled: true,\n" +
		"        Origins: []cloudfront.Origin{{ID: \"wordpress\", DomainName: origin,\n" +
		"            Custom: &cloudfront.CustomOrigin{HTTPPort: port, Protocol: cloudfront.OriginHTTPOnly}}},\n" +
		"        DefaultBehavior: cloudfront.Behavior{TargetOriginID: \"wordpress\", ViewerProtocol: cloudfront.RedirectToHTTPS,\n" +
		"            CachePolicyID: cachingOptimized},   // everything else is cached\n" +
		"        Behaviors: []cloudfront.Behavior{hole(\"/wp-admin/*\"), hole(\"/wp-login.php\"), hole(\"/comment\")}})\n" +
		"    // hole(p): CachePolicyID cachingDisabled, OriginRequestPolicyID allViewer, AllowedMethods all seven")
	d, err := conn.CreateDistribution(ctx, cloudfront.DistributionConfig{Comment: "My blog", Enabled: true,
		Origins: []cloudfront.Origin{{ID: "wordpress", DomainName: o.origin,
			Custom: &cloudfront.CustomOrigin{HTTPPort: port, Protocol: cloudfront.OriginHTTPOnly}}},
		DefaultBehavior: cloudfront.Behavior{TargetOriginID: "wordpress", ViewerProtocol: cloudfront.RedirectToHTTPS,
			CachePolicyID: cachingOptimized},
		Behaviors: []cloudfront.Behavior{hole("/wp-admin/*"), hole("/wp-login.php"), hole("/comment")}})
	if err != nil {
		return err
	}
	defer func() {
		s.call("d.Delete(ctx)   // disables, waits until deployed, deletes")
		if derr := d.Delete(ctx); derr != nil && err == nil {
			err = derr
		}
	}()
	s.d = d
	s.result("%s at %s", d.ID, d.DomainName)
	s.call("d.Wait(ctx, cloudfront.DistributionDeployed)")
	if err := d.Wait(ctx, cloudfront.DistributionDeployed); err != nil {
		return err
	}
	s.result("%s", d.Status)

	s.printf("\nEach request through CloudFront, with X-Cache and whether it reached the origin:\n")
	for _, r := range []req{
		{method: "GET", path: "/"},
		{method: "GET", path: "/"},
		{method: "GET", path: "/?utm_source=feed", note: "the query string is no part of the cache key"},
		{method: "GET", path: postPath},
		{method: "GET", path: postPath},
		{method: "GET", path: "/wp-login.php"},
		{method: "POST", path: "/wp-login.php", form: url.Values{"log": {"admin"}}},
		{method: "GET", path: "/wp-admin/", login: true},
		{method: "GET", path: "/wp-admin/", login: true, note: "admin pages are never cached"},
		{method: "POST", path: "/comment", form: url.Values{"comment": {"Nice post!"}}},
		{method: "GET", path: postPath, note: "stale: the cached page from before the comment"},
		{method: "GET", path: "/wp-admin/", login: true, note: "the dashboard is current"},
	} {
		if err := s.request(ctx, r); err != nil {
			return err
		}
	}

	s.printf("\nThe post changed, so its cached copy goes:\n")
	s.call("inv, err := d.Invalidate(ctx, %q)", postPath)
	inv, err := d.Invalidate(ctx, postPath)
	if err != nil {
		return err
	}
	s.call("inv.Wait(ctx, cloudfront.InvalidationCompleted)")
	if err := inv.Wait(ctx, cloudfront.InvalidationCompleted); err != nil {
		return err
	}
	s.result("%s %v", inv.Status, inv.Paths)
	for _, r := range []req{
		{method: "GET", path: postPath, note: "fresh again"},
		{method: "GET", path: postPath},
		{method: "GET", path: "/", note: "other pages stay cached"},
	} {
		if err := s.request(ctx, r); err != nil {
			return err
		}
	}
	s.printf("\nThe origin served %d of the %d requests.\n", s.origin.count(), s.sent)
	return nil
}

// req is one viewer request of the transcript.
type req struct {
	method, path string
	form         url.Values
	login        bool // send the login cookie
	note         string
}

// request sends r through CloudFront and prints what came back and
// whether the origin saw it.
func (s *site) request(ctx context.Context, r req) error {
	var body io.Reader
	if r.form != nil {
		body = strings.NewReader(r.form.Encode())
	}
	hreq, err := http.NewRequestWithContext(ctx, r.method, s.d.URL(r.path), body)
	if err != nil {
		return err
	}
	if r.form != nil {
		hreq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if r.login {
		hreq.AddCookie(&http.Cookie{Name: loginCookie, Value: "admin"})
	}
	before := s.origin.count()
	resp, err := s.viewer.Do(hreq)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	page, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	s.sent++
	origin := "cache"
	if s.origin.count() > before {
		origin = "origin"
	}
	line := fmt.Sprintf("%-4s %-28s %d  %-22s from the %s", r.method, r.path, resp.StatusCode, resp.Header.Get("X-Cache"), origin)
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		line += ", to " + resp.Header.Get("Location")
	case resp.StatusCode == http.StatusOK:
		line += ": " + strings.TrimSpace(string(page))
	}
	s.call("%s", line)
	if r.note != "" {
		s.result("%s", r.note)
	}
	if resp.StatusCode >= 400 {
		return errors.New(r.method + " " + r.path + ": " + resp.Status)
	}
	return nil
}
