package autoscaletest

// tagOps are the tag operations.
func (b *Backend) tagOps() map[string]op { return map[string]op{} }
