package ec2test

// computeState holds instances, reservations, volumes, snapshots, images
// and tags, per account and region.
type computeState struct{}

func newComputeState() *computeState { return &computeState{} }

// computeActions returns the actions of the compute family.
func (s *Backend) computeActions() map[string]action { return nil }

// tagsOf returns the tags of any resource (instance, volume, snapshot,
// image, security group, address, key pair) in account and region, as
// CreateTags left them. Every family's Describe answers include them.
func (s *Backend) tagsOf(account, region, id string) map[string]string { return nil }
