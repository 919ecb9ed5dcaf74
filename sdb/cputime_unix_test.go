//go:build unix

package sdb_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used, user and system: the
// client's and the in-process fake's together.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
