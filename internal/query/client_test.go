package query

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
	"github.com/goboto/goboto/internal/sigv2"
)

// Test credentials: public test values, not secrets.
const (
	testKey    = "AKIDQUERYTEST0000001"
	testSecret = "query/test/secret/0000000000000001"
	testToken  = "query-test-session-token-0001"
	signedHost = "sdb.us-west-2.amazonaws.com"
)

// seen is one request as the test server received it.
type seen struct {
	Host     string
	Form     url.Values
	Verified bool
	Agent    string
	Type     string
}

// server is an httptest server that checks SigV2 signatures against the
// secrets it knows and answers with reply, given the 1-based attempt.
type server struct {
	*httptest.Server
	secrets map[string]string
	reply   func(n int, w http.ResponseWriter, form url.Values)

	mu   sync.Mutex
	reqs []seen
}

func newServer(t *testing.T, reply func(n int, w http.ResponseWriter, form url.Values)) *server {
	t.Helper()
	s := &server{secrets: map[string]string{testKey: testSecret}, reply: reply}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		form := r.PostForm
		secret := s.secrets[form.Get("AWSAccessKeyId")]
		ok := secret != "" && sigv2.Verify(form, r.Method, r.Host, r.URL.Path, secret)
		s.mu.Lock()
		s.reqs = append(s.reqs, seen{Host: r.Host, Form: form, Verified: ok,
			Agent: r.Header.Get("User-Agent"), Type: r.Header.Get("Content-Type")})
		n := len(s.reqs)
		s.mu.Unlock()
		if !ok {
			writeSDBError(w, 403, "SignatureDoesNotMatch", "bad signature")
			return
		}
		s.reply(n, w, form)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) seen() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.reqs...)
}

func writeSDBError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0"?>
<Response><Errors><Error><Code>%s</Code><Message>%s</Message><BoxUsage>0.0000219907</BoxUsage></Error></Errors><RequestID>req-err-1</RequestID></Response>`, code, msg)
}

func writeOK(w http.ResponseWriter, action, result string) {
	w.Header().Set("Content-Type", "text/xml")
	fmt.Fprintf(w, `<?xml version="1.0"?>
