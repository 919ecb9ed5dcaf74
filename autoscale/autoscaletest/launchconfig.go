package autoscaletest

// launchConfig is one launch configuration.
type launchConfig struct {
	name, arn string
}

// launchConfigOps are the launch configuration operations.
func (b *Backend) launchConfigOps() map[string]op { return map[string]op{} }
