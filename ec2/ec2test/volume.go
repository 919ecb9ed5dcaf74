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

// volume is one EBS volume.
type volume struct {
	id, zone, snapshotID, state string // state: creating, available, in-use, deleting
	size, iops, throughput      int
	volumeType                  string
	encrypted                   bool
	multiAttach                 bool
	created                     time.Time
	att                         *attachment
	mods                        []*volumeMod  // Elastic Volumes modifications, oldest first
	digest                      string        // of the CreateVolume request, for ClientToken reuse
	productCodes                []ProductCode // from its snapshot or image (productcode.go)
}

// attachment is a volume's attachment to an instance.
type attachment struct {
	instanceID, device, status string // status: attaching, attached, detaching
	time                       time.Time
	deleteOnTermination        bool
}

// volumeLimit is a volume type's size (GiB) and IOPS bounds.
type volumeLimit struct{ minSize, maxSize, minIops, maxIops int }

// volumeLimits returns the bounds of volume type typ, as the EC2 API
// model's CreateVolume and ModifyVolume documentation gives them (a test
// checks them against it).
func volumeLimits(typ string) (volumeLimit, bool) {
	switch typ {
	case "standard":
		return volumeLimit{1, 1024, 0, 0}, true
	case "gp2":
		return volumeLimit{1, 16384, 0, 0}, true
	case "gp3":
		return volumeLimit{1, 65536, 3000, 80000}, true
	case "io1":
		return volumeLimit{4, 16384, 100, 64000}, true
	case "io2":
		return volumeLimit{4, 65536, 100, 256000}, true
	case "st1", "sc1":
		return volumeLimit{125, 16384, 0, 0}, true
	}
	return volumeLimit{}, false
}

// gp3Throughput is the throughput range of gp3 volumes, in MiB/s.
func gp3Throughput() (lo, hi int) { return 125, 2000 }

// volumeSpec is what CreateVolume and block-device mappings ask for.
type volumeSpec struct {
	zone, snapshotID, volumeType string
	size, iops, throughput       int
	encrypted                    bool
	productCodes                 []ProductCode // the snapshot's or image's
}

// checkMultiAttach refuses Multi-Attach on a volume type other than io1
// and io2, for CreateVolume and ModifyVolume alike.
func checkMultiAttach(multi bool, volumeType string) error {
	if multi && volumeType != "io1" && volumeType != "io2" {
		return ec2Error("InvalidParameterCombination", "Multi-Attach is supported only for io1 and io2 volumes, not %s.", volumeType)
	}
	return nil
}

// checkVolumeSpec validates spec against its type's limits and its
// snapshot, filling in the size from the snapshot and the type's default.
func (s *Backend) checkVolumeSpec(r *fake.Request, spec *volumeSpec) error {
	if spec.volumeType == "" {
		spec.volumeType = "gp2"
	}
	lim, ok := volumeLimits(spec.volumeType)
	if !ok {
		return invalidValue("Value (" + spec.volumeType + ") for parameter volumeType is invalid. Valid values are standard, io1, io2, gp2, sc1, st1, gp3.")
	}
	if spec.snapshotID != "" {
		size, codes, err := s.restorableSnapshotSize(r.Account(), r.Region, spec.snapshotID)
		if err != nil {
			return err
		}
		spec.productCodes = codes
		if spec.size == 0 {
			spec.size = size
		}
		if spec.size < size {
			return invalidValue("Volume of " + strconv.Itoa(spec.size) + "GiB is smaller than snapshot '" + spec.snapshotID +
				"', expect size >= " + strconv.Itoa(size) + "GiB")
		}
	}
	if spec.size == 0 {
		return missing("size or snapshotId")
	}
	if spec.size < lim.minSize || spec.size > lim.maxSize {
		return invalidValue("Volume of size " + strconv.Itoa(spec.size) + "GiB is outside the range " +
			strconv.Itoa(lim.minSize) + "-" + strconv.Itoa(lim.maxSize) + " of volume type " + spec.volumeType)
	}
	switch {
	case lim.maxIops == 0 && spec.iops != 0:
		return ec2Error("InvalidParameterCombination", "The parameter iops is not supported for %s volumes.", spec.volumeType)
	case lim.maxIops != 0 && spec.volumeType != "gp3" && spec.iops == 0:
		return missing("iops")
	case spec.iops != 0 && (spec.iops < lim.minIops || spec.iops > lim.maxIops):
		return invalidValue("Volume iops of " + strconv.Itoa(spec.iops) + " is outside the range " +
			strconv.Itoa(lim.minIops) + "-" + strconv.Itoa(lim.maxIops) + " for volume type " + spec.volumeType)
	case spec.throughput != 0 && spec.volumeType != "gp3":
		return ec2Error("InvalidParameterCombination", "The parameter throughput is not supported for %s volumes.", spec.volumeType)
	case spec.throughput != 0 && !inRange(spec.throughput, gp3Throughput):
		lo, hi := gp3Throughput()
		return invalidValue("Throughput of " + strconv.Itoa(spec.throughput) + " MiB/s is outside the range " +
			strconv.Itoa(lo) + "-" + strconv.Itoa(hi))
	}
	if spec.volumeType == "gp3" {
		if spec.iops == 0 {
			spec.iops = 3000
		}
		if spec.throughput == 0 {
			spec.throughput = 125
		}
	}
	if spec.volumeType == "gp2" {
		spec.iops = min(max(100, 3*spec.size), 16000)
	}
	return nil
}

