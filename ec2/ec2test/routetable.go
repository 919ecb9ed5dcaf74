package ec2test

import (
	"encoding/xml"
	"net/http"
	"net/netip"
	"slices"
	"strconv"

	"github.com/goboto/goboto/internal/fake"
)

type routeItem struct {
	Destination string `xml:"destinationCidrBlock"`
	GatewayID   string `xml:"gatewayId"`
	State       string `xml:"state"`
	Origin      string `xml:"origin"`
}

type assocStateItem struct {
	State string `xml:"state"`
}

type rtbAssocItem struct {
	ID         string         `xml:"routeTableAssociationId"`
	RouteTable string         `xml:"routeTableId"`
	SubnetID   string         `xml:"subnetId,omitempty"`
	Main       bool           `xml:"main"`
	State      assocStateItem `xml:"associationState"`
}

type rtbItem struct {
	RouteTableID string         `xml:"routeTableId"`
	VpcID        string         `xml:"vpcId"`
	OwnerID      string         `xml:"ownerId"`
	Routes       []routeItem    `xml:"routeSet>item"`
	Assocs       []rtbAssocItem `xml:"associationSet>item"`
	Propagating  struct{}       `xml:"propagatingVgwSet"`
	Tags         *netTagSet     `xml:"tagSet"`
}

func (rt routeRes) state() string {
	if rt.blocked {
		return "blackhole"
	}
	return "active"
}

// snapshot copies t, routes and associations included.
func (t *rtbRes) snapshot() rtbRes {
	c := *t
	c.routes, c.assocs = slices.Clone(t.routes), slices.Clone(t.assocs)
	return c
}

// assocItems lists t's associations, the main one first.
func (t rtbRes) assocItems() []rtbAssocItem {
	var out []rtbAssocItem
	if t.mainAssoc != "" {
		out = append(out, rtbAssocItem{ID: t.mainAssoc, RouteTable: t.id, Main: true, State: assocStateItem{"associated"}})
	}
	for _, a := range t.assocs {
		out = append(out, rtbAssocItem{ID: a.id, RouteTable: t.id, SubnetID: a.subnetID, State: assocStateItem{"associated"}})
	}
	return out
}

func rtbXML(t rtbRes, tags map[string]string) rtbItem {
	it := rtbItem{RouteTableID: t.id, VpcID: t.vpcID, OwnerID: t.owner, Assocs: t.assocItems(), Tags: netTags(tags)}
	for _, rt := range t.routes {
		it.Routes = append(it.Routes, routeItem{rt.dest.String(), rt.target, rt.state(), rt.origin})
	}
	return it
}

type createRouteTableResponse struct {
	XMLName xml.Name `xml:"CreateRouteTableResponse"`
	netEnvelope
	RouteTable  rtbItem `xml:"routeTable"`
	ClientToken string  `xml:"clientToken,omitempty"`
}

// CreateRouteTable: VpcId, ClientToken, TagSpecification. The table has
// the VPC's local route. A ClientToken seen before answers the table it
// made, or IdempotentParameterMismatch for another VPC.
func (s *Backend) createRouteTable(w http.ResponseWriter, r *fake.Request) error {
	tok := r.Params.Get("ClientToken")
	sc := s.scope(r)
	sc.mu.Lock()
	v, err := sc.vpc(r.Params.Get("VpcId"))
	if err != nil {
		sc.mu.Unlock()
		return err
	}
	if i := slices.IndexFunc(sc.rtbs, func(t *rtbRes) bool { return tok != "" && t.clientToken == tok }); i >= 0 {
		t := sc.rtbs[i].snapshot()
		sc.mu.Unlock()
		if t.vpcID != v.id {
			return idempotentMismatch()
		}
		return writeNet(w, r, &createRouteTableResponse{RouteTable: rtbXML(t, s.tagsOf(r.Account(), r.Region, t.id)), ClientToken: tok})
	}
	t := &rtbRes{id: newID("rtb"), vpcID: v.id, owner: sc.account, clientToken: tok,
		routes: []routeRes{{dest: v.cidr, target: "local", origin: "CreateRouteTable"}}}
	sc.rtbs = append(sc.rtbs, t)
	snap := t.snapshot()
	sc.mu.Unlock()
	tags := tagSpecs(r.Params, "route-table")
	s.setNetTags(r, t.id, tags)
	return writeNet(w, r, &createRouteTableResponse{RouteTable: rtbXML(snap, tags), ClientToken: tok})
}

