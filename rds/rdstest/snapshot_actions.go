package rdstest

import (
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

func (b *Backend) snapshotActions() map[string]action {
	return map[string]action{
		"CreateDBSnapshot":                b.createDBSnapshot,
		"DescribeDBSnapshots":             b.describeDBSnapshots,
		"CopyDBSnapshot":                  b.copyDBSnapshot,
		"DeleteDBSnapshot":                b.deleteDBSnapshot,
		"RestoreDBInstanceFromDBSnapshot": b.restoreDBInstanceFromDBSnapshot,
		"ModifyDBSnapshotAttribute":       b.modifyDBSnapshotAttribute,
		"DescribeDBSnapshotAttributes":    b.describeDBSnapshotAttributes,
	}
}

func snapshotResult(a *account, s *snapshot) any {
	return struct{ DBSnapshot snapshotXML }{s.xml(a)}
}

// newSnapshotID checks a new snapshot identifier of account a.
func newSnapshotID(a *account, param, id string) (string, error) {
	if err := checkIdentifier(param, id, 255); err != nil {
		return "", err
	}
	id = strings.ToLower(id)
	if _, ok := a.snapshots[id]; ok {
		return "", alreadyExists(CodeDBSnapshotAlreadyExists, "Cannot create the snapshot because a snapshot with the identifier %s already exists.", id)
	}
	return id, nil
}

func (b *Backend) createDBSnapshot(r *fake.Request, a *account) (any, error) {
	id, err := required(r.Params, "DBSnapshotIdentifier")
	if err != nil {
		return nil, err
	}
	instID, err := required(r.Params, "DBInstanceIdentifier")
	if err != nil {
		return nil, err
	}
	if id, err = newSnapshotID(a, "DBSnapshotIdentifier", id); err != nil {
		return nil, err
	}
	tags, err := readTags(r)
	if err != nil {
		return nil, err
	}
	inst, err := a.instance(instID)
	if err != nil {
		return nil, err
	}
	if err := available(inst); err != nil {
		return nil, err
	}
	s := a.newSnapshot(b.now, inst, id, "manual")
	if len(tags) > 0 {
		// Tags given here replace those CopyTagsToSnapshot would copy
		// (RDS User Guide, "Copying tags to DB instance snapshots").
		s.tags = tags
	}
	inst.status = "backing-up"
	b.start(&inst.gen, func(time.Time) { inst.status = "available" })
	b.finish(s, "Manual snapshot created")
	return done(snapshotResult(a, s))
}

func (b *Backend) describeDBSnapshots(r *fake.Request, a *account) (any, error) {
	p := r.Params
	fs, err := filters(p, "db-instance-id", "db-snapshot-id", "dbi-resource-id", "snapshot-type", "engine")
	if err != nil {
		return nil, err
	}
	shared, err := boolParam(p, "IncludeShared", false)
	if err != nil {
		return nil, err
	}
	public, err := boolParam(p, "IncludePublic", false)
	if err != nil {
		return nil, err
	}
	typ := p.Get("SnapshotType")
	if typ != "" && !slices.Contains([]string{"manual", "automated", "shared", "public", "awsbackup"}, typ) {
		return nil, invalidValue("Invalid value %s for SnapshotType.", typ)
	}
	var list []*snapshot
	if id := p.Get("DBSnapshotIdentifier"); id != "" {
		s, err := b.snapshot(a, id)
		if err != nil {
			return nil, err
		}
		list = []*snapshot{s}
	} else {
		list = b.visibleSnapshots(a)
	}
	var out []snapshotXML
	for _, s := range list {
		x := s.xml(a)
		keep := false
		switch typ {
		case "":
			keep = s.owner == a || x.SnapshotType == "shared" && shared || x.SnapshotType == "public" && public
		case "shared", "public":
			keep = x.SnapshotType == typ
		default:
			keep = x.SnapshotType == typ || shared && x.SnapshotType == "shared" && s.snapType == typ
		}
		if p.Get("DBSnapshotIdentifier") != "" && typ == "" {
			keep = true // asked for by name
		}
		if id := p.Get("DBInstanceIdentifier"); id != "" && !strings.EqualFold(id, s.instanceID) {
			keep = false
		}
		keep = keep && matchFilters(fs, func(name string) []string {
			switch name {
			case "db-instance-id":
				return []string{s.instanceID, s.owner.arn("db", s.instanceID)}
			case "db-snapshot-id":
				return []string{s.id, s.arn()}
			case "dbi-resource-id":
				return []string{s.resourceID}
			case "snapshot-type":
				return []string{x.SnapshotType}
			case "engine":
				return []string{s.engine}
			}
			return nil
		})
		if keep {
			out = append(out, x)
		}
	}
	out, marker, err := page(p, out)
	if err != nil {
		return nil, err
	}
	return done(struct {
		Marker      string        `xml:",omitempty"`
		DBSnapshots []snapshotXML `xml:"DBSnapshots>DBSnapshot"`
	}{marker, out})
}

// visibleSnapshots returns a's own snapshots, then those of other
// accounts in a's region shared with a or public, each by identifier.
func (b *Backend) visibleSnapshots(a *account) []*snapshot {
	var own, others []*snapshot
	for _, s := range a.snapshots {
		own = append(own, s)
	}
	b.scopes.Each(func(id, region string, o *account) {
		if o == a || region != a.region {
			return
		}
		for _, s := range o.snapshots {
			if s.sharedWith(a.id, true) {
				others = append(others, s)
			}
		}
	})
	byARN := func(x, y *snapshot) int { return strings.Compare(x.arn(), y.arn()) }
	slices.SortFunc(own, byARN)
	slices.SortFunc(others, byARN)
	return append(own, others...)
}

func (b *Backend) copyDBSnapshot(r *fake.Request, a *account) (any, error) {
	srcID, err := required(r.Params, "SourceDBSnapshotIdentifier")
	if err != nil {
		return nil, err
	}
	target, err := required(r.Params, "TargetDBSnapshotIdentifier")
	if err != nil {
		return nil, err
	}
	src, err := b.snapshot(a, srcID)
	if err != nil {
		return nil, err
	}
	if target, err = newSnapshotID(a, "TargetDBSnapshotIdentifier", target); err != nil {
		return nil, err
	}
	if src.status != "available" {
		return nil, badState(CodeInvalidDBSnapshotState, "Snapshot %s is not in available state (it is %s).", srcID, src.status)
	}
	tags, err := readTags(r)
	if err != nil {
		return nil, err
	}
	copyTags, err := boolParam(r.Params, "CopyTags", false)
	if err != nil {
		return nil, err
	}
	// RDS API Reference, CopyDBSnapshot: CopyTags copies the source's
	// tags, which are not copied by default. Tags given replace them
	// rather than add to them: tested against AWS in getmoto/moto#8320
	// ("tags are never merged. Instead, AWS uses either the provided
	// Tags value or the tags of the original snapshot").
	if copyTags && len(tags) == 0 {
		tags = tagList(nil).merge(src.tags)
	}
	if err := checkTagCount(tags); err != nil {
		return nil, err
	}
	s := &snapshot{}
	*s = *src
	s.gen, s.id, s.owner, s.created, s.tags = 0, target, a, b.now, tags
	s.status, s.progress, s.snapType, s.source, s.restore = "creating", 0, "manual", src.arn(), nil
	a.snapshots[target] = s
	a.event(b.now, "db-snapshot", target, "creation", "Started copy of snapshot "+src.arn())
	b.finish(s, "Finished copy of snapshot "+src.arn())
	return done(snapshotResult(a, s))
}

func (b *Backend) deleteDBSnapshot(r *fake.Request, a *account) (any, error) {
	id, err := required(r.Params, "DBSnapshotIdentifier")
	if err != nil {
		return nil, err
	}
	s, err := b.ownSnapshot(a, id)
	if err != nil {
		return nil, err
	}
	if s.snapType != "manual" {
		return nil, badState(CodeInvalidDBSnapshotState, "Only manual snapshots may be deleted.")
	}
	if s.status != "available" {
		return nil, badState(CodeInvalidDBSnapshotState, "Snapshot %s is not in available state (it is %s).", s.id, s.status)
	}
	delete(a.snapshots, s.id)
	s.gen++ // drop any transition still queued for it
	s.status = "deleted"
	a.event(b.now, "db-snapshot", s.id, "deletion", "Deleted manual snapshot")
	return done(snapshotResult(a, s))
}

func (b *Backend) restoreDBInstanceFromDBSnapshot(r *fake.Request, a *account) (any, error) {
	p := r.Params
	id, err := required(p, "DBInstanceIdentifier")
	if err != nil {
		return nil, err
	}
	snapID, err := required(p, "DBSnapshotIdentifier")
	if err != nil {
		return nil, err
	}
	if err := checkIdentifier("DBInstanceIdentifier", id, 63); err != nil {
		return nil, err
	}
	s, err := b.snapshot(a, snapID)
	if err != nil {
		return nil, err
	}
	if s.status != "available" {
		return nil, badState(CodeInvalidDBSnapshotState, "Snapshot %s is not in available state (it is %s).", snapID, s.status)
	}
	e := b.catalog.engines[s.engine]
	if v := p.Get("Engine"); v != "" && !strings.EqualFold(v, s.engine) {
		return nil, invalidCombination("The engine %s does not match the snapshot's engine %s.", v, s.engine)
	}
	inst := &instance{id: strings.ToLower(id), class: s.class, engine: s.engine, version: s.version,
		masterUser: s.masterUser, created: b.now, pgStatus: "in-sync",
		backupWindow: "03:00-03:30", maintWindow: "sun:05:00-sun:05:30", retention: 1}
	if v := p.Get("DBInstanceClass"); v != "" {
		if err := b.catalog.checkClass(v, e, inst.version); err != nil {
			return nil, err
		}
		inst.class = v
	}
	// The new instance keeps the snapshot's storage unless the request
	// changes its type, IOPS or throughput; the fake restores at the
	// snapshot's size.
	q, err := readStorage(p)
	if err != nil {
		return nil, err
	}
	q.hasGib = false
	st, err := e.resolveStorage(s.spec(), q)
	if err != nil {
		return nil, err
	}
	inst.setSpec(st)
	if err := b.useParamGroup(a, inst, p.Get("DBParameterGroupName")); err != nil {
		return nil, err
	}
	newGroup, err := b.placement(p, a, inst, e)
	if err != nil {
		return nil, err
	}
	if !p.Has("Port") {
		inst.port = s.port
	}
	// RDS API Reference, RestoreDBInstanceFromDBSnapshot (CopyTagsToSnapshot):
	// the restored instance gets the request's tags, or without any the
	// tags of the snapshot's source.
	if inst.tags, err = readTags(r); err != nil {
		return nil, err
	}
	if len(inst.tags) == 0 && s.owner == a {
		inst.tags = slices.Clone(s.tags)
	}
	inst.iamAuth = s.iamAuth
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
	b.launch(a, inst, "Restored from snapshot "+s.id)
	return done(instanceResult(a, inst))
}

type snapshotAttributesXML struct {
	DBSnapshotIdentifier string
	DBSnapshotAttributes []snapshotAttributeXML `xml:"DBSnapshotAttributes>DBSnapshotAttribute"`
}

type snapshotAttributeXML struct {
	AttributeName   string
	AttributeValues []string `xml:"AttributeValues>AttributeValue"`
}

func (s *snapshot) attributes() snapshotAttributesXML {
	return snapshotAttributesXML{s.id, []snapshotAttributeXML{{"restore", slices.Clone(s.restore)}}}
}

// maxShares is how many accounts a manual snapshot may be shared with.
const maxShares = 20

func (b *Backend) modifyDBSnapshotAttribute(r *fake.Request, a *account) (any, error) {
	id, err := required(r.Params, "DBSnapshotIdentifier")
	if err != nil {
		return nil, err
	}
	name, err := required(r.Params, "AttributeName")
	if err != nil {
		return nil, err
	}
	if name != "restore" {
		return nil, invalidValue("Invalid attribute name %s: only restore can be modified.", name)
	}
	add, remove := strList(r.Params, "ValuesToAdd"), strList(r.Params, "ValuesToRemove")
	for _, v := range slices.Concat(add, remove) {
		if v != "all" && !accountPattern.MatchString(v) {
			return nil, invalidValue("Invalid value %s: account IDs are 12 digits, or all.", v)
		}
	}
	s, err := b.ownSnapshot(a, id)
	if err != nil {
		return nil, err
	}
	if s.snapType != "manual" {
		return nil, badState(CodeInvalidDBSnapshotState, "Automated snapshots cannot be shared; copy the snapshot and share the copy.")
	}
	if s.status != "available" {
		return nil, badState(CodeInvalidDBSnapshotState, "Snapshot %s is not in available state (it is %s).", s.id, s.status)
	}
	next := slices.DeleteFunc(slices.Clone(s.restore), func(v string) bool { return slices.Contains(remove, v) })
	for _, v := range add {
		if !slices.Contains(next, v) {
			next = append(next, v)
		}
	}
	if n := len(slices.DeleteFunc(slices.Clone(next), func(v string) bool { return v == "all" })); n > maxShares {
		return nil, badState(CodeSharedSnapshotQuotaExceeded, "A snapshot can be shared with at most %d accounts.", maxShares)
	}
	s.restore = next
	return done(struct{ DBSnapshotAttributesResult snapshotAttributesXML }{s.attributes()})
}

func (b *Backend) describeDBSnapshotAttributes(r *fake.Request, a *account) (any, error) {
	id, err := required(r.Params, "DBSnapshotIdentifier")
	if err != nil {
		return nil, err
	}
	s, err := b.ownSnapshot(a, id)
	if err != nil {
		return nil, err
	}
	return done(struct{ DBSnapshotAttributesResult snapshotAttributesXML }{s.attributes()})
}
