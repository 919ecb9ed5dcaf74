package ec2

import (
	"slices"

	"github.com/goboto/goboto"
)

// Grantee is who a snapshot is shared with: Accounts or AllUsers.
type Grantee interface {
	grantee() (accounts []string, groups []string)
}

type accountsGrantee []string

func (a accountsGrantee) grantee() ([]string, []string) { return a, nil }

// Accounts is the AWS accounts with the given 12-digit IDs, to share with.
func Accounts(ids ...string) Grantee { return accountsGrantee(slices.Clone(ids)) }

// PermissionGroup is a group of accounts a permission can name. EC2 knows
// one, AllUsers.
type PermissionGroup string

func (g PermissionGroup) grantee() ([]string, []string) { return nil, []string{string(g)} }

// AllUsers is every AWS account (EC2's group "all"): sharing with it makes
// a snapshot public.
const AllUsers PermissionGroup = "all"

// Permissions are who besides the owner may use a snapshot.
type Permissions struct {
	Accounts []string // account IDs, sorted
	Public   bool     // shared with AllUsers
}

// grantees flattens gs into account IDs and group names, checking both.
func grantees(gs []Grantee) (accounts, groups []string, err error) {
	for _, g := range gs {
		if g == nil {
			continue
		}
		a, grp := g.grantee()
		for _, id := range a {
			if !validAccountID(id) {
				return nil, nil, goboto.Invalid("UserId", id, "is not a 12-digit AWS account ID")
			}
		}
		for _, name := range grp {
			if name != string(AllUsers) {
				return nil, nil, goboto.Invalid("Group", name, `is not a permission group (only "all")`)
			}
		}
		accounts = append(accounts, a...)
		groups = append(groups, grp...)
	}
	if len(accounts) == 0 && len(groups) == 0 {
		return nil, nil, goboto.Invalid("Grantee", "", "needs at least one account or AllUsers")
	}
	return accounts, groups, nil
}

func validAccountID(id string) bool {
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
