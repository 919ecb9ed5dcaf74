package autoscaletest

// instanceOps are the operations on a group's instances: describe,
// health, terminate, attach, detach, standby, protection.
func (b *Backend) instanceOps() map[string]op { return map[string]op{} }