func inRange(n int, bounds func() (lo, hi int)) bool {
	lo, hi := bounds()
	return n >= lo && n <= hi
}

// newVolume stores a volume made from spec in state.
func (st *computeStore) newVolume(spec volumeSpec, state string, now time.Time) *volume {
	v := &volume{
		id: newID("vol"), zone: spec.zone, snapshotID: spec.snapshotID, state: state,
		size: spec.size, iops: spec.iops, throughput: spec.throughput, volumeType: spec.volumeType,
		encrypted: spec.encrypted, created: now, productCodes: slices.Clone(spec.productCodes),
	}
	st.volumes[v.id] = v
	return v
}

func (st *computeStore) volumesByID(ids []string) ([]*volume, error) {
	if err := checkIDs("InvalidVolumeID.Malformed", "vol", ids...); err != nil {
		return nil, err
	}
	var out []*volume
	for _, id := range ids {
		v, ok := st.volumes[id]
		if !ok {
			return nil, ec2Error("InvalidVolume.NotFound", "The volume '%s' does not exist.", id)
		}
		out = append(out, v)
	}
	return out, nil
}

type volumeItem struct {
	VolumeID         string           `xml:"volumeId"`
	Size             int              `xml:"size"`
	SnapshotID       string           `xml:"snapshotId"`
	AvailabilityZone string           `xml:"availabilityZone"`
	Status           string           `xml:"status"`
	CreateTime       string           `xml:"createTime"`
	Attachments      []attachmentItem `xml:"attachmentSet>item"`
	Tags             []tagItem        `xml:"tagSet>item"`
	VolumeType       string           `xml:"volumeType"`
	Iops             int              `xml:"iops,omitempty"`
	Encrypted        bool             `xml:"encrypted"`
	Throughput       int              `xml:"throughput,omitempty"`
	MultiAttach      bool             `xml:"multiAttachEnabled"`
}

type attachmentItem struct {
	VolumeID            string `xml:"volumeId"`
	InstanceID          string `xml:"instanceId"`
	Device              string `xml:"device"`
	Status              string `xml:"status"`
	AttachTime          string `xml:"attachTime"`
	DeleteOnTermination bool   `xml:"deleteOnTermination"`
}

func (v *volume) attachmentXML() attachmentItem {
	return attachmentItem{v.id, v.att.instanceID, v.att.device, v.att.status, v.att.time.UTC().Format(xmlTime), v.att.deleteOnTermination}
}

