package sqstest

// CreateQueue makes a standard queue with the default attributes in
// account and region, for seeding; it is a no-op when the queue exists.
func (b *Backend) CreateQueue(account, region, name string) error {
	if !validName.MatchString(name) {
		return errInvalidValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
	}
	reg := b.regions.Get(account, region)
	reg.mu.Lock()
	defer reg.mu.Unlock()
	if _, ok := reg.queues[name]; ok {
		return nil
	}
	reg.queues[name] = newQueue(region, account, name, false, b.clock())
	return nil
}

// Counts returns how many messages of a queue are visible, in flight and
// delayed on the server's clock, and false when there is no such queue.
func (b *Backend) Counts(account, region, name string) (visible, inFlight, delayed int, ok bool) {
	reg, found := b.regions.Lookup(account, region)
	if !found {
		return 0, 0, 0, false
	}
	reg.mu.Lock()
	defer reg.mu.Unlock()
	q, found := reg.queues[name]
	if !found {
		return 0, 0, 0, false
	}
	now := b.clock()
	b.advance(reg, account, region, now)
	q.expire(now)
	visible, inFlight, delayed = q.counts(now)
	return visible, inFlight, delayed, true
}
