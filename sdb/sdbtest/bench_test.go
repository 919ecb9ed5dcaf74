package sdbtest

import (
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// BenchmarkPutAttributesHandler measures the fake's own work for a
// PutAttributes of four attributes, without HTTP or signatures, which the
// whole-stack benchmark adds on top.
func BenchmarkPutAttributesHandler(b *testing.B) {
	be, _ := NewBackend()
	if err := be.CreateDomain(fake.TestAccountID, "us-east-1", "bench"); err != nil {
		b.Fatal(err)
	}
	cred := fake.DefaultCredentials()[0]
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := url.Values{"DomainName": {"bench"}, "ItemName": {"item" + strconv.Itoa(i%1000)}}
		for j, a := range []string{"name", "email", "age", "city"} {
			n := "Attribute." + strconv.Itoa(j+1) + "."
			p[n+"Name"] = []string{a}
			p[n+"Value"] = []string{a + "-value"}
			p[n+"Replace"] = []string{"true"}
		}
		w := httptest.NewRecorder()
		err := be.handle(w, &fake.Request{Operation: "PutAttributes", Params: p, Credential: cred, Region: "us-east-1",
			RequestID: "00000000-0000-4000-8000-000000000000", SigVersion: 2, Now: time.Unix(0, 0)})
		if err != nil || w.Code != 200 {
			b.Fatalf("PutAttributes: %v %d", err, w.Code)
		}
		i++
	}
}

// BenchmarkPutAttributes measures a signed PutAttributes over HTTP.
func BenchmarkPutAttributes(b *testing.B) {
	srv := Start(b)
	if err := srv.CreateDomain(srv.Account(), "us-east-1", "bench"); err != nil {
		b.Fatal(err)
	}
	c := newClient(b, srv)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.must("PutAttributes", "DomainName", "bench", "ItemName", "item"+strconv.Itoa(i%1000),
			"Attribute.1.Name", "name", "Attribute.1.Value", "v", "Attribute.1.Replace", "true")
		i++
	}
}
