package sdbtest

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func listDomains(t *testing.T, c *client, kv ...string) ([]string, string) {
	t.Helper()
	r := c.must("ListDomains", kv...)
	var doc struct {
		Names []string `xml:"ListDomainsResult>DomainName"`
		Next  string   `xml:"ListDomainsResult>NextToken"`
	}
	if err := xml.Unmarshal(r.body, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Names, doc.Next
}

func TestDomainLifecycle(t *testing.T) {
	srv := Start(t)
	c := newClient(t, srv)
	for _, n := range []string{"beta", "alpha", "a.b-c_9"} {
		c.must("CreateDomain", "DomainName", n)
	}
	c.must("CreateDomain", "DomainName", "alpha") // again: no error
	got, next := listDomains(t, c)
	if diff := cmp.Diff([]string{"a.b-c_9", "alpha", "beta"}, got); diff != "" || next != "" {
		t.Errorf("ListDomains (-want +got):\n%s\nnext %q", diff, next)
	}
	c.must("DeleteDomain", "DomainName", "alpha")
	c.must("DeleteDomain", "DomainName", "alpha") // again: no error
	if diff := cmp.Diff([]string{"a.b-c_9", "beta"}, srv.Domains(srv.Account(), "us-east-1")); diff != "" {
		t.Errorf("Domains (-want +got):\n%s", diff)
	}
}

func TestListDomainsPaging(t *testing.T) {
	srv := Start(t)
	c := newClient(t, srv)
	var want []string
	for i := range 7 {
		n := fmt.Sprintf("dom%02d", i)
		want = append(want, n)
		if err := srv.CreateDomain(srv.Account(), "us-east-1", n); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	token, pages := "", 0
	for {
		kv := []string{"MaxNumberOfDomains", "3"}
		if token != "" {
			kv = append(kv, "NextToken", token)
		}
		names, next := listDomains(t, c, kv...)
		if len(names) > 3 {
			t.Fatalf("page of %d domains, want at most 3", len(names))
		}
		got = append(got, names...)
		pages++
		if next == "" {
			break
		}
		token = next
	}
	if diff := cmp.Diff(want, got); diff != "" || pages != 3 {
		t.Errorf("paged ListDomains in %d pages (-want +got):\n%s", pages, diff)
	}
}

func TestDomainErrors(t *testing.T) {
	srv := Start(t)
	c := newClient(t, srv)
	tests := []struct {
		action string
		kv     []string
		status int
		code   string
	}{
		{"CreateDomain", nil, 400, "MissingParameter"},
		{"CreateDomain", []string{"DomainName", "ab"}, 400, "InvalidParameterValue"},
		{"CreateDomain", []string{"DomainName", strings.Repeat("a", 256)}, 400, "InvalidParameterValue"},
		{"CreateDomain", []string{"DomainName", "has space"}, 400, "InvalidParameterValue"},
		{"DeleteDomain", nil, 400, "MissingParameter"},
		{"DomainMetadata", []string{"DomainName", "nothere"}, 400, "NoSuchDomain"},
		{"DomainMetadata", nil, 400, "MissingParameter"},
		{"ListDomains", []string{"MaxNumberOfDomains", "0"}, 400, "InvalidParameterValue"},
		{"ListDomains", []string{"MaxNumberOfDomains", "101"}, 400, "InvalidParameterValue"},
		{"ListDomains", []string{"MaxNumberOfDomains", "x"}, 400, "InvalidParameterValue"},
		{"ListDomains", []string{"NextToken", "garbage!"}, 400, "InvalidNextToken"},
		{"ListDomains", []string{"NextToken", encodeToken(1, position{name: "x"})}, 400, "InvalidNextToken"},
		{"Frobnicate", nil, 400, "InvalidAction"},
	}
	for _, tt := range tests {
		t.Run(tt.action+"/"+strings.Join(tt.kv, "="), func(t *testing.T) {
			r := c.call(tt.action, tt.kv...)
			if r.status != tt.status || r.code() != tt.code {
				t.Errorf("got %d %s; want %d %s", r.status, r.code(), tt.status, tt.code)
			}
			if r.err != nil && (r.err.BoxUsage == "" || r.err.RequestID == "") {
				t.Errorf("error lacks BoxUsage or RequestID: %s", r.body)
			}
		})
	}
}

func TestNumberDomainsExceeded(t *testing.T) {
	srv := Start(t)
	c := newClient(t, srv)
	for i := range maxDomains {
		if err := srv.CreateDomain(srv.Account(), "us-east-1", fmt.Sprintf("d%03d", i)); err != nil {
			t.Fatal(err)
		}
	}
	c.must("CreateDomain", "DomainName", "d000") // existing: fine at the limit
	if r := c.call("CreateDomain", "DomainName", "one-too-many"); r.status != 409 || r.code() != "NumberDomainsExceeded" {
		t.Errorf("251st domain: %d %s; want 409 NumberDomainsExceeded", r.status, r.code())
	}
	// The limit is per region.
	c.in("eu-west-1").must("CreateDomain", "DomainName", "one-too-many")
}

func TestDomainMetadata(t *testing.T) {
	srv := Start(t)
	c := newClient(t, srv)
	c.must("CreateDomain", "DomainName", "meta")
	c.must("PutAttributes", append([]string{"DomainName", "meta", "ItemName", "i1"}, attrs("", "a=1", "a=22", "bb=x")...)...)
	c.must("PutAttributes", append([]string{"DomainName", "meta", "ItemName", "item2"}, attrs("", "a=333")...)...)
	r := c.must("DomainMetadata", "DomainName", "meta")
	var got struct {
		ItemCount                int   `xml:"DomainMetadataResult>ItemCount"`
		ItemNamesSizeBytes       int   `xml:"DomainMetadataResult>ItemNamesSizeBytes"`
		AttributeNameCount       int   `xml:"DomainMetadataResult>AttributeNameCount"`
		AttributeNamesSizeBytes  int   `xml:"DomainMetadataResult>AttributeNamesSizeBytes"`
		AttributeValueCount      int   `xml:"DomainMetadataResult>AttributeValueCount"`
		AttributeValuesSizeBytes int   `xml:"DomainMetadataResult>AttributeValuesSizeBytes"`
		Timestamp                int64 `xml:"DomainMetadataResult>Timestamp"`
	}
	if err := xml.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	ts := got.Timestamp
	got.Timestamp = 0
	want := got
	want.ItemCount, want.ItemNamesSizeBytes = 2, len("i1")+len("item2")
	want.AttributeNameCount, want.AttributeNamesSizeBytes = 2, len("a")+len("bb")
	want.AttributeValueCount, want.AttributeValuesSizeBytes = 4, len("1")+len("22")+len("x")+len("333")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DomainMetadata (-want +got):\n%s", diff)
	}
	if ts <= 0 {
		t.Errorf("Timestamp = %d", ts)
	}
}
