package ec2test

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// secGroup is a security group. Its rules are kept flat, one per source,
// and grouped by protocol and ports when rendered, as EC2 does.
type secGroup struct {
	id, name, desc, vpcID, owner string
	ingress, egress              []sgPerm
}

// sgPerm is one rule: a protocol, a port range (ICMP type and code) and one
// source.
type sgPerm struct {
	ruleID   string
	proto    string // "tcp", "udp", "icmp", "icmpv6", "-1", or a protocol number
	from, to int
	ports    bool // whether from and to mean anything for proto
	cidr     string
	cidr6    string
	groupID  string
	userID   string
}

// same reports whether p and q are the same rule, whatever their IDs.
func (p sgPerm) same(q sgPerm) bool {
	p.ruleID, q.ruleID = "", ""
	return p == q
}

// addDefaultGroup gives vpcID its "default" group, as CreateVpc does.
func (sc *netScope) addDefaultGroup(vpcID string) {
	g := &secGroup{id: newID("sg"), name: "default", desc: "default VPC security group", vpcID: vpcID, owner: sc.account}
	g.ingress = []sgPerm{{ruleID: newID("sgr"), proto: "-1", groupID: g.id, userID: sc.account}}
	g.egress = []sgPerm{{ruleID: newID("sgr"), proto: "-1", cidr: "0.0.0.0/0"}}
	sc.addGroup(g)
}

// addGroup records g; byName holds only the default VPC's groups, the
// ones a GroupName can name.
func (sc *netScope) addGroup(g *secGroup) {
	sc.groups = append(sc.groups, g)
	sc.byID[g.id] = g
	if g.vpcID == sc.vpcID {
		sc.byName[g.name] = g
	}
}

// removeGroup forgets g.
func (sc *netScope) removeGroup(g *secGroup) {
	sc.groups = slices.DeleteFunc(sc.groups, func(o *secGroup) bool { return o == g })
	delete(sc.byID, g.id)
	if sc.byName[g.name] == g {
		delete(sc.byName, g.name)
	}
}

// group finds a group by GroupId or GroupName. The caller holds sc.mu.
func (sc *netScope) group(id, name string) (*secGroup, error) {
	switch {
	case id != "":
		if !validID("sg", id) {
			return nil, ec2Error("InvalidGroupId.Malformed", "Invalid id: \"%s\" (expecting \"sg-...\")", id)
		}
		if g := sc.byID[id]; g != nil {
			return g, nil
		}
		return nil, ec2Error("InvalidGroup.NotFound", "The security group '%s' does not exist", id)
	case name != "":
		if g := sc.byName[name]; g != nil {
			return g, nil
		}
		return nil, ec2Error("InvalidGroup.NotFound", "The security group '%s' does not exist in default VPC '%s'", name, sc.vpcID)
	}
	return nil, missing("GroupId")
}

type createSecurityGroupResponse struct {
	XMLName xml.Name `xml:"CreateSecurityGroupResponse"`
	netEnvelope
	Return  bool       `xml:"return"`
	GroupID string     `xml:"groupId"`
	Tags    *netTagSet `xml:"tagSet"`
	ARN     string     `xml:"securityGroupArn"`
}

// CreateSecurityGroup: GroupName, GroupDescription, VpcId (the default VPC
// when absent), TagSpecification.N. Names are unique per VPC.
func (s *Backend) createSecurityGroup(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	name, desc := p.Get("GroupName"), p.Get("GroupDescription")
	switch {
	case name == "":
		return missing("GroupName")
	case desc == "":
		return missing("GroupDescription")
	case len(name) > 255:
		return invalidValue("Invalid value '" + name + "' for groupName. Length exceeds maximum of 255 characters.")
	case len(desc) > 255:
		return invalidValue("Invalid value for groupDescription. Length exceeds maximum of 255 characters.")
	case strings.HasPrefix(strings.ToLower(name), "sg-"):
		return invalidValue("Group names may not be in the format sg-*.")
	}
	sc := s.scope(r)
	sc.mu.Lock()
	vpcID := sc.vpcID
	if p.Has("VpcId") {
		v, err := sc.vpc(p.Get("VpcId"))
		if err != nil {
			sc.mu.Unlock()
			return err
		}
		vpcID = v.id
	}
	if vpcID == "" {
		sc.mu.Unlock()
		return noDefaultVPC()
	}
	if slices.ContainsFunc(sc.groups, func(g *secGroup) bool { return g.vpcID == vpcID && g.name == name }) {
		sc.mu.Unlock()
		return ec2Error("InvalidGroup.Duplicate", "The security group '%s' already exists for VPC '%s'", name, vpcID)
	}
	g := &secGroup{id: newID("sg"), name: name, desc: desc, vpcID: vpcID, owner: sc.account}
	g.egress = []sgPerm{{ruleID: newID("sgr"), proto: "-1", cidr: "0.0.0.0/0"}}
	sc.addGroup(g)
	sc.mu.Unlock()
	tags := tagSpecs(p, "security-group")
	s.setNetTags(r, g.id, tags)
	resp := &createSecurityGroupResponse{Return: true, GroupID: g.id, ARN: sgARN(r, g.id)}
	if len(tags) > 0 {
		resp.Tags = &netTagSet{tagSet(tags)}
	}
	return writeNet(w, r, resp)
}

