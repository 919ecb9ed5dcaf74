package rds

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// restoreAttribute is the snapshot attribute that lists who may copy and
// restore a manual snapshot.
const restoreAttribute = "restore"

// AllAccounts, given to Share, makes a snapshot public.
const AllAccounts = "all"

// maxShareAccounts is how many accounts RDS lets one snapshot be shared
// with.
const maxShareAccounts = 20

// SnapshotPermissions says who may restore a snapshot besides its owner.
type SnapshotPermissions struct {
	Accounts []string // account IDs, sorted
	Public   bool     // shared with AllAccounts
}

// validAccounts checks the grantees of Share and Unshare: 12-digit account
// IDs or AllAccounts.
func validAccounts(accounts []string) error {
	if len(accounts) == 0 {
		return goboto.Invalid("ValuesToAdd", "", "needs at least one account")
	}
	if len(accounts) > maxShareAccounts {
		return goboto.Invalid("ValuesToAdd", "", "has more than 20 accounts")
	}
	for _, a := range accounts {
		if a == AllAccounts {
			continue
		}
		if !validAccountID(a) {
			return goboto.Invalid("AccountId", a, `is not a 12-digit account ID or "all"`)
		}
	}
	return nil
}

// validAccountID reports whether a is a 12-digit AWS account ID.
func validAccountID(a string) bool {
	if len(a) != 12 {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] < '0' || a[i] > '9' {
			return false
		}
	}
	return true
}

// Share lets the accounts copy and restore the snapshot
// (ModifyDBSnapshotAttribute, restore, ValuesToAdd). AllAccounts makes it
// public. Only manual snapshots can be shared, and RDS refuses to make an
// encrypted snapshot public.
func (s *DBSnapshot) Share(ctx context.Context, accounts ...string) error {
	if err := validAccounts(accounts); err != nil {
		return err
	}
	return s.modifyRestore(ctx, accounts, nil)
}

// Unshare withdraws what Share granted (ModifyDBSnapshotAttribute,
// restore, ValuesToRemove).
func (s *DBSnapshot) Unshare(ctx context.Context, accounts ...string) error {
	if err := validAccounts(accounts); err != nil {
		return err
	}
	return s.modifyRestore(ctx, nil, accounts)
}

func (s *DBSnapshot) modifyRestore(ctx context.Context, add, remove []string) error {
	if err := validExisting("DBSnapshotIdentifier", s.ID); err != nil {
		return err
	}
	_, err := s.conn.client.ModifyDBSnapshotAttribute(ctx, &rds.ModifyDBSnapshotAttributeInput{
		DBSnapshotIdentifier: aws.String(s.ID),
		AttributeName:        aws.String(restoreAttribute),
		ValuesToAdd:          add,
		ValuesToRemove:       remove,
	})
	return core.Error(err)
}

// Permissions reports who the snapshot is shared with
// (DescribeDBSnapshotAttributes, restore).
func (s *DBSnapshot) Permissions(ctx context.Context) (*SnapshotPermissions, error) {
	if err := validExisting("DBSnapshotIdentifier", s.ID); err != nil {
		return nil, err
	}
	out, err := s.conn.client.DescribeDBSnapshotAttributes(ctx, &rds.DescribeDBSnapshotAttributesInput{
		DBSnapshotIdentifier: aws.String(s.ID)})
	if err != nil {
		return nil, core.Error(err)
	}
	return permissionsFrom(out.DBSnapshotAttributesResult), nil
}

func permissionsFrom(r *types.DBSnapshotAttributesResult) *SnapshotPermissions {
	p := &SnapshotPermissions{}
	if r == nil {
		return p
	}
	for _, a := range r.DBSnapshotAttributes {
		if aws.ToString(a.AttributeName) != restoreAttribute {
			continue
		}
		for _, v := range a.AttributeValues {
			if v == AllAccounts {
				p.Public = true
			} else {
				p.Accounts = append(p.Accounts, v)
			}
		}
	}
	slices.Sort(p.Accounts)
	return p
}
