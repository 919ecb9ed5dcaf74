package ec2test

import (
	"encoding/base64"
	"encoding/xml"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// ltDataParams are the LaunchTemplateData members the fake keeps (EC2 API
// Reference, RequestLaunchTemplateData): those RunInstances honours here.
// The params table refuses the others by name.
func ltDataParams() []string {
	var out []string
	for _, p := range slices.Concat([]string{"ImageId", "InstanceType", "KeyName", "UserData", "EbsOptimized",
		"DisableApiTermination", "InstanceInitiatedShutdownBehavior", "Monitoring.Enabled", "Placement.AvailabilityZone",
		"SecurityGroupId.N", "SecurityGroup.N", "TagSpecification.N.ResourceType", "TagSpecification.N.Tag.N.Key",
		"TagSpecification.N.Tag.N.Value"}, ebsMappingParams()) {
		out = append(out, "LaunchTemplateData."+p)
	}
	return out
}

// templateData reads LaunchTemplateData.* into RunInstances parameters.
// EC2 validates little of a template until it is launched (EC2 User
// Guide, "Restrictions for Amazon EC2 launch templates": "Parameters not
// validated"); the fake checks the shapes RunInstances would refuse
// before any state: the image ID, base64 user data, and tags only on
// instances and volumes.
func templateData(p url.Values) (url.Values, error) {
	data := url.Values{}
	for k, v := range p {
		if rest, ok := strings.CutPrefix(k, "LaunchTemplateData."); ok {
			data[rest] = slices.Clone(v)
		}
	}
	if len(data) == 0 {
		return nil, missing("LaunchTemplateData")
	}
	if id := data.Get("ImageId"); id != "" {
		if err := checkIDs("InvalidAMIID.Malformed", "ami", id); err != nil {
			return nil, err
		}
	}
	if u := data.Get("UserData"); u != "" {
		if _, err := base64.StdEncoding.DecodeString(u); err != nil {
			return nil, invalidValue("Invalid BASE64 encoding of user data.")
		}
	}
	for _, spec := range structs(data, "TagSpecification") {
		if typ := spec.Get("ResourceType"); typ != "instance" && typ != "volume" {
			return nil, ec2Error("InvalidParameter", "LaunchTemplateData.TagSpecification with resource type '%s' is not supported by ec2test (it tags instance, volume).", typ)
		}
	}
	return data, nil
}

// createLaunchTemplateVersion answers CreateLaunchTemplateVersion: a new
// version, LaunchTemplateData over SourceVersion's parameters when given
// (EC2 API Reference: "The new version inherits the same launch
// parameters as the source version, except for parameters that you
// specify in LaunchTemplateData").
func (s *Backend) createLaunchTemplateVersion(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	t, err := s.templateStore(r).find(p, "")
	if err != nil {
		return err
	}
	data, err := templateData(p)
	if err != nil {
		return err
	}
	if src := p.Get("SourceVersion"); src != "" {
		ver, err := t.version(src)
		if err != nil {
			return err
		}
		data = overlay(ver.data, data)
	}
	if len(p.Get("VersionDescription")) > 255 {
		return invalidValue("The version description must be at most 255 characters.")
	}
	if tok := p.Get("ClientToken"); tok != "" {
		if _, ok := t.tokens[tok]; ok {
			return idempotentMismatch()
		}
		t.tokens[tok] = struct{}{}
	}
	ver := &ltVersion{number: t.next, description: p.Get("VersionDescription"), data: data, created: r.Now}
	t.versions[ver.number] = ver
	t.next++
	return fake.WriteXML(w, http.StatusOK, createLaunchTemplateVersionResponse{Xmlns: responseNamespace(r),
		RequestID: r.RequestID, Version: t.versionXML(ver)})
}

// overlay returns base with over's parameters in place of the ones they
// replace: a list (SecurityGroupId.N, BlockDeviceMapping.N, ...) is
// replaced as a whole, any other parameter by itself.
func overlay(base, over url.Values) url.Values {
	replaced := map[string]bool{}
	for k := range over {
		replaced[paramGroup(k)] = true
	}
	out := url.Values{}
	for k, v := range base {
		if !replaced[paramGroup(k)] {
			out[k] = slices.Clone(v)
		}
	}
	for k, v := range over {
		out[k] = slices.Clone(v)
	}
	return out
}

// paramGroup is the list a parameter belongs to ("BlockDeviceMapping" for
// BlockDeviceMapping.2.Ebs.VolumeSize), or the parameter itself.
func paramGroup(k string) string {
	head, rest, ok := strings.Cut(k, ".")
	if !ok {
		return k
	}
	num, _, _ := strings.Cut(rest, ".")
	if _, err := strconv.Atoi(num); err == nil {
		return head
	}
	return k
}

type ltEbsItem struct {
	SnapshotID          string `xml:"snapshotId,omitempty"`
	VolumeSize          string `xml:"volumeSize,omitempty"`
	VolumeType          string `xml:"volumeType,omitempty"`
	Iops                string `xml:"iops,omitempty"`
	Throughput          string `xml:"throughput,omitempty"`
	Encrypted           string `xml:"encrypted,omitempty"`
	DeleteOnTermination string `xml:"deleteOnTermination,omitempty"`
}

type ltDeviceItem struct {
	DeviceName  string     `xml:"deviceName,omitempty"`
	VirtualName string     `xml:"virtualName,omitempty"`
	NoDevice    *string    `xml:"noDevice"`
	Ebs         *ltEbsItem `xml:"ebs"`
}

type ltTagSpecItem struct {
	ResourceType string    `xml:"resourceType"`
	Tags         []tagItem `xml:"tagSet>item"`
}

type ltDataItem struct {
	ImageID          string `xml:"imageId,omitempty"`
	InstanceType     string `xml:"instanceType,omitempty"`
	KeyName          string `xml:"keyName,omitempty"`
	UserData         string `xml:"userData,omitempty"`
	EbsOptimized     string `xml:"ebsOptimized,omitempty"`
	DisableTerminate string `xml:"disableApiTermination,omitempty"`
	ShutdownBehavior string `xml:"instanceInitiatedShutdownBehavior,omitempty"`
	Monitoring       *struct {
		Enabled string `xml:"enabled"`
	} `xml:"monitoring"`
	Placement *struct {
		AvailabilityZone string `xml:"availabilityZone"`
	} `xml:"placement"`
	// Lists are pointers so that an empty one is left out: encoding/xml
	// writes the parent of an a>b path even for an empty slice.
	GroupIDs *ltList[string]        `xml:"securityGroupIdSet"`
	Groups   *ltList[string]        `xml:"securityGroupSet"`
	Devices  *ltList[ltDeviceItem]  `xml:"blockDeviceMappingSet"`
	TagSpecs *ltList[ltTagSpecItem] `xml:"tagSpecificationSet"`
}

type ltList[T any] struct {
	Items []T `xml:"item"`
}

// items returns xs as a list element, nil when empty.
func items[T any](xs []T) *ltList[T] {
	if len(xs) == 0 {
		return nil
	}
	return &ltList[T]{xs}
}

// dataXML renders a version's parameters as ResponseLaunchTemplateData.
func dataXML(d url.Values) ltDataItem {
	it := ltDataItem{ImageID: d.Get("ImageId"), InstanceType: d.Get("InstanceType"), KeyName: d.Get("KeyName"),
		UserData: d.Get("UserData"), EbsOptimized: d.Get("EbsOptimized"), DisableTerminate: d.Get("DisableApiTermination"),
		ShutdownBehavior: d.Get("InstanceInitiatedShutdownBehavior"), GroupIDs: items(list(d, "SecurityGroupId")),
		Groups: items(list(d, "SecurityGroup"))}
	var devices []ltDeviceItem
	var specs []ltTagSpecItem
	if v := d.Get("Monitoring.Enabled"); v != "" {
		it.Monitoring = &struct {
			Enabled string `xml:"enabled"`
		}{v}
	}
	if v := d.Get("Placement.AvailabilityZone"); v != "" {
		it.Placement = &struct {
			AvailabilityZone string `xml:"availabilityZone"`
		}{v}
	}
	for _, m := range structs(d, "BlockDeviceMapping") {
		dev := ltDeviceItem{DeviceName: m.Get("DeviceName"), VirtualName: m.Get("VirtualName")}
		if m.Has("NoDevice") {
			nd := m.Get("NoDevice")
			dev.NoDevice = &nd
		}
		if hasPrefix(m, "Ebs.") {
			dev.Ebs = &ltEbsItem{SnapshotID: m.Get("Ebs.SnapshotId"), VolumeSize: m.Get("Ebs.VolumeSize"),
				VolumeType: m.Get("Ebs.VolumeType"), Iops: m.Get("Ebs.Iops"), Throughput: m.Get("Ebs.Throughput"),
				Encrypted: m.Get("Ebs.Encrypted"), DeleteOnTermination: m.Get("Ebs.DeleteOnTermination")}
		}
		devices = append(devices, dev)
	}
	for _, spec := range structs(d, "TagSpecification") {
		tags := map[string]string{}
		for _, t := range structs(spec, "Tag") {
			tags[t.Get("Key")] = t.Get("Value")
		}
		specs = append(specs, ltTagSpecItem{ResourceType: spec.Get("ResourceType"), Tags: tagSet(tags)})
	}
	it.Devices, it.TagSpecs = items(devices), items(specs)
	return it
}

type ltVersionItem struct {
	ID             string     `xml:"launchTemplateId"`
	Name           string     `xml:"launchTemplateName"`
	VersionNumber  int        `xml:"versionNumber"`
	Description    string     `xml:"versionDescription,omitempty"`
	CreateTime     string     `xml:"createTime"`
	CreatedBy      string     `xml:"createdBy"`
	DefaultVersion bool       `xml:"defaultVersion"`
	Data           ltDataItem `xml:"launchTemplateData"`
}

func (t *launchTemplate) versionXML(v *ltVersion) ltVersionItem {
	return ltVersionItem{ID: t.id, Name: t.name, VersionNumber: v.number, Description: v.description,
		CreateTime: v.created.UTC().Format(xmlTime), CreatedBy: "arn:aws:iam::" + t.owner + ":root",
		DefaultVersion: v.number == t.defaultVersion, Data: dataXML(v.data)}
}

type createLaunchTemplateVersionResponse struct {
	XMLName   xml.Name      `xml:"CreateLaunchTemplateVersionResponse"`
	Xmlns     string        `xml:"xmlns,attr"`
	RequestID string        `xml:"requestId"`
	Version   ltVersionItem `xml:"launchTemplateVersion"`
}

type describeLaunchTemplateVersionsResponse struct {
	XMLName   xml.Name        `xml:"DescribeLaunchTemplateVersionsResponse"`
	Xmlns     string          `xml:"xmlns,attr"`
	RequestID string          `xml:"requestId"`
	Versions  []ltVersionItem `xml:"launchTemplateVersionSet>item"`
	NextToken string          `xml:"nextToken,omitempty"`
}

// describeLaunchTemplateVersions answers DescribeLaunchTemplateVersions
// (EC2 API Reference): one template's versions, those
// LaunchTemplateVersion.N names (numbers, $Latest, $Default) or those
// between MinVersion and MaxVersion, newest first; without a template,
// $Latest or $Default of every template. Filters: create-time,
// ebs-optimized, image-id, instance-type, is-default-version, and
// iam-instance-profile, kernel-id and ram-disk-id, which the fake's
// templates never hold. MaxResults 1-200.
func (s *Backend) describeLaunchTemplateVersions(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	fs, err := filters(p, "create-time", "ebs-optimized", "iam-instance-profile", "image-id", "instance-type",
		"is-default-version", "kernel-id", "ram-disk-id")
	if err != nil {
		return err
	}
	st := s.templateStore(r)
	asked := list(p, "LaunchTemplateVersion")
	var templates []*launchTemplate
	if p.Get("LaunchTemplateId") == "" && p.Get("LaunchTemplateName") == "" {
		if len(asked) == 0 || slices.ContainsFunc(asked, func(v string) bool { return v != "$Latest" && v != "$Default" }) {
			return missing("LaunchTemplateId or LaunchTemplateName (or versions only $Latest and $Default)")
		}
		for _, id := range slices.Sorted(maps.Keys(st.templates)) {
			templates = append(templates, st.templates[id])
		}
	} else {
		t, err := st.find(p, "")
		if err != nil {
			return err
		}
		templates = []*launchTemplate{t}
	}
	lo, hi := 0, int(^uint(0)>>1)
	for name, dst := range map[string]*int{"MinVersion": &lo, "MaxVersion": &hi} {
		if v := p.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return invalidValue("Value (" + v + ") for parameter " + name + " is invalid.")
			}
			*dst = n
		}
	}
	var items []ltVersionItem
	for _, t := range templates {
		var vers []*ltVersion
		if len(asked) > 0 {
			for _, v := range asked {
				ver, err := t.version(v)
				if err != nil {
					return err
				}
				if !slices.Contains(vers, ver) {
					vers = append(vers, ver)
				}
			}
		} else {
			for _, n := range slices.Sorted(maps.Keys(t.versions)) {
				vers = append(vers, t.versions[n])
			}
		}
		slices.SortFunc(vers, func(a, b *ltVersion) int { return b.number - a.number })
		for _, v := range vers {
			if v.number < lo || v.number > hi {
				continue
			}
			it := t.versionXML(v)
			if matchAll(fs, func(name string) string {
				return map[string]string{"create-time": it.CreateTime, "ebs-optimized": v.data.Get("EbsOptimized"),
					"image-id": v.data.Get("ImageId"), "instance-type": v.data.Get("InstanceType"),
					"is-default-version": strconv.FormatBool(it.DefaultVersion)}[name]
			}) {
				items = append(items, it)
			}
		}
	}
	items, next, err := page(p, items, 1, 200)
	if err != nil {
		return err
	}
	return fake.WriteXML(w, http.StatusOK, describeLaunchTemplateVersionsResponse{Xmlns: responseNamespace(r),
		RequestID: r.RequestID, Versions: items, NextToken: next})
}

