package ec2test

// networkState holds security groups, key pairs and Elastic IP addresses,
// per account and region.
type networkState struct{}

func newNetworkState() *networkState { return &networkState{} }

// networkActions returns the actions of the network family.
func (s *Backend) networkActions() map[string]action { return nil }
