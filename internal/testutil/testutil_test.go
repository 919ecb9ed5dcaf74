package testutil

import (
	"bytes"
	"io"
	"runtime"
	"testing"
	"time"
)

// A pattern has exactly n bytes, the same ones however it is read, and a
// different seed gives different bytes.
func TestPattern(t *testing.T) {
	const n = 100_003
	whole, err := io.ReadAll(Pattern(n, 7))
	if err != nil || len(whole) != n {
		t.Fatalf("ReadAll: %d bytes, %v; want %d", len(whole), err, n)
	}
	var small bytes.Buffer
	buf := make([]byte, 13)
	if _, err := io.CopyBuffer(&small, struct{ io.Reader }{Pattern(n, 7)}, buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole, small.Bytes()) {
		t.Error("reads of 13 bytes give other bytes than one big read")
	}
	other, _ := io.ReadAll(Pattern(n, 8))
	if bytes.Equal(whole, other) {
		t.Error("seeds 7 and 8 give the same bytes")
	}
}

func TestHeapAllocs(t *testing.T) {
	before := HeapAllocs()
	b := make([]byte, 4<<20)
	b[len(b)-1] = 1
	if got := HeapAllocs() - before; got < 4<<20 {
		t.Errorf("a 4 MiB allocation counted as %d bytes", got)
	}
}

func TestCPUTimeAdvances(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no getrusage here")
	}
	t0 := CPUTime()
	deadline := time.Now().Add(2 * time.Second)
	x := 0
	for CPUTime() == t0 && time.Now().Before(deadline) {
		x++ // spin: CPU time must grow
	}
	if CPUTime() <= t0 {
		t.Fatalf("CPU time stayed at %v after spinning %d times", t0, x)
	}
}

// SideBySide calls both sides equally often, and the side that does more
// work shows it in the totals.
func TestSideBySide(t *testing.T) {
	var ours, base int
	var keep [][]byte
	res := testing.Benchmark(func(b *testing.B) {
		ours, base = 0, 0
		p := SideBySide(b, 3, func() {
			ours++
			keep = append(keep[:0], make([]byte, 1<<20)) // allocates; base does not
			time.Sleep(200 * time.Microsecond)
		}, func() { base++ })
		if p.Calls != ours-1 || p.Calls != base-1 {
			t.Errorf("Calls %d; ours ran %d times, base %d (one warm-up each)", p.Calls, ours, base)
		}
		if p.Allocs[0] <= p.Allocs[1] || p.Time[0] <= p.Time[1] {
			t.Errorf("ours allocated %d and took %v, base %d and %v: want ours more in both", p.Allocs[0], p.Time[0], p.Allocs[1], p.Time[1])
		}
	})
	if res.N == 0 || ours != base {
		t.Fatalf("N %d, ours %d calls, base %d", res.N, ours, base)
	}
	if _, ok := res.Extra["x_raw_time"]; !ok {
		t.Errorf("no x_raw_time metric in %v", res.Extra)
	}
}