type describeRouteTablesResponse struct {
	XMLName xml.Name `xml:"DescribeRouteTablesResponse"`
	netEnvelope
	RouteTables []rtbItem `xml:"routeTableSet>item"`
	NextToken   string    `xml:"nextToken,omitempty"`
}

var rtbFilterNames = []string{"association.route-table-association-id", "association.route-table-id",
	"association.subnet-id", "association.main", "owner-id", "route-table-id", "route.destination-cidr-block",
	"route.gateway-id", "route.origin", "route.state", "vpc-id",
	// Routes and associations to targets the fake does not serve: these
	// match nothing.
	"association.gateway-id", "route.destination-ipv6-cidr-block", "route.destination-prefix-list-id",
	"route.egress-only-internet-gateway-id", "route.instance-id", "route.nat-gateway-id", "route.transit-gateway-id",
	"route.vpc-peering-connection-id"}

// DescribeRouteTables: RouteTableId.N, Filter.N, MaxResults (5-100),
// NextToken.
func (s *Backend) describeRouteTables(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, rtbFilterNames...)
	if err != nil {
		return err
	}
	ids := list(r.Params, "RouteTableId")
	sc := s.scope(r)
	sc.mu.Lock()
	var picked []rtbRes
	for _, id := range ids {
		t, err := sc.rtb(id)
		if err != nil {
			sc.mu.Unlock()
			return err
		}
		picked = append(picked, t.snapshot())
	}
	if len(ids) == 0 {
		for _, t := range sc.rtbs {
			picked = append(picked, t.snapshot())
		}
	}
	sc.mu.Unlock()
	var items []rtbItem
	for _, t := range picked {
		tags := s.tagsOf(r.Account(), r.Region, t.id)
		if matchResource(fs, tags, func(name string) []string { return rtbField(t, name) }) {
			items = append(items, rtbXML(t, tags))
		}
	}
	items, next, err := page(r.Params, items, 5, 100)
	if err != nil {
		return err
	}
	return writeNet(w, r, &describeRouteTablesResponse{RouteTables: items, NextToken: next})
}

func rtbField(t rtbRes, name string) []string {
	var out []string
	switch name {
	case "owner-id":
		return []string{t.owner}
	case "route-table-id":
		return []string{t.id}
	case "vpc-id":
		return []string{t.vpcID}
	case "association.route-table-association-id", "association.route-table-id", "association.subnet-id", "association.main":
		for _, a := range t.assocItems() {
			switch name {
			case "association.route-table-association-id":
				out = append(out, a.ID)
			case "association.route-table-id":
				out = append(out, a.RouteTable)
			case "association.subnet-id":
				if a.SubnetID != "" {
					out = append(out, a.SubnetID)
				}
			case "association.main":
				out = append(out, strconv.FormatBool(a.Main))
			}
		}
	}
	for _, rt := range t.routes {
		switch name {
		case "route.destination-cidr-block":
			out = append(out, rt.dest.String())
		case "route.gateway-id":
			out = append(out, rt.target)
		case "route.origin":
			out = append(out, rt.origin)
		case "route.state":
			out = append(out, rt.state())
		}
	}
	return out
}

// DeleteRouteTable: RouteTableId. The main table, or one associated with
// subnets, answers DependencyViolation.
func (s *Backend) deleteRouteTable(w http.ResponseWriter, r *fake.Request) error {
	var dropped []string
	defer s.dropTagsLater(r, &dropped)
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	t, err := sc.rtb(r.Params.Get("RouteTableId"))
	if err != nil {
		return err
	}
	if t.mainAssoc != "" || len(t.assocs) > 0 {
		return ec2Error("DependencyViolation", "The routeTable '%s' has dependencies and cannot be deleted.", t.id)
	}
	sc.rtbs = slices.DeleteFunc(sc.rtbs, func(o *rtbRes) bool { return o == t })
	dropped = append(dropped, t.id)
	return writeReturn(w, r)
}

