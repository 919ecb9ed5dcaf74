package rdstest

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

func (b *Backend) instanceActions() map[string]action {
	return map[string]action{
		"CreateDBInstance":    b.createDBInstance,
		"DescribeDBInstances": b.describeDBInstances,
		"ModifyDBInstance":    b.modifyDBInstance,
		"RebootDBInstance":    b.rebootDBInstance,
		"DeleteDBInstance":    b.deleteDBInstance,
	}
}

func instanceResult(a *account, inst *instance) any {
	return struct{ DBInstance instanceXML }{a.instanceXML(inst)}
}

// placement reads the network settings Create and Restore share: port,
// DB subnet group and availability zone, Multi-AZ, DB security groups or
// VPC security groups. It returns the account's "default" DB subnet
// group when the instance goes there and the account has none yet, for
// the caller to store once the request has passed every check.
func (b *Backend) placement(p url.Values, a *account, inst *instance, e *engine) (*subnetGroup, error) {
	var err error
	if inst.port, err = intParam(p, "Port", e.port); err != nil {
		return nil, err
	}
	if err := checkPort(inst.port); err != nil {
		return nil, err
	}
	if inst.multiAZ, err = boolParam(p, "MultiAZ", false); err != nil {
		return nil, err
	}
	if p.Get("AvailabilityZone") != "" && inst.multiAZ {
		return nil, invalidCombination("Requesting a specific availability zone is not valid for Multi-AZ instances.")
	}
	if inst.publicAccess, err = boolParam(p, "PubliclyAccessible", false); err != nil {
		return nil, err
	}
	if inst.autoMinor, err = boolParam(p, "AutoMinorVersionUpgrade", true); err != nil {
		return nil, err
	}
	if err := b.groups(p, a, inst); err != nil {
		return nil, err
	}
	return b.place(p, a, inst)
}

// place puts inst in a zone: of its DB subnet group (DBSubnetGroupName,
// or else the default VPC's "default" group), or of the region for an
// instance with DB security groups, which is outside any VPC.
func (b *Backend) place(p url.Values, a *account, inst *instance) (*subnetGroup, error) {
	name, az := p.Get("DBSubnetGroupName"), p.Get("AvailabilityZone")
	if len(inst.secGroups) > 0 {
		if name != "" {
			return nil, invalidCombination("DB security groups cannot be used with a DB subnet group; give VpcSecurityGroupIds instead.")
		}
		zones := b.zones(a)
		if az == "" {
			az = zones[0]
		} else if !slices.Contains(zones, az) {
			return nil, invalidValue("Invalid availability zone: %s", az)
		}
		inst.az, inst.subnetGroup, inst.subnetID = az, "", ""
		return nil, nil
	}
	var g *subnetGroup
	stored := true
	if name != "" {
		var err error
		if g, err = a.subnetGroup(name); err != nil {
			return nil, err
		}
	} else if g, stored = b.defaultGroup(a); g == nil {
		return nil, invalidCombination("The account has no default VPC in %s; give DBSubnetGroupName.", a.region)
	}
	zones := g.zones()
	switch {
	case az == "":
		az = zones[0]
	case !slices.Contains(b.zones(a), az) && !slices.Contains(zones, az):
		return nil, invalidValue("Invalid availability zone: %s", az)
	case !slices.Contains(zones, az):
		return nil, invalidCombination("The DB subnet group %s has no subnet in the availability zone %s.", g.name, az)
	}
	s, _ := g.subnetIn(az)
	inst.az, inst.subnetGroup, inst.subnetID = az, g.name, s.ID
	if stored {
		return nil, nil
	}
	return g, nil
}

