//go:build unix

package testutil

import (
	"syscall"
	"time"
)

// CPUTime is the CPU time this process has used so far, user and system:
// in a benchmark, the client's and the in-process fake's together. It is
// 0 where getrusage fails, and the ratios built on it then read 0 or NaN
// rather than a figure.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
