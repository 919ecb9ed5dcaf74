package rds

import (
	"context"
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// restoreAttribute is the snapshot attribute that lists who may copy and
// restore a manual snapshot.
const restoreAttribute = "restore"

// everyone is the restore attribute's value for every AWS account.
const everyone = "all"

// maxShareAccounts is how many accounts RDS lets one snapshot be shared
// with (ModifyDBSnapshotAttribute: "up to 20 AWS accounts").
const maxShareAccounts = 20

// restoreValues checks a and turns it into the restore attribute's
// values: account IDs, and "all" for goboto.Everyone.
func restoreValues(field string, a goboto.Audience) ([]string, error) {
	if err := a.Check(field); err != nil {
		return nil, err
	}
	if len(a.Accounts) > maxShareAccounts {
		return nil, goboto.Invalid(field, "", "names "+strconv.Itoa(len(a.Accounts))+" accounts; RDS shares a snapshot with at most 20")
	}
	values := slices.Clone(a.Accounts)
	if a.Everyone {
		values = append(values, everyone)
	}
	return values, nil
}

// Share lets the audience copy and restore the snapshot
// (ModifyDBSnapshotAttribute, restore, ValuesToAdd): goboto.Accounts(ids...)
// or goboto.Everyone(), which makes it public. Only manual snapshots can
// be shared, and RDS refuses to make an encrypted snapshot public.
func (s *DBSnapshot) Share(ctx context.Context, a goboto.Audience) error {
	values, err := restoreValues("ValuesToAdd", a)
	if err != nil {
		return err
	}
	return s.modifyRestore(ctx, values, nil)
}

// Unshare withdraws what Share granted (ModifyDBSnapshotAttribute,
// restore, ValuesToRemove).
func (s *DBSnapshot) Unshare(ctx context.Context, a goboto.Audience) error {
	values, err := restoreValues("ValuesToRemove", a)
	if err != nil {
		return err
	}
	return s.modifyRestore(ctx, nil, values)
}

func (s *DBSnapshot) modifyRestore(ctx context.Context, add, remove []string) error {
	if err := validExisting("DBSnapshotIdentifier", s.ID); err != nil {
		return err
	}
	client, err := s.conn.api()
	if err != nil {
		return err
	}
	_, err = client.ModifyDBSnapshotAttribute(ctx, &rds.ModifyDBSnapshotAttributeInput{
		DBSnapshotIdentifier: aws.String(s.ID),
		AttributeName:        aws.String(restoreAttribute),
		ValuesToAdd:          add,
		ValuesToRemove:       remove,
	})
	return core.Error(err)
}

// Permissions reports who besides its owner may restore the snapshot
// (DescribeDBSnapshotAttributes, restore): the accounts, sorted, and
// Everyone when it is public.
func (s *DBSnapshot) Permissions(ctx context.Context) (goboto.Audience, error) {
	if err := validExisting("DBSnapshotIdentifier", s.ID); err != nil {
		return goboto.Audience{}, err
	}
	client, err := s.conn.api()
	if err != nil {
		return goboto.Audience{}, err
	}
	out, err := client.DescribeDBSnapshotAttributes(ctx, &rds.DescribeDBSnapshotAttributesInput{
		DBSnapshotIdentifier: aws.String(s.ID)})
	if err != nil {
		return goboto.Audience{}, core.Error(err)
	}
	return audienceFrom(out.DBSnapshotAttributesResult), nil
}

func audienceFrom(r *types.DBSnapshotAttributesResult) goboto.Audience {
	var a goboto.Audience
	if r == nil {
		return a
	}
	for _, attr := range r.DBSnapshotAttributes {
		if aws.ToString(attr.AttributeName) != restoreAttribute {
			continue
		}
		for _, v := range attr.AttributeValues {
			if v == everyone {
				a.Everyone = true
			} else {
				a.Accounts = append(a.Accounts, v)
			}
		}
	}
	slices.Sort(a.Accounts)
	return a
}