// groups reads DBSecurityGroups and VpcSecurityGroupIds into inst.
func (b *Backend) groups(p url.Values, a *account, inst *instance) error {
	sgs, vpcs := strList(p, "DBSecurityGroups"), strList(p, "VpcSecurityGroupIds")
	if len(sgs) > 0 && len(vpcs) > 0 {
		return invalidCombination("DB security groups and VPC security groups cannot be used together; use VPC security groups.")
	}
	if err := checkVpcGroups(vpcs); err != nil {
		return err
	}
	for i, name := range sgs {
		g, err := a.secGroup(name)
		if err != nil {
			return err
		}
		sgs[i] = g.name
	}
	if len(sgs) > 0 || len(vpcs) > 0 || inst.secGroups == nil && inst.vpcGroups == nil {
		inst.secGroups, inst.vpcGroups = sgs, vpcs
	}
	if inst.secGroups == nil && len(inst.vpcGroups) == 0 {
		inst.vpcGroups = []string{a.defaultVPCGroup()}
	}
	return nil
}

// defaultVPCGroup is the ID of the account's default VPC security group,
// which instances get when they name no groups.
func (a *account) defaultVPCGroup() string { return "sg-" + a.dnsSuffix[1:12] + "000000" }

// useParamGroup sets inst's parameter group, checking its family.
func (b *Backend) useParamGroup(a *account, inst *instance, name string) error {
	fam := b.catalog.familyOf(inst.engine, inst.version)
	if name == "" {
		inst.paramGroup = "default." + fam.name
		return nil
	}
	g, err := a.paramGroup(name)
	if err != nil {
		return err
	}
	if g.fam != fam {
		return invalidCombination("The parameter group %s with DBParameterGroupFamily %s can't be used for this instance. Use a parameter group with DBParameterGroupFamily %s.", g.name, g.fam.name, fam.name)
	}
	inst.paramGroup = g.name
	return nil
}

func (b *Backend) createDBInstance(r *fake.Request, a *account) (any, error) {
	p := r.Params
	id, err := required(p, "DBInstanceIdentifier")
	if err != nil {
		return nil, err
	}
	class, err := required(p, "DBInstanceClass")
	if err != nil {
		return nil, err
	}
	engName, err := required(p, "Engine")
	if err != nil {
		return nil, err
	}
	if err := checkIdentifier("DBInstanceIdentifier", id, 63); err != nil {
		return nil, err
	}
	e, err := b.catalog.engineOf(engName)
	if err != nil {
		return nil, err
	}
	inst := &instance{id: strings.ToLower(id), class: class, engine: e.name,
		masterUser: p.Get("MasterUsername"), dbName: p.Get("DBName"), created: b.now, pgStatus: "in-sync",
		backupWindow: "03:00-03:30", maintWindow: "sun:05:00-sun:05:30"}
	if inst.version, err = e.checkVersion(p.Get("EngineVersion")); err != nil {
		return nil, err
	}
	if err := b.catalog.checkClass(class, e, inst.version); err != nil {
		return nil, err
	}
	q, err := readStorage(p)
	if err != nil {
		return nil, err
	}
	st, err := e.resolveStorage(storageSpec{}, q)
	if err != nil {
		return nil, err
	}
	inst.setSpec(st)
	if err := e.checkUser(inst.masterUser); err != nil {
		return nil, err
	}
	if err := e.checkPassword(p.Get("MasterUserPassword")); err != nil {
		return nil, err
	}
	if err := b.settings(p, inst); err != nil {
		return nil, err
	}
	if err := b.useParamGroup(a, inst, p.Get("DBParameterGroupName")); err != nil {
		return nil, err
	}
	newGroup, err := b.placement(p, a, inst, e)
	if err != nil {
		return nil, err
	}
	if inst.tags, err = readTags(r); err != nil {
		return nil, err
	}
	if err := instanceFlags(p, inst); err != nil {
		return nil, err
	}
	if _, ok := a.instances[inst.id]; ok {
		return nil, alreadyExists(CodeDBInstanceAlreadyExists, "DB instance already exists")
	}
	inst.resourceID = b.resourceID() // only now: a refused request changes nothing
	a.instances[inst.id] = inst
	if newGroup != nil {
		a.subnetGroups[newGroup.name] = newGroup
	}
	b.launch(a, inst, "DB instance created")
	return done(instanceResult(a, inst))
}

