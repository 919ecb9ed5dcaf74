package ec2test

import (
	"encoding/xml"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// snapshot is one EBS snapshot. Its createVolumePermission is users plus
// public (the group "all").
type snapshot struct {
	id, owner, region, volumeID string
	state, progress             string // pending/completed, "0%".."100%"
	description                 string
	size                        int
	encrypted                   bool
	start                       time.Time
	users                       []string // accounts it is shared with
	public                      bool
	productCodes                []ProductCode // its volume's (productcode.go)
}

// restorableBy reports whether account may see and restore s.
func (s *snapshot) restorableBy(account string) bool {
	return s.owner == account || s.public || slices.Contains(s.users, account)
}

// snapshotsVisible returns the snapshots of region account may see: its
// own, then those shared with it or with everyone. The compute lock must
// be held.
func (c *computeState) snapshotsVisible(account, region string) []*snapshot {
	var own, shared []*snapshot
	c.stores.Each(func(acct, reg string, st *computeStore) {
		if reg != region {
			return
		}
		for _, id := range slices.Sorted(maps.Keys(st.snapshots)) {
			sn := st.snapshots[id]
			switch {
			case acct == account:
				own = append(own, sn)
			case sn.restorableBy(account):
				shared = append(shared, sn)
			}
		}
	})
	return append(own, shared...)
}

// findSnapshot returns the snapshot id of region that account may see, or
// InvalidSnapshot.NotFound, as EC2 answers for snapshots not shared with
// the caller.
func (c *computeState) findSnapshot(account, region, id string) (*snapshot, error) {
	if err := checkIDs("InvalidSnapshotID.Malformed", "snap", id); err != nil {
		return nil, err
	}
	for _, sn := range c.snapshotsVisible(account, region) {
		if sn.id == id {
			return sn, nil
		}
	}
	return nil, ec2Error("InvalidSnapshot.NotFound", "The snapshot '%s' does not exist.", id)
}

// ownedSnapshot is findSnapshot for actions only the owner may take: a
// snapshot the caller sees but does not own is OperationNotPermitted.
func (c *computeState) ownedSnapshot(account, region, id string) (*snapshot, error) {
	sn, err := c.findSnapshot(account, region, id)
	if err != nil {
		return nil, err
	}
	if sn.owner != account {
		return nil, ec2Error("OperationNotPermitted", "You are not authorized to modify snapshot '%s', which is owned by another account.", id)
	}
	return sn, nil
}

// restorableSnapshotSize returns the volume size of a snapshot account may
// create volumes from. The compute lock must be held.
func (s *Backend) restorableSnapshotSize(account, region, id string) (int, []ProductCode, error) {
	sn, err := s.compute.findSnapshot(account, region, id)
	if err != nil {
		return 0, nil, err
	}
	return sn.size, sn.productCodes, nil
}

type snapshotItem struct {
	SnapshotID  string    `xml:"snapshotId"`
	VolumeID    string    `xml:"volumeId"`
	Status      string    `xml:"status"`
	StartTime   string    `xml:"startTime"`
	Progress    string    `xml:"progress"`
	OwnerID     string    `xml:"ownerId"`
	VolumeSize  int       `xml:"volumeSize"`
	Description string    `xml:"description"`
	Encrypted   bool      `xml:"encrypted"`
	OwnerAlias  string    `xml:"ownerAlias,omitempty"`
	Tags        []tagItem `xml:"tagSet>item"`
}

// snapshotXML renders sn with its owner's tags.
func (c *computeState) snapshotXML(sn *snapshot) snapshotItem {
	it := snapshotItem{
		SnapshotID: sn.id, VolumeID: sn.volumeID, Status: sn.state, StartTime: sn.start.UTC().Format(xmlTime),
		Progress: sn.progress, OwnerID: sn.owner, VolumeSize: sn.size, Description: sn.description,
		Encrypted: sn.encrypted, Tags: tagSet(c.stores.Get(sn.owner, sn.region).tags[sn.id]),
	}
	if sn.owner == AmazonAccountID {
		it.OwnerAlias = "amazon"
	}
	return it
}

// newSnapshot stores a pending snapshot of st's account and starts its
// way to completed, SnapshotSteps steps long (snapshot_progress.go).
func (s *Backend) newSnapshot(st *computeStore, volumeID string, size int, encrypted bool, desc string, now time.Time) *snapshot {
	sn := &snapshot{
		id: newID("snap"), owner: st.account, region: st.region, volumeID: volumeID, state: "pending",
		progress: "0%", description: desc, size: size, encrypted: encrypted, start: now,
	}
	st.snapshots[sn.id] = sn
	s.compute.start(sn.progressSteps()...)
	return sn
}

type createSnapshotResponse struct {
	XMLName   xml.Name `xml:"CreateSnapshotResponse"`
	Xmlns     string   `xml:"xmlns,attr"`
	RequestID string   `xml:"requestId"`
	snapshotItem
}

// createSnapshot answers CreateSnapshot: VolumeId, Description,
// TagSpecification.N.
func (s *Backend) createSnapshot(w http.ResponseWriter, r *fake.Request) error {
	if r.Params.Get("VolumeId") == "" {
		return missing("VolumeId")
	}
	st := s.store(r)
	vols, err := st.volumesByID([]string{r.Params.Get("VolumeId")})
	if err != nil {
		return err
	}
	v := vols[0]
	sn := s.newSnapshot(st, v.id, v.size, v.encrypted, r.Params.Get("Description"), r.Now)
	sn.productCodes = slices.Clone(v.productCodes)
	st.setTags(sn.id, tagSpecs(r.Params, "snapshot"))
	return fake.WriteXML(w, http.StatusOK, createSnapshotResponse{
		Xmlns: responseNamespace(r), RequestID: r.RequestID, snapshotItem: s.compute.snapshotXML(sn),
	})
}

type describeSnapshotsResponse struct {
	XMLName   xml.Name       `xml:"DescribeSnapshotsResponse"`
	Xmlns     string         `xml:"xmlns,attr"`
	RequestID string         `xml:"requestId"`
	Snapshots []snapshotItem `xml:"snapshotSet>item"`
	NextToken string         `xml:"nextToken,omitempty"`
}

// describeSnapshots answers DescribeSnapshots with the snapshots the caller
// owns or may restore: SnapshotId.N, Owner.N (self, amazon, an account
// ID), RestorableBy.N (self, all, an account ID), Filter.N, and MaxResults
// 5..1000 paging (a larger MaxResults is capped at 1,000).
func (s *Backend) describeSnapshots(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, "description", "encrypted", "owner-alias", "owner-id", "progress", "storage-tier",
		"snapshot-id", "start-time", "status", "volume-id", "volume-size")
	if err != nil {
		return err
	}
	account := r.Account()
	self := func(id string) string {
		if id == "self" {
			return account
		}
		return id
	}
	ids, owners, restorable := list(r.Params, "SnapshotId"), list(r.Params, "Owner"), list(r.Params, "RestorableBy")
	if err := checkIDs("InvalidSnapshotID.Malformed", "snap", ids...); err != nil {
		return err
	}
	visible := s.compute.snapshotsVisible(account, r.Region)
	for _, id := range ids {
		if !slices.ContainsFunc(visible, func(sn *snapshot) bool { return sn.id == id }) {
			return ec2Error("InvalidSnapshot.NotFound", "The snapshot '%s' does not exist.", id)
		}
	}
	var items []snapshotItem
	for _, sn := range visible {
		if len(ids) > 0 && !slices.Contains(ids, sn.id) {
			continue
		}
		if len(owners) > 0 && !slices.ContainsFunc(owners, func(o string) bool {
			return self(o) == sn.owner || (o == "amazon" && sn.owner == AmazonAccountID)
		}) {
			continue
		}
		if len(restorable) > 0 && !slices.ContainsFunc(restorable, func(u string) bool {
			if u == "all" {
				return sn.public
			}
			return sn.restorableBy(self(u))
		}) {
			continue
		}
		it := s.compute.snapshotXML(sn)
		ok := matchResource(fs, s.compute.stores.Get(sn.owner, sn.region).tags[sn.id], func(name string) []string {
			return []string{map[string]string{"description": it.Description, "encrypted": strconv.FormatBool(it.Encrypted),
				"owner-alias": it.OwnerAlias, "owner-id": it.OwnerID, "progress": it.Progress, "snapshot-id": it.SnapshotID,
				"start-time": it.StartTime, "status": it.Status, "volume-id": it.VolumeID, "volume-size": strconv.Itoa(it.VolumeSize),
				"storage-tier": "standard"}[name]} // the fake never archives snapshots
		})
		if ok {
			items = append(items, it)
		}
	}
	items, next, err := pageCapped(r.Params, items, 5, 1000)
	if err != nil {
		return err
	}
	return fake.WriteXML(w, http.StatusOK, describeSnapshotsResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, Snapshots: items, NextToken: next})
}