func (st *computeStore) volumeXML(v *volume) volumeItem {
	it := volumeItem{
		VolumeID: v.id, Size: v.size, SnapshotID: v.snapshotID, AvailabilityZone: v.zone, Status: v.state,
		CreateTime: v.created.UTC().Format(xmlTime), Tags: tagSet(st.tags[v.id]), VolumeType: v.volumeType,
		Iops: v.iops, Encrypted: v.encrypted, Throughput: v.throughput, MultiAttach: v.multiAttach,
	}
	if v.att != nil {
		it.Attachments = []attachmentItem{v.attachmentXML()}
	}
	return it
}

type createVolumeResponse struct {
	XMLName   xml.Name `xml:"CreateVolumeResponse"`
	Xmlns     string   `xml:"xmlns,attr"`
	RequestID string   `xml:"requestId"`
	volumeItem
}

// createVolume answers CreateVolume. The volume is "creating" until its
// transition makes it "available". A ClientToken seen before answers the
// volume it created.
func (s *Backend) createVolume(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	spec := volumeSpec{zone: p.Get("AvailabilityZone"), snapshotID: p.Get("SnapshotId"),
		volumeType: p.Get("VolumeType"), encrypted: boolParam(p, "Encrypted")}
	var err error
	for name, dst := range map[string]*int{"Size": &spec.size, "Iops": &spec.iops, "Throughput": &spec.throughput} {
		if *dst, err = intParam(p, name, 0); err != nil {
			return err
		}
	}
	if spec.zone == "" {
		return missing("AvailabilityZone")
	}
	if err := s.checkZone(r.Region, spec.zone); err != nil {
		return err
	}
	if err := s.checkVolumeSpec(r, &spec); err != nil {
		return err
	}
	multi := boolParam(p, "MultiAttachEnabled")
	if err := checkMultiAttach(multi, spec.volumeType); err != nil {
		return err
	}
	st := s.store(r)
	if id, ok := st.volumeTokens[p.Get("ClientToken")]; ok && p.Get("ClientToken") != "" && st.volumes[id] != nil {
		if st.volumes[id].digest != requestDigest(p) {
			return idempotentMismatch()
		}
		return fake.WriteXML(w, http.StatusOK, createVolumeResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, volumeItem: st.volumeXML(st.volumes[id])})
	}
	v := st.newVolume(spec, "creating", r.Now)
	v.multiAttach = multi
	v.digest = requestDigest(p) // what a repeated ClientToken must match
	if tok := p.Get("ClientToken"); tok != "" {
		st.volumeTokens[tok] = v.id
	}
	st.setTags(v.id, tagSpecs(p, "volume"))
	s.compute.start(func() {
		if v.state == "creating" {
			v.state = "available"
		}
	})
	return fake.WriteXML(w, http.StatusOK, createVolumeResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, volumeItem: st.volumeXML(v)})
}

// checkZone answers InvalidParameterValue unless zone is one of region's.
func (s *Backend) checkZone(region, zone string) error {
	if !slices.ContainsFunc(s.Zones(region), func(z ZoneInfo) bool { return z.Name == zone }) {
		return invalidValue("Invalid availability zone: [" + zone + "]")
	}
	return nil
}

type describeVolumesResponse struct {
	XMLName   xml.Name     `xml:"DescribeVolumesResponse"`
	Xmlns     string       `xml:"xmlns,attr"`
	RequestID string       `xml:"requestId"`
	Volumes   []volumeItem `xml:"volumeSet>item"`
	NextToken string       `xml:"nextToken,omitempty"`
}

