package autoscaletest

// activityOps are DescribeScalingActivities.
func (b *Backend) activityOps() map[string]op { return map[string]op{} }
