//go:build !unix

package testutil

import "time"

// CPUTime is 0 where getrusage is missing: CPU ratios then read 0 or NaN.
func CPUTime() time.Duration { return 0 }