func sgARN(r *fake.Request, id string) string {
	return "arn:aws:ec2:" + r.Region + ":" + r.Account() + ":security-group/" + id
}

type deleteSecurityGroupResponse struct {
	XMLName xml.Name `xml:"DeleteSecurityGroupResponse"`
	netEnvelope
	Return  bool   `xml:"return"`
	GroupID string `xml:"groupId"`
}

// DeleteSecurityGroup: GroupId or GroupName. The default group cannot be
// deleted (CannotDelete). EC2 API Reference, DeleteSecurityGroup: "If
// you attempt to delete a security group that is associated with an
// instance or network interface, is referenced by another security group
// in the same VPC, or has a VPC association, the operation fails with
// DependencyViolation"; every group here belongs to a VPC, so the
// EC2-Classic answer InvalidGroup.InUse never comes.
func (s *Backend) deleteSecurityGroup(w http.ResponseWriter, r *fake.Request) error {
	used := s.groupUse(r.Account(), r.Region)
	sc := s.scope(r)
	var deleted string // the group whose tags go, after unlocking
	defer func() {
		if deleted != "" {
			s.dropNetTags(r, deleted)
		}
	}()
	sc.mu.Lock()
	defer sc.mu.Unlock()
	g, err := sc.group(r.Params.Get("GroupId"), r.Params.Get("GroupName"))
	if err != nil {
		return err
	}
	if g.name == "default" {
		return ec2Error("CannotDelete", "the specified group: \"%s\" name: \"default\" cannot be deleted by a user", g.id)
	}
	for _, o := range sc.groups {
		if o == g {
			continue
		}
		if slices.ContainsFunc(append(slices.Clone(o.ingress), o.egress...), func(p sgPerm) bool { return p.groupID == g.id }) {
			return ec2Error("DependencyViolation", "resource %s has a dependent object", g.id)
		}
	}
	if used[g.id] {
		return ec2Error("DependencyViolation", "resource %s has a dependent object", g.id)
	}
	sc.removeGroup(g)
	deleted = g.id
	return writeNet(w, r, &deleteSecurityGroupResponse{Return: true, GroupID: g.id})
}

// groupUse reports which security groups of account in region an
// instance that is not terminated uses. It takes the compute lock, so the
// caller must not hold a network lock.
func (s *Backend) groupUse(account, region string) map[string]bool {
	s.compute.mu.Lock()
	defer s.compute.mu.Unlock()
	if !s.compute.manual {
		s.compute.settle() // as every compute action does first (locked)
	}
	out := map[string]bool{}
	st, ok := s.compute.stores.Lookup(account, region) // a look makes no store
	if !ok {
		return out
	}
	for _, inst := range st.instances {
		if inst.state == "terminated" {
			continue
		}
		for _, g := range inst.groups {
			out[g.id] = true
		}
	}
	return out
}