// settings reads CreateDBInstance's backup retention and windows.
func (b *Backend) settings(p url.Values, inst *instance) error {
	var err error
	if inst.retention, err = intParam(p, "BackupRetentionPeriod", 1); err != nil {
		return err
	}
	if err := checkRetention(inst.retention); err != nil {
		return err
	}
	_, err = windows(p, inst)
	return err
}

// windows reads the backup and maintenance windows Create and Modify
// share into inst and reports whether either was given.
func windows(p url.Values, inst *instance) (bool, error) {
	given := false
	if v := p.Get("PreferredBackupWindow"); v != "" {
		if err := checkWindow("PreferredBackupWindow", v, false); err != nil {
			return false, err
		}
		inst.backupWindow, given = v, true
	}
	if v := p.Get("PreferredMaintenanceWindow"); v != "" {
		if err := checkWindow("PreferredMaintenanceWindow", v, true); err != nil {
			return false, err
		}
		inst.maintWindow, given = strings.ToLower(v), true
	}
	return given, nil
}

// launch starts a new instance's way creating → backing-up → available.
func (b *Backend) launch(a *account, inst *instance, done string) {
	inst.status = "creating"
	var auto *snapshot
	b.start(&inst.gen,
		func(at time.Time) {
			inst.status = "backing-up"
			inst.hasEndpoint = true
			inst.created = at
			a.event(at, "db-instance", inst.id, "backup", "Backing up DB instance")
			id := "rds:" + inst.id + "-" + at.UTC().Format("2006-01-02-15-04")
			if _, taken := a.snapshots[id]; b.auto && inst.retention > 0 && !taken {
				auto = a.newSnapshot(at, inst, id, "automated")
			}
		},
		func(at time.Time) {
			inst.status = "available"
			if auto != nil && a.snapshots[auto.id] == auto {
				auto.status, auto.progress, auto.created = "available", 100, at
				a.event(at, "db-snapshot", auto.id, "creation", "Automated snapshot created")
			}
			a.event(at, "db-instance", inst.id, "backup", "Finished DB Instance backup")
			a.event(at, "db-instance", inst.id, "creation", done)
		})
}

func (b *Backend) describeDBInstances(r *fake.Request, a *account) (any, error) {
	fs, err := filters(r.Params, "db-instance-id", "engine", "dbi-resource-id", "db-cluster-id")
	if err != nil {
		return nil, err
	}
	var list []*instance
	if id := r.Params.Get("DBInstanceIdentifier"); id != "" {
		inst, err := a.instance(id)
		if err != nil {
			return nil, err
		}
		list = []*instance{inst}
	} else {
		list = a.sortedInstances()
	}
	var out []instanceXML
	for _, inst := range list {
		if matchFilters(fs, func(name string) []string {
			switch name {
			case "db-instance-id":
				return []string{inst.id, a.arn("db", inst.id)}
			case "engine":
				return []string{inst.engine}
			case "dbi-resource-id":
				return []string{inst.resourceID}
			}
			return nil
		}) {
			out = append(out, a.instanceXML(inst))
		}
	}
	out, marker, err := page(r.Params, out)
	if err != nil {
		return nil, err
	}
	return done(struct {
		Marker      string        `xml:",omitempty"`
		DBInstances []instanceXML `xml:"DBInstances>DBInstance"`
	}{marker, out})
}

