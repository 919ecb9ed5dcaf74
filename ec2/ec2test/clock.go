package ec2test

// A transition is a resource's way from a transient state (pending,
// stopping, creating, ...) to the next settled one, as a list of steps.
// Each step moves the resource one state forward.
type transition struct {
	steps []func()
}

// start queues the steps of a transition. The compute lock must be held.
func (c *computeState) start(steps ...func()) {
	if len(steps) > 0 {
		c.pending = append(c.pending, &transition{steps: steps})
	}
}

// step runs the next step of every pending transition and reports how many
// ran. The compute lock must be held.
func (c *computeState) step() int {
	cur := c.pending
	c.pending = nil
	n := 0
	for _, t := range cur {
		t.steps[0]()
		n++
		if t.steps = t.steps[1:]; len(t.steps) > 0 {
			c.pending = append(c.pending, t)
		}
	}
	return n
}

// settle finishes every pending transition.
func (c *computeState) settle() {
	for len(c.pending) > 0 {
		c.step()
	}
}

// SetManualTransitions chooses how resources leave their transient states.
// By default (manual false) a transition finishes before the next compute
// request is served: RunInstances answers "pending" and the next
// DescribeInstances says "running". With manual true, resources stay where
// they are until Step moves them.
func (s *Backend) SetManualTransitions(manual bool) {
	s.compute.mu.Lock()
	defer s.compute.mu.Unlock()
	s.compute.manual = manual
	if !manual {
		s.compute.settle()
	}
}

// Step moves every resource in a transient state one state forward
// (pending → running, stopping → stopped, shutting-down → terminated,
// creating → available, attaching → attached, detaching → detached) and
// reports how many moved. A pending snapshot moves one SnapshotSteps-th of
// its progress, completing on its last Step.
func (s *Backend) Step() int {
	s.compute.mu.Lock()
	defer s.compute.mu.Unlock()
	return s.compute.step()
}

// Settle finishes every transition in progress, however many steps each
// still has.
func (s *Backend) Settle() {
	s.compute.mu.Lock()
	defer s.compute.mu.Unlock()
	s.compute.settle()
}
