package s3_test

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	s3v2 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/detach"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// AWS SDKs and Tools Reference Guide, "Service-specific endpoints":
// AWS_ENDPOINT_URL_S3 sends S3's requests to that URL. The fake answers
// on one host name, so the requests must be path-style (/bucket/key).
// The endpoint names localhost rather than 127.0.0.1, for which
// aws-sdk-go-v2 would go path-style by itself, and every connection is
// dialled to the fake, whose certificate names localhost alone: a
// virtual-hosted request (from-env.localhost) fails.
func TestEndpointFromEnvironment(t *testing.T) {
	srv := s3test.Start(t)
	u, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	tr := srv.HTTPClient().Transport.(detach.Transport).Next.(*http.Transport).Clone() // trusts the fake's certificate
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, u.Host)
	}
	client := &http.Client{Transport: tr}
	local := "localhost:" + u.Port()
	var hosts []string
	// Only the S3 variable: no global endpoint, no shared files.
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_ENDPOINT_URL_S3", u.Scheme+"://"+local)
	for _, v := range []string{"AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_CA_BUNDLE", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"} {
		unsetenv(t, v)
	}
	cred := fakes.DefaultCredentials()[0]
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(cred.AccessKeyID, cred.SecretAccessKey, "")),
		config.WithHTTPClient(hostRecorder{client, &hosts}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.BaseEndpoint != nil {
		t.Fatalf("BaseEndpoint = %q; the test wants the override to come from AWS_ENDPOINT_URL_S3 alone", *cfg.BaseEndpoint)
	}
	ctx := context.Background()
	b, err := s3.New(cfg).CreateBucket(ctx, "from-env")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Key("k").PutBytes(ctx, []byte("x")); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, c := range srv.Calls() {
		paths = append(paths, c.Method+" "+c.Path)
	}
	if got := strings.Join(paths, ", "); got != "PUT /from-env, PUT /from-env/k" {
		t.Errorf("requests = %s; want path-style PUT /from-env, PUT /from-env/k", got)
	}
	if len(hosts) != 2 || hosts[0] != local || hosts[1] != local {
		t.Errorf("hosts = %v; want %s twice", hosts, local)
	}
}

// hostRecorder records the Host of every request.
type hostRecorder struct {
	next  *http.Client
	hosts *[]string
}

func (h hostRecorder) Do(r *http.Request) (*http.Response, error) {
	*h.hosts = append(*h.hosts, r.URL.Host)
	return h.next.Do(r)
}

// unsetenv removes v for the rest of the test; t.Setenv beforehand
// restores it afterwards.
func unsetenv(t *testing.T, v string) {
	t.Helper()
	t.Setenv(v, "")
	if err := os.Unsetenv(v); err != nil {
		t.Fatal(err)
	}
}

// countingClient counts the requests it passes on.
type countingClient struct {
	next aws.HTTPClient
	n    *int
}

func (c countingClient) Do(r *http.Request) (*http.Response, error) {
	*c.n++
	return c.next.Do(r)
}

// WithClientOptions reaches the v2 client's options after goboto's own:
// path-style and the endpoint are already set when the caller's run.
func TestWithClientOptions(t *testing.T) {
	srv := s3test.Start(t)
	var sent int
	var sawPathStyle bool
	var sawEndpoint string
	conn := s3.New(srv.Config(""), goboto.WithEndpoint(srv.URL()), s3.WithClientOptions(nil, func(o *s3v2.Options) {
		sawPathStyle, sawEndpoint = o.UsePathStyle, aws.ToString(o.BaseEndpoint)
		o.HTTPClient = countingClient{next: o.HTTPClient, n: &sent}
	}))
	if _, err := conn.CreateBucket(context.Background(), "hatch"); err != nil {
		t.Fatal(err)
	}
	if sent != 1 || !sawPathStyle || sawEndpoint != srv.URL() {
		t.Errorf("client options: %d requests through the caller's client, UsePathStyle %v, BaseEndpoint %q; want 1, true, %q",
			sent, sawPathStyle, sawEndpoint, srv.URL())
	}
}
