package autoscaletest

import "time"

// advance moves account's groups in region to time now: launches and
// terminations finishing, lifecycle hooks timing out, scheduled actions
// falling due, unhealthy instances replaced, every group brought to its
// desired capacity.
func (b *Backend) advance(account, region string, now time.Time) {
	st := b.regions.Get(account, region)
	st.mu.Lock()
	defer st.mu.Unlock()
	b.runScheduled(st, now)
}

// setDesired sets g's desired capacity to n as a scaling activity whose
// cause is cause, and starts the launches or terminations it needs. With
// honorCooldown, a group still in its cooldown (from lastScaled) is
// refused with ScalingActivityInProgress. n outside [min, max] is a
// ValidationError. The region's lock is held.
func (b *Backend) setDesired(st *region, g *group, n int, cause string, now time.Time, honorCooldown bool) error {
	if n < g.min || n > g.max {
		return errValidation("New SetDesiredCapacity value %d is below min value %d or above max value %d for the AutoScalingGroup.", n, g.min, g.max)
	}
	if honorCooldown && now.Before(g.lastScaled.Add(time.Duration(g.defaultCooldown)*time.Second)) {
		return errScalingActivityInProgress("Scaling activity in progress or cooldown period for group %s.", g.name)
	}
	g.desired = n
	return nil
}