// deleteSnapshot answers DeleteSnapshot; only the owner may delete.
func (s *Backend) deleteSnapshot(w http.ResponseWriter, r *fake.Request) error {
	if r.Params.Get("SnapshotId") == "" {
		return missing("SnapshotId")
	}
	sn, err := s.compute.ownedSnapshot(r.Account(), r.Region, r.Params.Get("SnapshotId"))
	if err != nil {
		return err
	}
	delete(s.store(r).snapshots, sn.id)
	s.compute.dropTags(r.Region, sn.id)
	return writeReturn(w, r)
}

type copySnapshotResponse struct {
	XMLName    xml.Name `xml:"CopySnapshotResponse"`
	Xmlns      string   `xml:"xmlns,attr"`
	RequestID  string   `xml:"requestId"`
	SnapshotID string   `xml:"snapshotId"`
}

// copySnapshot answers CopySnapshot: SourceRegion's SourceSnapshotId,
// which the caller must be able to restore, is copied into the request's
// region as a new snapshot the caller owns.
func (s *Backend) copySnapshot(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	for _, name := range []string{"SourceRegion", "SourceSnapshotId"} {
		if p.Get(name) == "" {
			return missing(name)
		}
	}
	src := p.Get("SourceRegion")
	if _, ok := s.region(src); !ok {
		return invalidValue("Value (" + src + ") for parameter sourceRegion is invalid.")
	}
	sn, err := s.compute.findSnapshot(r.Account(), src, p.Get("SourceSnapshotId"))
	if err != nil {
		return err
	}
	desc := p.Get("Description")
	if desc == "" {
		desc = "[Copied " + sn.id + " from " + src + "]"
	}
	st := s.store(r)
	cp := s.newSnapshot(st, "vol-ffffffff", sn.size, sn.encrypted || boolParam(p, "Encrypted"), desc, r.Now)
	cp.productCodes = slices.Clone(sn.productCodes)
	st.setTags(cp.id, tagSpecs(p, "snapshot"))
	return fake.WriteXML(w, http.StatusOK, copySnapshotResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, SnapshotID: cp.id})
}

