package rdstest

import (
	"net/http"
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// RDS User Guide, "Quotas in Amazon RDS": 50 DB subnet groups an account
// and region, and 20 subnets a DB subnet group.
const (
	maxSubnetGroups     = 50
	maxSubnetsPerGroup  = 20
	defaultSubnetGroup  = "default"
	subnetGroupNameSize = 255
)

// subnetGroup is a DB subnet group.
type subnetGroup struct {
	name, description, vpc string
	subnets                []Subnet // in the order given
	tags                   tagList
}

type subnetAZXML struct{ Name string }

type subnetXML struct {
	SubnetIdentifier       string
	SubnetAvailabilityZone subnetAZXML
	SubnetOutpost          struct{}
	SubnetStatus           string
}

type subnetGroupXML struct {
	DBSubnetGroupName        string
	DBSubnetGroupDescription string
	VpcID                    string      `xml:"VpcId"`
	SubnetGroupStatus        string      //
	Subnets                  []subnetXML `xml:"Subnets>Subnet"`
	DBSubnetGroupArn         string
	SupportedNetworkTypes    []string `xml:"SupportedNetworkTypes>member"`
}

func (a *account) subnetGroupXML(g *subnetGroup) subnetGroupXML {
	x := subnetGroupXML{DBSubnetGroupName: g.name, DBSubnetGroupDescription: g.description, VpcID: g.vpc,
		SubnetGroupStatus: "Complete", DBSubnetGroupArn: a.arn("subgrp", g.name), SupportedNetworkTypes: []string{"IPV4"}}
	for _, s := range g.subnets {
		x.Subnets = append(x.Subnets, subnetXML{SubnetIdentifier: s.ID, SubnetAvailabilityZone: subnetAZXML{s.AvailabilityZone}, SubnetStatus: "Active"})
	}
	return x
}

// zones returns the group's zones, sorted.
func (g *subnetGroup) zones() []string {
	var out []string
	for _, s := range g.subnets {
		if !slices.Contains(out, s.AvailabilityZone) {
			out = append(out, s.AvailabilityZone)
		}
	}
	slices.Sort(out)
	return out
}

// subnetIn returns the group's first subnet in zone.
func (g *subnetGroup) subnetIn(zone string) (Subnet, bool) {
	for _, s := range g.subnets {
		if s.AvailabilityZone == zone {
			return s, true
		}
	}
	return Subnet{}, false
}

func (b *Backend) subnetGroupActions() map[string]action {
	return map[string]action{
		"CreateDBSubnetGroup":    b.createDBSubnetGroup,
		"DescribeDBSubnetGroups": b.describeDBSubnetGroups,
		"ModifyDBSubnetGroup":    b.modifyDBSubnetGroup,
		"DeleteDBSubnetGroup":    b.deleteDBSubnetGroup,
	}
}

func subnetGroupNotFound(name string) error {
	return notFound(CodeDBSubnetGroupNotFound, "DBSubnetGroup %s not found.", name)
}

// subnetGroup looks a group up by name, which RDS keeps in lower case.
func (a *account) subnetGroup(name string) (*subnetGroup, error) {
	if g, ok := a.subnetGroups[strings.ToLower(name)]; ok {
		return g, nil
	}
	return nil, subnetGroupNotFound(name)
}

// checkSubnetGroupName applies CreateDBSubnetGroup's rules (RDS API
// Reference): at most 255 letters, digits, periods, underscores, spaces
// or hyphens, starting with a letter, and not "default".
func checkSubnetGroupName(name string) error {
	ok := len(name) <= subnetGroupNameSize && isLetter(name[0])
	for i := 0; ok && i < len(name); i++ {
		c := name[i]
		ok = isLetter(c) || c >= '0' && c <= '9' || strings.IndexByte("._ -", c) >= 0
	}
	if !ok {
		return invalidValue("The parameter DBSubnetGroupName is not a valid identifier. It must contain at most 255 letters, digits, periods, underscores, spaces or hyphens and begin with a letter.")
	}
	if strings.EqualFold(name, defaultSubnetGroup) {
		return invalidValue("DBSubnetGroupName must not be default.")
	}
	return nil
}

// readSubnets resolves SubnetIds.SubnetIdentifier.N, checking what
// Create and Modify check: each subnet exists, all are in one VPC, there
// are at most 20, and they cover at least two zones.
func (b *Backend) readSubnets(r *fake.Request, a *account) ([]Subnet, error) {
	ids := strList(r.Params, "SubnetIds")
	if len(ids) == 0 {
		return nil, missing("SubnetIds")
	}
	if len(ids) > maxSubnetsPerGroup {
		return nil, rdsError(http.StatusBadRequest, CodeDBSubnetQuotaExceeded, "The request cannot be processed because it would exceed the maximum number of subnets in a DB subnet group (%d).", maxSubnetsPerGroup)
	}
	var out []Subnet
	var bad []string
	for _, id := range ids {
		s, ok := b.subnet(a, id)
		if !ok {
			bad = append(bad, id)
			continue
		}
		if !slices.ContainsFunc(out, func(o Subnet) bool { return o.ID == s.ID }) {
			out = append(out, s)
		}
	}
	if len(bad) > 0 {
		return nil, rdsError(http.StatusBadRequest, CodeInvalidSubnet, "Some input subnets in :[%s] are invalid.", strings.Join(bad, ", "))
	}
	for _, s := range out[1:] {
		if s.VPCID != out[0].VPCID {
			return nil, rdsError(http.StatusBadRequest, CodeInvalidSubnet, "Subnets %s and %s are in different VPCs (%s, %s); a DB subnet group's subnets must all be in one VPC.", out[0].ID, s.ID, out[0].VPCID, s.VPCID)
		}
	}
	g := subnetGroup{subnets: out}
	if zones := g.zones(); len(zones) < 2 {
		// RDS User Guide, "Working with a DB instance in a VPC": a DB
		// subnet group must have subnets in at least two Availability
		// Zones in the same AWS Region.
		return nil, rdsError(http.StatusBadRequest, CodeDBSubnetGroupDoesNotCoverEnoughAZs, "The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: %s. Add subnets to cover at least 2 AZs.", strings.Join(zones, ", "))
	}
	return out, nil
}

func (b *Backend) createDBSubnetGroup(r *fake.Request, a *account) (any, error) {
	p := r.Params
	name, err := required(p, "DBSubnetGroupName")
	if err != nil {
		return nil, err
	}
	desc, err := required(p, "DBSubnetGroupDescription")
	if err != nil {
		return nil, err
	}
	if err := checkSubnetGroupName(name); err != nil {
		return nil, err
	}
	subnets, err := b.readSubnets(r, a)
	if err != nil {
		return nil, err
	}
	tags, err := readTags(r)
	if err != nil {
		return nil, err
	}
	if _, ok := a.subnetGroups[strings.ToLower(name)]; ok {
		return nil, alreadyExists(CodeDBSubnetGroupAlreadyExists, "The DB subnet group '%s' already exists.", name)
	}
	if len(a.subnetGroups) >= maxSubnetGroups {
		return nil, rdsError(http.StatusBadRequest, CodeDBSubnetGroupQuotaExceeded, "Cannot create more than %d DB subnet groups.", maxSubnetGroups)
	}
	g := &subnetGroup{name: strings.ToLower(name), description: desc, vpc: subnets[0].VPCID, subnets: subnets, tags: tags}
	a.subnetGroups[g.name] = g
	return done(struct{ DBSubnetGroup subnetGroupXML }{a.subnetGroupXML(g)})
}

func (b *Backend) describeDBSubnetGroups(r *fake.Request, a *account) (any, error) {
	list := byKey(a.subnetGroups)
	if name := r.Params.Get("DBSubnetGroupName"); name != "" {
		g, err := a.subnetGroup(name)
		if err != nil {
			return nil, err
		}
		list = []*subnetGroup{g}
	}
	var out []subnetGroupXML
	for _, g := range list {
		out = append(out, a.subnetGroupXML(g))
	}
	out, marker, err := page(r.Params, out)
	if err != nil {
		return nil, err
	}
	return done(struct {
		Marker         string           `xml:",omitempty"`
		DBSubnetGroups []subnetGroupXML `xml:"DBSubnetGroups>DBSubnetGroup"`
	}{marker, out})
}

// users returns the identifiers of a's instances in the group.
func (a *account) subnetGroupUsers(g *subnetGroup) []string {
	var out []string
	for _, inst := range a.sortedInstances() {
		if inst.subnetGroup == g.name {
			out = append(out, inst.id)
		}
	}
	return out
}

// modifyDBSubnetGroup replaces the group's subnets (and description).
// A subnet an instance of the group runs in must stay: RDS answers
// SubnetAlreadyInUse ("The DB subnet is already in use in the
// Availability Zone") otherwise.
func (b *Backend) modifyDBSubnetGroup(r *fake.Request, a *account) (any, error) {
	name, err := required(r.Params, "DBSubnetGroupName")
	if err != nil {
		return nil, err
	}
	g, err := a.subnetGroup(name)
	if err != nil {
		return nil, err
	}
	subnets, err := b.readSubnets(r, a)
	if err != nil {
		return nil, err
	}
	for _, inst := range a.sortedInstances() {
		if inst.subnetGroup != g.name {
			continue
		}
		if !slices.ContainsFunc(subnets, func(s Subnet) bool { return s.ID == inst.subnetID }) {
			return nil, rdsError(http.StatusBadRequest, CodeSubnetAlreadyInUse, "The DB subnet %s is already in use in the Availability Zone %s by DB instance %s.", inst.subnetID, inst.az, inst.id)
		}
	}
	if len(a.subnetGroupUsers(g)) > 0 && subnets[0].VPCID != g.vpc {
		return nil, rdsError(http.StatusBadRequest, CodeInvalidDBSubnetGroupState, "The DB subnet group %s is in use and cannot move to another VPC.", g.name)
	}
	g.subnets, g.vpc = subnets, subnets[0].VPCID
	if d := r.Params.Get("DBSubnetGroupDescription"); d != "" {
		g.description = d
	}
	return done(struct{ DBSubnetGroup subnetGroupXML }{a.subnetGroupXML(g)})
}

func (b *Backend) deleteDBSubnetGroup(r *fake.Request, a *account) (any, error) {
	name, err := required(r.Params, "DBSubnetGroupName")
	if err != nil {
		return nil, err
	}
	g, err := a.subnetGroup(name)
	if err != nil {
		return nil, err
	}
	if users := a.subnetGroupUsers(g); len(users) > 0 {
		return nil, rdsError(http.StatusBadRequest, CodeInvalidDBSubnetGroupState, "Cannot delete the subnet group '%s' because at least one database instance: %s is still using it.", g.name, users[0])
	}
	delete(a.subnetGroups, g.name)
	return done(nil)
}

// defaultGroup returns a's "default" DB subnet group, which RDS makes
// from the default VPC's subnets the first time an instance is created
// without a DB subnet group, and whether a has it yet; nil when a has no
// default VPC. The caller stores a new one only once its request has
// passed every check.
func (b *Backend) defaultGroup(a *account) (*subnetGroup, bool) {
	if g, ok := a.subnetGroups[defaultSubnetGroup]; ok {
		return g, true
	}
	subnets := b.defaultSubnets(a)
	if len(subnets) == 0 {
		return nil, false
	}
	return &subnetGroup{name: defaultSubnetGroup, description: "default", vpc: subnets[0].VPCID, subnets: subnets}, false
}
