package sdb_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/sdb"
)

func TestRegionAndSignedHost(t *testing.T) {
	for _, tc := range []struct {
		region, wantRegion, wantHost string
	}{
		{"us-east-1", "us-east-1", "sdb.amazonaws.com"},
		{"us-west-2", "us-west-2", "sdb.us-west-2.amazonaws.com"},
		{"eu-west-1", "eu-west-1", "sdb.eu-west-1.amazonaws.com"},
		{"ap-southeast-2", "ap-southeast-2", "sdb.ap-southeast-2.amazonaws.com"},
	} {
		t.Run(tc.wantRegion, func(t *testing.T) {
			r := newRecorder(t, okAll)
			conn := r.conn(tc.region)
			if conn.Region() != tc.wantRegion {
				t.Errorf("Region = %q, want %q", conn.Region(), tc.wantRegion)
			}
			if err := conn.DeleteDomain(context.Background(), "dom"); err != nil {
				t.Fatal(err)
			}
			c := r.seen()[0]
			if c.Host != tc.wantHost || !c.Verified {
				t.Errorf("Host = %q (verified %v), want %q", c.Host, c.Verified, tc.wantHost)
			}
		})
	}
}

// A region that is empty or no AWS region is refused before anything is
// sent: sdb used to send an empty region to us-east-1, and a fake would
// serve "mars-1" as if it existed.
func TestRegionRefusedLocally(t *testing.T) {
	for _, region := range []string{"", "mars-1", "us-east-1 "} {
		r := newRecorder(t, okAll)
		err := r.conn(region).DeleteDomain(context.Background(), "dom")
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) || ve.Field != "Region" {
			t.Errorf("region %q: err = %v, want a *goboto.ValidationError on Region", region, err)
		}
		if n := len(r.seen()); n != 0 {
			t.Errorf("region %q: %d requests sent", region, n)
		}
	}
}

func TestBaseEndpointFromConfig(t *testing.T) {
	r := newRecorder(t, okAll)
	cfg := aws.Config{
		Region:       "sa-east-1",
		Credentials:  staticProvider(testKey, testSecret, ""),
		HTTPClient:   r.Client(),
		BaseEndpoint: aws.String(r.URL),
	}
	if err := sdb.New(cfg).DeleteDomain(context.Background(), "dom"); err != nil {
		t.Fatal(err)
	}
	if c := r.seen()[0]; c.Host != "sdb.sa-east-1.amazonaws.com" || !c.Verified {
		t.Errorf("Host = %q, verified = %v", c.Host, c.Verified)
	}
}

func TestSessionCredentials(t *testing.T) {
	r := newRecorder(t, okAll)
	r.secrets["ASIDSDBTEST000000003"] = "sdb/test/secret/session/0000000000003"
	cfg := aws.Config{
		Region:      "us-east-1",
		Credentials: staticProvider("ASIDSDBTEST000000003", "sdb/test/secret/session/0000000000003", "the-session-token"),
		HTTPClient:  r.Client(),
	}
	if _, err := sdb.New(cfg, goboto.WithEndpoint(r.URL)).CreateDomain(context.Background(), "dom"); err != nil {
		t.Fatal(err)
	}
	c := r.seen()[0]
	if c.Key != "ASIDSDBTEST000000003" || c.Token != "the-session-token" || !c.Verified {
		t.Errorf("key %q token %q verified %v", c.Key, c.Token, c.Verified)
	}
}

// expiringProvider hands out a new key on every Retrieve, each already
// expired, so the connection's credentials cache must fetch again for
// every attempt.
type expiringProvider struct {
	n    atomic.Int32
	keys [][2]string
}

func (p *expiringProvider) Retrieve(context.Context) (aws.Credentials, error) {
	i := min(int(p.n.Add(1))-1, len(p.keys)-1)
	return aws.Credentials{AccessKeyID: p.keys[i][0], SecretAccessKey: p.keys[i][1],
		CanExpire: true, Expires: time.Now().Add(-time.Minute)}, nil
}

