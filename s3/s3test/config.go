package s3test

// configOps returns the handlers of the bucket-configuration operations:
// versioning, policy, CORS, lifecycle and website.
func (b *Backend) configOps() map[string]handler { return nil }
