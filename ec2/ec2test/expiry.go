package ec2test

import (
	"slices"
	"time"
)

// TerminatedLifetime is how long a terminated instance stays listed by
// DescribeInstances, on the server's clock, before it disappears with its
// tags. EC2 documents "approximately one hour"; the fake makes it exact.
// The instance's reservation still answers a RunInstances retry with its
// ClientToken afterwards. Expiry is checked at each compute request, so
// Instances reports an expired instance until the next one.
const TerminatedLifetime = time.Hour

// housekeeping is what the compute family does before each request, on
// the fake's clock rather than in the background, so that a test drives
// it with fake.Options.Now.
type housekeeping struct {
	now   time.Time   // the clock of the latest compute request
	dying []*instance // terminated instances, in termination order
}

// tidy runs before each compute request, after due transitions have
// finished: it drops the terminated instances whose lifetime is over,
// with their tags, and notes the request's time for transitions that
// finish later (terminated). The compute lock must be held.
func (c *computeState) tidy(now time.Time) {
	if now.After(c.house.now) {
		c.house.now = now
	}
	c.house.dying = slices.DeleteFunc(c.house.dying, func(inst *instance) bool {
		if now.Sub(inst.terminatedAt) < TerminatedLifetime {
			return false
		}
		st := c.stores.Get(inst.owner, inst.region)
		delete(st.instances, inst.id)
		st.order = slices.DeleteFunc(st.order, func(id string) bool { return id == inst.id })
		c.dropTags(inst.region, inst.id)
		return true
	})
}

// terminated records that inst has just reached "terminated": its
// lifetime starts at the latest request's time. In instant mode that is
// the TerminateInstances call; under manual transitions, the last request
// before the Step. The compute lock must be held.
func (c *computeState) terminated(inst *instance) {
	inst.terminatedAt = c.house.now
	c.house.dying = append(c.house.dying, inst)
}