func TestRefreshingCredentialsEndToEnd(t *testing.T) {
	r := newRecorder(t, func(n int, c call) (int, string) {
		if n == 1 {
			return 503, errorBody("ServiceUnavailable", "busy")
		}
		return 200, ok(c.Action, "")
	})
	r.secrets["AKIDSDBTEST000000002"] = "sdb/test/secret/000000000000000000002"
	p := &expiringProvider{keys: [][2]string{{testKey, testSecret}, {"AKIDSDBTEST000000002", "sdb/test/secret/000000000000000000002"}}}
	cfg := aws.Config{Region: "us-east-1", Credentials: p, HTTPClient: r.Client()}
	conn := sdb.New(cfg, goboto.WithEndpoint(r.URL), goboto.WithRetry(3, time.Millisecond))
	if err := conn.Domain("dom").Put(context.Background(), "i", sdb.Attributes{"a": {"1"}}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range r.seen() {
		if !c.Verified {
			t.Errorf("call with %s did not verify", c.Key)
		}
		got = append(got, c.Key)
	}
	if diff := cmp.Diff([]string{testKey, "AKIDSDBTEST000000002"}, got); diff != "" {
		t.Errorf("keys per attempt (-want +got):\n%s", diff)
	}
}

func TestLoggerRedactsEndToEnd(t *testing.T) {
	r := newRecorder(t, okAll)
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg := aws.Config{Region: "us-east-1", Credentials: staticProvider(testKey, testSecret, "tok-redact-me"), HTTPClient: r.Client()}
	conn := sdb.New(cfg, goboto.WithEndpoint(r.URL), goboto.WithLogger(logger))
	if err := conn.Domain("logdom").Put(context.Background(), "i", sdb.Attributes{"color": {"teal"}}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	sig := r.seen()[0].Sig
	if sig == "" {
		t.Fatal("no signature sent")
	}
	for _, want := range []string{"PutAttributes", "logdom", "teal"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	for _, secret := range []string{testKey, testSecret, "tok-redact-me", sig, url.QueryEscape(sig)} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
}

func TestNoCredentials(t *testing.T) {
	r := newRecorder(t, okAll)
	conn := sdb.New(aws.Config{Region: "us-east-1", HTTPClient: r.Client()}, goboto.WithEndpoint(r.URL))
	err := conn.DeleteDomain(context.Background(), "dom")
	if err == nil || !strings.Contains(err.Error(), "credentials") {
		t.Errorf("err = %v, want a credentials error", err)
	}
	if n := len(r.seen()); n != 0 {
		t.Errorf("%d requests sent unsigned", n)
	}
}

func TestCancelledContext(t *testing.T) {
	r := newRecorder(t, okAll)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	conn := r.conn("us-east-1")
	if err := conn.DeleteDomain(ctx, "dom"); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	for _, err := range conn.Domains(ctx) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Domains err = %v, want context.Canceled", err)
		}
	}
	if n := len(r.seen()); n != 0 {
		t.Errorf("%d requests sent on a cancelled context", n)
	}
}

// captureClient answers every request with an empty success and records
// where it was sent, without any network.
type captureClient struct{ reqs []*http.Request }

func (c *captureClient) Do(req *http.Request) (*http.Response, error) {
	c.reqs = append(c.reqs, req)
	body := ok("DeleteDomain", "")
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
}

func TestEndpoints(t *testing.T) {
	for _, tc := range []struct {
		name     string
		region   string
		opts     []goboto.Option
		wantURL  string
		wantHost string
	}{
		{"us-east-1 default", "us-east-1", nil, "https://sdb.amazonaws.com/", "sdb.amazonaws.com"},
		{"regional default", "eu-west-1", nil, "https://sdb.eu-west-1.amazonaws.com/", "sdb.eu-west-1.amazonaws.com"},
		{"local override keeps regional Host", "ap-northeast-1", []goboto.Option{goboto.WithEndpoint("http://127.0.0.1:4566")},
			"http://127.0.0.1:4566/", "sdb.ap-northeast-1.amazonaws.com"},
		{"AWS override keeps its own Host", "us-east-1", []goboto.Option{goboto.WithEndpoint("https://sdb.us-west-1.amazonaws.com")},
			"https://sdb.us-west-1.amazonaws.com/", "sdb.us-west-1.amazonaws.com"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hc := &captureClient{}
			cfg := aws.Config{Region: tc.region, Credentials: staticProvider(testKey, testSecret, ""), HTTPClient: hc}
			if err := sdb.New(cfg, tc.opts...).DeleteDomain(context.Background(), "dom"); err != nil {
				t.Fatal(err)
			}
			req := hc.reqs[0]
			host := req.Host
			if host == "" {
				host = req.URL.Host
			}
			if req.URL.String() != tc.wantURL || host != tc.wantHost {
				t.Errorf("sent to %s with Host %q, want %s with Host %q", req.URL, host, tc.wantURL, tc.wantHost)
			}
			if req.Method != http.MethodPost || req.Header.Get("User-Agent") != "goboto/"+goboto.Version {
				t.Errorf("method %s, User-Agent %q", req.Method, req.Header.Get("User-Agent"))
			}
		})
	}
}
