package s3

import (
	"sync"
	"time"
)

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

// progress serializes a transfer's calls to an OnProgress callback. A nil
// *progress ignores everything, so transfers without a callback pay
// nothing.
type progress struct {
	fn    func(Progress)
	now   func() time.Time
	start time.Time

	mu    sync.Mutex
	done  int64
	total int64
}

func newProgress(fn func(Progress), total int64) *progress {
	if fn == nil {
		return nil
	}
	return &progress{fn: fn, now: time.Now, start: time.Now(), total: total}
}

// add counts n more bytes done and reports. Holding the lock across fn is
// what keeps calls from overlapping and Done from going backwards.
func (p *progress) add(n int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	p.report()
}

// setTotal fixes the total once an upload of unknown length has read
// its end, reporting again if every byte was already done.
func (p *progress) setTotal(total int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.total == total {
		return
	}
	p.total = total
	if p.done == total {
		p.report()
	}
}

func (p *progress) report() {
	el := p.now().Sub(p.start)
	var rate float64
	if el > 0 {
		rate = float64(p.done) / el.Seconds()
	}
	p.fn(Progress{Done: p.done, Total: p.total, Rate: rate, Elapsed: el})
}
