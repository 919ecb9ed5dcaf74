package s3test

import (
	"os"
	"syscall"
)

// preallocate reserves n bytes of blocks for f and extends it to n bytes
// (fallocate(2), mode 0). On ext4 this spares the per-block delayed
// allocation each buffered write would otherwise do.
func preallocate(f *os.File, n int64) error {
	sc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := sc.Control(func(fd uintptr) { ferr = syscall.Fallocate(int(fd), 0, 0, n) }); err != nil {
		return err
	}
	return ferr
}
