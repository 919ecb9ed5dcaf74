package ec2test

import (
	"encoding/xml"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

type instanceState struct {
	Code int    `xml:"code"`
	Name string `xml:"name"`
}

func stateOf(name string) instanceState { return instanceState{stateCodes[name], name} }

type groupItem struct {
	GroupID   string `xml:"groupId,omitempty"`
	GroupName string `xml:"groupName,omitempty"`
}

type ebsItem struct {
	VolumeID            string `xml:"volumeId"`
	Status              string `xml:"status"`
	AttachTime          string `xml:"attachTime"`
	DeleteOnTermination bool   `xml:"deleteOnTermination"`
}

type deviceItem struct {
	DeviceName string  `xml:"deviceName"`
	Ebs        ebsItem `xml:"ebs"`
}

type instanceItem struct {
	InstanceID     string        `xml:"instanceId"`
	ImageID        string        `xml:"imageId"`
	InstanceState  instanceState `xml:"instanceState"`
	PrivateDNSName string        `xml:"privateDnsName"`
	DNSName        string        `xml:"dnsName"`
	Reason         string        `xml:"reason"`
	KeyName        string        `xml:"keyName,omitempty"`
	AmiLaunchIndex int           `xml:"amiLaunchIndex"`
	InstanceType   string        `xml:"instanceType"`
	LaunchTime     string        `xml:"launchTime"`
	Placement      struct {
		AvailabilityZone string `xml:"availabilityZone"`
		GroupName        string `xml:"groupName"`
		Tenancy          string `xml:"tenancy"`
	} `xml:"placement"`
	Monitoring struct {
		State string `xml:"state"`
	} `xml:"monitoring"`
	PrivateIPAddress  string           `xml:"privateIpAddress,omitempty"`
	SubnetID          string           `xml:"subnetId,omitempty"`
	VpcID             string           `xml:"vpcId,omitempty"`
	SourceDestCheck   bool             `xml:"sourceDestCheck"`
	PlatformDetails   string           `xml:"platformDetails"`
	UsageOperation    string           `xml:"usageOperation"`
	NetworkInterfaces []niItem         `xml:"networkInterfaceSet>item"`
	ProductCodes      *productCodeList `xml:"productCodes"`
	instanceOptions
	IPAddress          string       `xml:"ipAddress,omitempty"`
	Groups             []groupItem  `xml:"groupSet>item"`
	StateReason        *stateReason `xml:"stateReason,omitempty"`
	Architecture       string       `xml:"architecture"`
	RootDeviceType     string       `xml:"rootDeviceType"`
	RootDeviceName     string       `xml:"rootDeviceName,omitempty"`
	Devices            []deviceItem `xml:"blockDeviceMapping>item"`
	VirtualizationType string       `xml:"virtualizationType"`
	ClientToken        string       `xml:"clientToken"`
	Tags               []tagItem    `xml:"tagSet>item"`
	Hypervisor         string       `xml:"hypervisor"`
	EbsOptimized       bool         `xml:"ebsOptimized"`
}

type stateReason struct {
	Code    string `xml:"code"`
	Message string `xml:"message"`
}

type reservationItem struct {
	ReservationID string         `xml:"reservationId"`
	OwnerID       string         `xml:"ownerId"`
	Groups        []groupItem    `xml:"groupSet>item"`
	Instances     []instanceItem `xml:"instancesSet>item"`
}

func groupItems(gs []groupRef) []groupItem {
	var out []groupItem
	for _, g := range gs {
		out = append(out, groupItem{g.id, g.name})
	}
	return out
}

// instanceXML renders inst as EC2's Instance.
func (st *computeStore) instanceXML(inst *instance) instanceItem {
	it := instanceItem{
		InstanceID: inst.id, ImageID: inst.imageID, InstanceState: stateOf(inst.state),
		PrivateDNSName: inst.privateDNS(), DNSName: inst.publicDNS(), KeyName: inst.keyName,
		AmiLaunchIndex: inst.launchIndex, InstanceType: inst.instanceType,
		LaunchTime: inst.launchTime.UTC().Format(xmlTime), PrivateIPAddress: inst.privateIP,
		IPAddress: inst.publicIP, Groups: groupItems(inst.groups), Architecture: inst.architecture,
		RootDeviceType: inst.rootDeviceType, RootDeviceName: inst.rootDeviceName,
		VirtualizationType: "hvm", ClientToken: inst.clientToken, Tags: tagSet(st.tags[inst.id]),
		Hypervisor: "xen", EbsOptimized: inst.ebsOptimized, SubnetID: inst.subnetID, VpcID: inst.vpcID,
		SourceDestCheck: inst.sourceDestCheck, PlatformDetails: "Linux/UNIX", UsageOperation: "RunInstances",
		NetworkInterfaces: inst.networkInterfaceXML(), instanceOptions: inst.options(),
		ProductCodes: productCodesElem(inst.productCodes),
	}
	if inst.state == "terminated" {
		// EC2 keeps no network placement for a terminated instance.
		it.PrivateDNSName, it.PrivateIPAddress, it.SubnetID, it.VpcID = "", "", "", ""
	}
	if inst.stateReason != "" {
		it.Reason = inst.stateReason
		it.StateReason = &stateReason{"Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown"}
	}
	it.Placement.AvailabilityZone = inst.zone
	it.Placement.Tenancy = "default"
	it.Monitoring.State = inst.monitoring
	for _, v := range st.devices(inst) {
		it.Devices = append(it.Devices, deviceItem{v.att.device, ebsItem{
			VolumeID: v.id, Status: v.att.status, AttachTime: v.att.time.UTC().Format(xmlTime),
			DeleteOnTermination: v.att.deleteOnTermination,
		}})
	}
	return it
}

func (st *computeStore) reservationXML(res *reservation, insts []*instance) reservationItem {
	it := reservationItem{ReservationID: res.id, OwnerID: res.owner, Groups: groupItems(res.groups)}
	for _, inst := range insts {
		it.Instances = append(it.Instances, st.instanceXML(inst))
	}
	return it
}

type runInstancesResponse struct {
	XMLName   xml.Name `xml:"RunInstancesResponse"`
	Xmlns     string   `xml:"xmlns,attr"`
	RequestID string   `xml:"requestId"`
	reservationItem
}

type describeInstancesResponse struct {
	XMLName      xml.Name          `xml:"DescribeInstancesResponse"`
	Xmlns        string            `xml:"xmlns,attr"`
	RequestID    string            `xml:"requestId"`
	Reservations []reservationItem `xml:"reservationSet>item"`
	NextToken    string            `xml:"nextToken,omitempty"`
}

type stateChange struct {
	InstanceID    string        `xml:"instanceId"`
	CurrentState  instanceState `xml:"currentState"`
	PreviousState instanceState `xml:"previousState"`
}

type stateChangeResponse struct {
	XMLName   xml.Name
	Xmlns     string        `xml:"xmlns,attr"`
	RequestID string        `xml:"requestId"`
	Changes   []stateChange `xml:"instancesSet>item"`
}

func writeStateChanges(w http.ResponseWriter, r *fake.Request, changes []stateChange) error {
	return fake.WriteXML(w, http.StatusOK, stateChangeResponse{
		XMLName: xml.Name{Local: r.Operation + "Response"}, Xmlns: responseNamespace(r),
		RequestID: r.RequestID, Changes: changes,
	})
}
