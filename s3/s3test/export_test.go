package s3test

// Digest exposes the Backend's state digest to the package's external
// tests.
func Digest(b *Backend) string { return b.stateDigest() }