<%sResponse xmlns="http://sdb.amazonaws.com/doc/2009-04-15/">%s<ResponseMetadata><RequestId>req-ok-1</RequestId><BoxUsage>0.0000071759</BoxUsage></ResponseMetadata></%sResponse>`,
		action, result, action)
}

type listDomainsResult struct {
	Names []string `xml:"DomainName"`
	Next  string   `xml:"NextToken"`
}

func staticCreds(token string) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: testKey, SecretAccessKey: testSecret, SessionToken: token}, nil
	})
}

func newClient(s *server, attempts int, backoff time.Duration) *Client {
	return New(Client{
		Service:     "SimpleDB",
		Version:     "2009-04-15",
		Endpoint:    s.URL,
		Host:        signedHost,
		Credentials: staticCreds(""),
		Retryer:     func() aws.Retryer { return core.NewRetryer(attempts, backoff) },
		HTTPClient:  s.Client(),
		UserAgent:   core.UserAgent,
	})
}

func TestRetriesServiceUnavailableThenSucceeds(t *testing.T) {
	s := newServer(t, func(n int, w http.ResponseWriter, _ url.Values) {
		if n == 1 {
			writeSDBError(w, 503, "ServiceUnavailable", "Service AmazonSimpleDB is currently unavailable. Please try again later")
			return
		}
		writeOK(w, "ListDomains", `<ListDomainsResult><DomainName>a</DomainName><DomainName>b</DomainName><NextToken>tok</NextToken></ListDomainsResult>`)
	})
	c := newClient(s, 3, time.Millisecond)
	var out listDomainsResult
	meta, err := c.Do(context.Background(), "ListDomains", url.Values{"MaxNumberOfDomains": {"2"}}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(listDomainsResult{Names: []string{"a", "b"}, Next: "tok"}, out); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Metadata{RequestID: "req-ok-1", BoxUsage: "0.0000071759", StatusCode: 200}, meta); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
	reqs := s.seen()
	if len(reqs) != 2 {
		t.Fatalf("attempts = %d, want 2", len(reqs))
	}
	for i, r := range reqs {
		if !r.Verified {
			t.Errorf("attempt %d: signature did not verify", i+1)
		}
		if r.Host != signedHost {
			t.Errorf("attempt %d: Host = %q, want %q", i+1, r.Host, signedHost)
		}
		if r.Form.Get("Action") != "ListDomains" || r.Form.Get("Version") != "2009-04-15" || r.Form.Get("MaxNumberOfDomains") != "2" {
			t.Errorf("attempt %d: form = %v", i+1, r.Form)
		}
		if r.Agent != core.UserAgent {
			t.Errorf("attempt %d: User-Agent = %q", i+1, r.Agent)
		}
		if r.Type != "application/x-www-form-urlencoded; charset=utf-8" {
			t.Errorf("attempt %d: Content-Type = %q", i+1, r.Type)
		}
		if r.Form.Get("SignatureVersion") != "2" || r.Form.Get("SignatureMethod") != "HmacSHA256" {
			t.Errorf("attempt %d: not SigV2/HmacSHA256: %v", i+1, r.Form)
		}
		if r.Form.Has("SecurityToken") {
			t.Errorf("attempt %d: SecurityToken sent without a session", i+1)
		}
	}
}

func TestNoRetryOnClientError(t *testing.T) {
	s := newServer(t, func(n int, w http.ResponseWriter, _ url.Values) {
		writeSDBError(w, 400, "NoSuchDomain", "The specified domain does not exist.")
	})
	c := newClient(s, 5, time.Millisecond)
	meta, err := c.Do(context.Background(), "DomainMetadata", url.Values{"DomainName": {"nope"}}, nil)
	var ae *goboto.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v (%T), want *goboto.APIError", err, err)
	}
	want := &goboto.APIError{Service: "SimpleDB", Operation: "DomainMetadata", Code: "NoSuchDomain",
		Message: "The specified domain does not exist.", RequestID: "req-err-1", StatusCode: 400}
	if diff := cmp.Diff(want, ae); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !goboto.IsNotFound(err) || goboto.IsThrottled(err) {
		t.Errorf("IsNotFound = %v, IsThrottled = %v", goboto.IsNotFound(err), goboto.IsThrottled(err))
	}
	if diff := cmp.Diff(Metadata{RequestID: "req-err-1", BoxUsage: "0.0000219907", StatusCode: 400}, meta); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
	if n := len(s.seen()); n != 1 {
		t.Errorf("attempts = %d, want 1", n)
	}
}

func TestMaxAttemptsHonoured(t *testing.T) {
	for _, attempts := range []int{1, 2, 4} {
		t.Run(fmt.Sprint(attempts), func(t *testing.T) {
			s := newServer(t, func(n int, w http.ResponseWriter, _ url.Values) {
				writeSDBError(w, 503, "ServiceUnavailable", "slow down")
			})
			c := newClient(s, attempts, time.Millisecond)
			_, err := c.Do(context.Background(), "Select", url.Values{"SelectExpression": {"select * from d"}}, nil)
			if !goboto.IsThrottled(err) {
				t.Errorf("err = %v, want a throttle", err)
			}
			var ae *goboto.APIError
			if !errors.As(err, &ae) || ae.StatusCode != 503 {
				t.Errorf("err = %#v, want a 503 APIError", err)
			}
			if n := len(s.seen()); n != attempts {
				t.Errorf("attempts = %d, want %d", n, attempts)
			}
		})
	}
}

// hookRetryer wraps a retryer and reports each RetryDelay call, which is
// the moment the client is about to wait. Its delay is an hour, so only a
// cancellation can end the wait.
type hookRetryer struct {
	aws.RetryerV2
	delaying chan<- struct{}
}

func (h hookRetryer) RetryDelay(int, error) (time.Duration, error) {
	h.delaying <- struct{}{}
	return time.Hour, nil
}

func TestCancelDuringBackoff(t *testing.T) {
	s := newServer(t, func(n int, w http.ResponseWriter, _ url.Values) {
		writeSDBError(w, 503, "ServiceUnavailable", "slow down")
	})
	delaying := make(chan struct{}, 1)
	c := newClient(s, 5, time.Hour)
	c.retryer = hookRetryer{RetryerV2: core.NewRetryer(5, time.Hour), delaying: delaying}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := c.Do(ctx, "PutAttributes", url.Values{"DomainName": {"d"}}, nil)
		done <- err
	}()
	select {
	case <-delaying:
	case <-time.After(time.Minute): // deadlock guard, not a timing assertion
		t.Fatal("client never reached its backoff")
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(time.Minute): // deadlock guard
		t.Fatal("cancelled call still waiting after a minute")
	}
	if n := len(s.seen()); n != 1 {
		t.Errorf("attempts = %d, want 1", n)
	}
}

func TestCancelFromHandler(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := newServer(t, func(n int, w http.ResponseWriter, _ url.Values) {
		cancel() // the caller gives up while the server is answering
		writeSDBError(w, 503, "ServiceUnavailable", "slow down")
	})
	c := newClient(s, 5, time.Hour)
	done := make(chan error, 1)
	go func() {
		_, err := c.Do(ctx, "PutAttributes", url.Values{"DomainName": {"d"}}, nil)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(time.Minute): // deadlock guard
		t.Fatal("cancelled call still waiting after a minute")
	}
	if n := len(s.seen()); n != 1 {
		t.Errorf("attempts = %d, want 1", n)
	}
}

func TestAlreadyCancelledSendsNothing(t *testing.T) {
	s := newServer(t, func(n int, w http.ResponseWriter, _ url.Values) { writeOK(w, "DeleteDomain", "") })
	c := newClient(s, 3, time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Do(ctx, "DeleteDomain", nil, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if n := len(s.seen()); n != 0 {
		t.Errorf("requests = %d, want 0", n)
	}
}

// rotatingProvider hands out a different key on each Retrieve, already
// expired, the way a refreshing provider near expiry behaves; the
// credentials cache must therefore ask it again on every attempt.
type rotatingProvider struct {
	n    atomic.Int32
	keys []aws.Credentials
}

func (p *rotatingProvider) Retrieve(context.Context) (aws.Credentials, error) {
	i := int(p.n.Add(1)) - 1
	c := p.keys[min(i, len(p.keys)-1)]
	c.CanExpire, c.Expires = true, time.Now().Add(-time.Minute)
	return c, nil
}

func TestRefreshedCredentialsUsedPerAttempt(t *testing.T) {
	s := newServer(t, func(n int, w http.ResponseWriter, _ url.Values) {
		if n == 1 {
			writeSDBError(w, 503, "ServiceUnavailable", "slow down")
			return
		}
		writeOK(w, "CreateDomain", "")
	})
	s.secrets["AKIDQUERYTEST0000002"] = "query/test/secret/0000000000000002"
	p := &rotatingProvider{keys: []aws.Credentials{
		{AccessKeyID: testKey, SecretAccessKey: testSecret, SessionToken: "token-one"},
		{AccessKeyID: "AKIDQUERYTEST0000002", SecretAccessKey: "query/test/secret/0000000000000002", SessionToken: "token-two"},
	}}
	c := newClient(s, 3, time.Millisecond)
	c.Credentials = aws.NewCredentialsCache(p)
	if _, err := c.Do(context.Background(), "CreateDomain", url.Values{"DomainName": {"d"}}, nil); err != nil {
		t.Fatal(err)
	}
	type sent struct {
		Key, Token string
		Verified   bool
	}
	var got []sent
	for _, r := range s.seen() {
		got = append(got, sent{r.Form.Get("AWSAccessKeyId"), r.Form.Get("SecurityToken"), r.Verified})
	}
	want := []sent{{testKey, "token-one", true}, {"AKIDQUERYTEST0000002", "token-two", true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestNewWrapsProviderInCache(t *testing.T) {
	var calls atomic.Int32
	p := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		calls.Add(1)
		return aws.Credentials{AccessKeyID: testKey, SecretAccessKey: testSecret}, nil
	})
	s := newServer(t, func(n int, w http.ResponseWriter, _ url.Values) { writeOK(w, "DeleteDomain", "") })
	c := New(Client{Service: "SimpleDB", Version: "2009-04-15", Endpoint: s.URL, Credentials: p, HTTPClient: s.Client()})
	if _, ok := c.Credentials.(*aws.CredentialsCache); !ok {
		t.Fatalf("Credentials = %T, want *aws.CredentialsCache", c.Credentials)
	}
	for range 3 {
		if _, err := c.Do(context.Background(), "DeleteDomain", url.Values{"DomainName": {"d"}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("provider called %d times, want 1 (cached)", n)
	}
	cache := aws.NewCredentialsCache(p)
	if got := New(Client{Credentials: cache}).Credentials; got != cache {
		t.Error("a CredentialsCache was wrapped again")
	}
	// Without Host, the endpoint's own host is signed.
	for _, r := range s.seen() {
		if !r.Verified || r.Host != strings.TrimPrefix(s.URL, "http://") {
			t.Errorf("Host = %q, verified = %v", r.Host, r.Verified)
		}
	}
}

func TestSessionTokenSent(t *testing.T) {
	s := newServer(t, func(n int, w http.ResponseWriter, _ url.Values) { writeOK(w, "DeleteDomain", "") })
	c := newClient(s, 1, time.Millisecond)
	c.Credentials = staticCreds(testToken)
	if _, err := c.Do(context.Background(), "DeleteDomain", url.Values{"DomainName": {"d"}}, nil); err != nil {
		t.Fatal(err)
	}
	r := s.seen()[0]
	if r.Form.Get("SecurityToken") != testToken || !r.Verified {
		t.Errorf("SecurityToken = %q, verified = %v", r.Form.Get("SecurityToken"), r.Verified)
	}
}

func TestParamsNotChanged(t *testing.T) {
	s := newServer(t, func(n int, w http.ResponseWriter, _ url.Values) { writeOK(w, "DeleteDomain", "") })
	c := newClient(s, 1, time.Millisecond)
	params := url.Values{"DomainName": {"d"}}
	if _, err := c.Do(context.Background(), "DeleteDomain", params, nil); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(url.Values{"DomainName": {"d"}}, params); diff != "" {
		t.Errorf("params changed (-want +got):\n%s", diff)
	}
}

func TestSigningClock(t *testing.T) {
	s := newServer(t, func(n int, w http.ResponseWriter, _ url.Values) { writeOK(w, "DeleteDomain", "") })
	c := newClient(s, 1, time.Millisecond)
	c.Now = func() time.Time { return time.Date(2010, 1, 25, 15, 3, 5, 0, time.FixedZone("x", -7*3600)) }
	if _, err := c.Do(context.Background(), "DeleteDomain", nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := s.seen()[0].Form.Get("Timestamp"); got != "2010-01-25T22:03:05Z" {
		t.Errorf("Timestamp = %q", got)
	}
}

func TestLoggingRedacts(t *testing.T) {
	var sig atomic.Value
	s := newServer(t, func(n int, w http.ResponseWriter, form url.Values) {
		sig.Store(form.Get("Signature"))
		writeOK(w, "PutAttributes", "")
	})
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newClient(s, 1, time.Millisecond)
	c.Credentials = staticCreds(testToken)
	c.HTTPClient = &core.LoggingClient{Next: s.Client(), Logger: logger}
	if _, err := c.Do(context.Background(), "PutAttributes", url.Values{"DomainName": {"logged"}}, nil); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"PutAttributes", "logged"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	signature, _ := sig.Load().(string)
	if signature == "" {
		t.Fatal("server saw no signature")
	}
	for name, secret := range map[string]string{
		"access key": testKey, "secret": testSecret, "token": testToken,
		"signature": signature, "escaped signature": url.QueryEscape(signature),
	} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains the %s:\n%s", name, out)
		}
	}
}

func TestErrorAnswers(t *testing.T) {
	for _, tc := range []struct {
		name      string
		status    int
		header    http.Header
		body      string
		want      goboto.APIError
		throttled bool
	}{
		{
			name:   "SimpleDB shape",
			status: 409,
			body:   `<Response><Errors><Error><Code>ConditionalCheckFailed</Code><Message>Conditional check failed.</Message><BoxUsage>0.1</BoxUsage></Error></Errors><RequestID>r1</RequestID></Response>`,
			want:   goboto.APIError{Code: "ConditionalCheckFailed", Message: "Conditional check failed.", RequestID: "r1", StatusCode: 409},
		},
		{
			name:   "awsQuery shape",
			status: 400,
			body:   `<ErrorResponse xmlns="x"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r2</RequestId></ErrorResponse>`,
			want:   goboto.APIError{Code: "Throttling", Message: "Rate exceeded", RequestID: "r2", StatusCode: 400}, throttled: true,
		},
		{
			name:   "SimpleDB throttle",
			status: 503,
			body:   `<?xml version="1.0"?><Response><Errors><Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error></Errors><RequestID>r3</RequestID></Response>`,
			want:   goboto.APIError{Code: "ServiceUnavailable", Message: "busy", RequestID: "r3", StatusCode: 503}, throttled: true,
		},
		{
			name:   "HTML 503 from a proxy",
			status: 503,
			header: http.Header{"X-Amzn-Requestid": {"hdr-1"}},
			body:   `<html><body>upstream gone</body></html>`,
			want:   goboto.APIError{Code: "ServiceUnavailable", Message: "Service Unavailable", RequestID: "hdr-1", StatusCode: 503}, throttled: true,
		},
		{
			name:   "empty 500",
			status: 500,
			want:   goboto.APIError{Code: "InternalServerError", Message: "Internal Server Error", StatusCode: 500},
		},
		{
			name:   "unknown status",
			status: 599,
			body:   "oops",
			want:   goboto.APIError{Code: "HTTP599", StatusCode: 599},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := &http.Response{StatusCode: tc.status, Header: tc.header}
			if resp.Header == nil {
				resp.Header = http.Header{}
			}
			_, err := errorAnswer("SimpleDB", "Op", resp, []byte(tc.body))
			var ae *goboto.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %T", err)
			}
			want := tc.want
			want.Service, want.Operation = "SimpleDB", "Op"
			if diff := cmp.Diff(&want, ae); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if got := goboto.IsThrottled(err); got != tc.throttled {
				t.Errorf("IsThrottled = %v, want %v", got, tc.throttled)
			}
			r := core.NewRetryer(3, time.Second)
			if tc.throttled && !r.IsErrorRetryable(err) {
				t.Error("throttle not retryable")
			}
		})
	}
}

func TestDecode(t *testing.T) {
	type attr struct {
		Name  string `xml:"Name"`
		Value string `xml:"Value"`
	}
	type result struct {
		XMLName xml.Name
		Attrs   []attr `xml:"Attribute"`
	}
	for _, tc := range []struct {
		name     string
		body     string
		out      bool
		want     result
		wantMeta Metadata
		wantErr  bool
	}{
		{
			name: "result then metadata",
			body: `<?xml version="1.0"?><GetAttributesResponse xmlns="http://sdb.amazonaws.com/doc/2009-04-15/"><GetAttributesResult><Attribute><Name>a</Name><Value>1</Value></Attribute><Attribute><Name>b</Name><Value>&lt;2&gt;</Value></Attribute></GetAttributesResult><ResponseMetadata><RequestId>r</RequestId><BoxUsage>0.5</BoxUsage></ResponseMetadata></GetAttributesResponse>`,
			out:  true,
			want: result{XMLName: xml.Name{Space: "http://sdb.amazonaws.com/doc/2009-04-15/", Local: "GetAttributesResult"},
				Attrs: []attr{{"a", "1"}, {"b", "<2>"}}},
			wantMeta: Metadata{RequestID: "r", BoxUsage: "0.5"},
		},
		{
			name:     "metadata first, nil out",
			body:     `<X><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata><XResult><Attribute/></XResult></X>`,
			wantMeta: Metadata{RequestID: "r"},
		},
		{name: "truncated", body: `<X><XResult><Attribute>`, out: true, wantErr: true},
		{name: "not XML", body: `{"json": true}`, out: true, wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got result
			var out any
			if tc.out {
				out = &got
			}
			meta, err := decode([]byte(tc.body), out)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if tc.wantErr {
				return
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantMeta, meta); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBadEndpointAndNoCredentials(t *testing.T) {
	c := &Client{Service: "SimpleDB", Endpoint: "::not a url", Credentials: staticCreds(""), Retryer: func() aws.Retryer { return core.NewRetryer(1, time.Millisecond) }}
	if _, err := c.Do(context.Background(), "ListDomains", nil, nil); err == nil {
		t.Error("bad endpoint accepted")
	}
	c = &Client{Service: "SimpleDB", Endpoint: "http://127.0.0.1:1", Retryer: func() aws.Retryer { return core.NewRetryer(1, time.Millisecond) }}
	if _, err := c.Do(context.Background(), "ListDomains", nil, nil); err == nil || !strings.Contains(err.Error(), "no credentials") {
		t.Errorf("err = %v, want no credentials", err)
	}
}

// DoPairs sends what Do sends for the same parameters, in canonical
// order or not, and the server verifies it.
func TestDoPairsSendsWhatDoSends(t *testing.T) {
	s := newServer(t, func(n int, w http.ResponseWriter, _ url.Values) { writeOK(w, "PutAttributes", "") })
	c := newClient(s, 1, time.Millisecond)
	c.Now = func() time.Time { return time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	params := url.Values{"DomainName": {"d"}, "ItemName": {"i"}, "Attribute.1.Name": {"a"}, "Attribute.1.Value": {"x y"},
		"Attribute.10.Name": {"b"}, "Attribute.10.Value": {"é"}, "Attribute.2.Name": {"c"}, "Attribute.2.Value": {"z"}}
	if _, err := c.Do(ctx, "PutAttributes", params, nil); err != nil {
		t.Fatal(err)
	}
	sorted := []sigv2.Param{{Name: "Attribute.1.Name", Value: "a"}, {Name: "Attribute.1.Value", Value: "x y"}, {Name: "Attribute.10.Name", Value: "b"},
		{Name: "Attribute.10.Value", Value: "é"}, {Name: "Attribute.2.Name", Value: "c"}, {Name: "Attribute.2.Value", Value: "z"}, {Name: "DomainName", Value: "d"}, {Name: "ItemName", Value: "i"}}
	unsorted := slices.Clone(sorted)
	slices.Reverse(unsorted)
	for _, pairs := range [][]sigv2.Param{sorted, unsorted} {
		if _, err := c.DoPairs(ctx, "PutAttributes", pairs, nil); err != nil {
			t.Fatal(err)
		}
	}
	got := s.seen()
	if len(got) != 3 {
		t.Fatalf("%d requests, want 3", len(got))
	}
	for i, r := range got[1:] {
		if diff := cmp.Diff(got[0], r); diff != "" {
			t.Errorf("DoPairs request %d (-Do +DoPairs):\n%s", i+1, diff)
		}
	}
}

// The client reads answers into buffers it reuses: what a call returned
// (its metadata, its decoded result) must stay as it was after later
// calls have read other answers into the same buffers.
func TestAnswersOutliveBufferReuse(t *testing.T) {
	s := newServer(t, func(n int, w http.ResponseWriter, form url.Values) {
		w.Header().Set("Content-Type", "text/xml")
		result := ""
		if form.Get("Action") == "ListDomains" {
			result = fmt.Sprintf("<ListDomainsResult><DomainName>domain-%d</DomainName></ListDomainsResult>", n)
		}
		fmt.Fprintf(w, `<?xml version="1.0"?>
<%[1]sResponse xmlns="http://sdb.amazonaws.com/doc/2009-04-15/">%[2]s<ResponseMetadata><RequestId>req-%[3]d</RequestId><BoxUsage>0.00000%[3]d</BoxUsage></ResponseMetadata></%[1]sResponse>`,
			form.Get("Action"), result, n)
	})
	c := newClient(s, 1, time.Millisecond)
	type call struct {
		Meta   Metadata
		Result listDomainsResult
	}
	var got, want []call
	for i := range 6 {
		action := "DeleteDomain" // decoded without encoding/xml
		var out *listDomainsResult
		var res listDomainsResult
		if i%2 == 1 {
			action, out = "ListDomains", &res
		}
		meta, err := c.Do(context.Background(), action, nil, out)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, call{meta, res})
		w := call{Meta: Metadata{RequestID: fmt.Sprint("req-", i+1), BoxUsage: fmt.Sprint("0.00000", i+1), StatusCode: 200}}
		if out != nil {
			w.Result.Names = []string{fmt.Sprint("domain-", i+1)}
		}
		want = append(want, w)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers after later calls (-want +got):\n%s", diff)
	}
}
