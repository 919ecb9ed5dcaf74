package testutil

import (
	"testing"
	"time"
)

// Pair is what SideBySide measured: index 0 is goboto's side, 1 the
// baseline's.
type Pair struct {
	Time, CPU [2]time.Duration
	Allocs    [2]uint64
	Calls     int // of each side
}

// SideBySide runs ours and base in turns of block calls each, for as long
// as b asks, swapping which goes first from one turn to the next so that
// a burst of load on a shared machine, and the garbage one side leaves
// for the collector, fall on both alike. It reports ours over base in
// wall time, CPU (the whole process's, so an in-process fake's too) and
// allocations, as x_raw_time, x_raw_cpu and x_raw_allocs, and returns
// the totals for a benchmark's own per-call figures. Each function is
// called once first, untimed, to warm connections.
func SideBySide(b *testing.B, block int, ours, base func()) Pair {
	b.Helper()
	ours()
	base()
	var p Pair
	run := func(k int, fn func()) {
		m0, c0, t0 := Mallocs(), CPUTime(), time.Now()
		for range block {
			fn()
		}
		p.Time[k] += time.Since(t0)
		p.CPU[k] += CPUTime() - c0
		p.Allocs[k] += Mallocs() - m0
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if n%2 == 0 {
			run(0, ours)
			run(1, base)
		} else {
			run(1, base)
			run(0, ours)
		}
		n++
	}
	p.Calls = n * block
	if p.Time[1] > 0 {
		b.ReportMetric(float64(p.Time[0])/float64(p.Time[1]), "x_raw_time")
	}
	if p.CPU[1] > 0 {
		b.ReportMetric(float64(p.CPU[0])/float64(p.CPU[1]), "x_raw_cpu")
	}
	if p.Allocs[1] > 0 {
		b.ReportMetric(float64(p.Allocs[0])/float64(p.Allocs[1]), "x_raw_allocs")
	}
	return p
}
