package rdstest

import (
	"net"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// secGroup is a DB security group: the EC2-Classic way of letting
// addresses and EC2 security groups reach an instance.
type secGroup struct {
	name, description, owner string
	ipRanges                 []*ipRange
	ec2Groups                []*ec2Group
	tags                     tagList
}

type ipRange struct {
	cidr, status string // authorizing, authorized, revoking
}

type ec2Group struct {
	name, id, owner, status string
}

func (b *Backend) secGroupActions() map[string]action {
	return map[string]action{
		"CreateDBSecurityGroup":           b.createDBSecurityGroup,
		"DescribeDBSecurityGroups":        b.describeDBSecurityGroups,
		"DeleteDBSecurityGroup":           b.deleteDBSecurityGroup,
		"AuthorizeDBSecurityGroupIngress": b.authorizeDBSecurityGroupIngress,
		"RevokeDBSecurityGroupIngress":    b.revokeDBSecurityGroupIngress,
	}
}

// secGroup looks a group up by name, which RDS treats case-insensitively.
func (a *account) secGroup(name string) (*secGroup, error) {
	if g, ok := a.secGroups[strings.ToLower(name)]; ok {
		return g, nil
	}
	return nil, notFound(CodeDBSecurityGroupNotFound, "DBSecurityGroup %s not found.", name)
}

type ec2GroupXML struct {
	Status                  string
	EC2SecurityGroupName    string `xml:",omitempty"`
	EC2SecurityGroupID      string `xml:"EC2SecurityGroupId,omitempty"`
	EC2SecurityGroupOwnerID string `xml:"EC2SecurityGroupOwnerId"`
}

type ipRangeXML struct {
	Status string
	CIDRIP string
}

type secGroupXML struct {
	OwnerID                    string `xml:"OwnerId"`
	DBSecurityGroupName        string
	DBSecurityGroupDescription string
	EC2SecurityGroups          []ec2GroupXML `xml:"EC2SecurityGroups>EC2SecurityGroup"`
	IPRanges                   []ipRangeXML  `xml:"IPRanges>IPRange"`
	DBSecurityGroupArn         string
}

func (a *account) secGroupXML(g *secGroup) secGroupXML {
	x := secGroupXML{OwnerID: g.owner, DBSecurityGroupName: g.name, DBSecurityGroupDescription: g.description,
		DBSecurityGroupArn: a.arn("secgrp", g.name)}
	for _, e := range g.ec2Groups {
		x.EC2SecurityGroups = append(x.EC2SecurityGroups, ec2GroupXML{e.status, e.name, e.id, e.owner})
	}
	for _, r := range g.ipRanges {
		x.IPRanges = append(x.IPRanges, ipRangeXML{r.status, r.cidr})
	}
	return x
}

func secGroupResult(a *account, g *secGroup) any {
	return struct{ DBSecurityGroup secGroupXML }{a.secGroupXML(g)}
}

func (b *Backend) createDBSecurityGroup(r *fake.Request, a *account) (any, error) {
	name, err := required(r.Params, "DBSecurityGroupName")
	if err != nil {
		return nil, err
	}
	desc, err := required(r.Params, "DBSecurityGroupDescription")
	if err != nil {
		return nil, err
	}
	if err := checkIdentifier("DBSecurityGroupName", name, 255); err != nil {
		return nil, err
	}
	if strings.EqualFold(name, "default") {
		return nil, invalidValue("The DB security group name default is reserved.")
	}
	tags, err := readTags(r)
	if err != nil {
		return nil, err
	}
	key := strings.ToLower(name)
	if _, ok := a.secGroups[key]; ok {
		return nil, alreadyExists(CodeDBSecurityGroupAlreadyExists, "A DB security group named %s already exists.", name)
	}
	g := &secGroup{name: key, description: desc, owner: a.id, tags: tags}
	a.secGroups[key] = g
	return done(secGroupResult(a, g))
}

func (b *Backend) describeDBSecurityGroups(r *fake.Request, a *account) (any, error) {
	if _, err := filters(r.Params); err != nil {
		return nil, err
	}
	var list []*secGroup
	if name := r.Params.Get("DBSecurityGroupName"); name != "" {
		g, err := a.secGroup(name)
		if err != nil {
			return nil, err
		}
		list = []*secGroup{g}
	} else {
		list = byKey(a.secGroups)
	}
	list, marker, err := page(r.Params, list)
	if err != nil {
		return nil, err
	}
	out := make([]secGroupXML, len(list))
	for i, g := range list {
		out[i] = a.secGroupXML(g)
	}
	return done(struct {
		Marker           string        `xml:",omitempty"`
		DBSecurityGroups []secGroupXML `xml:"DBSecurityGroups>DBSecurityGroup"`
	}{marker, out})
}

func (b *Backend) deleteDBSecurityGroup(r *fake.Request, a *account) (any, error) {
	name, err := required(r.Params, "DBSecurityGroupName")
	if err != nil {
		return nil, err
	}
	g, err := a.secGroup(name)
	if err != nil {
		return nil, err
	}
	if g.name == "default" {
		return nil, badState(CodeInvalidDBSecurityGroupState, "The default DB security group cannot be deleted.")
	}
	for _, inst := range a.sortedInstances() {
		if slices.Contains(inst.secGroups, g.name) {
			return nil, badState(CodeInvalidDBSecurityGroupState, "DB security group %s is in use by DB instance %s.", g.name, inst.id)
		}
	}
	delete(a.secGroups, g.name)
	return done(nil)
}

// ingress is the rule an Authorize or Revoke request names: a CIDR range
// or an EC2 security group (by name or ID, and its owner).
type ingress struct {
	cidr, name, id, owner string
}

func readIngress(r *fake.Request, a *account) (ingress, error) {
	p := r.Params
	in := ingress{cidr: p.Get("CIDRIP"), name: p.Get("EC2SecurityGroupName"), id: p.Get("EC2SecurityGroupId"),
		owner: p.Get("EC2SecurityGroupOwnerId")}
	ec2 := in.name != "" || in.id != "" || in.owner != ""
	switch {
	case in.cidr != "" && ec2:
		return in, invalidCombination("Specify either CIDRIP or an EC2 security group, not both.")
	case in.cidr == "" && !ec2:
		return in, invalidCombination("Specify CIDRIP or an EC2 security group (EC2SecurityGroupName or EC2SecurityGroupId).")
	case in.cidr != "":
		if _, n, err := net.ParseCIDR(in.cidr); err != nil || n.IP.To4() == nil {
			return in, invalidValue("Invalid CIDRIP %s: use an IPv4 range such as 203.0.113.0/24.", in.cidr)
		}
	case in.name == "" && in.id == "":
		return in, invalidCombination("EC2SecurityGroupOwnerId needs EC2SecurityGroupName or EC2SecurityGroupId.")
	}
	if ec2 && in.owner == "" {
		in.owner = a.id
	}
	return in, nil
}

func (e *ec2Group) matches(in ingress) bool {
	return e.owner == in.owner && (in.name != "" && e.name == in.name || in.id != "" && e.id == in.id)
}

func (b *Backend) authorizeDBSecurityGroupIngress(r *fake.Request, a *account) (any, error) {
	name, err := required(r.Params, "DBSecurityGroupName")
	if err != nil {
		return nil, err
	}
	in, err := readIngress(r, a)
	if err != nil {
		return nil, err
	}
	g, err := a.secGroup(name)
	if err != nil {
		return nil, err
	}
	var settle func(at time.Time)
	if in.cidr != "" {
		if slices.ContainsFunc(g.ipRanges, func(x *ipRange) bool { return x.cidr == in.cidr }) {
			return nil, alreadyExists(CodeAuthorizationAlreadyExists, "Authorization %s already exists in DB security group %s.", in.cidr, g.name)
		}
		rg := &ipRange{cidr: in.cidr, status: "authorizing"}
		g.ipRanges = append(g.ipRanges, rg)
		settle = func(time.Time) {
			if rg.status == "authorizing" {
				rg.status = "authorized"
			}
		}
	} else {
		if slices.ContainsFunc(g.ec2Groups, func(x *ec2Group) bool { return x.matches(in) }) {
			return nil, alreadyExists(CodeAuthorizationAlreadyExists, "Authorization for EC2 security group %s of %s already exists in DB security group %s.",
				in.name+in.id, in.owner, g.name)
		}
		eg := &ec2Group{name: in.name, id: in.id, owner: in.owner, status: "authorizing"}
		g.ec2Groups = append(g.ec2Groups, eg)
		settle = func(time.Time) {
			if eg.status == "authorizing" {
				eg.status = "authorized"
			}
		}
	}
	b.start(nil, func(at time.Time) {
		settle(at)
		a.event(at, "db-security-group", g.name, "configuration change", "Applied change to security group")
	})
	return done(secGroupResult(a, g))
}

func (b *Backend) revokeDBSecurityGroupIngress(r *fake.Request, a *account) (any, error) {
	name, err := required(r.Params, "DBSecurityGroupName")
	if err != nil {
		return nil, err
	}
	in, err := readIngress(r, a)
	if err != nil {
		return nil, err
	}
	g, err := a.secGroup(name)
	if err != nil {
		return nil, err
	}
	var gone func()
	if in.cidr != "" {
		i := slices.IndexFunc(g.ipRanges, func(x *ipRange) bool { return x.cidr == in.cidr })
		if i < 0 || g.ipRanges[i].status == "revoking" {
			return nil, notFound(CodeAuthorizationNotFound, "DB security group %s does not allow ingress from %s.", g.name, in.cidr)
		}
		rg := g.ipRanges[i]
		rg.status = "revoking"
		gone = func() { g.ipRanges = slices.DeleteFunc(g.ipRanges, func(x *ipRange) bool { return x == rg }) }
	} else {
		i := slices.IndexFunc(g.ec2Groups, func(x *ec2Group) bool { return x.matches(in) })
		if i < 0 || g.ec2Groups[i].status == "revoking" {
			return nil, notFound(CodeAuthorizationNotFound, "DB security group %s does not allow ingress from EC2 security group %s of %s.",
				g.name, in.name+in.id, in.owner)
		}
		eg := g.ec2Groups[i]
		eg.status = "revoking"
		gone = func() { g.ec2Groups = slices.DeleteFunc(g.ec2Groups, func(x *ec2Group) bool { return x == eg }) }
	}
	b.start(nil, func(at time.Time) {
		gone()
		a.event(at, "db-security-group", g.name, "configuration change", "Applied change to security group")
	})
	return done(secGroupResult(a, g))
}