func (b *Backend) rebootDBInstance(r *fake.Request, a *account) (any, error) {
	id, err := required(r.Params, "DBInstanceIdentifier")
	if err != nil {
		return nil, err
	}
	inst, err := a.instance(id)
	if err != nil {
		return nil, err
	}
	failover, err := boolParam(r.Params, "ForceFailover", false)
	if err != nil {
		return nil, err
	}
	if err := available(inst); err != nil {
		return nil, err
	}
	if failover && !inst.multiAZ {
		return nil, invalidCombination("ForceFailover can be used with Multi-AZ DB instances only.")
	}
	inst.status = "rebooting"
	b.start(&inst.gen, func(at time.Time) {
		inst.status = "available"
		if inst.pgStatus == "pending-reboot" {
			inst.pgStatus = "in-sync"
		}
		a.event(at, "db-instance", inst.id, "availability", "DB instance restarted")
	})
	return done(instanceResult(a, inst))
}

func (b *Backend) deleteDBInstance(r *fake.Request, a *account) (any, error) {
	p := r.Params
	id, err := required(p, "DBInstanceIdentifier")
	if err != nil {
		return nil, err
	}
	skip, err := boolParam(p, "SkipFinalSnapshot", false)
	if err != nil {
		return nil, err
	}
	final := p.Get("FinalDBSnapshotIdentifier")
	switch {
	case !skip && final == "":
		return nil, invalidCombination("FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.")
	case skip && final != "":
		return nil, invalidCombination("FinalDBSnapshotIdentifier cannot be specified when SkipFinalSnapshot is true.")
	}
	inst, err := a.instance(id)
	if err != nil {
		return nil, err
	}
	if inst.protected {
		// RDS API Reference, DeleteDBInstance: an instance with deletion
		// protection can't be deleted; RDS answers so with this code.
		return nil, invalidCombination("Cannot delete protected DB Instance, please disable deletion protection and try again.")
	}
	if inst.status == "deleting" {
		return nil, badState(CodeInvalidDBInstanceState, "Instance %s is already being deleted.", inst.id)
	}
	var snap *snapshot
	if !skip {
		if err := checkIdentifier("FinalDBSnapshotIdentifier", final, 255); err != nil {
			return nil, err
		}
		if inst.status != "available" && inst.status != "backing-up" {
			return nil, badState(CodeInvalidDBInstanceState, "Database instance %s is %s; a final snapshot needs it available.", inst.id, inst.status)
		}
		if _, ok := a.snapshots[strings.ToLower(final)]; ok {
			return nil, alreadyExists(CodeDBSnapshotAlreadyExists, "Cannot create the snapshot because a snapshot with the identifier %s already exists.", final)
		}
		snap = a.newSnapshot(b.now, inst, strings.ToLower(final), "manual")
	}
	inst.status = "deleting"
	a.event(b.now, "db-instance", inst.id, "deletion", "DB instance is being deleted")
	steps := []func(time.Time){}
	if snap != nil {
		steps = append(steps, func(at time.Time) {
			snap.status, snap.progress = "available", 100
			a.event(at, "db-snapshot", snap.id, "creation", "Manual snapshot created")
		})
	}
	steps = append(steps, func(at time.Time) {
		delete(a.instances, inst.id)
		for id, s := range a.snapshots {
			if s.snapType == "automated" && s.instanceID == inst.id {
				delete(a.snapshots, id) // automated backups go with the instance
			}
		}
		a.event(at, "db-instance", inst.id, "deletion", "DB instance deleted")
	})
	x := a.instanceXML(inst)
	b.start(&inst.gen, steps...)
	return done(struct{ DBInstance instanceXML }{x})
}

// instanceFlags reads the settings Create, Restore and Modify share that
// the fake keeps and reports but that change nothing else here:
// CopyTagsToSnapshot, DeletionProtection and
// EnableIAMDatabaseAuthentication. Absent ones keep inst's values.
func instanceFlags(p url.Values, inst *instance) error {
	for _, f := range []struct {
		name string
		v    *bool
	}{
		{"CopyTagsToSnapshot", &inst.copyTags},
		{"DeletionProtection", &inst.protected},
		{"EnableIAMDatabaseAuthentication", &inst.iamAuth},
	} {
		v, err := boolParam(p, f.name, *f.v)
		if err != nil {
			return err
		}
		*f.v = v
	}
	return nil
}
