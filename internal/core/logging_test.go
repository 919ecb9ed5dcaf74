package core

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/sigv2"
)

// secrets lists everything that must never reach a log line.
var secrets = []string{testAccessKey, testSecretKey, testSessionToken}

func assertClean(t *testing.T, log string, extra ...string) {
	t.Helper()
	for _, s := range append(secrets, extra...) {
		if s != "" && strings.Contains(log, s) {
			t.Errorf("log contains secret %q:\n%s", s, log)
		}
	}
}

// TestLoggingRedactsSigV4 logs a real aws-sdk-go-v2 exchange (SigV4,
// session token) and checks that nothing secret is in the output while the
// useful parts are.
func TestLoggingRedactsSigV4(t *testing.T) {
	var sig string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		if i := strings.Index(auth, "Signature="); i >= 0 {
			sig = auth[i+len("Signature="):]
		}
		w.Header().Set("x-amzn-RequestId", "req-7")
		w.Header().Set("Content-Type", "text/xml")
		w.Write([]byte(`<GetCallerIdentityResponse><GetCallerIdentityResult><Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`))
	}))
	defer srv.Close()

	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	client := sts.NewFromConfig(Config(testConfig(), goboto.Apply(goboto.WithEndpoint(srv.URL), goboto.WithLogger(logger))))
	if _, err := client.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if sig == "" {
		t.Fatal("server saw no signature")
	}
	assertClean(t, out, sig)
	for _, want := range []string{"Action=GetCallerIdentity", "status=200", "req-7", Redacted} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

// TestLoggingRedactsSigV2AndPresigned logs a SigV2 form body and a SigV4
// presigned URL, both of which carry credentials outside the headers.
func TestLoggingRedactsSigV2AndPresigned(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	var buf bytes.Buffer
	lc := &LoggingClient{Next: http.DefaultClient, Logger: slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))}

	params := url.Values{"Action": {"CreateDomain"}, "DomainName": {"d"}, "MasterUserPassword": {"hunter2-hunter2"}}
	u, _ := url.Parse(srv.URL)
	sigv2.Sign(params, "POST", u.Host, "/", sigv2.Credentials{AccessKeyID: testAccessKey, SecretAccessKey: testSecretKey, SessionToken: testSessionToken}, time.Now())
	req, _ := http.NewRequest("POST", srv.URL, strings.NewReader(params.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	resp, err := lc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	pre, _ := http.NewRequest("GET", srv.URL+"/bucket/key", nil)
	creds := testConfig().Credentials
	c, _ := creds.Retrieve(context.Background())
	signedURL, _, err := v4.NewSigner().PresignHTTP(context.Background(), c, pre, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	pre, _ = http.NewRequest("GET", signedURL, nil)
	if resp, err = lc.Do(pre); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	pu, _ := url.Parse(signedURL)

	out := buf.String()
	assertClean(t, out, params.Get("Signature"), pu.Query().Get("X-Amz-Signature"), "hunter2-hunter2")
	if !strings.Contains(out, "CreateDomain") || !strings.Contains(out, "/bucket/key") {
		t.Errorf("log lacks the useful parts:\n%s", out)
	}
	// The request body must still be intact for the server.
	if req.GetBody != nil {
		rc, _ := req.GetBody()
		b := new(bytes.Buffer)
		b.ReadFrom(rc)
		if b.String() != params.Encode() {
			t.Error("logging consumed the request body")
		}
	}
}

func TestRedactText(t *testing.T) {
	in := "GET /?AWSAccessKeyId=" + testAccessKey + "&Signature=abc%2Fdef&x=1 failed for AKIAABCDEFGHIJKLMNOP"
	out := RedactText(in)
	for _, s := range []string{testAccessKey, "abc%2Fdef", "AKIAABCDEFGHIJKLMNOP"} {
		if strings.Contains(out, s) {
			t.Errorf("RedactText left %q in %q", s, out)
		}
	}
	if !strings.Contains(out, "x=1") {
		t.Errorf("RedactText removed too much: %q", out)
	}
}
