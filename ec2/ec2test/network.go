package ec2test

import (
	"net/http"
	"sync"

	"github.com/goboto/goboto/internal/fake"
)

// networkState holds security groups, key pairs and Elastic IP addresses,
// per account and region.
//
// Where the network family differs from EC2:
//
//   - Each account and region starts with its default VPC (vpc_model.go);
//     every VPC has a "default" group (all traffic from itself in, all
//     traffic out). Groups named by GroupName are the default VPC's, as
//     in EC2.
//   - Another account's group named in a rule (UserId set) is taken on
//     trust; EC2 checks it exists.
//   - Deleting a group that another group's rules refer to, or that an
//     instance which is not terminated uses, answers DependencyViolation,
//     as EC2 does in a VPC; a reference from another VPC's group (over
//     peering) counts too, where EC2 counts only the same VPC's.
//   - CreateKeyPair makes real keys. RSA keys come as PKCS#1 PEM, as in
//     EC2; ED25519 keys come as PKCS#8 PEM, where EC2 uses OpenSSH's own
//     format. KeyFormat ppk is refused. ImportKeyPair takes ssh-rsa and
//     ssh-ed25519 keys only (EC2 also takes ECDSA).
//   - Elastic IPs come from 203.0.113.0/24 and then 198.51.100.0/24, the
//     same sequence in every account and region; five per account and
//     region (EC2's default quota). AssociateAddress accepts any
//     well-formed instance or network interface ID without looking it up,
//     and reports no private IP.
type networkState struct {
	scopes fake.Scoped[netScope]
}

// netScope is one account's network resources in one region. Its mutex
// guards everything in it; it is never held while tags are read from the
// compute family, so the two families' locks never nest.
type netScope struct {
	mu      sync.Mutex
	account string
	vpcID   string                 // the default VPC, where groups are made; "" once deleted
	groups  []*secGroup            // in creation order
	keys    []*netKeyPair          // in creation order
	addrs   []*netAddress          // in allocation order
	nextIP  int                    // next index into the netAddress pool
	assocs  map[string]*netAddress // association ID -> netAddress
	byName  map[string]*secGroup   // group name -> group
	byID    map[string]*secGroup   // group ID -> group
	keyByNm map[string]*netKeyPair // key name -> key
	addrByA map[string]*netAddress // allocation ID -> netAddress

	// The VPC world (vpc_model.go), each in creation order.
	vpcs        []*vpcRes
	subnets     []*subnetRes
	igws        []*igwRes
	rtbs        []*rtbRes
	dhcpOptions string // the region's default DHCP options set
}

// newNetworkState makes the network family's state; zones returns a
// region's zones, for the default subnets of each new scope.
func newNetworkState(zones func(region string) []ZoneInfo) *networkState {
	n := &networkState{}
	n.scopes.New = func(account, region string) *netScope {
		sc := &netScope{
			account: account, dhcpOptions: newID("dopt"),
			assocs: map[string]*netAddress{}, byName: map[string]*secGroup{}, byID: map[string]*secGroup{},
			keyByNm: map[string]*netKeyPair{}, addrByA: map[string]*netAddress{},
		}
		sc.addDefaultVPC(zones(region))
		return sc
	}
	return n
}

// scope returns the caller's network resources.
func (s *Backend) scope(r *fake.Request) *netScope {
	return s.network.scopes.Get(r.Account(), r.Region)
}

// networkActions returns the actions of the network family.
func (s *Backend) networkActions() map[string]action {
	return map[string]action{
		"CreateSecurityGroup":           s.createSecurityGroup,
		"DescribeSecurityGroups":        s.describeSecurityGroups,
		"DeleteSecurityGroup":           s.deleteSecurityGroup,
		"AuthorizeSecurityGroupIngress": s.authorizeSecurityGroupIngress,
		"RevokeSecurityGroupIngress":    s.revokeSecurityGroupIngress,
		"AuthorizeSecurityGroupEgress":  s.authorizeSecurityGroupEgress,
		"RevokeSecurityGroupEgress":     s.revokeSecurityGroupEgress,
		"CreateKeyPair":                 s.createKeyPair,
		"ImportKeyPair":                 s.importKeyPair,
		"DescribeKeyPairs":              s.describeKeyPairs,
		"DeleteKeyPair":                 s.deleteKeyPair,
		"AllocateAddress":               s.allocateAddress,
		"DescribeAddresses":             s.describeAddresses,
		"AssociateAddress":              s.associateAddress,
		"DisassociateAddress":           s.disassociateAddress,
		"ReleaseAddress":                s.releaseAddress,
	}
}

// setNetTags stores tags given at creation (TagSpecification) in the
// compute family's tag store, which every family's answers read.
func (s *Backend) setNetTags(r *fake.Request, id string, tags map[string]string) {
	if len(tags) == 0 {
		return
	}
	s.compute.mu.Lock()
	defer s.compute.mu.Unlock()
	s.store(r).setTags(id, tags)
}

// dropNetTags drops the tags of the deleted network resource id (a
// security group, key pair or address) in every account of the request's
// region. Like setNetTags it takes the compute lock, so the caller must
// not hold its scope's lock: delete handlers call it from a defer
// registered before the one that unlocks the scope.
func (s *Backend) dropNetTags(r *fake.Request, id string) {
	s.compute.mu.Lock()
	defer s.compute.mu.Unlock()
	s.compute.dropTags(r.Region, id)
}

// writeNet writes an answer of the network family with EC2's netEnvelope:
// the namespace of the request's Version and its request ID.
func writeNet(w http.ResponseWriter, r *fake.Request, v netResponse) error {
	v.setEnvelope(responseNamespace(r), r.RequestID)
	return fake.WriteXML(w, http.StatusOK, v)
}

// netEnvelope is the part every answer shares.
type netEnvelope struct {
	Xmlns     string `xml:"xmlns,attr"`
	RequestID string `xml:"requestId"`
}

func (e *netEnvelope) setEnvelope(ns, id string) { e.Xmlns, e.RequestID = ns, id }

type netResponse interface{ setEnvelope(ns, id string) }

// netGroupRef is a security group as RunInstances and instances report it.
type netGroupRef struct{ ID, Name string }

// securityGroupsFor resolves the groups a launch names by ID or by name
// in account and region, for the compute family's RunInstances; an
// unknown group is InvalidGroup.NotFound, a malformed ID
// InvalidGroupId.Malformed. With neither, it returns the default group.
func (s *Backend) securityGroupsFor(account, region string, ids, names []string) ([]netGroupRef, error) {
	sc := s.network.scopes.Get(account, region)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if len(ids) == 0 && len(names) == 0 {
		names = []string{"default"}
	}
	var out []netGroupRef
	for _, id := range ids {
		g, err := sc.group(id, "")
		if err != nil {
			return nil, err
		}
		out = append(out, netGroupRef{g.id, g.name})
	}
	for _, n := range names {
		g, err := sc.group("", n)
		if err != nil {
			return nil, err
		}
		out = append(out, netGroupRef{g.id, g.name})
	}
	return out, nil
}

// keyPairExists reports whether account has a key pair named name in
// region, for RunInstances' KeyName (EC2 answers InvalidKeyPair.NotFound).
func (s *Backend) keyPairExists(account, region, name string) bool {
	sc := s.network.scopes.Get(account, region)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sc.keyByNm[name] != nil
}
