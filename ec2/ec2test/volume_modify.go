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

// modificationsPerDay is how many modifications EC2 lets a volume start
// in any 24 hours (since January 2026; before, one per 6 hours).
const modificationsPerDay = 4

// volumeConfig is what a modification changes.
type volumeConfig struct {
	size, iops, throughput int
	volumeType             string
	multiAttach            bool
}

func (v *volume) config() volumeConfig {
	return volumeConfig{size: v.size, iops: v.iops, throughput: v.throughput, volumeType: v.volumeType, multiAttach: v.multiAttach}
}

// volumeMod is one Elastic Volumes modification: modifying → optimizing
// (the target applies) → completed, or failed.
type volumeMod struct {
	state, message   string
	progress         int
	start, end       time.Time
	original, target volumeConfig
}

// modState is the state of v's latest modification, "" when it has none.
// One modifying or optimizing blocks another, and modifying blocks
// AttachVolume.
func (v *volume) modState() string {
	if len(v.mods) == 0 {
		return ""
	}
	return v.mods[len(v.mods)-1].state
}

type volumeModItem struct {
	VolumeID                   string `xml:"volumeId"`
	State                      string `xml:"modificationState"`
	StatusMessage              string `xml:"statusMessage,omitempty"`
	TargetSize                 int    `xml:"targetSize"`
	TargetIops                 int    `xml:"targetIops,omitempty"`
	TargetVolumeType           string `xml:"targetVolumeType"`
	TargetThroughput           int    `xml:"targetThroughput,omitempty"`
	TargetMultiAttachEnabled   bool   `xml:"targetMultiAttachEnabled"`
	OriginalSize               int    `xml:"originalSize"`
	OriginalIops               int    `xml:"originalIops,omitempty"`
	OriginalVolumeType         string `xml:"originalVolumeType"`
	OriginalThroughput         int    `xml:"originalThroughput,omitempty"`
	OriginalMultiAttachEnabled bool   `xml:"originalMultiAttachEnabled"`
	Progress                   int    `xml:"progress"`
	StartTime                  string `xml:"startTime"`
	EndTime                    string `xml:"endTime,omitempty"`
}

func modItem(id string, m *volumeMod) volumeModItem {
	it := volumeModItem{VolumeID: id, State: m.state, StatusMessage: m.message, Progress: m.progress,
		TargetSize: m.target.size, TargetIops: m.target.iops, TargetVolumeType: m.target.volumeType,
		TargetThroughput: m.target.throughput, TargetMultiAttachEnabled: m.target.multiAttach,
		OriginalSize: m.original.size, OriginalIops: m.original.iops, OriginalVolumeType: m.original.volumeType,
		OriginalThroughput: m.original.throughput, OriginalMultiAttachEnabled: m.original.multiAttach,
		StartTime: m.start.UTC().Format(xmlTime)}
	if !m.end.IsZero() {
		it.EndTime = m.end.UTC().Format(xmlTime)
	}
	return it
}

type modifyVolumeResponse struct {
	XMLName      xml.Name      `xml:"ModifyVolumeResponse"`
	Xmlns        string        `xml:"xmlns,attr"`
	RequestID    string        `xml:"requestId"`
	Modification volumeModItem `xml:"volumeModification"`
}

// modifyVolume answers ModifyVolume: VolumeId and at least one of Size,
// VolumeType, Iops, Throughput and MultiAttachEnabled. Omitted values
// default as in EC2: the current ones, except IOPS (3000) and throughput
// (125) when the type changes.
func (s *Backend) modifyVolume(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	if p.Get("VolumeId") == "" {
		return missing("VolumeId")
	}
	var size, iops, throughput int
	var err error
	for name, dst := range map[string]*int{"Size": &size, "Iops": &iops, "Throughput": &throughput} {
		if *dst, err = intParam(p, name, 0); err != nil {
			return err
		}
	}
	if size == 0 && iops == 0 && throughput == 0 && p.Get("VolumeType") == "" && !p.Has("MultiAttachEnabled") {
		return missing("Size, VolumeType, Iops, Throughput or MultiAttachEnabled")
	}
	st := s.store(r)
	vols, err := st.volumesByID([]string{p.Get("VolumeId")})
	if err != nil {
		return err
	}
	v := vols[0]
	switch ms := v.modState(); {
	case v.state != "available" && v.state != "in-use":
		return ec2Error("IncorrectState", "The volume '%s' is in the '%s' state.", v.id, v.state)
	case ms == "modifying" || ms == "optimizing":
		return ec2Error("IncorrectModificationState", "Volume %s cannot be modified in modification state %s", v.id, strings.ToUpper(ms))
	}
	recent := 0
	for _, m := range v.mods {
		if r.Now.Sub(m.start) < 24*time.Hour {
			recent++
		}
	}
	if recent >= modificationsPerDay {
		return ec2Error("VolumeModificationRateExceeded", "You've reached the maximum modification rate per volume limit. "+
			"Volume %s was modified %d times in the last 24 hours.", v.id, recent)
	}
	if size != 0 && size < v.size {
		return invalidValue("New size cannot be smaller than existing size")
	}
	spec := volumeSpec{zone: v.zone, volumeType: p.Get("VolumeType"), size: size, iops: iops, throughput: throughput}
	if spec.volumeType == "" {
		spec.volumeType = v.volumeType
	}
	if spec.size == 0 {
		spec.size = v.size
	}
	same := spec.volumeType == v.volumeType
	if spec.iops == 0 && (spec.volumeType == "io1" || spec.volumeType == "io2" || spec.volumeType == "gp3") {
		spec.iops = 3000
		if same {
			spec.iops = v.iops
		}
	}
	if spec.throughput == 0 && spec.volumeType == "gp3" && same {
		spec.throughput = v.throughput
	}
	if err := s.checkVolumeSpec(r, &spec); err != nil {
		return err
	}
	multi := v.multiAttach
	if p.Has("MultiAttachEnabled") {
		multi = boolParam(p, "MultiAttachEnabled")
	}
	if err := checkMultiAttach(multi, spec.volumeType); err != nil {
		return err
	}
	m := &volumeMod{state: "modifying", start: r.Now, original: v.config(),
		target: volumeConfig{size: spec.size, iops: spec.iops, throughput: spec.throughput, volumeType: spec.volumeType, multiAttach: multi}}
	v.mods = append(v.mods, m)
	s.compute.start(func() {
		if m.state == "modifying" {
			m.state, m.progress = "optimizing", 50
			v.size, v.iops, v.throughput = m.target.size, m.target.iops, m.target.throughput
			v.volumeType, v.multiAttach = m.target.volumeType, m.target.multiAttach
		}
	}, func() {
		if m.state == "optimizing" {
			m.state, m.progress, m.end = "completed", 100, s.compute.house.now
		}
	})
	return fake.WriteXML(w, http.StatusOK, modifyVolumeResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID,
		Modification: modItem(v.id, m)})
}

