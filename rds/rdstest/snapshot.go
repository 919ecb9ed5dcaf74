package rdstest

import (
	"slices"
	"strings"
	"time"
)

// snapshot is a DB snapshot, owned by one account and shared with others
// through its restore attribute.
type snapshot struct {
	gen         int
	id          string
	owner       *account
	instanceID  string
	created     time.Time
	instCreated time.Time
	engine      string
	version     string
	masterUser  string
	class       string
	storage     int
	storageType string
	iops        int
	throughput  int
	port        int
	az          string
	status      string // creating, available
	progress    int
	snapType    string // manual or automated
	source      string // the ARN a copy was made from
	resourceID  string
	restore     []string // account IDs, or "all"
	tags        tagList
	iamAuth     bool
}

// newSnapshot records a snapshot of inst, creating at time at, under id.
func (a *account) newSnapshot(at time.Time, inst *instance, id, snapType string) *snapshot {
	s := &snapshot{id: id, owner: a, instanceID: inst.id, created: at, instCreated: inst.created,
		engine: inst.engine, version: inst.version, masterUser: inst.masterUser, class: inst.class,
		storage: inst.storage, storageType: inst.storageType, iops: inst.iops, throughput: inst.throughput, port: inst.port, az: inst.az,
		status: "creating", snapType: snapType, resourceID: inst.resourceID, iamAuth: inst.iamAuth}
	if inst.copyTags {
		s.tags = slices.Clone(inst.tags)
	}
	a.snapshots[id] = s
	a.event(at, "db-snapshot", id, "creation", "Creating "+snapType+" snapshot")
	return s
}

func (s *snapshot) arn() string { return s.owner.arn("snapshot", s.id) }

// sharedWith reports whether s's restore attribute lets account use it;
// public (shared with "all") snapshots count when public is true.
func (s *snapshot) sharedWith(account string, public bool) bool {
	return slices.Contains(s.restore, account) || public && slices.Contains(s.restore, "all")
}

// snapshot looks a snapshot up as the caller a sees it: its own by
// identifier or ARN, another account's by ARN when shared with a.
func (b *Backend) snapshot(a *account, id string) (*snapshot, error) {
	key := strings.ToLower(id)
	if !strings.HasPrefix(key, "arn:") {
		if s, ok := a.snapshots[key]; ok {
			return s, nil
		}
		return nil, snapshotNotFound(id)
	}
	parts := strings.Split(id, ":")
	if len(parts) != 7 || parts[0] != "arn" || parts[2] != "rds" || parts[5] != "snapshot" || parts[3] != a.region {
		return nil, snapshotNotFound(id)
	}
	owner, ok := b.scopes.Lookup(parts[4], parts[3])
	if !ok {
		return nil, snapshotNotFound(id)
	}
	s, ok := owner.snapshots[strings.ToLower(parts[6])]
	if !ok || owner != a && !s.sharedWith(a.id, true) {
		return nil, snapshotNotFound(id)
	}
	return s, nil
}

// ownSnapshot is snapshot restricted to the caller's own snapshots, for
// the actions only an owner may take.
func (b *Backend) ownSnapshot(a *account, id string) (*snapshot, error) {
	s, err := b.snapshot(a, id)
	if err != nil {
		return nil, err
	}
	if s.owner != a {
		return nil, snapshotNotFound(id)
	}
	return s, nil
}

func snapshotNotFound(id string) error {
	return notFound(CodeDBSnapshotNotFound, "DBSnapshot %s not found.", id)
}

type snapshotXML struct {
	DBSnapshotIdentifier             string
	DBInstanceIdentifier             string
	SnapshotCreateTime               string `xml:",omitempty"`
	Engine                           string
	AllocatedStorage                 int
	Status                           string
	Port                             int
	AvailabilityZone                 string
	InstanceCreateTime               string
	MasterUsername                   string
	EngineVersion                    string
	LicenseModel                     string
	SnapshotType                     string
	PercentProgress                  int
	SourceRegion                     string `xml:",omitempty"`
	SourceDBSnapshotIdentifier       string `xml:",omitempty"`
	StorageType                      string
	Iops                             int `xml:",omitempty"`
	StorageThroughput                int `xml:",omitempty"`
	Encrypted                        bool
	DBSnapshotArn                    string
	IAMDatabaseAuthenticationEnabled bool
	DbiResourceID                    string   `xml:"DbiResourceId"`
	TagList                          []tagXML `xml:"TagList>Tag"`
}

// snapshotXML renders s for caller: another account's snapshot is named
// by its ARN and has the type "shared" or "public", as RDS shows it.
func (s *snapshot) xml(caller *account) snapshotXML {
	x := snapshotXML{DBSnapshotIdentifier: s.id, DBInstanceIdentifier: s.instanceID, Engine: s.engine,
		AllocatedStorage: s.storage, Status: s.status, Port: s.port, AvailabilityZone: s.az,
		InstanceCreateTime: stamp(s.instCreated), MasterUsername: s.masterUser, EngineVersion: s.version,
		LicenseModel: licenseModel(s.engine), SnapshotType: s.snapType, PercentProgress: s.progress,
		SourceDBSnapshotIdentifier: s.source, StorageType: s.storageType, DBSnapshotArn: s.arn(),
		Iops: s.iops, StorageThroughput: s.throughput,
		DbiResourceID: s.resourceID, IAMDatabaseAuthenticationEnabled: s.iamAuth}
	if s.status != "creating" {
		x.SnapshotCreateTime = stamp(s.created)
	}
	if s.source != "" {
		x.SourceRegion = s.owner.region
	}
	if s.owner == caller {
		x.TagList = s.tags.xml() // tags are the owner's own business
	}
	if s.owner != caller {
		x.DBSnapshotIdentifier = s.arn()
		x.SnapshotType = "shared"
		if !slices.Contains(s.restore, caller.id) {
			x.SnapshotType = "public"
		}
	}
	return x
}

// finish queues s's step from creating to available.
func (b *Backend) finish(s *snapshot, message string) {
	b.start(&s.gen, func(at time.Time) {
		s.status, s.progress, s.created = "available", 100, at
		s.owner.event(at, "db-snapshot", s.id, "creation", message)
	})
}
