package regions_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/goboto/goboto/regions"
)

// answerAfter stands in for one region's API call: it answers after d, or
// gives up when ctx is done.
func answerAfter(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// BenchmarkServiceSet30Regions maps over 30 regions that each answer after
// 50 ms. It reports the wall time of one Map as a multiple of its slowest
// region (x_slowest; the goal is at most 1.2), and a sequential loop over
// the same calls, boto's way, in the same unit (seq_x_slowest) and as a
// speed-up (x_speedup).
func BenchmarkServiceSet30Regions(b *testing.B) {
	const latency = 50 * time.Millisecond
	set, err := regions.NewServiceSet(awsConfig(), "test", newConn, regions.WithRegions(regionNames(30)...))
	if err != nil {
		b.Fatal(err)
	}
	ctx := b.Context()
	var mu sync.Mutex
	var slowest time.Duration // this Map's slowest region
	fn := func(ctx context.Context, region string, c *conn) (struct{}, error) {
		start := time.Now()
		err := answerAfter(ctx, latency)
		d := time.Since(start)
		mu.Lock()
		slowest = max(slowest, d)
		mu.Unlock()
		return struct{}{}, err
	}

	// One sequential pass, outside the timed loop: 30 x 50 ms.
	b.StopTimer()
	seqStart := time.Now()
	var seqSlowest time.Duration
	for _, r := range set.Regions() {
		c, _ := set.Conn(r)
		start := time.Now()
		if _, err := fn(ctx, r, c); err != nil {
			b.Fatal(err)
		}
		seqSlowest = max(seqSlowest, time.Since(start))
	}
	seqWall := time.Since(seqStart)
	b.StartTimer()

	var wall, slowSum time.Duration
	for b.Loop() {
		slowest = 0
		start := time.Now()
		if err := regions.Map(ctx, set, fn).Err(); err != nil {
			b.Fatal(err)
		}
		wall += time.Since(start)
		slowSum += slowest
	}
	b.ReportMetric(float64(wall)/float64(slowSum), "x_slowest")
	b.ReportMetric(float64(seqWall)/float64(seqSlowest), "seq_x_slowest")
	b.ReportMetric(float64(seqWall)/(float64(wall)/float64(b.N)), "x_speedup")
}

// BenchmarkNewCatalog is the cost of one catalog, paid by every
// NewServiceSet without WithCatalog and by anyone asking a fresh catalog
// where a service is offered.
func BenchmarkNewCatalog(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := regions.NewCatalog().Hostname(regions.SDB, "eu-west-1"); !ok {
			b.Fatal("no sdb in eu-west-1")
		}
	}
}
