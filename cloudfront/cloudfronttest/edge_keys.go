package cloudfronttest

import (
	"crypto"
	"strings"

	"github.com/goboto/goboto/cloudfront/internal/viewerauth"
)

// oaiRefPrefix begins an S3 origin's OriginAccessIdentity
// ("origin-access-identity/cloudfront/E74FTE3AEXAMPLE").
const oaiRefPrefix = "origin-access-identity/cloudfront/"

// OAIARN returns the IAM ARN a bucket policy names an origin access
// identity by (CloudFront Developer Guide, "Restrict access to an Amazon
// S3 origin", legacy OAI policies: "arn:aws:iam::cloudfront:user/CloudFront
// Origin Access Identity <origin access identity ID>").
func OAIARN(id string) string {
	return "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity " + id
}

// KnownOAI reports whether arn is the IAM ARN of an origin access
// identity of any account: the hook s3test.Backend.SetPrincipals takes.
func (b *Backend) KnownOAI(arn string) bool {
	id, ok := strings.CutPrefix(arn, OAIARN(""))
	if !ok {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for acct := range b.accounts {
		if b.findLocked(kinds["CloudFrontOriginAccessIdentity"], acct, id) != nil {
			return true
		}
	}
	return false
}

// keyPair is a legacy CloudFront key pair of an account (APKA...), which
// trusted signers sign with. CloudFront has no API to make one (the
// account's root user does it in the console), so tests seed them with
// AddKeyPair.
type keyPair struct {
	id  string
	key crypto.PublicKey
}

// AddKeyPair gives account an active CloudFront key pair with the PEM
// public key pemKey (RSA-2048 or ECDSA P-256), as the root user's
// console does, and returns its ID ("APKA" and 16 characters). A cache
// behaviour whose TrustedSigners name the account ("self" for the
// distribution's own) accepts URLs signed with it at the edge.
func (b *Backend) AddKeyPair(account, pemKey string) (string, error) {
	key, err := viewerauth.ParsePublicKey([]byte(pemKey))
	if err != nil {
		return "", err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	id := "APKA" + b.newID()[1:] + "XYZ"
	if b.keyPairs == nil {
		b.keyPairs = map[string][]*keyPair{}
	}
	b.keyPairs[account] = append(b.keyPairs[account], &keyPair{id: id, key: key})
	return id, nil
}

// trustedKeysLocked returns the keys a cache behaviour of a distribution
// of acct trusts: the public keys of its trusted key groups, and the key
// pairs of its trusted signers' accounts ("self" is acct). enabled
// reports whether the behaviour restricts viewer access at all; b.mu is
// held.
func (b *Backend) trustedKeysLocked(acct string, cb *node) (keys viewerauth.Keys, enabled bool) {
	keys = viewerauth.Keys{}
	if cb.boolean("TrustedKeyGroups/Enabled") {
		enabled = true
		for _, gid := range cb.items("TrustedKeyGroups/Items") {
			g := b.findLocked(kinds["KeyGroup"], acct, gid.text)
			if g == nil {
				continue
			}
			for _, kid := range g.config.items("Items") {
				k := b.findLocked(kinds["PublicKey"], acct, kid.text)
				if k == nil {
					continue
				}
				if pk, err := viewerauth.ParsePublicKey([]byte(k.config.str("EncodedKey"))); err == nil {
					keys[k.id] = pk
				}
			}
		}
	}
	if cb.boolean("TrustedSigners/Enabled") {
		enabled = true
		for _, s := range cb.items("TrustedSigners/Items") {
			who := s.text
			if who == "self" {
				who = acct
			}
			for _, kp := range b.keyPairs[who] {
				keys[kp.id] = kp.key
			}
		}
	}
	return keys, enabled
}
