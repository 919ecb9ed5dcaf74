package sdb_test

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/goboto/goboto/sdb"
)

// cannedClient answers every request from memory with a PutAttributes
// answer, after reading the body, as a server would.
type cannedClient struct{}

const cannedAnswer = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
	`<PutAttributesResponse xmlns="http://sdb.amazonaws.com/doc/2009-04-15/"><ResponseMetadata><RequestId>490206ce-8292-456c-a00f-61b335eb202b</RequestId><BoxUsage>0.0000219907</BoxUsage></ResponseMetadata></PutAttributesResponse>`

func (cannedClient) Do(r *http.Request) (*http.Response, error) {
	if _, err := io.Copy(io.Discard, r.Body); err != nil {
		return nil, err
	}
	r.Body.Close()
	return &http.Response{StatusCode: 200, Header: http.Header{}, ContentLength: int64(len(cannedAnswer)),
		Body: io.NopCloser(strings.NewReader(cannedAnswer))}, nil
}

// BenchmarkPutAttributesClient is BenchmarkPutAttributes without the
// network and the fake: both sides send through an HTTP client that
// answers from memory, so the difference is goboto's own work per call
// (validation, encoding, signing, building the request, decoding the
// answer) over a bare pre-signed POST's. It reports both per call
// (goboto_ns/call, raw_ns/call), and goboto's allocations per call over
// the bare POST's (goboto_allocs/call, raw_allocs/call).
func BenchmarkPutAttributesClient(b *testing.B) {
	cfg := aws.Config{Region: "us-east-1", HTTPClient: cannedClient{},
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""),
		BaseEndpoint: aws.String("http://127.0.0.1:1")}
	dom := sdb.New(cfg).Domain("bench")
	ctx := context.Background()
	i := 0
	put := func() {
		if err := dom.Put(ctx, "item"+strconv.Itoa(i%benchItems), benchAttrs, sdb.Replace()); err != nil {
			b.Fatal(err)
		}
		i++
	}
	sideBySide(b, put, rawPut(b, cfg))
}
