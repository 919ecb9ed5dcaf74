package sdb_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/sigv2"
	"github.com/goboto/goboto/internal/testutil"
	"github.com/goboto/goboto/regions"
	"github.com/goboto/goboto/sdb"
	"github.com/goboto/goboto/sdb/sdbtest"
)

var benchAttrs = sdb.Attributes{
	"title":  {"The Left Hand of Darkness"},
	"author": {"Ursula K. Le Guin"},
	"year":   {"1969"},
	"tags":   {"sf", "classic", "hugo"},
}

// BenchmarkPutAttributes measures one PutAttributes through the whole
// stack: validation, form encoding, SigV2 signing, the HTTP round trip to
// sdbtest over loopback (the fake runs in-process, so its CPU counts too),
// and decoding the answer.
//
// Beside it, in the same loop, it measures a baseline: the same request,
// encoded and signed once beforehand, sent with a bare net/http POST. It
// reports goboto's time, CPU and allocations as multiples of the
// baseline's (x_raw_time, x_raw_cpu, x_raw_allocs): what the client adds
// over the fake and the HTTP stack alone. ns/op is one call of each.
func BenchmarkPutAttributes(b *testing.B) {
	srv := sdbtest.Start(b)
	ctx := context.Background()
	conn := sdb.New(srv.Config(""))
	dom, err := conn.CreateDomain(ctx, "bench")
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	put := func() {
		if err := dom.Put(ctx, "item"+strconv.Itoa(i%benchItems), benchAttrs, sdb.Replace()); err != nil {
			b.Fatal(err)
		}
		i++
	}
	sideBySide(b, put, rawPut(b, srv.Config("")))
}

// sideBySide runs ours and raw side by side (testutil.SideBySide, in
// blocks of 20 calls) and adds each one's time and allocations per call.
func sideBySide(b *testing.B, ours, raw func()) {
	p := testutil.SideBySide(b, 20, ours, raw)
	calls := float64(p.Calls)
	b.ReportMetric(float64(p.Time[0].Nanoseconds())/calls, "goboto_ns/call")
	b.ReportMetric(float64(p.Time[1].Nanoseconds())/calls, "raw_ns/call")
	b.ReportMetric(float64(p.Allocs[1])/calls, "raw_allocs/call")
	b.ReportMetric(float64(p.Allocs[0])/calls, "goboto_allocs/call")
}

// benchItems is how many items the PutAttributes benchmarks write in
// turn, goboto and the bare POST alike, so that the fake does the same
// work for both.
const benchItems = 1000

// rawPut returns a function that posts a pre-signed PutAttributes form,
// one per item of benchItems in turn, as goboto's side of the benchmark
// writes them. The Timestamps inside stay valid for the fake's 15-minute
// window, far longer than a benchmark runs.
func rawPut(b *testing.B, cfg aws.Config) func() {
	creds, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	const host = "sdb.amazonaws.com"
	bodies := make([]string, benchItems)
	for i := range bodies {
		form := url.Values{
			"Action":     {"PutAttributes"},
			"Version":    {"2009-04-15"},
			"DomainName": {"bench"},
			"ItemName":   {"item" + strconv.Itoa(i)},
		}
		n := 1
		for _, name := range benchAttrs.Names() {
			for _, v := range benchAttrs[name] {
				form.Set(fmt.Sprintf("Attribute.%d.Name", n), name)
				form.Set(fmt.Sprintf("Attribute.%d.Value", n), v)
				form.Set(fmt.Sprintf("Attribute.%d.Replace", n), "true")
				n++
			}
		}
		sigv2.Sign(form, "POST", host, "/", sigv2.Credentials{AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey}, time.Now())
		bodies[i] = form.Encode()
	}
	// The same HTTP client goboto is given, so that only the client's own
	// work differs.
	client := cfg.HTTPClient
	i := 0
	return func() {
		req, _ := http.NewRequest("POST", *cfg.BaseEndpoint+"/", strings.NewReader(bodies[i%benchItems]))
		i++
		req.Host = host
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

// BenchmarkServiceSetSDB30Regions runs ListDomains through the real sdb
// client in 30 fake regions at once, each made to answer 50 ms late by a
// latency fault. In the same run it times one region alone through the
// same stack (the slowest region's wall time) and reports the fan-out's
// wall time as a multiple of it (x_slowest; the goal is at most 1.2; one
// after another it would be 30).
func BenchmarkServiceSetSDB30Regions(b *testing.B) {
	srv := sdbtest.Start(b)
	srv.Faults().Add(fakes.Fault{Service: "sdb", Kind: fakes.Latency, Delay: 50 * time.Millisecond})
	names := make([]string, 30)
	for i := range names {
		names[i] = fmt.Sprintf("us-bench-%d", i+1) // region-shaped: goboto refuses names outside AWS's partitions
	}
	newConn := func(c aws.Config) *sdb.Conn { return sdb.New(c, goboto.WithRetry(1, 0)) }
	set, err := regions.NewServiceSet(srv.Config(""), regions.SDB, newConn, regions.WithRegions(names...), regions.WithConcurrency(30))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	list := func(ctx context.Context, region string, c *sdb.Conn) (int, error) {
		ds, err := goboto.Collect(c.Domains(ctx))
		return len(ds), err
	}

	// The baseline: one region, same client, same fake, same latency.
	one, _ := set.Conn(names[0])
	const warm = 5
	var single time.Duration
	for i := 0; i < warm; i++ {
		t0 := time.Now()
		if _, err := list(ctx, names[0], one); err != nil {
			b.Fatal(err)
		}
		if d := time.Since(t0); single == 0 || d < single {
			single = d
		}
	}

	n := 0
	start := time.Now()
	for b.Loop() {
		if err := regions.Map(ctx, set, list).Err(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	perOp := time.Since(start) / time.Duration(n)
	b.ReportMetric(float64(perOp)/float64(single), "x_slowest")
	b.ReportMetric(float64(single.Milliseconds()), "single_ms")
}

// BenchmarkSDBNew is the cost of one connection: no I/O, so what it costs
// is ours (options, the endpoint chain, the hostname lookup).
func BenchmarkSDBNew(b *testing.B) {
	cfg := aws.Config{Region: "eu-west-1", Credentials: aws.AnonymousCredentials{}}
	b.ReportAllocs()
	for b.Loop() {
		if c := sdb.New(cfg); c.Region() != "eu-west-1" {
			b.Fatal(c.Region())
		}
	}
}
