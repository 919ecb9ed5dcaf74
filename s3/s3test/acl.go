package s3test

// aclOps returns the handlers of the access-control operations: ACLs,
// ownership controls and the public access block.
func (b *Backend) aclOps() map[string]handler { return nil }
