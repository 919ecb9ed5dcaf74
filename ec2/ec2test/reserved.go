package ec2test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// Reserved Instance terms, in seconds, as EC2 states them.
const (
	OneYear    = 31536000
	ThreeYears = 94608000
)

// reservedQuota is how many Reserved Instances an account may buy in a
// region; EC2's default quota is 20 per zone per month. Beyond it a
// purchase fails with ReservedInstancesLimitExceeded.
const reservedQuota = 20

// offeringTypes are the payment options EC2 knows, today's and the old
// utilization-based ones.
var offeringTypes = []string{"No Upfront", "Partial Upfront", "All Upfront",
	"Heavy Utilization", "Medium Utilization", "Light Utilization"}

// RecurringCharge is a charge an offering adds per period, usually per hour.
type RecurringCharge struct {
	Amount    float64
	Frequency string // "Hourly"
}

// Offering is a Reserved Instance offering the fake lists and sells.
// Zone is empty for an offering of Region scope.
type Offering struct {
	ID                 string // set by AddOffering when empty
	InstanceType       string
	Zone               string
	ProductDescription string // "Linux/UNIX", "Windows", ...
	Tenancy            string // default, dedicated
	OfferingType       string // "No Upfront", "Partial Upfront", "All Upfront", ...
	OfferingClass      string // standard, convertible
	Duration           int64  // seconds: OneYear or ThreeYears
	FixedPrice         float64
	UsagePrice         float64
	RecurringCharges   []RecurringCharge
	Marketplace        bool
}

func (o *Offering) scope() string {
	if o.Zone == "" {
		return "Region"
	}
	return "Availability Zone"
}

// SetOfferings replaces region's offerings with os; with none, the region
// has no offering. Offerings without an ID get a deterministic one.
func (s *Backend) SetOfferings(region string, os ...Offering) {
	s.market.mu.Lock()
	defer s.market.mu.Unlock()
	list := make([]*Offering, 0, len(os))
	for _, o := range os {
		o := o
		if o.ID == "" {
			o.ID = offeringID(o)
		}
		list = append(list, &o)
	}
	s.market.offerings[region] = list
}

// AddOffering adds o to region's offerings (after the defaults, unless
// SetOfferings replaced them) and returns its ID.
func (s *Backend) AddOffering(region string, o Offering) string {
	s.market.mu.Lock()
	defer s.market.mu.Unlock()
	list := s.offerings(region)
	if o.ID == "" {
		o.ID = offeringID(o)
	}
	s.market.offerings[region] = append(list, &o)
	return o.ID
}

// offerings returns region's offerings, generating the defaults on first
// use. The market lock must be held.
func (s *Backend) offerings(region string) []*Offering {
	list, ok := s.market.offerings[region]
	if !ok {
		list = s.defaultOfferings(region)
		s.market.offerings[region] = list
	}
	return list
}

// onDemand is the hourly Linux price the default offerings derive from,
// near what us-east-1 charges.
var onDemand = []struct {
	instanceType string
	hourly       float64
}{{"t3.micro", 0.0104}, {"m5.large", 0.096}, {"c5.xlarge", 0.17}}

// defaultOfferings builds a region's offerings: each instance type of
// onDemand, for Linux/UNIX and Windows, default and dedicated tenancy, one
// and three years and the three payment options; standard offerings per
// zone, convertible ones for the region. Prices follow a fixed discount
// table, so the list is the same on every run.
func (s *Backend) defaultOfferings(region string) []*Offering {
	var out []*Offering
	places := []string{}
	for _, z := range s.Zones(region) {
		places = append(places, z.Name)
	}
	places = append(places, "") // Region scope
	for _, it := range onDemand {
		for _, zone := range places {
			for _, product := range []string{"Linux/UNIX", "Windows"} {
				for _, tenancy := range []string{"default", "dedicated"} {
					for _, dur := range []int64{OneYear, ThreeYears} {
						for _, pay := range offeringTypes[:3] {
							o := defaultOffering(it.instanceType, it.hourly, zone, product, tenancy, dur, pay)
							o.ID = offeringID(*o)
							out = append(out, o)
						}
					}
				}
			}
		}
	}
	return out
}

