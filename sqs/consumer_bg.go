package sqs

import (
	"errors"
	"slices"
	"sync"
	"time"
)

// startBackground starts the heartbeat and, when asked for, the
// progress reports; endBackground stops them.
func (c *consumer) startBackground(wg *sync.WaitGroup) {
	done := make(chan struct{})
	c.bgDone = done
	wg.Add(1)
	go func() { defer wg.Done(); c.heartbeat(done) }()
	if c.o.Progress != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(c.o.ProgressInterval)
			defer t.Stop()
			for {
				select {
				case <-done:
					return
				case <-t.C:
					c.o.Progress(c.Stats())
				}
			}
		}()
	}
}

func (c *consumer) endBackground() { close(c.bgDone) }

// heartbeat hides again, every Heartbeat, the held messages hidden a
// Heartbeat or more ago, so a slow handler keeps its message.
func (c *consumer) heartbeat(done <-chan struct{}) {
	t := time.NewTicker(c.o.Heartbeat)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case now := <-t.C:
			c.mu.Lock()
			var due []*Message
			for m, at := range c.held {
				if now.Sub(at) >= c.o.Heartbeat {
					due = append(due, m)
				}
			}
			c.mu.Unlock()
			if len(due) > 0 {
				c.extend(due, now)
			}
		}
	}
}

func (c *consumer) extend(due []*Message, now time.Time) {
	err := c.q.ChangeVisibilityBatch(c.hard, due, c.o.VisibilityTimeout)
	ok, failed := splitBatch(due, err)
	var extended, lost []*Message
	c.mu.Lock()
	for _, m := range ok {
		// One deleted or released meanwhile needs no keeping alive.
		if _, still := c.held[m]; still {
			c.held[m] = now
			extended = append(extended, m)
		}
	}
	for _, m := range failed {
		if _, still := c.held[m]; still {
			lost = append(lost, m)
		}
	}
	c.mu.Unlock()
	if len(lost) > 0 {
		c.event(Event{Kind: EventError, Op: "ChangeMessageVisibilityBatch", Messages: lost, Err: err})
	}
	if len(extended) > 0 {
		c.stats.extended.Add(int64(len(extended)))
		c.event(Event{Kind: EventExtended, Messages: extended})
	}
}

// deleteAcks deletes acked messages in batches of up to 10, each batch
// sent when full or AckDelay after its first ack, until acks is closed
// and every batch is done.
func (c *consumer) deleteAcks() {
	var flushes sync.WaitGroup
	defer flushes.Wait()
	limit := make(chan struct{}, max(2, c.o.Workers/MaxBatchEntries))
	flush := func(batch []*Message) {
		limit <- struct{}{}
		flushes.Add(1)
		go func() {
			defer flushes.Done()
			defer func() { <-limit }()
			c.deleteBatch(batch)
		}()
	}
	var pending []*Message
	var due <-chan time.Time
	for {
		select {
		case m, ok := <-c.acks:
			if !ok {
				for len(pending) > 0 {
					n := min(len(pending), MaxBatchEntries)
					flush(pending[:n:n])
					pending = pending[n:]
				}
				return
			}
			pending = append(pending, m)
			if len(pending) == 1 {
				due = time.After(c.o.AckDelay)
			}
			if len(pending) == MaxBatchEntries {
				flush(pending)
				pending, due = nil, nil
			}
		case <-due:
			flush(pending)
			pending, due = nil, nil
		}
	}
}

// deleteBatch deletes acked messages, trying those that failed for
// reasons of SQS's or the network's twice more. A message not deleted
// in the end comes back after its visibility timeout.
func (c *consumer) deleteBatch(batch []*Message) {
	pause := 100 * time.Millisecond
	for try := 1; ; try++ {
		err := c.q.DeleteBatch(c.hard, batch)
		deleted, failed := splitBatch(batch, err)
		var retry, gaveUp []*Message
		var be *BatchError
		errors.As(err, &be)
		for i, m := range batch {
			if !slices.Contains(failed, m) {
				continue
			}
			// Only SQS's or the network's failures are worth another
			// try; SenderFault ones would fail again.
			again := be == nil || !senderFault(be, i)
			if again && try < 3 && c.hard.Err() == nil {
				retry = append(retry, m)
			} else {
				gaveUp = append(gaveUp, m)
			}
		}
		c.forget(deleted...)
		c.forget(gaveUp...)
		if len(deleted) > 0 {
			c.stats.deleted.Add(int64(len(deleted)))
			c.event(Event{Kind: EventDeleted, Messages: deleted})
		}
		if len(gaveUp) > 0 {
			c.event(Event{Kind: EventError, Op: "DeleteMessageBatch", Messages: gaveUp, Err: err})
		}
		if len(retry) == 0 {
			return
		}
		select {
		case <-time.After(pause):
		case <-c.hard.Done():
		}
		pause *= 2
		batch = retry
	}
}

func senderFault(be *BatchError, index int) bool {
	for _, f := range be.Failed {
		if f.Index == index {
			return f.SenderFault
		}
	}
	return false
}
