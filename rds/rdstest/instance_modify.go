package rdstest

import (
	"net/url"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// available returns inst, or InvalidDBInstanceState when it is busy.
func available(inst *instance) error {
	if inst.status != "available" {
		return badState(CodeInvalidDBInstanceState, "Database instance %s is not in available state (it is %s).", inst.id, inst.status)
	}
	return nil
}

func (b *Backend) modifyDBInstance(r *fake.Request, a *account) (any, error) {
	p := r.Params
	id, err := required(p, "DBInstanceIdentifier")
	if err != nil {
		return nil, err
	}
	inst, err := a.instance(id)
	if err != nil {
		return nil, err
	}
	if err := available(inst); err != nil {
		return nil, err
	}
	now, err := boolParam(p, "ApplyImmediately", false)
	if err != nil {
		return nil, err
	}
	e := b.catalog.engines[inst.engine]
	next := *inst // checked on a copy: nothing changes unless everything is valid
	var pend pendingValues
	changed := false
	if v := p.Get("DBInstanceClass"); v != "" {
		if err := b.catalog.checkClass(v, e, inst.version); err != nil {
			return nil, err
		}
		pend.class, changed = v, true
	}
	asked, err := storageChange(e, inst, p, &pend)
	if err != nil {
		return nil, err
	}
	changed = changed || asked
	if v := p.Get("EngineVersion"); v != "" {
		ver, err := e.checkVersion(v)
		if err != nil {
			return nil, err
		}
		if b.catalog.familyOf(inst.engine, ver) != b.catalog.familyOf(inst.engine, inst.version) {
			return nil, invalidCombination("The fake upgrades within a parameter family only.")
		}
		pend.version, changed = ver, true
	}
	if v := p.Get("MasterUserPassword"); v != "" {
		if err := e.checkPassword(v); err != nil {
			return nil, err
		}
		pend.password, changed = true, true
	}
	if p.Has("BackupRetentionPeriod") {
		days, err := intParam(p, "BackupRetentionPeriod", 0)
		if err != nil {
			return nil, err
		}
		if err := checkRetention(days); err != nil {
			return nil, err
		}
		pend.retention, changed = &days, true
	}
	if p.Has("MultiAZ") {
		m, err := boolParam(p, "MultiAZ", false)
		if err != nil {
			return nil, err
		}
		pend.multiAZ, changed = &m, true
	}
	// These change at once, whatever ApplyImmediately says.
	given, err := windows(p, &next)
	if err != nil {
		return nil, err
	}
	changed = changed || given
	if strList(p, "DBSecurityGroups") != nil || strList(p, "VpcSecurityGroupIds") != nil {
		if err := b.groups(p, a, &next); err != nil {
			return nil, err
		}
		changed = true
	}
	flags := next
	if err := instanceFlags(p, &flags); err != nil {
		return nil, err
	}
	if p.Has("CopyTagsToSnapshot") || p.Has("DeletionProtection") || p.Has("EnableIAMDatabaseAuthentication") {
		changed = true
	}
	pgChanged := false
	if v := p.Get("DBParameterGroupName"); v != "" {
		if err := b.useParamGroup(a, &next, v); err != nil {
			return nil, err
		}
		pgChanged, changed = next.paramGroup != inst.paramGroup, true
	}
	if !changed {
		return nil, invalidCombination("No modifications were requested")
	}
	inst.backupWindow, inst.maintWindow = next.backupWindow, next.maintWindow
	inst.secGroups, inst.vpcGroups = next.secGroups, next.vpcGroups
	// The fake applies these at once; RDS applies deletion protection and
	// CopyTagsToSnapshot at once too.
	inst.copyTags, inst.protected, inst.iamAuth = flags.copyTags, flags.protected, flags.iamAuth
	if pgChanged {
		// The group's name changes now; its values wait for a reboot.
		inst.paramGroup, inst.pgStatus = next.paramGroup, "pending-reboot"
	}
	merge(&inst.pending, pend)
	if !now {
		// Changes that need an outage wait for the maintenance window
		// (RunMaintenance); the others are done already.
		a.event(b.now, "db-instance", inst.id, "configuration change", "Modified DB instance; pending changes wait for the maintenance window")
		return done(instanceResult(a, inst))
	}
	inst.status = "modifying"
	b.start(&inst.gen, func(at time.Time) {
		inst.applyPending()
		inst.status = "available"
		a.event(at, "db-instance", inst.id, "configuration change", "Finished applying modification to DB instance")
	})
	// The answer shows what is still to be applied, as RDS's does.
	return done(instanceResult(a, inst))
}

// storageChange checks ModifyDBInstance's storage parameters
// (AllocatedStorage, StorageType, Iops, StorageThroughput) against inst's
// current storage and adds what changes to pend. It reports whether the
// request asked for any storage change.
func storageChange(e *engine, inst *instance, p url.Values, pend *pendingValues) (bool, error) {
	q, err := readStorage(p)
	if err != nil || !q.hasGib && !q.hasKind && !q.hasIops && !q.hasThroughput {
		return false, err
	}
	cur := inst.spec()
	next, err := e.resolveStorage(cur, q)
	if err != nil {
		return false, err
	}
	if q.hasGib {
		if next.gib < cur.gib {
			return false, invalidCombination("The allocated storage of %s cannot be decreased from %d to %d GiB.", inst.id, cur.gib, next.gib)
		}
		if next.gib < cur.gib+(cur.gib+9)/10 {
			return false, invalidCombination("The allocated storage must be increased by at least 10 percent.")
		}
		pend.storage = next.gib
	}
	if next.kind != cur.kind {
		pend.storageType = next.kind
	}
	if next.iops != cur.iops {
		pend.iops = next.iops
	}
	if next.throughput != cur.throughput {
		pend.throughput = next.throughput
	}
	return true, nil
}

// merge adds the newer pending values q to p.
func merge(p *pendingValues, q pendingValues) {
	if q.class != "" {
		p.class = q.class
	}
	if q.storage != 0 {
		p.storage = q.storage
	}
	if q.storageType != "" {
		p.storageType = q.storageType
	}
	if q.iops != 0 {
		p.iops = q.iops
	}
	if q.throughput != 0 {
		p.throughput = q.throughput
	}
	if q.password {
		p.password = true
	}
	if q.retention != nil {
		p.retention = q.retention
	}
	if q.multiAZ != nil {
		p.multiAZ = q.multiAZ
	}
	if q.version != "" {
		p.version = q.version
	}
}

// RunMaintenance applies every instance's pending modifications, as RDS
// does in the instance's maintenance window, and reports how many
// instances changed. Busy instances keep theirs.
func (b *Backend) RunMaintenance() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	at := b.stepTime()
	n := 0
	b.scopes.Each(func(_, _ string, a *account) {
		for _, inst := range a.sortedInstances() {
			if inst.status == "available" && !inst.pending.empty() {
				inst.applyPending()
				a.event(at, "db-instance", inst.id, "maintenance", "Applied pending modifications in the maintenance window")
				n++
			}
		}
	})
	return n
}