// describeVolumes answers DescribeVolumes: VolumeId.N, Filter.N, and
// MaxResults 5..500 paging (a larger MaxResults is capped at 500, as the
// reference says).
func (s *Backend) describeVolumes(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, "attachment.attach-time", "attachment.delete-on-termination", "attachment.device",
		"attachment.instance-id", "attachment.status", "availability-zone", "availability-zone-id", "create-time", "encrypted",
		"fast-restored", "multi-attach-enabled", "operator.managed", "size", "snapshot-id", "status", "volume-id", "volume-type")
	if err != nil {
		return err
	}
	st := s.store(r)
	ids := list(r.Params, "VolumeId")
	vols, err := st.volumesByID(ids)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		for _, id := range slices.Sorted(maps.Keys(st.volumes)) {
			vols = append(vols, st.volumes[id])
		}
	}
	var items []volumeItem
	zoneIDs := s.zoneIDs(r.Region)
	for _, v := range vols {
		it := st.volumeXML(v)
		ok := matchResource(fs, st.tags[v.id], func(name string) []string {
			if a, ok := strings.CutPrefix(name, "attachment."); ok {
				if v.att == nil {
					return nil
				}
				ai := v.attachmentXML()
				return []string{map[string]string{"attach-time": ai.AttachTime, "delete-on-termination": strconv.FormatBool(ai.DeleteOnTermination),
					"device": ai.Device, "instance-id": ai.InstanceID, "status": ai.Status}[a]}
			}
			// The fake has no fast snapshot restore and no managed volumes.
			return []string{map[string]string{"availability-zone": it.AvailabilityZone, "create-time": it.CreateTime,
				"availability-zone-id": zoneIDs[it.AvailabilityZone], "fast-restored": "false", "operator.managed": "false",
				"multi-attach-enabled": strconv.FormatBool(v.multiAttach),
				"encrypted":            strconv.FormatBool(it.Encrypted), "size": strconv.Itoa(it.Size), "snapshot-id": it.SnapshotID,
				"status": it.Status, "volume-id": it.VolumeID, "volume-type": it.VolumeType}[name]}
		})
		if ok {
			items = append(items, it)
		}
	}
	items, next, err := pageCapped(r.Params, items, 5, 500)
	if err != nil {
		return err
	}
	return fake.WriteXML(w, http.StatusOK, describeVolumesResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, Volumes: items, NextToken: next})
}

type attachmentResponse struct {
	XMLName   xml.Name
	Xmlns     string `xml:"xmlns,attr"`
	RequestID string `xml:"requestId"`
	attachmentItem
}

// attachVolume answers AttachVolume: the volume must be available and in
// the instance's zone, and the device free.
func (s *Backend) attachVolume(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	for _, name := range []string{"VolumeId", "InstanceId", "Device"} {
		if p.Get(name) == "" {
			return missing(name)
		}
	}
	st := s.store(r)
	vols, err := st.volumesByID([]string{p.Get("VolumeId")})
	if err != nil {
		return err
	}
	insts, err := st.instancesByID([]string{p.Get("InstanceId")})
	if err != nil {
		return err
	}
	v, inst, device := vols[0], insts[0], p.Get("Device")
	switch {
	case v.att != nil || v.state == "in-use":
		return ec2Error("VolumeInUse", "%s is already attached to an instance", v.id)
	case v.state != "available":
		return ec2Error("IncorrectState", "The volume '%s' is not 'available'.", v.id)
	case v.modState() == "modifying":
		return ec2Error("OperationNotPermitted", "Cannot attach volume %s when it is in modification state: MODIFYING", v.id)
	case inst.state != "running" && inst.state != "stopped":
		return ec2Error("IncorrectState", "Instance '%s' is not 'running'.", inst.id)
	case v.zone != inst.zone:
		return ec2Error("InvalidVolume.ZoneMismatch", "The volume '%s' is not in the same availability zone as instance '%s'", v.id, inst.id)
	case !strings.HasPrefix(device, "/dev/") && !strings.HasPrefix(device, "xvd"):
		return invalidValue("Value (" + device + ") for parameter device is invalid. " + device + " is not a valid EBS device name.")
	}
	if err := checkMarketplaceAttach(v, inst, device); err != nil {
		return err
	}
	for _, other := range st.devices(inst) {
		if other.att.device == device {
			return invalidValue("Invalid value '" + device + "' for unixDevice. Attachment point " + device + " is already in use")
		}
	}
	v.state = "in-use"
	// EC2 API Reference, AttachVolume: product codes are copied from the
	// volume to the instance.
	for _, c := range v.productCodes {
		if !slices.Contains(inst.productCodes, c) {
			inst.productCodes = append(inst.productCodes, c)
		}
	}
	att := &attachment{instanceID: inst.id, device: device, status: "attaching", time: r.Now}
	st.attach(v, att)
	s.compute.start(func() {
		if v.att == att && att.status == "attaching" {
			att.status = "attached"
		}
	})
	return fake.WriteXML(w, http.StatusOK, attachmentResponse{XMLName: xml.Name{Local: "AttachVolumeResponse"},
		Xmlns: responseNamespace(r), RequestID: r.RequestID, attachmentItem: v.attachmentXML()})
}

