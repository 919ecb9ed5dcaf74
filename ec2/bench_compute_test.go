package ec2_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

// launchMany launches n instances in the fake, in launches of up to 500.
func launchMany(b *testing.B, conn *ec2.Conn, n int) {
	b.Helper()
	for n > 0 {
		c := min(n, 500)
		if _, err := conn.RunInstances(context.Background(), ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, Count: c}); err != nil {
			b.Fatal(err)
		}
		n -= c
	}
}

// BenchmarkInstancesIterate walks 10,000 instances in pages of 1000
// through Conn.Instances, and reports time and allocations per instance:
// the fake's rendering, the SDK's XML decoding and goboto's handles. In
// the same loop it walks the same pages with the raw aws-sdk-go-v2
// paginator, and reports goboto's allocations and time as multiples of
// that baseline (x_raw_allocs, x_raw_time): what goboto's handles and
// iterator add.
func BenchmarkInstancesIterate(b *testing.B) {
	srv := ec2test.Start(b)
	conn := ec2.New(srv.Config(""))
	const total = 10000
	launchMany(b, conn, total)
	ctx := context.Background()
	raw := conn.Client()

	var ourAllocs, rawAllocs uint64
	var ourTime, rawTime time.Duration
	var ms runtime.MemStats
	mallocs := func() uint64 { runtime.ReadMemStats(&ms); return ms.Mallocs }
	walks := 0
	for b.Loop() {
		a0, t0 := mallocs(), time.Now()
		n := 0
		for _, err := range conn.Instances(ctx, nil, ec2.PageSize(1000)) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		a1, t1 := mallocs(), time.Now()
		if n != total {
			b.Fatalf("%d instances; want %d", n, total)
		}
		m := 0
		p := awsec2.NewDescribeInstancesPaginator(raw, &awsec2.DescribeInstancesInput{MaxResults: aws.Int32(1000)})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range out.Reservations {
				m += len(r.Instances)
			}
		}
		a2, t2 := mallocs(), time.Now()
		if m != total {
			b.Fatalf("raw walk: %d instances; want %d", m, total)
		}
		ourAllocs += a1 - a0
		rawAllocs += a2 - a1
		ourTime += t1.Sub(t0)
		rawTime += t2.Sub(t1)
		walks++
	}
	b.ReportMetric(float64(ourAllocs)/float64(walks*total), "allocs/instance")
	b.ReportMetric(float64(ourTime.Nanoseconds())/float64(walks*total), "ns/instance")
	b.ReportMetric(float64(ourAllocs)/float64(rawAllocs), "x_raw_allocs")
	b.ReportMetric(float64(ourTime)/float64(rawTime), "x_raw_time")
}

// BenchmarkDescribeInstances compares one page of 50 instances read
// through goboto (Conn.Instances, making handles) with the same call on
// the raw aws-sdk-go-v2 client, interleaved in the same loop so that
// machine noise hits both alike, and reports goboto's time and
// allocations as multiples of the raw call's (x_raw_time, x_raw_allocs;
// issue 16's target is at most 1.05 for both).
func BenchmarkDescribeInstances(b *testing.B) {
	srv := ec2test.Start(b)
	conn := ec2.New(srv.Config(""))
	launchMany(b, conn, 50)
	raw := conn.Client()
	ctx := context.Background()
	var ours, theirs time.Duration
	var ourAllocs, rawAllocs uint64
	var ms runtime.MemStats
	mallocs := func() uint64 { runtime.ReadMemStats(&ms); return ms.Mallocs }
	for b.Loop() {
		a0, t0 := mallocs(), time.Now()
		n := 0
		for _, err := range conn.Instances(ctx, nil) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		a1, t1 := mallocs(), time.Now()
		out, err := raw.DescribeInstances(ctx, &awsec2.DescribeInstancesInput{})
		if err != nil {
			b.Fatal(err)
		}
		m := 0
		for _, r := range out.Reservations {
			m += len(r.Instances)
		}
		a2, t2 := mallocs(), time.Now()
		if n != 50 || m != 50 {
			b.Fatalf("goboto %d, raw %d instances; want 50", n, m)
		}
		ours += t1.Sub(t0)
		theirs += t2.Sub(t1)
		ourAllocs += a1 - a0
		rawAllocs += a2 - a1
	}
	b.ReportMetric(float64(ours)/float64(theirs), "x_raw_time")
	b.ReportMetric(float64(ourAllocs)/float64(rawAllocs), "x_raw_allocs")
}
