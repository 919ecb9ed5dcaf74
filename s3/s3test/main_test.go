package s3test

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestMain gives the test binary a soft memory limit unless GOMEMLIMIT
// sets one. These tests move many megabytes one after another; with Go's
// default pacing, and the race detector's shadow of every heap page, the
// binary's peak RSS would reach several GiB (3.8 GiB for s3test under
// -race) though little is live at once. The limit makes the collector
// run before the heap grows that far, keeping each test binary under the
// 2 GiB CI allows.
func TestMain(m *testing.M) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(768 << 20)
	}
	os.Exit(m.Run())
}
