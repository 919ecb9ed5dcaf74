package cloudfronttest

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/url"
	"testing"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/detach"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3/s3test"
)

// Server is a running fake CloudFront: the shared fake shell (URL,
// Config, Faults, Calls, ...) around a Backend, with the local edge and
// an S3 fake for distributions' S3 origins on the same address (S3). It
// is safe for concurrent use.
type Server struct {
	*fakes.Server
	*Backend
	s3 *s3test.Backend
}

// New starts a fake CloudFront, on a free port of 127.0.0.1 over HTTP
// unless opts say otherwise (fakes.WithAddr, fakes.WithTLS). The same
// server serves the local edge (viewer requests for *.cloudfront.net,
// reached with EdgeClient) and S3 (path-style, signed for "s3"), which
// the edge reads S3 origins from and which knows the fake's origin
// access identities; opts reach the S3 fake too.
func New(opts ...fakes.Option) (*Server, error) {
	b, err := NewBackend(opts...)
	if err != nil {
		return nil, err
	}
	s3b, err := s3test.NewBackend(opts...)
	if err != nil {
		return nil, err
	}
	b.SetS3(s3b)
	s3b.SetPrincipals(b.KnownOAI)
	shell, err := fake.StartShell(fake.Apply(opts...), false, b.Service(), b.EdgeService(), s3b.Service())
	if err != nil {
		return nil, err
	}
	s3b.SetClock(shell.Now)
	s3b.SetPostCredentials(shell.Credentials())
	return &Server{Server: shell, Backend: b, s3: s3b}, nil
}

// Start is New for tests: it fails t if the server cannot start and
// closes the server when t ends.
func Start(t testing.TB, opts ...fakes.Option) *Server {
	t.Helper()
	return fake.StartTest(t, "cloudfronttest", New, opts)
}

// S3 returns the S3 fake the server serves beside CloudFront.
func (s *Server) S3() *s3test.Backend { return s.s3 }

// EdgeClient returns an *http.Client for viewer requests to the local
// edge of srv (a cloudfronttest.Server's or a fakes/localcloud Cloud's
// *fakes.Server): it connects to srv's address whatever host a URL
// names, so "https://d111111abcdef8.cloudfront.net/key" reaches the
// distribution's edge with that Host, and it trusts srv's certificate
// (made for localhost). It follows no redirects, so a test sees
// CloudFront's 301 for redirect-to-https.
func EdgeClient(srv *fakes.Server) *http.Client {
	u, _ := url.Parse(srv.URL())
	addr := u.Host
	base := srv.HTTPClient().Transport
	var tlsCfg *tls.Config
	if t, ok := unwrapTransport(base); ok && t.TLSClientConfig != nil {
		tlsCfg = t.TLSClientConfig.Clone()
	} else {
		tlsCfg = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	tlsCfg.ServerName = "localhost"
	tr := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
		TLSClientConfig: tlsCfg,
	}
	return &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// unwrapTransport finds the *http.Transport under the fake client's
// detach.Transport.
func unwrapTransport(rt http.RoundTripper) (*http.Transport, bool) {
	for range 4 {
		switch t := rt.(type) {
		case *http.Transport:
			return t, true
		case detach.Transport:
			rt = t.Next
		default:
			return nil, false
		}
	}
	return nil, false
}