// permissionChanges reads a ModifySnapshotAttribute (or
// ModifyImageAttribute) request's additions and removals, in either of the
// shapes clients send: CreateVolumePermission.Add.N.UserId/Group (current
// SDKs), or OperationType with UserId.N and UserGroup.N (boto 2).
func permissionChanges(r *fake.Request, attr string) (add, remove []permission, err error) {
	p := r.Params
	if a := p.Get("Attribute"); a != "" && a != attr {
		return nil, nil, invalidValue("Value (" + a + ") for parameter attribute is invalid.")
	}
	read := func(prefix string) ([]permission, error) {
		var out []permission
		for _, u := range structs(p, prefix) {
			perm := permission{user: u.Get("UserId"), group: u.Get("Group")}
			if err := perm.check(); err != nil {
				return nil, err
			}
			out = append(out, perm)
		}
		return out, nil
	}
	key := strings.ToUpper(attr[:1]) + attr[1:]
	if add, err = read(key + ".Add"); err != nil {
		return nil, nil, err
	}
	if remove, err = read(key + ".Remove"); err != nil {
		return nil, nil, err
	}
	if op := p.Get("OperationType"); op != "" {
		var legacy []permission
		for _, u := range list(p, "UserId") {
			legacy = append(legacy, permission{user: u})
		}
		for _, g := range list(p, "UserGroup") {
			legacy = append(legacy, permission{group: g})
		}
		for _, perm := range legacy {
			if err := perm.check(); err != nil {
				return nil, nil, err
			}
		}
		switch op {
		case "add":
			add = append(add, legacy...)
		case "remove":
			remove = append(remove, legacy...)
		default:
			return nil, nil, invalidValue("Value (" + op + ") for parameter operationType is invalid.")
		}
	}
	if len(add)+len(remove) == 0 {
		return nil, nil, missing(key)
	}
	return add, remove, nil
}

// permission is one createVolumePermission or launchPermission entry.
type permission struct{ user, group string }

func (p permission) check() error {
	switch {
	case p.group != "" && p.group != "all":
		return invalidValue("Value (" + p.group + ") for parameter group is invalid. Valid values: all")
	case p.group == "" && (len(p.user) != 12 || strings.Trim(p.user, "0123456789") != ""):
		return invalidValue("Value (" + p.user + ") for parameter userId is invalid. Expected a 12-digit account ID.")
	}
	return nil
}

