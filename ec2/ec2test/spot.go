package ec2test

import (
	"encoding/xml"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// spotProducts are the product descriptions the default price series
// cover.
var spotProducts = []string{"Linux/UNIX", "Windows"}

// spotHistory is how far back DescribeSpotPriceHistory goes without a
// StartTime; EC2 keeps 90 days.
const spotHistory = 24 * time.Hour

// spotKey names one price series.
type spotKey struct{ zone, instanceType string }

// SetSpotPrice fixes the Spot price of instanceType in zone of region, for
// every product and every hour, instead of the default series. A price of
// zero or less restores the default.
func (s *Backend) SetSpotPrice(region, zone, instanceType string, price float64) {
	s.market.mu.Lock()
	defer s.market.mu.Unlock()
	if s.market.spotPrices[region] == nil {
		s.market.spotPrices[region] = map[spotKey]float64{}
	}
	if price <= 0 {
		delete(s.market.spotPrices[region], spotKey{zone, instanceType})
		return
	}
	s.market.spotPrices[region][spotKey{zone, instanceType}] = price
}

// spotPrice is the Spot price of an instance type in a zone during the
// hour that contains t: a seeded price, or between 25% and 40% of the
// on-demand price, chosen by a hash of zone, type, product and hour so
// that every run sees the same series. The market lock must be held.
func (s *Backend) spotPrice(region, zone, instanceType, product string, t time.Time) float64 {
	if p, ok := s.market.spotPrices[region][spotKey{zone, instanceType}]; ok {
		return p
	}
	base := 0.1
	for _, od := range onDemand {
		if od.instanceType == instanceType {
			base = od.hourly
		}
	}
	if strings.HasPrefix(product, "Windows") {
		base *= 1.8
	}
	h := fnv.New64a()
	h.Write([]byte(zone + "|" + instanceType + "|" + product + "|" + strconv.FormatInt(t.Unix()/3600, 10)))
	return round(base*(0.25+0.15*float64(h.Sum64()%1000)/1000), 6)
}

type spotPoint struct {
	zone, instanceType, product string
	price                       float64
	at                          time.Time
}

func spotField(p spotPoint, name string) string {
	switch name {
	case "availability-zone":
		return p.zone
	case "instance-type":
		return p.instanceType
	case "product-description":
		return p.product
	case "spot-price":
		return strconv.FormatFloat(p.price, 'f', 6, 64)
	case "timestamp":
		return p.at.UTC().Format(xmlTime)
	}
	return ""
}

// describeSpotPriceHistory answers DescribeSpotPriceHistory: InstanceType.N,
// ProductDescription.N, AvailabilityZone, StartTime, EndTime, Filter.N and
// NextToken paging of at most MaxResults (1-1000, default 1000) prices,
// newest first. Prices change on the hour; without StartTime the history
// goes back a day, and with it the answer includes the price in force at
// StartTime, as EC2's does. Without InstanceType.N the types listed are
// those of the default Reserved Instance offerings.
func (s *Backend) describeSpotPriceHistory(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	fs, err := filters(p, "availability-zone", "availability-zone-id", "instance-type", "product-description", "spot-price", "timestamp")
	if err != nil {
		return err
	}
	zoneIDs := s.zoneIDs(r.Region)
	parse := func(name string, def time.Time) (time.Time, error) {
		v := p.Get(name)
		if v == "" {
			return def, nil
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return t, invalidValue("Invalid value '" + v + "' for " + name)
		}
		return t, nil
	}
	end, err := parse("EndTime", r.Now)
	if err != nil {
		return err
	}
	start, err := parse("StartTime", end.Add(-spotHistory))
	if err != nil {
		return err
	}
	if end.Before(start) {
		return invalidValue("The start time must be before the end time.")
	}
	types := listOrOne(p, "InstanceType")
	if len(types) == 0 {
		for _, od := range onDemand {
			types = append(types, od.instanceType)
		}
	}
	products := listOrOne(p, "ProductDescription")
	if len(products) == 0 {
		products = spotProducts
	}
	var zones []string
	for _, z := range s.Zones(r.Region) {
		if az := p.Get("AvailabilityZone"); az == "" || az == z.Name {
			zones = append(zones, z.Name)
		}
	}
	// Hours from the one in force at start up to end, newest first.
	first := start.Truncate(time.Hour)
	var hours []time.Time
	for t := end.Truncate(time.Hour); !t.Before(first); t = t.Add(-time.Hour) {
		hours = append(hours, t)
	}
	var points []spotPoint
	for _, at := range hours {
		for _, it := range types {
			for _, z := range zones {
				for _, prod := range products {
					pt := spotPoint{zone: z, instanceType: it, product: prod, at: at,
						price: s.spotPrice(r.Region, z, it, prod, at)}
					if matchAll(fs, withZoneID(zoneIDs, func(name string) string { return spotField(pt, name) })) {
						points = append(points, pt)
					}
				}
			}
		}
	}
	if !p.Has("MaxResults") {
		p = cloneValues(p)
		p.Set("MaxResults", "1000")
	}
	points, next, err := page(p, points, 1, 1000)
	if err != nil {
		return err
	}
	resp := spotPriceHistoryResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, NextToken: next}
	for _, pt := range points {
		resp.Prices = append(resp.Prices, spotPriceItem{InstanceType: pt.instanceType, ProductDescription: pt.product,
			SpotPrice: strconv.FormatFloat(pt.price, 'f', 6, 64), Timestamp: pt.at.UTC().Format(xmlTime), AvailabilityZone: pt.zone})
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}

type spotPriceItem struct {
	InstanceType       string `xml:"instanceType"`
	ProductDescription string `xml:"productDescription"`
	SpotPrice          string `xml:"spotPrice"`
	Timestamp          string `xml:"timestamp"`
	AvailabilityZone   string `xml:"availabilityZone"`
}

type spotPriceHistoryResponse struct {
	XMLName   xml.Name        `xml:"DescribeSpotPriceHistoryResponse"`
	Xmlns     string          `xml:"xmlns,attr"`
	RequestID string          `xml:"requestId"`
	Prices    []spotPriceItem `xml:"spotPriceHistorySet>item"`
	NextToken string          `xml:"nextToken"`
}

// spotRequest is one Spot Instance request.
type spotRequest struct {
	id, typ, state, statusCode, statusMessage string
	price                                     float64
	instanceID                                string
	imageID, instanceType, zone, keyName      string
	groups                                    []string
	groupIDs                                  []string
	net                                       launchNet // the launch's groups and key pair, resolved at request time
	created, updated                          time.Time
}

// spotAction answers RequestSpotInstances. Like RunInstances (runAction),
// it resolves the launch's security groups and key pair in the network
// family before it takes the compute lock, and refuses the request when
// they do not exist.
func (s *Backend) spotAction() action {
	return func(w http.ResponseWriter, r *fake.Request) error {
		p := r.Params
		var ln launchNet
		zone := p.Get("LaunchSpecification.Placement.AvailabilityZone")
		// A zone the region does not have is refused by
		// requestSpotInstances, with EC2's answer for it.
		if zone == "" || s.checkZone(r.Region, zone) == nil {
			var err error
			ln.subnet, ln.groups, err = s.launchPlacement(r.Account(), r.Region, "", zone,
				list(p, "LaunchSpecification.SecurityGroupId"), list(p, "LaunchSpecification.SecurityGroup"))
			if err != nil {
				return err
			}
		}
		if k := p.Get("LaunchSpecification.KeyName"); k != "" && !s.keyPairExists(r.Account(), r.Region, k) {
			return ec2Error("InvalidKeyPair.NotFound", "The key pair '%s' does not exist", k)
		}
		return s.marketStarting(func(w http.ResponseWriter, r *fake.Request, start *[][]func()) error {
			return s.requestSpotInstances(w, r, ln, start)
		})(w, r)
	}
}

func newSpotRequestID() string {
	return "sir-" + hexString(randomBytes(4))
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

func (q *spotRequest) setStatus(code, msg string, now time.Time) {
	q.statusCode, q.statusMessage, q.updated = code, msg, now
}

// requestSpotInstances answers RequestSpotInstances. Each request starts
// open and pending-evaluation; its transition compares SpotPrice with the
// zone's current price. At or above it, the request launches one instance
// as RunInstances would (the instance then goes from pending to running
// on its own transition) and becomes active and fulfilled; below it, it
// stays open with status price-too-low. A launch RunInstances refuses
// (an unknown image, say) fails the request with status bad-parameters.
// Requests are evaluated once: a later price change does not fulfil them.
func (s *Backend) requestSpotInstances(w http.ResponseWriter, r *fake.Request, ln launchNet, start *[][]func()) error {
	p := r.Params
	count, err := intParam(p, "InstanceCount", 1)
	if err != nil {
		return err
	}
	if count < 1 || count > 20 {
		return invalidValue("Value (" + strconv.Itoa(count) + ") for parameter instanceCount is invalid. Expected a value between 1 and 20.")
	}
	typ := p.Get("Type")
	if typ == "" {
		typ = "one-time"
	}
	if err := oneOf(p, "Type", "one-time", "persistent"); err != nil {
		return err
	}
	imageID := p.Get("LaunchSpecification.ImageId")
	if imageID == "" {
		return missing("LaunchSpecification.ImageId")
	}
	if err := checkIDs("InvalidAMIID.Malformed", "ami", imageID); err != nil {
		return err
	}
	instanceType := p.Get("LaunchSpecification.InstanceType")
	if instanceType == "" {
		instanceType = "m1.small"
	}
	zone := p.Get("LaunchSpecification.Placement.AvailabilityZone")
	if zone == "" {
		zs := s.Zones(r.Region)
		if len(zs) == 0 {
			return ec2Error("Unsupported", "The requested configuration is currently not supported.")
		}
		zone = zs[0].Name
	} else if err := s.checkZone(r.Region, zone); err != nil {
		return err
	}
	price := -1.0 // EC2's default: the on-demand price, above any Spot price here
	if v := p.Get("SpotPrice"); v != "" {
		price, err = strconv.ParseFloat(v, 64)
		if err != nil || price <= 0 {
			return invalidValue("Invalid value '" + v + "' for spotPrice. Expected a positive number.")
		}
	}
	st := s.marketStore(r)
	resp := spotRequestsResponse{XMLName: xml.Name{Local: "RequestSpotInstancesResponse"}, Xmlns: responseNamespace(r), RequestID: r.RequestID}
	for range count {
		q := &spotRequest{id: newSpotRequestID(), typ: typ, state: "open", price: price, imageID: imageID,
			instanceType: instanceType, zone: zone, keyName: p.Get("LaunchSpecification.KeyName"),
			groups: list(p, "LaunchSpecification.SecurityGroup"), groupIDs: list(p, "LaunchSpecification.SecurityGroupId"),
			net: ln, created: r.Now}
		if price < 0 {
			q.price = 0
		}
		q.setStatus("pending-evaluation", "Your Spot request has been submitted for review, and is pending evaluation.", r.Now)
		st.spot[q.id] = q
		st.spotOrder = append(st.spotOrder, q.id)
		bidless := price < 0
		*start = append(*start, []func(){func() { s.evaluateSpot(r, q, bidless) }})
		resp.Requests = append(resp.Requests, spotRequestXML(q))
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}

// evaluateSpot decides an open request. It runs as a transition step,
// under the compute lock, which runInstances expects; it takes the market
// lock only around the request and the price, not across the launch.
func (s *Backend) evaluateSpot(r *fake.Request, q *spotRequest, bidless bool) {
	var open, cheap bool
	var current float64
	s.withMarket(func() {
		open = q.state == "open"
		current = s.spotPrice(r.Region, q.zone, q.instanceType, "Linux/UNIX", r.Now)
		cheap = !bidless && q.price < current
		if open && cheap {
			q.setStatus("price-too-low", "Your Spot request price of "+strconv.FormatFloat(q.price, 'f', -1, 64)+
				" is lower than the minimum required Spot request fulfillment price of "+strconv.FormatFloat(current, 'f', -1, 64)+".", r.Now)
		}
	})
	if !open || cheap {
		return // cancelled before evaluation, or priced out
	}
	params := url.Values{"ImageId": {q.imageID}, "MinCount": {"1"}, "MaxCount": {"1"},
		"InstanceType": {q.instanceType}, "Placement.AvailabilityZone": {q.zone}}
	if q.keyName != "" {
		params.Set("KeyName", q.keyName)
	}
	for i, g := range q.groups {
		params.Set("SecurityGroup."+strconv.Itoa(i+1), g)
	}
	for i, g := range q.groupIDs {
		params.Set("SecurityGroupId."+strconv.Itoa(i+1), g)
	}
	run := &fake.Request{Service: r.Service, Region: r.Region, Operation: "RunInstances", Params: params,
		Credential: r.Credential, RequestID: r.RequestID, SigVersion: r.SigVersion, Now: r.Now}
	rec := httptest.NewRecorder()
	var out struct {
		Instances []struct {
			ID string `xml:"instanceId"`
		} `xml:"instancesSet>item"`
	}
	failed := "" // why the launch failed
	if err := s.runInstances(rec, run, q.net); err != nil {
		failed = err.Error()
	} else if err := xml.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Instances) == 0 {
		failed = "The launch did not start an instance."
	}
	s.withMarket(func() {
		switch {
		case failed != "" && q.state == "open":
			q.state = "failed"
			q.setStatus("bad-parameters", failed, r.Now)
		case failed != "":
		case q.state == "open":
			q.instanceID = out.Instances[0].ID
			q.state = "active"
			q.setStatus("fulfilled", "Your spot request is fulfilled.", r.Now)
		default: // cancelled while the instance launched
			q.instanceID = out.Instances[0].ID
			q.setStatus("request-canceled-and-instance-running", "Spot request canceled but instance is still running.", r.Now)
		}
	})
}

// spotRequests returns the caller's requests with ids (all when none),
// in request order. The market lock must be held.
func (st *marketStore) spotRequests(ids []string) ([]*spotRequest, error) {
	if err := checkIDs("InvalidSpotInstanceRequestID.Malformed", "sir", ids...); err != nil {
		return nil, err
	}
	var out []*spotRequest
	for _, id := range ids {
		q := st.spot[id]
		if q == nil {
			return nil, ec2Error("InvalidSpotInstanceRequestID.NotFound", "The spot instance request ID '%s' does not exist", id)
		}
		out = append(out, q)
	}
	if len(ids) == 0 {
		for _, id := range st.spotOrder {
			out = append(out, st.spot[id])
		}
	}
	return out, nil
}

// describeSpotInstanceRequests answers DescribeSpotInstanceRequests:
// SpotInstanceRequestId.N, Filter.N and MaxResults (5-1000) paging.
func (s *Backend) describeSpotInstanceRequests(w http.ResponseWriter, r *fake.Request) error {
	fs, err := filters(r.Params, spotFilterNames()...)
	if err != nil {
		return err
	}
	qs, err := s.marketStore(r).spotRequests(list(r.Params, "SpotInstanceRequestId"))
	if err != nil {
		return err
	}
	zoneIDs := s.zoneIDs(r.Region)
	qs = slices.DeleteFunc(qs, func(q *spotRequest) bool {
		return !matchResource(fs, nil, func(name string) []string { return spotRequestField(q, name, zoneIDs) })
	})
	qs, next, err := page(r.Params, qs, 5, 1000)
	if err != nil {
		return err
	}
	resp := spotRequestsResponse{XMLName: xml.Name{Local: "DescribeSpotInstanceRequestsResponse"},
		Xmlns: responseNamespace(r), RequestID: r.RequestID, NextToken: next}
	for _, q := range qs {
		resp.Requests = append(resp.Requests, spotRequestXML(q))
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}

// cancelSpotInstanceRequests answers CancelSpotInstanceRequests. An
// instance the request launched keeps running, as in EC2.
func (s *Backend) cancelSpotInstanceRequests(w http.ResponseWriter, r *fake.Request) error {
	ids := list(r.Params, "SpotInstanceRequestId")
	if len(ids) == 0 {
		return missing("SpotInstanceRequestId")
	}
	qs, err := s.marketStore(r).spotRequests(ids)
	if err != nil {
		return err
	}
	resp := cancelSpotResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID}
	for _, q := range qs {
		if q.state == "open" || q.state == "active" {
			if q.instanceID != "" {
				q.setStatus("request-canceled-and-instance-running", "Spot request canceled but instance is still running.", r.Now)
			} else {
				q.setStatus("canceled-before-fulfillment", "The request was canceled before it was fulfilled.", r.Now)
			}
			q.state = "cancelled"
		}
		resp.Cancelled = append(resp.Cancelled, cancelledItem{ID: q.id, State: q.state})
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}

type spotStatusItem struct {
	Code       string `xml:"code"`
	UpdateTime string `xml:"updateTime"`
	Message    string `xml:"message"`
}

type spotLaunchItem struct {
	ImageID      string      `xml:"imageId"`
	KeyName      string      `xml:"keyName,omitempty"`
	Groups       []groupItem `xml:"groupSet>item"`
	InstanceType string      `xml:"instanceType"`
	Zone         string      `xml:"placement>availabilityZone"`
}

type spotRequestItem struct {
	ID               string         `xml:"spotInstanceRequestId"`
	SpotPrice        string         `xml:"spotPrice"`
	Type             string         `xml:"type"`
	State            string         `xml:"state"`
	Status           spotStatusItem `xml:"status"`
	Launch           spotLaunchItem `xml:"launchSpecification"`
	InstanceID       string         `xml:"instanceId,omitempty"`
	CreateTime       string         `xml:"createTime"`
	Product          string         `xml:"productDescription"`
	LaunchedZone     string         `xml:"launchedAvailabilityZone,omitempty"`
	InterruptionMode string         `xml:"instanceInterruptionBehavior"`
}

func spotRequestXML(q *spotRequest) spotRequestItem {
	it := spotRequestItem{ID: q.id, SpotPrice: strconv.FormatFloat(q.price, 'f', 6, 64), Type: q.typ, State: q.state,
		Status:     spotStatusItem{Code: q.statusCode, UpdateTime: q.updated.UTC().Format(xmlTime), Message: q.statusMessage},
		Launch:     spotLaunchItem{ImageID: q.imageID, KeyName: q.keyName, InstanceType: q.instanceType, Zone: q.zone},
		InstanceID: q.instanceID, CreateTime: q.created.UTC().Format(xmlTime), Product: "Linux/UNIX",
		InterruptionMode: "terminate"}
	for _, g := range q.net.groups {
		it.Launch.Groups = append(it.Launch.Groups, groupItem{GroupID: g.id, GroupName: g.name})
	}
	if q.instanceID != "" {
		it.LaunchedZone = q.zone
	}
	return it
}

type spotRequestsResponse struct {
	XMLName   xml.Name
	Xmlns     string            `xml:"xmlns,attr"`
	RequestID string            `xml:"requestId"`
	Requests  []spotRequestItem `xml:"spotInstanceRequestSet>item"`
	NextToken string            `xml:"nextToken,omitempty"`
}

type cancelledItem struct {
	ID    string `xml:"spotInstanceRequestId"`
	State string `xml:"state"`
}

type cancelSpotResponse struct {
	XMLName   xml.Name        `xml:"CancelSpotInstanceRequestsResponse"`
	Xmlns     string          `xml:"xmlns,attr"`
	RequestID string          `xml:"requestId"`
	Cancelled []cancelledItem `xml:"spotInstanceRequestSet>item"`
}

// listOrOne reads prefix.N like list, and also a bare prefix parameter as
// the first item: boto 2's get_spot_price_history sends InstanceType and
// ProductDescription without an index, and EC2 narrows the answer by them.
func listOrOne(p url.Values, prefix string) []string {
	out := list(p, prefix)
	if v := p.Get(prefix); v != "" {
		out = append([]string{v}, out...)
	}
	return out
}
