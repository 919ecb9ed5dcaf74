package fake

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// routeServices are testServices with S3 taking anonymous requests, as
// s3test's does.
func routeServices() []Service {
	svcs := testServices()
	for i := range svcs {
		if svcs[i].Name == "s3" {
			svcs[i].AllowAnonymous = true
		}
	}
	return svcs
}

// signedAs returns a request built from c and signed with c's scope; edit,
// when set, changes it before it is signed.
func signedAs(c v4Case, edit func(*http.Request)) func(t testing.TB, base string) *http.Request {
	return func(t testing.TB, base string) *http.Request {
		c := c.withDefaults()
		req := c.request(t, base)
		if edit != nil {
			edit(req)
		}
		c.sign(t, req, clock)
		return req
	}
}

// presignedAs returns a GET of c's URL presigned with c's scope.
func presignedAs(c v4Case) func(t testing.TB, base string) *http.Request {
	return func(t testing.TB, base string) *http.Request {
		c := c.withDefaults()
		req := c.request(t, base)
		q := req.URL.Query()
		q.Set("X-Amz-Expires", "900")
		req.URL.RawQuery = q.Encode()
		signed, _, err := signer(c.service).PresignHTTP(context.Background(), awsCreds(c.cred), req, unsignedPayload, c.service, c.region, clock)
		if err != nil {
			t.Fatal(err)
		}
		return newRequest(t, "GET", signed, nil)
	}
}

// plain returns an unsigned request with header set.
func plain(method, pathAndQuery string, header map[string]string, body string) func(t testing.TB, base string) *http.Request {
	return func(t testing.TB, base string) *http.Request {
		req := newRequest(t, method, base+pathAndQuery, []byte(body))
		for k, v := range header {
			req.Header.Set(k, v)
		}
		return req
	}
}

