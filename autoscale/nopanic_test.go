package autoscale_test

import (
	"testing"

	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/autoscale/autoscaletest"
	"github.com/goboto/goboto/internal/testutil/nopanic"
)

// TestNoPanics calls every exported function and method of the package
// with zero values, empty names, nil options and cancelled contexts, on
// zero handles and on handles a real connection made with empty names:
// each call that takes a context returns a *goboto.ValidationError or the
// context's error, none panics, and nothing reaches the fake.
func TestNoPanics(t *testing.T) {
	srv := autoscaletest.Start(t)
	conn := autoscale.New(srv.Config(""))
	nopanic.Run(t, nopanic.Case{
		Dir: ".",
		Values: []any{
			// A zero Conn stands for the connection: a live one would send
			// the listings that need no argument.
			new(autoscale.Conn),
			conn.Group(""), new(autoscale.Group), &autoscale.Group{Name: "literal"},
			conn.Instance(""), new(autoscale.Instance), &autoscale.Instance{ID: "i-0123456789abcdef0"},
			conn.LaunchConfiguration(""), new(autoscale.LaunchConfiguration), &autoscale.LaunchConfiguration{Name: "literal"},
			new(autoscale.Activity), autoscale.ActivityStatus(""), autoscale.Tag{}, new(autoscale.LaunchTemplate),
			conn.Group("g").Policy(""), new(autoscale.Policy), &autoscale.Policy{Name: "literal"},
			conn.Group("g").ScheduledAction(""), new(autoscale.ScheduledAction), &autoscale.ScheduledAction{Name: "literal"},
			conn.Group("g").LifecycleHook(""), new(autoscale.Hook), &autoscale.Hook{Name: "literal"},
			new(autoscale.BatchError), autoscale.BatchFailure{},
		},
		Funcs: map[string]any{
			"New": autoscale.New, "NewConn": autoscale.NewConn, "WithClientOptions": autoscale.WithClientOptions,
			"PageSize": autoscale.PageSize, "Names": autoscale.Names, "WithTag": autoscale.WithTag,
			"InstanceIDs": autoscale.InstanceIDs, "ActivityIDs": autoscale.ActivityIDs, "IncludeDeleted": autoscale.IncludeDeleted,
			"ForceDelete": autoscale.ForceDelete, "HonorCooldown": autoscale.HonorCooldown,
			"DecrementDesired": autoscale.DecrementDesired, "RespectGracePeriod": autoscale.RespectGracePeriod,
			"Processes": autoscale.Processes, "Breach": autoscale.Breach, "HonorPolicyCooldown": autoscale.HonorPolicyCooldown,
		},
		Sent: func() int { return len(srv.Calls()) },
	})
}
