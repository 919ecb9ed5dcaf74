package sdbtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
)

func TestRegionIsolation(t *testing.T) {
	srv := Start(t)
	c := newClient(t, srv)
	west := c.in("us-west-2")
	west.must("CreateDomain", "DomainName", "shared")
	west.must("PutAttributes", "DomainName", "shared", "ItemName", "i", "Attribute.1.Name", "where", "Attribute.1.Value", "west")
	if r := c.call("GetAttributes", "DomainName", "shared", "ItemName", "i"); r.code() != "NoSuchDomain" {
		t.Errorf("us-east-1 sees us-west-2's domain: %d %s", r.status, r.code())
	}
	c.must("CreateDomain", "DomainName", "shared")
	c.must("PutAttributes", "DomainName", "shared", "ItemName", "i", "Attribute.1.Name", "where", "Attribute.1.Value", "east")
	for region, want := range map[string]string{"us-east-1": "east", "us-west-2": "west"} {
		if got := c.in(region).get("shared", "i"); !cmp.Equal(got["where"], []string{want}) {
			t.Errorf("%s: where = %q; want %q", region, got["where"], want)
		}
		if got, _ := srv.Item(srv.Account(), region, "shared", "i"); !cmp.Equal(got["where"], []string{want}) {
			t.Errorf("Item(%s): where = %q; want %q", region, got["where"], want)
		}
	}
	// A Host that names no region lands in the default one.
	local := *c
	local.host = strings.TrimPrefix(srv.URL(), "http://")
	if got := local.get("shared", "i"); !cmp.Equal(got["where"], []string{"east"}) {
		t.Errorf("default region: where = %q", got["where"])
	}
	if diff := cmp.Diff([]string{"shared"}, srv.Domains(srv.Account(), "us-west-2")); diff != "" {
		t.Errorf("Domains(us-west-2) (-want +got):\n%s", diff)
	}
	for _, call := range srv.Calls() {
		if call.Operation == "CreateDomain" && call.Region != "us-west-2" && call.Region != "us-east-1" {
			t.Errorf("call recorded in region %q", call.Region)
		}
	}
}

func TestAccountIsolation(t *testing.T) {
	srv := Start(t)
	creds := fake.DefaultCredentials()
	main, other, session := newClient(t, srv), newClient(t, srv).as(creds[1]), newClient(t, srv).as(creds[2])
	main.must("CreateDomain", "DomainName", "mine")
	if r := other.call("DomainMetadata", "DomainName", "mine"); r.code() != "NoSuchDomain" {
		t.Errorf("other account sees the domain: %d %s", r.status, r.code())
	}
	other.must("CreateDomain", "DomainName", "theirs")
	// Session credentials belong to the main account.
	names, _ := listDomains(t, session)
	if diff := cmp.Diff([]string{"mine"}, names); diff != "" {
		t.Errorf("session credentials' domains (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"theirs"}, srv.Backend.Domains(fake.OtherAccountID, "us-east-1")); diff != "" {
		t.Errorf("Backend.Domains(other) (-want +got):\n%s", diff)
	}
	var accounts []string
	for _, call := range srv.Calls() {
		if call.Operation == "CreateDomain" {
			accounts = append(accounts, call.Account)
		}
	}
	if diff := cmp.Diff([]string{fake.TestAccountID, fake.OtherAccountID}, accounts); diff != "" {
		t.Errorf("recorded accounts (-want +got):\n%s", diff)
	}
}

func TestAuthErrors(t *testing.T) {
	srv := Start(t)
	good := newClient(t, srv)
	good.must("CreateDomain", "DomainName", "dom")
	creds := fake.DefaultCredentials()
	unknown := fake.Credential{AccessKeyID: "AKIDNOTKNOWN00000000", SecretAccessKey: "x"}
	wrongSecret := creds[0]
	wrongSecret.SecretAccessKey = "not-the-secret"
	badToken := creds[2]
	badToken.SessionToken = "not-the-token"
	tests := []struct {
		name   string
		send   func() *response
		status int
		code   string
	}{
		{"unknown key", func() *response { return good.as(unknown).call("ListDomains") }, 403, "InvalidClientTokenId"},
		{"wrong secret", func() *response { return good.as(wrongSecret).call("ListDomains") }, 403, "SignatureDoesNotMatch"},
		{"signed for another host", func() *response {
			p := good.sign(url.Values{"Action": {"ListDomains"}, "Version": {Version}})
			return good.in("eu-west-1").send(p, false)
		}, 403, "SignatureDoesNotMatch"},
		{"bad session token", func() *response { return good.as(badToken).call("ListDomains") }, 403, "InvalidClientTokenId"},
		{"expired", func() *response {
			c := *good
			c.now = func() time.Time { return time.Now().Add(-time.Hour) }
			return c.call("ListDomains")
		}, 400, "RequestExpired"},
		{"unsigned", func() *response {
			return good.send(url.Values{"Action": {"ListDomains"}, "Version": {Version}}, false)
		}, 403, "AuthFailure"},
		{"no action", func() *response { return good.send(url.Values{"Version": {Version}}, true) }, 400, "MissingAction"},
		{"sigv4", func() *response { return sigV4(t, srv) }, 403, "SignatureDoesNotMatch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.send()
			if r.status != tt.status || r.code() != tt.code {
				t.Errorf("got %d %s; want %d %s (%s)", r.status, r.code(), tt.status, tt.code, r.body)
			}
			if strings.Contains(string(r.body), fake.TestSecretKey) {
				t.Errorf("error shows the secret key")
			}
		})
	}
	good.as(creds[2]).must("ListDomains") // session credentials with their token
}

