package s3test

import "time"

// SetClock sets the clock the seeding API (CreateBucket, PutObject)
// stamps creation and modification times with, so seeded buckets and
// objects agree with the times requests see. New sets it to the fake
// server's clock (fake.Options.Now); a Backend mounted on another server
// should be given that server's Now. nil means time.Now.
func (b *Backend) SetClock(now func() time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.now = now
}

// clock returns the seeding API's current time.
func (b *Backend) clock() time.Time {
	b.mu.RLock()
	now := b.now
	b.mu.RUnlock()
	if now == nil {
		return time.Now()
	}
	return now()
}
