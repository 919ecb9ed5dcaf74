package ec2

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// sharing is the one helper behind snapshot and image sharing: EC2's
// createVolumePermission and launchPermission are the same list of
// accounts and the group "all" in two types. P is the permission type,
// made and read through mk and get.
type sharing[P any] struct {
	mk  func(userID *string, group types.PermissionGroup) P
	get func(P) (userID string, group types.PermissionGroup)
}

// list turns an audience into permissions, after checking it.
func (p sharing[P]) list(a goboto.Audience) ([]P, error) {
	if err := a.Check("Audience"); err != nil {
		return nil, err
	}
	var out []P
	for _, id := range a.Accounts {
		out = append(out, p.mk(aws.String(id), ""))
	}
	if a.Everyone {
		out = append(out, p.mk(nil, types.PermissionGroupAll))
	}
	return out, nil
}

// audience reads permissions back, accounts sorted.
func (p sharing[P]) audience(ps []P) goboto.Audience {
	var a goboto.Audience
	for _, x := range ps {
		id, group := p.get(x)
		if id != "" {
			a.Accounts = append(a.Accounts, id)
		}
		if group == types.PermissionGroupAll {
			a.Everyone = true
		}
	}
	slices.Sort(a.Accounts)
	return a
}

// modify checks a and sends the add or remove modification.
func (p sharing[P]) modify(ctx context.Context, add bool, a goboto.Audience, send func(ctx context.Context, add, remove []P) error) error {
	ps, err := p.list(a)
	if err != nil {
		return err
	}
	if add {
		return core.Error(send(ctx, ps, nil))
	}
	return core.Error(send(ctx, nil, ps))
}

// createVolumePermissions are a snapshot's.
func createVolumePermissions() sharing[types.CreateVolumePermission] {
	return sharing[types.CreateVolumePermission]{
		mk: func(id *string, g types.PermissionGroup) types.CreateVolumePermission {
			return types.CreateVolumePermission{UserId: id, Group: g}
		},
		get: func(x types.CreateVolumePermission) (string, types.PermissionGroup) {
			return aws.ToString(x.UserId), x.Group
		},
	}
}

// launchPermissions are an image's.
func launchPermissions() sharing[types.LaunchPermission] {
	return sharing[types.LaunchPermission]{
		mk: func(id *string, g types.PermissionGroup) types.LaunchPermission {
			return types.LaunchPermission{UserId: id, Group: g}
		},
		get: func(x types.LaunchPermission) (string, types.PermissionGroup) {
			return aws.ToString(x.UserId), x.Group
		},
	}
}
