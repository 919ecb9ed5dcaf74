package cloudfronttest

// oaiExistsLocked reports whether ref ("origin-access-identity/cloudfront/ID")
// names an origin access identity of acct; b.mu is held.
func (b *Backend) oaiExistsLocked(acct, ref string) bool { return false }

// oacExistsLocked reports whether id names an origin access control of
// acct; b.mu is held.
func (b *Backend) oacExistsLocked(acct, id string) bool { return false }

// keyGroupExistsLocked reports whether id names a key group of acct;
// b.mu is held.
func (b *Backend) keyGroupExistsLocked(acct, id string) bool { return false }
