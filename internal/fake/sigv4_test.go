package fake

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// errorCode reads the code of an error answer in any protocol.
func errorCode(body []byte) string {
	var j struct {
		Type string `json:"__type"`
	}
	if json.Unmarshal(body, &j) == nil && j.Type != "" {
		return j.Type
	}
	if m := regexp.MustCompile(`<Code>([^<]*)</Code>`).FindSubmatch(body); m != nil {
		return string(m[1])
	}
	return ""
}

// v4Case describes a request to sign with the SDK's signer.
type v4Case struct {
	name    string
	service string
	method  string
	path    string // decoded
	rawPath string // as sent, when it differs from the usual escaping
	query   url.Values
	header  map[string]string
	body    string
	cred    Credential
	region  string
}

func (c v4Case) request(t testing.TB, base string) *http.Request {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path, u.RawPath = c.path, c.rawPath
	u.RawQuery = c.query.Encode()
	req := newRequest(t, c.method, u.String(), []byte(c.body))
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	return req
}

func (c v4Case) withDefaults() v4Case {
	if c.method == "" {
		c.method = http.MethodGet
	}
	if c.cred.AccessKeyID == "" {
		c.cred = mainCred
	}
	if c.region == "" {
		c.region = "eu-west-1"
	}
	if c.path == "" {
		c.path = "/"
	}
	return c
}