type describeVolumesModificationsResponse struct {
	XMLName       xml.Name        `xml:"DescribeVolumesModificationsResponse"`
	Xmlns         string          `xml:"xmlns,attr"`
	RequestID     string          `xml:"requestId"`
	Modifications []volumeModItem `xml:"volumeModificationSet>item"`
	NextToken     string          `xml:"nextToken,omitempty"`
}

// describeVolumesModifications answers DescribeVolumesModifications with
// each volume's latest modification: VolumeId.N (a volume never modified
// is InvalidVolumeModification.NotFound), Filter.N, and MaxResults 5..500
// paging. Without VolumeId.N, volumes never modified are left out.
func (s *Backend) describeVolumesModifications(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, "modification-state", "volume-id", "start-time", "target-size", "target-iops",
		"target-volume-type", "target-throughput", "targetMultiAttachEnabled", "original-size", "original-iops",
		"original-volume-type", "originalMultiAttachEnabled")
	if err != nil {
		return err
	}
	st := s.store(r)
	ids := list(r.Params, "VolumeId")
	vols, err := st.volumesByID(ids)
	if err != nil {
		return err
	}
	for _, v := range vols {
		if len(v.mods) == 0 {
			return ec2Error("InvalidVolumeModification.NotFound", "Modification for volume '%s' does not exist.", v.id)
		}
	}
	if len(ids) == 0 {
		for _, id := range slices.Sorted(maps.Keys(st.volumes)) {
			if v := st.volumes[id]; len(v.mods) > 0 {
				vols = append(vols, v)
			}
		}
	}
	var items []volumeModItem
	for _, v := range vols {
		it := modItem(v.id, v.mods[len(v.mods)-1])
		// Modifications carry no tags; matchResource is given none.
		ok := matchResource(fs, nil, func(name string) []string { return []string{modField(it, name)} })
		if ok {
			items = append(items, it)
		}
	}
	items, next, err := page(r.Params, items, 5, 500)
	if err != nil {
		return err
	}
	return fake.WriteXML(w, http.StatusOK, describeVolumesModificationsResponse{Xmlns: responseNamespace(r),
		RequestID: r.RequestID, Modifications: items, NextToken: next})
}

// modField is the value of it that the filter name matches against.
func modField(it volumeModItem, name string) string {
	switch name {
	case "modification-state":
		return it.State
	case "volume-id":
		return it.VolumeID
	case "start-time":
		return it.StartTime
	case "target-size":
		return strconv.Itoa(it.TargetSize)
	case "target-iops":
		return strconv.Itoa(it.TargetIops)
	case "target-volume-type":
		return it.TargetVolumeType
	case "target-throughput":
		return strconv.Itoa(it.TargetThroughput)
	case "targetMultiAttachEnabled":
		return strconv.FormatBool(it.TargetMultiAttachEnabled)
	case "original-size":
		return strconv.Itoa(it.OriginalSize)
	case "original-iops":
		return strconv.Itoa(it.OriginalIops)
	case "original-volume-type":
		return it.OriginalVolumeType
	case "originalMultiAttachEnabled":
		return strconv.FormatBool(it.OriginalMultiAttachEnabled)
	}
	return ""
}

// FailVolumeModification makes the latest modification of account's
// volume id in region fail with message, as EC2 rarely does after a
// transient fault, and reports whether there was one still modifying to
// fail. The volume keeps its original configuration.
func (s *Backend) FailVolumeModification(account, region, id, message string) bool {
	c := s.compute
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.stores.Get(account, region).volumes[id]
	if v == nil || v.modState() != "modifying" {
		return false
	}
	m := v.mods[len(v.mods)-1]
	m.state, m.message, m.end = "failed", message, c.house.now
	return true
}