// readPerms reads the rules of an Authorize or Revoke request: the
// IpPermissions.N structures aws-sdk-go-v2 and boto 2 send, or the flat
// IpProtocol/FromPort/ToPort/CidrIp/SourceSecurityGroupName form of older
// clients. The caller holds sc.mu.
func (sc *netScope) readPerms(p url.Values) ([]sgPerm, error) {
	var out []sgPerm
	ps := structs(p, "IpPermissions")
	if len(ps) == 0 && p.Get("IpProtocol") != "" {
		flat := url.Values{}
		for _, k := range []string{"IpProtocol", "FromPort", "ToPort"} {
			if p.Has(k) {
				flat.Set(k, p.Get(k))
			}
		}
		if c := p.Get("CidrIp"); c != "" {
			flat.Set("IpRanges.1.CidrIp", c)
		}
		if n := p.Get("SourceSecurityGroupName"); n != "" {
			flat.Set("Groups.1.GroupName", n)
			flat.Set("Groups.1.UserId", p.Get("SourceSecurityGroupOwnerId"))
		}
		ps = []url.Values{flat}
	}
	if len(ps) == 0 {
		return nil, missing("IpPermissions")
	}
	for _, ip := range ps {
		base, err := sgReadPorts(ip)
		if err != nil {
			return nil, err
		}
		n := len(out)
		for _, rg := range structs(ip, "IpRanges") {
			c := rg.Get("CidrIp")
			if pfx, err := netip.ParsePrefix(c); err != nil || !pfx.Addr().Is4() {
				return nil, invalidValue(fmt.Sprintf("CIDR block %s is malformed", c))
			}
			q := base
			q.cidr = c
			out = append(out, q)
		}
		for _, rg := range structs(ip, "Ipv6Ranges") {
			c := rg.Get("CidrIpv6")
			if pfx, err := netip.ParsePrefix(c); err != nil || !pfx.Addr().Is6() || pfx.Addr().Is4In6() {
				return nil, invalidValue(fmt.Sprintf("CIDR block %s is malformed", c))
			}
			q := base
			q.cidr6 = c
			out = append(out, q)
		}
		for _, gp := range structs(ip, "Groups") {
			q := base
			q.userID = gp.Get("UserId")
			if q.userID == "" || q.userID == sc.account {
				g, err := sc.group(gp.Get("GroupId"), gp.Get("GroupName"))
				if err != nil {
					return nil, err
				}
				q.groupID, q.userID = g.id, sc.account
			} else {
				// Another account's group cannot be looked up here; EC2
				// checks it, the fake takes it on trust.
				if !validID("sg", gp.Get("GroupId")) {
					return nil, ec2Error("InvalidGroupId.Malformed", "Invalid id: \"%s\" (expecting \"sg-...\")", gp.Get("GroupId"))
				}
				q.groupID = gp.Get("GroupId")
			}
			out = append(out, q)
		}
		if len(out) == n {
			return nil, missing("IpPermissions.IpRanges or IpPermissions.Groups")
		}
	}
	return out, nil
}

// sgReadPorts reads the protocol and port range of one IpPermissions item.
func sgReadPorts(ip url.Values) (sgPerm, error) {
	raw := ip.Get("IpProtocol")
	var q sgPerm
	switch strings.ToLower(raw) {
	case "tcp", "6":
		q.proto, q.ports = "tcp", true
	case "udp", "17":
		q.proto, q.ports = "udp", true
	case "icmp", "1":
		q.proto, q.ports = "icmp", true
	case "icmpv6", "58":
		q.proto, q.ports = "icmpv6", true
	case "-1", "all":
		q.proto = "-1"
	case "":
		return q, missing("IpProtocol")
	default:
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 || n > 255 {
			return q, invalidValue(fmt.Sprintf("Invalid value '%s' for IP protocol. Unknown protocol.", raw))
		}
		q.proto = raw
	}
	if !q.ports {
		return q, nil
	}
	if !ip.Has("FromPort") || !ip.Has("ToPort") {
		if q.proto == "tcp" || q.proto == "udp" {
			return q, invalidValue("Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.")
		}
		q.from, q.to = -1, -1
		if ip.Has("FromPort") {
			q.from, _ = strconv.Atoi(ip.Get("FromPort"))
		}
		return q, nil
	}
	from, err1 := strconv.Atoi(ip.Get("FromPort"))
	to, err2 := strconv.Atoi(ip.Get("ToPort"))
	if err1 != nil || err2 != nil {
		return q, invalidValue("Invalid value for portRange. Must be numbers.")
	}
	q.from, q.to = from, to
	if q.proto == "tcp" || q.proto == "udp" {
		if from < 0 || to > 65535 || from > to {
			return q, invalidValue(fmt.Sprintf("Invalid value '%d-%d' for portRange. Must be in range 0-65535 with fromPort <= toPort.", from, to))
		}
		return q, nil
	}
	if from < -1 || from > 255 || to < -1 || to > 255 || (from == -1 && to != -1) {
		return q, invalidValue(fmt.Sprintf("Invalid value '%d' for icmp type or '%d' for icmp code.", from, to))
	}
	return q, nil
}

// describe phrases a rule as EC2's Duplicate message does.
func (p sgPerm) describe() string {
	peer := p.cidr + p.cidr6
	if p.groupID != "" {
		peer = p.groupID
	}
	proto := strings.ToUpper(p.proto)
	if p.proto == "-1" {
		proto = "ALL"
	}
	return fmt.Sprintf("peer: %s, %s, from port: %d, to port: %d, ALLOW", peer, proto, p.from, p.to)
}

// sgAuthorizeResponse answers AuthorizeSecurityGroupIngress and, with
// its XMLName set, AuthorizeSecurityGroupEgress.
type sgAuthorizeResponse struct {
	XMLName xml.Name
	netEnvelope
	Return bool         `xml:"return"`
	Rules  []sgRuleItem `xml:"securityGroupRuleSet>item"`
}