func defaultOffering(instanceType string, hourly float64, zone, product, tenancy string, dur int64, pay string) *Offering {
	if product == "Windows" {
		hourly += 0.046 * math.Max(1, hourly/0.048)
	}
	if tenancy == "dedicated" {
		hourly *= 1.1
	}
	class, discount := "standard", 0.6
	if dur == ThreeYears {
		discount = 0.4
	}
	if zone == "" {
		class = "convertible"
		discount += 0.1
	}
	eff := hourly * discount
	hours := float64(dur) / 3600
	o := &Offering{InstanceType: instanceType, Zone: zone, ProductDescription: product, Tenancy: tenancy,
		OfferingType: pay, OfferingClass: class, Duration: dur}
	switch pay {
	case "No Upfront":
		o.RecurringCharges = []RecurringCharge{{round(eff*1.05, 4), "Hourly"}}
	case "Partial Upfront":
		o.FixedPrice = round(eff*hours*0.5, 0)
		o.RecurringCharges = []RecurringCharge{{round(eff*0.5, 4), "Hourly"}}
	default:
		o.FixedPrice = round(eff*hours*0.98, 0)
		o.RecurringCharges = []RecurringCharge{{0, "Hourly"}}
	}
	return o
}

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// offeringID derives an offering's ID from its terms, shaped like EC2's
// (a UUID), so default offerings keep their IDs from run to run.
func offeringID(o Offering) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s|%s|%s|%s|%s|%s|%d|%g|%v",
		o.InstanceType, o.Zone, o.ProductDescription, o.Tenancy, o.OfferingType, o.OfferingClass, o.Duration, o.FixedPrice, o.Marketplace))
	return uuidOf(sum[:16])
}