// detachVolume answers DetachVolume: the attachment is "detaching" until
// its transition makes the volume "available". InstanceId and Device,
// when given, must name the attachment. Force is accepted.
func (s *Backend) detachVolume(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	if p.Get("VolumeId") == "" {
		return missing("VolumeId")
	}
	st := s.store(r)
	vols, err := st.volumesByID([]string{p.Get("VolumeId")})
	if err != nil {
		return err
	}
	v := vols[0]
	if v.att == nil || v.att.status == "detaching" {
		return ec2Error("IncorrectState", "Volume '%s' is in the 'available' state.", v.id)
	}
	if id := p.Get("InstanceId"); id != "" && id != v.att.instanceID {
		return ec2Error("InvalidAttachment.NotFound", "Volume '%s' is not attached to instance '%s'.", v.id, id)
	}
	if d := p.Get("Device"); d != "" && d != v.att.device {
		return ec2Error("InvalidAttachment.NotFound", "Volume '%s' is not attached at device '%s'.", v.id, d)
	}
	if inst := st.instances[v.att.instanceID]; inst != nil && inst.rootDeviceName == v.att.device &&
		inst.state != "stopped" && inst.state != "terminated" && !boolParam(p, "Force") {
		return ec2Error("OperationNotPermitted", "Unable to detach root volume '%s' from instance '%s'", v.id, inst.id)
	}
	v.att.status = "detaching"
	out := v.attachmentXML()
	s.compute.start(s.detachStep(st, v))
	return fake.WriteXML(w, http.StatusOK, attachmentResponse{XMLName: xml.Name{Local: "DetachVolumeResponse"},
		Xmlns: responseNamespace(r), RequestID: r.RequestID, attachmentItem: out})
}

// detachStep returns a step that frees v from its current attachment.
func (s *Backend) detachStep(st *computeStore, v *volume) func() {
	att := v.att
	return func() {
		if v.att == att {
			st.detach(v)
			v.state = "available"
		}
	}
}

// deleteVolume answers DeleteVolume.
func (s *Backend) deleteVolume(w http.ResponseWriter, r *fake.Request) error {
	if r.Params.Get("VolumeId") == "" {
		return missing("VolumeId")
	}
	st := s.store(r)
	vols, err := st.volumesByID([]string{r.Params.Get("VolumeId")})
	if err != nil {
		return err
	}
	v := vols[0]
	if v.att != nil {
		return ec2Error("VolumeInUse", "Volume %s is currently attached to %s", v.id, v.att.instanceID)
	}
	delete(st.volumes, v.id)
	delete(st.tags, v.id)
	return writeReturn(w, r)
}

// attach sets v's attachment and indexes it under its instance. The
// compute lock must be held; every change of v.att goes through attach
// and detach.
func (st *computeStore) attach(v *volume, att *attachment) {
	st.detach(v)
	v.att = att
	if st.attached[att.instanceID] == nil {
		st.attached[att.instanceID] = map[string]*volume{}
	}
	st.attached[att.instanceID][v.id] = v
}

// detach clears v's attachment and its index entry.
func (st *computeStore) detach(v *volume) {
	if v.att == nil {
		return
	}
	if m := st.attached[v.att.instanceID]; m != nil {
		delete(m, v.id)
		if len(m) == 0 {
			delete(st.attached, v.att.instanceID)
		}
	}
	v.att = nil
}
