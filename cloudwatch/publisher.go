package cloudwatch

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goboto/goboto"
)

// PublisherOptions are the settings of Conn.NewPublisher.
type PublisherOptions struct {
	// Namespace is where every datapoint goes: 1-255 bytes, not "AWS/...".
	Namespace string
	// Period is how much time one statistic set covers: datapoints of the
	// same metric, unit and resolution whose timestamps fall in one
	// period are sent as one set. Whole seconds, 1 second to 1 hour; 0
	// means a minute, CloudWatch's standard resolution.
	Period time.Duration
	// FlushInterval is the longest a datapoint waits before it is sent;
	// 0 means Period.
	FlushInterval time.Duration
	// MaxBuffered is how many statistic sets make a flush at once; 0
	// means 1,000, one PutMetricData's worth.
	MaxBuffered int
	// MaxAttempts is how many times the Publisher sends a batch whose
	// request failed in a way worth retrying (throttling, a server
	// error, a broken connection), each after the connection's own
	// retries; 0 means 3.
	MaxAttempts int
	// Backoff is the wait before the second attempt, doubled for each
	// further one; 0 means a second.
	Backoff time.Duration
	// OnError receives every statistic set the Publisher gives up on,
	// with the error that stopped it. It is called from the Publisher's
	// goroutine, or from Close, one call at a time. Nil leaves Close's
	// error and Stats as the only report.
	OnError func(err error, undelivered []Datum)
}

// PublisherStats counts datapoints (each Value one, each Values entry
// its count, each statistic set its SampleCount) through a Publisher.
type PublisherStats struct {
	Added       float64 // taken by Add
	Delivered   float64 // sent and acknowledged by CloudWatch
	Undelivered float64 // given up on, and reported to OnError
}

// Publisher buffers datapoints and sends them as statistic sets, one per
// metric (name, dimensions, unit, resolution) and period, so a thousand
// datapoints of one metric in a minute cost one datum of one request.
// It flushes when MaxBuffered sets are waiting and every FlushInterval;
// Close flushes what is left. A batch that fails is retried
// (MaxAttempts), and what cannot be delivered goes to OnError and is
// counted in Stats: nothing is dropped silently.
//
// Statistic sets carry no values, so CloudWatch computes no percentiles
// of published data; send Values with PutMetricData for those. A request
// whose answer was lost may have been stored by CloudWatch and still be
// reported undelivered.
//
// A Publisher is safe for concurrent use. Its goroutine runs until
// Close.
type Publisher struct {
	conn *Conn
	o    PublisherOptions

	mu      sync.Mutex
	pending map[string]*aggregate
	closed  bool
	adding  sync.WaitGroup // Adds handing a full buffer to the sender
	stats   PublisherStats
	lastErr error

	batches chan []Datum
	stop    chan struct{}
	done    chan struct{}
	// ctx is the sends' context, cancelled when Close's context ends so
	// that what is still under way is reported rather than waited for.
	ctx    context.Context
	cancel context.CancelFunc
}

// aggregate is one statistic set being built.
type aggregate struct {
	d   Datum
	set StatisticSet
}

// NewPublisher starts a Publisher sending to o.Namespace. It checks the
// options, and sends nothing until datapoints are added.
func (c *Conn) NewPublisher(o PublisherOptions) (*Publisher, error) {
	if _, err := c.api(); err != nil {
		return nil, err
	}
	if err := ValidNamespace(o.Namespace); err != nil {
		return nil, err
	}
	if o.Period == 0 {
		o.Period = time.Minute
	}
	if o.Period < time.Second || o.Period > time.Hour || o.Period%time.Second != 0 {
		return nil, goboto.Invalid("Period", o.Period.String(), "must be whole seconds from 1 second to 1 hour")
	}
	if o.FlushInterval == 0 {
		o.FlushInterval = o.Period
	}
	if o.FlushInterval < 0 {
		return nil, goboto.Invalid("FlushInterval", o.FlushInterval.String(), "must not be negative")
	}
	switch {
	case o.MaxBuffered == 0:
		o.MaxBuffered = MaxMetricData
	case o.MaxBuffered < 0:
		return nil, goboto.Invalid("MaxBuffered", strconv.Itoa(o.MaxBuffered), "must not be negative")
	}
	switch {
	case o.MaxAttempts == 0:
		o.MaxAttempts = 3
	case o.MaxAttempts < 0:
		return nil, goboto.Invalid("MaxAttempts", strconv.Itoa(o.MaxAttempts), "must not be negative")
	}
	if o.Backoff == 0 {
		o.Backoff = time.Second
	}
	p := &Publisher{conn: c, o: o, pending: map[string]*aggregate{},
		batches: make(chan []Datum), stop: make(chan struct{}), done: make(chan struct{})}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	go p.run()
	return p, nil
}

