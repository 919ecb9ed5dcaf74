package sdbtest

import (
	"encoding/base64"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/sigv2"
)

// client sends raw SigV2-signed SimpleDB requests, as goboto's sdb client
// and boto 2 do, so the tests check the wire and not a client library.
type client struct {
	t    testing.TB
	srv  *Server
	cred fake.Credential
	host string // the Host header, which picks the region
	now  func() time.Time
}

func newClient(t testing.TB, srv *Server) *client {
	return &client{t: t, srv: srv, cred: fake.DefaultCredentials()[0], host: "sdb.amazonaws.com", now: time.Now}
}

// in returns a copy of c that talks to region.
func (c *client) in(region string) *client {
	d := *c
	d.host = "sdb." + region + ".amazonaws.com"
	if region == "us-east-1" {
		d.host = "sdb.amazonaws.com"
	}
	return &d
}

// as returns a copy of c that signs with cred.
func (c *client) as(cred fake.Credential) *client {
	d := *c
	d.cred = cred
	return &d
}

// response is an answer: its status, body and, for errors, the parsed
// error document.
type response struct {
	status int
	body   []byte
	err    *errorDoc
}

type errorDoc struct {
	Code      string `xml:"Errors>Error>Code"`
	Message   string `xml:"Errors>Error>Message"`
	BoxUsage  string `xml:"Errors>Error>BoxUsage"`
	RequestID string `xml:"RequestID"`
}

// code returns the error code, or "" for a success.
func (r *response) code() string {
	if r.err == nil {
		return ""
	}
	return r.err.Code
}

// call sends action with params given as name, value pairs.
func (c *client) call(action string, kv ...string) *response {
	c.t.Helper()
	p := url.Values{"Action": {action}, "Version": {Version}}
	for i := 0; i+1 < len(kv); i += 2 {
		p.Add(kv[i], kv[i+1])
	}
	return c.send(p, true)
}

// sign adds c's SigV2 signature to p.
func (c *client) sign(p url.Values) url.Values {
	sigv2.Sign(p, http.MethodPost, c.host, "/", sigv2.Credentials{
		AccessKeyID: c.cred.AccessKeyID, SecretAccessKey: c.cred.SecretAccessKey, SessionToken: c.cred.SessionToken,
	}, c.now())
	return p
}

// send signs p (when sign is set) and posts it.
func (c *client) send(p url.Values, sign bool) *response {
	c.t.Helper()
	if sign {
		c.sign(p)
	}
	req, err := http.NewRequest(http.MethodPost, c.srv.URL()+"/", strings.NewReader(p.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Host = c.host
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	resp, err := c.srv.HTTPClient().Do(req)
	if err != nil {
		c.t.Fatalf("%s: %v", p.Get("Action"), err)
	}
	return readResponse(c.t, resp)
}

// readResponse reads and closes resp, parsing an error document.
func readResponse(t testing.TB, resp *http.Response) *response {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := &response{status: resp.StatusCode, body: body}
	if resp.StatusCode != http.StatusOK {
		r.err = new(errorDoc)
		if err := xml.Unmarshal(body, r.err); err != nil {
			t.Fatalf("status %d with unreadable error %q: %v", resp.StatusCode, body, err)
		}
	}
	return r
}

// must calls action and fails the test unless it succeeds.
func (c *client) must(action string, kv ...string) *response {
	c.t.Helper()
	r := c.call(action, kv...)
	if r.err != nil {
		c.t.Fatalf("%s: %d %s: %s", action, r.status, r.err.Code, r.err.Message)
	}
	return r
}

// xmlText is an element whose text may be base64-encoded.
type xmlText struct {
	Encoding string `xml:"encoding,attr"`
	Text     string `xml:",chardata"`
}

func (x xmlText) String() string {
	if x.Encoding == "base64" {
		b, err := base64.StdEncoding.DecodeString(x.Text)
		if err != nil {
			return "!bad base64!"
		}
		return string(b)
	}
	return x.Text
}

type xmlAttr struct {
	Name  xmlText `xml:"Name"`
	Value xmlText `xml:"Value"`
}

func attrMap(as []xmlAttr) map[string][]string {
	m := map[string][]string{}
	for _, a := range as {
		m[a.Name.String()] = append(m[a.Name.String()], a.Value.String())
	}
	return m
}

// get calls GetAttributes and returns the item's attributes.
func (c *client) get(domain, item string, kv ...string) map[string][]string {
	c.t.Helper()
	r := c.must("GetAttributes", append([]string{"DomainName", domain, "ItemName", item}, kv...)...)
	var doc struct {
		Attrs []xmlAttr `xml:"GetAttributesResult>Attribute"`
	}
	if err := xml.Unmarshal(r.body, &doc); err != nil {
		c.t.Fatal(err)
	}
	return attrMap(doc.Attrs)
}

// page is one Select answer.
type page struct {
	names []string
	items map[string]map[string][]string
	next  string
}

func parsePage(t testing.TB, body []byte) page {
	t.Helper()
	var doc struct {
		Items []struct {
			Name  xmlText   `xml:"Name"`
			Attrs []xmlAttr `xml:"Attribute"`
		} `xml:"SelectResult>Item"`
		NextToken string `xml:"SelectResult>NextToken"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	p := page{items: map[string]map[string][]string{}, next: doc.NextToken}
	for _, it := range doc.Items {
		p.names = append(p.names, it.Name.String())
		p.items[it.Name.String()] = attrMap(it.Attrs)
	}
	return p
}

// selectPage runs one Select.
func (c *client) selectPage(q, token string, kv ...string) page {
	c.t.Helper()
	kv = append([]string{"SelectExpression", q}, kv...)
	if token != "" {
		kv = append(kv, "NextToken", token)
	}
	return parsePage(c.t, c.must("Select", kv...).body)
}

// selectAll follows NextToken to the end and returns the item names in
// order and the number of pages.
func (c *client) selectAll(q string, kv ...string) ([]string, int) {
	c.t.Helper()
	var names []string
	token := ""
	for pages := 1; ; pages++ {
		p := c.selectPage(q, token, kv...)
		names = append(names, p.names...)
		if p.next == "" {
			return names, pages
		}
		if pages > 10000 {
			c.t.Fatal("Select does not end")
		}
		token = p.next
	}
}

// attrs builds Attribute.N.Name/Value[/Replace] parameters from
// "name=value" or "name=value!" (Replace=true).
func attrs(prefix string, pairs ...string) []string {
	var kv []string
	for i, p := range pairs {
		n := prefix + "Attribute." + strconv.Itoa(i+1) + "."
		name, value, _ := strings.Cut(p, "=")
		kv = append(kv, n+"Name", name)
		if v, ok := strings.CutSuffix(value, "!"); ok {
			kv = append(kv, n+"Value", v, n+"Replace", "true")
		} else {
			kv = append(kv, n+"Value", value)
		}
	}
	return kv
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}
