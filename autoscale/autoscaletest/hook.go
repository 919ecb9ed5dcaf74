package autoscaletest

// hookOps are the lifecycle hook operations.
func (b *Backend) hookOps() map[string]op { return map[string]op{} }
