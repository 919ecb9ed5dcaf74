package autoscaletest

// policy is one scaling policy of a group.
type policy struct {
	name, arn string
}

// policyOps are the scaling policy operations.
func (b *Backend) policyOps() map[string]op { return map[string]op{} }
