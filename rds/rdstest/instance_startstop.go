package rdstest

import (
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// MaxStoppedTime is how long an instance stays stopped before RDS starts
// it again (RDS API Reference, StopDBInstance: "The instance restarts
// automatically after 7 days"; RDS User Guide, "Stopping an Amazon RDS DB
// instance temporarily").
const MaxStoppedTime = 7 * 24 * time.Hour

func (b *Backend) startStopActions() map[string]action {
	return map[string]action{
		"StopDBInstance":  b.stopDBInstance,
		"StartDBInstance": b.startDBInstance,
	}
}

// stopDBInstance moves an available instance stopping → stopped, after
// the snapshot DBSnapshotIdentifier names when one is asked for.
func (b *Backend) stopDBInstance(r *fake.Request, a *account) (any, error) {
	id, err := required(r.Params, "DBInstanceIdentifier")
	if err != nil {
		return nil, err
	}
	inst, err := a.instance(id)
	if err != nil {
		return nil, err
	}
	if inst.status != "available" {
		return nil, badState(CodeInvalidDBInstanceState, "Instance %s is not in available state.", inst.id)
	}
	var snap *snapshot
	if snapID := r.Params.Get("DBSnapshotIdentifier"); snapID != "" {
		if err := checkIdentifier("DBSnapshotIdentifier", snapID, 255); err != nil {
			return nil, err
		}
		if _, ok := a.snapshots[strings.ToLower(snapID)]; ok {
			return nil, alreadyExists(CodeDBSnapshotAlreadyExists, "Cannot create the snapshot because a snapshot with the identifier %s already exists.", snapID)
		}
		snap = a.newSnapshot(b.now, inst, strings.ToLower(snapID), "manual")
	}
	inst.status = "stopping"
	a.event(b.now, "db-instance", inst.id, "availability", "DB instance is being stopped")
	var steps []func(time.Time)
	if snap != nil {
		steps = append(steps, func(at time.Time) {
			snap.status, snap.progress = "available", 100
			a.event(at, "db-snapshot", snap.id, "creation", "Manual snapshot created")
		})
	}
	steps = append(steps, func(at time.Time) {
		inst.status, inst.stoppedAt = "stopped", at
		a.event(at, "db-instance", inst.id, "notification", "DB instance stopped")
	})
	x := a.instanceXML(inst)
	b.start(&inst.gen, steps...)
	return done(struct{ DBInstance instanceXML }{x})
}

// startDBInstance moves a stopped instance starting → available.
func (b *Backend) startDBInstance(r *fake.Request, a *account) (any, error) {
	id, err := required(r.Params, "DBInstanceIdentifier")
	if err != nil {
		return nil, err
	}
	inst, err := a.instance(id)
	if err != nil {
		return nil, err
	}
	if inst.status != "stopped" {
		return nil, badState(CodeInvalidDBInstanceState, "Instance %s cannot be started as it is not in stopped state (it is %s).", inst.id, inst.status)
	}
	b.startInstance(a, inst, "DB instance is being started")
	return done(instanceResult(a, inst))
}

// startInstance moves inst starting → available; why is the event that
// says it is starting.
func (b *Backend) startInstance(a *account, inst *instance, why string) {
	inst.status, inst.stoppedAt = "starting", time.Time{}
	a.event(b.now, "db-instance", inst.id, "notification", why)
	b.start(&inst.gen, func(at time.Time) {
		inst.status = "available"
		a.event(at, "db-instance", inst.id, "notification", "DB instance started")
	})
}

// wakeStopped starts every instance that has been stopped for
// MaxStoppedTime by b.now, as RDS does. b.mu is held.
func (b *Backend) wakeStopped() {
	b.scopes.Each(func(_, _ string, a *account) {
		for _, inst := range a.sortedInstances() {
			if inst.status == "stopped" && !inst.stoppedAt.IsZero() && !b.now.Before(inst.stoppedAt.Add(MaxStoppedTime)) {
				b.startInstance(a, inst, "DB instance is being started due to it exceeding the maximum allowed time being stopped.")
			}
		}
	})
}
