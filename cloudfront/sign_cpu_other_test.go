//go:build !unix

package cloudfront_test

import "time"

// cpuTime has no portable source off unix; the ratio benchmark then
// reports zeros.
func cpuTime() time.Duration { return 0 }