// routeRequest reads and checks what CreateRoute and ReplaceRoute share:
// the table, the destination and the target, an internet gateway attached
// to the table's VPC. The caller holds sc.mu.
func (sc *netScope) routeRequest(r *fake.Request, needTarget bool) (*rtbRes, netip.Prefix, string, error) {
	t, err := sc.rtb(r.Params.Get("RouteTableId"))
	if err != nil {
		return nil, netip.Prefix{}, "", err
	}
	raw := r.Params.Get("DestinationCidrBlock")
	if raw == "" {
		return nil, netip.Prefix{}, "", missing("DestinationCidrBlock")
	}
	dest, ok := parseCIDR(raw)
	if !ok {
		return nil, netip.Prefix{}, "", invalidValue("Value (" + raw + ") for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.")
	}
	if !needTarget {
		return t, dest, "", nil
	}
	gw := r.Params.Get("GatewayId")
	if gw == "" {
		return nil, netip.Prefix{}, "", missing("GatewayId")
	}
	g, err := sc.igw(gw)
	if err != nil {
		return nil, netip.Prefix{}, "", ec2Error("InvalidGatewayID.NotFound", "The gateway ID '%s' does not exist", gw)
	}
	if g.vpcID != t.vpcID {
		return nil, netip.Prefix{}, "", invalidValue("route table " + t.id + " and network gateway " + g.id + " belong to different networks")
	}
	return t, dest, g.id, nil
}

// routeIndex is the index of t's route to dest, -1 when there is none.
func (t *rtbRes) routeIndex(dest netip.Prefix) int {
	return slices.IndexFunc(t.routes, func(rt routeRes) bool { return rt.dest == dest })
}

// CreateRoute: RouteTableId, DestinationCidrBlock and GatewayId, an
// internet gateway attached to the table's VPC. A destination the table
// routes already is RouteAlreadyExists; one inside the VPC's block, which
// the local route covers, is InvalidParameterValue.
func (s *Backend) createRoute(w http.ResponseWriter, r *fake.Request) error {
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	t, dest, gw, err := sc.routeRequest(r, true)
	if err != nil {
		return err
	}
	if t.routeIndex(dest) >= 0 {
		return ec2Error("RouteAlreadyExists", "The route identified by %s already exists.", dest)
	}
	if local := t.routes[0].dest; local.Bits() <= dest.Bits() && local.Contains(dest.Addr()) {
		return invalidValue("The destination CIDR block " + dest.String() + " is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.")
	}
	t.routes = append(t.routes, routeRes{dest: dest, target: gw, origin: "CreateRoute"})
	return writeReturn(w, r)
}

// ReplaceRoute: RouteTableId, DestinationCidrBlock and GatewayId. The
// route must exist: EC2 answers a destination without one with
// InvalidParameterValue, not InvalidRoute.NotFound as DeleteRoute does
// (its answer as AWS gives it to Terraform and the CLI: "There is no
// route defined for '0.0.0.0/0' in the route table. Use CreateRoute
// instead."); the local route cannot be replaced here.
func (s *Backend) replaceRoute(w http.ResponseWriter, r *fake.Request) error {
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	t, dest, gw, err := sc.routeRequest(r, true)
	if err != nil {
		return err
	}
	i := t.routeIndex(dest)
	switch {
	case i < 0:
		return invalidValue("There is no route defined for '" + dest.String() + "' in the route table. Use CreateRoute instead.")
	case t.routes[i].target == "local":
		return invalidValue("cannot replace local route " + dest.String() + " in route table " + t.id)
	}
	t.routes[i] = routeRes{dest: dest, target: gw, origin: "CreateRoute"}
	return writeReturn(w, r)
}

// DeleteRoute: RouteTableId and DestinationCidrBlock. The local route
// cannot be deleted (InvalidParameterValue).
func (s *Backend) deleteRoute(w http.ResponseWriter, r *fake.Request) error {
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	t, dest, _, err := sc.routeRequest(r, false)
	if err != nil {
		return err
	}
	i := t.routeIndex(dest)
	switch {
	case i < 0:
		return ec2Error("InvalidRoute.NotFound", "No route with destination-cidr-block %s in route table %s", dest, t.id)
	case t.routes[i].target == "local":
		return invalidValue("cannot remove local route " + dest.String() + " in route table " + t.id)
	}
	t.routes = slices.Delete(t.routes, i, i+1)
	return writeReturn(w, r)
}

