package fake

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/goboto/goboto/internal/sigv2"
	"github.com/google/go-cmp/cmp"
)

func TestSigV2(t *testing.T) {
	s := newServer(t, Options{DefaultRegion: "ap-south-1"})
	addr := strings.TrimPrefix(s.URL(), "http://")
	sdbParams := func() url.Values {
		return url.Values{"Action": {"ListDomains"}, "Version": {"2009-04-15"}, "MaxNumberOfDomains": {"5"}}
	}
	tests := []struct {
		name       string
		method     string
		host       string // Host header; "" is the server's address
		params     url.Values
		cred       Credential
		at         time.Duration
		sign       func(p url.Values, method, host string, c Credential, now time.Time)
		after      func(p url.Values)
		wantStatus int
		wantCode   string
		want       echo
	}{
		{name: "get", method: "GET", params: sdbParams(), wantStatus: 200,
			want: echo{Service: "sdb", Operation: "ListDomains", Region: "ap-south-1", Account: TestAccountID, SigVersion: 2}},
		{name: "post form", method: "POST", params: sdbParams(), wantStatus: 200,
			want: echo{Service: "sdb", Operation: "ListDomains", Region: "ap-south-1", Account: TestAccountID, SigVersion: 2}},
		{name: "hmac sha1", method: "GET", params: sdbParams(), sign: signSHA1, wantStatus: 200,
			want: echo{Service: "sdb", Operation: "ListDomains", Region: "ap-south-1", Account: TestAccountID, SigVersion: 2}},
		{name: "regional host", method: "POST", host: "sdb.eu-west-1.amazonaws.com", params: sdbParams(), wantStatus: 200,
			want: echo{Service: "sdb", Operation: "ListDomains", Region: "eu-west-1", Account: TestAccountID, SigVersion: 2}},
		{name: "global host", method: "GET", host: "sdb.amazonaws.com", params: sdbParams(), wantStatus: 200,
			want: echo{Service: "sdb", Operation: "ListDomains", Region: "us-east-1", Account: TestAccountID, SigVersion: 2}},
		{name: "china host and port", method: "GET", host: "ec2.cn-north-1.amazonaws.com.cn:8443",
			params: url.Values{"Action": {"DescribeRegions"}, "Version": {"2016-11-15"}}, cred: DefaultCredentials()[1], wantStatus: 200,
			want: echo{Service: "ec2", Operation: "DescribeRegions", Region: "cn-north-1", Account: OtherAccountID, SigVersion: 2}},
		{name: "session token", method: "POST", params: sdbParams(), cred: DefaultCredentials()[2], wantStatus: 200,
			want: echo{Service: "sdb", Operation: "ListDomains", Region: "ap-south-1", Account: TestAccountID, SigVersion: 2}},
		{name: "expires ahead", method: "GET", params: withParam(sdbParams(), "Expires", clock.Add(time.Hour).Format(sigv2.TimeFormat)), wantStatus: 200,
			want: echo{Service: "sdb", Operation: "ListDomains", Region: "ap-south-1", Account: TestAccountID, SigVersion: 2}},
		{name: "expires passed", method: "GET", params: withParam(sdbParams(), "Expires", clock.Add(-time.Second).Format(sigv2.TimeFormat)), wantStatus: 400, wantCode: "RequestExpired"},
		{name: "timestamp old", method: "GET", params: sdbParams(), at: -16 * time.Minute, wantStatus: 400, wantCode: "RequestExpired"},
		{name: "timestamp ahead", method: "GET", params: sdbParams(), at: 16 * time.Minute, wantStatus: 400, wantCode: "RequestExpired"},
		{name: "tampered", method: "GET", params: sdbParams(), after: func(p url.Values) { p.Set("MaxNumberOfDomains", "6") }, wantStatus: 401, wantCode: "AuthFailure"},
		{name: "signed for another host", method: "GET", params: sdbParams(), sign: func(p url.Values, m, h string, c Credential, now time.Time) {
			sigv2.Sign(p, m, "sdb.amazonaws.com", "/", v2creds(c), now)
		}, wantStatus: 401, wantCode: "AuthFailure"},
		{name: "wrong secret", method: "GET", params: sdbParams(), cred: Credential{AccessKeyID: TestAccessKeyID, SecretAccessKey: "nope"}, wantStatus: 401, wantCode: "AuthFailure"},
		{name: "unknown key", method: "GET", params: sdbParams(), cred: Credential{AccessKeyID: "AKIDNOPE", SecretAccessKey: "nope"}, wantStatus: 401, wantCode: "AuthFailure"},
		{name: "token missing", method: "GET", params: sdbParams(), cred: Credential{AccessKeyID: SessionAccessKey, SecretAccessKey: SessionSecretKey}, wantStatus: 401, wantCode: "AuthFailure"},
		{name: "signature version 1", method: "GET", params: sdbParams(), after: func(p url.Values) { p.Set("SignatureVersion", "1") }, wantStatus: 401, wantCode: "AuthFailure"},
		{name: "unsigned", method: "GET", params: sdbParams(), sign: func(url.Values, string, string, Credential, time.Time) {}, wantStatus: 401, wantCode: "MissingAuthenticationToken"},
		{name: "service without sigv2", method: "POST", params: url.Values{"Action": {"DescribeDBInstances"}, "Version": {"2014-10-31"}}, wantStatus: 403, wantCode: "SignatureDoesNotMatch"},
		{name: "unknown version", method: "GET", params: url.Values{"Action": {"X"}, "Version": {"1999-01-01"}}, wantStatus: 400, wantCode: "InvalidAction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			host := tt.host
			if host == "" {
				host = addr
			}
			cred := tt.cred
			if cred.AccessKeyID == "" {
				cred = mainCred
			}
			sign := tt.sign
			if sign == nil {
				sign = func(p url.Values, m, h string, c Credential, now time.Time) {
					sigv2.Sign(p, m, h, "/", v2creds(c), now)
				}
			}
			p := tt.params
			sign(p, tt.method, host, cred, clock.Add(tt.at))
			if tt.after != nil {
				tt.after(p)
			}
			var req *http.Request
			if tt.method == "GET" {
				req = newRequest(t, "GET", s.URL()+"/?"+p.Encode(), nil)
			} else {
				req = newRequest(t, "POST", s.URL()+"/", []byte(p.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			}
			req.Host = host
			status, body, got := do(t, s.HTTPClient(), req)
			if diff := cmp.Diff([]any{tt.wantStatus, tt.wantCode}, []any{status, errorCode(body)}); diff != "" {
				t.Fatalf("(-want +got)\n%s\nbody: %s", diff, body)
			}
			if status != 200 {
				return
			}
			want := tt.want
			want.Params = map[string][]string{}
			for k, v := range tt.params {
				switch k {
				case "Signature", "SignatureVersion", "SignatureMethod", "AWSAccessKeyId", "Timestamp", "Expires", "SecurityToken":
				default:
					want.Params[k] = v
				}
			}
			if tt.method == "POST" {
				got.Body = ""
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func v2creds(c Credential) sigv2.Credentials {
	return sigv2.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}
}

func withParam(p url.Values, k, v string) url.Values {
	p.Set(k, v)
	return p
}

// signSHA1 signs like sigv2.Sign but with HmacSHA1, as old clients do.
func signSHA1(p url.Values, method, host string, c Credential, now time.Time) {
	sigv2.Sign(p, method, host, "/", v2creds(c), now)
	p.Set("SignatureMethod", sigv2.HmacSHA1)
	p.Set("Signature", sigv2.Signature(sigv2.HmacSHA1, c.SecretAccessKey, sigv2.StringToSign(method, host, "/", p)))
}

func TestRegionFromHost(t *testing.T) {
	tests := []struct {
		host, prefix, want string
		ok                 bool
	}{
		{"sdb.amazonaws.com", "sdb", "us-east-1", true},
		{"sdb.eu-west-1.amazonaws.com", "sdb", "eu-west-1", true},
		{"SDB.EU-WEST-1.AMAZONAWS.COM.", "sdb", "eu-west-1", true},
		{"ec2.cn-north-1.amazonaws.com.cn", "ec2", "cn-north-1", true},
		{"sdb.a.b.amazonaws.com", "sdb", "", false},
		{"ec2.eu-west-1.amazonaws.com", "sdb", "", false},
		{"sdb.example.com", "sdb", "", false},
		{"127.0.0.1", "sdb", "", false},
	}
	for _, tt := range tests {
		region, ok := regionFromHost(tt.host, tt.prefix)
		if diff := cmp.Diff([]any{tt.want, tt.ok}, []any{region, ok}); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tt.host, diff)
		}
	}
}
