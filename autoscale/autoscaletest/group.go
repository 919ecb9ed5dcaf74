package autoscaletest

import "time"

// group is one Auto Scaling group. Its region's lock guards it.
type group struct {
	name, arn string
	created   time.Time
	min, max  int
	desired   int
	// defaultCooldown is the seconds after a scaling activity before a
	// simple policy or SetDesiredCapacity (HonorCooldown) may scale again.
	defaultCooldown int
	lastScaled      time.Time // when the last scaling activity ended

	policies  map[string]*policy          // by name (policy.go)
	scheduled map[string]*scheduledAction // by name (schedule.go)
}

// groupOps are the group operations: create, describe, update, delete,
// desired capacity, processes.
func (b *Backend) groupOps() map[string]op { return map[string]op{} }