type associateRouteTableResponse struct {
	XMLName xml.Name `xml:"AssociateRouteTableResponse"`
	netEnvelope
	AssociationID string         `xml:"associationId"`
	State         assocStateItem `xml:"associationState"`
}

// AssociateRouteTable: RouteTableId and SubnetId of the same VPC. A
// subnet associated with another table already answers
// Resource.AlreadyAssociated (ReplaceRouteTableAssociation moves it).
func (s *Backend) associateRouteTable(w http.ResponseWriter, r *fake.Request) error {
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	t, err := sc.rtb(r.Params.Get("RouteTableId"))
	if err != nil {
		return err
	}
	x, err := sc.subnet(r.Params.Get("SubnetId"))
	if err != nil {
		return err
	}
	if x.vpcID != t.vpcID {
		return invalidValue("Route table " + t.id + " and subnet " + x.id + " belong to different networks")
	}
	for _, o := range sc.rtbs {
		if slices.ContainsFunc(o.assocs, func(a rtbAssoc) bool { return a.subnetID == x.id }) {
			return ec2Error("Resource.AlreadyAssociated", "the specified association for route table %s conflicts with an existing association", t.id)
		}
	}
	a := rtbAssoc{id: newID("rtbassoc"), subnetID: x.id}
	t.assocs = append(t.assocs, a)
	return writeNet(w, r, &associateRouteTableResponse{AssociationID: a.id, State: assocStateItem{"associated"}})
}

// association finds a route table association by ID; main reports whether
// it is a VPC's main association. The caller holds sc.mu.
func (sc *netScope) association(id string) (t *rtbRes, i int, main bool, err error) {
	if id == "" {
		return nil, 0, false, missing("AssociationId")
	}
	for _, t := range sc.rtbs {
		if t.mainAssoc == id {
			return t, -1, true, nil
		}
		if i := slices.IndexFunc(t.assocs, func(a rtbAssoc) bool { return a.id == id }); i >= 0 {
			return t, i, false, nil
		}
	}
	return nil, 0, false, ec2Error("InvalidAssociationID.NotFound", "The association ID '%s' does not exist", id)
}

// DisassociateRouteTable: AssociationId, a subnet's association; the
// subnet falls back to its VPC's main table. The main association cannot
// be removed (InvalidParameterValue).
func (s *Backend) disassociateRouteTable(w http.ResponseWriter, r *fake.Request) error {
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	t, i, main, err := sc.association(r.Params.Get("AssociationId"))
	if err != nil {
		return err
	}
	if main {
		return invalidValue("cannot disassociate the main route table association " + t.mainAssoc)
	}
	t.assocs = slices.Delete(t.assocs, i, i+1)
	return writeReturn(w, r)
}

type replaceRouteTableAssociationResponse struct {
	XMLName xml.Name `xml:"ReplaceRouteTableAssociationResponse"`
	netEnvelope
	NewAssociationID string         `xml:"newAssociationId"`
	State            assocStateItem `xml:"associationState"`
}

// ReplaceRouteTableAssociation: AssociationId and RouteTableId of the same
// VPC. A subnet's association moves to the table; the main association
// makes the table its VPC's main one. Either gets a new association ID.
func (s *Backend) replaceRouteTableAssociation(w http.ResponseWriter, r *fake.Request) error {
	sc := s.scope(r)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	from, i, main, err := sc.association(r.Params.Get("AssociationId"))
	if err != nil {
		return err
	}
	to, err := sc.rtb(r.Params.Get("RouteTableId"))
	if err != nil {
		return err
	}
	if to.vpcID != from.vpcID {
		return invalidValue("Route table " + to.id + " and association " + r.Params.Get("AssociationId") + " belong to different networks")
	}
	id := newID("rtbassoc")
	if main {
		from.mainAssoc, to.mainAssoc = "", id
	} else {
		a := from.assocs[i]
		from.assocs = slices.Delete(from.assocs, i, i+1)
		to.assocs = append(to.assocs, rtbAssoc{id: id, subnetID: a.subnetID})
	}
	return writeNet(w, r, &replaceRouteTableAssociationResponse{NewAssociationID: id, State: assocStateItem{"associated"}})
}
