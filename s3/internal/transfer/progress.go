package transfer

import (
	"sync"
	"time"
)

// Progress is a snapshot of a transfer; package s3 exports the same
// struct.
type Progress struct {
	Done    int64
	Total   int64 // -1 while unknown
	Rate    float64
	Elapsed time.Duration
}

// Meter serializes a transfer's calls to a progress callback. A nil
// *Meter ignores everything, so transfers without a callback pay
// nothing.
type Meter struct {
	fn    func(Progress)
	now   func() time.Time
	start time.Time

	mu    sync.Mutex
	done  int64
	total int64
}

// NewMeter returns a Meter reporting to fn, nil when fn is nil.
func NewMeter(fn func(Progress), total int64) *Meter {
	if fn == nil {
		return nil
	}
	return &Meter{fn: fn, now: time.Now, start: time.Now(), total: total}
}

// Add counts n more bytes done and reports. Holding the lock across fn is
// what keeps calls from overlapping and Done from going backwards.
func (p *Meter) Add(n int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	p.report()
}

// SetTotal fixes the total once an upload of unknown length has read
// its end, reporting again if every byte was already done.
func (p *Meter) SetTotal(total int64) {
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

func (p *Meter) report() {
	el := p.now().Sub(p.start)
	var rate float64
	if el > 0 {
		rate = float64(p.done) / el.Seconds()
	}
	p.fn(Progress{Done: p.done, Total: p.total, Rate: rate, Elapsed: el})
}
