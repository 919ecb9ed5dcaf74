package rdstest

import "time"

// A transition is a resource's way through transient states (creating →
// backing-up → available, ...) as a list of steps; each step moves it one
// state forward. A step is due one transition delay after the previous
// one. When the resource starts another transition, gen changes and the
// old one's remaining steps are dropped.
type transition struct {
	steps []func(at time.Time)
	due   time.Time
	owner *int // the resource's generation counter; nil for none
	gen   int
}

// start queues steps for the resource whose generation counter is owner
// (nil when none), replacing any transition it still had. b.mu is held.
func (b *Backend) start(owner *int, steps ...func(at time.Time)) {
	t := &transition{steps: steps, due: b.now.Add(b.delay), owner: owner}
	if owner != nil {
		*owner++
		t.gen = *owner
	}
	if len(steps) > 0 {
		b.pending = append(b.pending, t)
	}
}

// live reports whether t still belongs to its resource.
func (t *transition) live() bool { return t.owner == nil || *t.owner == t.gen }

// runStep runs t's next step at time at and reports whether t has more.
func (t *transition) runStep(at time.Time) bool {
	if !t.live() {
		return false
	}
	t.steps[0](at)
	t.steps = t.steps[1:]
	return len(t.steps) > 0 && t.live()
}

// advance runs every step that is due by b.now, unless transitions are
// manual. b.mu is held.
func (b *Backend) advance() {
	if b.manual {
		return
	}
	for {
		ran := false
		cur := b.pending
		b.pending = nil
		for _, t := range cur {
			more := true
			if !t.due.After(b.now) {
				more = t.runStep(t.due)
				t.due = t.due.Add(b.delay)
				ran = true
			}
			if more {
				b.pending = append(b.pending, t)
			}
		}
		// A step may start another transition (a final snapshot, say);
		// go round until nothing more is due.
		if !ran {
			return
		}
	}
}

// step runs the next step of every pending transition. b.mu is held.
func (b *Backend) step() int {
	cur := b.pending
	b.pending = nil
	n := 0
	at := b.stepTime()
	for _, t := range cur {
		if !t.live() {
			continue
		}
		n++
		if t.runStep(at) {
			b.pending = append(b.pending, t)
		}
	}
	return n
}

// stepTime is the time a manual step happens at: the later of the
// backend's clock and the latest request.
func (b *Backend) stepTime() time.Time {
	if now := b.clock(); now.After(b.now) {
		b.now = now
	}
	return b.now
}

// SetManualTransitions chooses how resources leave their transient
// states: with manual false (the default) each step happens one
// transition delay after the previous one, on the clock of the requests;
// with manual true resources stay where they are until Step moves them.
func (b *Backend) SetManualTransitions(manual bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.manual = manual
	if !manual {
		b.stepTime()
		b.advance()
	}
}

// Step moves every resource in a transient state one state forward
// (creating → backing-up → available, modifying → available, rebooting →
// available, deleting → gone, a snapshot's creating → available, a
// security group rule's authorizing → authorized or revoking → gone, ...)
// and reports how many moved.
func (b *Backend) Step() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.step()
}

// Settle finishes every transition in progress, however many steps each
// still has.
func (b *Backend) Settle() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.step() > 0 {
	}
}