// modifySnapshotAttribute answers ModifySnapshotAttribute for
// createVolumePermission.
func (s *Backend) modifySnapshotAttribute(w http.ResponseWriter, r *fake.Request) error {
	if r.Params.Get("SnapshotId") == "" {
		return missing("SnapshotId")
	}
	sn, err := s.compute.ownedSnapshot(r.Account(), r.Region, r.Params.Get("SnapshotId"))
	if err != nil {
		return err
	}
	add, remove, err := permissionChanges(r, "createVolumePermission")
	if err != nil {
		return err
	}
	// EC2 API Reference, ModifySnapshotAttribute: "snapshots with Amazon
	// Web Services Marketplace product codes cannot be made public".
	if hasMarketplace(sn.productCodes) && slices.ContainsFunc(add, func(p permission) bool { return p.group == "all" }) {
		return ec2Error("OperationNotPermitted", "Snapshot '%s' has Marketplace product codes and cannot be made public.", sn.id)
	}
	applyPermissions(&sn.users, &sn.public, add, remove)
	return writeReturn(w, r)
}

// applyPermissions grants and revokes what a Modify*Attribute call asks:
// accounts in users, and the group "all" as public.
func applyPermissions(users *[]string, public *bool, add, remove []permission) {
	for _, p := range add {
		if p.group == "all" {
			*public = true
		} else if !slices.Contains(*users, p.user) {
			*users = append(*users, p.user)
		}
	}
	for _, p := range remove {
		if p.group == "all" {
			*public = false
		} else {
			*users = slices.DeleteFunc(*users, func(u string) bool { return u == p.user })
		}
	}
}

type permissionItem struct {
	Group  string `xml:"group,omitempty"`
	UserID string `xml:"userId,omitempty"`
}

type describeSnapshotAttributeResponse struct {
	XMLName      xml.Name         `xml:"DescribeSnapshotAttributeResponse"`
	Xmlns        string           `xml:"xmlns,attr"`
	RequestID    string           `xml:"requestId"`
	SnapshotID   string           `xml:"snapshotId"`
	Permissions  *permissionList  `xml:"createVolumePermission"`
	ProductCodes *productCodeList `xml:"productCodes"`
}

type permissionList struct {
	Items []permissionItem `xml:"item"`
}

// describeSnapshotAttribute answers DescribeSnapshotAttribute for
// createVolumePermission and productCodes; only the owner may ask.
func (s *Backend) describeSnapshotAttribute(w http.ResponseWriter, r *fake.Request) error {
	for _, name := range []string{"SnapshotId", "Attribute"} {
		if r.Params.Get(name) == "" {
			return missing(name)
		}
	}
	sn, err := s.compute.ownedSnapshot(r.Account(), r.Region, r.Params.Get("SnapshotId"))
	if err != nil {
		return err
	}
	resp := describeSnapshotAttributeResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, SnapshotID: sn.id}
	switch a := r.Params.Get("Attribute"); a {
	case "createVolumePermission":
		resp.Permissions = permissionsXML(sn.public, sn.users)
	case "productCodes":
		resp.ProductCodes = &productCodeList{productCodesXML(sn.productCodes)}
	default:
		return invalidValue("Value (" + a + ") for parameter attribute is invalid.")
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}

// resetSnapshotAttribute answers ResetSnapshotAttribute: the snapshot is
// shared with nobody afterwards.
func (s *Backend) resetSnapshotAttribute(w http.ResponseWriter, r *fake.Request) error {
	if r.Params.Get("SnapshotId") == "" {
		return missing("SnapshotId")
	}
	sn, err := s.compute.ownedSnapshot(r.Account(), r.Region, r.Params.Get("SnapshotId"))
	if err != nil {
		return err
	}
	if a := r.Params.Get("Attribute"); a != "createVolumePermission" {
		return invalidValue("Value (" + a + ") for parameter attribute is invalid.")
	}
	sn.users, sn.public = nil, false
	return writeReturn(w, r)
}

func permissionsXML(public bool, users []string) *permissionList {
	l := &permissionList{}
	if public {
		l.Items = append(l.Items, permissionItem{Group: "all"})
	}
	for _, u := range slices.Sorted(slices.Values(users)) {
		l.Items = append(l.Items, permissionItem{UserID: u})
	}
	return l
}
