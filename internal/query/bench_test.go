package query

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

type answerFunc func(*http.Request) (*http.Response, error)

func (f answerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// BenchmarkDo is one PutAttributes through the client with no network:
// the HTTP client reads the body and answers from memory, so all that is
// measured is the client's own work (parameters, signing, request,
// decoding), what sdb's BenchmarkPutAttributes adds over a bare POST.
func BenchmarkDo(b *testing.B) {
	const answer = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<PutAttributesResponse xmlns="http://sdb.amazonaws.com/doc/2009-04-15/"><ResponseMetadata><RequestId>490206ce-8292-456c-a00f-61b335eb202b</RequestId><BoxUsage>0.0000219907</BoxUsage></ResponseMetadata></PutAttributesResponse>`
	hc := answerFunc(func(r *http.Request) (*http.Response, error) {
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			return nil, err
		}
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(answer))}, nil
	})
	c := New(Client{Service: "SimpleDB", Version: "2009-04-15", Endpoint: "http://127.0.0.1:1", Host: "sdb.amazonaws.com", Credentials: staticCreds(""), HTTPClient: hc})
	params := url.Values{"DomainName": {"bench"}, "ItemName": {"item0"}}
	for i, v := range []string{"Ursula K. Le Guin", "sf", "classic", "hugo", "The Left Hand of Darkness", "1969"} {
		n := strconv.Itoa(i + 1)
		params.Set("Attribute."+n+".Name", "name"+n)
		params.Set("Attribute."+n+".Value", v)
		params.Set("Attribute."+n+".Replace", "true")
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Do(ctx, "PutAttributes", params, nil); err != nil {
			b.Fatal(err)
		}
	}
}
