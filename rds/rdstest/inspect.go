package rdstest

import (
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// DBInstanceInfo is what a test can see of a DB instance without a client.
type DBInstanceInfo struct {
	ID                    string // DBInstanceIdentifier, lower case as RDS keeps it
	ARN                   string
	Status                string // creating, backing-up, available, modifying, rebooting, deleting
	Class                 string // db.t3.micro, ...
	Engine                string // mysql, postgres or mariadb
	EngineVersion         string
	MasterUsername        string
	DBName                string
	AllocatedStorage      int // GiB
	StorageType           string
	Iops                  int // gp3 only
	StorageThroughput     int // gp3 only, MiBps
	AvailabilityZone      string
	MultiAZ               bool
	Port                  int
	Endpoint              string // host:port once the instance has one
	ParameterGroup        string
	ParameterApplyStatus  string   // in-sync, applying, pending-reboot
	SecurityGroups        []string // DB security group names
	VPCSecurityGroupIDs   []string
	SubnetGroup           string // DB subnet group name; "" outside a VPC (DB security groups)
	SubnetID              string // the group's subnet the instance runs in
	BackupRetentionPeriod int    // days
	BackupWindow          string
	MaintenanceWindow     string
	CopyTagsToSnapshot    bool
	DeletionProtection    bool
	IAMAuthentication     bool
	PendingChanges        bool // modifications wait for the maintenance window (RunMaintenance)
	Tags                  map[string]string
}

// DBSnapshotInfo is what a test can see of a DB snapshot without a client.
type DBSnapshotInfo struct {
	ID               string
	ARN              string
	InstanceID       string
	Status           string // creating, available
	Type             string // manual or automated
	Engine           string
	EngineVersion    string
	AllocatedStorage int
	SourceARN        string   // the snapshot this one was copied from
	SharedWith       []string // account IDs with the restore attribute, sorted
	Public           bool     // shared with "all"
	Tags             map[string]string
}

// ParameterGroupInfo is what a test can see of a DB parameter group.
type ParameterGroupInfo struct {
	Name        string
	ARN         string
	Family      string // mysql8.0, postgres16, mariadb11.4, ...
	Description string
	Default     bool // default.<family>, which cannot be changed
	Tags        map[string]string
}

// DBSecurityGroupInfo is what a test can see of a DB security group.
type DBSecurityGroupInfo struct {
	Name        string
	ARN         string
	Description string
	Owner       string
	IPRanges    map[string]string // CIDR -> authorizing, authorized or revoking
	// EC2Groups maps "<owner>/<name or ID>" to the rule's status.
	EC2Groups map[string]string
	Tags      map[string]string
}

// DBInstanceSpec describes an instance for AddDBInstance. Zero fields take
// the defaults CreateDBInstance gives them.
type DBInstanceSpec struct {
	ID               string // required
	Engine           string // mysql (the default), postgres or mariadb
	EngineVersion    string
	Class            string // db.t3.micro by default
	AllocatedStorage int    // 20 GiB by default
	StorageType      string
	MasterUsername   string // admin by default
	DBName           string
	ParameterGroup   string
	SubnetGroup      string // DBSubnetGroupName; "" for the default VPC's "default" group
	MultiAZ          bool
	Tags             map[string]string
}

// DBInstances returns account's DB instances in region, sorted by
// identifier.
func (b *Backend) DBInstances(account, region string) []DBInstanceInfo {
	a, unlock := b.lookup(account, region)
	defer unlock()
	var out []DBInstanceInfo
	for _, inst := range a.sortedInstances() {
		out = append(out, a.instanceInfo(inst))
	}
	return out
}

// DBInstance returns account's DB instance id in region, and whether it
// exists.
func (b *Backend) DBInstance(account, region, id string) (DBInstanceInfo, bool) {
	a, unlock := b.lookup(account, region)
	defer unlock()
	if inst, ok := a.instances[strings.ToLower(id)]; ok {
		return a.instanceInfo(inst), true
	}
	return DBInstanceInfo{}, false
}

// AddDBInstance creates an instance for account in region as
// CreateDBInstance would, with the same checks, and makes it available at
// once: a test can start from it without waiting. It returns the fake's
// RDS error (a *fake.Error with RDS's code) when CreateDBInstance would
// refuse the spec.
func (b *Backend) AddDBInstance(account, region string, spec DBInstanceSpec) (DBInstanceInfo, error) {
	p := url.Values{"DBInstanceIdentifier": {spec.ID}, "Engine": {or(spec.Engine, "mysql")},
		"DBInstanceClass": {or(spec.Class, "db.t3.micro")}, "MasterUsername": {or(spec.MasterUsername, "admin")},
		"AllocatedStorage": {strconv.Itoa(spec.AllocatedStorage)}, "MasterUserPassword": {"seeded-password"},
		"MultiAZ": {strconv.FormatBool(spec.MultiAZ)}}
	if spec.AllocatedStorage == 0 {
		p.Set("AllocatedStorage", "20")
	}
	for k, v := range map[string]string{"EngineVersion": spec.EngineVersion, "StorageType": spec.StorageType,
		"DBName": spec.DBName, "DBParameterGroupName": spec.ParameterGroup, "DBSubnetGroupName": spec.SubnetGroup} {
		if v != "" {
			p.Set(k, v)
		}
	}
	setTags(p, spec.Tags)
	a, unlock, err := b.seed(account, region, "CreateDBInstance", p)
	defer unlock()
	if err != nil {
		return DBInstanceInfo{}, err
	}
	inst := a.instances[strings.ToLower(spec.ID)]
	inst.gen++ // drops the queued creation
	inst.status, inst.hasEndpoint = "available", true
	a.event(b.now, "db-instance", inst.id, "creation", "DB instance created")
	return a.instanceInfo(inst), nil
}

// DBSnapshots returns the snapshots account owns in region, sorted by
// identifier.
func (b *Backend) DBSnapshots(account, region string) []DBSnapshotInfo {
	a, unlock := b.lookup(account, region)
	defer unlock()
	var out []DBSnapshotInfo
	for _, s := range byKey(a.snapshots) {
		out = append(out, s.info())
	}
	return out
}

// DBSnapshot returns account's snapshot id in region, and whether it
// exists.
func (b *Backend) DBSnapshot(account, region, id string) (DBSnapshotInfo, bool) {
	a, unlock := b.lookup(account, region)
	defer unlock()
	if s, ok := a.snapshots[strings.ToLower(id)]; ok {
		return s.info(), true
	}
	return DBSnapshotInfo{}, false
}

// AddDBSnapshot takes a manual snapshot id of account's instance in
// region, as CreateDBSnapshot would, and makes it available at once,
// leaving the instance as it was. Tags are the snapshot's (without any,
// CopyTagsToSnapshot decides, as on RDS).
func (b *Backend) AddDBSnapshot(account, region, instanceID, id string, tags map[string]string) (DBSnapshotInfo, error) {
	p := url.Values{"DBInstanceIdentifier": {instanceID}, "DBSnapshotIdentifier": {id}}
	setTags(p, tags)
	a, unlock, err := b.seed(account, region, "CreateDBSnapshot", p)
	defer unlock()
	if err != nil {
		return DBSnapshotInfo{}, err
	}
	s := a.snapshots[strings.ToLower(id)]
	inst := a.instances[s.instanceID]
	inst.gen++ // drops the backing-up step
	inst.status = "available"
	s.gen++
	s.status, s.progress, s.created = "available", 100, b.now
	a.event(b.now, "db-snapshot", s.id, "creation", "Manual snapshot created")
	return s.info(), nil
}

// ParameterGroups returns account's DB parameter groups in region, the
// default ones included, sorted by name.
func (b *Backend) ParameterGroups(account, region string) []ParameterGroupInfo {
	a, unlock := b.lookupAll(account, region)
	defer unlock()
	var out []ParameterGroupInfo
	for _, g := range byKey(a.paramGroups) {
		out = append(out, a.paramGroupInfo(g))
	}
	return out
}

// ParameterGroup returns account's parameter group name in region, and
// whether it exists.
func (b *Backend) ParameterGroup(account, region, name string) (ParameterGroupInfo, bool) {
	a, unlock := b.lookupAll(account, region)
	defer unlock()
	if g, ok := a.paramGroups[strings.ToLower(name)]; ok {
		return a.paramGroupInfo(g), true
	}
	return ParameterGroupInfo{}, false
}

// ParameterValues returns the values of account's parameter group name
// in region, by parameter name, as DescribeDBParameters reports them
// (parameters without a value are left out), and whether the group
// exists.
func (b *Backend) ParameterValues(account, region, name string) (map[string]string, bool) {
	a, unlock := b.lookupAll(account, region)
	defer unlock()
	g, ok := a.paramGroups[strings.ToLower(name)]
	if !ok {
		return nil, false
	}
	out := map[string]string{}
	for _, p := range g.params {
		if p.Value != "" {
			out[p.Name] = p.Value
		}
	}
	return out, true
}

// AddParameterGroup creates a DB parameter group for account in region as
// CreateDBParameterGroup would, with the same checks.
func (b *Backend) AddParameterGroup(account, region, name, family, description string, tags map[string]string) (ParameterGroupInfo, error) {
	p := url.Values{"DBParameterGroupName": {name}, "DBParameterGroupFamily": {family}, "Description": {description}}
	setTags(p, tags)
	a, unlock, err := b.seed(account, region, "CreateDBParameterGroup", p)
	defer unlock()
	if err != nil {
		return ParameterGroupInfo{}, err
	}
	return a.paramGroupInfo(a.paramGroups[strings.ToLower(name)]), nil
}

// DBSecurityGroups returns account's DB security groups in region, the
// default one included, sorted by name.
func (b *Backend) DBSecurityGroups(account, region string) []DBSecurityGroupInfo {
	a, unlock := b.lookupAll(account, region)
	defer unlock()
	var out []DBSecurityGroupInfo
	for _, g := range byKey(a.secGroups) {
		out = append(out, a.secGroupInfo(g))
	}
	return out
}

// DBSecurityGroup returns account's DB security group name in region, and
// whether it exists.
func (b *Backend) DBSecurityGroup(account, region, name string) (DBSecurityGroupInfo, bool) {
	a, unlock := b.lookupAll(account, region)
	defer unlock()
	if g, ok := a.secGroups[strings.ToLower(name)]; ok {
		return a.secGroupInfo(g), true
	}
	return DBSecurityGroupInfo{}, false
}

// AddDBSecurityGroup creates a DB security group for account in region as
// CreateDBSecurityGroup would, with the same checks.
func (b *Backend) AddDBSecurityGroup(account, region, name, description string, tags map[string]string) (DBSecurityGroupInfo, error) {
	p := url.Values{"DBSecurityGroupName": {name}, "DBSecurityGroupDescription": {description}}
	setTags(p, tags)
	a, unlock, err := b.seed(account, region, "CreateDBSecurityGroup", p)
	defer unlock()
	if err != nil {
		return DBSecurityGroupInfo{}, err
	}
	return a.secGroupInfo(a.secGroups[strings.ToLower(name)]), nil
}

// Tags returns the tags of the resource arn names (an instance, snapshot,
// parameter group or DB security group of account in region, as
// ListTagsForResource finds it), and whether it exists.
func (b *Backend) Tags(account, region, arn string) (map[string]string, bool) {
	a, unlock := b.lookupAll(account, region)
	defer unlock()
	ts, err := b.tagged(a, arn)
	if err != nil {
		return nil, false
	}
	return ts.tagMap(), true
}

// AddTags sets tags on the resource arn names, as AddTagsToResource
// would, with the same checks.
func (b *Backend) AddTags(account, region, arn string, tags map[string]string) error {
	p := url.Values{"ResourceName": {arn}}
	setTags(p, tags)
	_, unlock, err := b.seed(account, region, "AddTagsToResource", p)
	unlock()
	return err
}

// lookup locks the backend and returns account's state in region,
// empty when the account has not used the region, and the unlock.
func (b *Backend) lookup(accountID, region string) (*account, func()) {
	b.mu.Lock()
	a, ok := b.scopes.Lookup(accountID, region)
	if !ok {
		a = &account{} // no instances, no snapshots
	}
	return a, b.mu.Unlock
}

// lookupAll is lookup for what every region has from the start (the
// default groups): an unused region is made as a request would make it.
func (b *Backend) lookupAll(accountID, region string) (*account, func()) {
	b.mu.Lock()
	return b.scopes.Get(accountID, region), b.mu.Unlock
}

// seed locks the backend and serves op with params as accountID's
// request in region, for the caller to finish under the lock; it returns
// the account's state and the unlock.
func (b *Backend) seed(accountID, region, op string, params url.Values) (*account, func(), error) {
	b.mu.Lock()
	b.stepTime()
	a := b.scopes.Get(accountID, region)
	r := &fake.Request{Service: "rds", Operation: op, Params: params, Region: region,
		Credential: fake.Credential{AccountID: accountID}, Now: b.now}
	_, err := b.actions[op](r, a)
	return a, b.mu.Unlock, err
}

// setTags writes tags as Tags.Tag.N, sorted by key.
func setTags(p url.Values, tags map[string]string) {
	for i, k := range slices.Sorted(maps.Keys(tags)) {
		n := "Tags.Tag." + strconv.Itoa(i+1)
		p.Set(n+".Key", k)
		p.Set(n+".Value", tags[k])
	}
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func (ts tagList) tagMap() map[string]string {
	out := make(map[string]string, len(ts))
	for _, t := range ts {
		out[t.key] = t.value
	}
	return out
}

func (a *account) instanceInfo(inst *instance) DBInstanceInfo {
	info := DBInstanceInfo{ID: inst.id, ARN: a.arn("db", inst.id), Status: inst.status, Class: inst.class,
		Engine: inst.engine, EngineVersion: inst.version, MasterUsername: inst.masterUser, DBName: inst.dbName,
		AllocatedStorage: inst.storage, StorageType: inst.storageType, Iops: inst.iops, StorageThroughput: inst.throughput,
		AvailabilityZone: inst.az, MultiAZ: inst.multiAZ, Port: inst.port, ParameterGroup: inst.paramGroup,
		ParameterApplyStatus: inst.pgStatus, SecurityGroups: slices.Clone(inst.secGroups),
		VPCSecurityGroupIDs: slices.Clone(inst.vpcGroups), BackupRetentionPeriod: inst.retention,
		BackupWindow: inst.backupWindow, MaintenanceWindow: inst.maintWindow, CopyTagsToSnapshot: inst.copyTags,
		DeletionProtection: inst.protected, IAMAuthentication: inst.iamAuth, PendingChanges: !inst.pending.empty(),
		Tags: inst.tags.tagMap(), SubnetGroup: inst.subnetGroup, SubnetID: inst.subnetID}
	if inst.hasEndpoint {
		info.Endpoint = inst.id + "." + a.dnsSuffix + ":" + strconv.Itoa(inst.port)
	}
	return info
}

func (s *snapshot) info() DBSnapshotInfo {
	info := DBSnapshotInfo{ID: s.id, ARN: s.arn(), InstanceID: s.instanceID, Status: s.status, Type: s.snapType,
		Engine: s.engine, EngineVersion: s.version, AllocatedStorage: s.storage, SourceARN: s.source, Tags: s.tags.tagMap()}
	for _, v := range s.restore {
		if v == "all" {
			info.Public = true
		} else {
			info.SharedWith = append(info.SharedWith, v)
		}
	}
	slices.Sort(info.SharedWith)
	return info
}

func (a *account) paramGroupInfo(g *paramGroup) ParameterGroupInfo {
	return ParameterGroupInfo{Name: g.name, ARN: a.arn("pg", g.name), Family: g.fam.name, Description: g.description,
		Default: g.isDefault, Tags: g.tags.tagMap()}
}

func (a *account) secGroupInfo(g *secGroup) DBSecurityGroupInfo {
	info := DBSecurityGroupInfo{Name: g.name, ARN: a.arn("secgrp", g.name), Description: g.description, Owner: g.owner,
		IPRanges: map[string]string{}, EC2Groups: map[string]string{}, Tags: g.tags.tagMap()}
	for _, r := range g.ipRanges {
		info.IPRanges[r.cidr] = r.status
	}
	for _, e := range g.ec2Groups {
		info.EC2Groups[e.owner+"/"+or(e.name, e.id)] = e.status
	}
	return info
}