// TestRoute pins where requests go that do not name a registered service
// in a SigV4 scope, and the AWS error each unroutable one gets. boto 2
// at 127.0.0.1 signs with the scope ".../0/127/aws4_request": region "0",
// service "127". Every error code here is one AWS declares: the common
// errors' InvalidAction and MissingAction (AWS General Reference,
// "Common Errors"), S3's InvalidRequest, AuthorizationHeaderMalformed and
// AuthorizationQueryParametersError (Amazon S3 API Reference, "Error
// responses"), and each protocol's signature errors.
func TestRoute(t *testing.T) {
	ip := func(c v4Case) v4Case { c.service, c.region = "127", "0"; return c }
	ec2Query := url.Values{"Action": {"DescribeRegions"}, "Version": {"2016-11-15"}}
	rdsForm := map[string]string{"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
	sqsTarget := map[string]string{"X-Amz-Target": "AmazonSQS.ListQueues", "Content-Type": "application/x-amz-json-1.0"}
	onlyEC2 := func() []Service { return routeServices()[1:2] }
	noS3 := func() []Service { return routeServices()[:2] }
	tests := []struct {
		name       string
		services   func() []Service // nil: routeServices
		req        func(t testing.TB, base string) *http.Request
		wantStatus int
		wantCode   string
		wantMsg    string // checked when set
		by         string // the service that refused, for an error
		want       echo   // for a 200; Params and Body are not compared
	}{
		{name: "scope 0/127, EC2 by Version, default region", req: signedAs(ip(v4Case{query: ec2Query}), nil),
			wantStatus: 200, want: echo{Service: "ec2", Operation: "DescribeRegions", Region: "us-east-1", Account: TestAccountID, SigVersion: 4}},
		{name: "scope 0/127, RDS form by Version", req: signedAs(ip(v4Case{method: "POST", body: "Action=DescribeDBInstances&Version=2014-10-31", header: rdsForm}), nil),
			wantStatus: 200, want: echo{Service: "rds", Operation: "DescribeDBInstances", Region: "us-east-1", Account: TestAccountID, SigVersion: 4}},
		{name: "scope 0/127, JSON by X-Amz-Target", req: signedAs(ip(v4Case{method: "POST", body: "{}", header: sqsTarget}), nil),
			wantStatus: 200, want: echo{Service: "sqs", Operation: "ListQueues", Region: "us-east-1", Account: TestAccountID, SigVersion: 4}},
		{name: "unknown scope service keeps a real region", req: signedAs(v4Case{service: "127", region: "eu-west-2", query: ec2Query}, nil),
			wantStatus: 200, want: echo{Service: "ec2", Operation: "DescribeRegions", Region: "eu-west-2", Account: TestAccountID, SigVersion: 4}},
		{name: "scope 0/127, other account", req: signedAs(ip(v4Case{query: ec2Query, cred: DefaultCredentials()[1]}), nil),
			wantStatus: 200, want: echo{Service: "ec2", Operation: "DescribeRegions", Region: "us-east-1", Account: OtherAccountID, SigVersion: 4}},
		// A known scope service wins over the Version: AWS's scope must
		// name the endpoint's service.
		{name: "known scope service wins over Version", req: signedAs(v4Case{service: "rds", query: ec2Query}, nil),
			wantStatus: 200, want: echo{Service: "rds", Operation: "DescribeRegions", Region: "eu-west-1", Account: TestAccountID, SigVersion: 4}},
		{name: "scope 0/127, wrong secret", req: signedAs(ip(v4Case{query: ec2Query, cred: Credential{AccessKeyID: TestAccessKeyID, SecretAccessKey: OtherSecretKey}}), nil),
			wantStatus: 401, wantCode: "AuthFailure", by: "ec2"},
		{name: "scope 0/127, unknown key", req: signedAs(ip(v4Case{query: ec2Query, cred: Credential{AccessKeyID: "AKIDNOPE", SecretAccessKey: "x"}}), nil),
			wantStatus: 401, wantCode: "AuthFailure", by: "ec2"},
		{name: "scope service changed after signing", req: func(t testing.TB, base string) *http.Request {
			req := signedAs(ip(v4Case{query: ec2Query}), nil)(t, base)
			replaceAuth(req, "/127/", "/128/")
			return req
		}, wantStatus: 401, wantCode: "AuthFailure", by: "ec2"},
		{name: "scope region changed after signing", req: func(t testing.TB, base string) *http.Request {
			req := signedAs(ip(v4Case{method: "POST", body: "{}", header: sqsTarget}), nil)(t, base)
			replaceAuth(req, "/0/", "/1/")
			return req
		}, wantStatus: 400, wantCode: "InvalidSignatureException", by: "sqs"},
		{name: "scope 0/127, REST path reaches S3, which refuses the scope", req: signedAs(ip(v4Case{path: "/bucket/key"}), nil),
			wantStatus: 400, wantCode: "AuthorizationHeaderMalformed", wantMsg: `The authorization header is malformed; incorrect service "127". This endpoint belongs to "s3".`, by: "s3"},
		{name: "scope 0/127, presigned REST path", req: presignedAs(ip(v4Case{path: "/bucket/key"})),
			wantStatus: 400, wantCode: "AuthorizationQueryParametersError", by: "s3"},
		{name: "unknown scope at an AWS host name", req: signedAs(v4Case{service: "nope", query: url.Values{"Action": {"ListDomains"}}},
			func(r *http.Request) { r.Host = "sdb.eu-west-1.amazonaws.com" }),
			wantStatus: 401, wantCode: "AuthFailure", wantMsg: "Credential should be scoped to correct service: 'sdb'.", by: "sdb"},
		{name: "scope 0/127, unknown Version", req: signedAs(ip(v4Case{query: url.Values{"Action": {"X"}, "Version": {"1999-01-01"}}}), nil),
			wantStatus: 400, wantCode: "InvalidAction"},
		{name: "unsigned GET goes to S3", req: plain("GET", "/bucket/key", nil, ""),
			wantStatus: 200, want: echo{Service: "s3", Operation: "GETObject", Region: "us-east-1"}},
		{name: "unsigned POST form goes to S3", req: plain("POST", "/bucket", map[string]string{"Content-Type": "multipart/form-data; boundary=b"},
			"--b\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n--b--\r\n"),
			wantStatus: 200, want: echo{Service: "s3", Operation: "POSTObject", Region: "us-east-1"}},
		{name: "SigV2 header to S3", req: plain("GET", "/bucket/key", map[string]string{"Authorization": "AWS " + TestAccessKeyID + ":c2lnbmF0dXJl", "Date": clock.Format(http.TimeFormat)}, ""),
			wantStatus: 400, wantCode: "InvalidRequest", wantMsg: "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.", by: "s3"},
		{name: "SigV2 presigned URL to S3", req: plain("GET", "/bucket/key?AWSAccessKeyId="+TestAccessKeyID+"&Expires=1741968000&Signature=c2ln", nil, ""),
			wantStatus: 400, wantCode: "InvalidRequest", wantMsg: "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.", by: "s3"},
		{name: "unsigned, unknown Version", req: plain("GET", "/?Action=X&Version=1999-01-01", nil, ""),
			wantStatus: 400, wantCode: "InvalidAction"},
		{name: "unsigned, Action without Version", req: plain("GET", "/?Action=DescribeRegions", nil, ""),
			wantStatus: 400, wantCode: "InvalidAction"},
		{name: "unsigned, unknown X-Amz-Target", req: plain("POST", "/", map[string]string{"X-Amz-Target": "AmazonNope.X"}, "{}"),
			wantStatus: 400, wantCode: "InvalidAction", wantMsg: "The action or operation requested is invalid. Verify that the action is typed correctly."},
		{name: "no S3: a bare path", services: noS3, req: plain("GET", "/bucket/key", nil, ""),
			wantStatus: 400, wantCode: "MissingAction"},
		{name: "only service, routed by Version", services: onlyEC2, req: signedAs(ip(v4Case{query: ec2Query}), nil),
			wantStatus: 200, want: echo{Service: "ec2", Operation: "DescribeRegions", Region: "us-east-1", Account: TestAccountID, SigVersion: 4}},
		{name: "only service, scope names another", services: onlyEC2, req: signedAs(ip(v4Case{query: url.Values{"Action": {"DescribeRegions"}}}), nil),
			wantStatus: 401, wantCode: "AuthFailure", wantMsg: "Credential should be scoped to correct service: 'ec2'.", by: "ec2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svcs := routeServices
			if tt.services != nil {
				svcs = tt.services
			}
			s := NewServer(Options{Now: func() time.Time { return clock }}, svcs()...)
			if err := s.Start(); err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			status, body, got := do(t, s.HTTPClient(), tt.req(t, s.URL()))
			got.Params, got.Body = nil, ""
			type result struct {
				Status int
				Code   string
				Echo   echo
			}
			want := result{tt.wantStatus, tt.wantCode, tt.want}
			if diff := cmp.Diff(want, result{status, errorCode(body), got}); diff != "" {
				t.Fatalf("(-want +got)\n%s\nbody: %s", diff, body)
			}
			if tt.wantMsg != "" {
				if diff := cmp.Diff(tt.wantMsg, html.UnescapeString(errorMessage(body))); diff != "" {
					t.Errorf("message (-want +got)\n%s", diff)
				}
			}
			if strings.Contains(string(body), "UnknownService") {
				t.Errorf("answer names a code AWS does not have: %s", body)
			}
			by := tt.by
			if status == 200 {
				by = tt.want.Service
			}
			calls := s.Calls()
			if len(calls) != 1 || calls[0].Code != tt.wantCode || calls[0].Service != by {
				t.Errorf("calls = %+v, want one with service %q and code %q", calls, by, tt.wantCode)
			}
		})
	}
}
