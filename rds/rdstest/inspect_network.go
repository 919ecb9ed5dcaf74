package rdstest

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// DBSubnetGroupInfo is what a test can see of a DB subnet group.
type DBSubnetGroupInfo struct {
	Name        string
	ARN         string
	Description string
	VPCID       string
	Subnets     []Subnet // in the order given
	Zones       []string // sorted
	Instances   []string // identifiers of the instances in the group, sorted
	Tags        map[string]string
}

func (a *account) subnetGroupInfo(g *subnetGroup) DBSubnetGroupInfo {
	return DBSubnetGroupInfo{Name: g.name, ARN: a.arn("subgrp", g.name), Description: g.description, VPCID: g.vpc,
		Subnets: slices.Clone(g.subnets), Zones: g.zones(), Instances: a.subnetGroupUsers(g), Tags: g.tags.tagMap()}
}

// DBSubnetGroups returns account's DB subnet groups in region, sorted by
// name.
func (b *Backend) DBSubnetGroups(account, region string) []DBSubnetGroupInfo {
	a, unlock := b.lookup(account, region)
	defer unlock()
	var out []DBSubnetGroupInfo
	for _, g := range byKey(a.subnetGroups) {
		out = append(out, a.subnetGroupInfo(g))
	}
	return out
}

// DBSubnetGroup returns account's DB subnet group name in region, and
// whether it exists.
func (b *Backend) DBSubnetGroup(account, region, name string) (DBSubnetGroupInfo, bool) {
	a, unlock := b.lookup(account, region)
	defer unlock()
	if g, ok := a.subnetGroups[strings.ToLower(name)]; ok {
		return a.subnetGroupInfo(g), true
	}
	return DBSubnetGroupInfo{}, false
}

// AddDBSubnetGroup creates a DB subnet group for account in region as
// CreateDBSubnetGroup would, with the same checks: the subnets must be
// ones the fake knows (WithSubnets, or StandaloneDefaultSubnets), in one
// VPC and at least two zones.
func (b *Backend) AddDBSubnetGroup(account, region, name, description string, subnetIDs []string, tags map[string]string) (DBSubnetGroupInfo, error) {
	p := url.Values{"DBSubnetGroupName": {name}, "DBSubnetGroupDescription": {description}}
	for i, id := range subnetIDs {
		p.Set("SubnetIds.SubnetIdentifier."+strconv.Itoa(i+1), id)
	}
	setTags(p, tags)
	a, unlock, err := b.seed(account, region, "CreateDBSubnetGroup", p)
	defer unlock()
	if err != nil {
		return DBSubnetGroupInfo{}, err
	}
	return a.subnetGroupInfo(a.subnetGroups[strings.ToLower(name)]), nil
}