type ltVersionResult struct {
	ID            string `xml:"launchTemplateId"`
	Name          string `xml:"launchTemplateName"`
	VersionNumber int    `xml:"versionNumber"`
	Error         *struct {
		Code    string `xml:"code"`
		Message string `xml:"message"`
	} `xml:"responseError"`
}

type deleteLaunchTemplateVersionsResponse struct {
	XMLName   xml.Name          `xml:"DeleteLaunchTemplateVersionsResponse"`
	Xmlns     string            `xml:"xmlns,attr"`
	RequestID string            `xml:"requestId"`
	Deleted   []ltVersionResult `xml:"successfullyDeletedLaunchTemplateVersionSet>item"`
	Failed    []ltVersionResult `xml:"unsuccessfullyDeletedLaunchTemplateVersionSet>item"`
}

// deleteLaunchTemplateVersions answers DeleteLaunchTemplateVersions: each
// version number goes, or is listed as not deleted with EC2's code for
// why (EC2 API Reference, ResponseError: launchTemplateVersionDoesNotExist,
// and unexpectedError for the default version, which only
// DeleteLaunchTemplate removes). At most 200 versions a call.
func (s *Backend) deleteLaunchTemplateVersions(w http.ResponseWriter, r *fake.Request) error {
	t, err := s.templateStore(r).find(r.Params, "")
	if err != nil {
		return err
	}
	asked := list(r.Params, "LaunchTemplateVersion")
	switch {
	case len(asked) == 0:
		return missing("LaunchTemplateVersion")
	case len(asked) > 200:
		return invalidValue("You can specify at most 200 launch template versions.")
	}
	resp := deleteLaunchTemplateVersionsResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID}
	for _, v := range asked {
		n, err := strconv.Atoi(v)
		res := ltVersionResult{ID: t.id, Name: t.name, VersionNumber: n}
		fail := func(code, msg string) {
			res.Error = &struct {
				Code    string `xml:"code"`
				Message string `xml:"message"`
			}{code, msg}
			resp.Failed = append(resp.Failed, res)
		}
		switch {
		case err != nil || t.versions[n] == nil:
			fail("launchTemplateVersionDoesNotExist", "Could not find launch template version "+v+".")
		case n == t.defaultVersion:
			fail("unexpectedError", "Cannot delete the default version of a launch template; delete the launch template instead.")
		default:
			delete(t.versions, n)
			resp.Deleted = append(resp.Deleted, res)
		}
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}
