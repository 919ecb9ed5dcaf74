package cloudfronttest

// DistributionInfo is what the fake holds for one distribution, for
// tests to inspect.
type DistributionInfo struct {
	ID, ARN, DomainName string
	Status              string // on the server's clock: InProgress or Deployed
	ETag                string
	Enabled             bool
	CallerReference     string
	Aliases             []string
	Origins             []string // origin IDs, in order
	PathPatterns        []string // the cache behaviours' path patterns, in order
	Invalidations       int
}

// Distributions returns account's distributions ("" for the main test
// account), in creation order.
func (b *Backend) Distributions(account string) []DistributionInfo {
	if account == "" {
		account = defaultAccount
	}
	now := b.clock()
	b.mu.Lock()
	defer b.mu.Unlock()
	a := b.accounts[account]
	if a == nil {
		return nil
	}
	out := make([]DistributionInfo, 0, len(a.dists))
	for _, d := range a.dists {
		info := DistributionInfo{ID: d.id, ARN: d.arn, DomainName: d.domain, Status: d.status(now), ETag: d.etag,
			Enabled: d.enabled(), CallerReference: d.callerRef, Invalidations: len(d.invalidations)}
		for _, n := range d.config.items("Aliases/Items") {
			info.Aliases = append(info.Aliases, n.text)
		}
		for _, o := range d.config.items("Origins/Items") {
			info.Origins = append(info.Origins, o.str("Id"))
		}
		for _, cb := range d.config.items("CacheBehaviors/Items") {
			info.PathPatterns = append(info.PathPatterns, cb.str("PathPattern"))
		}
		out = append(out, info)
	}
	return out
}

// OAIInfo is one origin access identity.
type OAIInfo struct {
	ID                string
	S3CanonicalUserID string
	Comment           string
}

// OriginAccessIdentities returns account's origin access identities
// ("" for the main test account), in creation order.
func (b *Backend) OriginAccessIdentities(account string) []OAIInfo {
	if account == "" {
		account = defaultAccount
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	a := b.accounts[account]
	if a == nil {
		return nil
	}
	out := make([]OAIInfo, 0, len(a.oais))
	for _, r := range a.oais {
		out = append(out, OAIInfo{ID: r.id, S3CanonicalUserID: r.canonical, Comment: r.config.str("Comment")})
	}
	return out
}

// CanonicalUser returns the account and ID of the origin access identity
// whose S3 canonical user ID is canonical, for an S3 fake to recognise
// the OAI in ACLs and bucket policies.
func (b *Backend) CanonicalUser(canonical string) (account, oaiID string, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for id, a := range b.accounts {
		for _, r := range a.oais {
			if r.canonical == canonical {
				return id, r.id, true
			}
		}
	}
	return "", "", false
}
