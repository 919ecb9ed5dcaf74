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
	failed := map[int]bool{}
	var be *BatchError
	switch {
	case errors.As(err, &be):
		for _, f := range be.Failed {
			failed[f.Index] = true
		}
	case err != nil:
		for i := range due {
			failed[i] = true
		}
	}
	extended, lost := 0, 0
	c.mu.Lock()
	for i, m := range due {
		if _, still := c.held[m]; !still {
			// Deleted or released meanwhile: nothing to keep alive.
			continue
		}
		if failed[i] {
			lost++
			continue
		}
		c.held[m] = now
		extended++
	}
	c.mu.Unlock()
	if lost > 0 {
		c.event(Event{Kind: EventError, Op: "ChangeMessageVisibilityBatch", N: lost, Err: err})
	}
	if extended > 0 {
		c.stats.extended.Add(int64(extended))
		c.event(Event{Kind: EventExtended, N: extended})
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
		failed := map[*Message]bool{}
		var retry []*Message
		var be *BatchError
		switch {
		case errors.As(err, &be):
			for _, f := range be.Failed {
				m := batch[f.Index]
				failed[m] = true
				if !f.SenderFault {
					retry = append(retry, m)
				}
			}
		case err != nil:
			for _, m := range batch {
				failed[m] = true
			}
			retry = batch
		}
		var settled []*Message
		deleted := 0
		for _, m := range batch {
			if !failed[m] {
				settled = append(settled, m)
				deleted++
			}
		}
		last := try == 3 || c.hard.Err() != nil
		if last {
			retry = nil
		}
		for m := range failed {
			if !slices.Contains(retry, m) {
				settled = append(settled, m)
			}
		}
		c.forget(settled...)
		if deleted > 0 {
			c.stats.deleted.Add(int64(deleted))
			c.event(Event{Kind: EventDeleted, N: deleted})
		}
		if gaveUp := len(failed) - len(retry); gaveUp > 0 {
			c.event(Event{Kind: EventError, Op: "DeleteMessageBatch", N: gaveUp, Err: err})
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
