package ec2test

import (
	"cmp"
	"encoding/xml"
	"net/http"
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// sgRuleDescItem is a rule as DescribeSecurityGroupRules lists it: what
// Authorize answers, with tags and the rule's ARN.
type sgRuleDescItem struct {
	sgRuleItem
	Tags *netTagSet `xml:"tagSet"`
	ARN  string     `xml:"securityGroupRuleArn"`
}

// sgRuleXML renders one flat rule. EC2 API Reference, SecurityGroupRule:
// "A value of -1 indicates all ICMP/ICMPv6 types" and all ports, which is
// what a rule without ports reports.
func sgRuleXML(r *fake.Request, g secGroup, p sgPerm, egress bool) sgRuleDescItem {
	it := sgRuleItem{ID: p.ruleID, GroupID: g.id, Owner: g.owner, IsEgress: egress, Protocol: p.proto,
		CidrIpv4: p.cidr, CidrIpv6: p.cidr6}
	from, to := -1, -1
	if p.ports {
		from, to = p.from, p.to
	}
	it.FromPort, it.ToPort = &from, &to
	if p.groupID != "" {
		it.Referenced = &sgRefGroup{p.groupID, p.userID}
	}
	return sgRuleDescItem{sgRuleItem: it, Tags: netTags(nil), ARN: arnOf(r, "security-group-rule", p.ruleID)}
}

type describeSecurityGroupRulesResponse struct {
	XMLName xml.Name `xml:"DescribeSecurityGroupRulesResponse"`
	netEnvelope
	Rules     []sgRuleDescItem `xml:"securityGroupRuleSet>item"`
	NextToken string           `xml:"nextToken,omitempty"`
}

// DescribeSecurityGroupRules: SecurityGroupRuleId.N, Filter.N (group-id,
// security-group-rule-id and tag:<key>, the ones the EC2 API Reference
// lists), MaxResults (5-1000) and NextToken. Rules are listed group by
// group in ID order, inbound before outbound. Rules carry no tags in the
// fake (CreateTags does not take sgr- IDs), so a tag filter matches none.
func (s *Backend) describeSecurityGroupRules(w http.ResponseWriter, r *fake.Request) error {
	known := []string{"group-id", "security-group-rule-id"}
	for _, f := range structs(r.Params, "Filter") {
		if n := f.Get("Name"); strings.HasPrefix(n, "tag:") {
			known = append(known, n)
		}
	}
	fs, err := filters(r.Params, known...)
	if err != nil {
		return err
	}
	ids := list(r.Params, "SecurityGroupRuleId")
	if err := checkIDs("InvalidSecurityGroupRuleId.Malformed", "sgr", ids...); err != nil {
		return err
	}
	sc := s.scope(r)
	sc.mu.Lock()
	groups := make([]secGroup, 0, len(sc.groups))
	for _, g := range sc.groups {
		groups = append(groups, g.snapshot())
	}
	sc.mu.Unlock()
	slices.SortStableFunc(groups, func(a, b secGroup) int { return cmp.Compare(a.id, b.id) })
	var items []sgRuleDescItem
	found := map[string]bool{}
	for _, g := range groups {
		for _, dir := range []struct {
			perms  []sgPerm
			egress bool
		}{{g.ingress, false}, {g.egress, true}} {
			for _, p := range dir.perms {
				if len(ids) > 0 && !slices.Contains(ids, p.ruleID) {
					continue
				}
				found[p.ruleID] = true
				if matchResource(fs, nil, func(name string) []string {
					if name == "group-id" {
						return []string{g.id}
					}
					return []string{p.ruleID}
				}) {
					items = append(items, sgRuleXML(r, g, p, dir.egress))
				}
			}
		}
	}
	for _, id := range ids {
		if !found[id] {
			return ec2Error("InvalidSecurityGroupRuleId.NotFound", "The security group rule ID '%s' does not exist", id)
		}
	}
	items, next, err := page(r.Params, items, 5, 1000)
	if err != nil {
		return err
	}
	return writeNet(w, r, &describeSecurityGroupRulesResponse{Rules: items, NextToken: next})
}
