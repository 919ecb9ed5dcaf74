package rdstest

import (
	"strings"
	"time"
)

// instance is a DB instance.
type instance struct {
	gen          int // transition generation (clock.go)
	id           string
	class        string
	engine       string
	version      string
	status       string
	masterUser   string
	dbName       string
	storage      int
	storageType  string
	iops         int // gp3's baseline or provisioned IOPS; 0 for gp2
	throughput   int // gp3's storage throughput in MiBps; 0 for gp2
	created      time.Time
	stoppedAt    time.Time // when it last stopped; zero unless stopped
	backupWindow string
	maintWindow  string
	retention    int
	secGroups    []string // DB security group names
	vpcGroups    []string // VPC security group IDs
	subnetGroup  string   // DB subnet group name; "" with DB security groups (EC2-Classic)
	subnetID     string   // the subnet of the group the instance runs in
	paramGroup   string
	pgStatus     string // in-sync, applying, pending-reboot
	az           string
	multiAZ      bool
	port         int
	hasEndpoint  bool
	publicAccess bool
	autoMinor    bool
	resourceID   string
	pending      pendingValues
	tags         tagList
	copyTags     bool // CopyTagsToSnapshot
	protected    bool // DeletionProtection
	iamAuth      bool // IAMDatabaseAuthenticationEnabled
}

// pendingValues are modifications waiting for the maintenance window.
type pendingValues struct {
	class       string
	storage     int
	storageType string
	iops        int
	throughput  int
	password    bool
	retention   *int
	multiAZ     *bool
	version     string
}

func (p pendingValues) empty() bool { return p == pendingValues{} }

// applyPending moves the pending values onto inst.
func (inst *instance) applyPending() {
	p := inst.pending
	if p.class != "" {
		inst.class = p.class
	}
	if p.storage != 0 {
		inst.storage = p.storage
	}
	if p.storageType != "" {
		inst.storageType = p.storageType
		if p.storageType == "gp2" {
			inst.iops, inst.throughput = 0, 0
		}
	}
	if p.iops != 0 {
		inst.iops = p.iops
	}
	if p.throughput != 0 {
		inst.throughput = p.throughput
	}
	if p.retention != nil {
		inst.retention = *p.retention
	}
	if p.multiAZ != nil {
		inst.multiAZ = *p.multiAZ
	}
	if p.version != "" {
		inst.version = p.version
	}
	inst.pending = pendingValues{}
}

type endpointXML struct {
	Address      string
	Port         int
	HostedZoneID string `xml:"HostedZoneId"`
}

type pendingXML struct {
	DBInstanceClass       string `xml:",omitempty"`
	AllocatedStorage      int    `xml:",omitempty"`
	StorageType           string `xml:",omitempty"`
	Iops                  int    `xml:",omitempty"`
	StorageThroughput     int    `xml:",omitempty"`
	MasterUserPassword    string `xml:",omitempty"`
	BackupRetentionPeriod *int   `xml:",omitempty"`
	MultiAZ               *bool  `xml:",omitempty"`
	EngineVersion         string `xml:",omitempty"`
}

type secGroupMembershipXML struct {
	DBSecurityGroupName string
	Status              string
}

type vpcGroupMembershipXML struct {
	VpcSecurityGroupID string `xml:"VpcSecurityGroupId"`
	Status             string
}

type paramGroupStatusXML struct {
	DBParameterGroupName string
	ParameterApplyStatus string
}

type instanceXML struct {
	DBInstanceIdentifier             string
	DBInstanceClass                  string
	Engine                           string
	DBInstanceStatus                 string
	MasterUsername                   string
	DBName                           string       `xml:",omitempty"`
	Endpoint                         *endpointXML `xml:",omitempty"`
	AllocatedStorage                 int
	InstanceCreateTime               string `xml:",omitempty"`
	PreferredBackupWindow            string
	BackupRetentionPeriod            int
	DBSecurityGroups                 []secGroupMembershipXML `xml:"DBSecurityGroups>DBSecurityGroup"`
	VpcSecurityGroups                []vpcGroupMembershipXML `xml:"VpcSecurityGroups>VpcSecurityGroupMembership"`
	DBSubnetGroup                    *subnetGroupXML         `xml:",omitempty"`
	DBParameterGroups                []paramGroupStatusXML   `xml:"DBParameterGroups>DBParameterGroup"`
	AvailabilityZone                 string
	PreferredMaintenanceWindow       string
	PendingModifiedValues            pendingXML
	MultiAZ                          bool
	EngineVersion                    string
	AutoMinorVersionUpgrade          bool
	SecondaryAvailabilityZone        string `xml:",omitempty"`
	LicenseModel                     string
	PubliclyAccessible               bool
	StorageType                      string
	Iops                             int `xml:",omitempty"` // gp3 (and io1/io2) only, as RDS reports it
	StorageThroughput                int `xml:",omitempty"`
	DbInstancePort                   int
	StorageEncrypted                 bool
	DbiResourceID                    string `xml:"DbiResourceId"`
	DBInstanceArn                    string
	IAMDatabaseAuthenticationEnabled bool
	CopyTagsToSnapshot               bool
	DeletionProtection               bool
	TagList                          []tagXML `xml:"TagList>Tag"`
}