// Add buffers d: its Value, Values (with Counts) or Statistics join the
// statistic set of its metric and period. d is checked as PutMetricData
// checks it, and refused with a *goboto.ValidationError. A zero
// Timestamp means now. When the buffer is full, Add waits for the
// batch before to be handed on.
func (p *Publisher) Add(d Datum) error {
	if p == nil || p.conn == nil {
		return goboto.Invalid("Publisher", "", "is not set up: make it with Conn.NewPublisher")
	}
	now := time.Now()
	if d.Timestamp.IsZero() {
		d.Timestamp = now
	}
	if err := d.check("Datum", now); err != nil {
		return err
	}
	set, ok := setOf(&d)
	if !ok {
		return nil // all counts zero: no datapoint
	}
	at := d.Timestamp.Truncate(p.o.Period)
	key := aggregateKey(&d, at)
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return goboto.Invalid("Publisher", "", "is closed")
	}
	p.stats.Added += set.SampleCount
	if a := p.pending[key]; a != nil {
		a.set = merge(a.set, set)
	} else {
		p.pending[key] = &aggregate{d: Datum{Name: d.Name, Dimensions: cloneDims(d.Dimensions), Timestamp: at,
			Unit: d.Unit, Resolution: d.Resolution}, set: set}
	}
	if len(p.pending) < p.o.MaxBuffered {
		p.mu.Unlock()
		return nil
	}
	batch := p.takeLocked()
	p.adding.Add(1)
	p.mu.Unlock()
	defer p.adding.Done()
	p.batches <- batch
	return nil
}

