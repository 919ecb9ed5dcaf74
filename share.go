package goboto

import (
	"slices"
	"strings"
)

// Audience is who, besides its owner, may use a shared resource: an EBS
// snapshot, an AMI, an RDS snapshot. Every service's Share and Unshare
// take one, and its Permissions answer one.
//
//	err := snap.Share(ctx, goboto.Accounts("444455556666"))
//	err = img.Share(ctx, goboto.Everyone())
type Audience struct {
	// Accounts are 12-digit AWS account IDs; sorted in answers.
	Accounts []string
	// Everyone is every AWS account: the resource is public.
	Everyone bool
}

// Accounts is the audience of the accounts with the given IDs.
func Accounts(ids ...string) Audience { return Audience{Accounts: slices.Clone(ids)} }

// Everyone is the audience of every AWS account, which makes a resource
// public.
func Everyone() Audience { return Audience{Everyone: true} }

// IsZero reports whether a names nobody.
func (a Audience) IsZero() bool { return len(a.Accounts) == 0 && !a.Everyone }

// String lists the audience: "public", "444455556666", "public, 444455556666",
// or "private" for nobody.
func (a Audience) String() string {
	var parts []string
	if a.Everyone {
		parts = append(parts, "public")
	}
	parts = append(parts, a.Accounts...)
	if len(parts) == 0 {
		return "private"
	}
	return strings.Join(parts, ", ")
}

// Check returns a *ValidationError naming field when a names nobody or
// holds something that is not a 12-digit account ID. Services call it
// before they send a sharing request.
func (a Audience) Check(field string) error {
	if a.IsZero() {
		return Invalid(field, "", "needs at least one account or Everyone")
	}
	for _, id := range a.Accounts {
		if !IsAccountID(id) {
			return Invalid(field, id, "is not a 12-digit AWS account ID")
		}
	}
	return nil
}

// IsAccountID reports whether id is a 12-digit AWS account ID.
func IsAccountID(id string) bool {
	if len(id) != 12 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}
