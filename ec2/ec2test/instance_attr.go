package ec2test

import (
	"encoding/base64"
	"encoding/xml"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

type valueItem struct {
	Value string `xml:"value"`
}

type instanceAttributeResponse struct {
	XMLName          xml.Name    `xml:"DescribeInstanceAttributeResponse"`
	Xmlns            string      `xml:"xmlns,attr"`
	RequestID        string      `xml:"requestId"`
	InstanceID       string      `xml:"instanceId"`
	InstanceType     *valueItem  `xml:"instanceType"`
	UserData         *valueItem  `xml:"userData"`
	NoTerminate      *valueItem  `xml:"disableApiTermination"`
	ShutdownBehavior *valueItem  `xml:"instanceInitiatedShutdownBehavior"`
	RootDeviceName   *valueItem  `xml:"rootDeviceName"`
	Devices          *deviceList `xml:"blockDeviceMapping"`
	Groups           *groupList  `xml:"groupSet"`
	EbsOptimized     *valueItem  `xml:"ebsOptimized"`
	SourceDestCheck  *valueItem  `xml:"sourceDestCheck"`
}

type deviceList struct {
	Items []deviceItem `xml:"item"`
}

type groupList struct {
	Items []groupItem `xml:"item"`
}

// describeInstanceAttribute answers DescribeInstanceAttribute for
// instanceType, userData, disableApiTermination,
// instanceInitiatedShutdownBehavior, rootDeviceName, blockDeviceMapping,
// groupSet, ebsOptimized and sourceDestCheck.
func (s *Backend) describeInstanceAttribute(w http.ResponseWriter, r *fake.Request) error {
	for _, name := range []string{"InstanceId", "Attribute"} {
		if r.Params.Get(name) == "" {
			return missing(name)
		}
	}
	st := s.store(r)
	insts, err := st.instancesByID([]string{r.Params.Get("InstanceId")})
	if err != nil {
		return err
	}
	inst := insts[0]
	resp := instanceAttributeResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, InstanceID: inst.id}
	switch a := r.Params.Get("Attribute"); a {
	case "instanceType":
		resp.InstanceType = &valueItem{inst.instanceType}
	case "userData":
		resp.UserData = &valueItem{inst.userData}
	case "disableApiTermination":
		resp.NoTerminate = &valueItem{strconv.FormatBool(inst.noTerminate)}
	case "instanceInitiatedShutdownBehavior":
		resp.ShutdownBehavior = &valueItem{inst.shutdownBehavior}
	case "rootDeviceName":
		resp.RootDeviceName = &valueItem{inst.rootDeviceName}
	case "blockDeviceMapping":
		resp.Devices = &deviceList{st.instanceXML(inst).Devices}
	case "groupSet":
		resp.Groups = &groupList{groupItems(inst.groups)}
	case "ebsOptimized":
		resp.EbsOptimized = &valueItem{strconv.FormatBool(inst.ebsOptimized)}
	case "sourceDestCheck":
		resp.SourceDestCheck = &valueItem{strconv.FormatBool(inst.sourceDestCheck)}
	default:
		return invalidValue("Value (" + a + ") for parameter attribute is invalid. Unknown attribute.")
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}

// modifyInstanceAttribute answers ModifyInstanceAttribute in both request
// shapes: InstanceType.Value, UserData.Value, DisableApiTermination.Value,
// InstanceInitiatedShutdownBehavior.Value, EbsOptimized.Value,
// SourceDestCheck.Value,
// GroupId.N and BlockDeviceMapping.N.* (current SDKs), or Attribute with
// Value (boto 2). instanceType, userData and ebsOptimized need a stopped
// instance. A block-device mapping changes DeleteOnTermination of volumes
// attached to the instance, running or not.
func (s *Backend) modifyInstanceAttribute(w http.ResponseWriter, r *fake.Request, net launchNet) error {
	p := r.Params
	if p.Get("InstanceId") == "" {
		return missing("InstanceId")
	}
	st := s.store(r)
	insts, err := st.instancesByID([]string{p.Get("InstanceId")})
	if err != nil {
		return err
	}
	inst := insts[0]
	set := map[string]string{}
	for _, a := range []string{"InstanceType", "UserData", "DisableApiTermination", "InstanceInitiatedShutdownBehavior", "EbsOptimized", "SourceDestCheck"} {
		if p.Has(a + ".Value") {
			set[strings.ToLower(a[:1])+a[1:]] = p.Get(a + ".Value")
		}
	}
	if a := p.Get("Attribute"); a != "" && a != "blockDeviceMapping" && a != "groupSet" {
		set[a] = p.Get("Value")
	}
	groups := list(p, "GroupId")
	mappings := structs(p, "BlockDeviceMapping")
	if len(set)+len(groups)+len(mappings) == 0 {
		return missing("Attribute")
	}
	if len(set)+min(len(groups), 1)+min(len(mappings), 1) > 1 {
		return ec2Error("InvalidParameterCombination", "Fields for multiple attribute types specified: %s", strings.Join(keys(set), ", "))
	}
	for a, v := range set {
		switch a {
		case "instanceType", "userData", "ebsOptimized":
			if inst.state != "stopped" {
				return ec2Error("IncorrectInstanceState", "The instance '%s' is not in the 'stopped' state.", inst.id)
			}
		}
		switch a {
		case "instanceType":
			if err := checkInstanceType(v, inst.architecture); err != nil {
				return err
			}
			inst.instanceType = v
		case "userData":
			if _, err := base64.StdEncoding.DecodeString(v); err != nil {
				return invalidValue("Invalid BASE64 encoding of user data.")
			}
			inst.userData = v
		case "disableApiTermination":
			inst.noTerminate = v == "true"
		case "ebsOptimized":
			inst.ebsOptimized = v == "true"
		case "sourceDestCheck":
			inst.sourceDestCheck = v == "true"
		case "instanceInitiatedShutdownBehavior":
			if v != "stop" && v != "terminate" {
				return invalidValue("Value (" + v + ") for parameter instanceInitiatedShutdownBehavior is invalid.")
			}
			inst.shutdownBehavior = v
		default:
			return invalidValue("Value (" + a + ") for parameter attribute is invalid. Unknown attribute.")
		}
	}
	if len(groups) > 0 {
		if net.err != nil {
			return net.err
		}
		inst.groups = net.groups
	}
	devs := st.devices(inst)
	var changes []func()
	for _, m := range mappings {
		dev := m.Get("DeviceName")
		var target *volume
		for _, v := range devs {
			if v.att.device == dev {
				target = v
			}
		}
		if target == nil {
			return ec2Error("InvalidInstanceAttributeValue", "No device is currently mapped at %s", dev)
		}
		if id := m.Get("Ebs.VolumeId"); id != "" && id != target.id {
			return ec2Error("InvalidInstanceAttributeValue", "Volume %s is not mapped at %s", id, dev)
		}
		if m.Has("Ebs.DeleteOnTermination") {
			del := boolParam(m, "Ebs.DeleteOnTermination")
			changes = append(changes, func() { target.att.deleteOnTermination = del })
		}
	}
	for _, c := range changes {
		c()
	}
	return writeReturn(w, r)
}

func keys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

// modifyInstanceAttributeAction answers ModifyInstanceAttribute, looking
// the groups of GroupId.N up in the network family (for their names, or
// InvalidGroup.NotFound) before the compute lock is taken.
func (s *Backend) modifyInstanceAttributeAction() action {
	return func(w http.ResponseWriter, r *fake.Request) error {
		var ln launchNet
		if ids := list(r.Params, "GroupId"); len(ids) > 0 {
			refs, err := s.securityGroupsFor(r.Account(), r.Region, ids, nil)
			ln.err = err
			for _, g := range refs {
				ln.groups = append(ln.groups, groupRef{id: g.ID, name: g.Name})
			}
		}
		return s.locked(func(w http.ResponseWriter, r *fake.Request) error {
			return s.modifyInstanceAttribute(w, r, ln)
		})(w, r)
	}
}
