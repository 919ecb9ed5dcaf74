package ec2test

import (
	"cmp"
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// netTagSet is a tagSet element.
type netTagSet struct {
	Items []tagItem `xml:"item"`
}

// netTags renders a tagSet: EC2 always writes the element, empty or not.
func netTags(tags map[string]string) *netTagSet { return &netTagSet{tagSet(tags)} }

type sgPermItem struct {
	Protocol string         `xml:"ipProtocol"`
	FromPort *int           `xml:"fromPort"`
	ToPort   *int           `xml:"toPort"`
	Groups   []sgPairItem   `xml:"groups>item"`
	Ranges   []sgRangeItem  `xml:"ipRanges>item"`
	Ranges6  []sgRange6Item `xml:"ipv6Ranges>item"`
	Prefixes struct{}       `xml:"prefixListIds"`
}

type sgPairItem struct {
	UserID  string `xml:"userId"`
	GroupID string `xml:"groupId"`
	Name    string `xml:"groupName,omitempty"`
}

type sgRangeItem struct {
	CidrIP string `xml:"cidrIp"`
}

type sgRange6Item struct {
	CidrIPv6 string `xml:"cidrIpv6"`
}

// sgPermItems groups flat rules by protocol and ports, in first-seen order,
// as EC2 lists them.
func sgPermItems(ps []sgPerm) []sgPermItem {
	return sgPermItemsNamed(ps, nil)
}

func sgPermItemsNamed(ps []sgPerm, names map[string]string) []sgPermItem {
	var out []sgPermItem
	type key struct {
		proto    string
		from, to int
	}
	idx := map[key]int{}
	for _, p := range ps {
		k := key{p.proto, p.from, p.to}
		i, ok := idx[k]
		if !ok {
			item := sgPermItem{Protocol: p.proto}
			if p.ports {
				from, to := p.from, p.to
				item.FromPort, item.ToPort = &from, &to
			}
			out = append(out, item)
			i = len(out) - 1
			idx[k] = i
		}
		switch {
		case p.cidr != "":
			out[i].Ranges = append(out[i].Ranges, sgRangeItem{p.cidr})
		case p.cidr6 != "":
			out[i].Ranges6 = append(out[i].Ranges6, sgRange6Item{p.cidr6})
		case p.groupID != "":
			out[i].Groups = append(out[i].Groups, sgPairItem{UserID: p.userID, GroupID: p.groupID, Name: names[p.groupID]})
		}
	}
	return out
}

type sgItem struct {
	Owner   string       `xml:"ownerId"`
	ID      string       `xml:"groupId"`
	Name    string       `xml:"groupName"`
	Desc    string       `xml:"groupDescription"`
	VpcID   string       `xml:"vpcId"`
	Ingress []sgPermItem `xml:"ipPermissions>item"`
	Egress  []sgPermItem `xml:"ipPermissionsEgress>item"`
	Tags    *netTagSet   `xml:"tagSet"`
	ARN     string       `xml:"securityGroupArn"`
}

type describeSecurityGroupsResponse struct {
	XMLName xml.Name `xml:"DescribeSecurityGroupsResponse"`
	netEnvelope
	Groups    []sgItem `xml:"securityGroupInfo>item"`
	NextToken string   `xml:"nextToken,omitempty"`
}

// sgFilterNames are the filters DescribeSecurityGroups knows besides tags.
var sgFilterNames = []string{
	"description", "group-id", "group-name", "owner-id", "vpc-id",
	"ip-permission.cidr", "ip-permission.ipv6-cidr", "ip-permission.from-port", "ip-permission.to-port",
	"ip-permission.protocol", "ip-permission.group-id", "ip-permission.group-name", "ip-permission.user-id",
	"egress.ip-permission.cidr", "egress.ip-permission.ipv6-cidr", "egress.ip-permission.from-port",
	"egress.ip-permission.to-port", "egress.ip-permission.protocol", "egress.ip-permission.group-id",
	"egress.ip-permission.group-name", "egress.ip-permission.user-id",
}

// DescribeSecurityGroups: GroupId.N, GroupName.N, Filter.N, MaxResults
// (5-1000) and NextToken.
func (s *Backend) describeSecurityGroups(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, sgFilterNames...)
	if err != nil {
		return err
	}
	ids, names := list(r.Params, "GroupId"), list(r.Params, "GroupName")
	sc := s.scope(r)
	sc.mu.Lock()
	var picked []secGroup
	if len(ids) > 0 || len(names) > 0 {
		for _, id := range ids {
			g, err := sc.group(id, "")
			if err != nil {
				sc.mu.Unlock()
				return err
			}
			picked = append(picked, g.snapshot())
		}
		for _, n := range names {
			g, err := sc.group("", n)
			if err != nil {
				sc.mu.Unlock()
				return err
			}
			picked = append(picked, g.snapshot())
		}
	} else {
		for _, g := range sc.groups {
			picked = append(picked, g.snapshot())
		}
	}
	nameOf := map[string]string{}
	for _, g := range sc.groups {
		nameOf[g.id] = g.name
	}
	sc.mu.Unlock()
	slices.SortStableFunc(picked, func(a, b secGroup) int { return cmp.Compare(a.id, b.id) })
	var items []sgItem
	for _, g := range picked {
		tags := s.tagsOf(r.Account(), r.Region, g.id)
		if !matchResource(fs, tags, func(name string) []string { return sgField(g, nameOf, name) }) {
			continue
		}
		items = append(items, sgItem{
			Owner: g.owner, ID: g.id, Name: g.name, Desc: g.desc, VpcID: g.vpcID,
			Ingress: sgPermItemsNamed(g.ingress, nameOf), Egress: sgPermItemsNamed(g.egress, nameOf),
			Tags: netTags(tags), ARN: sgARN(r, g.id),
		})
	}
	items, next, err := page(r.Params, items, 5, 1000)
	if err != nil {
		return err
	}
	return writeNet(w, r, &describeSecurityGroupsResponse{Groups: items, NextToken: next})
}

// sgField returns the values a DescribeSecurityGroups filter looks at.
func sgField(g secGroup, nameOf map[string]string, name string) []string {
	switch name {
	case "description":
		return []string{g.desc}
	case "group-id":
		return []string{g.id}
	case "group-name":
		return []string{g.name}
	case "owner-id":
		return []string{g.owner}
	case "vpc-id":
		return []string{g.vpcID}
	}
	perms := g.ingress
	if n, ok := strings.CutPrefix(name, "egress."); ok {
		perms, name = g.egress, n
	}
	var out []string
	for _, p := range perms {
		switch name {
		case "ip-permission.cidr":
			out = append(out, p.cidr)
		case "ip-permission.ipv6-cidr":
			out = append(out, p.cidr6)
		case "ip-permission.from-port":
			out = append(out, strconv.Itoa(p.from))
		case "ip-permission.to-port":
			out = append(out, strconv.Itoa(p.to))
		case "ip-permission.protocol":
			out = append(out, p.proto)
		case "ip-permission.group-id":
			out = append(out, p.groupID)
		case "ip-permission.group-name":
			out = append(out, nameOf[p.groupID])
		case "ip-permission.user-id":
			out = append(out, p.userID)
		}
	}
	return out
}

// snapshot copies g, rules included, so it can be read without the lock.
func (g *secGroup) snapshot() secGroup {
	c := *g
	c.ingress, c.egress = slices.Clone(g.ingress), slices.Clone(g.egress)
	return c
}