// Flush hands everything buffered to the sender now and waits for it to
// be sent or reported, or for ctx.
func (p *Publisher) Flush(ctx context.Context) error {
	if p == nil || p.conn == nil {
		return goboto.Invalid("Publisher", "", "is not set up: make it with Conn.NewPublisher")
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return goboto.Invalid("Publisher", "", "is closed")
	}
	batch := p.takeLocked()
	p.adding.Add(1)
	p.mu.Unlock()
	defer p.adding.Done()
	if batch != nil {
		select {
		case p.batches <- batch:
		case <-ctx.Done():
			// Not handed on: back into the buffer, not lost.
			p.requeue(batch)
			return ctx.Err()
		}
	}
	// The sender takes batches one at a time, in order: when it takes an
	// empty one, every batch before it has been sent or reported.
	select {
	case p.batches <- nil:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close stops the Publisher: it sends what is buffered, waiting for the
// sends up to ctx (what ctx cuts short is reported undelivered), and
// returns an error when any datapoint of the Publisher's life was not
// delivered. Add after Close is refused.
func (p *Publisher) Close(ctx context.Context) error {
	if p == nil || p.conn == nil {
		return goboto.Invalid("Publisher", "", "is not set up: make it with Conn.NewPublisher")
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		<-p.done
		return p.closeErr()
	}
	p.closed = true
	p.mu.Unlock()
	stopAfter := context.AfterFunc(ctx, p.cancel)
	defer stopAfter()
	p.adding.Wait()
	close(p.stop)
	<-p.done
	p.cancel()
	return p.closeErr()
}

func (p *Publisher) closeErr() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stats.Undelivered == 0 {
		return nil
	}
	return fmt.Errorf("cloudwatch: Publisher: %g of %g datapoints not delivered: %w", p.stats.Undelivered, p.stats.Added, p.lastErr)
}

// Stats returns the Publisher's counts so far.
func (p *Publisher) Stats() PublisherStats {
	if p == nil {
		return PublisherStats{}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats
}

// run is the Publisher's goroutine: it sends batches Add and Flush hand
// it, the buffer every FlushInterval, and what is left at Close.
func (p *Publisher) run() {
	defer close(p.done)
	tick := time.NewTicker(p.o.FlushInterval)
	defer tick.Stop()
	ctx := p.ctx
	for {
		select {
		case b := <-p.batches:
			p.send(ctx, b)
		case <-tick.C:
			p.mu.Lock()
			b := p.takeLocked()
			p.mu.Unlock()
			p.send(ctx, b)
		case <-p.stop:
			p.mu.Lock()
			b := p.takeLocked()
			p.mu.Unlock()
			p.send(ctx, b)
			return
		}
	}
}

// takeLocked empties the buffer into a batch in time order, or nil.
func (p *Publisher) takeLocked() []Datum {
	if len(p.pending) == 0 {
		return nil
	}
	batch := make([]Datum, 0, len(p.pending))
	for _, a := range p.pending {
		d := a.d
		set := a.set
		d.Statistics = &set
		batch = append(batch, d)
	}
	clear(p.pending)
	slices.SortFunc(batch, func(a, b Datum) int {
		if c := a.Timestamp.Compare(b.Timestamp); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return batch
}

// requeue puts a batch that was not handed on back into the buffer.
func (p *Publisher) requeue(batch []Datum) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range batch {
		d := batch[i]
		set := *d.Statistics
		d.Statistics = nil
		key := aggregateKey(&d, d.Timestamp)
		if a := p.pending[key]; a != nil {
			a.set = merge(a.set, set)
		} else {
			p.pending[key] = &aggregate{d: d, set: set}
		}
	}
}

// send delivers a batch, retrying what failed in a way worth retrying,
// and reports the rest.
func (p *Publisher) send(ctx context.Context, batch []Datum) {
	backoff := p.o.Backoff
	for attempt := 1; len(batch) > 0; attempt++ {
		var err error
		if err = ctx.Err(); err == nil {
			err = p.conn.PutMetricData(ctx, p.o.Namespace, batch)
		}
		sent := len(batch)
		var pe *PutError
		if errors.As(err, &pe) {
			sent = pe.Sent
		} else if err != nil {
			sent = 0
		}
		p.delivered(batch[:sent])
		batch = batch[sent:]
		if err == nil {
			return
		}
		if attempt >= p.o.MaxAttempts || !retryable(err) || !sleep(ctx, backoff) {
			p.report(err, batch)
			return
		}
		backoff *= 2
	}
}

func (p *Publisher) delivered(batch []Datum) {
	n := 0.0
	for i := range batch {
		n += batch[i].Statistics.SampleCount
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stats.Delivered += n
}

func (p *Publisher) report(err error, batch []Datum) {
	n := 0.0
	for i := range batch {
		n += batch[i].Statistics.SampleCount
	}
	p.mu.Lock()
	p.stats.Undelivered += n
	p.lastErr = err
	p.mu.Unlock()
	if p.o.OnError != nil {
		p.o.OnError(err, batch)
	}
}

// retryable reports whether a failed PutMetricData may succeed if sent
// again: throttling, a server error, or no answer at all (a broken
// connection), but not input CloudWatch refused or a cancelled context.
func retryable(err error) bool {
	var ve *goboto.ValidationError
	var ae *goboto.APIError
	switch {
	case errors.As(err, &ve), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false
	case errors.As(err, &ae):
		return goboto.IsThrottled(err) || ae.StatusCode >= 500 || ae.StatusCode == 0
	}
	return true
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// setOf is d's datapoints as a statistic set; false when it has none
// (Values whose counts are all zero).
func setOf(d *Datum) (StatisticSet, bool) {
	switch {
	case d.Statistics != nil:
		return *d.Statistics, true
	case d.Values != nil:
		s := StatisticSet{Minimum: math.Inf(1), Maximum: math.Inf(-1)}
		for i, v := range d.Values {
			c := 1.0
			if d.Counts != nil {
				c = d.Counts[i]
			}
			if c == 0 {
				continue
			}
			s.SampleCount += c
			s.Sum += v * c
			s.Minimum, s.Maximum = math.Min(s.Minimum, v), math.Max(s.Maximum, v)
		}
		return s, s.SampleCount > 0
	}
	return StatisticSet{SampleCount: 1, Sum: d.Value, Minimum: d.Value, Maximum: d.Value}, true
}

func merge(a, b StatisticSet) StatisticSet {
	return StatisticSet{SampleCount: a.SampleCount + b.SampleCount, Sum: a.Sum + b.Sum,
		Minimum: math.Min(a.Minimum, b.Minimum), Maximum: math.Max(a.Maximum, b.Maximum)}
}

// aggregateKey identifies a statistic set: the metric, unit, resolution
// and period start.
func aggregateKey(d *Datum, at time.Time) string {
	var b strings.Builder
	b.WriteString(d.Name)
	for _, name := range sortedNames(d.Dimensions) {
		b.WriteByte(0)
		b.WriteString(name)
		b.WriteByte(1)
		b.WriteString(d.Dimensions[name])
	}
	b.WriteByte(0)
	b.WriteString(string(d.Unit))
	b.WriteByte(0)
	b.WriteString(strconv.FormatInt(int64(d.Resolution), 10))
	b.WriteByte(0)
	b.WriteString(strconv.FormatInt(at.UnixNano(), 10))
	return b.String()
}

func cloneDims(d Dimensions) Dimensions {
	if d == nil {
		return nil
	}
	out := make(Dimensions, len(d))
	for k, v := range d {
		out[k] = v
	}
	return out
}
