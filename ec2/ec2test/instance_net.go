package ec2test

import (
	"fmt"
	"strconv"
	"strings"
)

// An instance's primary network interface is made with it and goes with
// it: the fake serves no network-interface actions, so an instance has
// exactly one, device 0, holding its private and public addresses and
// its groups. What the fake does not model (IPv6, prefixes, Outposts,
// carrier and customer-owned addresses, interface tags) is absent, so
// filters on it match nothing; RunInstances refuses the parameters that
// would ask for it.

type niAssocItem struct {
	// AllocationID and AssociationID name the Elastic IP behind the
	// address, when it is one (EC2 API Reference,
	// InstanceNetworkInterfaceAssociation... as DescribeInstances reports
	// an associated Elastic IP).
	AllocationID  string `xml:"allocationId,omitempty"`
	AssociationID string `xml:"associationId,omitempty"`
	IPOwnerID     string `xml:"ipOwnerId"`
	PublicDNSName string `xml:"publicDnsName"`
	PublicIP      string `xml:"publicIp"`
}

type niAttachItem struct {
	AttachTime          string `xml:"attachTime"`
	AttachmentID        string `xml:"attachmentId"`
	DeleteOnTermination bool   `xml:"deleteOnTermination"`
	DeviceIndex         int    `xml:"deviceIndex"`
	NetworkCardIndex    int    `xml:"networkCardIndex"`
	Status              string `xml:"status"`
}

type niAddrItem struct {
	Association      *niAssocItem `xml:"association,omitempty"`
	Primary          bool         `xml:"primary"`
	PrivateDNSName   string       `xml:"privateDnsName"`
	PrivateIPAddress string       `xml:"privateIpAddress"`
}

type niOperatorItem struct {
	Managed bool `xml:"managed"`
}

type niItem struct {
	Association        *niAssocItem   `xml:"association,omitempty"`
	Attachment         niAttachItem   `xml:"attachment"`
	Description        string         `xml:"description"`
	Groups             []groupItem    `xml:"groupSet>item"`
	InterfaceType      string         `xml:"interfaceType"`
	MacAddress         string         `xml:"macAddress"`
	NetworkInterfaceID string         `xml:"networkInterfaceId"`
	OwnerID            string         `xml:"ownerId"`
	PrivateDNSName     string         `xml:"privateDnsName"`
	PrivateIPAddress   string         `xml:"privateIpAddress"`
	Addresses          []niAddrItem   `xml:"privateIpAddressesSet>item"`
	SourceDestCheck    bool           `xml:"sourceDestCheck"`
	Status             string         `xml:"status"`
	SubnetID           string         `xml:"subnetId"`
	VpcID              string         `xml:"vpcId"`
	Operator           niOperatorItem `xml:"operator"`
}

// newMAC returns a locally administered unicast MAC address, as EC2's
// interfaces have.
func newMAC() string {
	b := randomBytes(6)
	b[0] = b[0]&^1 | 2
	return fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5])
}

// association is the public address of inst's interface, nil when it has
// none. EC2 API Reference, InstanceNetworkInterfaceAssociation:
// ipOwnerId is "amazon" for an automatically assigned address and the
// account for an Elastic IP.
func (inst *instance) association() *niAssocItem {
	if inst.publicIP == "" {
		return nil
	}
	a := &niAssocItem{IPOwnerID: "amazon", PublicDNSName: inst.publicDNS(), PublicIP: inst.publicIP}
	if inst.elasticIP {
		a.IPOwnerID, a.AllocationID, a.AssociationID = inst.owner, inst.eipAllocID, inst.eipAssocID
	}
	return a
}