type sgRuleItem struct {
	ID         string      `xml:"securityGroupRuleId"`
	GroupID    string      `xml:"groupId"`
	Owner      string      `xml:"groupOwnerId"`
	IsEgress   bool        `xml:"isEgress"`
	Protocol   string      `xml:"ipProtocol"`
	FromPort   *int        `xml:"fromPort"`
	ToPort     *int        `xml:"toPort"`
	CidrIpv4   string      `xml:"cidrIpv4,omitempty"`
	CidrIpv6   string      `xml:"cidrIpv6,omitempty"`
	Referenced *sgRefGroup `xml:"referencedGroupInfo"`
}

type sgRefGroup struct {
	GroupID string `xml:"groupId"`
	UserID  string `xml:"userId"`
}

// AuthorizeSecurityGroupIngress: GroupId or GroupName and the rules. All
// rules are added, or none when one exists already.
func (s *Backend) authorizeSecurityGroupIngress(w http.ResponseWriter, r *fake.Request) error {
	return s.authorizeRules(w, r, false)
}

// authorizeRules adds the request's rules to the group's inbound or, with
// egress, outbound rules.
func (s *Backend) authorizeRules(w http.ResponseWriter, r *fake.Request, egress bool) error {
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	g, err := sc.group(r.Params.Get("GroupId"), r.Params.Get("GroupName"))
	if err != nil {
		return err
	}
	ps, err := sc.readPerms(r.Params)
	if err != nil {
		return err
	}
	rules := &g.ingress
	resp := &sgAuthorizeResponse{XMLName: xml.Name{Local: "AuthorizeSecurityGroupIngressResponse"}, Return: true}
	if egress {
		rules = &g.egress
		resp.XMLName.Local = "AuthorizeSecurityGroupEgressResponse"
	}
	for i, p := range ps {
		if slices.ContainsFunc(*rules, p.same) || slices.ContainsFunc(ps[:i], p.same) {
			return ec2Error("InvalidPermission.Duplicate", "the specified rule \"%s\" already exists", p.describe())
		}
	}
	for _, p := range ps {
		p.ruleID = newID("sgr")
		*rules = append(*rules, p)
		item := sgRuleItem{ID: p.ruleID, GroupID: g.id, Owner: g.owner, IsEgress: egress, Protocol: p.proto, CidrIpv4: p.cidr, CidrIpv6: p.cidr6}
		if p.ports {
			item.FromPort, item.ToPort = &p.from, &p.to
		} else {
			m := -1
			item.FromPort, item.ToPort = &m, &m
		}
		if p.groupID != "" {
			item.Referenced = &sgRefGroup{p.groupID, p.userID}
		}
		resp.Rules = append(resp.Rules, item)
	}
	return writeNet(w, r, resp)
}

// sgRevokeResponse answers RevokeSecurityGroupIngress and, with its
// XMLName set, RevokeSecurityGroupEgress.
type sgRevokeResponse struct {
	XMLName xml.Name
	netEnvelope
	Return  bool         `xml:"return"`
	Unknown []sgPermItem `xml:"unknownIpPermissionSet>item,omitempty"`
}

// RevokeSecurityGroupIngress: GroupId or GroupName and the rules. Rules
// the group does not have are listed as unknown; when it has none of
// them, EC2 answers InvalidPermission.NotFound.
func (s *Backend) revokeSecurityGroupIngress(w http.ResponseWriter, r *fake.Request) error {
	return s.revokeRules(w, r, false)
}

// revokeRules removes the request's rules from the group's inbound or,
// with egress, outbound rules.
func (s *Backend) revokeRules(w http.ResponseWriter, r *fake.Request, egress bool) error {
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	g, err := sc.group(r.Params.Get("GroupId"), r.Params.Get("GroupName"))
	if err != nil {
		return err
	}
	ps, err := sc.readPerms(r.Params)
	if err != nil {
		return err
	}
	rules, name := &g.ingress, "RevokeSecurityGroupIngressResponse"
	if egress {
		rules, name = &g.egress, "RevokeSecurityGroupEgressResponse"
	}
	var known, unknown []sgPerm
	for _, p := range ps {
		if slices.ContainsFunc(*rules, p.same) {
			known = append(known, p)
		} else {
			unknown = append(unknown, p)
		}
	}
	if len(known) == 0 {
		return ec2Error("InvalidPermission.NotFound", "The specified rule does not exist in this security group.")
	}
	*rules = slices.DeleteFunc(*rules, func(p sgPerm) bool { return slices.ContainsFunc(known, p.same) })
	return writeNet(w, r, &sgRevokeResponse{XMLName: xml.Name{Local: name}, Return: true, Unknown: sgPermItems(unknown)})
}
