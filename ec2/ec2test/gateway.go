package ec2test

import (
	"encoding/xml"
	"net/http"
	"slices"

	"github.com/goboto/goboto/internal/fake"
)

type igwAttachItem struct {
	VpcID string `xml:"vpcId"`
	State string `xml:"state"`
}

type igwItem struct {
	InternetGatewayID string          `xml:"internetGatewayId"`
	OwnerID           string          `xml:"ownerId"`
	Attachments       []igwAttachItem `xml:"attachmentSet>item"`
	Tags              *netTagSet      `xml:"tagSet"`
}

// igwXML renders g. EC2 API Reference, DescribeInternetGateways:
// attachment.state is "available" while a VPC is attached.
func igwXML(g igwRes, tags map[string]string) igwItem {
	it := igwItem{InternetGatewayID: g.id, OwnerID: g.owner, Tags: netTags(tags)}
	if g.vpcID != "" {
		it.Attachments = []igwAttachItem{{g.vpcID, "available"}}
	}
	return it
}

type createInternetGatewayResponse struct {
	XMLName xml.Name `xml:"CreateInternetGatewayResponse"`
	netEnvelope
	Gateway igwItem `xml:"internetGateway"`
}

// CreateInternetGateway: TagSpecification. The gateway starts detached.
func (s *Backend) createInternetGateway(w http.ResponseWriter, r *fake.Request) error {
	sc := s.scope(r)
	sc.mu.Lock()
	g := &igwRes{id: newID("igw"), owner: sc.account}
	sc.igws = append(sc.igws, g)
	sc.mu.Unlock()
	tags := tagSpecs(r.Params, "internet-gateway")
	s.setNetTags(r, g.id, tags)
	return writeNet(w, r, &createInternetGatewayResponse{Gateway: igwXML(igwRes{id: g.id, owner: g.owner}, tags)})
}

type describeInternetGatewaysResponse struct {
	XMLName xml.Name `xml:"DescribeInternetGatewaysResponse"`
	netEnvelope
	Gateways  []igwItem `xml:"internetGatewaySet>item"`
	NextToken string    `xml:"nextToken,omitempty"`
}

var igwFilterNames = []string{"attachment.state", "attachment.vpc-id", "internet-gateway-id", "owner-id"}

// DescribeInternetGateways: InternetGatewayId.N, Filter.N, MaxResults
// (5-1000), NextToken.
func (s *Backend) describeInternetGateways(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, igwFilterNames...)
	if err != nil {
		return err
	}
	ids := list(r.Params, "InternetGatewayId")
	sc := s.scope(r)
	sc.mu.Lock()
	var picked []igwRes
	for _, id := range ids {
		g, err := sc.igw(id)
		if err != nil {
			sc.mu.Unlock()
			return err
		}
		picked = append(picked, *g)
	}
	if len(ids) == 0 {
		for _, g := range sc.igws {
			picked = append(picked, *g)
		}
	}
	sc.mu.Unlock()
	var items []igwItem
	for _, g := range picked {
		tags := s.tagsOf(r.Account(), r.Region, g.id)
		if matchResource(fs, tags, func(name string) []string { return igwField(g, name) }) {
			items = append(items, igwXML(g, tags))
		}
	}
	items, next, err := page(r.Params, items, 5, 1000)
	if err != nil {
		return err
	}
	return writeNet(w, r, &describeInternetGatewaysResponse{Gateways: items, NextToken: next})
}

func igwField(g igwRes, name string) []string {
	switch name {
	case "attachment.state":
		if g.vpcID != "" {
			return []string{"available"}
		}
	case "attachment.vpc-id":
		if g.vpcID != "" {
			return []string{g.vpcID}
		}
	case "internet-gateway-id":
		return []string{g.id}
	case "owner-id":
		return []string{g.owner}
	}
	return nil
}

// AttachInternetGateway: InternetGatewayId and VpcId. A gateway attached
// anywhere, or a VPC that has a gateway, answers
// Resource.AlreadyAssociated. Routes to the gateway that were blackholes
// become active again.
func (s *Backend) attachInternetGateway(w http.ResponseWriter, r *fake.Request) error {
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	g, err := sc.igw(r.Params.Get("InternetGatewayId"))
	if err != nil {
		return err
	}
	v, err := sc.vpc(r.Params.Get("VpcId"))
	if err != nil {
		return err
	}
	if g.vpcID != "" {
		return ec2Error("Resource.AlreadyAssociated", "resource %s is already attached to network %s", g.id, g.vpcID)
	}
	if slices.ContainsFunc(sc.igws, func(o *igwRes) bool { return o.vpcID == v.id }) {
		return ec2Error("Resource.AlreadyAssociated", "resource %s already has an internet gateway attached", v.id)
	}
	g.vpcID = v.id
	sc.reviveRoutes(g.id, v.id)
	return writeReturn(w, r)
}

// DetachInternetGateway: InternetGatewayId and VpcId. A gateway not
// attached to that VPC answers Gateway.NotAttached; routes to it become
// blackholes, as in EC2.
func (s *Backend) detachInternetGateway(w http.ResponseWriter, r *fake.Request) error {
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	g, err := sc.igw(r.Params.Get("InternetGatewayId"))
	if err != nil {
		return err
	}
	v, err := sc.vpc(r.Params.Get("VpcId"))
	if err != nil {
		return err
	}
	if g.vpcID != v.id {
		return ec2Error("Gateway.NotAttached", "resource %s is not attached to network %s", g.id, v.id)
	}
	g.vpcID = ""
	sc.blackholeRoutes(g.id)
	return writeReturn(w, r)
}

// DeleteInternetGateway: InternetGatewayId. An attached gateway answers
// DependencyViolation.
func (s *Backend) deleteInternetGateway(w http.ResponseWriter, r *fake.Request) error {
	var dropped []string
	defer s.dropTagsLater(r, &dropped)
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	g, err := sc.igw(r.Params.Get("InternetGatewayId"))
	if err != nil {
		return err
	}
	if g.vpcID != "" {
		return ec2Error("DependencyViolation", "The internetGateway '%s' has dependencies and cannot be deleted.", g.id)
	}
	sc.igws = slices.DeleteFunc(sc.igws, func(o *igwRes) bool { return o == g })
	dropped = append(dropped, g.id)
	return writeReturn(w, r)
}

// blackholeRoutes marks every route to gateway as a blackhole.
func (sc *netScope) blackholeRoutes(gateway string) {
	for _, t := range sc.rtbs {
		for i := range t.routes {
			if t.routes[i].target == gateway {
				t.routes[i].blocked = true
			}
		}
	}
}

// reviveRoutes makes the routes of vpcID's tables to gateway active.
func (sc *netScope) reviveRoutes(gateway, vpcID string) {
	for _, t := range sc.rtbs {
		for i := range t.routes {
			if t.vpcID == vpcID && t.routes[i].target == gateway {
				t.routes[i].blocked = false
			}
		}
	}
}