func (a *account) instanceXML(inst *instance) instanceXML {
	x := instanceXML{
		DBInstanceIdentifier: inst.id, DBInstanceClass: inst.class, Engine: inst.engine, DBInstanceStatus: inst.status,
		MasterUsername: inst.masterUser, DBName: inst.dbName, AllocatedStorage: inst.storage,
		PreferredBackupWindow: inst.backupWindow, BackupRetentionPeriod: inst.retention,
		AvailabilityZone: inst.az, PreferredMaintenanceWindow: inst.maintWindow, MultiAZ: inst.multiAZ,
		EngineVersion: inst.version, AutoMinorVersionUpgrade: inst.autoMinor, LicenseModel: licenseModel(inst.engine),
		PubliclyAccessible: inst.publicAccess, StorageType: inst.storageType, DbiResourceID: inst.resourceID,
		Iops: inst.iops, StorageThroughput: inst.throughput,
		DBInstanceArn:                    a.arn("db", inst.id),
		IAMDatabaseAuthenticationEnabled: inst.iamAuth, CopyTagsToSnapshot: inst.copyTags,
		DeletionProtection: inst.protected, TagList: inst.tags.xml(),
		DBParameterGroups: []paramGroupStatusXML{{inst.paramGroup, inst.pgStatus}},
	}
	zones := []string{a.region + "a", a.region + "b"}
	if g, ok := a.subnetGroups[inst.subnetGroup]; ok {
		gx := a.subnetGroupXML(g)
		x.DBSubnetGroup, zones = &gx, g.zones()
	}
	if inst.multiAZ {
		// The standby is in another zone of the instance's subnet group.
		for _, z := range zones {
			if z != inst.az {
				x.SecondaryAvailabilityZone = z
				break
			}
		}
	}
	if inst.hasEndpoint {
		x.Endpoint = &endpointXML{Address: inst.id + "." + a.dnsSuffix, Port: inst.port, HostedZoneID: "Z2R2ITUGPM61AM"}
		x.InstanceCreateTime = stamp(inst.created)
	}
	for _, g := range inst.secGroups {
		x.DBSecurityGroups = append(x.DBSecurityGroups, secGroupMembershipXML{g, "active"})
	}
	for _, g := range inst.vpcGroups {
		x.VpcSecurityGroups = append(x.VpcSecurityGroups, vpcGroupMembershipXML{g, "active"})
	}
	p := inst.pending
	x.PendingModifiedValues = pendingXML{DBInstanceClass: p.class, AllocatedStorage: p.storage,
		StorageType: p.storageType, Iops: p.iops, StorageThroughput: p.throughput,
		BackupRetentionPeriod: p.retention, MultiAZ: p.multiAZ, EngineVersion: p.version}
	if p.password {
		x.PendingModifiedValues.MasterUserPassword = "****"
	}
	return x
}

func licenseModel(engine string) string {
	if engine == "postgres" {
		return "postgresql-license"
	}
	return "general-public-license"
}

// instance looks an instance up by identifier or ARN.
func (a *account) instance(id string) (*instance, error) {
	key := strings.ToLower(id)
	if strings.HasPrefix(key, "arn:") {
		key = strings.ToLower(strings.TrimPrefix(id, a.arn("db", "")))
	}
	if inst, ok := a.instances[key]; ok {
		return inst, nil
	}
	return nil, notFound(CodeDBInstanceNotFound, "DBInstance %s not found.", id)
}

// sortedInstances returns a's instances by identifier.
func (a *account) sortedInstances() []*instance { return byKey(a.instances) }

// paramGroupChanged tells the instances using g that its parameters
// changed: those needing a reboot become pending-reboot, the others apply
// the change (applying → in-sync).
func (b *Backend) paramGroupChanged(a *account, g *paramGroup, reboot bool) {
	for _, inst := range a.sortedInstances() {
		if inst.paramGroup != g.name || inst.pgStatus == "pending-reboot" {
			continue
		}
		if reboot {
			inst.pgStatus = "pending-reboot"
			continue
		}
		inst.pgStatus = "applying"
		b.start(nil, func(time.Time) {
			if inst.pgStatus == "applying" {
				inst.pgStatus = "in-sync"
			}
		})
	}
}