var v4Cases = []v4Case{
	{name: "json post", service: "sqs", method: "POST", body: `{"QueueNamePrefix":"a"}`,
		header: map[string]string{"X-Amz-Target": "AmazonSQS.ListQueues", "Content-Type": "application/x-amz-json-1.0"}},
	{name: "query form post", service: "rds", method: "POST", body: "Action=DescribeDBInstances&Version=2014-10-31&DBInstanceIdentifier=db+1",
		header: map[string]string{"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}},
	{name: "query get with special characters", service: "ec2",
		query: url.Values{"Action": {"DescribeTags"}, "Version": {"2016-11-15"}, "Filter.1.Value.1": {"a b+c/d?e=f&g~h*'()!"}, "Empty": {""}, "Multi": {"b", "a"}, "Ünï": {"çødé"}}},
	{name: "s3 path with spaces and unicode", service: "s3", path: "/bucket/a key/ünï+code (1).txt", query: url.Values{"versionId": {"v 1"}}},
	{name: "s3 encoded slash", service: "s3", path: "/bucket/a/b", rawPath: "/bucket/a%2Fb"},
	{name: "non-s3 path with spaces and unicode", service: "sqs", path: "/123456789012/queue name/ü", header: map[string]string{"X-Amz-Target": "AmazonSQS.GetQueueUrl"}},
	{name: "non-s3 encoded slash", service: "sqs", path: "/a/b", rawPath: "/a%2Fb", header: map[string]string{"X-Amz-Target": "AmazonSQS.GetQueueUrl"}},
	{name: "s3 put with content hash header", service: "s3", method: "PUT", path: "/bucket/key", body: "hello",
		header: map[string]string{"X-Amz-Content-Sha256": sha256Hex([]byte("hello"))}},
	{name: "s3 unsigned payload", service: "s3", method: "PUT", path: "/bucket/key", body: "hello",
		header: map[string]string{"X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD"}},
	{name: "headers with inner spaces", service: "sqs", method: "POST", body: "{}",
		header: map[string]string{"X-Amz-Target": "AmazonSQS.ListQueues", "X-Custom": "  a   b  c  "}},
	{name: "session token", service: "sqs", method: "POST", body: "{}", cred: DefaultCredentials()[2],
		header: map[string]string{"X-Amz-Target": "AmazonSQS.ListQueues"}},
	{name: "other account", service: "rds", query: url.Values{"Action": {"DescribeDBInstances"}, "Version": {"2014-10-31"}},
		cred: DefaultCredentials()[1], region: "ap-southeast-2"},
}

// signPayloadHash is the payload hash the SDK is told to sign, as its
// callers (the service clients' middleware) would pass it.
func (c v4Case) signPayloadHash() string {
	if h := c.header["X-Amz-Content-Sha256"]; h != "" {
		return h
	}
	return sha256Hex([]byte(c.body))
}

func (c v4Case) sign(t testing.TB, req *http.Request, at time.Time) {
	t.Helper()
	if c.cred.SessionToken != "" {
		req.Header.Set("X-Amz-Security-Token", c.cred.SessionToken)
	}
	if err := signer(c.service).SignHTTP(context.Background(), awsCreds(c.cred), req, c.signPayloadHash(), c.service, c.region, at); err != nil {
		t.Fatal(err)
	}
}

func TestSigV4HeaderAccepted(t *testing.T) {
	s := newServer(t, Options{})
	for _, c := range v4Cases {
		t.Run(c.name, func(t *testing.T) {
			c = c.withDefaults()
			req := c.request(t, s.URL())
			c.sign(t, req, clock)
			status, body, got := do(t, s.HTTPClient(), req)
			if status != 200 {
				t.Fatalf("status %d: %s", status, body)
			}
			want := echo{Service: c.service, Region: c.region, Account: c.cred.AccountID, SigVersion: 4}
			got.Operation, got.Params, got.Body = "", nil, ""
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestSigV4QueryOrderAndPlus(t *testing.T) {
	// The SDK sends the query already canonical; other clients may not.
	s := newServer(t, Options{})
	c := v4Case{service: "ec2", query: url.Values{"Action": {"DescribeRegions"}, "Version": {"2016-11-15"}, "A": {"x y"}}}.withDefaults()
	req := c.request(t, s.URL())
	c.sign(t, req, clock)
	parts := strings.Split(req.URL.RawQuery, "&")
	slices.Reverse(parts)
	req.URL.RawQuery = strings.ReplaceAll(strings.Join(parts, "&"), "%20", "+")
	status, body, got := do(t, s.HTTPClient(), req)
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	want := echo{Service: "ec2", Operation: "DescribeRegions", Region: c.region, Account: TestAccountID, SigVersion: 4,
		Params: map[string][]string{"Action": {"DescribeRegions"}, "Version": {"2016-11-15"}, "A": {"x y"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestSigV4Rejected(t *testing.T) {
	s := newServer(t, Options{})
	base := v4Case{service: "sqs", method: "POST", path: "/q", query: url.Values{"a": {"1"}}, body: `{"x":1}`,
		header: map[string]string{"X-Amz-Target": "AmazonSQS.SendMessage", "X-Custom": "v"}}.withDefaults()
	session := DefaultCredentials()[2]
	tests := []struct {
		name       string
		c          func(c *v4Case)
		after      func(r *http.Request)
		wantStatus int
		wantCode   string
	}{
		{name: "changed body", after: func(r *http.Request) { setBody(r, `{"x":2}`) }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "changed header", after: func(r *http.Request) { r.Header.Set("X-Custom", "w") }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "changed target", after: func(r *http.Request) { r.Header.Set("X-Amz-Target", "AmazonSQS.DeleteQueue") }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "changed path", after: func(r *http.Request) { r.URL.Path = "/p" }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "added query", after: func(r *http.Request) { r.URL.RawQuery += "&b=2" }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "changed query", after: func(r *http.Request) { r.URL.RawQuery = "a=2" }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "changed method", after: func(r *http.Request) { r.Method = "PUT" }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "changed date", after: func(r *http.Request) { r.Header.Set("X-Amz-Date", clock.Add(time.Second).Format(v4TimeFormat)) }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "wrong secret", c: func(c *v4Case) { c.cred.SecretAccessKey = OtherSecretKey }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "region in scope", after: func(r *http.Request) { replaceAuth(r, "/eu-west-1/", "/us-west-2/") }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "service in scope", after: func(r *http.Request) { replaceAuth(r, "/sqs/", "/rds/") }, wantStatus: 403, wantCode: "SignatureDoesNotMatch"},
		{name: "signature", after: func(r *http.Request) { replaceAuth(r, "Signature=", "Signature=0") }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "signed headers", after: func(r *http.Request) { replaceAuth(r, "SignedHeaders=", "SignedHeaders=content-type;") }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "host not signed", after: func(r *http.Request) { replaceAuth(r, "host;", "") }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "malformed", after: func(r *http.Request) { r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=x") }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "malformed, nothing names a service: S3's", after: func(r *http.Request) {
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=x")
			r.Header.Del("X-Amz-Target")
		}, wantStatus: 403, wantCode: "SignatureDoesNotMatch"},
		{name: "content hash mismatch", after: func(r *http.Request) { r.Header.Set("X-Amz-Content-Sha256", sha256Hex(nil)) }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "unknown key", c: func(c *v4Case) { c.cred.AccessKeyID = "AKIDUNKNOWN" }, wantStatus: 400, wantCode: "UnrecognizedClientException"},
		{name: "no auth", after: func(r *http.Request) { r.Header.Del("Authorization") }, wantStatus: 400, wantCode: "MissingAuthenticationTokenException"},
		// Routed by X-Amz-Target, checked against the scope as sent.
		{name: "unknown scope service after signing", after: func(r *http.Request) { replaceAuth(r, "/sqs/", "/nope/") }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "other scheme", after: func(r *http.Request) { r.Header.Set("Authorization", "AWS AKID:sig") }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "changed token", c: func(c *v4Case) { c.cred = session }, after: func(r *http.Request) { r.Header.Set("X-Amz-Security-Token", "other") }, wantStatus: 400, wantCode: "InvalidSignatureException"},
		{name: "token missing", c: func(c *v4Case) { c.cred = session; c.cred.SessionToken = "" }, wantStatus: 400, wantCode: "UnrecognizedClientException"},
		{name: "wrong token signed", c: func(c *v4Case) { c.cred = session; c.cred.SessionToken = "forged" }, wantStatus: 400, wantCode: "UnrecognizedClientException"},
		{name: "token for long-term key", c: func(c *v4Case) { c.cred.SessionToken = SessionTokenValue }, wantStatus: 400, wantCode: "UnrecognizedClientException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			if tt.c != nil {
				tt.c(&c)
			}
			req := c.request(t, s.URL())
			c.sign(t, req, clock)
			if tt.after != nil {
				tt.after(req)
			}
			status, body, _ := do(t, s.HTTPClient(), req)
			got := struct {
				Status int
				Code   string
			}{status, errorCode(body)}
			want := struct {
				Status int
				Code   string
			}{tt.wantStatus, tt.wantCode}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got)\n%s\nbody: %s", diff, body)
			}
			for _, secret := range []string{c.cred.SecretAccessKey, SessionTokenValue, "forged", c.cred.AccessKeyID} {
				if secret != "" && strings.Contains(string(body), secret) {
					t.Errorf("answer contains a secret: %s", body)
				}
			}
		})
	}
}

func setBody(r *http.Request, body string) {
	r.Body = ioNopCloser(body)
	r.ContentLength = int64(len(body))
}

func replaceAuth(r *http.Request, old, new string) {
	r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), old, new, 1))
}

func TestSigV4ClockSkew(t *testing.T) {
	s := newServer(t, Options{})
	tests := []struct {
		service    string
		offset     time.Duration
		wantStatus int
		wantCode   string
		wantMsg    string
	}{
		{"sqs", -14 * time.Minute, 200, "", ""},
		{"sqs", 14 * time.Minute, 200, "", ""},
		{"sqs", -16 * time.Minute, 400, "InvalidSignatureException", "Signature expired: 20250314T145326Z is now earlier than 20250314T145426Z (20250314T150926Z - 15 min.)"},
		{"sqs", 16 * time.Minute, 400, "InvalidSignatureException", "Signature not yet current: 20250314T152526Z is still later than 20250314T152426Z (20250314T150926Z + 15 min.)"},
		{"rds", -time.Hour, 403, "SignatureDoesNotMatch", "Signature expired: 20250314T140926Z is now earlier than 20250314T145426Z (20250314T150926Z - 15 min.)"},
		{"ec2", time.Hour, 400, "RequestExpired", "Request has expired."},
		{"s3", -time.Hour, 403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large."},
	}
	for _, tt := range tests {
		t.Run(tt.service+" "+tt.offset.String(), func(t *testing.T) {
			c := v4Case{service: tt.service, query: url.Values{"Action": {"X"}, "Version": {"1"}}, header: map[string]string{"X-Amz-Target": "S.X"}}.withDefaults()
			req := c.request(t, s.URL())
			c.sign(t, req, clock.Add(tt.offset))
			status, body, _ := do(t, s.HTTPClient(), req)
			got := []any{status, errorCode(body), errorMessage(body)}
			want := []any{tt.wantStatus, tt.wantCode, tt.wantMsg}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func errorMessage(body []byte) string {
	var j struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &j) == nil && j.Message != "" {
		return j.Message
	}
	if m := regexp.MustCompile(`<Message>([^<]*)</Message>`).FindSubmatch(body); m != nil {
		return string(m[1])
	}
	return ""
}

func TestSigV4Presigned(t *testing.T) {
	s := newServer(t, Options{})
	tests := []struct {
		name       string
		c          v4Case
		expires    int
		at         time.Duration // signing time relative to the server's clock
		payload    string        // the payload hash given to the signer
		after      func(u *url.URL)
		wantStatus int
		wantCode   string
	}{
		{name: "s3 unicode path", c: v4Case{service: "s3", path: "/bucket/dir/ünï cöde+1.txt", query: url.Values{"response-content-type": {"text/plain; charset=utf-8"}}}, expires: 300, wantStatus: 200},
		{name: "s3 session token", c: v4Case{service: "s3", path: "/bucket/key", cred: DefaultCredentials()[2]}, expires: 60, wantStatus: 200},
		{name: "rds body hash", c: v4Case{service: "rds", query: url.Values{"Action": {"connect"}, "DBUser": {"me"}}}, expires: 900, payload: sha256Hex(nil), wantStatus: 200},
		{name: "still valid", c: v4Case{service: "s3", path: "/b/k"}, expires: 900, at: -10 * time.Minute, wantStatus: 200},
		{name: "expired", c: v4Case{service: "s3", path: "/b/k"}, expires: 300, at: -10 * time.Minute, wantStatus: 403, wantCode: "AccessDenied"},
		{name: "expired ec2", c: v4Case{service: "ec2", query: url.Values{"Action": {"X"}, "Version": {"2016-11-15"}}}, expires: 60, at: -2 * time.Minute, wantStatus: 400, wantCode: "RequestExpired"},
		{name: "expired query service", c: v4Case{service: "rds", query: url.Values{"Action": {"X"}}}, expires: 60, at: -2 * time.Minute, wantStatus: 403, wantCode: "SignatureDoesNotMatch"},
		{name: "not yet valid", c: v4Case{service: "s3", path: "/b/k"}, expires: 300, at: 20 * time.Minute, wantStatus: 403, wantCode: "RequestTimeTooSkewed"},
		// S3 API Reference, "Authenticating Requests: Using Query
		// Parameters": X-Amz-Expires is at most 604800 (seven days);
		// more is 400 AuthorizationQueryParametersError, not a signature
		// mismatch.
		{name: "expires a week", c: v4Case{service: "s3", path: "/b/k"}, expires: 604800, wantStatus: 200},
		{name: "expires too long", c: v4Case{service: "s3", path: "/b/k"}, expires: 604801, wantStatus: 400, wantCode: "AuthorizationQueryParametersError"},
		{name: "expires negative", c: v4Case{service: "s3", path: "/b/k"}, expires: -1, wantStatus: 400, wantCode: "AuthorizationQueryParametersError"},
		{name: "expires zero", c: v4Case{service: "s3", path: "/b/k"}, expires: 0, wantStatus: 403, wantCode: "SignatureDoesNotMatch"},
		{name: "tampered path", c: v4Case{service: "s3", path: "/b/k"}, expires: 60, after: func(u *url.URL) { u.Path = "/b/other" }, wantStatus: 403, wantCode: "SignatureDoesNotMatch"},
		{name: "tampered expiry", c: v4Case{service: "s3", path: "/b/k"}, expires: 60, after: func(u *url.URL) { setQuery(u, "X-Amz-Expires", "600") }, wantStatus: 403, wantCode: "SignatureDoesNotMatch"},
		{name: "tampered token", c: v4Case{service: "s3", path: "/b/k", cred: DefaultCredentials()[2]}, expires: 60, after: func(u *url.URL) { setQuery(u, "X-Amz-Security-Token", "x") }, wantStatus: 403, wantCode: "SignatureDoesNotMatch"},
		{name: "unknown key", c: v4Case{service: "s3", path: "/b/k", cred: Credential{AccessKeyID: "AKIDNOPE", SecretAccessKey: "x"}}, expires: 60, wantStatus: 403, wantCode: "InvalidAccessKeyId"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c.withDefaults()
			req := c.request(t, s.URL())
			q := req.URL.Query()
			q.Set("X-Amz-Expires", strconv.Itoa(tt.expires))
			req.URL.RawQuery = q.Encode()
			payload := tt.payload
			if payload == "" {
				payload = unsignedPayload
			}
			signed, hdr, err := signer(c.service).PresignHTTP(context.Background(), awsCreds(c.cred), req, payload, c.service, c.region, clock.Add(tt.at))
			if err != nil {
				t.Fatal(err)
			}
			u, err := url.Parse(signed)
			if err != nil {
				t.Fatal(err)
			}
			if tt.after != nil {
				tt.after(u)
			}
			get := newRequest(t, "GET", u.String(), nil)
			for k, v := range hdr {
				if k != "Host" {
					get.Header[k] = v
				}
			}
			status, body, got := do(t, s.HTTPClient(), get)
			if diff := cmp.Diff([]any{tt.wantStatus, tt.wantCode}, []any{status, errorCode(body)}); diff != "" {
				t.Fatalf("(-want +got)\n%s\nbody: %s", diff, body)
			}
			if tt.wantCode == "AccessDenied" {
				// S3 says why and when, as S3 does.
				for _, want := range []string{"<Message>Request has expired</Message>", "<X-Amz-Expires>300</X-Amz-Expires>",
					"<Expires>" + clock.Add(tt.at+300*time.Second).Format(time.RFC3339) + "</Expires>",
					"<ServerTime>" + clock.Format(time.RFC3339) + "</ServerTime>"} {
					if !strings.Contains(string(body), want) {
						t.Errorf("body %s lacks %s", body, want)
					}
				}
			}
			if status == 200 {
				want := echo{Service: c.service, Region: c.region, Account: c.cred.AccountID, SigVersion: 4}
				got.Operation, got.Params = "", nil
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("(-want +got)\n%s", diff)
				}
			}
		})
	}
}

func setQuery(u *url.URL, k, v string) {
	q := u.Query()
	q.Set(k, v)
	u.RawQuery = q.Encode()
}