// networkInterfaceXML renders inst's primary interface, none for a
// terminated instance (EC2 detaches and deletes it).
func (inst *instance) networkInterfaceXML() []niItem {
	if inst.eniID == "" || inst.state == "terminated" {
		return nil
	}
	assoc := inst.association()
	return []niItem{{
		Association: assoc,
		Attachment: niAttachItem{AttachTime: inst.launchTime.UTC().Format(xmlTime), AttachmentID: inst.eniAttachID,
			DeleteOnTermination: true, Status: "attached"},
		Groups: groupItems(inst.groups), InterfaceType: "interface", MacAddress: inst.mac,
		NetworkInterfaceID: inst.eniID, OwnerID: inst.owner, PrivateDNSName: inst.privateDNS(),
		PrivateIPAddress: inst.privateIP,
		Addresses: []niAddrItem{{Association: assoc, Primary: true, PrivateDNSName: inst.privateDNS(),
			PrivateIPAddress: inst.privateIP}},
		SourceDestCheck: inst.sourceDestCheck, Status: "in-use", SubnetID: inst.subnetID, VpcID: inst.vpcID,
	}}
}

// networkInterfaceField returns the values a network-interface.* filter
// (field, without the prefix) selects across inst's interfaces.
func (inst *instance) networkInterfaceField(field string) []string {
	var out []string
	for _, ni := range inst.networkInterfaceXML() {
		assoc := func(a *niAssocItem, f string) {
			if a == nil {
				return
			}
			switch f {
			case "allocation-id":
				out = append(out, a.AllocationID)
			case "association-id":
				out = append(out, a.AssociationID)
			case "ip-owner-id":
				out = append(out, a.IPOwnerID)
			case "public-dns-name":
				out = append(out, a.PublicDNSName)
			case "public-ip":
				out = append(out, a.PublicIP)
			}
		}
		if f, ok := strings.CutPrefix(field, "addresses.association."); ok {
			for _, a := range ni.Addresses {
				assoc(a.Association, f)
			}
			continue
		}
		if f, ok := strings.CutPrefix(field, "association."); ok {
			assoc(ni.Association, f)
			continue
		}
		switch field {
		case "addresses.primary":
			out = append(out, "true")
		case "addresses.private-dns-name", "private-dns-name":
			out = append(out, ni.PrivateDNSName)
		case "addresses.private-ip-address", "private-ip-address":
			out = append(out, ni.PrivateIPAddress)
		case "attachment.attach-time":
			out = append(out, ni.Attachment.AttachTime)
		case "attachment.attachment-id":
			out = append(out, ni.Attachment.AttachmentID)
		case "attachment.delete-on-termination":
			out = append(out, strconv.FormatBool(ni.Attachment.DeleteOnTermination))
		case "attachment.device-index":
			out = append(out, strconv.Itoa(ni.Attachment.DeviceIndex))
		case "attachment.network-card-index":
			out = append(out, strconv.Itoa(ni.Attachment.NetworkCardIndex))
		case "attachment.instance-id":
			out = append(out, inst.id)
		case "attachment.instance-owner-id":
			out = append(out, inst.owner)
		case "attachment.status":
			out = append(out, ni.Attachment.Status)
		case "availability-zone":
			out = append(out, inst.zone)
		case "description":
			out = append(out, ni.Description)
		case "group-id", "group-name":
			for _, g := range ni.Groups {
				if field == "group-id" {
					out = append(out, g.GroupID)
				} else {
					out = append(out, g.GroupName)
				}
			}
		case "ipv6-native":
			out = append(out, "false")
		case "mac-address":
			out = append(out, ni.MacAddress)
		case "network-interface-id":
			out = append(out, ni.NetworkInterfaceID)
		case "operator.managed", "requester-managed":
			out = append(out, "false")
		case "owner-id":
			out = append(out, ni.OwnerID)
		case "public-dns-name":
			if ni.Association != nil {
				out = append(out, ni.Association.PublicDNSName)
			}
		case "source-dest-check":
			out = append(out, strconv.FormatBool(ni.SourceDestCheck))
		case "deny-all-igw-traffic":
			// Only ModifyNetworkInterfaceAttribute sets it, which the fake
			// does not serve, so every interface keeps EC2's default.
			out = append(out, "false")
		case "status":
			out = append(out, ni.Status)
		case "subnet-id":
			out = append(out, ni.SubnetID)
		case "vpc-id":
			out = append(out, ni.VpcID)
		}
	}
	return out
}
