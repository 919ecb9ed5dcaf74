package cloudfronttest

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxOriginBody bounds what the edge reads of an origin's answer.
const maxOriginBody = 64 << 20

// fetch gets path from v's origin with what the behaviour forwards.
func (b *Backend) fetch(req *http.Request, v *viewerDist, path string, out outgoing) (*cached, error) {
	o := v.origin
	if o == nil {
		return nil, errors.New("no origin")
	}
	for _, h := range o.items("CustomHeaders/Items") {
		out.header.Set(h.str("HeaderName"), h.str("HeaderValue"))
	}
	fullPath := o.str("OriginPath") + path
	var resp *http.Response
	if o.has("S3OriginConfig") || (!o.has("CustomOriginConfig") && strings.Contains(o.str("DomainName"), ".s3")) {
		if v.s3 == nil {
			return nil, errors.New("no S3 fake")
		}
		bucket := originBucket(o.str("DomainName"))
		key, err := unescapePath(strings.TrimPrefix(fullPath, "/"))
		if err != nil {
			return nil, err
		}
		method := req.Method
		if method != http.MethodHead {
			method = http.MethodGet
		}
		resp = v.s3.GetAs(req.Context(), v.principal, method, bucket, key, out.header)
	} else {
		var err error
		if resp, err = fetchCustom(b.edge.originClient(), req, o, fullPath, out); err != nil {
			return nil, err
		}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxOriginBody))
	if err != nil {
		return nil, err
	}
	h := resp.Header.Clone()
	h.Del("Content-Length")
	h.Del("x-amz-request-id")
	h.Del("x-amz-id-2")
	return &cached{status: resp.StatusCode, header: h, body: body}, nil
}

// unescapePath decodes a viewer's path into an S3 key.
func unescapePath(p string) (string, error) {
	var sb strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] != '%' {
			sb.WriteByte(p[i])
			continue
		}
		if i+2 >= len(p) {
			return "", errors.New("bad escape")
		}
		n, err := strconv.ParseUint(p[i+1:i+3], 16, 8)
		if err != nil {
			return "", err
		}
		sb.WriteByte(byte(n))
		i += 2
	}
	return sb.String(), nil
}

// fetchCustom requests a custom origin: its protocol policy and ports,
// and only at loopback addresses, since a fake talks to no network.
func fetchCustom(client *http.Client, req *http.Request, o *node, path string, out outgoing) (*http.Response, error) {
	scheme := "https"
	switch o.str("CustomOriginConfig/OriginProtocolPolicy") {
	case "http-only":
		scheme = "http"
	case "match-viewer":
		if req.TLS == nil {
			scheme = "http"
		}
	}
	port := o.str("CustomOriginConfig/HTTPSPort")
	if scheme == "http" {
		port = o.str("CustomOriginConfig/HTTPPort")
	}
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[scheme]
	}
	target := scheme + "://" + net.JoinHostPort(o.str("DomainName"), port) + path
	if out.query != "" {
		target += "?" + out.query
	}
	ctx, cancel := context.WithTimeout(req.Context(), 30*time.Second)
	r, err := http.NewRequestWithContext(ctx, req.Method, target, req.Body)
	if err != nil {
		cancel()
		return nil, err
	}
	r.Header = out.header
	r.Header.Set("User-Agent", "Amazon CloudFront")
	r.Header.Set("Via", "1.1 cloudfronttest.cloudfront.net (CloudFront)")
	if host := out.header.Get("Host"); host != "" {
		r.Host = host
	}
	resp, err := client.Do(r)
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = cancelOnClose{resp.Body, cancel}
	return resp, nil
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c cancelOnClose) Close() error { err := c.ReadCloser.Close(); c.cancel(); return err }

// originClient returns the client custom origins are fetched with, made
// on first use: it dials loopback addresses only, and does not verify
// the origin's certificate (local test origins have self-signed ones).
// It follows no redirects: the viewer gets them, as from CloudFront.
func (c *edgeCache) originClient() *http.Client {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.client == nil {
		c.client = newLoopbackClient()
	}
	return c.client
}

func newLoopbackClient() *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy: nil,
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				host, port, err := net.SplitHostPort(addr)
				if err != nil {
					return nil, err
				}
				ips, err := net.DefaultResolver.LookupIPAddr(ctx, host)
				if err != nil {
					return nil, err
				}
				// Every loopback address is tried in turn, since "localhost"
				// may name ::1 first while the origin listens on 127.0.0.1.
				var last error
				for _, ip := range ips {
					if !ip.IP.IsLoopback() {
						continue
					}
					var d net.Dialer
					c, err := d.DialContext(ctx, network, net.JoinHostPort(ip.IP.String(), port))
					if err == nil {
						return c, nil
					}
					last = err
				}
				if last != nil {
					return nil, last
				}
				return nil, errors.New("cloudfronttest: the edge reaches loopback origins only, not " + host)
			},
			TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// originBucket is the bucket of an S3 origin's domain: what precedes
// its last ".s3." or ".s3-" (bucket.s3.amazonaws.com,
// bucket.s3.us-west-2.amazonaws.com, bucket.s3-us-west-2.amazonaws.com),
// so a bucket whose own name holds ".s3" is kept whole.
func originBucket(domain string) string {
	d := strings.ToLower(domain)
	i := max(strings.LastIndex(d, ".s3."), strings.LastIndex(d, ".s3-"))
	if i <= 0 {
		return d
	}
	return d[:i]
}