// sigV4 sends a ListDomains signed with Signature Version 4, which
// SimpleDB does not take.
func sigV4(t *testing.T, srv *Server) *response {
	t.Helper()
	body := url.Values{"Action": {"ListDomains"}, "Version": {Version}}.Encode()
	req, err := http.NewRequest(http.MethodPost, srv.URL()+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	sum := sha256.Sum256([]byte(body))
	err = v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: fake.TestAccessKeyID, SecretAccessKey: fake.TestSecretKey},
		req, hex.EncodeToString(sum[:]), "sdb", "us-east-1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return readResponse(t, resp)
}

func TestFaults(t *testing.T) {
	srv := Start(t, fake.WithSeed(7))
	c := newClient(t, srv)
	c.must("CreateDomain", "DomainName", "dom")
	c.in("eu-west-1").must("CreateDomain", "DomainName", "dom")
	remove := srv.Faults().Add(fake.Fault{Service: "sdb", Operation: "PutAttributes", Region: "eu-west-1", Kind: fake.Throttle, Times: 2})
	defer remove()
	srv.Faults().Add(fake.Fault{Operation: "Select", Kind: fake.ServerError, Times: 1})

	c.must("PutAttributes", put("i", "a=1")...) // another region: unaffected
	for i := range 2 {
		r := c.in("eu-west-1").call("PutAttributes", put("i", "a=1")...)
		if r.status != 503 || r.code() != "ServiceUnavailable" {
			t.Errorf("throttled put %d: %d %s; want 503 ServiceUnavailable", i, r.status, r.code())
		}
	}
	c.in("eu-west-1").must("PutAttributes", put("i", "a=1")...)
	if r := c.call("Select", "SelectExpression", "select * from dom"); r.status != 500 || r.code() != "InternalError" {
		t.Errorf("failed select: %d %s; want 500 InternalError", r.status, r.code())
	}
	c.must("Select", "SelectExpression", "select * from dom")
	var codes []string
	for _, call := range srv.Calls() {
		if call.Fault != 0 {
			codes = append(codes, call.Region+" "+call.Operation+" "+call.Code)
		}
	}
	want := []string{"eu-west-1 PutAttributes ServiceUnavailable", "eu-west-1 PutAttributes ServiceUnavailable", "us-east-1 Select InternalError"}
	if diff := cmp.Diff(want, codes); diff != "" {
		t.Errorf("faulted calls (-want +got):\n%s", diff)
	}
}

func TestServerAPI(t *testing.T) {
	srv := Start(t, fake.WithRegion("eu-central-1"))
	cfg := srv.Config("")
	if cfg.Region != "eu-central-1" || aws.ToString(cfg.BaseEndpoint) != srv.URL() || cfg.HTTPClient == nil {
		t.Errorf("Config: region %q, endpoint %q", cfg.Region, aws.ToString(cfg.BaseEndpoint))
	}
	got, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil || got.AccessKeyID != fake.TestAccessKeyID {
		t.Errorf("Config credentials: %v, %v", got.AccessKeyID, err)
	}
	other := srv.ConfigForAccount(fake.OtherAccountID, "ap-south-1")
	got, err = other.Credentials.Retrieve(context.Background())
	if err != nil || got.AccessKeyID != fake.OtherAccessKeyID || got.SessionToken != "" || other.Region != "ap-south-1" {
		t.Errorf("ConfigForAccount(other): key %v, region %q, %v", got.AccessKeyID, other.Region, err)
	}
	if srv.Account() != fake.TestAccountID {
		t.Errorf("Account = %q", srv.Account())
	}

	// Requests whose Host names no region are served in the default one.
	c := newClient(t, srv)
	c.host = strings.TrimPrefix(srv.URL(), "http://")
	c.must("CreateDomain", "DomainName", "here")
	if diff := cmp.Diff([]string{"here"}, srv.Domains(srv.Account(), "eu-central-1")); diff != "" {
		t.Errorf("Domains (-want +got):\n%s", diff)
	}

	if err := srv.Put(srv.Account(), "eu-central-1", "nope", "i", nil); err != ErrNoSuchDomain {
		t.Errorf("Put to a missing domain: %v", err)
	}
	if err := srv.CreateDomain(srv.Account(), "eu-central-1", "x"); err == nil {
		t.Errorf("CreateDomain with a bad name succeeded")
	}
	srv.Put(srv.Account(), "eu-central-1", "here", "i", map[string][]string{"a": {"1", "2", "1"}, "b": {"x"}})
	srv.Put(srv.Account(), "eu-central-1", "here", "i", map[string][]string{"a": {"3"}, "b": nil})
	item, ok := srv.Item(srv.Account(), "eu-central-1", "here", "i")
	if diff := cmp.Diff(map[string][]string{"a": {"3"}}, item); diff != "" || !ok {
		t.Errorf("Item after seeding (-want +got):\n%s", diff)
	}
	item["a"][0] = "changed"
	if again, _ := srv.Item(srv.Account(), "eu-central-1", "here", "i"); again["a"][0] != "3" {
		t.Errorf("Item returned the fake's own slice")
	}
	srv.Reset()
	if d := srv.Domains(srv.Account(), "eu-central-1"); len(d) != 0 {
		t.Errorf("Domains after Reset = %q", d)
	}
	if err := srv.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

func TestTLS(t *testing.T) {
	srv := Start(t, fake.WithTLS(true))
	if !strings.HasPrefix(srv.URL(), "https://") {
		t.Fatalf("URL = %q", srv.URL())
	}
	newClient(t, srv).must("CreateDomain", "DomainName", "secure")
}
