package s3

import "time"

// Progress is a snapshot of a transfer, passed to an OnProgress callback.
type Progress struct {
	// Done is how many bytes have been transferred and acknowledged.
	Done int64
	// Total is the size of the transfer, or -1 while it is unknown (an
	// upload from a reader of unknown length).
	Total int64
	// Rate is the average speed so far, in bytes per second.
	Rate float64
	// Elapsed is the time since the transfer started.
	Elapsed time.Duration
}

// Percent returns Done as a percentage of Total, or -1 when Total is
// unknown.
func (p Progress) Percent() float64 {
	switch {
	case p.Total < 0:
		return -1
	case p.Total == 0:
		return 100
	}
	return 100 * float64(p.Done) / float64(p.Total)
}
