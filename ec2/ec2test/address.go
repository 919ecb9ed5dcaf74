package ec2test

import (
	"encoding/xml"
	"fmt"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// addressLimit is EC2's default quota of Elastic IP addresses per region.
const addressLimit = 5

// netAddress is an Elastic IP address.
type netAddress struct {
	allocID, publicIP, domain string
	assocID, instanceID, eni  string
}

// addressPool returns the i'th public address the fake hands out, from
// the documentation ranges 203.0.113.0/24 and 198.51.100.0/24.
func addressPool(i int) string {
	i %= 2 * 240
	if i < 240 {
		return fmt.Sprintf("203.0.113.%d", 10+i)
	}
	return fmt.Sprintf("198.51.100.%d", 10+i-240)
}

// find looks an address up by AllocationId, or else PublicIp. The caller
// holds sc.mu.
func (sc *netScope) findAddress(allocID, publicIP string) (*netAddress, error) {
	switch {
	case allocID != "":
		if !validID("eipalloc", allocID) {
			// EC2's error codes list no InvalidAllocationID.Malformed: a
			// malformed allocation ID is one that cannot be found.
			return nil, ec2Error("InvalidAllocationID.NotFound", "The allocation ID '%s' does not exist", allocID)
		}
		if a := sc.addrByA[allocID]; a != nil {
			return a, nil
		}
		return nil, ec2Error("InvalidAllocationID.NotFound", "The allocation ID '%s' does not exist", allocID)
	case publicIP != "":
		for _, a := range sc.addrs {
			if a.publicIP == publicIP {
				return a, nil
			}
		}
		return nil, ec2Error("InvalidAddress.NotFound", "Address '%s' not found.", publicIP)
	}
	return nil, missing("AllocationId")
}

type allocateAddressResponse struct {
	XMLName xml.Name `xml:"AllocateAddressResponse"`
	netEnvelope
	PublicIP    string `xml:"publicIp"`
	Domain      string `xml:"domain"`
	AllocID     string `xml:"allocationId"`
	Pool        string `xml:"publicIpv4Pool"`
	BorderGroup string `xml:"networkBorderGroup"`
}

// AllocateAddress: Domain (vpc, the default, or standard),
// TagSpecification.N. Each account may hold five addresses per region.
func (s *Backend) allocateAddress(w http.ResponseWriter, r *fake.Request) error {
	domain := r.Params.Get("Domain")
	if domain == "" {
		domain = "vpc"
	}
	if domain != "vpc" && domain != "standard" {
		return invalidValue(fmt.Sprintf("Invalid value '%s' for domain.", domain))
	}
	sc := s.scope(r)
	sc.mu.Lock()
	if len(sc.addrs) >= addressLimit {
		sc.mu.Unlock()
		return ec2Error("AddressLimitExceeded", "The maximum number of addresses has been reached.")
	}
	a := &netAddress{allocID: newID("eipalloc"), domain: domain}
	for {
		ip := addressPool(sc.nextIP)
		sc.nextIP++
		if _, err := sc.findAddress("", ip); err != nil {
			a.publicIP = ip
			break
		}
	}
	sc.addrs = append(sc.addrs, a)
	sc.addrByA[a.allocID] = a
	sc.mu.Unlock()
	s.setNetTags(r, a.allocID, tagSpecs(r.Params, "elastic-ip"))
	return writeNet(w, r, &allocateAddressResponse{
		PublicIP: a.publicIP, Domain: domain, AllocID: a.allocID, Pool: "amazon", BorderGroup: r.Region,
	})
}

type associateAddressResponse struct {
	XMLName xml.Name `xml:"AssociateAddressResponse"`
	netEnvelope
	Return  bool   `xml:"return"`
	AssocID string `xml:"associationId"`
}

// AssociateAddress: AllocationId or PublicIp, InstanceId,
// AllowReassociation. The instance is not looked up:
// any well-formed ID is accepted. An instance holds one address; giving it
// another disassociates the first, as EC2 does.
func (s *Backend) associateAddress(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	// NetworkInterfaceId is refused by the parameter table (the fake has
	// no network interfaces), so eni is always "" here.
	inst, eni := p.Get("InstanceId"), p.Get("NetworkInterfaceId")
	if inst == "" {
		return missing("InstanceId")
	}
	if err := checkIDs("InvalidInstanceID.Malformed", "i", inst); err != nil {
		return err
	}
	sc := s.scope(r)
	// The instances whose public address changes are updated after the
	// network lock is released (deferred first, so it runs last).
	var fronted []func()
	defer func() {
		for _, f := range fronted {
			f()
		}
	}()
	sc.mu.Lock()
	defer sc.mu.Unlock()
	a, err := sc.findAddress(p.Get("AllocationId"), p.Get("PublicIp"))
	if err != nil {
		return err
	}
	if a.assocID != "" && !boolParam(p, "AllowReassociation") && (a.instanceID != inst || a.eni != eni) {
		return ec2Error("Resource.AlreadyAssociated", "resource %s is already associated with associate-id %s", a.allocID, a.assocID)
	}
	for _, o := range sc.addrs {
		if o != a && o.assocID != "" && (inst != "" && o.instanceID == inst || eni != "" && o.eni == eni) {
			sc.unassociate(o)
		}
	}
	if prev := a.instanceID; prev != "" && prev != inst {
		fronted = append(fronted, func() { s.setElasticIP(r.Account(), r.Region, prev, "", "", "") })
	}
	sc.unassociate(a)
	a.assocID, a.instanceID, a.eni = newID("eipassoc"), inst, eni
	sc.assocs[a.assocID] = a
	if inst != "" {
		ip, alloc, assoc := a.publicIP, a.allocID, a.assocID
		fronted = append(fronted, func() { s.setElasticIP(r.Account(), r.Region, inst, ip, alloc, assoc) })
	}
	return writeNet(w, r, &associateAddressResponse{Return: true, AssocID: a.assocID})
}

func (sc *netScope) unassociate(a *netAddress) {
	delete(sc.assocs, a.assocID)
	a.assocID, a.instanceID, a.eni = "", "", ""
}

// DisassociateAddress: AssociationId or PublicIp.
func (s *Backend) disassociateAddress(w http.ResponseWriter, r *fake.Request) error {
	id, ip := r.Params.Get("AssociationId"), r.Params.Get("PublicIp")
	sc := s.scope(r)
	var freed string // the instance that loses the address, updated after unlocking
	defer func() {
		if freed != "" {
			s.setElasticIP(r.Account(), r.Region, freed, "", "", "")
		}
	}()
	sc.mu.Lock()
	defer sc.mu.Unlock()
	switch {
	case id != "":
		if !validID("eipassoc", id) {
			// As for allocation IDs, EC2's error codes list no
			// InvalidAssociationID.Malformed.
			return ec2Error("InvalidAssociationID.NotFound", "The association ID '%s' does not exist", id)
		}
		a := sc.assocs[id]
		if a == nil {
			return ec2Error("InvalidAssociationID.NotFound", "The association ID '%s' does not exist", id)
		}
		freed = a.instanceID
		sc.unassociate(a)
	case ip != "":
		a, err := sc.findAddress("", ip)
		if err != nil {
			return err
		}
		freed = a.instanceID
		sc.unassociate(a)
	default:
		return missing("AssociationId")
	}
	return writeReturn(w, r)
}

// ReleaseAddress: AllocationId or PublicIp. An associated address is in
// use and cannot be released.
func (s *Backend) releaseAddress(w http.ResponseWriter, r *fake.Request) error {
	sc := s.scope(r)
	var released string // the address whose tags go, after unlocking
	defer func() {
		if released != "" {
			s.dropNetTags(r, released)
		}
	}()
	sc.mu.Lock()
	defer sc.mu.Unlock()
	a, err := sc.findAddress(r.Params.Get("AllocationId"), r.Params.Get("PublicIp"))
	if err != nil {
		return err
	}
	if a.assocID != "" {
		return ec2Error("InvalidIPAddress.InUse", "Address %s is in use.", a.publicIP)
	}
	for i, o := range sc.addrs {
		if o == a {
			sc.addrs = append(sc.addrs[:i:i], sc.addrs[i+1:]...)
			break
		}
	}
	delete(sc.addrByA, a.allocID)
	released = a.allocID
	return writeReturn(w, r)
}

type addressItem struct {
	PublicIP    string     `xml:"publicIp"`
	AllocID     string     `xml:"allocationId"`
	Domain      string     `xml:"domain"`
	InstanceID  string     `xml:"instanceId,omitempty"`
	AssocID     string     `xml:"associationId,omitempty"`
	ENI         string     `xml:"networkInterfaceId,omitempty"`
	ENIOwner    string     `xml:"networkInterfaceOwnerId,omitempty"`
	Tags        *netTagSet `xml:"tagSet"`
	Pool        string     `xml:"publicIpv4Pool"`
	BorderGroup string     `xml:"networkBorderGroup"`
}

type describeAddressesResponse struct {
	XMLName xml.Name `xml:"DescribeAddressesResponse"`
	netEnvelope
	Addresses []addressItem `xml:"addressesSet>item"`
}

// DescribeAddresses: PublicIp.N, AllocationId.N, Filter.N. It does not
// page.
func (s *Backend) describeAddresses(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, "allocation-id", "association-id", "domain", "instance-id",
		"network-border-group", "network-interface-id", "network-interface-owner-id", "private-ip-address", "public-ip")
	if err != nil {
		return err
	}
	ips, ids := list(r.Params, "PublicIp"), list(r.Params, "AllocationId")
	sc := s.scope(r)
	sc.mu.Lock()
	var picked []netAddress
	for _, id := range ids {
		a, err := sc.findAddress(id, "")
		if err != nil {
			sc.mu.Unlock()
			return err
		}
		picked = append(picked, *a)
	}
	for _, ip := range ips {
		a, err := sc.findAddress("", ip)
		if err != nil {
			sc.mu.Unlock()
			return err
		}
		picked = append(picked, *a)
	}
	if len(ids) == 0 && len(ips) == 0 {
		for _, a := range sc.addrs {
			picked = append(picked, *a)
		}
	}
	sc.mu.Unlock()
	resp := &describeAddressesResponse{}
	for _, a := range picked {
		tags := s.tagsOf(r.Account(), r.Region, a.allocID)
		ok := matchResource(fs, tags, func(name string) []string {
			switch name {
			case "allocation-id":
				return []string{a.allocID}
			case "association-id":
				return []string{a.assocID}
			case "domain":
				return []string{a.domain}
			case "instance-id":
				return []string{a.instanceID}
			case "network-border-group":
				return []string{r.Region}
			case "network-interface-id":
				return []string{a.eni}
			case "public-ip":
				return []string{a.publicIP}
			}
			return nil
		})
		if !ok {
			continue
		}
		item := addressItem{PublicIP: a.publicIP, AllocID: a.allocID, Domain: a.domain, InstanceID: a.instanceID,
			AssocID: a.assocID, ENI: a.eni, Tags: netTags(tags), Pool: "amazon", BorderGroup: r.Region}
		if a.eni != "" {
			item.ENIOwner = r.Account()
		}
		resp.Addresses = append(resp.Addresses, item)
	}
	return writeNet(w, r, resp)
}