func uuidOf(b []byte) string {
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// offeringField returns the value a DescribeReservedInstancesOfferings
// filter name selects.
func offeringField(o *Offering, name string) string {
	switch name {
	case "availability-zone":
		return o.Zone
	case "duration":
		return strconv.FormatInt(o.Duration, 10)
	case "fixed-price":
		return strconv.FormatFloat(o.FixedPrice, 'f', -1, 64)
	case "instance-type":
		return o.InstanceType
	case "marketplace":
		return strconv.FormatBool(o.Marketplace)
	case "product-description":
		return o.ProductDescription
	case "reserved-instances-offering-id":
		return o.ID
	case "scope":
		return o.scope()
	case "usage-price":
		return strconv.FormatFloat(o.UsagePrice, 'f', -1, 64)
	case "instance-tenancy":
		return o.Tenancy
	case "offering-type":
		return o.OfferingType
	}
	return ""
}

// oneOf refuses a parameter whose value is not among allowed.
func oneOf(p url.Values, name string, allowed ...string) error {
	if v := p.Get(name); v != "" && !slices.Contains(allowed, v) {
		return invalidValue(fmt.Sprintf("Value (%s) for parameter %s is invalid.", v, name))
	}
	return nil
}

// describeReservedInstancesOfferings answers
// DescribeReservedInstancesOfferings: ReservedInstancesOfferingId.N, the
// InstanceType, AvailabilityZone, ProductDescription, InstanceTenancy,
// OfferingType, OfferingClass, MinDuration, MaxDuration and
// IncludeMarketplace parameters, Filter.N, and NextToken paging of at most
// MaxResults (1-100, default 100) offerings.
func (s *Backend) describeReservedInstancesOfferings(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	fs, err := filters(p, "availability-zone", "availability-zone-id", "duration", "fixed-price", "instance-type", "marketplace",
		"product-description", "reserved-instances-offering-id", "scope", "usage-price", "instance-tenancy", "offering-type")
	if err != nil {
		return err
	}
	for _, c := range []struct {
		name    string
		allowed []string
	}{
		{"InstanceTenancy", []string{"default", "dedicated", "host"}},
		{"OfferingType", offeringTypes},
		{"OfferingClass", []string{"standard", "convertible"}},
	} {
		if err := oneOf(p, c.name, c.allowed...); err != nil {
			return err
		}
	}
	minDur, err := intParam(p, "MinDuration", 0)
	if err != nil {
		return err
	}
	maxDur, err := intParam(p, "MaxDuration", math.MaxInt)
	if err != nil {
		return err
	}
	ids := list(p, "ReservedInstancesOfferingId")
	includeMarket := p.Get("IncludeMarketplace") != "false"
	want := func(param, v string) bool { return p.Get(param) == "" || p.Get(param) == v }
	zoneIDs := s.zoneIDs(r.Region)
	var matched []*Offering
	for _, o := range s.offerings(r.Region) {
		switch {
		case len(ids) > 0 && !slices.Contains(ids, o.ID),
			!want("InstanceType", o.InstanceType), !want("AvailabilityZone", o.Zone),
			!want("ProductDescription", o.ProductDescription), !want("InstanceTenancy", o.Tenancy),
			!want("OfferingType", o.OfferingType), !want("OfferingClass", o.OfferingClass),
			o.Duration < int64(minDur) || o.Duration > int64(maxDur),
			o.Marketplace && !includeMarket,
			!matchAll(fs, withZoneID(zoneIDs, func(name string) string { return offeringField(o, name) })):
			continue
		}
		matched = append(matched, o)
	}
	if !p.Has("MaxResults") {
		p = cloneValues(p)
		p.Set("MaxResults", "100")
	}
	matched, next, err := page(p, matched, 1, 100)
	if err != nil {
		return err
	}
	resp := describeOfferingsResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, NextToken: next}
	for _, o := range matched {
		resp.Offerings = append(resp.Offerings, offeringXML(o))
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

// purchaseReservedInstancesOffering answers PurchaseReservedInstancesOffering.
// The Reserved Instances are payment-pending until their transition
// finishes, then active. A LimitPrice.Amount below the total upfront price
// (FixedPrice × InstanceCount) is refused with InvalidParameterValue
// (EC2 documents the limit, not the code it answers).
func (s *Backend) purchaseReservedInstancesOffering(w http.ResponseWriter, r *fake.Request, start *[][]func()) error {
	p := r.Params
	id := p.Get("ReservedInstancesOfferingId")
	if id == "" {
		return missing("ReservedInstancesOfferingId")
	}
	if !p.Has("InstanceCount") {
		return missing("InstanceCount")
	}
	count, err := intParam(p, "InstanceCount", 0)
	if err != nil {
		return err
	}
	if count < 1 {
		return invalidValue("Value (" + strconv.Itoa(count) + ") for parameter instanceCount is invalid. Expected a positive integer.")
	}
	i := slices.IndexFunc(s.offerings(r.Region), func(o *Offering) bool { return o.ID == id })
	if i < 0 {
		return ec2Error("InvalidReservedInstancesOfferingId", "The Reserved Instances offering '%s' does not exist.", id)
	}
	o := s.offerings(r.Region)[i]
	total := o.FixedPrice * float64(count)
	if p.Has("LimitPrice.Amount") {
		if err := oneOf(p, "LimitPrice.CurrencyCode", "USD"); err != nil {
			return err
		}
		limit, err := strconv.ParseFloat(p.Get("LimitPrice.Amount"), 64)
		if err != nil {
			return invalidValue("Invalid value '" + p.Get("LimitPrice.Amount") + "' for limitPrice.amount")
		}
		if total > limit+1e-9 {
			return invalidValue(fmt.Sprintf("The total price %.2f exceeds the limit price %.2f.", total, limit))
		}
	}
	st := s.marketStore(r)
	bought := 0
	for _, ri := range st.reserved {
		if ri.state == "payment-pending" || ri.state == "active" {
			bought += ri.count
		}
	}
	if bought+count > reservedQuota {
		return ec2Error("ReservedInstancesLimitExceeded",
			"You have requested more Reserved Instances (%d) than your current limit of %d allows.", bought+count, reservedQuota)
	}
	ri := &reservedInstances{id: uuidOf(randomBytes(16)), offering: *o, count: count, start: r.Now,
		state: "payment-pending"}
	st.reserved[ri.id] = ri
	st.order = append(st.order, ri.id)
	*start = append(*start, []func(){func() { s.withMarket(func() { ri.state = "active" }) }})
	return fake.WriteXML(w, http.StatusOK, purchaseResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, ID: ri.id})
}

// reservedInstances is one purchase.
type reservedInstances struct {
	id       string
	offering Offering
	count    int
	start    time.Time
	state    string // payment-pending, active, payment-failed, retired
}

func (ri *reservedInstances) end() time.Time {
	return ri.start.Add(time.Duration(ri.offering.Duration) * time.Second)
}

// reservedField returns the value a DescribeReservedInstances filter name
// selects.
func reservedField(ri *reservedInstances, name string) string {
	switch name {
	case "reserved-instances-id":
		return ri.id
	case "state":
		return ri.state
	case "start":
		return ri.start.UTC().Format(xmlTime)
	case "end":
		return ri.end().UTC().Format(xmlTime)
	}
	return offeringField(&ri.offering, name)
}

// describeReservedInstances answers DescribeReservedInstances:
// ReservedInstancesId.N, OfferingType, OfferingClass and Filter.N. EC2
// does not page this list.
func (s *Backend) describeReservedInstances(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	fs, err := filters(p, "availability-zone", "availability-zone-id", "duration", "end", "fixed-price", "instance-type", "product-description",
		"reserved-instances-id", "scope", "start", "state", "usage-price")
	if err != nil {
		return err
	}
	if err := oneOf(p, "OfferingType", offeringTypes...); err != nil {
		return err
	}
	if err := oneOf(p, "OfferingClass", "standard", "convertible"); err != nil {
		return err
	}
	st := s.marketStore(r)
	ids := list(p, "ReservedInstancesId")
	for _, id := range ids {
		if st.reserved[id] == nil {
			return ec2Error("InvalidReservedInstancesId", "The Reserved Instances ID '%s' does not exist.", id)
		}
	}
	zoneIDs := s.zoneIDs(r.Region)
	resp := describeReservedResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID}
	for _, id := range st.order {
		ri := st.reserved[id]
		switch {
		case len(ids) > 0 && !slices.Contains(ids, id),
			p.Get("OfferingType") != "" && p.Get("OfferingType") != ri.offering.OfferingType,
			p.Get("OfferingClass") != "" && p.Get("OfferingClass") != ri.offering.OfferingClass,
			!matchAll(fs, withZoneID(zoneIDs, func(name string) string { return reservedField(ri, name) })):
			continue
		}
		resp.Reserved = append(resp.Reserved, reservedXML(ri))
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}

type recurringChargeItem struct {
	Frequency string  `xml:"frequency"`
	Amount    float64 `xml:"amount"`
}

type offeringItem struct {
	ID                 string                `xml:"reservedInstancesOfferingId"`
	InstanceType       string                `xml:"instanceType"`
	AvailabilityZone   string                `xml:"availabilityZone,omitempty"`
	Duration           int64                 `xml:"duration"`
	FixedPrice         float64               `xml:"fixedPrice"`
	UsagePrice         float64               `xml:"usagePrice"`
	ProductDescription string                `xml:"productDescription"`
	InstanceTenancy    string                `xml:"instanceTenancy"`
	CurrencyCode       string                `xml:"currencyCode"`
	OfferingType       string                `xml:"offeringType"`
	RecurringCharges   []recurringChargeItem `xml:"recurringCharges>item"`
	Marketplace        bool                  `xml:"marketplace"`
	PricingDetails     []pricingDetailItem   `xml:"pricingDetailsSet>item"`
	OfferingClass      string                `xml:"offeringClass"`
	Scope              string                `xml:"scope"`
}

type pricingDetailItem struct {
	Price float64 `xml:"price"`
	Count int     `xml:"count"`
}

func chargesXML(cs []RecurringCharge) []recurringChargeItem {
	out := make([]recurringChargeItem, 0, len(cs))
	for _, c := range cs {
		out = append(out, recurringChargeItem{Frequency: c.Frequency, Amount: c.Amount})
	}
	return out
}

func offeringXML(o *Offering) offeringItem {
	it := offeringItem{ID: o.ID, InstanceType: o.InstanceType, AvailabilityZone: o.Zone, Duration: o.Duration,
		FixedPrice: o.FixedPrice, UsagePrice: o.UsagePrice, ProductDescription: o.ProductDescription,
		InstanceTenancy: o.Tenancy, CurrencyCode: "USD", OfferingType: o.OfferingType,
		RecurringCharges: chargesXML(o.RecurringCharges), Marketplace: o.Marketplace,
		OfferingClass: o.OfferingClass, Scope: o.scope()}
	if o.Marketplace {
		it.PricingDetails = []pricingDetailItem{{Price: o.FixedPrice, Count: 1}}
	}
	return it
}

type describeOfferingsResponse struct {
	XMLName   xml.Name       `xml:"DescribeReservedInstancesOfferingsResponse"`
	Xmlns     string         `xml:"xmlns,attr"`
	RequestID string         `xml:"requestId"`
	Offerings []offeringItem `xml:"reservedInstancesOfferingsSet>item"`
	NextToken string         `xml:"nextToken,omitempty"`
}

type purchaseResponse struct {
	XMLName   xml.Name `xml:"PurchaseReservedInstancesOfferingResponse"`
	Xmlns     string   `xml:"xmlns,attr"`
	RequestID string   `xml:"requestId"`
	ID        string   `xml:"reservedInstancesId"`
}

type reservedItem struct {
	ID                 string                `xml:"reservedInstancesId"`
	InstanceType       string                `xml:"instanceType"`
	AvailabilityZone   string                `xml:"availabilityZone,omitempty"`
	Start              string                `xml:"start"`
	End                string                `xml:"end"`
	Duration           int64                 `xml:"duration"`
	FixedPrice         float64               `xml:"fixedPrice"`
	UsagePrice         float64               `xml:"usagePrice"`
	InstanceCount      int                   `xml:"instanceCount"`
	ProductDescription string                `xml:"productDescription"`
	State              string                `xml:"state"`
	InstanceTenancy    string                `xml:"instanceTenancy"`
	CurrencyCode       string                `xml:"currencyCode"`
	OfferingType       string                `xml:"offeringType"`
	RecurringCharges   []recurringChargeItem `xml:"recurringCharges>item"`
	OfferingClass      string                `xml:"offeringClass"`
	Scope              string                `xml:"scope"`
}

func reservedXML(ri *reservedInstances) reservedItem {
	o := &ri.offering
	return reservedItem{ID: ri.id, InstanceType: o.InstanceType, AvailabilityZone: o.Zone,
		Start: ri.start.UTC().Format(xmlTime), End: ri.end().UTC().Format(xmlTime), Duration: o.Duration,
		FixedPrice: o.FixedPrice, UsagePrice: o.UsagePrice, InstanceCount: ri.count,
		ProductDescription: o.ProductDescription, State: ri.state, InstanceTenancy: o.Tenancy, CurrencyCode: "USD",
		OfferingType: o.OfferingType, RecurringCharges: chargesXML(o.RecurringCharges),
		OfferingClass: o.OfferingClass, Scope: o.scope()}
}

type describeReservedResponse struct {
	XMLName   xml.Name       `xml:"DescribeReservedInstancesResponse"`
	Xmlns     string         `xml:"xmlns,attr"`
	RequestID string         `xml:"requestId"`
	Reserved  []reservedItem `xml:"reservedInstancesSet>item"`
}
